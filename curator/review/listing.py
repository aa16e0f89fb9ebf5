"""The document list narrowed to review states (not reviewed, in review, curated).

The same keyset pages, counts and next/previous lookups as :mod:`curator.store.browse`, with one more
condition: the document's review state is one of ``states`` (a document without a recorded state is
``not_reviewed``). Each is one query, answered by the review-state primary key, so the filter costs
the same on 100,000 documents as on ten. Without states, the plain browse functions answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from curator.errors import EditRefused
from curator.store import browse
from curator.store.browse import DocumentFilter, DocumentOrder, DocumentRow
from curator.store.database import Database
from curator.store.models import REVIEW_STATES, Document, ReviewState

NOT_REVIEWED = REVIEW_STATES[0]

# The browse module's query builders: one definition of what the list shows and how it filters.
_annotator_id = browse._annotator_id
_filtered = browse._filtered


def _check(states: Sequence[str]) -> None:
    unknown = set(states) - set(REVIEW_STATES)
    if unknown:
        raise EditRefused(f"unknown review state {sorted(unknown)[0]!r}")


def _in_states(query: Select[Any], states: Sequence[str]) -> Select[Any]:
    query = query.outerjoin(ReviewState, ReviewState.document_id == Document.id)
    condition: ColumnElement[bool] = ReviewState.state.in_(list(states))
    if NOT_REVIEWED in states:
        condition = or_(condition, ReviewState.state.is_(None))
    return query.where(condition)


def document_page(
    db: Database,
    annotator: str,
    flt: DocumentFilter | None = None,
    states: Sequence[str] | None = None,
    *,
    after_id: int = 0,
    limit: int = browse.PAGE,
    order: DocumentOrder | None = None,
) -> list[DocumentRow]:
    """Like :func:`curator.store.browse.document_page`, only documents in review ``states``."""
    if not states:
        return browse.document_page(db, annotator, flt, after_id=after_id, limit=limit, order=order)
    _check(states)
    with db.read() as session:
        me = _annotator_id(session, annotator)
        ids = _in_states(_filtered(select(Document.id).select_from(Document), me, flt or DocumentFilter()), states)
        return [DocumentRow(*row) for row in session.execute(browse.page_rows(ids, me, order, after_id, limit))]


def count_matching(
    db: Database, annotator: str, flt: DocumentFilter | None = None, states: Sequence[str] | None = None
) -> int:
    if not states:
        return browse.count_matching(db, annotator, flt)
    _check(states)
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _filtered(select(func.count(Document.id)).select_from(Document), me, flt or DocumentFilter())
        return session.scalar(_in_states(query, states)) or 0


def adjacent_document(
    db: Database,
    annotator: str,
    document_id: int | None,
    *,
    forward: bool,
    flt: DocumentFilter | None = None,
    states: Sequence[str] | None = None,
    order: DocumentOrder | None = None,
) -> int | None:
    if not states:
        return browse.adjacent_document(db, annotator, document_id, forward=forward, flt=flt, order=order)
    _check(states)
    with db.read() as session:
        me = _annotator_id(session, annotator)
        query = _in_states(_filtered(select(Document.id).select_from(Document), me, flt or DocumentFilter()), states)
        query = browse.ordered(query, me, order or DocumentOrder(), document_id, reverse=not forward)
        found: int | None = session.scalar(query.limit(1))
        return found
