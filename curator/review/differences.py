"""The differences between two or more annotators' work on one document, in the order a reviewer
steps through them.

Spans of one layer are grouped into *clusters*: sets of spans (of any of the annotators) connected by
overlap. A cluster where every annotator has exactly the same spans (offsets, label, attributes) is
agreement and is not listed; any other cluster is one :class:`Difference`, whose ``kinds`` say what
differs. Spans at the same offsets with the same label that name different entities of the registry
(or one names an entity and the other none) differ in their *link*. Relations are compared by their
type and the offsets of their two ends; document-level labels by presence. A difference is
*resolved* once the gold layer has something there (for a difference of links only: a span naming
one annotator's entity, or none as one annotator's does) or every annotation in it was rejected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR, CurationDecision
from curator.store.queries import (
    LinkedEntity,
    RelationRecord,
    SpanRecord,
    document_labels,
    relations,
    span_links,
    spans,
)

# What can differ. A difference has one or more of these kinds.
MISSING = "missing"  # an annotator has nothing where another has something
LABEL = "label"  # same place, different labels
BOUNDARY = "boundary"  # overlapping spans whose offsets differ
LINK = "link"  # same span and label, linked to different entities (or linked by one only)
ATTRIBUTE = "attribute"  # same span and label, different attributes
RELATION = "relation"  # a relation from the same place differs (missing, or another target)
KINDS = (MISSING, BOUNDARY, LABEL, LINK, ATTRIBUTE, RELATION)
NO_ENTITY = "(no entity)"  # how a span linked to nothing is shown in a link difference

SpanSig = tuple[str, int, int]  # layer, start, end: where an annotation is, whoever made it


@dataclass(frozen=True, eq=False)
class Difference:
    """One place where the chosen annotators disagree.

    ``scope`` is ``"span"``, ``"relation"`` or ``"document"``; ``layer`` is the span layer, the
    relation type, or the document layer; ``start``/``end`` the extent in the text (0, 0 for a
    document label). ``spans``/``relations`` give each annotator's annotations in it (an annotator
    with none maps to an empty tuple); ``links`` the entity each linked span of them names, by span
    id; for a document label, ``label`` names it and ``has_label`` tells who set it.
    """

    key: str
    scope: str
    layer: str
    kinds: frozenset[str]
    start: int
    end: int
    spans: dict[str, tuple[SpanRecord, ...]] = field(default_factory=dict)
    relations: dict[str, tuple[RelationRecord, ...]] = field(default_factory=dict)
    label: str = ""
    has_label: dict[str, bool] = field(default_factory=dict)
    resolved: bool = False
    links: dict[int, LinkedEntity] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The most telling kind, for a one-word summary."""
        return next(k for k in KINDS if k in self.kinds)

    def annotators_with(self) -> list[str]:
        """Annotators who have something in this difference."""
        if self.scope == "document":
            return [a for a, present in self.has_label.items() if present]
        items: dict[str, tuple[Any, ...]] = dict(self.spans) if self.scope == "span" else dict(self.relations)
        return [a for a, found in items.items() if found]

    def describe(self, text: str = "") -> str:
        """One line for a list: kinds, where, and what each annotator has."""
        kinds = "/".join(k for k in KINDS if k in self.kinds)
        if self.scope == "document":
            who = ", ".join(a for a, present in self.has_label.items() if present)
            return f"{kinds}: document {self.layer}/{self.label} set by {who} only"
        excerpt = text[self.start : self.end].replace("\n", " ")
        if len(excerpt) > 40:
            excerpt = excerpt[:39] + "…"
        if self.scope == "relation":
            parts = [f"{a}: {len(rels)} link(s)" for a, rels in self.relations.items()]
            return f"{kinds}: {self.layer} from «{excerpt}» ({'; '.join(parts)})"
        parts = []
        for annotator, found in self.spans.items():
            shown = ", ".join(f"{s.label} {s.start}-{s.end}{self._entity(s)}" for s in found) or "—"
            parts.append(f"{annotator}: {shown}")
        return f"{kinds}: {self.layer} «{excerpt}» ({'; '.join(parts)})"

    def entity_of(self, span: SpanRecord) -> LinkedEntity | None:
        """The entity ``span`` (one of this difference's) links to, if any."""
        return self.links.get(span.id)

    def _entity(self, span: SpanRecord) -> str:
        linked = self.links.get(span.id)
        if linked is not None:
            return f" → {linked.name}"
        return f" → {NO_ENTITY}" if LINK in self.kinds else ""


