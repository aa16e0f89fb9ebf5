"""The "accept all agreed" plan: what every chosen annotator made identically and the gold layer lacks.

:func:`preview_agreed` reads the plan (nothing is written); :func:`write_agreed` adds it to the gold
layer inside a decision's transaction, skipping what is meanwhile already there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from curator.review.gold_change import GoldChangeBuilder
from curator.store.database import Database
from curator.store.gold import GoldWriter
from curator.store.models import GOLD_ANNOTATOR, Span
from curator.store.queries import SpanRecord, document_labels, relations, span_links, spans
from curator.text.plural import counted

SpanKey = tuple[str, str, int, int]  # layer, label, start, end


@dataclass(frozen=True)
class AgreedSpan:
    layer: str
    label: str
    start: int
    end: int
    attributes: dict[str, Any]
    entity: str | None = None  # the entity key the annotators all link the span to, if any

    def describe(self) -> str:
        """One line for a preview: layer/label, offsets, and the entity it links to."""
        linked = f" → {self.entity}" if self.entity else ""
        return f"{self.layer}/{self.label} {self.start}-{self.end}{linked}"


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

    def counts(self) -> tuple[int, int, int]:
        """Spans, relations and document labels in the plan."""
        return len(self.spans), len(self.relations), len(self.doc_labels)

    def summary(self) -> str:
        return ", ".join(
            (
                counted(len(self.spans), "span"),
                counted(len(self.relations), "relation"),
                counted(len(self.doc_labels), "document label"),
            )
        )


def preview_agreed(db: Database, document_id: int, annotators: Sequence[str]) -> AgreedPlan:
    """What accepting all agreed would add: spans (same layer, label, offsets, attributes and entity
    link, which comes along), relations (same type between agreed spans) and document labels that
    every one of ``annotators`` made, minus what the gold layer already holds. Nothing is written."""
    names = tuple(dict.fromkeys(annotators))
    if len(names) < 2:
        raise ValueError("agreement needs two or more annotators")
    all_spans = spans(db, document_id, [*names, GOLD_ANNOTATOR])
    plan = AgreedPlan(document_id, names)
    links = {span_id: linked.key for span_id, linked in span_links(db, document_id).items()}
    by_annotator: dict[str, dict[tuple[SpanKey, Any, str | None], SpanRecord]] = defaultdict(dict)
    for s in all_spans:
        by_annotator[s.annotator][((s.layer, s.label, s.start, s.end), _frozen(s.attributes), links.get(s.id))] = s
    gold_keys = {k[0] for k in by_annotator.get(GOLD_ANNOTATOR, {})}
    common = set(by_annotator[names[0]])
    for a in names[1:]:
        common &= set(by_annotator[a])
    agreed_keys = {k[0] for k in common}
    for full in sorted(common, key=lambda k: (k[0][2], k[0][3], k[0][0], k[0][1], k[2] or "")):
        if full[0] not in gold_keys:
            s = by_annotator[names[0]][full]
            plan.spans.append(AgreedSpan(s.layer, s.label, s.start, s.end, dict(s.attributes), full[2]))
    key_of = {s.id: (s.layer, s.label, s.start, s.end) for s in all_spans}
    rel_sets: dict[str, set[tuple[str, SpanKey, SpanKey]]] = defaultdict(set)
    for r in relations(db, document_id, [*names, GOLD_ANNOTATOR]):
        if r.source_id in key_of and r.target_id in key_of:
            rel_sets[r.annotator].add((r.type, key_of[r.source_id], key_of[r.target_id]))
    common_rels = set.intersection(*(rel_sets[a] for a in names))
    for rel_type, src, tgt in sorted(common_rels):
        if (rel_type, src, tgt) not in rel_sets[GOLD_ANNOTATOR] and src in agreed_keys and tgt in agreed_keys:
            plan.relations.append(AgreedRelation(rel_type, src, tgt))
    label_sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for annotator, layer, label in document_labels(db, document_id, [*names, GOLD_ANNOTATOR]):
        label_sets[annotator].add((layer, label))
    common_labels = set.intersection(*(label_sets[a] for a in names))
    plan.doc_labels = sorted(common_labels - label_sets[GOLD_ANNOTATOR])
    return plan


def write_agreed(gold: GoldWriter, change: GoldChangeBuilder, plan: AgreedPlan) -> AgreedPlan:
    """Add ``plan`` to the gold layer in ``gold``'s transaction, reporting each write to ``change``;
    what is meanwhile already in the gold layer is skipped. Return what was added."""
    added = AgreedPlan(plan.document_id, plan.annotators)
    doc = plan.document_id
    change.on(doc)
    gold_spans: dict[SpanKey, Span] = {(*gold.label_keys[g.label_id], g.start, g.end): g for g in gold.spans(doc)}
    for s in plan.spans:
        key = (s.layer, s.label, s.start, s.end)
        if key in gold_spans:
            continue
        before, record = gold.put_span(doc, s.layer, s.label, s.start, s.end, dict(s.attributes))
        change.span_put(before, record)
        if s.entity is not None or before is not None:
            change.link_changed(record.id, *gold.set_link(record.id, s.entity, "accept_agreed"))
        found = gold.session.get(Span, record.id)
        assert found is not None
        gold_spans[key] = found
        added.spans.append(s)
    for r in plan.relations:
        source, target = gold_spans.get(r.source), gold_spans.get(r.target)
        if source is None or target is None or gold.find_relation(r.type, source.id, target.id) is not None:
            continue
        change.relation_added(gold.add_relation(r.type, source, target))
        added.relations.append(r)
    for layer, label in plan.doc_labels:
        if gold.set_label(doc, layer, label, True):
            change.label_set(layer, label, True)
            added.doc_labels.append((layer, label))
    return added


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value
