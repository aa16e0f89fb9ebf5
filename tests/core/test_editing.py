"""A curator's edits: each saved at once, checked, recorded in the history, and safe from colleagues."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from curator.errors import EditRefused, StaleEdit
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import HistoryEntry


@pytest.fixture
def corpus(db: Database, samples: Path) -> Database:
    import_paths(db, [samples / "mixed_bidi_ar.txt"])
    return db


def _doc(db: Database) -> queries.DocumentRecord:
    (bundle,) = queries.iter_bundles(db)
    return bundle.document


def test_a_claim_with_its_claimant_is_saved_and_seen_after_reopening(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    start = doc.text.index("خالد خياري")
    person = editor.add_span(doc.id, "entity", "PER", start, start + 10)
    claim_end = doc.text.index("(UN).") + 4
    claim = editor.add_span(doc.id, "claim", "CLAIM", doc.text.index("منظمة"), claim_end, {"stance": "support"})
    editor.add_relation("claimant", claim.id, person.id)
    editor.set_status(doc.id, "in_progress")
    corpus.dispose()
    reopened = Database(corpus.url)
    spans = queries.spans(reopened, doc.id, ["amina"])
    assert doc.text[spans[0].start : spans[0].end] == "خالد خياري"
    (relation,) = queries.relations(reopened, doc.id)
    assert (relation.source_id, relation.target_id) == (claim.id, person.id)
    assert queries.statuses(reopened, "amina") == {doc.id: "in_progress"}
    reopened.dispose()


def test_wrong_edits_are_refused_with_a_reason(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    with pytest.raises(EditRefused, match="unknown label"):
        editor.add_span(doc.id, "entity", "TEAM", 0, 3)
    with pytest.raises(EditRefused, match="outside the text"):
        editor.add_span(doc.id, "entity", "PER", 0, 10_000)
    with pytest.raises(EditRefused, match="crosses a paragraph break"):
        editor.add_span(doc.id, "entity", "ORG", doc.text.index("(UN)"), doc.text.index("وتضم") + 4)
    with pytest.raises(EditRefused, match="must be one of support, oppose, neutral"):
        editor.add_span(doc.id, "claim", "CLAIM", 0, 10, {"stance": "maybe"})
    place = editor.add_span(doc.id, "entity", "LOC", doc.text.index("جدة"), doc.text.index("جدة") + 3)
    claim = editor.add_span(doc.id, "claim", "CLAIM", 0, 10)
    with pytest.raises(EditRefused, match="target must be entity PER/ORG, not entity LOC"):
        editor.add_relation("claimant", claim.id, place.id)


def test_a_claim_has_only_one_claimant(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    person = editor.add_span(doc.id, "entity", "PER", 4, 14)
    org = editor.add_span(doc.id, "entity", "ORG", 18, 40)
    claim = editor.add_span(doc.id, "claim", "CLAIM", 0, 60)
    editor.add_relation("claimant", claim.id, person.id)
    with pytest.raises(EditRefused, match="already has its claimant"):
        editor.add_relation("claimant", claim.id, org.id)


def test_each_annotator_edits_only_their_own(corpus: Database) -> None:
    doc = _doc(corpus)
    mine = Editor(corpus, "amina").add_span(doc.id, "entity", "PER", 4, 14)
    with pytest.raises(EditRefused, match="belongs to amina"):
        Editor(corpus, "yusuf").delete_span(mine.id, mine.version)


def test_a_stale_edit_is_refused_and_shows_the_current_version(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    span = editor.add_span(doc.id, "entity", "PER", 4, 14)
    editor.update_span(span.id, span.version, label="ORG")  # in another window of the same curator
    with pytest.raises(StaleEdit) as caught:
        editor.update_span(span.id, span.version, label="LOC")
    assert caught.value.current is not None and caught.value.current["label"] == "ORG"
    assert queries.spans(corpus, doc.id)[0].label == "ORG"


def test_delete_and_restore_bring_back_span_and_links(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    person = editor.add_span(doc.id, "entity", "PER", 4, 14)
    claim = editor.add_span(doc.id, "claim", "CLAIM", 0, 60)
    editor.add_relation("claimant", claim.id, person.id)
    deleted = editor.delete_span(person.id, person.version)
    assert queries.relations(corpus, doc.id) == []
    editor.restore_span(deleted)
    assert sorted(s.id for s in queries.spans(corpus, doc.id)) == sorted([person.id, claim.id])
    assert len(queries.relations(corpus, doc.id)) == 1


def test_every_edit_leaves_who_what_and_before_after_in_the_history(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    span = editor.add_span(doc.id, "entity", "PER", 4, 14)
    editor.update_span(span.id, span.version, label="ORG")
    editor.set_document_label(doc.id, "area", "COUNTER_TERRORISM", True)
    with corpus.read() as session:
        rows = session.scalars(select(HistoryEntry).where(HistoryEntry.annotator == "amina").order_by(HistoryEntry.id))
        entries = [(h.action, h.kind, (h.before or {}).get("label"), (h.after or {}).get("label")) for h in rows]
    assert entries == [
        ("create", "span", None, "PER"),
        ("update", "span", "PER", "ORG"),
        ("create", "doc_label", None, "COUNTER_TERRORISM"),
    ]


def test_document_labels_toggle_and_report_change(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    assert editor.set_document_label(doc.id, "area", "HEALTH", True)
    assert not editor.set_document_label(doc.id, "area", "HEALTH", True)
    assert queries.document_labels(corpus, doc.id) == [("amina", "area", "HEALTH")]
    with pytest.raises(EditRefused, match="not used on whole documents"):
        editor.set_document_label(doc.id, "entity", "PER", True)


def test_annotate_all_occurrences_is_one_all_or_nothing_edit(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    first = doc.text.index("المنظمة")
    added = editor.add_spans(doc.id, [("entity", "ORG", 18, 40), ("entity", "ORG", first, first + 7)])
    assert [doc.text[s.start : s.end] for s in added] == ["منظمة التعاون الإسلامي", "المنظمة"]
    with pytest.raises(EditRefused, match="0-10000"):
        editor.add_spans(doc.id, [("entity", "ORG", 4, 14), ("entity", "ORG", 0, 10_000)])
    assert len(queries.spans(corpus, doc.id)) == 2


def test_bulk_edits_check_every_version(corpus: Database) -> None:
    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    a, b = editor.add_spans(doc.id, [("entity", "ORG", 18, 40), ("entity", "PER", 4, 14)])
    relabeled = editor.relabel_spans([(a.id, a.version), (b.id, b.version)], "entity", "MISC")
    assert [r.version for r in relabeled] == [2, 2]
    with pytest.raises(StaleEdit):  # b was changed since version 1
        editor.delete_spans([(a.id, 2), (b.id, 1)])
    assert len(queries.spans(corpus, doc.id)) == 2  # nothing deleted
    editor.delete_spans([(a.id, 2), (b.id, 2)])
    assert queries.spans(corpus, doc.id) == []


def test_a_colleagues_change_is_seen_without_writing_anything(corpus: Database) -> None:
    from curator.store.changes import ChangeCursor, changes_since, latest_change

    doc = _doc(corpus)
    mark = ChangeCursor(latest_change(corpus))
    queries.spans(corpus, doc.id)  # viewing
    assert changes_since(corpus, mark) == []
    Editor(corpus, "yusuf").add_span(doc.id, "entity", "PER", 4, 14)
    (change,) = changes_since(corpus, mark)
    assert (change.annotator, change.kind, change.document_id) == ("yusuf", "span", doc.id)
    assert latest_change(corpus) == change.id


@pytest.mark.postgres
def test_postgres_notifies_open_windows_of_a_change(postgres_url: str, samples: Path) -> None:
    from curator.store.changes import ChangeListener

    db = Database(postgres_url)
    import_paths(db, [samples / "mixed_bidi_ar.txt"])
    listener = ChangeListener(db)
    assert listener.drain() == set()
    Editor(db, "yusuf").add_span(1, "entity", "PER", 4, 14)
    assert listener.drain(timeout=2.0) == {1}
    listener.close()
    db.dispose()


def test_edits_check_spans_exactly_as_the_full_text_check_would(db: Database, samples: Path) -> None:
    """The editor checks a span on the characters around it only; it must agree with the whole-text
    check at every position, including the edges of the text, marks and line breaks."""
    from curator.schema.checks import check_span

    import_paths(db, [samples / "tashkeel_ar.txt"])
    doc = _doc(db)
    editor = Editor(db, "amina")
    n = len(doc.text)
    positions = [*range(0, 8), *range(n - 6, n + 2), doc.text.index("\n") - 1, doc.text.index("\n") + 1, -1]
    for start in positions:
        for end in positions:
            expected = check_span(db.schema, doc.text, "entity", "PER", start, end, {})
            try:
                span = editor.add_span(doc.id, "entity", "PER", start, end)
            except EditRefused as refused:
                assert expected, (start, end, str(refused))
                assert str(refused) == "; ".join(expected)
            else:
                assert not expected, (start, end, expected)
                editor.delete_span(span.id, span.version)


def test_a_name_wrapped_over_two_lines_is_one_entity(db: Database, seeds: Path) -> None:
    """Seed 000 is hard-wrapped: a single line break inside a paragraph does not stop an entity,
    a blank line does."""
    import_paths(db, [seeds / "000_f694274a42498c38.txt"])
    doc = _doc(db)
    editor = Editor(db, "amina")
    start = doc.text.index("وفي إحاطة لمجلس\nالأمن") + len("وفي إحاطة ل")
    span = editor.add_span(doc.id, "entity", "ORG", start, start + len("مجلس\nالأمن"))
    assert doc.text[span.start : span.end] == "مجلس\nالأمن"
    blank = doc.text.index("\n\n")
    with pytest.raises(EditRefused, match="crosses a paragraph break"):
        editor.add_span(doc.id, "entity", "ORG", blank - 3, blank + 4)


@pytest.mark.parametrize("name", ["curation", " Curation "])
def test_the_editing_service_writes_nothing_under_the_gold_layers_name(corpus: Database, name: str) -> None:
    doc = _doc(corpus)
    gold = Editor(corpus, name)
    for edit in (
        lambda: gold.add_span(doc.id, "entity", "ORG", 0, 5),
        lambda: gold.set_status(doc.id, "done"),
        lambda: gold.set_document_label(doc.id, "area", "HUMANITARIAN", True),
    ):
        with pytest.raises(EditRefused, match="names the gold layer, which only review decisions write"):
            edit()
    with corpus.read() as session:
        assert session.scalars(select(HistoryEntry.annotator).where(HistoryEntry.action != "import")).all() == []
    assert queries.spans(corpus, doc.id) == []


def test_a_value_the_schema_retired_is_kept_and_does_not_block_other_edits(corpus: Database) -> None:
    from curator.store.models import Span

    doc = _doc(corpus)
    editor = Editor(corpus, "amina")
    start = doc.text.index("منظمة")
    claim = editor.add_span(doc.id, "claim", "CLAIM", start, start + 5, {"stance": "support"})
    with corpus.write() as session:  # stored when "furious" was still a stance
        stored = session.get(Span, claim.id)
        assert stored is not None
        stored.attributes = {"stance": "furious"}
    (claim,) = [s for s in queries.spans(corpus, doc.id, ["amina"]) if s.id == claim.id]
    changed = editor.update_span(claim.id, claim.version, attributes={"stance": "furious", "area": "HEALTH"})
    assert changed.attributes == {"stance": "furious", "area": "HEALTH"}
    changed = editor.update_span(changed.id, changed.version, note="checked")
    assert changed.attributes["stance"] == "furious"
    # A changed value is checked, and so is every value when the label changes.
    with pytest.raises(EditRefused, match="must be one of"):
        editor.update_span(changed.id, changed.version, attributes={"stance": "livid", "area": "HEALTH"})
    with pytest.raises(EditRefused):
        editor.update_span(changed.id, changed.version, label="CUE")
