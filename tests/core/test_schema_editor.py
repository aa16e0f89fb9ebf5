"""The schema editor's core (issue 21): each change one transaction, annotations moved with it,
the schema file written back keeping its layout, one undo putting everything back, bad input
refused with nothing written. On SQLite and PostgreSQL (the ``db_url`` fixture)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from curator.errors import EditRefused, StaleEdit
from curator.paths import default_schema_path
from curator.records import DocLabelIn, DocumentIn, SpanIn
from curator.schema import load_schema
from curator.schema.editing import SchemaEditRefused
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import GOLD_ANNOTATOR, HistoryEntry, SchemaRecord
from curator.store.schema_changes import SchemaEditor, spans_matching

TEXT = "Paris et Rome. L'ONU et l'OCI à Genève. Paris encore."


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def project(db_url: str, tmp_path: Path) -> Iterator[tuple[Database, Path, int]]:
    """A project's own schema file, a document with spans of two annotators and the gold layer."""
    schema_file = tmp_path / "project-schema.yaml"
    shutil.copyfile(default_schema_path(), schema_file)
    db = Database(db_url, schema_path=schema_file)
    doc = DocumentIn(source="t.jsonl", line=1, text=TEXT, ext_id="t1", title="T")
    doc.spans = [
        SpanIn("entity", "LOC", *_at("Paris"), "amina"),
        SpanIn("entity", "LOC", *_at("Rome"), "karim"),
        SpanIn("entity", "ORG", *_at("ONU"), "amina"),
        SpanIn("entity", "ORG", *_at("OCI"), "karim"),
        SpanIn("entity", "LOC", *_at("Paris", 1), GOLD_ANNOTATOR),
        SpanIn("claim", "CLAIM", *_at("Paris encore"), "amina", {"stance": "support", "area": "REFUGEES"}),
    ]
    doc.doc_labels = [
        DocLabelIn("area", "HUMANITARIAN", "amina"),
        DocLabelIn("area", "REFUGEES", "amina"),
        DocLabelIn("area", "REFUGEES", "karim"),
    ]
    write_batch(db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(db, ["t1"])
    try:
        yield db, schema_file, doc_id
    finally:
        db.dispose()


def _labels(db: Database, doc_id: int) -> list[tuple[str, str, str]]:
    return sorted((s.annotator, s.label, TEXT[s.start : s.end]) for s in queries.spans(db, doc_id))


def _schema_rows(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(SchemaRecord.id))) or 0


def test_renaming_a_label_updates_every_span_of_it_and_one_undo_restores_them(
    project: tuple[Database, Path, int],
) -> None:
    db, schema_file, doc_id = project
    before_spans = queries.spans(db, doc_id)
    orgs = [s for s in before_spans if s.label == "ORG"]
    assert {s.annotator for s in orgs} == {"amina", "karim"}
    editor = SchemaEditor(db, "boss")
    change = editor.rename_label("entity", "ORG", {"en": "Organization", "fr": "Organisme"})
    # Every span of it (both annotators') now reads under the new names; its id, stored and exported, stays.
    for span in queries.spans(db, doc_id):
        if span.label == "ORG":
            names = db.schema.label(span.layer, span.label)
            assert names is not None and (names.names.en, names.names.fr) == ("Organization", "Organisme")
    assert [s.label for s in queries.spans(db, doc_id)] == [s.label for s in before_spans]
    # The file is written back, keeping its comments and trilingual names; a new database reads it alike.
    assert change.written == schema_file and change.layout_kept
    written = schema_file.read_text(encoding="utf-8")
    assert "# Every layer and label has names in Arabic, French and English" in written
    assert '{id: ORG, names: {ar: "منظمة", fr: "Organisme", en: "Organization"}' in written
    assert load_schema(schema_file) == db.schema and db.schema.version == 2
    # In the history, under the editor's name.
    with db.read() as session:
        row = session.scalars(select(HistoryEntry).where(HistoryEntry.kind == "schema")).one()
        assert row.annotator == "boss" and row.after is not None and row.after["change"] == "rename-label"
    # One undo: names, file, version back; the spans as they were.
    editor.undo(change)
    label = db.schema.label("entity", "ORG")
    assert label is not None and label.names.en == "Organisation" and db.schema.version == 1
    assert schema_file.read_text(encoding="utf-8") == default_schema_path().read_text(encoding="utf-8")
    assert queries.spans(db, doc_id) == before_spans
    # A database opened again has the schema in force.
    again = Database(db.url)
    try:
        assert again.schema == db.schema
    finally:
        again.dispose()


