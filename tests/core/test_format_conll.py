"""CoNLL BIO: parsed back here, tokens aligned to the stored text, spans rebuilt from the tags; tokens
are split at every span boundary (after Arabic proclitics, inside hyphenated words), so every span a
BIO column can hold comes back exact."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from format_corpus import AMINA, annotated_db, fresh_db, stored_spans, texts_by_id
from joined_corpus import build_joined

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.io.tokens import SPACE, base_tokens, bio_tags, sentence_starts, tokenize
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.queries import count_documents


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def parse_conll(path: Path) -> list[tuple[list[str], list[list[tuple[str, list[str]]]]]]:
    """(header tags, sentences of (token, tags)) per -DOCSTART- block; a parser independent of Curator."""
    blocks: list[tuple[list[str], list[list[tuple[str, list[str]]]]]] = []
    sentence: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            blocks.append((line.split("\t")[1:], []))
        elif not line:
            if sentence:
                blocks[-1][1].append(sentence)
            sentence = []
        else:
            token, *tags = line.split("\t")
            assert token and not any(ch.isspace() for ch in token)
            sentence.append((token, tags))
    return blocks


def align(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Offsets of ``tokens`` found in order in ``text``, skipping only white space and invisible marks."""
    out, i = [], 0
    for token in tokens:
        j = text.index(token, i)
        assert all(ch.isspace() or ch in "\u200f\u200e\u202a\u202b\u202c\u202d\u202e" for ch in text[i:j]), text[i:j]
        out.append((j, j + len(token)))
        i = j + len(token)
    return out


