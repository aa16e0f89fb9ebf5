"""What colleagues changed since a point in time, for windows that follow a shared database.

The append-only history is the change log: a window remembers the highest history id it has seen
and asks for what came after. On SQLite it polls (:func:`latest_change` is one indexed lookup); on
PostgreSQL a :class:`ChangeListener` also wakes it through LISTEN/NOTIFY. Reading changes writes
nothing, so following a colleague's work never creates a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from curator.store.database import Database
from curator.store.models import HistoryEntry

CHANNEL = "curator_changes"


@dataclass(frozen=True)
class Change:
    id: int
    annotator: str
    action: str
    kind: str
    document_id: int | None
    object_id: int | None


def latest_change(db: Database) -> int:
    """The id of the newest history row (0 for a database without history)."""
    with db.read() as session:
        return session.scalar(select(func.max(HistoryEntry.id))) or 0


def changes_after(db: Database, after: int, *, limit: int = 5000) -> list[Change]:
    """History rows newer than ``after``, oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(
                HistoryEntry.id,
                HistoryEntry.annotator,
                HistoryEntry.action,
                HistoryEntry.kind,
                HistoryEntry.document_id,
                HistoryEntry.object_id,
            )
            .where(HistoryEntry.id > after)
            .order_by(HistoryEntry.id)
            .limit(limit)
        )
        return [Change(*row) for row in rows]


class ChangeListener:
    """LISTEN on PostgreSQL: ``fileno()`` becomes readable when a colleague commits a change.

    The window watches the descriptor (a QSocketNotifier) and then calls :meth:`drain` and
    :func:`changes_after`. Not available on SQLite, where windows poll :func:`latest_change`.
    """

    def __init__(self, db: Database) -> None:
        if db.is_sqlite:
            raise ValueError("LISTEN/NOTIFY needs PostgreSQL; poll latest_change() on SQLite")
        import psycopg

        url = db.engine.url.set(drivername="postgresql")
        self._conn: Any = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return int(self._conn.fileno())

    def drain(self, timeout: float = 0.0) -> set[int | None]:
        """Document ids named by notifications received so far (None for changes not tied to one)."""
        return {int(n.payload) if n.payload else None for n in self._conn.notifies(timeout=timeout)}

    def close(self) -> None:
        self._conn.close()