def test_merging_moves_every_annotators_and_the_gold_layers_spans_and_undo_puts_them_back(
    project: tuple[Database, Path, int],
) -> None:
    db, schema_file, doc_id = project
    before = _labels(db, doc_id)
    before_spans = queries.spans(db, doc_id)
    editor = SchemaEditor(db, "boss")
    change = editor.merge_labels("entity", "LOC", "ORG")
    assert db.schema.label("entity", "LOC") is None
    assert [lab for _a, lab, _t in _labels(db, doc_id) if lab in ("LOC", "ORG")] == ["ORG"] * 5
    assert ("curation", "ORG", "Paris") in _labels(db, doc_id)
    assert {m.id for m in change.spans} == {s.id for s in before_spans if s.label == "LOC"}
    # the claimant relation's target list follows
    claimant = db.schema.relation("claimant")
    assert claimant is not None and claimant.target.labels == ("PER", "ORG")
    assert "LOC" not in schema_file.read_text(encoding="utf-8").split("layers:")[1].split("- id: area")[0]
    # a span edited later carries the new version
    moved = next(s for s in queries.spans(db, doc_id) if s.id == change.spans[0].id)
    assert moved.version == change.spans[0].version
    editor.undo(change)
    assert _labels(db, doc_id) == before
    assert [(s.id, s.label, s.attributes) for s in queries.spans(db, doc_id)] == [
        (s.id, s.label, s.attributes) for s in before_spans
    ]
    assert db.schema.label("entity", "LOC") is not None and load_schema(schema_file) == db.schema


def test_merging_document_labels_keeps_one_where_both_were_set_and_rewrites_label_attributes(
    project: tuple[Database, Path, int],
) -> None:
    db, _file, doc_id = project
    editor = SchemaEditor(db, "boss")
    change = editor.merge_labels("area", "REFUGEES", "HUMANITARIAN")
    assert sorted(queries.document_labels(db, doc_id)) == [
        ("amina", "area", "HUMANITARIAN"),
        ("karim", "area", "HUMANITARIAN"),
    ]
    assert len(change.rows_removed) == 1 and len(change.rows_moved) == 1
    # a claim's area attribute named the merged label: it names the target now
    (claim,) = [s for s in queries.spans(db, doc_id) if s.label == "CLAIM"]
    assert claim.attributes == {"stance": "support", "area": "HUMANITARIAN"}
    editor.undo(change)
    assert sorted(queries.document_labels(db, doc_id)) == [
        ("amina", "area", "HUMANITARIAN"),
        ("amina", "area", "REFUGEES"),
        ("karim", "area", "REFUGEES"),
    ]
    (claim,) = [s for s in queries.spans(db, doc_id) if s.label == "CLAIM"]
    assert claim.attributes == {"stance": "support", "area": "REFUGEES"}


def test_merging_into_a_label_without_the_attributes_drops_them_and_undo_restores_them(
    project: tuple[Database, Path, int],
) -> None:
    db, _file, doc_id = project
    editor = SchemaEditor(db, "boss")
    change = editor.merge_labels("claim", "CLAIM", "CUE")
    (cue,) = [s for s in queries.spans(db, doc_id) if s.layer == "claim"]
    assert cue.label == "CUE" and cue.attributes == {}
    assert db.schema.relation("cue") is not None
    editor.undo(change)
    (claim,) = [s for s in queries.spans(db, doc_id) if s.layer == "claim"]
    assert claim.label == "CLAIM" and claim.attributes == {"stance": "support", "area": "REFUGEES"}


def test_splitting_moves_the_chosen_spans_only(project: tuple[Database, Path, int]) -> None:
    db, schema_file, doc_id = project
    editor = SchemaEditor(db, "boss")
    chosen = spans_matching(db, "entity", "LOC", "PARIS")  # folded: case does not matter
    assert len(chosen) == 2  # amina's and the gold layer's
    change = editor.split_label(
        "entity", "LOC", "CITY", chosen, {"ar": "مدينة", "fr": "Ville", "en": "City"}, "#123456", "Shift+Y"
    )
    assert sorted((a, lab) for a, lab, t in _labels(db, doc_id) if t in ("Paris", "Rome")) == [
        ("amina", "CITY"),
        ("curation", "CITY"),
        ("karim", "LOC"),
    ]
    assert len(change.spans) == 2
    city = db.schema.label("entity", "CITY")
    assert city is not None and city.names.ar == "مدينة" and city.shortcut == "Shift+Y"
    assert '{id: CITY, names: {ar: "مدينة", fr: "Ville", en: "City"}' in schema_file.read_text(encoding="utf-8")
    # a new span can take the new label at once; the split can then no longer be undone
    Editor(db, "karim").add_span(doc_id, "entity", "CITY", *_at("Genève"))
    with pytest.raises(StaleEdit, match="1 annotation"):
        editor.undo(change)
    assert db.schema.label("entity", "CITY") is not None
    with pytest.raises(SchemaEditRefused, match="is not a entity-ORG span"):
        editor.split_label("entity", "ORG", "BODY", [chosen[0]], {"ar": "ب", "fr": "b", "en": "b"}, "#000000")


