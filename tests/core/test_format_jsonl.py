"""The jsonl format through the export registry: layer selection, curated layer, its dataset card."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from format_corpus import GOLD, annotated_db, fresh_db, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.io.formats.jsonl.lines import interchange_lines
from curator.io.formats.jsonl.read import iter_lines, read_jsonl
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.io.selection import Selection, only_layers
from curator.store import queries
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def test_round_trip_with_card_beside_the_file(corpus: Database, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    (tmp_path / "README.md").write_text("the user's own readme", encoding="utf-8")
    assert export("jsonl", corpus, out) == 8
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "the user's own readme"  # never overwritten
    card = (tmp_path / "corpus.README.md").read_text(encoding="utf-8")
    assert "8 documents, 71 spans." in card
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [out])
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def test_layer_selection_keeps_relations_only_between_kept_spans(corpus: Database, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    export("jsonl", corpus, out, annotators=[GOLD], layers=["claim"])
    records = list(iter_lines(out))
    anns = [a for r in records for a in r["annotations"]]
    assert {(a["layer"], a["annotator"]) for a in anns} == {("claim", GOLD)}
    assert {rel["type"] for r in records for rel in r["relations"]} == {"cue"}  # claimant targets are entities
    assert not [lab for r in records for lab in r["doc_labels"]]  # area labels are another layer


def _record(bundle: queries.DocumentBundle) -> dict[str, object]:
    """The interchange record of one bundle, built the plain way (dicts for ``json.dumps``)."""
    d = bundle.document
    record: dict[str, object] = {"id": d.ext_id, "title": d.title, "language": d.language, "text": d.text}
    if d.meta:
        record["meta"] = d.meta
    record["annotations"] = [
        {
            "id": str(s.id),
            "annotator": s.annotator,
            "layer": s.layer,
            "label": s.label,
            "start": s.start,
            "end": s.end,
            **({"attributes": s.attributes} if s.attributes else {}),
            **({"note": s.note} if s.note else {}),
        }
        for s in bundle.spans
    ]
    kept = {s.id for s in bundle.spans}
    record["relations"] = [
        {"annotator": r.annotator, "type": r.type, "source": str(r.source_id), "target": str(r.target_id)}
        for r in bundle.relations
        if r.source_id in kept and r.target_id in kept
    ]
    record["doc_labels"] = [{"annotator": a, "layer": lay, "label": lab} for a, lay, lab in bundle.doc_labels]
    return record


@pytest.mark.parametrize(
    "selection",
    [Selection(), Selection(annotators=[GOLD]), Selection(layers=["claim", "area"]), Selection(document_ids=[2, 5])],
    ids=["everything", "gold", "claims-and-areas", "two-documents"],
)
def test_each_line_is_json_dumps_of_the_record(corpus: Database, selection: Selection) -> None:
    """The lines are assembled from pieces for speed; they must be exactly what json.dumps writes."""
    expected = [
        json.dumps(_record(only_layers(b, selection.layers)), ensure_ascii=False, separators=(",", ":")) + "\n"
        for b in queries.iter_bundles(corpus, selection.annotators, selection.document_ids)
    ]
    lines = list(interchange_lines(corpus, selection))
    assert lines == expected
    spans = [a for line in lines for a in json.loads(line)["annotations"]]
    assert spans, "the selection holds annotations"
    if selection == Selection():  # the corpus has every kind of field
        assert any("attributes" in a for a in spans) and any("note" in a for a in spans)
        assert any(json.loads(line)["relations"] and json.loads(line)["doc_labels"] for line in lines)


def test_metadata_and_unusual_strings_are_written_as_json_dumps_writes_them(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    text = 'قال "المتحدث"\\ إن\tالأمم 😀 المتحدة\u2028تتعاون'
    record = {
        "id": 'doc "1"',
        "title": "عنوان\u202e",
        "text": text,
        "meta": {"المصدر": "وكالة", "n": 3, "tags": ["a", None, 1.5]},
        "annotations": [
            {"annotator": 'a"b', "layer": "entity", "label": "ORG", "start": 16, "end": 29, "note": "ملاحظة\n"}
        ],
    }
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = fresh_db(tmp_path)
    import_paths(db, [source])
    expected = [
        json.dumps(_record(b), ensure_ascii=False, separators=(",", ":")) + "\n" for b in queries.iter_bundles(db)
    ]
    assert list(interchange_lines(db, Selection())) == expected
    assert json.loads(expected[0])["meta"] == record["meta"]
    db.dispose()


class _Pairs(list):  # type: ignore[type-arg]
    """An object as written: its (key, value) pairs in order, repeats allowed."""


# JSON values as written, objects as lists of pairs so that a key may repeat.
_KEYS = st.sampled_from(["a", "b", 'q"', "c\\\\", "start"])
_SCALARS = st.one_of(st.integers(-5, 5), st.text(alphabet='ab":{}[],ي', max_size=6), st.none())
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.lists(st.tuples(_KEYS, inner), max_size=3).map(_Pairs)),
    max_leaves=12,
)


def _write(value: object) -> str:
    if isinstance(value, _Pairs):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {_write(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_write, value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def _repeats(value: object) -> bool:
    if isinstance(value, _Pairs):
        keys = [k for k, _ in value]
        return len(set(keys)) < len(keys) or any(_repeats(v) for _, v in value)
    return isinstance(value, list) and any(map(_repeats, value))


@settings(max_examples=300, deadline=None)
@given(meta=_VALUES, text=st.text(alphabet='ab"\nن', min_size=1, max_size=8).filter(str.strip))
def test_a_line_is_refused_exactly_when_some_object_repeats_a_key(
    tmp_path_factory: Any, meta: object, text: str
) -> None:
    line = '{"id": "d", "text": ' + json.dumps(text, ensure_ascii=False) + ', "meta": {"m": ' + _write(meta) + "}}"
    path = tmp_path_factory.mktemp("dup") / "one.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    docs, problems = read_jsonl(path)
    refused = [p for p in problems if "duplicate key" in p.message]
    assert bool(refused) == _repeats(meta)
    if not _repeats(meta):
        assert len(docs) == 1 and docs[0].text == text


def _merged(batches: Iterator[Any]) -> tuple[list[Any], dict[int, Any], dict[int, Any], dict[int, Any]]:
    docs: list[Any] = []
    spans: dict[int, Any] = {}
    relations: dict[int, Any] = {}
    labels: dict[int, Any] = {}
    for batch in batches:
        docs += batch.documents
        spans.update(batch.spans)
        relations.update(batch.relations)
        labels.update(batch.doc_labels)
    return docs, spans, relations, labels


def test_the_export_reads_the_same_annotations_whatever_its_batch_size_or_chosen_documents(corpus: Database) -> None:
    from curator.store.export_rows import row_batches

    whole = _merged(row_batches(corpus))
    assert whole[1] and whole[2] and whole[3]  # the corpus has spans, relations and document labels
    assert _merged(row_batches(corpus, batch=2)) == whole
    ids = [doc[0] for doc in whole[0]]
    chosen = [ids[0], ids[-1]]  # not a range: the documents between are left out
    docs, spans, relations, labels = _merged(row_batches(corpus, document_ids=chosen, batch=2))
    assert [doc[0] for doc in docs] == chosen
    assert set(spans) | set(relations) | set(labels) <= set(chosen)
    assert spans == {i: whole[1][i] for i in chosen if i in whole[1]}


# A curator's file with a key misspelt: the document came in with no annotations, exit 0 (issue 15).
_ENTITY = {"annotator": "amina", "layer": "entity", "label": "ORG", "start": 0, "end": 3}
MISSPELT = {
    "document": (
        {"id": "d", "text": "OCI et ONU", "annotatons": [_ENTITY]},
        "the document has an unknown key 'annotatons' (did you mean 'annotations'?); keep other data under 'meta'",
    ),
    "annotation": (
        {"id": "d", "text": "OCI et ONU", "annotations": [{**_ENTITY, "lable": "PER"}]},
        "annotation 1 has an unknown key 'lable' (did you mean 'label'?)",
    ),
    "relation": (
        {
            "id": "d",
            "text": "OCI et ONU",
            "annotations": [{**_ENTITY, "id": "1"}],
            "relations": [{"annotator": "amina", "type": "cue", "source": "1", "traget": "1"}],
        },
        "relation 1 has an unknown key 'traget' (did you mean 'target'?)",
    ),
    "document label": (
        {"id": "d", "text": "OCI et ONU", "doc_labels": [{"annotator": "amina", "layer": "area", "lable": "HEALTH"}]},
        "document label 1 has an unknown key 'lable' (did you mean 'label'?)",
    ),
}


@pytest.mark.parametrize(("record", "message"), MISSPELT.values(), ids=MISSPELT.keys())
def test_an_unknown_key_is_refused_with_file_line_and_the_key_it_was_meant_to_be(
    db_url: str, tmp_path: Path, record: dict[str, object], message: str
) -> None:
    from test_cli import run

    path = tmp_path / "batch.jsonl"
    good = {"id": "g", "text": "Le Conseil de sécurité", "annotations": []}
    path.write_text(json.dumps(good) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    for args in (("import", "--check", str(path)), ("import", str(path))):
        result = run(*args, db_url=db_url)
        assert result.returncode == 1, result.stdout
        assert f"{path}:2: {message}" in result.stderr
    assert json.loads(run("stats", "--json", db_url=db_url).stdout)["documents"]["total"] == 0  # nothing of the batch


def test_extra_data_under_meta_is_kept(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    record = {"id": "d", "text": "OCI et ONU", "meta": {"doc_id": 7, "source_url": "https://example.org"}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    import_paths(sqlite_db, [path])
    assert [b.document.meta for b in queries.iter_bundles(sqlite_db)] == [record["meta"]]
