"""Paged reading of the document list for one annotator: title, language, status, annotation count.

The window lists corpora of 100,000 documents and more, so rows are read a page at a time in id
order (keyset paging: ``id > after``, which an index answers at any depth, unlike ``OFFSET``), and
every count is one query with a correlated subquery on the ``(document_id, annotator_id, start)``
index of spans, never a Python loop over rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Text, and_, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from curator.store.database import Database
from curator.store.models import STATUSES, Annotator, Document, DocumentStatus, LabelRow, LayerRow, Span
from curator.store.queries import SpanRecord
from curator.text.folding import fold_words

PAGE = 200


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document list, as seen by one annotator."""

    id: int
    title: str
    language: str
    status: str
    annotations: int
    length: int


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents the list shows. ``text`` is found in the title or the external id ignoring
    case, accents, tashkeel and Arabic letter forms (as corpus search does), and white space runs."""

    status: str | None = None
    language: str | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")


def _annotator_id(session: Session, annotator: str) -> int:
    # An annotator who never saved anything has no row yet: -1 matches nothing, so every
    # document reads as "new" with no annotations, which is the truth for them.
    found = session.scalar(select(Annotator.id).where(Annotator.name == annotator.strip()))
    return -1 if found is None else found


def _filtered(query: Select[Any], me: int, flt: DocumentFilter) -> Select[Any]:
    status = func.coalesce(DocumentStatus.status, literal("new"))
    query = query.outerjoin(
        DocumentStatus, and_(DocumentStatus.document_id == Document.id, DocumentStatus.annotator_id == me)
    )
    if flt.status is not None:
        query = query.where(status == flt.status)
    if flt.language:
        query = query.where(Document.language == flt.language)
    # Folded as corpus search folds (Arabic letter forms and tashkeel, accents, case), against the
    # folded copy each document got at import: one LIKE over a short column, no Python per title.
    needle = fold_words(flt.text)
    if needle:
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Document.filter_key.like(pattern, escape="\\"))
    return query


def _row_select(me: int) -> Select[Any]:
    count = (
        select(func.count(Span.id))
        .where(Span.document_id == Document.id, Span.annotator_id == me)
        .correlate(Document)
        .scalar_subquery()
    )
    status = func.coalesce(DocumentStatus.status, literal("new"))
    return select(Document.id, Document.title, Document.language, status, count, Document.length)


def document_page(
    db: Database, annotator: str, flt: DocumentFilter | None = None, *, after_id: int = 0, limit: int = PAGE
) -> list[DocumentRow]:
    """Up to ``limit`` documents with ids above ``after_id`` that pass ``flt``, in id order."""
    flt = flt or DocumentFilter()
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _filtered(_row_select(me), me, flt).where(Document.id > after_id).order_by(Document.id).limit(limit)
        return [DocumentRow(*row) for row in session.execute(query)]


def document_row(db: Database, annotator: str, document_id: int) -> DocumentRow | None:
    """One document's row (after an edit changed its count or status)."""
    with db.read() as session:
        me = _annotator_id(session, annotator)
        row = session.execute(
            _filtered(_row_select(me), me, DocumentFilter()).where(Document.id == document_id)
        ).first()
        return DocumentRow(*row) if row else None


def count_matching(db: Database, annotator: str, flt: DocumentFilter | None = None) -> int:
    """How many documents pass ``flt``."""
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _filtered(select(func.count(Document.id)).select_from(Document), me, flt or DocumentFilter())
        return session.scalar(query) or 0


def adjacent_document(
    db: Database, annotator: str, document_id: int, *, forward: bool, flt: DocumentFilter | None = None
) -> int | None:
    """The id of the next (or previous) document after ``document_id`` that passes ``flt``."""
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _filtered(select(Document.id).select_from(Document), me, flt or DocumentFilter())
        if forward:
            query = query.where(Document.id > document_id).order_by(Document.id)
        else:
            query = query.where(Document.id < document_id).order_by(Document.id.desc())
        found: int | None = session.scalar(query.limit(1))
        return found


def languages(db: Database) -> list[str]:
    """The languages present in the corpus, for the list's filter."""
    with db.read() as session:
        return [lang for lang in session.scalars(select(Document.language).distinct().order_by(Document.language))]


def document_spans(
    db: Database, document_id: int, annotator: str, *, start_from: int = 0, start_before: int | None = None
) -> list[SpanRecord]:
    """One annotator's spans of a document that start in ``[start_from, start_before)``, in text order.

    For the window, which opens long documents a stretch at a time: the range is answered by the
    ``(document_id, annotator_id, start)`` index, and labels come from the ids the database already
    holds instead of three joins per row.
    """
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = select(
            Span.id, Span.start, Span.end, Span.label_id, type_coerce(Span.attributes, Text), Span.note, Span.version
        ).where(Span.document_id == document_id, Span.annotator_id == me, Span.start >= start_from)
        if start_before is not None:
            query = query.where(Span.start < start_before)
        # Core execution on the session's connection: the ORM result machinery costs more than the
        # query itself on 10,000 plain rows.
        rows = session.connection().execute(query.order_by(Span.start, Span.end, Span.id)).all()
        keys = {label_id: key for key, label_id in db.ids.labels.items()}
        unknown = {row[3] for row in rows} - keys.keys()
        if unknown:
            # Labels retired from the schema keep their rows; their names are looked up here.
            for label_id, layer, label in session.execute(
                select(LabelRow.id, LayerRow.key, LabelRow.key)
                .join(LayerRow, LayerRow.id == LabelRow.layer_id)
                .where(LabelRow.id.in_(unknown))
            ):
                keys[label_id] = (layer, label)
    name = annotator.strip()
    return [
        SpanRecord(span_id, document_id, name, *keys[label_id], start, end, _attributes(raw), note or "", version)
        for span_id, start, end, label_id, raw, note, version in rows
    ]


def _attributes(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):  # drivers that decode JSON themselves (psycopg)
        return raw
    return {} if raw in (None, "{}", "null") else dict(json.loads(raw))