def spans_from_bio(offsets: list[tuple[int, int]], tags: list[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for (start, end), tag in zip(offsets, tags, strict=True):
        if tag.startswith("B-"):
            out.append((start, end, tag[2:]))
        elif tag.startswith("I-"):
            assert out and out[-1][2] == tag[2:], "I- without B-"
            out[-1] = (out[-1][0], end, out[-1][2])
    return out


def test_bio_columns_rebuild_every_stored_span_on_the_seeds(corpus: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    assert export("conll", corpus, tmp_path / "out", on_note=notes.append) == 8
    assert notes[0] == (
        "11 tokens were split so that every span starts and ends on a token (11 after an Arabic proclitic, "
        "0 inside other words such as hyphenated ones)"
    ), notes
    texts = texts_by_id(corpus)
    rebuilt = []
    for path in sorted((tmp_path / "out").glob("*.conll")):
        annotator = path.stem
        index = [json.loads(line) for line in path.with_suffix(".documents.jsonl").read_text("utf-8").splitlines()]
        blocks = parse_conll(path)
        assert len(blocks) == len(index)
        for (header, sentences), entry in zip(blocks, index, strict=True):
            assert header == ["O", "O", "O"]
            text = texts[entry["document"]]
            tokens = [tok for sentence in sentences for tok, _ in sentence]
            offsets = align(text, tokens)
            assert offsets == [tuple(o) for s in entry["tokens"] for o in s]  # the index agrees with the text
            assert entry["columns"] == ["area", "claim", "entity"]  # entities last, as CoNLL-2003's NER column
            for column, layer in enumerate(entry["columns"]):
                tags = [tags[column] for sentence in sentences for _, tags in sentence]
                rebuilt += [
                    (entry["document"], annotator, layer, label, a, b, text[a:b])
                    for a, b, label in spans_from_bio(offsets, tags)
                ]
    expected = stored_spans(corpus)
    inside = [s for s in expected if any(o != s and o[:3] == s[:3] and o[4] <= s[4] and s[5] <= o[5] for o in expected)]
    assert [s[6] for s in inside] == ["الأمم المتحدة"]  # nested in "برنامج الأمم المتحدة الإنمائي"
    assert sorted(rebuilt) == [s for s in expected if s not in inside]
    assert any("1 spans overlap" in n for n in notes)


def test_a_span_inside_a_hyphenated_word_splits_the_token(tmp_path: Path, sqlite_db: Database) -> None:
    path = tmp_path / "d.jsonl"
    text = "Le Moyen-Orient et l’OCI.\n"
    path.write_text(json.dumps({"id": "d", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(sqlite_db, [path])
    Editor(sqlite_db, "x").add_span(1, "entity", "LOC", text.index("Orient"), text.index("Orient") + 6)
    notes: list[str] = []
    export("conll", sqlite_db, tmp_path / "out", on_note=notes.append)
    assert notes == [
        "1 tokens were split so that every span starts and ends on a token (0 after an Arabic proclitic, "
        "1 inside other words such as hyphenated ones)"
    ]
    (_, sentences), *_ = parse_conll(tmp_path / "out" / "x.conll")
    assert [(tok, tags[-1]) for tok, tags in sentences[0]][:4] == [
        ("Le", "O"),
        ("Moyen-", "O"),
        ("Orient", "B-LOC"),
        ("et", "O"),
    ]


def _joined(tmp_path: Path) -> Database:
    db = fresh_db(tmp_path, "joined")
    build_joined(db, tmp_path)
    return db


def test_spans_inside_joined_tokens_come_back_exact_in_french_and_arabic(tmp_path: Path) -> None:
    """``ONU-OCI``, ``UNDP-ISDB``, ``المتحدة-الاتحاد``, ``وONU-OCI``, ``l’ONUSIDA``: each span of the
    joined token is its own tokens; a curator who tagged the whole token keeps the whole token."""
    db = _joined(tmp_path)
    notes: list[str] = []
    export("conll", db, tmp_path / "out", on_note=notes.append)
    assert any("1 spans overlap" in n and "'ملل متحد'" in n for n in notes), notes  # the nested one, said aloud
    (_, sentences), *_ = parse_conll(tmp_path / "out" / "amina.conll")
    french = [(tok, tags[-1]) for tok, tags in sentences[0]]
    assert french[2:9] == [
        ("ONU", "B-ORG"),
        ("-", "O"),
        ("OCI", "B-ORG"),
        ("et", "O"),
        ("l’", "O"),
        ("accord", "O"),
        ("UNDP", "B-ORG"),
    ]
    assert ("ONU", "B-ORG") in french and ("SIDA", "O") in french
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [tmp_path / "out"])
    assert stored_spans(fresh) == _bio_expected(db)  # all but the nested "ملل متحد"
    assert {s[6] for s in stored_spans(fresh) if s[0] == "joined_ar"} >= {"UNDP", "ISDB", "ONU", "OCI", "UNDP-ISDB"}
    fresh.dispose()
    db.dispose()


def _words(text: str, cuts: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
    return [text[t.start : t.end] for t in tokenize(text, cuts).tokens if t.kind != SPACE]


def test_tokenizer_splits_a_proclitic_only_where_a_span_starts_after_it() -> None:
    text = "في غزة والسودان وبالأمم"
    assert _words(text) == ["في", "غزة", "والسودان", "وبالأمم"]
    assert _words(text, {text.index("السودان")}) == ["في", "غزة", "و", "السودان", "وبالأمم"]
    assert _words(text, {text.index("بالأمم"), text.index("الأمم")}) == ["في", "غزة", "والسودان", "و", "ب", "الأمم"]
    # not a proclitic: the cut stays unaligned
    assert _words(text, {text.index("زة")}) == ["في", "غزة", "والسودان", "وبالأمم"]
    assert tokenize(text, {text.index("زة")}, force=True).forced_splits == 1


def test_tokenizer_keeps_marks_emoji_sequences_and_french_words_whole() -> None:
    assert _words("قَالَ خَالِدُ") == ["قَالَ", "خَالِدُ"]
    assert _words("🇺🇳 👩‍⚕️ 👍🏽!") == ["🇺🇳", "👩‍⚕️", "👍🏽", "!"]
    assert _words("l’OCI qu'il aujourd'hui Moyen-Orient 3,5 %") == [
        "l’",
        "OCI",
        "qu'",
        "il",
        "aujourd'hui",
        "Moyen-Orient",
        "3,5",
        "%",
    ]
    text = "a\u200fb c\u00a0d"
    assert [(text[t.start : t.end], t.kind) for t in base_tokens(text)] == [
        ("a", "word"),
        ("\u200f", "space"),
        ("b", "word"),
        (" ", "space"),
        ("c", "word"),
        ("\u00a0", "space"),
        ("d", "word"),
    ]


def test_sentences_end_at_stops_and_breaks_but_not_after_abbreviations_or_inside_spans() -> None:
    text = "A déclaré M. Khiari. L’ONU aussi !\nقال خياري؟ نعم."
    tokens = tokenize(text).tokens
    firsts = [text[tokens[k].start : tokens[k].end] for k in sentence_starts(tokens, text, [])]
    assert firsts == ["A", "L’", "قال", "نعم"]
    protected = [(text.index("Khiari"), text.index("aussi"))]
    firsts = [text[tokens[k].start : tokens[k].end] for k in sentence_starts(tokens, text, protected)]
    assert firsts == ["A", "قال", "نعم"]


def test_bio_says_when_a_span_starts_or_ends_on_white_space() -> None:
    text = "قال  خالد خياري\u200f اليوم"
    start, end = text.index(" خالد"), text.index(" اليوم")  # a space before, a bidi mark after
    tokens = tokenize(text, {start, end}, force=True).tokens
    tagging = bio_tags(tokens, [(start, end, "PER")])
    assert tagging.trimmed == [(start, end, "PER")] and tagging.unaligned == []
    assert [text[t.start : t.end] for t, tag in zip(tokens, tagging.tags, strict=True) if tag != "O"] == [
        "خالد",
        "خياري",
    ]


def test_bio_reports_overlaps_and_never_tags_white_space() -> None:
    text = "منظمة التعاون الإسلامي"
    tokens = tokenize(text).tokens
    tagging = bio_tags(tokens, [(0, 22, "ORG"), (6, 13, "MISC")])
    assert [t for t in tagging.tags if t != "O"] == ["B-ORG", "I-ORG", "I-ORG"]
    assert all(tag == "O" for tok, tag in zip(tokens, tagging.tags, strict=True) if tok.kind == SPACE)
    assert tagging.overlapping == [(6, 13, "MISC")] and tagging.unaligned == []


def _bio_expected(db: Database) -> list[tuple[str, str, str, str, int, int, str]]:
    """The stored spans a BIO export can hold: all but a span nested in another of its layer."""
    spans = stored_spans(db)
    return [s for s in spans if not any(o != s and o[:3] == s[:3] and o[4] <= s[4] and s[5] <= o[5] for o in spans)]


def test_import_back_gives_every_span_bio_can_hold(corpus: Database, tmp_path: Path) -> None:
    """CoNLL holds spans only: one BIO column per layer cannot hold a span nested in another of the
    same layer ("الأمم المتحدة" inside "برنامج الأمم المتحدة الإنمائي"), nor attributes, notes,
    relations or document labels. Everything else comes back at the same characters, documents
    that nobody annotated included (``_text_only.conll``)."""
    export("conll", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out"])
    assert sorted(Path(f).name for f in report.files) == [
        "_text_only.conll",
        "amina.conll",
        "curation.conll",
        "sample.conll",
    ]
    assert report.batch.documents_added == 8 and report.ignored == [str(tmp_path / "out" / "README.md")]
    assert stored_spans(fresh) == _bio_expected(corpus)
    assert len(stored_spans(fresh)) == 70
    assert texts_by_id(fresh) == texts_by_id(corpus)  # texts, ids: the same documents
    assert [(b.relations, b.doc_labels) for b in queries.iter_bundles(fresh)] == [([], [])] * 8
    # imported again: nothing new, every annotation recognised
    again = import_paths(fresh, [tmp_path / "out"])
    assert not again.batch.added_anything and again.batch.spans_existing == 70
    fresh.dispose()


def test_a_conll_file_read_as_conll_whatever_its_name(corpus: Database, tmp_path: Path) -> None:
    export("conll", corpus, tmp_path / "out", annotators=[AMINA], layers=["entity"])
    conll = tmp_path / "out" / f"{AMINA}.conll"
    renamed = conll.rename(tmp_path / "out" / "tags.txt")
    (tmp_path / "out" / f"{AMINA}.documents.jsonl").rename(tmp_path / "out" / "tags.documents.jsonl")
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [renamed], fmt="conll")
    assert stored_spans(fresh) == [s for s in _bio_expected(corpus) if s[1] == AMINA and s[2] == "entity"]
    fresh.dispose()


def _broken(tmp_path: Path, corpus: Database, edit: Callable[[str], str], index: bool = False) -> Path:
    out = tmp_path / "out"
    export("conll", corpus, out, annotators=[AMINA], document_ids=[1, 4])
    path = out / (f"{AMINA}.documents.jsonl" if index else f"{AMINA}.conll")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out / f"{AMINA}.conll"


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


@pytest.mark.parametrize(
    ("case", "old", "new", "message"),
    [
        (
            "edited token",
            "غزة\tO\tO\tB-LOC",
            "غزه\tO\tO\tB-LOC",
            r"token 'غزه' is not the text at offset \d+ \('غزة'\)",
        ),
        (
            "bad tag",
            "غزة\tO\tO\tB-LOC",
            "غزة\tO\tO\tX-LOC",
            r"tag 'X-LOC' in column 'entity' is not O, B-LABEL or I-LABEL",
        ),
        ("unknown label", "غزة\tO\tO\tB-LOC", "غزة\tO\tO\tB-CITY", r"column 'entity': unknown label 'CITY'"),
        (
            "label of another layer",
            "غزة\tO\tO\tB-LOC",
            "غزة\tO\tO\tB-CLAIM",
            r"unknown label 'CLAIM' \(not in layer 'entity'\)",
        ),
        (
            "I- after O",
            "المتحدة\tO\tO\tI-ORG",
            "المتحدة\tO\tO\tI-LOC",
            r"I-LOC in column 'entity' continues no LOC span",
        ),
        ("missing column", "غزة\tO\tO\tB-LOC", "غزة\tO\tB-LOC", r"2 tags, but the block has 3 columns"),
        ("white space in a token", "غزة\tO\tO\tB-LOC", "غ زة\tO\tO\tB-LOC", r"'غ زة' is not a token"),
    ],
)
def test_a_broken_conll_file_is_refused_with_its_line(
    corpus: Database, tmp_path: Path, sqlite_db: Database, case: str, old: str, new: str, message: str
) -> None:
    conll = _broken(tmp_path, corpus, lambda text: text.replace(old, new, 1))
    line = _line_of(conll, new)
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [conll])
    (problem,) = err.value.problems
    assert (problem.source, problem.line) == (str(conll), line), case
    assert re.search(message, problem.message), problem.message
    assert sqlite_db.annotator_names() == [] and count_documents(sqlite_db) == 0  # nothing written


def test_a_conll_file_that_does_not_fit_its_index_is_refused(
    corpus: Database, tmp_path: Path, sqlite_db: Database
) -> None:
    conll = _broken(tmp_path, corpus, lambda text: text.split("\n", 1)[0] + "\n", index=True)  # one line only
    with pytest.raises(InputRejected, match=r"2 -DOCSTART- blocks but 1 documents in amina.documents.jsonl"):
        import_paths(sqlite_db, [conll])
    conll = _broken(tmp_path, corpus, lambda text: text.replace('"columns": [', '"columns": ["claims", '), index=True)
    with pytest.raises(InputRejected, match=r"amina.documents.jsonl:1: column 'claims' is not a span layer"):
        import_paths(sqlite_db, [conll])
    conll = _broken(tmp_path, corpus, lambda text: text.replace('"text": "', '"text": NaN, "x": "', 1), index=True)
    with pytest.raises(InputRejected, match=r"amina.documents.jsonl:1: NaN is not valid JSON"):
        import_paths(sqlite_db, [conll])
    conll = _broken(
        tmp_path, corpus, lambda text: text.replace("\\n", "\\n\\u0645\\u0632\\u064a\\u062f", 1), index=True
    )
    with pytest.raises(InputRejected, match=r"amina.conll:\d+: token '.+' is not the text at offset"):
        import_paths(sqlite_db, [conll])  # the text changed under the tokens: they no longer fit
    (tmp_path / "out" / f"{AMINA}.documents.jsonl").unlink()
    with pytest.raises(InputRejected, match=r"amina.conll:1: written by Curator's conll export with 3 tag columns"):
        import_paths(sqlite_db, [conll])
    assert count_documents(sqlite_db) == 0


def test_a_conll_file_without_annotator_needs_one(corpus: Database, tmp_path: Path, sqlite_db: Database) -> None:
    conll = _broken(
        tmp_path, corpus, lambda text: text.replace('"annotator": "amina"', '"annotator": null'), index=True
    )
    with pytest.raises(InputRejected, match=r"amina.documents.jsonl:1: the document names no annotator"):
        import_paths(sqlite_db, [conll])
    import_paths(sqlite_db, [conll], annotator="model")
    assert {s[1] for s in stored_spans(sqlite_db)} == {"model"}


def test_spacy_reads_every_entity_from_the_last_column(corpus: Database, tmp_path: Path) -> None:
    """spaCy's CoNLL-2003 NER converter (``spacy convert -c ner``) takes the tag from the last column."""
    from spacy.training.converters import conll_ner_to_docs

    export("conll", corpus, tmp_path / "out", annotators=[AMINA])
    data = (tmp_path / "out" / f"{AMINA}.conll").read_text(encoding="utf-8")
    read = sorted((ent.text, ent.label_) for doc in conll_ner_to_docs(data, no_print=True) for ent in doc.ents)
    entities = [s for s in stored_spans(corpus, [AMINA]) if s[2] == "entity"]
    outermost = [
        s for s in entities if not any(o != s and o[0] == s[0] and o[4] <= s[4] and s[5] <= o[5] for o in entities)
    ]
    assert len(read) == len(outermost) > 30
    # spaCy joins the tokens of an entity with spaces, where the text may have a line break or nothing
    assert sorted((text.replace(" ", ""), label) for text, label in read) == sorted(
        (s[6].replace(" ", "").replace("\n", ""), s[3]) for s in outermost
    )
