"""What a decision changed in one document's gold layer, and how that change is undone and redone.

A decision reports its :class:`GoldChange` from inside its own transaction (a
:class:`GoldChangeBuilder` collects the writes as they are made), never by comparing two reads of
the gold layer: a colleague's change to another gold span, made meanwhile, is not part of it.
:func:`apply_change` applies a change, or its :meth:`~GoldChange.inverse`, op by op in one
transaction, after checking that the gold layer still is as the change expects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from curator.errors import EditRefused, StaleEdit
from curator.review.states import read_review_state, write_review_state
from curator.schema.checks import check_span
from curator.store.comment_links import reattach_comments
from curator.store.database import Database
from curator.store.gold import GoldWriter
from curator.store.models import GOLD_ANNOTATOR, CurationDecision, Relation, ReviewState, Span
from curator.store.queries import RelationRecord, SpanRecord

UNDONE = "undone_"  # prefix of a decision withdrawn by an undo (it no longer counts, e.g. as a rejection)


@dataclass(frozen=True)
class GoldChange:
    """What one decision changed in one document's gold layer: spans added, removed and changed
    (before, after), relations added and removed, document labels added and removed, entity links of
    gold spans changed (span id, entity key before, after; None for no link), the ids of the decision
    rows it wrote, and the document's review state before and after (None: untouched).
    :meth:`inverse` is its undo; :func:`apply_change` applies either, op by op (never a snapshot:
    what others changed elsewhere stays)."""

    document_id: int
    spans_added: tuple[SpanRecord, ...] = ()
    spans_removed: tuple[SpanRecord, ...] = ()
    spans_changed: tuple[tuple[SpanRecord, SpanRecord], ...] = ()
    relations_added: tuple[RelationRecord, ...] = ()
    relations_removed: tuple[RelationRecord, ...] = ()
    labels_added: tuple[tuple[str, str], ...] = ()
    labels_removed: tuple[tuple[str, str], ...] = ()
    links_changed: tuple[tuple[int, str | None, str | None], ...] = ()
    decisions: tuple[int, ...] = ()
    decisions_in_force: bool = True  # after this change is applied, do those decisions count?
    state_before: str | None = None
    state_after: str | None = None

    @classmethod
    def between(cls, before: GoldState, after: GoldState) -> GoldChange:
        """The difference of two reads of the gold layer (same document). A check for tests and
        tools: a decision reports its own change, which this must agree with when no one else wrote."""
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
            links_changed=tuple(
                (i, before.links.get(i), after.links.get(i))
                for i in sorted({*before.links, *after.links})
                if before.links.get(i) != after.links.get(i)
            ),
            decisions=tuple(sorted(after.decisions - before.decisions)),
        )

    @property
    def state_changed(self) -> bool:
        return self.state_before != self.state_after

    @property
    def gold_part(self) -> GoldChange:
        """The same change without the review state (what :meth:`between` can see)."""
        return replace(self, state_before=None, state_after=None)

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
            or self.links_changed
            or self.decisions
            or self.state_changed
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
            links_changed=tuple((i, after, before) for i, before, after in self.links_changed),
            decisions=self.decisions,
            decisions_in_force=not self.decisions_in_force,
            state_before=self.state_after,
            state_after=self.state_before,
        )

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "spans_added": [s.id for s in self.spans_added],
            "spans_removed": [s.id for s in self.spans_removed],
            "spans_changed": [a.id for _, a in self.spans_changed],
            "relations_added": [r.id for r in self.relations_added],
            "relations_removed": [r.id for r in self.relations_removed],
            "labels_added": [list(x) for x in self.labels_added],
            "labels_removed": [list(x) for x in self.labels_removed],
            "links_changed": [list(x) for x in self.links_changed],
            "decisions": list(self.decisions),
            "decisions_in_force": self.decisions_in_force,
        }
        if self.state_changed:
            out["state"] = [self.state_before, self.state_after]
        return out

    def describe(self) -> str:
        """One line for a person: what went in and out of the gold layer."""
        parts = [
            f"{len(items)} {what}"
            for items, what in (
                (self.spans_added, "spans added"),
                (self.spans_changed, "spans changed"),
                (self.spans_removed, "spans removed"),
                (self.relations_added, "relations added"),
                (self.relations_removed, "relations removed"),
                (self.labels_added, "document labels added"),
                (self.labels_removed, "document labels removed"),
                (self.links_changed, "entity links changed"),
            )
            if items
        ]
        if self.state_changed:
            parts.append(f"review state {self.state_before} → {self.state_after}")
        return ", ".join(parts) or "nothing changed in the gold layer"


class GoldChangeBuilder:
    """Collects one transaction's writes to one document's gold layer into a :class:`GoldChange`.
    A span added then changed is reported as added (as it now is); one changed then removed as
    removed (as it was before); one added then removed not at all."""

    def __init__(self) -> None:
        self.document_id: int | None = None
        self._added: dict[int, SpanRecord] = {}
        self._removed: dict[int, SpanRecord] = {}
        self._changed: dict[int, tuple[SpanRecord, SpanRecord]] = {}
        self._rel_added: dict[int, RelationRecord] = {}
        self._rel_removed: dict[int, RelationRecord] = {}
        self._labels: dict[tuple[str, str], bool] = {}  # True: added, False: removed
        self._links: dict[int, tuple[str | None, str | None]] = {}  # gold span id -> (before, after)
        self._decisions: list[int] = []

    def on(self, document_id: int) -> None:
        """The document this change is about; a decision stays within one document."""
        if self.document_id is None:
            self.document_id = document_id
        elif self.document_id != document_id:
            raise EditRefused("a decision is about one document; this annotation is on another")

    def span_put(self, before: SpanRecord | None, after: SpanRecord) -> None:
        if before is None:
            self.span_added(after)
        elif before != after:
            self.span_changed(before, after)

    def span_added(self, record: SpanRecord) -> None:
        removed = self._removed.pop(record.id, None)
        if removed is not None:
            # The store gave a removed span's id to a new one (SQLite reuses the highest rowid): for
            # an undo that is the same row changed, not a row taken out and another put in.
            self._changed[record.id] = (removed, record)
        else:
            self._added[record.id] = record

    def span_changed(self, before: SpanRecord, after: SpanRecord) -> None:
        if after.id in self._added:
            self._added[after.id] = after
        elif after.id in self._changed:
            self._changed[after.id] = (self._changed[after.id][0], after)
        else:
            self._changed[after.id] = (before, after)

    def span_removed(self, record: SpanRecord, relations: list[RelationRecord]) -> None:
        for rel in relations:
            self.relation_removed(rel)
        if self._added.pop(record.id, None) is not None:
            return
        changed = self._changed.pop(record.id, None)
        self._removed[record.id] = changed[0] if changed else record

    def relation_added(self, record: RelationRecord) -> None:
        self._rel_added[record.id] = record

    def relation_removed(self, record: RelationRecord) -> None:
        if self._rel_added.pop(record.id, None) is None:
            self._rel_removed[record.id] = record

    def label_set(self, layer: str, label: str, present: bool) -> None:
        """A document label that was just added (``present``) or removed."""
        key = (layer, label)
        if self._labels.get(key) is (not present):
            del self._labels[key]  # added then removed, or the other way round: no change
        else:
            self._labels[key] = present

    def link_changed(self, span_id: int, before: str | None, after: str | None) -> None:
        """A gold span's entity link went from ``before`` to ``after`` (a span's removal unlinks it
        first, its addition links it after: so an undo restores the span, then its link)."""
        if span_id in self._links:
            before = self._links[span_id][0]
        if before == after:
            self._links.pop(span_id, None)
        else:
            self._links[span_id] = (before, after)

    def decided(self, decision_id: int) -> None:
        self._decisions.append(decision_id)

    def build(self, state_before: str | None = None, state_after: str | None = None) -> GoldChange:
        if self.document_id is None:
            raise ValueError("nothing was decided")
        return GoldChange(
            self.document_id,
            spans_added=tuple(self._added[i] for i in sorted(self._added)),
            spans_removed=tuple(self._removed[i] for i in sorted(self._removed)),
            spans_changed=tuple(self._changed[i] for i in sorted(self._changed)),
            relations_added=tuple(self._rel_added[i] for i in sorted(self._rel_added)),
            relations_removed=tuple(self._rel_removed[i] for i in sorted(self._rel_removed)),
            labels_added=tuple(sorted(k for k, v in self._labels.items() if v)),
            labels_removed=tuple(sorted(k for k, v in self._labels.items() if not v)),
            links_changed=tuple((i, *self._links[i]) for i in sorted(self._links)),
            decisions=tuple(self._decisions),
            state_before=state_before,
            state_after=state_after,
        )


@dataclass(frozen=True)
class GoldState:
    """One document's gold layer at one moment, read whole (see :func:`gold_state`)."""

    document_id: int
    spans: Mapping[int, SpanRecord]
    relations: Mapping[int, RelationRecord]
    doc_labels: frozenset[tuple[str, str]]
    decisions: frozenset[int]
    links: Mapping[int, str] = field(default_factory=dict)  # gold span id -> entity key


