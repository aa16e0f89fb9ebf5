"""The gold layer's spans as arrays, for agreement of each annotator with the curated gold.

The gold layer counts as having annotated a document when it holds a span or a document label there,
or the document's review state is curated (a curated document with no gold span says "nothing here").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from curator.review.states import CURATED
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR, Annotator, DocumentLabel, ReviewState, Span

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class GoldSpans:
    """Gold spans on the documents ``doc_ids`` (document indexes into it), and which of them the gold
    layer annotated. ``present`` is False when the database has no gold layer at all."""

    present: bool
    doc: IntArray
    label: IntArray  # label row id
    start: IntArray
    end: IntArray
    annotated: npt.NDArray[np.bool_]


def load_gold(db: Database, doc_ids: Sequence[int]) -> GoldSpans:
    """The gold layer on ``doc_ids`` (the dense document list of an agreement computation)."""
    ids = np.asarray(list(doc_ids), dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    with db.read() as session:
        gold_id = session.scalar(select(Annotator.id).where(Annotator.name == GOLD_ANNOTATOR))
        if gold_id is None:
            return GoldSpans(False, empty, empty, empty, empty, np.zeros(ids.shape[0], dtype=bool))
        rows = session.execute(
            select(Span.document_id, Span.label_id, Span.start, Span.end).where(Span.annotator_id == gold_id)
        ).all()
        labelled = session.scalars(select(DocumentLabel.document_id).where(DocumentLabel.annotator_id == gold_id))
        curated = session.scalars(select(ReviewState.document_id).where(ReviewState.state == CURATED))
        marked = np.asarray(sorted({*labelled, *curated}), dtype=np.int64)
    spans = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
    keep = np.isin(spans[:, 0], ids)
    spans = spans[keep]
    order = np.argsort(ids)
    doc = order[np.searchsorted(ids, spans[:, 0], sorter=order)] if spans.shape[0] else empty
    annotated = np.isin(ids, marked)
    annotated[doc] = True
    return GoldSpans(True, doc.astype(np.int64), spans[:, 1], spans[:, 2], spans[:, 3], annotated)
