"""What colleagues changed since a point in time, for windows that follow a shared database.

The append-only history is the change log: a window keeps a :class:`ChangeCursor` (the highest
history id it has seen, and the ids it skipped because their transactions had not committed yet)
and asks for what came after. On SQLite it polls (:func:`latest_change` is one indexed lookup); on
PostgreSQL a :class:`ChangeListener` also wakes it through LISTEN/NOTIFY. Reading changes writes
nothing, so following a colleague's work never creates a conflict.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select

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


_CHANGE_COLUMNS = (
    HistoryEntry.id,
    HistoryEntry.annotator,
    HistoryEntry.action,
    HistoryEntry.kind,
    HistoryEntry.document_id,
    HistoryEntry.object_id,
)


def latest_change(db: Database) -> int:
    """The id of the newest history row (0 for a database without history)."""
    with db.read() as session:
        return session.scalar(select(func.max(HistoryEntry.id))) or 0


GAP_LIFETIME_S = 3600.0  # an id skipped this long ago is taken for a rolled-back transaction's
MAX_GAPS = 500  # skipped id ranges remembered at once (the oldest are given up first)


@dataclass
class ChangeCursor:
    """Where a follower stands in the history, safe against commits out of id order.

    On PostgreSQL an id is taken when its row is inserted but seen only when its transaction commits,
    so a long transaction can commit id 7 after a quick edit committed id 8. Following the largest id
    alone would never deliver 7; the cursor remembers the ids it skipped (``gaps``, inclusive ranges
    with when they were noticed) and asks for them again until they appear or ``GAP_LIFETIME_S`` has
    passed (an id of a rolled-back transaction never appears). On SQLite commits come in id order.
    """

    seen: int = 0
    gaps: list[tuple[int, int, float]] = field(default_factory=list)

    def advance(self, ids: list[int], now: float) -> None:
        """Record ``ids`` (ascending) as delivered."""
        for change_id in ids:
            if change_id > self.seen:
                if change_id > self.seen + 1:
                    self.gaps.append((self.seen + 1, change_id - 1, now))
                self.seen = change_id
                continue
            for index, (lo, hi, noticed) in enumerate(self.gaps):
                if lo <= change_id <= hi:
                    parts = [(a, b, noticed) for a, b in ((lo, change_id - 1), (change_id + 1, hi)) if a <= b]
                    self.gaps[index : index + 1] = parts
                    break
        if len(self.gaps) > MAX_GAPS:
            del self.gaps[: len(self.gaps) - MAX_GAPS]

    def expire(self, now: float) -> None:
        self.gaps = [gap for gap in self.gaps if now - gap[2] < GAP_LIFETIME_S]


def changes_since(db: Database, cursor: ChangeCursor, *, limit: int = 5000, now: float | None = None) -> list[Change]:
    """History rows the cursor has not delivered yet (skipped ids first, then newer ones, in id order),
    at most ``limit``; the cursor is moved past them."""
    now = time.monotonic() if now is None else now
    cursor.expire(now)
    wanted = HistoryEntry.id > cursor.seen
    if cursor.gaps:
        wanted = or_(wanted, *(HistoryEntry.id.between(lo, hi) for lo, hi, _ in cursor.gaps))
    with db.read() as session:
        rows = session.execute(select(*_CHANGE_COLUMNS).where(wanted).order_by(HistoryEntry.id).limit(limit))
        changes = [Change(*row) for row in rows]
    cursor.advance([change.id for change in changes], now)
    return changes


class ChangeListener:
    """LISTEN on PostgreSQL: ``fileno()`` becomes readable when a colleague commits a change.

    The window watches the descriptor (a QSocketNotifier) and then calls :meth:`drain` and
    :func:`changes_since`. Not available on SQLite, where windows poll :func:`latest_change`.
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
