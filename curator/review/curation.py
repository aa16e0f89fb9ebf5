"""Curation: a reviewer adjudicates colleagues' annotations into the gold layer.

The gold layer is the work of the annotator :data:`GOLD_ANNOTATOR`; a :class:`CurationService` acts
for one *reviewer* and writes only there. Every public method is one short transaction (a
:class:`~curator.review.decisions.Decision`): it changes the gold layer, adds
:class:`~curator.store.models.CurationDecision` rows and history rows whose ``annotator`` is the
reviewer (the history says who decided), and sets the document's review state, all committed
together or not at all. The decisions of the review window (:meth:`accept`, :meth:`reject`,
:meth:`accept_edited`, :meth:`remove_from_gold`, :meth:`accept_all_agreed`) return the
:class:`~curator.review.gold_change.GoldChange` they made, which :meth:`apply_change` undoes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from curator.review.agreed import AgreedPlan, preview_agreed
from curator.review.bulk import BulkPlan, preview_annotator, preview_majority, write_bulk
from curator.review.decisions import Decision
from curator.review.differences import Difference
from curator.review.gold_change import GoldChange, GoldState, apply_change, apply_changes, gold_state
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR
from curator.store.queries import RelationRecord, SpanRecord

__all__ = ["AgreedPlan", "BulkPlan", "CurationService", "GoldChange", "GoldState"]


class CurationService:
    """Decisions by ``reviewer`` into the gold layer of ``db``; each public method commits once."""

    def __init__(self, db: Database, reviewer: str) -> None:
        self.db = db
        self.reviewer = reviewer.strip()
        if not self.reviewer:
            raise ValueError("a curation needs the reviewer's name")
        if self.reviewer == GOLD_ANNOTATOR:
            raise ValueError(f"{GOLD_ANNOTATOR!r} names the gold layer, not a reviewer")

    @contextmanager
    def decision(self) -> Iterator[Decision]:
        """One decision of several steps, one transaction: committed with the review state when the
        block ends, rolled back whole if it raises. ``Decision.made`` then says what changed."""
        with self.db.write() as session:
            decision = Decision(self.db, session, self.reviewer)
            yield decision
            decision.finish()

    # -- the review window's decisions: each returns the change it made ---------------------------

    def accept(self, document_id: int, diff: Difference, annotator: str) -> GoldChange:
        """Take ``annotator``'s version of the difference ``diff`` into the gold layer (see
        :meth:`Decision.accept_difference`)."""
        with self.decision() as d:
            d.accept_difference(document_id, diff, annotator)
        return d.made

    def reject(self, document_id: int, diff: Difference) -> GoldChange:
        """Keep everything of ``diff`` out of the gold layer."""
        with self.decision() as d:
            d.reject_difference(document_id, diff)
        return d.made

    def accept_edited(
        self,
        document_id: int,
        diff: Difference,
        span_id: int,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any],
    ) -> GoldChange:
        """Accept the span ``span_id`` of ``diff`` with this label, these boundaries and attributes;
        it replaces the gold spans of the layer in the difference's place."""
        if diff.scope != "span" or all(span_id != s.id for found in diff.spans.values() for s in found):
            raise ValueError("accept and edit starts from a span of the difference")
        with self.decision() as d:
            d.change.on(document_id)
            d.accept_and_edit(
                span_id, label=label, start=start, end=end, attributes=dict(attributes), replace=(diff.start, diff.end)
            )
        return d.made

    def remove_from_gold(self, document_id: int, diff: Difference) -> GoldChange:
        """Take the gold spans in the difference's place out again (to change one's mind)."""
        with self.decision() as d:
            d.remove_place(document_id, diff.layer, diff.start, diff.end)
        return d.made

    def accept_all_agreed(self, plan: AgreedPlan) -> tuple[AgreedPlan, GoldChange]:
        """Add a previewed plan; return what was added and the change."""
        with self.decision() as d:
            added = d.accept_agreed(plan)
        return added, d.made

    # -- one annotation at a time -----------------------------------------------------------------

    def accept_span(self, span_id: int) -> SpanRecord:
        with self.decision() as d:
            return d.accept_span(span_id)

    def accept_and_edit(
        self,
        span_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
        replace: tuple[int, int] | None = None,
    ) -> SpanRecord:
        with self.decision() as d:
            return d.accept_and_edit(span_id, label=label, start=start, end=end, attributes=attributes, replace=replace)

    def accept_version(
        self, document_id: int, layer: str, start: int, end: int, accept: Sequence[int], reject: Sequence[int]
    ) -> list[SpanRecord]:
        with self.decision() as d:
            return d.accept_version(document_id, layer, start, end, accept, reject)

    def reject_span(self, span_id: int) -> int:
        with self.decision() as d:
            return d.reject_span(span_id)

    def add_gold_span(
        self, document_id: int, layer: str, label: str, start: int, end: int, attributes: dict[str, Any] | None = None
    ) -> SpanRecord:
        with self.decision() as d:
            return d.add_gold_span(document_id, layer, label, start, end, attributes)

    def edit_gold_span(
        self,
        gold_span_id: int,
        expected_version: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
    ) -> SpanRecord:
        with self.decision() as d:
            return d.edit_gold_span(
                gold_span_id, expected_version, label=label, start=start, end=end, attributes=attributes
            )

    def remove_gold_span(self, gold_span_id: int) -> SpanRecord:
        with self.decision() as d:
            return d.remove_gold_span(gold_span_id)

    def accept_relation(self, relation_id: int) -> RelationRecord:
        with self.decision() as d:
            return d.accept_relation(relation_id)

    def reject_relation(self, relation_id: int) -> int:
        with self.decision() as d:
            return d.reject_relation(relation_id)

    def accept_document_label(self, document_id: int, layer: str, label: str, source_annotator: str | None) -> bool:
        with self.decision() as d:
            return d.accept_document_label(document_id, layer, label, source_annotator)

    def reject_document_label(self, document_id: int, layer: str, label: str) -> bool:
        with self.decision() as d:
            return d.reject_document_label(document_id, layer, label)

    # -- accept all agreed ------------------------------------------------------------------------

    def preview_agreed(self, document_id: int, annotators: Sequence[str]) -> AgreedPlan:
        """What :meth:`accept_agreed` would add (see :func:`~curator.review.agreed.preview_agreed`)."""
        return preview_agreed(self.db, document_id, annotators)

    def accept_agreed(self, plan: AgreedPlan) -> AgreedPlan:
        """Add a previewed plan to the gold layer in one transaction and return what was added."""
        return self.accept_all_agreed(plan)[0]

    # -- bulk: many documents, one decision ---------------------------------------------------------

    def preview_majority(
        self,
        annotators: Sequence[str],
        k: int,
        *,
        document_ids: Sequence[int] | None = None,
        layers: Sequence[str] | None = None,
    ) -> BulkPlan:
        """What ``k`` of ``annotators`` made identically (see :func:`~curator.review.bulk.preview_majority`)."""
        return preview_majority(self.db, annotators, k, document_ids=document_ids, layers=layers)

    def preview_annotator(
        self,
        annotator: str,
        *,
        document_ids: Sequence[int] | None = None,
        layers: Sequence[str] | None = None,
    ) -> BulkPlan:
        """Everything of ``annotator`` the gold layer lacks (see :func:`~curator.review.bulk.preview_annotator`)."""
        return preview_annotator(self.db, annotator, document_ids=document_ids, layers=layers)

    def accept_bulk(self, plan: BulkPlan) -> tuple[BulkPlan, tuple[GoldChange, ...]]:
        """Write a previewed bulk plan in one transaction; return what was added and the change of
        each document (:meth:`apply_changes` undoes them together)."""
        with self.db.write() as session:
            return write_bulk(self.db, session, self.reviewer, plan)

    def apply_changes(self, changes: Sequence[GoldChange], action: str) -> tuple[GoldChange, ...]:
        """:meth:`apply_change` for a bulk decision's changes, in one transaction."""
        return apply_changes(self.db, self.reviewer, changes, action)

    # -- undo and redo ----------------------------------------------------------------------------

    def apply_change(self, change: GoldChange, action: str) -> GoldChange:
        """Apply a decision's change (``"redo"``) or its inverse (``"undo"``) in one transaction; see
        :func:`~curator.review.gold_change.apply_change`."""
        return apply_change(self.db, self.reviewer, change, action)

    def gold_state(self, document_id: int) -> GoldState:
        """The gold layer of one document as it stands (read only; a check, not the undo path)."""
        return gold_state(self.db, document_id)
