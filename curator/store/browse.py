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

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    and_,
    case,
    exists,
    func,
    literal,
    literal_column,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from curator.store.database import Database
from curator.store.models import (
    STATUSES,
    TITLE_SORT_CHARS,
    Annotator,
    Assignment,
    Document,
    DocumentStatus,
    LabelRow,
    LayerRow,
    Span,
)
from curator.store.queries import SpanRecord
from curator.text.folding import fold_words

PAGE = 200
# What the list sorts by (its columns, and the id, the order of import). A title sorts by its folded
# copy (case, accents, Arabic letter forms ignored), as far as the index holds it.
SORT_KEYS = ("id", "title", "language", "status", "annotations")
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}


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
    # Only the documents given to the annotator (issue 21); an annotator given none sees them all.
    assigned_only: bool = True

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")


@dataclass(frozen=True)
class DocumentOrder:
    """The list's order: one of :data:`SORT_KEYS`, ascending or not; ties go by id the same way."""

    key: str = "id"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.key not in SORT_KEYS:
            raise ValueError(f"sort key must be one of {', '.join(SORT_KEYS)}")


def title_sort_key() -> ColumnElement[str]:
    """The title's sort key, exactly as the index ``ix_documents_title_order`` holds it."""
    # Written out, not bound parameters: a database uses an index on an expression only when the
    # query has the same expression, constants included.
    return func.substr(Document.filter_key, literal_column("1"), literal_column(str(TITLE_SORT_CHARS)))


Column = ColumnElement[Any] | InstrumentedAttribute[Any]


def _status_rank(status: Column) -> ColumnElement[int]:
    # The workflow's order (new, in progress, done), not the alphabet's.
    return case(*((status == name, rank) for name, rank in STATUS_RANK.items() if rank), else_=0)


def _span_count(me: int, document: Column | int) -> ColumnElement[int]:
    query = select(func.count(Span.id)).where(Span.document_id == document, Span.annotator_id == me)
    return query.correlate(Document).scalar_subquery() if not isinstance(document, int) else query.scalar_subquery()


def _sort_value(key: str, me: int) -> Column:
    """The sort key of each row of a query over the list's rows (``_filtered``: status joined)."""
    if key == "title":
        return title_sort_key()
    if key == "language":
        return Document.language
    if key == "status":
        return _status_rank(DocumentStatus.status)
    return _span_count(me, Document.id)


def _sort_value_of(key: str, me: int, document_id: int) -> Column:
    """The same sort key for one document, as a subquery: where the page after it starts."""
    if key == "status":
        found = select(DocumentStatus.status).where(
            DocumentStatus.document_id == document_id, DocumentStatus.annotator_id == me
        )
        return _status_rank(found.scalar_subquery())
    if key == "annotations":
        return _span_count(me, document_id)
    column = title_sort_key() if key == "title" else Document.language
    return select(column).where(Document.id == document_id).scalar_subquery()


def ordered(
    query: Select[Any], me: int, order: DocumentOrder, after_id: int | None, *, reverse: bool = False
) -> Select[Any]:
    """``query`` (rows of the list, from ``_filtered``) in ``order`` (or backwards), from the row after
    document ``after_id`` on (keyset paging: ``(key, id) > (key of after_id, after_id)``, which an
    index on ``(key, id)`` answers at any depth; None starts at the first row)."""
    descending = order.descending != reverse
    if order.key == "id":
        if after_id is not None:
            query = query.where(Document.id < after_id if descending else Document.id > after_id)
        return query.order_by(Document.id.desc() if descending else Document.id)
    value = _sort_value(order.key, me)
    if after_id is not None:
        here = tuple_(value, Document.id)
        there = tuple_(_sort_value_of(order.key, me, after_id), literal(after_id))
        query = query.where(here < there if descending else here > there)
    if descending:
        return query.order_by(value.desc(), Document.id.desc())
    return query.order_by(value, Document.id)


def page_rows(ids: Select[Any], me: int, order: DocumentOrder | None, after_id: int, limit: int) -> Select[Any]:
    """The list's rows for one page of ``ids`` (a query of document ids, filtered): the page's ids
    are found first, in ``order``, and only their rows are read (a sort over every document's title,
    text length and count would read every document's row)."""
    order = order or DocumentOrder()
    page = ordered(ids, me, order, after_id or None).limit(limit).subquery()
    rows = _filtered(_row_select(me), me, DocumentFilter(assigned_only=False)).join(page, page.c.id == Document.id)
    return ordered(rows, me, order, None)


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
    if flt.assigned_only:
        mine = select(Assignment.document_id).where(Assignment.annotator_id == me)
        query = query.where(~exists(mine) | Document.id.in_(mine))
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
    db: Database,
    annotator: str,
    flt: DocumentFilter | None = None,
    *,
    after_id: int = 0,
    limit: int = PAGE,
    order: DocumentOrder | None = None,
) -> list[DocumentRow]:
    """Up to ``limit`` documents that pass ``flt``, in ``order`` (id order by default), after
    document ``after_id`` (0: from the first)."""
    flt = flt or DocumentFilter()
    with db.read() as session:
        me = _annotator_id(session, annotator)
        ids = _filtered(select(Document.id).select_from(Document), me, flt)
        return [DocumentRow(*row) for row in session.execute(page_rows(ids, me, order, after_id, limit))]


def document_row(db: Database, annotator: str, document_id: int) -> DocumentRow | None:
    """One document's row (after an edit changed its count or status)."""
    with db.read() as session:
        me = _annotator_id(session, annotator)
        row = session.execute(
            _filtered(_row_select(me), me, DocumentFilter(assigned_only=False)).where(Document.id == document_id)
        ).first()
        return DocumentRow(*row) if row else None


def count_matching(db: Database, annotator: str, flt: DocumentFilter | None = None) -> int:
    """How many documents pass ``flt``."""
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _filtered(select(func.count(Document.id)).select_from(Document), me, flt or DocumentFilter())
        return session.scalar(query) or 0


def adjacent_document(
    db: Database,
    annotator: str,
    document_id: int | None,
    *,
    forward: bool,
    flt: DocumentFilter | None = None,
    order: DocumentOrder | None = None,
) -> int | None:
    """The id of the next (or previous) document after ``document_id`` in ``order`` that passes
    ``flt``; from ``None``, the first (or the last)."""
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _filtered(select(Document.id).select_from(Document), me, flt or DocumentFilter())
        query = ordered(query, me, order or DocumentOrder(), document_id, reverse=not forward)
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
