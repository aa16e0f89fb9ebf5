"""Colleagues' changes reach an open window without a restart.

The store's history is the change log (:mod:`curator.store.changes`). On SQLite the window polls the
newest history id every ``POLL_MS`` (one indexed lookup); on PostgreSQL a LISTEN connection wakes it
at once through a ``QSocketNotifier`` (with a slow poll kept as a safety net). When the open
document is among the changed ones, it is brought in step span by span; the document list refreshes
the rows that changed. Everything here reads: following colleagues never writes to the database.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from curator.store.changes import ChangeCursor, ChangeListener, changes_since, latest_change
from curator.store.database import Database

from .open_document import OpenDocument

POLL_MS = 1500  # SQLite: how often the newest history id is read
SAFETY_POLL_MS = 15_000  # PostgreSQL: a poll in case a notification was missed (reconnects, ...)
BATCH = 5000
# History kinds that can move a document in or out of a filtered list (status, review state, import).
MEMBERSHIP_KINDS = frozenset({"status", "review_state", "document"})

log = logging.getLogger(__name__)


class LiveUpdates(QObject):
    """Follows ``db`` for the window: ``documents_changed`` carries the ids of documents that
    changed (the list refreshes them); the open document ``doc`` is synced itself."""

    # set[int]: documents whose rows may have changed; set[int]: those of them whose status, review
    # state or existence changed (a filtered list may gain or lose them)
    documents_changed = Signal(object, object)
    corpus_changed = Signal()  # a change not tied to one document (documents added or removed...)
    open_document_synced = Signal(bool)  # after a sync of the open document: whether anything differed
    schema_changed = Signal()  # someone changed the schema: the database's copy is read again first
    assignments_changed = Signal()  # documents given or taken: an annotator's own list changes (rare)

    def __init__(self, db: Database, doc: OpenDocument, parent: QObject | None = None, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.db = db
        self.doc = doc
        self.cursor = ChangeCursor()
        self.listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self.poll_ms = poll_ms

    def start(self) -> None:
        """Remember where the history stands and start following it."""
        self.cursor = ChangeCursor(latest_change(self.db))
        interval = self.poll_ms
        if not self.db.is_sqlite:
            try:
                self.listener = ChangeListener(self.db)
            except Exception as exc:  # no LISTEN (driver, rights): the poll alone still works
                log.warning("change notifications unavailable, polling instead: %s", exc)
                self.listener = None
            if self.listener is not None:
                self._notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Type.Read, self)
                self._notifier.activated.connect(self._notified)
                interval = SAFETY_POLL_MS
        self._timer.start(interval)

    def stop(self) -> None:
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    @property
    def interval(self) -> int:
        return self._timer.interval()

    def _notified(self) -> None:
        if self.listener is not None:
            self.listener.drain()
        self.catch_up()

    def poll(self) -> None:
        """Cheap check: read the newest history id; catch up only when it moved or ids skipped earlier
        (transactions still open then) may have committed since."""
        try:
            if self.cursor.gaps or latest_change(self.db) > self.cursor.seen:
                self.catch_up()
        except Exception as exc:  # a busy or vanished database must not stop the window
            log.warning("could not read colleagues' changes: %s", exc)

    def catch_up(self) -> None:
        """Read the changes after the last one seen and pass them on."""
        touched: set[int] = set()
        moved: set[int] = set()
        corpus = schema = assigned = False
        while True:
            changes = changes_since(self.db, self.cursor, limit=BATCH)
            if not changes:
                break
            for change in changes:
                schema |= change.kind == "schema"
                assigned |= change.kind == "assignment"
                if change.document_id is None:
                    corpus = True
                else:
                    touched.add(change.document_id)
                    if change.kind in MEMBERSHIP_KINDS:
                        moved.add(change.document_id)
            if len(changes) < BATCH:
                break
        # Before the open document syncs: its spans may carry a label only the new schema has.
        if schema and self.db.reload_schema():
            self.schema_changed.emit()
        if self.doc.id is not None and self.doc.id in touched:
            self.open_document_synced.emit(self.doc.sync_from_store())
        if touched:
            self.documents_changed.emit(touched, moved)
        if corpus:
            self.corpus_changed.emit()
        if assigned:
            self.assignments_changed.emit()