def document_differences(db: Database, document_id: int, annotators: Sequence[str]) -> list[Difference]:
    """Every difference between ``annotators`` (two or more) on a document, in stepping order:
    document labels first, then by position in the text (spans before the relations starting there)."""
    if len(set(annotators)) < 2:
        raise ValueError("a comparison needs two or more annotators")
    names = list(dict.fromkeys(annotators))
    all_spans = spans(db, document_id, [*names, GOLD_ANNOTATOR])
    all_relations = relations(db, document_id, [*names, GOLD_ANNOTATOR])
    labels = document_labels(db, document_id, [*names, GOLD_ANNOTATOR])
    rejected = _rejected(db, document_id)
    layer_order = {layer.id: i for i, layer in enumerate(db.schema.layers)}
    links = span_links(db, document_id)
    return compute_differences(names, all_spans, all_relations, labels, rejected, layer_order, links)


@dataclass(frozen=True)
class Rejections:
    """What a reviewer rejected on a document: span ids, relation ids, (layer, label) doc labels."""

    spans: frozenset[int] = frozenset()
    relations: frozenset[int] = frozenset()
    doc_labels: frozenset[tuple[str, str]] = frozenset()


def _rejected(db: Database, document_id: int) -> Rejections:
    with db.read() as session:
        rows = session.execute(
            select(CurationDecision.kind, CurationDecision.source_id, CurationDecision.detail).where(
                CurationDecision.document_id == document_id, CurationDecision.decision == "reject"
            )
        ).all()
    span_ids = {sid for kind, sid, _ in rows if kind == "span" and sid is not None}
    rel_ids = {sid for kind, sid, _ in rows if kind == "relation" and sid is not None}
    labels = {(d.get("layer", ""), d.get("label", "")) for kind, _, d in rows if kind == "doc_label"}
    return Rejections(frozenset(span_ids), frozenset(rel_ids), frozenset(labels))


def compute_differences(
    annotators: Sequence[str],
    all_spans: Iterable[SpanRecord],
    all_relations: Iterable[RelationRecord],
    doc_labels: Iterable[tuple[str, str, str]],
    rejected: Rejections | None = None,
    layer_order: dict[str, int] | None = None,
    links: Mapping[int, LinkedEntity] | None = None,
) -> list[Difference]:
    """The pure part of :func:`document_differences`: records in, differences out (gold records,
    those of :data:`GOLD_ANNOTATOR`, only mark differences as resolved). ``links``: the entity each
    linked span names, by span id (none when not given)."""
    rejected = rejected or Rejections()
    linked = links or {}
    order = layer_order or {}
    names = list(annotators)
    every_span = list(all_spans)
    span_list = [s for s in every_span if s.annotator in names]
    gold_spans = [s for s in every_span if s.annotator == GOLD_ANNOTATOR]
    rel_list = list(all_relations)
    out: list[Difference] = []
    out.extend(_label_differences(names, list(doc_labels), rejected))
    out.extend(_span_differences(names, span_list, gold_spans, rejected, linked))
    out.extend(_relation_differences(names, span_list + gold_spans, rel_list, rejected))
    scope_rank = {"document": 0, "span": 1, "relation": 2}
    out.sort(key=lambda d: (scope_rank[d.scope] > 0, d.start, scope_rank[d.scope], order.get(d.layer, 99), d.end))
    return out


def _label_differences(names: list[str], labels: list[tuple[str, str, str]], rejected: Rejections) -> list[Difference]:
    who: dict[tuple[str, str], set[str]] = defaultdict(set)
    gold: set[tuple[str, str]] = set()
    for annotator, layer, label in labels:
        if annotator == GOLD_ANNOTATOR:
            gold.add((layer, label))
        elif annotator in names:
            who[(layer, label)].add(annotator)
    out = []
    for (layer, label), present in sorted(who.items()):
        if len(present) == len(names):
            continue
        out.append(
            Difference(
                key=f"document:{layer}:{label}",
                scope="document",
                layer=layer,
                kinds=frozenset({MISSING}),
                start=0,
                end=0,
                label=label,
                has_label={a: a in present for a in names},
                resolved=(layer, label) in gold or (layer, label) in rejected.doc_labels,
            )
        )
    return out


def _clusters(layer_spans: list[SpanRecord]) -> list[list[SpanRecord]]:
    """Groups of spans connected by overlap (sweep over spans sorted by start)."""
    clusters: list[list[SpanRecord]] = []
    reach = -1
    for s in sorted(layer_spans, key=lambda s: (s.start, s.end, s.id)):
        if clusters and s.start < reach:
            clusters[-1].append(s)
            reach = max(reach, s.end)
        else:
            clusters.append([s])
            reach = s.end
    return clusters


