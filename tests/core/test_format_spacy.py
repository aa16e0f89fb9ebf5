"""spaCy DocBin: exported, read back with spaCy itself (blank pipelines only), trained on, imported."""

from __future__ import annotations

import json
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from format_corpus import AMINA, GOLD, annotated_db, fresh_db, snapshot, stored_spans, texts_by_id  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402
from spacy.training import Example  # noqa: E402

from curator.errors import InputRejected  # noqa: E402
from curator.io.formats.spacy.docbin import DocBinWriter, bin_header  # noqa: E402
from curator.io.formats.spacy.write import reference_docbin  # noqa: E402
from curator.io.importer import import_paths  # noqa: E402
from curator.io.registry import export  # noqa: E402
from curator.store.database import Database  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _docs(folder: Path, lang: str = "xx") -> list[Doc]:
    return list(DocBin().from_disk(folder / "corpus.spacy").get_docs(spacy.blank(lang).vocab))


def test_every_span_read_by_spacy_equals_the_stored_span(corpus: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    assert export("spacy", corpus, tmp_path / "out", on_note=notes.append) == 8
    texts = texts_by_id(corpus)
    read = []
    for lang in ("xx", "ar", "fr"):  # the DocBin does not depend on the pipeline that loads it
        docs = _docs(tmp_path / "out", lang)
        assert len(docs) == 13  # one Doc per document and annotator, one text-only Doc
        read = []
        for doc in docs:
            meta = doc.user_data["curator"]
            assert doc.text == texts[meta["document"]]  # character for character, emoji and bidi marks too
            for layer, group in doc.spans.items():
                for span in group:
                    assert span.text == doc.text[span.start_char : span.end_char]
                    read.append(
                        (
                            meta["document"],
                            meta["annotator"],
                            layer,
                            span.label_,
                            span.start_char,
                            span.end_char,
                            span.text,
                        )
                    )
    assert sorted(read) == stored_spans(corpus)
    assert len(read) == 71
    assert not any("split inside a word" in n for n in notes)  # proclitic splits were enough


def test_ents_are_the_non_overlapping_entities_and_the_flag_counts_as_two_code_points(
    corpus: Database, tmp_path: Path
) -> None:
    notes: list[str] = []
    export("spacy", corpus, tmp_path / "out", on_note=notes.append)
    docs = _docs(tmp_path / "out")
    nested = 0
    for doc in docs:
        entities = {(s.start_char, s.end_char, s.label_) for s in doc.spans.get("entity", [])}
        ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        assert ents <= entities
        nested += len(entities - ents)
        if doc.user_data["curator"]["document"] == "emoji_ar" and doc.user_data["curator"]["annotator"] == AMINA:
            flag = [e for e in doc.ents if e.label_ == "MISC"]
            assert [(e.start_char, e.end_char, e.text) for e in flag] == [(91, 93, "🇺🇳")]
    assert nested == 1  # "الأمم المتحدة" inside "برنامج الأمم المتحدة الإنمائي"
    assert any("not in doc.ents" in n for n in notes)


def test_a_blank_pipeline_trains_on_the_export(corpus: Database, tmp_path: Path) -> None:
    """spaCy itself aligns the gold Docs with its own tokenizer: misaligned entities would warn (W030)."""
    export("spacy", corpus, tmp_path / "out", annotators=[GOLD])
    nlp = spacy.blank("xx")
    ner = nlp.add_pipe("ner")
    docs = _docs(tmp_path / "out")
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    for d in docs:
        for ent in d.ents:
            ner.add_label(ent.label_)
    nlp.initialize(lambda: examples)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        losses = nlp.update(examples, sgd=nlp.create_optimizer())
    assert "ner" in losses
    assert not [w for w in caught if "W030" in str(w.message)]


def test_import_back_gives_identical_annotations(corpus: Database, tmp_path: Path) -> None:
    export("spacy", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out" / "corpus.spacy"])
    assert report.batch.documents_added == 8
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def test_curated_and_layer_selection(corpus: Database, tmp_path: Path) -> None:
    export("spacy", corpus, tmp_path / "out", annotators=[GOLD], layers=["claim"])
    docs = _docs(tmp_path / "out")
    annotators = {d.user_data["curator"]["annotator"] for d in docs}
    assert annotators == {GOLD, None}
    assert {key for d in docs for key in d.spans} == {"claim"}
    assert not any(d.ents for d in docs)
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "curated (gold) layer only" in card and "layers claim" in card


def test_foreign_docbin_is_read_with_its_problems_named(corpus: Database, tmp_path: Path) -> None:
    nlp = spacy.blank("fr")
    good = nlp("L'OCI et l'ONU à Genève.")
    good.ents = [Span(good, 4, 5, label="ORG")]  # "ONU" after l'
    bad = nlp("Un texte avec une étiquette inconnue.")
    bad.ents = [Span(bad, 1, 2, label="THING")]
    path = tmp_path / "model.spacy"
    DocBin(docs=[good, bad]).to_disk(path)
    db = fresh_db(tmp_path)
    with pytest.raises(InputRejected) as err:
        import_paths(db, [path], annotator="model")
    assert [str(p) for p in err.value.problems] == [
        f"{path}: document 2: span group 'entity', span 3-8: unknown label 'THING' (not in layer 'entity')"
    ]
    assert db.annotator_names() == []  # nothing written
    DocBin(docs=[good]).to_disk(path)
    with pytest.raises(InputRejected, match="names no annotator"):
        import_paths(db, [path])
    import_paths(db, [path], annotator="model")
    assert stored_spans(db) == [("model-1", "model", "entity", "ORG", 11, 14, "ONU")]
    db.dispose()


def test_user_data_is_plain_json(corpus: Database, tmp_path: Path) -> None:
    export("spacy", corpus, tmp_path / "out")
    for doc in _docs(tmp_path / "out"):
        json.dumps(doc.user_data["curator"])  # other tools can read it without Curator


@pytest.mark.parametrize("selection", [{}, {"annotators": [GOLD], "layers": ["claim", "entity"]}])
def test_the_export_writes_the_message_spacy_docbin_writes(
    corpus: Database, tmp_path: Path, selection: dict[str, list[str]]
) -> None:
    """The export makes no Doc per view and writes the DocBin itself (much faster, a fifth of the
    memory); the file must hold the message spaCy's DocBin writes for the Docs view_to_doc makes
    (compressed at another zlib level)."""
    export("spacy", corpus, tmp_path / "ours", **selection)
    assert not [p.name for p in (tmp_path / "ours").iterdir() if p.name not in ("corpus.spacy", "README.md")]
    expected = reference_docbin(corpus, **selection).to_bytes()
    assert zlib.decompress((tmp_path / "ours" / "corpus.spacy").read_bytes()) == zlib.decompress(expected)


def test_the_docbin_writer_agrees_with_spacy_on_other_docs(tmp_path: Path) -> None:
    """Docs with lemmas, tags, a morphological analysis, entity ids, several span groups; and none."""
    nlp = spacy.blank("fr")
    doc = nlp("L'OCI et l'ONU siègent à Genève.")
    doc[1].lemma_, doc[1].tag_ = "OCI", "PROPN"
    doc[1].set_morph("Gender=Fem|Number=Sing")
    doc.ents = [Span(doc, 1, 2, label="ORG", span_id="7", kb_id="Q1")]
    doc.spans["entity"] = [Span(doc, 1, 2, label="ORG"), Span(doc, 4, 5, label="ORG")]
    doc.spans["claim"] = [Span(doc, 0, 6, label="CLAIM", span_id="9")]
    doc.cats = {"ECONOMY": 1.0}
    doc.user_data["curator"] = {"document": "d", "relations": [["claimant", "9", "7"]]}
    other = nlp("Rien.")
    for docs in ([], [doc], [doc, other, doc]):
        writer = DocBinWriter(tmp_path / "scratch")
        for d in docs:
            writer.add(d)
        writer.write(tmp_path / "ours.spacy")
        assert not (tmp_path / "scratch").exists()
        DocBin(store_user_data=True, docs=docs).to_disk(tmp_path / "spacy.spacy")
        ours, theirs = ((tmp_path / name).read_bytes() for name in ("ours.spacy", "spacy.spacy"))
        assert zlib.decompress(ours) == zlib.decompress(theirs)
        assert len(DocBin().from_bytes(ours)) == len(docs)


def test_bin_headers_are_msgpacks() -> None:
    import srsly

    for size in (0, 1, 255, 256, 65535, 65536, 70000):
        data = b"x" * size
        assert bin_header(size) + data == srsly.msgpack_dumps(data)