def gold_state(db: Database, document_id: int) -> GoldState:
    """The gold layer of one document as it stands, read only (a check, not the undo path)."""
    with db.read() as session:
        gold = GoldWriter(db, session, "")
        spans = {g.id: gold.record(g) for g in gold.spans(document_id)}
        rels = {
            r.id: gold.relation_record(r)
            for r in session.scalars(
                select(Relation).where(Relation.document_id == document_id, Relation.annotator_id == gold.gold_id)
            )
        }
        labels = frozenset(gold.labels(document_id))
        decisions = frozenset(
            session.scalars(select(CurationDecision.id).where(CurationDecision.document_id == document_id))
        )
        links = gold.links_of(sorted(spans))
    return GoldState(document_id, spans, rels, labels, decisions, links)


def apply_change(db: Database, reviewer: str, change: GoldChange, action: str) -> GoldChange:
    """Apply ``change`` to the gold layer in one transaction (``action`` is ``"undo"`` or ``"redo"``,
    for the history, under ``reviewer``) and return it as applied, with the records as they now are.

    Undo applies ``change.inverse()``. The gold layer must be as the change expects it (the spans it
    removes or changes at the versions it names, the spans it adds absent): otherwise someone changed
    it meanwhile and :class:`StaleEdit` is raised with nothing written. The decisions the change made
    are withdrawn by an undo (they no longer count, e.g. as rejections) and put back by a redo. The
    review state goes back only if it is still what the change left: a colleague's later state stays.
    """
    if action not in ("undo", "redo"):
        raise ValueError("action is 'undo' or 'redo'")
    with db.write() as session:
        return _apply(session, GoldWriter(db, session, reviewer), change, action)


