"""Decisions: a reviewer adjudicates colleagues' annotations into the gold layer, in one transaction.

A :class:`Decision` is one transaction in progress (made by
:meth:`curator.review.curation.CurationService.decision`): its methods change the gold layer through a
:class:`~curator.store.gold.GoldWriter`, add :class:`CurationDecision` rows and history rows under the
reviewer, and report every write to a :class:`~curator.review.gold_change.GoldChangeBuilder`. When it
ends, the document's review state is set in the same transaction ("in review" once a decision was
made) and :attr:`Decision.made` is the :class:`~curator.review.gold_change.GoldChange` it made. A
fault anywhere rolls all of it back. Colleagues' annotations are never changed.

A span accepted into the gold layer brings its entity link along, as it brings its label: the gold
copy names the entity the accepted span names (or none, when that span names none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from curator.errors import EditRefused, StaleEdit
from curator.review.agreed import AgreedPlan, write_agreed
from curator.review.differences import Difference
from curator.review.gold_change import GoldChange, GoldChangeBuilder
from curator.review.states import IN_REVIEW, NOT_REVIEWED, read_review_state, write_review_state
from curator.store.database import Database
from curator.store.gold import GoldWriter
from curator.store.models import GOLD_ANNOTATOR, CurationDecision, Relation, Span
from curator.store.queries import RelationRecord, SpanRecord


class Decision:
    """``reviewer``'s decision on one document, written in ``session`` (nothing is committed here)."""

    def __init__(self, db: Database, session: Session, reviewer: str) -> None:
        self.db = db
        self.session = session
        self.reviewer = reviewer
        self.gold = GoldWriter(db, session, reviewer)
        self.change = GoldChangeBuilder()
        self._made: GoldChange | None = None

    @property
    def made(self) -> GoldChange:
        """What the decision changed; there once it has ended."""
        if self._made is None:
            raise ValueError("the decision has not ended, or decided nothing")
        return self._made

    def finish(self) -> None:
        """End the decision: the document's review has started (same transaction); report the change."""
        doc = self.change.document_id
        if doc is None:
            return
        state = read_review_state(self.session, doc)
        if state == NOT_REVIEWED:
            write_review_state(self.session, doc, IN_REVIEW, self.reviewer)
            self._made = self.change.build(state, IN_REVIEW)
        else:
            self._made = self.change.build()

    # -- the decisions of the review window, one difference at a time ----------------------------

    def accept_difference(self, document_id: int, diff: Difference, annotator: str) -> None:
        """Take ``annotator``'s version of ``diff`` into the gold layer: their spans (replacing the gold
        spans of the layer in that place), relations or document label; where they have nothing,
        reject what the others have."""
        self.change.on(document_id)
        if diff.scope == "document":
            if diff.has_label.get(annotator):
                self.accept_document_label(document_id, diff.layer, diff.label, annotator)
            else:
                self.reject_document_label(document_id, diff.layer, diff.label)
        elif diff.scope == "span":
            mine = [span.id for span in diff.spans.get(annotator, ())]
            others = [span.id for who, found in diff.spans.items() if who != annotator for span in found]
            self.accept_version(document_id, diff.layer, diff.start, diff.end, mine, others)
        else:
            rels = diff.relations.get(annotator, ())
            for rel in rels:
                self.accept_relation(rel.id)
            if not rels:
                for other_rels in diff.relations.values():
                    for other in other_rels:
                        self.reject_relation(other.id)

    def reject_difference(self, document_id: int, diff: Difference) -> None:
        """Keep everything of ``diff`` out of the gold layer."""
        self.change.on(document_id)
        if diff.scope == "document":
            self.reject_document_label(document_id, diff.layer, diff.label)
        for found in diff.spans.values():
            for span in found:
                self.reject_span(span.id)
        for rels in diff.relations.values():
            for rel in rels:
                self.reject_relation(rel.id)

    def remove_place(self, document_id: int, layer: str, start: int, end: int) -> list[SpanRecord]:
        """Take the gold spans of ``layer`` overlapping ``start``-``end`` out again (a change of mind)."""
        self.change.on(document_id)
        return [self._remove(gold) for gold in self.gold.overlapping(document_id, layer, start, end)]

    # -- spans ------------------------------------------------------------------------------------

    def accept_span(self, span_id: int) -> SpanRecord:
        """Put a colleague's span, with its label and attributes, in the gold layer. A gold span of
        the same layer at the same offsets takes the accepted label and attributes."""
        return self.accept_and_edit(span_id, decision="accept")

    def accept_and_edit(
        self,
        span_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
        replace: tuple[int, int] | None = None,
        decision: str = "edit",
    ) -> SpanRecord:
        """Like :meth:`accept_span`, with the given fields changed on the gold copy. With ``replace``
        (a place: start, end), the gold spans of the layer overlapping it, other than one at the
        edited offsets, are taken out: the edited version replaces them."""
        source = self._source(span_id)
        if source.annotator == GOLD_ANNOTATOR:
            raise EditRefused("this annotation is already in the gold layer")
        changes = {
            k: v
            for k, v in {"label": label, "start": start, "end": end, "attributes": attributes}.items()
            if v is not None
        }
        new_start = source.start if start is None else start
        new_end = source.end if end is None else end
        if replace is not None:
            for gold in self.gold.overlapping(source.document_id, source.layer, *replace):
                if (gold.start, gold.end) != (new_start, new_end):
                    self._remove(gold, "replace", decided=False)
        record = self._put(
            source,
            label or source.label,
            new_start,
            new_end,
            dict(source.attributes if attributes is None else attributes),
            decision,
            {"changes": changes} if changes else {},
        )
        return record

    def accept_version(
        self, document_id: int, layer: str, start: int, end: int, accept: Sequence[int], reject: Sequence[int]
    ) -> list[SpanRecord]:
        """Settle one place: the gold spans of ``layer`` overlapping ``start``-``end`` become copies of
        the spans ``accept`` (one annotator's version; none to keep the place empty), and the spans
        ``reject`` (the other versions) are recorded as rejected."""
        self.change.on(document_id)
        sources = [self._source(span_id) for span_id in accept]
        if any(s.document_id != document_id or s.layer != layer for s in sources):
            raise EditRefused("the accepted annotations must be of this document and layer")
        keep = {(s.start, s.end) for s in sources}
        for gold in self.gold.overlapping(document_id, layer, start, end):
            if (gold.start, gold.end) not in keep:
                self._remove(gold, "replace", decided=False)
        records = [
            self._put(source, source.label, source.start, source.end, dict(source.attributes), "accept", {})
            for source in sources
        ]
        for span_id in reject:
            self._reject_record(self._source(span_id))
        return records

    def reject_span(self, span_id: int) -> int:
        """Keep a colleague's span out of the gold layer: record the rejection and remove a gold span
        identical to it, if one is there (with its relations). Return how many gold spans went."""
        source = self._source(span_id)
        if source.annotator == GOLD_ANNOTATOR:
            raise EditRefused("reject a colleague's annotation; remove a gold one with remove_gold_span")
        removed = 0
        for gold in self.gold.spans(source.document_id, source.layer):
            if (self.gold.label_keys[gold.label_id][1], gold.start, gold.end) == (
                source.label,
                source.start,
                source.end,
            ):
                self._remove(gold, "reject", decided=False)
                removed += 1
        self._reject_record(source)
        return removed

    def add_gold_span(
        self, document_id: int, layer: str, label: str, start: int, end: int, attributes: dict[str, Any] | None = None
    ) -> SpanRecord:
        """A span none of the colleagues made, added by the reviewer straight into the gold layer."""
        self.change.on(document_id)
        before, record = self.gold.put_span(document_id, layer, label, start, end, dict(attributes or {}))
        self.change.span_put(before, record)
        self._decide(document_id, "add", "span", None, None, record.id, {})
        self.gold.log("add", "gold_span", record.id, document_id, None, asdict(record))
        return record

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
        """Change a gold span; refused with :class:`StaleEdit` if it changed since ``expected_version``."""
        gold = self._own_gold(gold_span_id)
        if gold.version != expected_version:
            raise StaleEdit("another reviewer changed this gold annotation meanwhile", None)
        now = self.gold.record(gold)
        before, after = self.gold.update_span(
            gold,
            label or now.label,
            now.start if start is None else start,
            now.end if end is None else end,
            now.attributes if attributes is None else dict(attributes),
        )
        self.change.span_changed(before, after)
        self._decide(gold.document_id, "edit", "span", None, None, gold.id, {})
        self.gold.log("edit", "gold_span", gold.id, gold.document_id, asdict(before), asdict(after))
        return after

    def remove_gold_span(self, gold_span_id: int) -> SpanRecord:
        """Take a span out of the gold layer again (undo of an accept), with its relations."""
        return self._remove(self._own_gold(gold_span_id))

    # -- relations --------------------------------------------------------------------------------

    def accept_relation(self, relation_id: int) -> RelationRecord:
        """Put a colleague's relation in the gold layer, accepting its two ends first if the gold layer
        lacks them. Where the relation type allows one per source, it replaces the gold one."""
        rel = self._relation(relation_id)
        rel_type = self.gold.relation_keys[rel.type_id]
        source_annotator = self.gold.name(rel.annotator_id)
        gold_source, gold_target = (self._find_or_put_gold(self._source(i)) for i in (rel.source_id, rel.target_id))
        existing = self.gold.relations_from(gold_source.id, rel_type)
        definition = self.db.schema.relation(rel_type)
        record: RelationRecord | None = None
        for other in existing:
            if other.target_id == gold_target.id:
                record = self.gold.relation_record(other)
            elif definition is not None and definition.max_per_source and len(existing) >= definition.max_per_source:
                self.change.relation_removed(self.gold.delete_relation(other, "replace"))
        if record is None:
            record = self.gold.add_relation(rel_type, gold_source, gold_target)
            self.change.relation_added(record)
        self._decide(rel.document_id, "accept", "relation", source_annotator, rel.id, record.id, {})
        self.gold.log("accept", "gold_relation", record.id, rel.document_id, None, asdict(record))
        return record

    def reject_relation(self, relation_id: int) -> int:
        """Keep a colleague's relation out of the gold layer; remove the gold relation between the
        same places if there is one. Return how many gold relations went."""
        rel = self._relation(relation_id)
        source, target = self._source(rel.source_id), self._source(rel.target_id)
        gs = self.gold.at(rel.document_id, source.layer, source.start, source.end)
        gt = self.gold.at(rel.document_id, target.layer, target.start, target.end)
        removed = 0
        if gs is not None and gt is not None:
            found = self.gold.find_relation(self.gold.relation_keys[rel.type_id], gs.id, gt.id)
            if found is not None:
                self.change.relation_removed(self.gold.delete_relation(found, "reject"))
                removed += 1
        annotator = self.gold.name(rel.annotator_id)
        self._decide(rel.document_id, "reject", "relation", annotator, rel.id, None, {})
        self.gold.log("reject", "gold_relation", rel.id, rel.document_id, {"relation": rel.id}, None)
        return removed

    # -- document labels and accept all agreed ----------------------------------------------------

    def accept_document_label(self, document_id: int, layer: str, label: str, source_annotator: str | None) -> bool:
        """Set a document-level label in the gold layer; return whether it was new there."""
        return self._set_label(document_id, layer, label, True, "accept", source_annotator)

    def reject_document_label(self, document_id: int, layer: str, label: str) -> bool:
        """Keep a document-level label out of the gold layer; return whether the gold layer had it."""
        return self._set_label(document_id, layer, label, False, "reject", None)

    def accept_agreed(self, plan: AgreedPlan) -> AgreedPlan:
        """Add a previewed plan to the gold layer (what is meanwhile already there is skipped) and
        return what was added."""
        doc = plan.document_id
        self.gold.text(doc)
        added = write_agreed(self.gold, self.change, plan)
        detail = {"annotators": list(plan.annotators), "added": added.summary()}
        self._decide(doc, "accept_agreed", "document", None, None, None, detail)
        after = {
            "annotators": list(plan.annotators),
            "spans": [asdict(s) for s in added.spans],
            "relations": [asdict(r) for r in added.relations],
            "doc_labels": [list(x) for x in added.doc_labels],
        }
        self.gold.log("accept_agreed", "gold", None, doc, None, after)
        return added

    # -- helpers ----------------------------------------------------------------------------------

    def _put(
        self,
        source: SpanRecord,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any],
        decision: str,
        detail: dict[str, Any],
    ) -> SpanRecord:
        """Copy ``source`` (as changed) into the gold layer and record the decision."""
        self.change.on(source.document_id)
        before, record = self.gold.put_span(source.document_id, source.layer, label, start, end, attributes)
        self.change.span_put(before, record)
        self._decide(source.document_id, decision, "span", source.annotator, source.id, record.id, detail)
        self.gold.log(decision, "gold_span", record.id, source.document_id, {"from": asdict(source)}, asdict(record))
        self._copy_link(source, record)
        return record

    def _copy_link(self, source: SpanRecord, gold: SpanRecord) -> None:
        """Give the gold span ``gold`` the entity link of ``source`` (none where it has none)."""
        was, now = self.gold.set_link(gold.id, self.gold.link_of(source.id), "accept")
        self.change.link_changed(gold.id, was, now)

    def _find_or_put_gold(self, source: SpanRecord) -> Span:
        """The gold span at ``source``'s place (same layer and offsets), accepting ``source`` if none."""
        found = self.gold.at(source.document_id, source.layer, source.start, source.end)
        if found is None:
            record = self._put(source, source.label, source.start, source.end, dict(source.attributes), "accept", {})
            found = self.session.get(Span, record.id)
            assert found is not None
        return found

    def _remove(self, gold: Span, action: str = "remove", decided: bool = True) -> SpanRecord:
        self.change.on(gold.document_id)
        linked = self.gold.link_of(gold.id)
        if linked is not None:  # goes with the span (ON DELETE CASCADE); an undo puts it back
            self.change.link_changed(gold.id, linked, None)
        record, relations = self.gold.delete_span(gold, action)
        self.change.span_removed(record, relations)
        if decided:
            self._decide(record.document_id, "remove", "span", None, None, record.id, {})
        return record

    def _reject_record(self, source: SpanRecord) -> None:
        self._decide(source.document_id, "reject", "span", source.annotator, source.id, None, {})
        self.gold.log("reject", "gold_span", source.id, source.document_id, asdict(source), None)

    def _set_label(
        self, document_id: int, layer: str, label: str, present: bool, decision: str, source: str | None
    ) -> bool:
        self.change.on(document_id)
        self.gold.text(document_id)
        changed = self.gold.set_label(document_id, layer, label, present)
        if changed:
            self.change.label_set(layer, label, present)
        value = {"layer": layer, "label": label}
        self._decide(document_id, decision, "doc_label", source, None, None, value)
        self.gold.log(
            decision, "gold_doc_label", None, document_id, None if present else value, value if present else None
        )
        return changed

    def _source(self, span_id: int) -> SpanRecord:
        span = self.session.get(Span, span_id)
        if span is None:
            raise StaleEdit("this annotation was deleted meanwhile", None)
        self.change.on(span.document_id)
        return self.gold.record(span)

    def _relation(self, relation_id: int) -> Relation:
        rel = self.session.get(Relation, relation_id)
        if rel is None:
            raise StaleEdit("this relation was deleted meanwhile", None)
        self.change.on(rel.document_id)
        return rel

    def _own_gold(self, span_id: int) -> Span:
        gold = self.session.get(Span, span_id)
        if gold is None:
            raise StaleEdit("this gold annotation was removed meanwhile", None)
        if gold.annotator_id != self.gold.gold_id:
            raise EditRefused("only annotations of the gold layer can be changed here")
        self.change.on(gold.document_id)
        return gold

    def _decide(
        self,
        document_id: int,
        decision: str,
        kind: str,
        source_annotator: str | None,
        source_id: int | None,
        gold_id: int | None,
        detail: dict[str, Any],
    ) -> None:
        row = CurationDecision(
            document_id=document_id,
            reviewer=self.reviewer,
            decision=decision,
            kind=kind,
            source_annotator=source_annotator,
            source_id=source_id,
            gold_id=gold_id,
            detail=detail,
        )
        self.session.add(row)
        self.session.flush()
        self.change.decided(row.id)
