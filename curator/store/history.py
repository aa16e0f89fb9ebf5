"""The history writer: the one way a change is recorded, inside the transaction that makes it.

Every store write that a person makes (the editor, curation, review states, comments) adds its row
here, so the history cannot drift between them: same columns, same clock, written in the caller's
session and so committed or rolled back with the change it describes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from curator.store.models import Base, utcnow

HISTORY = Base.metadata.tables["history"]


def record(
    session: Session,
    who: str,
    action: str,
    kind: str,
    object_id: int | None,
    document_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Add one history row by ``who`` to ``session``'s transaction (nothing is committed here)."""
    # A Core insert: the row is never read back through the ORM, and the unit of work's bookkeeping
    # was a measurable part of the commonest edit.
    session.execute(
        insert(HISTORY).values(
            at=utcnow(),
            annotator=who,
            action=action,
            kind=kind,
            object_id=object_id,
            document_id=document_id,
            before=before,
            after=after,
        )
    )


def record_many(session: Session, who: str, rows: list[dict[str, Any]]) -> None:
    """Add several history rows by ``who`` in one statement (a bulk decision writes thousands): each
    of ``rows`` has the other columns of :func:`record` (``action``, ``kind``, ``object_id``,
    ``document_id``, ``before``, ``after``)."""
    if not rows:
        return
    now = utcnow()
    session.execute(insert(HISTORY), [{"at": now, "annotator": who, **row} for row in rows])
