"""CoNLL-U export, read by the ``conllu`` library: the forms with SpaceAfter/SpacesAfter rebuild every
stored text exactly, and the BIO tags in MISC rebuild 100% of the spans a BIO column can hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from format_corpus import annotated_db, fresh_db, stored_spans, texts_by_id
from joined_corpus import build_joined

from curator.io import registry
from curator.io.formats.conllu.write import write_conllu
from curator.io.registry import export
from curator.store.database import Database

conllu = pytest.importorskip("conllu")

LAYERS = {"NER": "entity", "Claim": "claim", "Area": "area"}
UNESCAPE = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "p": "|", "\\": "\\"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value.startswith("\\u", i):
            out.append(chr(int(value[i + 2 : i + 6], 16)))
            i += 6
        elif value[i] == "\\":
            out.append(UNESCAPE[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _document(sentences: list[Any]) -> tuple[str, list[tuple[str, str, int, int]]]:
    """The text the forms and their spaces make, and (layer, label, start, end) of the BIO spans."""
    parts: list[str] = []
    found: list[list[Any]] = []
    pos = 0
    for sentence in sentences:
        opened: dict[str, list[Any]] = {}  # spans never cross a sentence
        for token in sentence:
            misc = token["misc"] or {}
            if "SpacesBefore" in misc:
                parts.append(_unescape(misc["SpacesBefore"]))
                pos += len(parts[-1])
            start, end = pos, pos + len(token["form"])
            gap = " "
            if misc.get("SpaceAfter") == "No":
                gap = ""
            elif "SpacesAfter" in misc:
                gap = _unescape(misc["SpacesAfter"])
            parts += [token["form"], gap]
            pos = end + len(gap)
            for key, layer in LAYERS.items():
                tag = misc.get(key, "O")
                if tag.startswith("B-"):
                    opened[key] = [layer, tag[2:], start, end]
                    found.append(opened[key])
                elif tag.startswith("I-"):
                    assert opened[key][1] == tag[2:], "I- continuing another label"
                    opened[key][3] = end
                else:
                    opened.pop(key, None)
    return "".join(parts), [(a, b, c, d) for a, b, c, d in found]


def read_back(folder: Path) -> tuple[dict[str, str], list[tuple[str, str, str, str, int, int, str]]]:
    """Texts by document id and (document, annotator, layer, label, start, end, text) of every span,
    from the files alone, parsed by the conllu library."""
    texts: dict[str, str] = {}
    spans = []
    for path in sorted(folder.glob("*.conllu")):
        documents: list[tuple[str, list[Any]]] = []
        for sentence in conllu.parse(path.read_text(encoding="utf-8")):
            if "newdoc id" in sentence.metadata:
                documents.append((sentence.metadata["newdoc id"], []))
            documents[-1][1].append(sentence)
        for doc_id, sentences in documents:
            text, found = _document(sentences)
            assert texts.setdefault(doc_id, text) == text  # every annotator's file: the same text
            spans += [(doc_id, path.stem, lay, lab, a, b, text[a:b]) for lay, lab, a, b in found]
    return texts, sorted(spans)


def _bio_expected(db: Database) -> list[tuple[str, str, str, str, int, int, str]]:
    spans = stored_spans(db)
    return [s for s in spans if not any(o != s and o[:3] == s[:3] and o[4] <= s[4] and s[5] <= o[5] for o in spans)]


def test_conllu_is_a_registered_export_format() -> None:
    writer = registry.named("conllu").writer
    assert writer is not None and writer() is write_conllu


def test_conllu_rebuilds_every_text_and_every_span_bio_holds(corpus: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    assert export("conllu", corpus, tmp_path / "out", on_note=notes.append) == 8
    texts, spans = read_back(tmp_path / "out")
    assert texts == texts_by_id(corpus)  # NFD, emoji, tabs, no-break spaces, bidi marks: exact
    expected = _bio_expected(corpus)
    assert next(s for s in stored_spans(corpus) if s not in expected)[6] == "الأمم المتحدة"  # nested: said aloud
    assert any("1 spans overlap" in n for n in notes)
    assert spans == [(s[0], s[1] if s[1] else "_text_only", *s[2:]) for s in expected]


def test_proclitics_and_joined_words_split_with_space_after_no(tmp_path: Path) -> None:
    db = fresh_db(tmp_path, "joined")
    build_joined(db, tmp_path)
    export("conllu", db, tmp_path / "out")
    texts, spans = read_back(tmp_path / "out")
    assert texts == texts_by_id(db)  # NFD, astral letters, ZWNJ, bidi isolates: exact
    assert spans == _bio_expected(db)
    sentences = conllu.parse((tmp_path / "out" / "amina.conllu").read_text(encoding="utf-8"))
    arabic = next(s for s in sentences if s.metadata.get("newdoc id") == "joined_ar")
    rows = [(t["form"], dict(t["misc"] or {})) for t in arabic]
    assert ("و", {"SpaceAfter": "No"}) in rows  # وONU-OCI: the proclitic split off
    onu = [form for form, _ in rows].index("ONU")
    assert rows[onu : onu + 3] == [
        ("ONU", {"NER": "B-ORG", "SpaceAfter": "No"}),
        ("-", {"SpaceAfter": "No"}),
        ("OCI", {"NER": "B-ORG"}),
    ]
    db.dispose()
