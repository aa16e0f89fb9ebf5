"""Active time (issue 21): how long each annotator worked on each document.

A moment counts when a document is open in a window that is in front and the annotator gave input
(a key, a click, a scroll, an edit) in the :data:`IDLE_AFTER` seconds before it. :class:`ActiveClock`
works that out from the events it is told of, with whatever clock it is given (the window passes
``time.monotonic``, tests a fake one); nothing here knows Qt. :func:`add_active_time` adds what a
clock measured to the store in one short transaction, and :func:`active_seconds` reads the totals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.store.database import Database
from curator.store.models import ActiveTime, Annotator, Document, utcnow

IDLE_AFTER = 120.0  # seconds without input after which the time stops counting


class ActiveClock:
    """Accumulates active seconds per document from the window's events.

    Between two inputs ``gap`` seconds apart, ``min(gap, IDLE_AFTER)`` seconds count for the document
    open then; after the last input, the time up to now, at most ``IDLE_AFTER``. Nothing counts while
    no document is open or the window is not in front. :meth:`take` hands over what was counted
    (for the store) and starts again from zero, without losing the interval in progress.
    """

    def __init__(self, clock: Callable[[], float], idle_after: float = IDLE_AFTER) -> None:
        self.clock = clock
        self.idle_after = idle_after
        self.document: int | None = None
        self.focused = True
        self._last_input: float | None = None
        self._counted_to = 0.0  # the moment up to which time has been counted
        self._pending: dict[int, float] = {}

    def _advance(self, now: float) -> None:
        """Count the time from where counting stopped up to ``now`` (within the idle window)."""
        if self._last_input is None:
            return
        end = min(now, self._last_input + self.idle_after)
        start = max(self._counted_to, self._last_input)
        if end > start and self.document is not None and self.focused:
            self._pending[self.document] = self._pending.get(self.document, 0.0) + (end - start)
        self._counted_to = max(self._counted_to, end)

    def input(self) -> None:
        """The annotator pressed a key, clicked, scrolled or made an edit."""
        now = self.clock()
        self._advance(now)
        self._last_input = now
        self._counted_to = now

    def set_document(self, document_id: int | None) -> None:
        """The window now shows ``document_id`` (None: no document); the time so far stays with the
        document shown before."""
        self._advance(self.clock())
        self.document = document_id

    def set_focused(self, focused: bool) -> None:
        """The window came to the front (True) or went behind another (False)."""
        self._advance(self.clock())
        self.focused = focused

    def take(self) -> dict[int, float]:
        """The seconds counted per document since the last call, and zero again."""
        self._advance(self.clock())
        pending, self._pending = self._pending, {}
        return {doc: seconds for doc, seconds in pending.items() if seconds > 0}


def add_active_time(db: Database, annotator: str, seconds: Mapping[int, float]) -> None:
    """Add ``seconds`` (document id -> seconds) to ``annotator``'s totals, in one short transaction.
    Documents deleted meanwhile are passed over."""
    wanted = {doc: s for doc, s in seconds.items() if s > 0}
    if not wanted:
        return
    with db.write() as session:
        annotator_id = db.annotator_id(session, annotator)
        existing = set(session.scalars(select(Document.id).where(Document.id.in_(wanted))))
        rows = {
            row.document_id: row
            for row in session.scalars(
                select(ActiveTime).where(ActiveTime.annotator_id == annotator_id, ActiveTime.document_id.in_(existing))
            )
        }
        now = utcnow()
        for doc in sorted(existing):
            row = rows.get(doc)
            if row is None:
                session.add(ActiveTime(document_id=doc, annotator_id=annotator_id, seconds=wanted[doc], updated_at=now))
            else:
                row.seconds = row.seconds + wanted[doc]
                row.updated_at = now


def active_seconds(db: Database, session: Session | None = None) -> dict[tuple[int, str], float]:
    """Every total: (document id, annotator name) -> seconds."""

    def read(s: Session) -> dict[tuple[int, str], float]:
        query = select(ActiveTime.document_id, Annotator.name, ActiveTime.seconds).join(
            Annotator, Annotator.id == ActiveTime.annotator_id
        )
        return {(doc, name): float(sec) for doc, name, sec in s.execute(query)}

    if session is not None:
        return read(session)
    with db.read() as own:
        return read(own)


@dataclass
class ActiveTimeWriter:
    """What the window is given to store the time its clock measured (never the database itself)."""

    db: Database
    annotator: str

    def add(self, seconds: Mapping[int, float]) -> None:
        add_active_time(self.db, self.annotator, seconds)


def shown_duration(seconds: float) -> str:
    """``1 h 05 min``, ``12 min``, ``40 s``: active time as people read it."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes = total // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
