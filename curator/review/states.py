"""Where the review of each document stands: not reviewed, in review, curated."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from curator.errors import EditRefused, StaleEdit
from curator.store import history
from curator.store.database import Database
from curator.store.models import REVIEW_STATES, Document, ReviewState, utcnow

NOT_REVIEWED, IN_REVIEW, CURATED = REVIEW_STATES


def set_review_state(db: Database, document_id: int, state: str, who: str, expected: str | None = None) -> str:
    """Set a document's review state (recorded in the history under ``who``); return the previous one.
    With ``expected``, refused with :class:`StaleEdit` unless the state still is ``expected`` (an undo
    never overwrites a colleague's later choice)."""
    with db.write() as session:
        return write_review_state(session, document_id, state, who, expected)


def write_review_state(session: Session, document_id: int, state: str, who: str, expected: str | None = None) -> str:
    """:func:`set_review_state` inside the caller's transaction (a decision sets the state with its
    own writes, so both are committed or neither)."""
    if state not in REVIEW_STATES:
        raise EditRefused(f"review state must be one of {', '.join(REVIEW_STATES)}")
    if session.get(Document, document_id) is None:
        raise EditRefused(f"document {document_id} does not exist")
    row = session.get(ReviewState, document_id)
    previous = row.state if row else NOT_REVIEWED
    if expected is not None and previous != expected:
        raise StaleEdit(f"the review state was changed meanwhile (it is now {previous})", None)
    if row is None:
        session.add(ReviewState(document_id=document_id, state=state, updated_by=who))
    elif previous != state:
        row.state, row.updated_by, row.updated_at = state, who, utcnow()
    if previous != state:
        history.record(
            session, who, "update", "review_state", document_id, document_id, {"state": previous}, {"state": state}
        )
    session.flush()
    return previous


def write_review_states(
    session: Session, document_ids: Sequence[int], state: str, who: str, only_from: str | None = None
) -> dict[int, str]:
    """:func:`write_review_state` for many documents in the caller's transaction, in a few
    statements (a bulk decision touches thousands): documents whose state is ``only_from`` (all
    when None) get ``state``, each with its history row. Return the previous state of each changed one."""
    if state not in REVIEW_STATES:
        raise EditRefused(f"review state must be one of {', '.join(REVIEW_STATES)}")
    ids = list(dict.fromkeys(document_ids))
    rows: dict[int, ReviewState] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows.update(
            (r.document_id, r) for r in session.scalars(select(ReviewState).where(ReviewState.document_id.in_(chunk)))
        )
    changed: dict[int, str] = {}
    now = utcnow()
    for doc in ids:
        row = rows.get(doc)
        previous = row.state if row else NOT_REVIEWED
        if previous == state or (only_from is not None and previous != only_from):
            continue
        if row is None:
            session.add(ReviewState(document_id=doc, state=state, updated_by=who))
        else:
            row.state, row.updated_by, row.updated_at = state, who, now
        changed[doc] = previous
    history.record_many(
        session,
        who,
        [
            {
                "action": "update",
                "kind": "review_state",
                "object_id": doc,
                "document_id": doc,
                "before": {"state": before},
                "after": {"state": state},
            }
            for doc, before in changed.items()
        ],
    )
    session.flush()
    return changed


def read_review_state(session: Session, document_id: int) -> str:
    row = session.get(ReviewState, document_id)
    return row.state if row else NOT_REVIEWED


def review_state(db: Database, document_id: int) -> str:
    with db.read() as session:
        return read_review_state(session, document_id)


def review_states(db: Database) -> dict[int, str]:
    """Every document's review state (documents without a recorded state are ``not_reviewed``)."""
    with db.read() as session:
        rows = session.execute(
            select(Document.id, ReviewState.state).outerjoin(ReviewState, ReviewState.document_id == Document.id)
        )
        return {doc_id: state or NOT_REVIEWED for doc_id, state in rows}


def documents_in_state(db: Database, *states: str) -> list[int]:
    """Ids of the documents whose review state is one of ``states``, in id order (one query)."""
    unknown = set(states) - set(REVIEW_STATES)
    if unknown:
        raise EditRefused(f"unknown review state {sorted(unknown)[0]!r}")
    with db.read() as session:
        q = select(Document.id).outerjoin(ReviewState, ReviewState.document_id == Document.id)
        condition: ColumnElement[bool] = ReviewState.state.in_(states)
        if NOT_REVIEWED in states:
            condition = or_(condition, ReviewState.state.is_(None))
        return list(session.scalars(q.where(condition).order_by(Document.id)))


def review_documents(
    db: Database, states: Sequence[str] | None = None, limit: int = 5000
) -> list[tuple[int, str, str, str]]:
    """``(id, ext_id, title, state)`` of documents in id order, only those in ``states`` when given;
    at most ``limit`` (the review window's document chooser)."""
    wanted = list(states) if states else list(REVIEW_STATES)
    ids = documents_in_state(db, *wanted)[:limit]
    with db.read() as session:
        rows = (
            session.execute(
                select(Document.id, Document.ext_id, Document.title, ReviewState.state)
                .outerjoin(ReviewState, ReviewState.document_id == Document.id)
                .where(Document.id.in_(ids))
                .order_by(Document.id)
            ).all()
            if ids
            else []
        )
    return [(doc_id, ext_id, title, state or NOT_REVIEWED) for doc_id, ext_id, title, state in rows]


REVIEW_STATES_LABELS = {NOT_REVIEWED: "not reviewed", IN_REVIEW: "in review", CURATED: "curated"}
