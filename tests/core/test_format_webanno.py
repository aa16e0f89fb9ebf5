"""WebAnno TSV 3.3: every file read by a strict reader written from INCEpTION's description
(tests/tsv3_reader.py) gives back each text and 100% of the spans and relations TSV3 can hold, on a
corpus with nested and stacked spans, a claim across a line break, NFD, astral characters, ZWNJ,
bidi controls, spans inside words and inside hyphenated tokens, two annotators."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import tsv3_reader
from format_corpus import REPO, SAMPLES, SEEDS, build_corpus, fresh_db, snapshot, texts_by_id
from joined_corpus import build_joined

from curator.errors import InputRejected
from curator.io import registry
from curator.io.formats.webanno.write import write_webanno
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.queries import count_documents

LAYERS = {
    "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity": "entity",
    "webanno.custom.Claim": "claim",
    "webanno.custom.Area": "area",
}
INCEPTION_FILE = REPO / "tests" / "data" / "webanno" / "inception_export.tsv"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    tmp = tmp_path_factory.mktemp("webanno")
    db = fresh_db(tmp, "corpus")
    build_corpus(db, SAMPLES, SEEDS, tmp)
    build_joined(db, tmp)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def exported(corpus: Database, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("webanno-out") / "out"
    notes: list[str] = []
    export("webanno", corpus, out, on_note=notes.append)
    return out, notes


def _stored(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """(document, annotator, layer, label, start, end, attributes, note) of every span, and the relations
    between them by their spans."""
    spans, relations = [], []
    for b in queries.iter_bundles(db):
        key = {}
        for s in b.spans:
            attributes = {k: ";".join(v) if isinstance(v, list) else v for k, v in s.attributes.items()}
            key[s.id] = (b.document.ext_id, s.annotator, s.layer, s.label, s.start, s.end)
            spans.append((*key[s.id], json.dumps(attributes, sort_keys=True), s.note))
        relations += [(r.type, key[r.source_id], key[r.target_id]) for r in b.relations]
    return sorted(spans), sorted(relations)


def test_webanno_is_a_registered_export_format() -> None:
    writer = registry.named("webanno").writer
    assert writer is not None and writer() is write_webanno


def test_a_strict_reader_gets_every_text_span_and_relation_back(
    corpus: Database, exported: tuple[Path, list[str]]
) -> None:
    out, _ = exported
    texts = texts_by_id(corpus)
    spans, relations = [], []
    index = [json.loads(line) for line in (out / "webanno.documents.jsonl").read_text("utf-8").splitlines()]
    assert len(index) == 18  # one file per document and annotator
    for entry in index:
        doc = tsv3_reader.read((out / entry["file"]).read_text(encoding="utf-8"))
        stored = texts[entry["document"]]
        # INCEpTION's rebuilding pads the gap before the first token with spaces and ends the text with
        # a line break: the index says what it cannot
        before = entry["before_first_token"]
        rebuilt = doc.text if entry["final_line_break"] else doc.text.removesuffix("\n")
        assert rebuilt[: len(before)] == " " * len(before)
        assert before + rebuilt[len(before) :] == stored  # every other character from the #Text= lines
        key = {}
        for s in doc.spans:
            attributes = {k: v for k, v in s.features.items() if k not in ("label", "value", "note") and v is not None}
            label = s.features.get("value") or s.features.get("label")
            key[id(s)] = (entry["document"], entry["annotator"], LAYERS[s.type], label, s.begin, s.end)
            spans.append((*key[id(s)], json.dumps(attributes, sort_keys=True), s.features.get("note") or ""))
        for s in doc.spans:
            relations += [(role, key[id(s)], key[id(t)]) for role, targets in s.links.items() for t in targets]
        relations += [("cue", key[id(gov)], key[id(dep)]) for _, gov, dep in doc.relations]
    assert (sorted(spans), sorted(relations)) == _stored(corpus)
    texts_of = {(s[0], s[4], s[5]) for s in spans}
    assert ("joined_fr", 15, 18) in texts_of and ("joined_fr", 19, 22) in texts_of  # ONU | OCI of ONU-OCI


def test_curator_reads_its_export_back_whole_but_document_labels(
    corpus: Database, exported: tuple[Path, list[str]], tmp_path: Path
) -> None:
    out, notes = exported
    assert notes == ["webanno cannot hold, so these were left out: 4 document labels"]
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [out])
    assert report.ignored == [str(out / "README.md")]
    assert snapshot(fresh, doc_labels=False) == snapshot(corpus, doc_labels=False)  # nested, stacked, attributes
    assert texts_by_id(fresh) == texts_by_id(corpus)
    fresh.dispose()


def test_a_span_starting_on_white_space_is_counted_aloud(tmp_path: Path, sqlite_db: Database) -> None:
    path = tmp_path / "d.jsonl"
    text = "قال  خالد خياري اليوم.\n"
    path.write_text(json.dumps({"id": "d", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(sqlite_db, [path])
    Editor(sqlite_db, "x").add_span(1, "entity", "PER", text.index(" خالد"), text.index(" اليوم"))
    notes: list[str] = []
    export("webanno", sqlite_db, tmp_path / "out", on_note=notes.append)
    assert notes[0].startswith("1 spans start or end with white space or invisible characters, which TSV3")


def test_an_inception_file_with_sub_tokens_and_a_relation_imports(sqlite_db: Database) -> None:
    import_paths(sqlite_db, [INCEPTION_FILE], annotator="inception")
    (bundle,) = queries.iter_bundles(sqlite_db)
    text = bundle.document.text
    assert text == "Il a déclaré que l’ONU aide 😊 .\n Le secrétaire général\tpart .\n"  # as INCEpTION rebuilds it
    spans = sorted((s.layer, s.label, text[s.start : s.end], s.attributes) for s in bundle.spans)
    assert spans == [
        ("claim", "CLAIM", "l’ONU aide 😊", {"stance": "support"}),
        ("claim", "CUE", "a déclaré", {}),
        ("entity", "ORG", "ONU", {}),  # a sub-token of l’ONU
        ("entity", "PER", "secrétaire général", {}),
    ]
    by_id = {s.id: text[s.start : s.end] for s in bundle.spans}
    assert [(r.type, by_id[r.source_id], by_id[r.target_id]) for r in bundle.relations] == [
        ("cue", "l’ONU aide 😊", "a déclaré")
    ]
    assert bundle.document.ext_id == "inception_export"


def _edit(path: Path, edit: Callable[[str], str]) -> None:
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize(
    ("case", "edit", "line", "message"),
    [
        ("a column less", lambda t: t.replace("\tCUE[1]\t*[1]\t1-5[2_1]\t", "\tCUE[1]\t1-5[2_1]\t"), 10, r"6 columns"),
        (
            "unknown layer",
            lambda t: t.replace("webanno.custom.Claim|", "webanno.custom.Topic|"),
            3,
            r"'webanno.custom.Topic'",
        ),
        ("unknown feature", lambda t: t.replace("|label|stance", "|label|mood"), 3, r"feature 'mood' is not in"),
        (
            "chain layer",
            lambda t: t.replace("#T_RL=webanno.custom.Cue", "#T_CH=webanno.custom.Cue"),
            4,
            r"chain layers",
        ),
        ("edited token", lambda t: t.replace("\taide\t", "\taidé\t"), 15, r"token 'aidé' is not the text at 23-27"),
        ("inside a pair", lambda t: t.replace("28-30\t😊", "29-30\t😊"), 16, r"offset 29 is not a character boundary"),
        ("unknown id", lambda t: t.replace("1-5[2_1]", "1-5[7_1]"), 10, r"names no claim annotation \[7\]"),
    ],
)
def test_a_broken_file_is_refused_with_its_line(
    tmp_path: Path, sqlite_db: Database, case: str, edit: Callable[[str], str], line: int, message: str
) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text(INCEPTION_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    _edit(path, edit)
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [path], annotator="x")
    (problem,) = err.value.problems
    assert (problem.source, problem.line) == (str(path), line), (case, problem)
    assert re.search(message, problem.message), problem.message
    assert count_documents(sqlite_db) == 0