def test_colour_shortcut_and_attribute_changes_are_written_back_and_undone(
    project: tuple[Database, Path, int],
) -> None:
    db, schema_file, _doc = project
    editor = SchemaEditor(db, "boss")
    colour = editor.set_label("entity", "PER", color="#000000", shortcut="Shift+P")
    attribute = editor.add_attribute(
        "entity", "PER", "role", {"ar": "الدور", "fr": "Rôle", "en": "Role"}, "choice", ("envoy", "minister")
    )
    added = editor.add_label("entity", "NORP", {"ar": "جماعة", "fr": "Groupe", "en": "Group"}, "#abcdef", "G")
    per = db.schema.label("entity", "PER")
    assert per is not None and (per.color, per.shortcut) == ("#000000", "Shift+P")
    assert [a.id for a in per.attributes] == ["role"]
    assert load_schema(schema_file) == db.schema and db.schema.version == 4
    assert db.ids.labels.get(("entity", "NORP")) is not None
    for change in (added, attribute, colour):
        editor.undo(change)
    assert schema_file.read_text(encoding="utf-8") == default_schema_path().read_text(encoding="utf-8")
    assert db.ids.labels.get(("entity", "NORP")) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.rename_label("entity", "NOPE", {"en": "x"}), "unknown label 'NOPE'"),
        (lambda e: e.rename_label("nope", "PER", {"en": "x"}), "unknown layer 'nope'"),
        (lambda e: e.rename_label("entity", "PER", {"en": "Organisation"}), "already named 'Organisation'"),
        (lambda e: e.merge_labels("entity", "PER", "PER"), "merged with itself"),
        (lambda e: e.merge_labels("entity", "PER", "NOPE"), "unknown label 'NOPE'"),
        (lambda e: e.add_label("entity", "PER", {"ar": "a", "fr": "b", "en": "c"}, "#000000"), "already has"),
        (lambda e: e.add_label("entity", "X", {"ar": "a", "fr": "b", "en": "c"}, "red"), "#rrggbb"),
        (lambda e: e.add_label("entity", "X", {"ar": "", "fr": "b", "en": "c"}, "#000000"), "missing: ar"),
        (lambda e: e.set_label("entity", "PER", shortcut="O"), "already used"),
        (lambda e: e.split_label("entity", "LOC", "CITY", [], {"ar": "a", "fr": "b", "en": "c"}, "#000000"), "none"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    project: tuple[Database, Path, int], change: object, message: str
) -> None:
    db, schema_file, doc_id = project
    before, rows, spans = schema_file.read_text(encoding="utf-8"), _schema_rows(db), queries.spans(db, doc_id)
    with pytest.raises(SchemaEditRefused, match=message):
        change(SchemaEditor(db, "boss"))  # type: ignore[operator]
    assert schema_file.read_text(encoding="utf-8") == before
    assert _schema_rows(db) == rows and queries.spans(db, doc_id) == spans


def test_undo_is_refused_when_a_moved_span_changed_since(project: tuple[Database, Path, int]) -> None:
    db, _file, doc_id = project
    editor = SchemaEditor(db, "boss")
    change = editor.merge_labels("entity", "LOC", "ORG")
    moved = next(s for s in queries.spans(db, doc_id) if s.id == change.spans[0].id)
    Editor(db, moved.annotator).update_span(moved.id, moved.version, note="checked")
    with pytest.raises(StaleEdit, match="changed meanwhile"):
        editor.undo(change)
    assert db.schema.label("entity", "LOC") is None  # nothing of the undo written
    assert all(s.label != "LOC" for s in queries.spans(db, doc_id))


def test_a_schema_changed_since_cannot_be_undone_out_of_order(project: tuple[Database, Path, int]) -> None:
    db, _file, _doc = project
    editor = SchemaEditor(db, "boss")
    first = editor.rename_label("entity", "PER", {"en": "Human"})
    editor.rename_label("entity", "ORG", {"en": "Body"})
    with pytest.raises(EditRefused, match="changed since"):
        editor.undo(first)


def test_the_bundled_schema_file_is_never_rewritten(db: Database) -> None:
    before = default_schema_path().read_text(encoding="utf-8")
    change = SchemaEditor(db, "boss").rename_label("entity", "PER", {"en": "Human"})
    assert change.written is None and "bundled" in change.note
    assert default_schema_path().read_text(encoding="utf-8") == before
    label = db.schema.label("entity", "PER")
    assert label is not None and label.names.en == "Human"


def test_a_change_made_elsewhere_is_kept_by_the_next_change_here(project: tuple[Database, Path, int]) -> None:
    db, schema_file, _doc = project
    colleague = Database(db.url)  # another window, its copy of the schema now stale
    try:
        SchemaEditor(colleague, "lea").rename_label("entity", "PER", {"en": "Human"})
        SchemaEditor(db, "boss").rename_label("entity", "ORG", {"en": "Body"})  # based on the stored schema
    finally:
        colleague.dispose()
    per, org = db.schema.label("entity", "PER"), db.schema.label("entity", "ORG")
    assert per is not None and org is not None and (per.names.en, org.names.en) == ("Human", "Body")
    assert db.schema.version == 3 and load_schema(schema_file) == db.schema