def apply_changes(db: Database, reviewer: str, changes: Sequence[GoldChange], action: str) -> tuple[GoldChange, ...]:
    """:func:`apply_change` for the changes of a bulk decision (one per document), all in one
    transaction: if one of them cannot be applied, none is."""
    if action not in ("undo", "redo"):
        raise ValueError("action is 'undo' or 'redo'")
    with db.write() as session:
        # The rows the changes name, read in a few queries rather than one per span.
        # (Held here: the session's identity map keeps rows only while something refers to them.)
        spans = sorted({s.id for c in changes for s in (*c.spans_removed, *(b for b, _ in c.spans_changed))})
        rels = sorted({r.id for c in changes for r in c.relations_removed})
        decisions = sorted({d for c in changes for d in c.decisions})
        docs = sorted({c.document_id for c in changes})
        held: list[Any] = []
        for model, column, ids in (
            (Span, Span.id, spans),
            (Relation, Relation.id, rels),
            (CurationDecision, CurationDecision.id, decisions),
            (ReviewState, ReviewState.document_id, docs),
        ):
            for i in range(0, len(ids), 500):
                held.extend(session.scalars(select(model).where(column.in_(ids[i : i + 500]))))
        gold = GoldWriter(db, session, reviewer)
        # The gold links of all the documents are checked and put back together, after their spans.
        _check_links(gold, changes, action)
        links: list[tuple[int, int, str | None]] = []
        applied = tuple(_apply(session, gold, change, action, links) for change in changes)
        gold.set_links(links, action)
        del held
        return applied


def _restore_spans(session: Session, gold: GoldWriter, records: Sequence[SpanRecord]) -> list[SpanRecord]:
    """Put gold spans back under their own ids, checked as :meth:`GoldWriter.restore_span` checks
    them, in one multi-row insert (the redo of a bulk decision puts back thousands)."""
    if len(records) < 2:
        return [gold.restore_span(r) for r in records]
    texts = {doc: gold.text(doc) for doc in {r.document_id for r in records}}
    schema, labels = gold.db.schema, gold.db.ids.labels
    for r in records:
        gold._check(check_span(schema, texts[r.document_id], r.layer, r.label, r.start, r.end, r.attributes))
    rows = [
        {
            "id": r.id,
            "document_id": r.document_id,
            "annotator_id": gold.gold_id,
            "label_id": labels[(r.layer, r.label)],
            "start": r.start,
            "end": r.end,
            "attributes": dict(r.attributes),
            "note": r.note,
        }
        for r in records
    ]
    session.execute(insert(Span), rows)
    return [replace(r, annotator=GOLD_ANNOTATOR, attributes=dict(r.attributes), version=1) for r in records]


