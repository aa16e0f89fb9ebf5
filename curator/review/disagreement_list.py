"""The differences of a whole corpus: how many are left per document, and the list of disagreements
written as CSV or JSON (the review window's export and ``curator agreement --disagreements``).

Documents are read in batches (:func:`~curator.store.queries.iter_bundles`) and each goes through
:func:`~curator.review.differences.compute_differences`, the same function the review window steps
through, so the list, the counts and the window agree.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from curator.review.differences import KINDS, Difference, Rejections, compute_differences
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR, CurationDecision
from curator.store.queries import DocumentRecord, iter_bundles

COLUMNS = (
    "document",
    "title",
    "kind",
    "kinds",
    "scope",
    "layer",
    "annotators",
    "start",
    "end",
    "text",
    "texts",
    "labels",
    "entities",
    "resolved",
)
FORMATS = (".csv", ".json")


def _rejections(db: Database, doc_ids: list[int]) -> dict[int, Rejections]:
    found: dict[int, tuple[set[int], set[int], set[tuple[str, str]]]] = defaultdict(lambda: (set(), set(), set()))
    with db.read() as session:
        rows = session.execute(
            select(
                CurationDecision.document_id, CurationDecision.kind, CurationDecision.source_id, CurationDecision.detail
            ).where(CurationDecision.document_id.in_(doc_ids), CurationDecision.decision == "reject")
        )
        for doc, kind, source, detail in rows:
            spans, rels, labels = found[doc]
            if kind == "span" and source is not None:
                spans.add(source)
            elif kind == "relation" and source is not None:
                rels.add(source)
            elif kind == "doc_label":
                labels.add((detail.get("layer", ""), detail.get("label", "")))
    return {d: Rejections(frozenset(s), frozenset(r), frozenset(lab)) for d, (s, r, lab) in found.items()}


def iter_differences(
    db: Database, annotators: Sequence[str], document_ids: Sequence[int] | None = None
) -> Iterator[tuple[DocumentRecord, list[Difference]]]:
    """Each document (all, or ``document_ids``) with the differences between ``annotators``."""
    names = list(dict.fromkeys(a for a in annotators if a != GOLD_ANNOTATOR))
    if len(names) < 2:
        raise ValueError("a comparison needs two or more annotators")
    order = {layer.id: i for i, layer in enumerate(db.schema.layers)}
    wanted = list(document_ids) if document_ids is not None else None
    batch: list[Any] = []

    def flush() -> Iterator[tuple[DocumentRecord, list[Difference]]]:
        rejected = _rejections(db, [b.document.id for b in batch])
        for b in batch:
            found = rejected.get(b.document.id)
            diffs = compute_differences(names, b.spans, b.relations, b.doc_labels, found, order, b.links)
            yield b.document, diffs
        batch.clear()

    for bundle in iter_bundles(db, [*names, GOLD_ANNOTATOR], wanted, with_links=True):
        batch.append(bundle)
        if len(batch) >= 500:
            yield from flush()
    yield from flush()


def differences_left(
    db: Database, annotators: Sequence[str], document_ids: Sequence[int] | None = None
) -> dict[int, int]:
    """Per document id, how many differences between ``annotators`` are not resolved yet (a document
    is curated, as far as the differences go, when this is 0)."""
    return {doc.id: sum(not d.resolved for d in diffs) for doc, diffs in iter_differences(db, annotators, document_ids)}


def disagreement_rows(
    db: Database, annotators: Sequence[str], document_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """One row per difference: the document's id and title, its kinds, scope and layer, who has
    something there, its offsets and text, each annotator's span texts, labels and linked entities'
    names (empty for a span linked to none), resolved or not."""
    rows = []
    for doc, diffs in iter_differences(db, annotators, document_ids):
        for diff in diffs:
            texts: dict[str, list[str]] = {}
            labels: dict[str, list[str]] = {}
            entities: dict[str, list[str]] = {}
            if diff.scope == "span":
                for who, found in diff.spans.items():
                    texts[who] = [doc.text[s.start : s.end] for s in found]
                    labels[who] = [s.label for s in found]
                    entities[who] = [linked.name if (linked := diff.entity_of(s)) else "" for s in found]
            elif diff.scope == "relation":
                for who, rels in diff.relations.items():
                    labels[who] = [r.type for r in rels]
            else:
                labels = {who: [diff.label] if present else [] for who, present in diff.has_label.items()}
            rows.append(
                {
                    "document": doc.ext_id,
                    "title": doc.title,
                    "kind": diff.kind,
                    "kinds": [k for k in KINDS if k in diff.kinds],
                    "scope": diff.scope,
                    "layer": diff.layer,
                    "annotators": diff.annotators_with(),
                    "start": diff.start,
                    "end": diff.end,
                    "text": doc.text[diff.start : diff.end],
                    "texts": texts,
                    "labels": labels,
                    "entities": entities,
                    "resolved": diff.resolved,
                }
            )
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {' | '.join(v) if v else '—'}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def write_disagreements(rows: list[dict[str, Any]], path: Path) -> None:
    """Write ``rows`` to ``path``: CSV (one line per difference, lists joined) or JSON (a list), by
    the file's extension; any other extension is refused before anything is written."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the disagreement list is written as .csv or .json, not {suffix or 'no extension'}")
    if suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in COLUMNS])
