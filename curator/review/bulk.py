"""Bulk curation: accept into the gold layer, as one previewed decision over many documents, what
``k`` of the chosen annotators made identically (a majority), or everything of one annotator (for a
document, a layer, or the corpus).

:func:`preview_majority` and :func:`preview_annotator` read a :class:`BulkPlan` (one
:class:`~curator.review.agreed.AgreedPlan` per document; nothing is written). :func:`write_bulk`
writes it inside the caller's transaction: a span, relation or document label is the same as the
annotators' (same layer, label, offsets, attributes and entity link: the link comes along where
they agree on it, and versions that differ only in their link are counted apart); what the gold layer meanwhile holds is
skipped; a gold span at the same offsets with another label takes the accepted one. Every gold
annotation written gets its history row, every document a decision row and, if it was not
reviewed, the state "in review"; the change comes back as one
:class:`~curator.review.gold_change.GoldChange` per document, which
:func:`~curator.review.gold_change.apply_changes` undoes in one transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from curator.errors import EditRefused
from curator.review.agreed import AgreedPlan, AgreedRelation, AgreedSpan, SpanKey, _frozen
from curator.review.gold_change import GoldChange, GoldChangeBuilder
from curator.review.states import IN_REVIEW, NOT_REVIEWED, write_review_states
from curator.schema.checks import check_label, check_relation, check_span
from curator.store import history
from curator.store.database import Database
from curator.store.gold import GoldWriter
from curator.store.models import (
    GOLD_ANNOTATOR,
    CurationDecision,
    Document,
    DocumentLabel,
    EntityLink,
    Relation,
    Span,
    utcnow,
)
from curator.store.queries import DocumentBundle, RelationRecord, SpanRecord, iter_bundles
from curator.text.plural import counted

MAJORITY = "accept_majority"
ANNOTATOR = "accept_annotator"
_CHUNK = 500  # ids per IN (...) list


@dataclass
class BulkPlan:
    """What a bulk acceptance adds, document by document (documents with nothing to add left out)."""

    decision: str  # MAJORITY or ANNOTATOR
    annotators: tuple[str, ...]
    k: int
    layers: tuple[str, ...] | None
    documents: list[AgreedPlan] = field(default_factory=list)
    # Agreed spans the schema refuses in the gold layer (e.g. an end between a letter and its marks):
    # left out of the plan, with the reason, for the reviewer to settle one by one.
    refused: list[tuple[int, AgreedSpan, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return all(p.empty for p in self.documents)

    def counts(self) -> tuple[int, int, int]:
        """Spans, relations and document labels in the plan."""
        return (
            sum(len(p.spans) for p in self.documents),
            sum(len(p.relations) for p in self.documents),
            sum(len(p.doc_labels) for p in self.documents),
        )

    def rule(self) -> str:
        """The rule in words, for a preview and the history."""
        where = f" in {', '.join(self.layers)}" if self.layers else ""
        if self.decision == ANNOTATOR:
            return f"everything of {self.annotators[0]}{where}"
        return f"what {self.k} of {len(self.annotators)} ({', '.join(self.annotators)}) made identically{where}"

    def summary(self) -> str:
        spans, relations, labels = self.counts()
        parts = (counted(spans, "span"), counted(relations, "relation"), counted(labels, "document label"))
        refused = f"; {counted(len(self.refused), 'span')} refused by the schema" if self.refused else ""
        return f"{', '.join(parts)} on {counted(len(self.documents), 'document')}{refused}"


def preview_majority(
    db: Database,
    annotators: Sequence[str],
    k: int,
    *,
    document_ids: Sequence[int] | None = None,
    layers: Sequence[str] | None = None,
) -> BulkPlan:
    """What ``k`` or more of ``annotators`` (two or more) made identically and the gold layer lacks,
    on ``document_ids`` (default: all) and ``layers`` (default: all). Nothing is written."""
    names = tuple(dict.fromkeys(a for a in annotators if a != GOLD_ANNOTATOR))
    if len(names) < 2:
        raise ValueError("a majority needs two or more annotators")
    if not 1 <= k <= len(names):
        raise ValueError(f"k is between 1 and the number of annotators ({len(names)}), not {k}")
    return _preview(db, BulkPlan(MAJORITY, names, k, _layers(db, layers)), document_ids)


def preview_annotator(
    db: Database,
    annotator: str,
    *,
    document_ids: Sequence[int] | None = None,
    layers: Sequence[str] | None = None,
) -> BulkPlan:
    """Everything of ``annotator`` the gold layer lacks, on ``document_ids`` and ``layers``."""
    if annotator == GOLD_ANNOTATOR:
        raise ValueError(f"{GOLD_ANNOTATOR!r} is the gold layer itself")
    return _preview(db, BulkPlan(ANNOTATOR, (annotator,), 1, _layers(db, layers)), document_ids)


def _layers(db: Database, layers: Sequence[str] | None) -> tuple[str, ...] | None:
    if not layers:
        return None
    unknown = [lay for lay in layers if db.schema.layer(lay) is None]
    if unknown:
        raise ValueError(f"unknown layer {unknown[0]!r}")
    return tuple(layers)


def _preview(db: Database, plan: BulkPlan, document_ids: Sequence[int] | None) -> BulkPlan:
    if plan.decision == ANNOTATOR and plan.annotators[0] not in db.annotator_names():
        raise ValueError(f"no annotator named {plan.annotators[0]!r} in the database")
    wanted = list(document_ids) if document_ids is not None else None
    for bundle in iter_bundles(db, [*plan.annotators, GOLD_ANNOTATOR], wanted, with_links=True):
        found = _document_plan(bundle, plan)
        for span in list(found.spans):
            text = bundle.document.text
            problems = check_span(db.schema, text, span.layer, span.label, span.start, span.end, span.attributes)
            if problems:
                found.spans.remove(span)
                plan.refused.append((found.document_id, span, "; ".join(problems)))
        if not found.empty:
            plan.documents.append(found)
    return plan


def _document_plan(bundle: DocumentBundle, plan: BulkPlan) -> AgreedPlan:
    names, k, layers = set(plan.annotators), plan.k, plan.layers
    out = AgreedPlan(bundle.document.id, plan.annotators)
    votes: dict[tuple[SpanKey, Any, str | None], set[str]] = defaultdict(set)
    attributes: dict[tuple[SpanKey, Any, str | None], dict[str, Any]] = {}
    gold_keys: set[SpanKey] = set()
    key_of: dict[int, SpanKey] = {}
    for s in bundle.spans:
        key = (s.layer, s.label, s.start, s.end)
        key_of[s.id] = key
        if s.annotator == GOLD_ANNOTATOR:
            gold_keys.add(key)
        elif s.annotator in names and (layers is None or s.layer in layers):
            linked = bundle.links.get(s.id)
            full = (key, _frozen(s.attributes), linked.key if linked is not None else None)
            votes[full].add(s.annotator)
            attributes.setdefault(full, dict(s.attributes))
    # Most votes first, so that where two versions of one span both reach k the stronger one wins.
    chosen: set[SpanKey] = set()
    for full, who in sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[0][0][2], kv[0][0][3], kv[0][0][:2])):
        key = full[0]
        if len(who) >= k and key not in gold_keys and key not in chosen:
            chosen.add(key)
            out.spans.append(AgreedSpan(*key, attributes[full], full[2]))
    out.spans.sort(key=lambda s: (s.start, s.end, s.layer, s.label))
    ends = chosen | gold_keys
    rel_votes: Counter[tuple[str, SpanKey, SpanKey]] = Counter()
    gold_rels: set[tuple[str, SpanKey, SpanKey]] = set()
    seen: set[tuple[str, str, SpanKey, SpanKey]] = set()
    for r in bundle.relations:
        if r.source_id not in key_of or r.target_id not in key_of:
            continue
        rel = (r.type, key_of[r.source_id], key_of[r.target_id])
        if r.annotator == GOLD_ANNOTATOR:
            gold_rels.add(rel)
        elif r.annotator in names and (r.annotator, *rel) not in seen:
            seen.add((r.annotator, *rel))
            rel_votes[rel] += 1
    for (rel_type, src, tgt), n in sorted(rel_votes.items()):
        if n >= k and (rel_type, src, tgt) not in gold_rels and src in ends and tgt in ends:
            out.relations.append(AgreedRelation(rel_type, src, tgt))
    label_votes: dict[tuple[str, str], set[str]] = defaultdict(set)
    gold_labels: set[tuple[str, str]] = set()
    for annotator, layer, label in bundle.doc_labels:
        if annotator == GOLD_ANNOTATOR:
            gold_labels.add((layer, label))
        elif annotator in names and (layers is None or layer in layers):
            label_votes[(layer, label)].add(annotator)
    out.doc_labels = sorted(key for key, who in label_votes.items() if len(who) >= k and key not in gold_labels)
    return out


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def write_bulk(
    db: Database, session: Session, reviewer: str, plan: BulkPlan
) -> tuple[BulkPlan, tuple[GoldChange, ...]]:
    """Write ``plan`` in ``session``'s transaction (nothing is committed here; a refusal raises
    :class:`EditRefused` and the caller's rollback leaves nothing written). Return what was added
    and the change of each document.

    New rows go in with one multi-row insert per table (a bulk decision writes tens of thousands):
    the same rows, checks and history as :class:`~curator.store.gold.GoldWriter` writes one by one."""
    gold = GoldWriter(db, session, reviewer)
    plans = [p for p in plan.documents if not p.empty]
    doc_ids = [p.document_id for p in plans]
    texts: dict[int, str] = {}
    by_key: dict[int, dict[SpanKey, int]] = defaultdict(dict)  # gold span ids by key
    labels_of: dict[int, tuple[str, str]] = {}  # gold span id -> (layer, label)
    at: dict[int, dict[tuple[str, int, int], Span]] = defaultdict(dict)
    gold_rels: set[tuple[int, int, int]] = set()
    gold_doc_labels: set[tuple[int, int]] = set()
    for chunk in _chunks(doc_ids):
        rows = session.execute(select(Document.id, Document.text).where(Document.id.in_(chunk)))
        texts.update((i, t) for i, t in rows)
        for g in session.scalars(select(Span).where(Span.document_id.in_(chunk), Span.annotator_id == gold.gold_id)):
            layer, label = gold.label_keys[g.label_id]
            by_key[g.document_id][(layer, label, g.start, g.end)] = g.id
            labels_of[g.id] = (layer, label)
            at[g.document_id][(layer, g.start, g.end)] = g
        found = select(Relation.type_id, Relation.source_id, Relation.target_id)
        gold_rels.update(
            (t, a, b)
            for t, a, b in session.execute(
                found.where(Relation.document_id.in_(chunk), Relation.annotator_id == gold.gold_id)
            )
        )
        labelled = select(DocumentLabel.document_id, DocumentLabel.label_id)
        gold_doc_labels.update(
            (d, lab)
            for d, lab in session.execute(
                labelled.where(DocumentLabel.document_id.in_(chunk), DocumentLabel.annotator_id == gold.gold_id)
            )
        )
    gone = [d for d in doc_ids if d not in texts]
    if gone:
        raise EditRefused(f"document {gone[0]} does not exist (deleted by a colleague?)")
    builders = {d: GoldChangeBuilder() for d in doc_ids}
    added = BulkPlan(plan.decision, plan.annotators, plan.k, plan.layers)
    new_spans: list[tuple[AgreedPlan, AgreedSpan]] = []
    logs: list[dict[str, Any]] = []
    for p in plans:
        doc = p.document_id
        builders[doc].on(doc)
        done = AgreedPlan(doc, p.annotators)
        added.documents.append(done)
        for s in p.spans:
            key = (s.layer, s.label, s.start, s.end)
            if key in by_key[doc]:
                continue  # meanwhile in the gold layer
            gold._check(check_span(db.schema, texts[doc], s.layer, s.label, s.start, s.end, s.attributes))
            done.spans.append(s)
            there = at[doc].get((s.layer, s.start, s.end))
            if there is not None:  # another label at the same place takes this one (as put_span does)
                before, record = gold.put_span(doc, s.layer, s.label, s.start, s.end, dict(s.attributes))
                builders[doc].span_put(before, record)
                logs.append(_log(plan.decision, "gold_span", record.id, doc, _span_dict(before), _span_dict(record)))
                builders[doc].link_changed(record.id, *gold.set_link(record.id, s.entity, plan.decision))
                by_key[doc][key] = there.id
                labels_of[there.id] = (s.layer, s.label)
                continue
            new_spans.append((done, s))
            by_key[doc][key] = -1  # not twice in one plan
    span_ids = _insert(
        session,
        Span,
        [
            {
                "document_id": done.document_id,
                "annotator_id": gold.gold_id,
                "label_id": db.ids.labels[(s.layer, s.label)],
                "start": s.start,
                "end": s.end,
                "attributes": dict(s.attributes),
                "note": "",
            }
            for done, s in new_spans
        ],
        ("document_id", "label_id", "start", "end"),
    )
    entity_ids = gold.entity_ids({s.entity for _, s in new_spans if s.entity is not None})
    new_links: list[dict[str, Any]] = []
    for (done, s), span_id in zip(new_spans, span_ids, strict=True):
        doc = done.document_id
        record = SpanRecord(span_id, doc, GOLD_ANNOTATOR, s.layer, s.label, s.start, s.end, dict(s.attributes), "", 1)
        by_key[doc][(s.layer, s.label, s.start, s.end)] = span_id
        labels_of[span_id] = (s.layer, s.label)
        builders[doc].span_added(record)
        logs.append(_log(plan.decision, "gold_span", span_id, doc, None, _span_dict(record)))
        if s.entity is not None:  # the link the annotators agree on comes along
            new_links.append({"span_id": span_id, "entity_id": entity_ids[s.entity], "linked_by": reviewer})
            builders[doc].link_changed(span_id, None, s.entity)
            logs.append(_log(plan.decision, "entity_link", span_id, doc, None, {"entity": s.entity}))
    now = utcnow()
    _insert(session, EntityLink, [{**row, "linked_at": now} for row in new_links])
    new_rels: list[tuple[AgreedPlan, AgreedRelation, int, int, int]] = []
    new_labels: list[tuple[AgreedPlan, str, str, int]] = []
    for p, done in zip(plans, added.documents, strict=True):
        doc = p.document_id
        for r in p.relations:
            source, target = by_key[doc].get(r.source), by_key[doc].get(r.target)
            type_id = db.ids.relation_types.get(r.type)
            if source is None or target is None or type_id is None or (type_id, source, target) in gold_rels:
                continue
            gold._check(check_relation(db.schema, r.type, labels_of[source], labels_of[target]))
            gold_rels.add((type_id, source, target))
            new_rels.append((done, r, type_id, source, target))
        for layer, label in p.doc_labels:
            label_id = db.ids.labels.get((layer, label))
            problem = check_label(db.schema, layer, label, "document")
            if isinstance(problem, str) or label_id is None:
                raise EditRefused(problem if isinstance(problem, str) else f"unknown label {layer}/{label}")
            if (doc, label_id) not in gold_doc_labels:
                gold_doc_labels.add((doc, label_id))
                new_labels.append((done, layer, label, label_id))
    rel_ids = _insert(
        session,
        Relation,
        [
            {"document_id": d.document_id, "annotator_id": gold.gold_id, "type_id": t, "source_id": a, "target_id": b}
            for d, _, t, a, b in new_rels
        ],
        ("type_id", "source_id", "target_id"),
    )
    for (done, r, _, source, target), rel_id in zip(new_rels, rel_ids, strict=True):
        doc = done.document_id
        rel = RelationRecord(rel_id, doc, GOLD_ANNOTATOR, r.type, source, target)
        builders[doc].relation_added(rel)
        logs.append(_log(plan.decision, "gold_relation", rel_id, doc, None, dict(vars(rel))))
        done.relations.append(r)
    _insert(
        session,
        DocumentLabel,
        [{"document_id": d.document_id, "annotator_id": gold.gold_id, "label_id": i} for d, _, _, i in new_labels],
    )
    for done, layer, label, _ in new_labels:
        builders[done.document_id].label_set(layer, label, True)
        value = {"layer": layer, "label": label}
        logs.append(_log(plan.decision, "gold_doc_label", None, done.document_id, None, value))
        done.doc_labels.append((layer, label))
    history.record_many(session, reviewer, logs)
    decision_ids = _insert(
        session,
        CurationDecision,
        [
            {
                "document_id": done.document_id,
                "reviewer": reviewer,
                "decision": plan.decision,
                "kind": "document",
                "detail": {"rule": plan.rule(), "added": done.summary()},
            }
            for done in added.documents
        ],
        ("document_id",),
    )
    previous = write_review_states(session, doc_ids, IN_REVIEW, reviewer, only_from=NOT_REVIEWED)
    changes = []
    for doc, decision_id in zip(doc_ids, decision_ids, strict=True):
        builders[doc].decided(decision_id)
        state_before = previous.get(doc)
        built = builders[doc].build(state_before, IN_REVIEW) if state_before is not None else builders[doc].build()
        changes.append(built)
    session.expire_all()  # rows written past the ORM: let it read them afresh
    return added, tuple(changes)


def _insert(session: Session, model: Any, rows: list[dict[str, Any]], key: tuple[str, ...] = ()) -> list[int]:
    """Insert ``rows`` in multi-row statements (defaults applied); return their ids, in the order of
    ``rows``. The ids come back by the ``key`` columns, unique among the rows: SQLite returns the
    rows of a multi-row insert in no promised order, and asking for the order costs a statement per row."""
    if not rows:
        return []
    table = model.__table__  # Core, not the ORM's bulk path: its per-row bookkeeping is not needed here
    if not key:
        session.execute(insert(table), rows)
        return []
    columns = [table.c[k] for k in key]
    result = session.execute(insert(table).returning(table.c.id, *columns), rows)
    ids = {tuple(row[1:]): row[0] for row in result}
    return [ids[tuple(r[k] for k in key)] for r in rows]


def _span_dict(record: SpanRecord | None) -> dict[str, Any] | None:
    # What asdict gives, without its deep copy (thousands of records).
    return None if record is None else {**vars(record), "attributes": dict(record.attributes)}


def _log(action: str, kind: str, object_id: int | None, doc: int, before: Any, after: Any) -> dict[str, Any]:
    return {
        "action": action,
        "kind": kind,
        "object_id": object_id,
        "document_id": doc,
        "before": before,
        "after": after,
    }