def _span_differences(
    names: list[str],
    span_list: list[SpanRecord],
    gold_spans: list[SpanRecord],
    rejected: Rejections,
    links: Mapping[int, LinkedEntity],
) -> list[Difference]:
    by_layer: dict[str, list[SpanRecord]] = defaultdict(list)
    for s in span_list:
        by_layer[s.layer].append(s)
    gold_by_layer: dict[str, list[SpanRecord]] = defaultdict(list)
    for s in gold_spans:
        gold_by_layer[s.layer].append(s)
    out = []
    for layer, layer_spans in by_layer.items():
        for cluster in _clusters(layer_spans):
            per = {a: tuple(s for s in cluster if s.annotator == a) for a in names}
            kinds = _span_kinds(per, links)
            if not kinds:
                continue
            start = min(s.start for s in cluster)
            end = max(s.end for s in cluster)
            gold_here = [g for g in gold_by_layer.get(layer, ()) if g.start < end and g.end > start]
            in_gold = bool(gold_here)
            if kinds == {LINK}:
                # Only the link differs: settled once the gold span there names one annotator's entity
                # (or none, as an annotator's does), not merely by the span being in the gold layer.
                sides = {_key(links, s) for s in cluster}
                in_gold = any(_key(links, g) in sides for g in gold_here)
            all_rejected = all(s.id in rejected.spans for s in cluster)
            out.append(
                Difference(
                    key=f"span:{layer}:{start}-{end}",
                    scope="span",
                    layer=layer,
                    kinds=frozenset(kinds),
                    start=start,
                    end=end,
                    spans=per,
                    resolved=in_gold or all_rejected,
                    links={s.id: links[s.id] for s in cluster if s.id in links},
                )
            )
    return out


def _key(links: Mapping[int, LinkedEntity], span: SpanRecord) -> str | None:
    linked = links.get(span.id)
    return linked.key if linked is not None else None


def _span_kinds(per: dict[str, tuple[SpanRecord, ...]], links: Mapping[int, LinkedEntity]) -> set[str]:
    kinds: set[str] = set()
    present = [found for found in per.values() if found]
    if len(present) < len(per):
        kinds.add(MISSING)
    offsets = [sorted((s.start, s.end) for s in found) for found in present]
    if any(o != offsets[0] for o in offsets):
        kinds.add(BOUNDARY)
    # Compare labels and attributes of the spans that sit at the same offsets.
    at: dict[tuple[int, int], list[SpanRecord]] = defaultdict(list)
    for found in present:
        for s in found:
            at[(s.start, s.end)].append(s)
    for same_place in at.values():
        if len({s.label for s in same_place}) > 1:
            kinds.add(LABEL)
            continue
        if len({_freeze(s.attributes) for s in same_place}) > 1:
            kinds.add(ATTRIBUTE)
        if len({_key(links, s) for s in same_place}) > 1:
            kinds.add(LINK)
    if BOUNDARY in kinds and LABEL not in kinds:
        label_sets = [sorted(s.label for s in found) for found in present]
        if any(labels != label_sets[0] for labels in label_sets):
            kinds.add(LABEL)
    return kinds


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items() if v not in (None, "", [])))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _relation_differences(
    names: list[str], span_list: list[SpanRecord], rel_list: list[RelationRecord], rejected: Rejections
) -> list[Difference]:
    sig: dict[int, SpanSig] = {s.id: (s.layer, s.start, s.end) for s in span_list}
    groups: dict[tuple[str, SpanSig], dict[str, list[RelationRecord]]] = defaultdict(lambda: defaultdict(list))
    for r in rel_list:
        if r.source_id not in sig or r.target_id not in sig:
            continue
        groups[(r.type, sig[r.source_id])][r.annotator].append(r)
    out = []
    for (rel_type, (_, start, end)), by_annotator in groups.items():
        targets = {a: sorted(sig[r.target_id] for r in by_annotator.get(a, [])) for a in names}
        if all(t == targets[names[0]] for t in targets.values()):
            continue
        mine = [r for a in names for r in by_annotator.get(a, [])]
        resolved = bool(by_annotator.get(GOLD_ANNOTATOR)) or all(r.id in rejected.relations for r in mine)
        out.append(
            Difference(
                key=f"relation:{rel_type}:{start}-{end}",
                scope="relation",
                layer=rel_type,
                kinds=frozenset({RELATION}),
                start=start,
                end=end,
                relations={a: tuple(by_annotator.get(a, [])) for a in names},
                resolved=resolved,
            )
        )
    return out


class DifferenceCursor:
    """Steps through a difference list (next/previous, optionally skipping resolved ones); the
    window binds keys to it and tests drive it directly."""

    def __init__(self, differences: Sequence[Difference], index: int = -1) -> None:
        self.differences = list(differences)
        self.index = index

    @property
    def current(self) -> Difference | None:
        return self.differences[self.index] if 0 <= self.index < len(self.differences) else None

    def next(self, unresolved_only: bool = False) -> Difference | None:
        """Move to the next difference (wrapping around); None when there is none to go to."""
        return self._step(1, unresolved_only)

    def previous(self, unresolved_only: bool = False) -> Difference | None:
        return self._step(-1, unresolved_only)

    def _step(self, direction: int, unresolved_only: bool) -> Difference | None:
        n = len(self.differences)
        for k in range(1, n + 1):
            i = (self.index + direction * k) % n if self.index >= 0 or direction > 0 else (n - k) % n
            if not unresolved_only or not self.differences[i].resolved:
                self.index = i
                return self.differences[i]
        return None