def _check_links(gold: GoldWriter, changes: Sequence[GoldChange], action: str) -> None:
    """Refuse (:class:`StaleEdit`) when a gold span's link is no longer what the changes expect (a span
    the changes add has none yet)."""
    expected: dict[int, str | None] = {}
    for change in changes:
        added = {s.id for s in change.spans_added}
        expected.update((i, before) for i, before, _ in change.links_changed if i not in added)
    now = gold.links_of(sorted(expected))
    if any(now.get(span_id) != before for span_id, before in expected.items()):
        raise StaleEdit(f"a gold entity link changed meanwhile; this decision cannot be {action}ne", None)


def _apply(
    session: Session,
    gold: GoldWriter,
    change: GoldChange,
    action: str,
    links_later: list[tuple[int, int, str | None]] | None = None,
) -> GoldChange:
    """Apply one change; its gold links are added to ``links_later`` when given (the caller checked
    them and puts them back with the other documents'), else checked and put back here."""
    doc = change.document_id
    reviewer = gold.who
    for expected in (*change.spans_removed, *(before for before, _ in change.spans_changed)):
        row = session.get(Span, expected.id)
        if row is None or row.annotator_id != gold.gold_id or row.version != expected.version:
            raise StaleEdit(f"the gold layer changed here meanwhile; this decision cannot be {action}ne", None)
    added_ids = [added.id for added in change.spans_added]
    if added_ids and session.scalar(select(Span.id).where(Span.id.in_(added_ids)).limit(1)) is not None:
        raise StaleEdit(f"the gold layer changed here meanwhile; this decision cannot be {action}ne", None)
    for rel in change.relations_removed:
        if session.get(Relation, rel.id) is None:
            raise StaleEdit(f"a gold relation changed meanwhile; this decision cannot be {action}ne", None)
    if links_later is None and change.links_changed:
        _check_links(gold, [change], action)
    for rel in change.relations_removed:
        found = session.get(Relation, rel.id)
        assert found is not None
        session.delete(found)
    session.flush()
    for removed in change.spans_removed:
        session.delete(session.get(Span, removed.id))
    session.flush()
    changed: list[tuple[SpanRecord, SpanRecord]] = []
    for before, after in change.spans_changed:
        row = session.get(Span, before.id)
        assert row is not None
        _, now = gold.update_span(row, after.label, after.start, after.end, after.attributes, after.note)
        changed.append((before, now))
    added_records = _restore_spans(session, gold, change.spans_added)
    for rel in change.relations_added:
        gold.restore_relation(rel)
    session.flush()
    # gold annotations put back under their own ids take their comments back
    reattach_comments(session, [s.id for s in added_records], [r.id for r in change.relations_added])
    for layer, label in change.labels_removed:
        gold.set_label(doc, layer, label, False)
    for layer, label in change.labels_added:
        gold.set_label(doc, layer, label, True)
    gone = {s.id for s in change.spans_removed}  # a removed span's link went with it
    links = [(i, doc, after) for i, _, after in change.links_changed if after is not None or i not in gone]
    if links_later is not None:
        links_later.extend(links)
    elif len(links) == 1:
        gold.set_link(links[0][0], links[0][2], action)  # checked one by one
    else:
        gold.set_links(links, action)
    for decision_id in change.decisions:
        decision = session.get(CurationDecision, decision_id)
        if decision is None:
            continue
        undone = decision.decision.startswith(UNDONE)
        if change.decisions_in_force and undone:
            decision.decision = decision.decision[len(UNDONE) :]
        elif not change.decisions_in_force and not undone:
            decision.decision = (UNDONE + decision.decision)[:20]
    # The review state goes back only if no one has changed it since the decision.
    state_now = read_review_state(session, doc)
    if change.state_changed and change.state_after is not None and state_now == change.state_before:
        write_review_state(session, doc, change.state_after, reviewer)
    applied = replace(change, spans_added=tuple(added_records), spans_changed=tuple(changed))
    session.add(
        CurationDecision(
            document_id=doc,
            reviewer=reviewer,
            decision=action,
            kind="document",
            detail={"change": applied.summary()},
        )
    )
    gold.log(action, "gold", None, doc, None, {"change": applied.summary()})
    return applied
