"""Undo and redo of curation decisions in the core: a decision's change to the gold layer (spans,
relations, document labels, the decision rows) is taken from the gold layer before and after it,
undone and redone op by op, version-checked, with the reviewer in the history."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from curator.errors import StaleEdit
from curator.records import DocLabelIn, DocumentIn, RelationIn, SpanIn
from curator.review.curation import CurationService, GoldChange
from curator.review.differences import document_differences
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR, CurationDecision, HistoryEntry

TEXT = "Ali met Omar in Rabat. Le Conseil de sécurité a dit que la paix est urgente."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def doc(db: Database) -> int:
    d = DocumentIn(source="u.txt", line=1, text=TEXT, ext_id="u")
    claim = _at("la paix est urgente")
    for who in ("amina", "karim"):
        d.spans.append(SpanIn("entity", "PER", *_at("Ali"), who))
        d.spans.append(SpanIn("entity", "ORG", *_at("Conseil de sécurité"), who, ref=f"{who}-org"))
        d.spans.append(SpanIn("claim", "CLAIM", *claim, who, {"stance": "support"}, ref=f"{who}-claim"))
        d.relations.append(RelationIn("claimant", f"{who}-claim", f"{who}-org", who))
    d.spans.append(SpanIn("entity", "LOC", *_at("Rabat"), "amina"))
    d.spans.append(SpanIn("entity", "PER", *_at("Omar"), "amina"))
    d.spans.append(SpanIn("entity", "ORG", *_at("Omar"), "karim"))
    d.doc_labels = [DocLabelIn("area", "PEACE_SECURITY", "amina"), DocLabelIn("area", "PEACE_SECURITY", "karim")]
    write_batch(db, [d], "test")
    return queries.document_ids_by_ext(db, ["u"])[0]


def _gold(db: Database, doc_id: int) -> list[tuple[int, str, int, int]]:
    return sorted((s.id, s.label, s.start, s.end) for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR]))


def _decided(service: CurationService, doc_id: int, action: object) -> GoldChange:
    before = service.gold_state(doc_id)
    assert callable(action)
    action()
    return GoldChange.between(before, service.gold_state(doc_id))


def _span(db: Database, doc_id: int, who: str, label: str) -> int:
    return next(s.id for s in queries.spans(db, doc_id, [who]) if s.label == label)


def test_an_accept_is_undone_and_redone_with_the_same_span(db: Database, doc: int) -> None:
    service = CurationService(db, "reviewer")
    loc = _span(db, doc, "amina", "LOC")
    change = _decided(service, doc, lambda: service.accept_version(doc, "entity", *_at("Rabat"), [loc], []))
    assert [s.label for s in change.spans_added] == ["LOC"] and len(change.decisions) == 1
    after = _gold(db, doc)
    undone = service.apply_change(change.inverse(), "undo")
    assert _gold(db, doc) == []
    change = undone.inverse()
    redone = service.apply_change(change, "redo")
    assert _gold(db, doc) == after  # the same id comes back
    # Undo again after the redo: the records of the redo are what the undo checks against.
    service.apply_change(redone.inverse(), "undo")
    assert _gold(db, doc) == []
    with db.read() as session:
        actions = [h.action for h in session.scalars(select(HistoryEntry).where(HistoryEntry.annotator == "reviewer"))]
    assert actions[-3:] == ["undo", "redo", "undo"]


def test_undoing_a_rejection_withdraws_it_and_redo_puts_it_back(db: Database, doc: int) -> None:
    service = CurationService(db, "reviewer")
    loc = _span(db, doc, "amina", "LOC")

    def resolved() -> bool:
        (diff,) = [d for d in document_differences(db, doc, ["amina", "karim"]) if d.start == _at("Rabat")[0]]
        return diff.resolved

    assert not resolved()
    change = _decided(service, doc, lambda: service.reject_span(loc))
    assert resolved() and change.decisions and not change.spans_removed
    service.apply_change(change.inverse(), "undo")
    assert not resolved()
    with db.read() as session:
        (row,) = session.scalars(select(CurationDecision).where(CurationDecision.id == change.decisions[0]))
        assert row.decision == "undone_reject" and row.reviewer == "reviewer"
    service.apply_change(change, "redo")
    assert resolved()


def test_accept_and_edit_over_a_gold_span_is_undone_to_its_previous_label(db: Database, doc: int) -> None:
    service = CurationService(db, "reviewer")
    service.accept_span(next(s.id for s in queries.spans(db, doc, ["amina"]) if (s.start, s.end) == _at("Omar")))
    assert _decided(service, doc, lambda: None).empty  # nothing decided, nothing to undo
    omar_karim = next(s.id for s in queries.spans(db, doc, ["karim"]) if (s.start, s.end) == _at("Omar"))
    change = _decided(service, doc, lambda: service.accept_span(omar_karim))
    ((before, after),) = change.spans_changed
    assert (before.label, after.label) == ("PER", "ORG")
    service.apply_change(change.inverse(), "undo")
    assert [label for _, label, *_ in _gold(db, doc)] == ["PER"]


def test_accept_all_agreed_is_undone_with_its_relations_and_document_labels(db: Database, doc: int) -> None:
    service = CurationService(db, "reviewer")
    plan = service.preview_agreed(doc, ["amina", "karim"])
    change = _decided(service, doc, lambda: service.accept_agreed(plan))
    assert len(change.spans_added) == 3 and len(change.relations_added) == 1
    assert change.labels_added == (("area", "PEACE_SECURITY"),)
    gold = _gold(db, doc)
    relations = queries.relations(db, doc, [GOLD_ANNOTATOR])
    applied = service.apply_change(change.inverse(), "undo")
    assert _gold(db, doc) == [] and queries.relations(db, doc, [GOLD_ANNOTATOR]) == []
    assert queries.document_labels(db, doc, [GOLD_ANNOTATOR]) == []
    service.apply_change(applied.inverse(), "redo")
    assert _gold(db, doc) == gold and queries.relations(db, doc, [GOLD_ANNOTATOR]) == relations
    assert queries.document_labels(db, doc, [GOLD_ANNOTATOR]) == [(GOLD_ANNOTATOR, "area", "PEACE_SECURITY")]


def test_an_undo_over_another_reviewers_later_change_is_refused_and_writes_nothing(db: Database, doc: int) -> None:
    mine = CurationService(db, "reviewer")
    loc = _span(db, doc, "amina", "LOC")
    change = _decided(mine, doc, lambda: mine.accept_span(loc))
    (gold,) = change.spans_added
    CurationService(db, "other").edit_gold_span(gold.id, gold.version, label="ORG")
    state = mine.gold_state(doc)
    with pytest.raises(StaleEdit):
        mine.apply_change(change.inverse(), "undo")
    assert mine.gold_state(doc) == state
