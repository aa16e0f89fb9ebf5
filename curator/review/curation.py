"""Curation: a reviewer adjudicates colleagues' annotations into the gold layer.

The gold layer is the work of the annotator :data:`GOLD_ANNOTATOR`; a :class:`CurationService` acts
for one *reviewer* and writes only there. Each decision is one short transaction that changes the
gold layer, adds a :class:`CurationDecision` row and a history row whose ``annotator`` is the
reviewer, so the history says who decided what. Colleagues' annotations are never changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.errors import EditRefused, StaleEdit
from curator.schema.checks import check_label, check_relation, check_span
from curator.store.database import Database
from curator.store.models import (
    GOLD_ANNOTATOR,
    Annotator,
    CurationDecision,
    Document,
    DocumentLabel,
    HistoryEntry,
    Relation,
    Span,
    utcnow,
)
from curator.store.queries import RelationRecord, SpanRecord, document_labels, relations, spans
from curator.text.plural import counted

SpanKey = tuple[str, str, int, int]  # layer, label, start, end


@dataclass(frozen=True)
class AgreedSpan:
    layer: str
    label: str
    start: int
    end: int
    attributes: dict[str, Any]


@dataclass(frozen=True)
class AgreedRelation:
    type: str
    source: SpanKey
    target: SpanKey


@dataclass
class AgreedPlan:
    """What "accept all agreed" adds to the gold layer: annotations every chosen annotator made
    identically and that the gold layer does not hold yet."""

    document_id: int
    annotators: tuple[str, ...]
    spans: list[AgreedSpan] = field(default_factory=list)
    relations: list[AgreedRelation] = field(default_factory=list)
    doc_labels: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.spans or self.relations or self.doc_labels)

    def summary(self) -> str:
        return ", ".join(
            (
                counted(len(self.spans), "span"),
                counted(len(self.relations), "relation"),
                counted(len(self.doc_labels), "document label"),
            )
        )


class CurationService:
    """Decisions by ``reviewer`` into the gold layer of ``db``; each public method commits once."""

    def __init__(self, db: Database, reviewer: str) -> None:
        self.db = db
        self.reviewer = reviewer.strip()
        if not self.reviewer:
            raise ValueError("a curation needs the reviewer's name")
        if self.reviewer == GOLD_ANNOTATOR:
            raise ValueError(f"{GOLD_ANNOTATOR!r} names the gold layer, not a reviewer")
        self._label_keys = {v: k for k, v in db.ids.labels.items()}
        self._relation_keys = {v: k for k, v in db.ids.relation_types.items()}

    # -- spans ------------------------------------------------------------------------------------

    def accept_span(self, span_id: int) -> SpanRecord:
        """Put a colleague's span, with its label and attributes, in the gold layer. A gold span of
        the same layer at the same offsets takes the accepted label and attributes."""
        return self._take_span(span_id, "accept", {})

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
        """Like :meth:`accept_span`, with the given fields changed on the gold copy. With ``replace``
        (a place: start, end), the gold spans of the layer overlapping it, other than one at the
        edited offsets, are taken out in the same transaction: the edited version replaces them."""
        changes: dict[str, Any] = {"label": label, "start": start, "end": end, "attributes": attributes}
        return self._take_span(span_id, "edit", {k: v for k, v in changes.items() if v is not None}, replace)

    def accept_version(
        self, document_id: int, layer: str, start: int, end: int, accept: Sequence[int], reject: Sequence[int]
    ) -> list[SpanRecord]:
        """Settle one place in one transaction: the gold spans of ``layer`` overlapping ``start``-``end``
        become copies of the spans ``accept`` (one annotator's version; none to keep the place empty),
        and the spans ``reject`` (the other versions) are recorded as rejected."""
        with self.db.write() as session:
            sources = [self._span(session, span_id) for span_id in accept]
            if any(s.document_id != document_id or s.layer != layer for s in sources):
                raise EditRefused("the accepted annotations must be of this document and layer")
            keep = {(s.start, s.end) for s in sources}
            for gold in self._gold_spans(session, document_id):
                if (
                    self._label_keys[gold.label_id][0] == layer
                    and gold.start < end
                    and gold.end > start
                    and (gold.start, gold.end) not in keep
                ):
                    self._delete_gold_span(session, gold, "replace")
            records = []
            for source in sources:
                record = self._put_gold_span(
                    session, document_id, layer, source.label, source.start, source.end, dict(source.attributes)
                )
                self._decide(session, document_id, "accept", "span", source.annotator, source.id, record.id, {})
                self._log(
                    session, "accept", "gold_span", record.id, document_id, {"from": asdict(source)}, asdict(record)
                )
                records.append(record)
            for span_id in reject:
                other = self._span(session, span_id)
                self._decide(session, document_id, "reject", "span", other.annotator, other.id, None, {})
                self._log(session, "reject", "gold_span", other.id, document_id, asdict(other), None)
            return records

    def reject_span(self, span_id: int) -> int:
        """Keep a colleague's span out of the gold layer: record the rejection and remove a gold span
        identical to it, if one is there (with its relations). Return how many gold spans went."""
        with self.db.write() as session:
            source = self._span(session, span_id)
            if source.annotator == GOLD_ANNOTATOR:
                raise EditRefused("reject a colleague's annotation; remove a gold one with remove_gold_span")
            removed = 0
            for gold in self._gold_spans(session, source.document_id):
                layer, label = self._label_keys[gold.label_id]
                if (layer, label, gold.start, gold.end) == (source.layer, source.label, source.start, source.end):
                    self._delete_gold_span(session, gold, "reject")
                    removed += 1
            self._decide(session, source.document_id, "reject", "span", source.annotator, source.id, None, {})
            self._log(session, "reject", "gold_span", source.id, source.document_id, asdict(source), None)
            return removed

    def add_gold_span(
        self,
        document_id: int,
        layer: str,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any] | None = None,
    ) -> SpanRecord:
        """A span none of the colleagues made, added by the reviewer straight into the gold layer."""
        with self.db.write() as session:
            record = self._put_gold_span(session, document_id, layer, label, start, end, dict(attributes or {}))
            self._decide(session, document_id, "add", "span", None, None, record.id, {})
            self._log(session, "add", "gold_span", record.id, document_id, None, asdict(record))
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
        with self.db.write() as session:
            gold = self._own_gold(session, gold_span_id)
            if gold.version != expected_version:
                raise StaleEdit("another reviewer changed this gold annotation meanwhile", None)
            before = self._record(session, gold)
            new_label = label or before.label
            new_start = before.start if start is None else start
            new_end = before.end if end is None else end
            new_attributes = before.attributes if attributes is None else dict(attributes)
            text = self._text(session, gold.document_id)
            self._check(check_span(self.db.schema, text, before.layer, new_label, new_start, new_end, new_attributes))
            gold.label_id = self.db.ids.labels[(before.layer, new_label)]
            gold.start, gold.end, gold.attributes, gold.updated_at = new_start, new_end, new_attributes, utcnow()
            session.flush()
            after = self._record(session, gold)
            self._decide(session, gold.document_id, "edit", "span", None, None, gold.id, {})
            self._log(session, "edit", "gold_span", gold.id, gold.document_id, asdict(before), asdict(after))
            return after

    def remove_gold_span(self, gold_span_id: int) -> SpanRecord:
        """Take a span out of the gold layer again (undo of an accept), with its relations."""
        with self.db.write() as session:
            gold = self._own_gold(session, gold_span_id)
            record = self._record(session, gold)
            self._delete_gold_span(session, gold, "remove")
            self._decide(session, record.document_id, "remove", "span", None, None, gold_span_id, {})
            return record

    # -- relations --------------------------------------------------------------------------------

    def accept_relation(self, relation_id: int) -> RelationRecord:
        """Put a colleague's relation in the gold layer, accepting its two ends first if the gold layer
        lacks them. Where the relation type allows one per source, it replaces the gold one."""
        with self.db.write() as session:
            rel = session.get(Relation, relation_id)
            if rel is None:
                raise StaleEdit("this relation was deleted meanwhile", None)
            rel_type = self._relation_keys[rel.type_id]
            source_annotator = self._name(session, rel.annotator_id)
            ends = []
            for span_id in (rel.source_id, rel.target_id):
                end_span = self._span(session, span_id)
                ends.append(self._find_or_put_gold(session, end_span))
            gold_source, gold_target = ends
            existing = session.scalars(
                select(Relation).where(Relation.source_id == gold_source.id, Relation.type_id == rel.type_id)
            ).all()
            definition = self.db.schema.relation(rel_type)
            record: RelationRecord | None = None
            for other in existing:
                if other.target_id == gold_target.id:
                    record = self._relation_record(other, rel_type)
                elif (
                    definition is not None and definition.max_per_source and len(existing) >= definition.max_per_source
                ):
                    session.delete(other)
                    self._log(
                        session,
                        "replace",
                        "gold_relation",
                        other.id,
                        rel.document_id,
                        {"target": other.target_id},
                        None,
                    )
            if record is None:
                src_key = self._label_keys[gold_source.label_id]
                tgt_key = self._label_keys[gold_target.label_id]
                self._check(check_relation(self.db.schema, rel_type, src_key, tgt_key))
                new = Relation(
                    document_id=rel.document_id,
                    annotator_id=self._gold_id(session),
                    type_id=rel.type_id,
                    source_id=gold_source.id,
                    target_id=gold_target.id,
                )
                session.add(new)
                session.flush()
                record = self._relation_record(new, rel_type)
            self._decide(session, rel.document_id, "accept", "relation", source_annotator, rel.id, record.id, {})
            self._log(session, "accept", "gold_relation", record.id, rel.document_id, None, asdict(record))
            return record

    def reject_relation(self, relation_id: int) -> int:
        """Keep a colleague's relation out of the gold layer; remove the gold relation between the
        same places if there is one. Return how many gold relations went."""
        with self.db.write() as session:
            rel = session.get(Relation, relation_id)
            if rel is None:
                raise StaleEdit("this relation was deleted meanwhile", None)
            source = self._span(session, rel.source_id)
            target = self._span(session, rel.target_id)
            gold_by_place = {
                (self._label_keys[g.label_id][0], g.start, g.end): g.id
                for g in self._gold_spans(session, rel.document_id)
            }
            removed = 0
            gs = gold_by_place.get((source.layer, source.start, source.end))
            gt = gold_by_place.get((target.layer, target.start, target.end))
            if gs is not None and gt is not None:
                for other in session.scalars(
                    select(Relation).where(
                        Relation.source_id == gs, Relation.target_id == gt, Relation.type_id == rel.type_id
                    )
                ):
                    session.delete(other)
                    removed += 1
            annotator = self._name(session, rel.annotator_id)
            self._decide(session, rel.document_id, "reject", "relation", annotator, rel.id, None, {})
            self._log(session, "reject", "gold_relation", rel.id, rel.document_id, {"relation": rel.id}, None)
            return removed

    # -- document labels --------------------------------------------------------------------------

    def accept_document_label(self, document_id: int, layer: str, label: str, source_annotator: str | None) -> bool:
        """Set a document-level label in the gold layer; return whether it was new there."""
        return self._set_gold_label(document_id, layer, label, True, "accept", source_annotator)

    def reject_document_label(self, document_id: int, layer: str, label: str) -> bool:
        """Keep a document-level label out of the gold layer; return whether the gold layer had it."""
        return self._set_gold_label(document_id, layer, label, False, "reject", None)

    # -- accept all agreed ------------------------------------------------------------------------

    def preview_agreed(self, document_id: int, annotators: Sequence[str]) -> AgreedPlan:
        """What :meth:`accept_agreed` would add: spans (same layer, label, offsets and attributes),
        relations (same type between agreed spans) and document labels that every one of
        ``annotators`` made, minus what the gold layer already holds. Nothing is written."""
        names = tuple(dict.fromkeys(annotators))
        if len(names) < 2:
            raise ValueError("agreement needs two or more annotators")
        all_spans = spans(self.db, document_id, [*names, GOLD_ANNOTATOR])
        plan = AgreedPlan(document_id, names)
        by_annotator: dict[str, dict[tuple[SpanKey, Any], SpanRecord]] = defaultdict(dict)
        for s in all_spans:
            by_annotator[s.annotator][((s.layer, s.label, s.start, s.end), _frozen(s.attributes))] = s
        gold_keys = {k[0] for k in by_annotator.get(GOLD_ANNOTATOR, {})}
        common = set(by_annotator[names[0]])
        for a in names[1:]:
            common &= set(by_annotator[a])
        agreed_keys = {k[0] for k in common}
        for key, _ in sorted(common, key=lambda k: (k[0][2], k[0][3], k[0][0], k[0][1])):
            if key not in gold_keys:
                s = by_annotator[names[0]][(key, _)]
                plan.spans.append(AgreedSpan(s.layer, s.label, s.start, s.end, dict(s.attributes)))
        key_of = {s.id: (s.layer, s.label, s.start, s.end) for s in all_spans}
        rel_sets: dict[str, set[tuple[str, SpanKey, SpanKey]]] = defaultdict(set)
        for r in relations(self.db, document_id, [*names, GOLD_ANNOTATOR]):
            if r.source_id in key_of and r.target_id in key_of:
                rel_sets[r.annotator].add((r.type, key_of[r.source_id], key_of[r.target_id]))
        common_rels = set.intersection(*(rel_sets[a] for a in names))
        for rel_type, src, tgt in sorted(common_rels):
            if (rel_type, src, tgt) not in rel_sets[GOLD_ANNOTATOR] and src in agreed_keys and tgt in agreed_keys:
                plan.relations.append(AgreedRelation(rel_type, src, tgt))
        label_sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for annotator, layer, label in document_labels(self.db, document_id, [*names, GOLD_ANNOTATOR]):
            label_sets[annotator].add((layer, label))
        common_labels = set.intersection(*(label_sets[a] for a in names))
        plan.doc_labels = sorted(common_labels - label_sets[GOLD_ANNOTATOR])
        return plan

    def accept_agreed(self, plan: AgreedPlan) -> AgreedPlan:
        """Add a previewed plan to the gold layer in one transaction (what is meanwhile already in the
        gold layer is skipped) and return what was added."""
        added = AgreedPlan(plan.document_id, plan.annotators)
        with self.db.write() as session:
            doc = plan.document_id
            gold_spans = {(*self._label_keys[g.label_id], g.start, g.end): g for g in self._gold_spans(session, doc)}
            for s in plan.spans:
                key = (s.layer, s.label, s.start, s.end)
                if key in gold_spans:
                    continue
                record = self._put_gold_span(session, doc, s.layer, s.label, s.start, s.end, dict(s.attributes))
                gold_spans[key] = self._gold_span(session, record.id)
                added.spans.append(s)
            gold_id = self._gold_id(session)
            for r in plan.relations:
                source, target = gold_spans.get(r.source), gold_spans.get(r.target)
                if source is None or target is None:
                    continue
                type_id = self.db.ids.relation_types[r.type]
                exists = session.scalar(
                    select(Relation.id).where(
                        Relation.source_id == source.id, Relation.target_id == target.id, Relation.type_id == type_id
                    )
                )
                if exists is None:
                    session.add(
                        Relation(
                            document_id=doc,
                            annotator_id=gold_id,
                            type_id=type_id,
                            source_id=source.id,
                            target_id=target.id,
                        )
                    )
                    added.relations.append(r)
            for layer, label in plan.doc_labels:
                if self._gold_label(session, doc, layer, label, True):
                    added.doc_labels.append((layer, label))
            detail = {"annotators": list(plan.annotators), "added": added.summary()}
            self._decide(session, doc, "accept_agreed", "document", None, None, None, detail)
            self._log(
                session,
                "accept_agreed",
                "gold",
                None,
                doc,
                None,
                {
                    "annotators": list(plan.annotators),
                    "spans": [asdict(s) for s in added.spans],
                    "relations": [asdict(r) for r in added.relations],
                    "doc_labels": [list(x) for x in added.doc_labels],
                },
            )
        return added

    # -- undo and redo of decisions ---------------------------------------------------------------

    def gold_state(self, document_id: int) -> GoldState:
        """The gold layer of one document as it stands (read only): before and after a decision, the
        two give the decision's :class:`GoldChange`."""
        with self.db.read() as session:
            gold = self._gold_id(session)
            spans = {g.id: self._record(session, g) for g in self._gold_spans(session, document_id)}
            rels = {
                r.id: self._relation_record(r, self._relation_keys[r.type_id])
                for r in session.scalars(
                    select(Relation).where(Relation.document_id == document_id, Relation.annotator_id == gold)
                )
            }
            labels = frozenset(
                self._label_keys[label_id]
                for label_id in session.scalars(
                    select(DocumentLabel.label_id).where(
                        DocumentLabel.document_id == document_id, DocumentLabel.annotator_id == gold
                    )
                )
            )
            decisions = frozenset(
                session.scalars(select(CurationDecision.id).where(CurationDecision.document_id == document_id))
            )
        return GoldState(document_id, spans, rels, labels, decisions)

    def apply_change(self, change: GoldChange, action: str) -> GoldChange:
        """Apply ``change`` to the gold layer in one transaction (``action`` is ``"undo"`` or ``"redo"``,
        for the history) and return it as applied, with the records as they now are.

        Undo applies ``change.inverse()``. The gold layer must be as the change expects it (the spans
        it removes or changes at the versions it names, the spans it adds absent): otherwise someone
        changed it meanwhile and :class:`StaleEdit` is raised with nothing written. The decisions the
        change made are withdrawn by an undo (they no longer count, e.g. as rejections) and put back
        by a redo; the history keeps both, under this reviewer.
        """
        if action not in ("undo", "redo"):
            raise ValueError("action is 'undo' or 'redo'")
        doc = change.document_id
        with self.db.write() as session:
            gold = self._gold_id(session)
            for expected in (*change.spans_removed, *(before for before, _ in change.spans_changed)):
                row = session.get(Span, expected.id)
                if row is None or row.annotator_id != gold or row.version != expected.version:
                    raise StaleEdit("the gold layer changed here meanwhile; this decision cannot be undone", None)
            for added in change.spans_added:
                if session.get(Span, added.id) is not None:
                    raise StaleEdit("the gold layer changed here meanwhile; this decision cannot be redone", None)
            for rel in change.relations_removed:
                if session.get(Relation, rel.id) is None:
                    raise StaleEdit("a gold relation changed meanwhile; this decision cannot be undone", None)
            for rel in change.relations_removed:
                found = session.get(Relation, rel.id)
                session.delete(found)
            session.flush()
            for removed in change.spans_removed:
                row = session.get(Span, removed.id)
                session.delete(row)
            session.flush()
            changed: list[tuple[SpanRecord, SpanRecord]] = []
            for before, after in change.spans_changed:
                row = session.get(Span, before.id)
                assert row is not None
                row.label_id = self.db.ids.labels[(after.layer, after.label)]
                row.start, row.end, row.note = after.start, after.end, after.note
                row.attributes = dict(after.attributes)
                row.updated_at = utcnow()
                session.flush()
                changed.append((before, self._record(session, row)))
            text = self._text(session, doc)
            added_records: list[SpanRecord] = []
            for added in change.spans_added:
                self._check(
                    check_span(self.db.schema, text, added.layer, added.label, added.start, added.end, added.attributes)
                )
                span = Span(
                    id=added.id,
                    document_id=doc,
                    annotator_id=gold,
                    label_id=self.db.ids.labels[(added.layer, added.label)],
                    start=added.start,
                    end=added.end,
                    attributes=dict(added.attributes),
                    note=added.note,
                )
                session.add(span)
                session.flush()
                added_records.append(self._record(session, span))
            for rel in change.relations_added:
                session.add(
                    Relation(
                        id=rel.id,
                        document_id=doc,
                        annotator_id=gold,
                        type_id=self.db.ids.relation_types[rel.type],
                        source_id=rel.source_id,
                        target_id=rel.target_id,
                    )
                )
            session.flush()
            for layer, label in change.labels_removed:
                self._gold_label(session, doc, layer, label, False)
            for layer, label in change.labels_added:
                self._gold_label(session, doc, layer, label, True)
            for decision_id in change.decisions:
                decision = session.get(CurationDecision, decision_id)
                if decision is None:
                    continue
                undone = decision.decision.startswith(UNDONE)
                if change.decisions_in_force and undone:
                    decision.decision = decision.decision[len(UNDONE) :]
                elif not change.decisions_in_force and not undone:
                    decision.decision = (UNDONE + decision.decision)[:20]
            applied = replace(change, spans_added=tuple(added_records), spans_changed=tuple(changed))
            self._decide(session, doc, action, "document", None, None, None, {"change": applied.summary()})
            self._log(session, action, "gold", None, doc, None, {"change": applied.summary()})
            return applied

    # -- helpers ----------------------------------------------------------------------------------

    def _take_span(
        self, span_id: int, decision: str, changes: dict[str, Any], replace: tuple[int, int] | None = None
    ) -> SpanRecord:
        with self.db.write() as session:
            source = self._span(session, span_id)
            if source.annotator == GOLD_ANNOTATOR:
                raise EditRefused("this annotation is already in the gold layer")
            label = changes.get("label", source.label)
            start = changes.get("start", source.start)
            end = changes.get("end", source.end)
            attributes = dict(changes.get("attributes", source.attributes))
            if replace is not None:
                for gold in self._gold_spans(session, source.document_id):
                    if (
                        self._label_keys[gold.label_id][0] == source.layer
                        and gold.start < replace[1]
                        and gold.end > replace[0]
                        and (gold.start, gold.end) != (start, end)
                    ):
                        self._delete_gold_span(session, gold, "replace")
            record = self._put_gold_span(session, source.document_id, source.layer, label, start, end, attributes)
            detail = {"changes": changes} if changes else {}
            self._decide(session, source.document_id, decision, "span", source.annotator, source.id, record.id, detail)
            self._log(
                session,
                decision,
                "gold_span",
                record.id,
                source.document_id,
                {"from": asdict(source)},
                asdict(record),
            )
            return record

    def _put_gold_span(
        self,
        session: Session,
        document_id: int,
        layer: str,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any],
    ) -> SpanRecord:
        """Create a gold span, or update the gold span of ``layer`` already at ``start``-``end``."""
        text = self._text(session, document_id)
        self._check(check_span(self.db.schema, text, layer, label, start, end, attributes))
        label_id = self.db.ids.labels[(layer, label)]
        for gold in self._gold_spans(session, document_id):
            if (gold.start, gold.end) == (start, end) and self._label_keys[gold.label_id][0] == layer:
                if gold.label_id != label_id or gold.attributes != attributes:
                    gold.label_id, gold.attributes, gold.updated_at = label_id, attributes, utcnow()
                    session.flush()
                return self._record(session, gold)
        span = Span(
            document_id=document_id,
            annotator_id=self._gold_id(session),
            label_id=label_id,
            start=start,
            end=end,
            attributes=attributes,
            note="",
        )
        session.add(span)
        session.flush()
        return self._record(session, span)

    def _find_or_put_gold(self, session: Session, source: SpanRecord) -> Span:
        """The gold span at ``source``'s place (same layer and offsets), accepting ``source`` if none."""
        for gold in self._gold_spans(session, source.document_id):
            if (gold.start, gold.end) == (source.start, source.end) and self._label_keys[gold.label_id][
                0
            ] == source.layer:
                return gold
        record = self._put_gold_span(
            session, source.document_id, source.layer, source.label, source.start, source.end, dict(source.attributes)
        )
        self._decide(session, source.document_id, "accept", "span", source.annotator, source.id, record.id, {})
        self._log(
            session, "accept", "gold_span", record.id, source.document_id, {"from": asdict(source)}, asdict(record)
        )
        return self._gold_span(session, record.id)

    def _delete_gold_span(self, session: Session, gold: Span, action: str) -> None:
        record = self._record(session, gold)
        session.delete(gold)
        session.flush()
        self._log(session, action, "gold_span", record.id, record.document_id, asdict(record), None)

    def _set_gold_label(
        self, document_id: int, layer: str, label: str, present: bool, decision: str, source: str | None
    ) -> bool:
        with self.db.write() as session:
            self._text(session, document_id)
            found = check_label(self.db.schema, layer, label, "document")
            if isinstance(found, str):
                raise EditRefused(found)
            changed = self._gold_label(session, document_id, layer, label, present)
            value = {"layer": layer, "label": label}
            self._decide(session, document_id, decision, "doc_label", source, None, None, value)
            self._log(
                session,
                decision,
                "gold_doc_label",
                None,
                document_id,
                None if present else value,
                value if present else None,
            )
            return changed

    def _gold_label(self, session: Session, document_id: int, layer: str, label: str, present: bool) -> bool:
        gold_id = self._gold_id(session)
        label_id = self.db.ids.labels[(layer, label)]
        row = session.scalars(
            select(DocumentLabel).where(
                DocumentLabel.document_id == document_id,
                DocumentLabel.annotator_id == gold_id,
                DocumentLabel.label_id == label_id,
            )
        ).first()
        if present == (row is not None):
            return False
        if present:
            session.add(DocumentLabel(document_id=document_id, annotator_id=gold_id, label_id=label_id))
        else:
            session.delete(row)
        session.flush()
        return True

    def _gold_id(self, session: Session) -> int:
        return self.db.annotator_id(session, GOLD_ANNOTATOR)

    def _gold_spans(self, session: Session, document_id: int) -> list[Span]:
        return list(
            session.scalars(
                select(Span).where(Span.document_id == document_id, Span.annotator_id == self._gold_id(session))
            )
        )

    def _gold_span(self, session: Session, span_id: int) -> Span:
        span = session.get(Span, span_id)
        assert span is not None
        return span

    def _own_gold(self, session: Session, span_id: int) -> Span:
        gold = session.get(Span, span_id)
        if gold is None:
            raise StaleEdit("this gold annotation was removed meanwhile", None)
        if gold.annotator_id != self._gold_id(session):
            raise EditRefused("only annotations of the gold layer can be changed here")
        return gold

    def _span(self, session: Session, span_id: int) -> SpanRecord:
        span = session.get(Span, span_id)
        if span is None:
            raise StaleEdit("this annotation was deleted meanwhile", None)
        return self._record(session, span)

    def _record(self, session: Session, span: Span) -> SpanRecord:
        layer, label = self._label_keys[span.label_id]
        return SpanRecord(
            span.id,
            span.document_id,
            self._name(session, span.annotator_id),
            layer,
            label,
            span.start,
            span.end,
            dict(span.attributes),
            span.note or "",
            span.version,
        )

    def _relation_record(self, rel: Relation, rel_type: str) -> RelationRecord:
        return RelationRecord(rel.id, rel.document_id, GOLD_ANNOTATOR, rel_type, rel.source_id, rel.target_id)

    @staticmethod
    def _name(session: Session, annotator_id: int) -> str:
        return session.scalar(select(Annotator.name).where(Annotator.id == annotator_id)) or ""

    @staticmethod
    def _text(session: Session, document_id: int) -> str:
        text = session.scalar(select(Document.text).where(Document.id == document_id))
        if text is None:
            raise EditRefused(f"document {document_id} does not exist (deleted by a colleague?)")
        return text

    @staticmethod
    def _check(problems: list[str]) -> None:
        if problems:
            raise EditRefused("; ".join(problems))

    def _decide(
        self,
        session: Session,
        document_id: int,
        decision: str,
        kind: str,
        source_annotator: str | None,
        source_id: int | None,
        gold_id: int | None,
        detail: dict[str, Any],
    ) -> None:
        session.add(
            CurationDecision(
                document_id=document_id,
                reviewer=self.reviewer,
                decision=decision,
                kind=kind,
                source_annotator=source_annotator,
                source_id=source_id,
                gold_id=gold_id,
                detail=detail,
            )
        )

    def _log(
        self,
        session: Session,
        action: str,
        kind: str,
        object_id: int | None,
        document_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        # The history's annotator is the reviewer, not the gold layer: it records who decided.
        session.add(
            HistoryEntry(
                annotator=self.reviewer,
                action=action,
                kind=kind,
                object_id=object_id,
                document_id=document_id,
                before=before,
                after=after,
            )
        )


UNDONE = "undone_"  # prefix of a decision withdrawn by an undo (it no longer counts, e.g. as a rejection)


@dataclass(frozen=True)
class GoldState:
    """One document's gold layer at one moment (see :meth:`CurationService.gold_state`)."""

    document_id: int
    spans: Mapping[int, SpanRecord]
    relations: Mapping[int, RelationRecord]
    doc_labels: frozenset[tuple[str, str]]
    decisions: frozenset[int]


@dataclass(frozen=True)
class GoldChange:
    """What one decision changed in one document's gold layer: spans added, removed and changed
    (before, after), relations added and removed, document labels added and removed, and the ids of
    the decision rows it wrote. :meth:`inverse` is its undo; :meth:`CurationService.apply_change`
    applies either, op by op (never a snapshot: what others changed elsewhere stays)."""

    document_id: int
    spans_added: tuple[SpanRecord, ...] = ()
    spans_removed: tuple[SpanRecord, ...] = ()
    spans_changed: tuple[tuple[SpanRecord, SpanRecord], ...] = ()
    relations_added: tuple[RelationRecord, ...] = ()
    relations_removed: tuple[RelationRecord, ...] = ()
    labels_added: tuple[tuple[str, str], ...] = ()
    labels_removed: tuple[tuple[str, str], ...] = ()
    decisions: tuple[int, ...] = ()
    decisions_in_force: bool = True  # after this change is applied, do those decisions count?

    @classmethod
    def between(cls, before: GoldState, after: GoldState) -> GoldChange:
        """The change that turns ``before`` into ``after`` (same document)."""
        if before.document_id != after.document_id:
            raise ValueError("a change is within one document")
        return cls(
            after.document_id,
            spans_added=tuple(s for i, s in sorted(after.spans.items()) if i not in before.spans),
            spans_removed=tuple(s for i, s in sorted(before.spans.items()) if i not in after.spans),
            spans_changed=tuple(
                (before.spans[i], s)
                for i, s in sorted(after.spans.items())
                if i in before.spans and before.spans[i] != s
            ),
            relations_added=tuple(r for i, r in sorted(after.relations.items()) if i not in before.relations),
            relations_removed=tuple(r for i, r in sorted(before.relations.items()) if i not in after.relations),
            labels_added=tuple(sorted(after.doc_labels - before.doc_labels)),
            labels_removed=tuple(sorted(before.doc_labels - after.doc_labels)),
            decisions=tuple(sorted(after.decisions - before.decisions)),
        )

    @property
    def empty(self) -> bool:
        return not (
            self.spans_added
            or self.spans_removed
            or self.spans_changed
            or self.relations_added
            or self.relations_removed
            or self.labels_added
            or self.labels_removed
            or self.decisions
        )

    def inverse(self) -> GoldChange:
        return GoldChange(
            self.document_id,
            spans_added=self.spans_removed,
            spans_removed=self.spans_added,
            spans_changed=tuple((after, before) for before, after in self.spans_changed),
            relations_added=self.relations_removed,
            relations_removed=self.relations_added,
            labels_added=self.labels_removed,
            labels_removed=self.labels_added,
            decisions=self.decisions,
            decisions_in_force=not self.decisions_in_force,
        )

    def summary(self) -> dict[str, Any]:
        return {
            "spans_added": [s.id for s in self.spans_added],
            "spans_removed": [s.id for s in self.spans_removed],
            "spans_changed": [a.id for _, a in self.spans_changed],
            "relations_added": [r.id for r in self.relations_added],
            "relations_removed": [r.id for r in self.relations_removed],
            "labels_added": [list(x) for x in self.labels_added],
            "labels_removed": [list(x) for x in self.labels_removed],
            "decisions": list(self.decisions),
            "decisions_in_force": self.decisions_in_force,
        }


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value
