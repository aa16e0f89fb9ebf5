"""Backups from the window (SQLite only): automatic rotating backups, "Back up now…" and
"Restore from backup…".

Rotation (:func:`curator.store.backup.rotate`: a backup when the newest one is older than a day, the
newest seven kept) runs in a background thread a few seconds after the window is shown, then every
hour (it only writes once a day), so neither the start nor the curator waits for it. The copies are
made through SQLite's online backup API, so edits may go on meanwhile.

Restoring replaces the database's content with a backup's: it asks first, makes a backup of the
current state beside the others (so a restore can itself be undone), then the window reopens on
the restored database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from curator.paths import user_data_dir
from curator.store import backup
from curator.store.database import Database

from .background import Job

FIRST_ROTATION_MS = 5_000  # after the window is shown: the start is never slowed down
CHECK_EVERY_MS = 3_600_000  # rotate() writes only when the newest backup is older than a day


def backups_folder() -> Path:
    return user_data_dir() / "backups"


class Backups(QObject):
    """The window's backups of ``db``. ``message`` carries a line for the status bar; ``restored``
    fires after a restore (the window reopens the database)."""

    message = Signal(str)
    restored = Signal()

    def __init__(
        self,
        db: Database,
        parent_widget: QWidget | None = None,
        folder: Path | None = None,
        keep: int = 7,
        every: timedelta = timedelta(days=1),
    ) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.parent_widget = parent_widget
        self.folder = folder or backups_folder()
        self.keep, self.every = keep, every
        self.jobs: list[Job] = []
        self.last_backup: Path | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.rotate_now)
        self._first = QTimer(self)  # a child: it goes with the window, and stop() stops it
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.rotate_now)
        # Dialog hooks, replaced in tests so that no modal dialog blocks them.
        self.ask_save_path: Callable[[Path], Path | None] = self._ask_save_path
        self.ask_backup: Callable[[Path], Path | None] = self._ask_backup
        self.confirm: Callable[[str, str], bool] = self._confirm

    @property
    def available(self) -> bool:
        return self.db.is_sqlite and not self.db.read_only

    def start(self, delay_ms: int = FIRST_ROTATION_MS) -> None:
        """Schedule the first rotation after ``delay_ms``, then check every hour (SQLite only)."""
        if not self.available:
            return
        self._first.start(delay_ms)
        self._timer.start()

    def busy(self) -> bool:
        return any(job.isRunning() for job in self.jobs)

    def _run(self, work: Callable[[], Path | None], done: Callable[[Path | None], None]) -> Job:
        job = Job(lambda _report: work(), self)
        job.succeeded.connect(done)
        job.failed.connect(lambda error: self.message.emit(self.tr("Backup failed: {0}").format(error)))
        job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        self.jobs.append(job)
        job.start()
        return job

    def rotate_now(self) -> Job | None:
        """A backup in the background if the newest one is older than ``every`` (keeps ``keep``)."""
        if not self.available or self.busy():
            return None

        def done(made: Path | None) -> None:
            if made is not None:
                self.last_backup = made
                self.message.emit(self.tr("Automatic backup saved: {0}").format(made.name))

        return self._run(lambda: backup.rotate(self.db, self.folder, keep=self.keep, every=self.every), done)

    def back_up_now(self) -> Job | None:
        """Ask where, then copy the database there in the background."""
        if not self._usable():
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        suggested = self.folder / f"curator-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        target = self.ask_save_path(suggested)
        if target is None:
            return None

        def done(made: Path | None) -> None:
            self.last_backup = made
            self.message.emit(self.tr("Backup saved: {0}").format(made))

        return self._run(lambda: backup.backup(self.db, target), done)

    def restore_from_backup(self) -> bool:
        """Ask which backup, confirm, keep a backup of the current state, restore; True if restored."""
        if not self._usable():
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        chosen = self.ask_backup(self.folder)
        if chosen is None:
            return False
        stamp = datetime.fromtimestamp(chosen.stat().st_mtime).strftime("%Y-%m-%d %H:%M") if chosen.exists() else "?"
        question = self.tr(
            "Replace everything in the database with the backup {0} (saved {1})?\n\n"
            "Work saved since then is replaced. The current state is backed up first, into {2}."
        ).format(chosen.name, stamp, self.folder)
        if not self.confirm(self.tr("Restore from backup"), question):
            return False
        for job in list(self.jobs):
            job.wait()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            before = backup.backup(
                self.db, self.folder / f"curator-{datetime.now():%Y%m%d-%H%M%S}-before-restore.sqlite"
            )
            backup.restore(self.db, chosen)
        except Exception as exc:  # a bad file: said plainly, nothing changed
            QGuiApplication.restoreOverrideCursor()
            self.message.emit(self.tr("Not restored: {0}").format(exc))
            return False
        QGuiApplication.restoreOverrideCursor()
        self.message.emit(self.tr("Restored {0}; the previous state is in {1}").format(chosen.name, before.name))
        self.restored.emit()
        return True

    def stop(self) -> None:
        """Stop the schedule and wait for a running backup (the window is closing)."""
        self._timer.stop()
        self._first.stop()
        for job in list(self.jobs):
            job.wait()

    # -- dialogs ----------------------------------------------------------------------------------

    def _usable(self) -> bool:
        if self.available:
            return True
        reason = (
            self.tr("This database is open read-only.")
            if self.db.read_only
            else self.tr("Backups from the window are for SQLite databases; back up a PostgreSQL server with pg_dump.")
        )
        QMessageBox.information(self.parent_widget, "Curator", reason)
        return False

    def _ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Back up the database"), str(suggested), self.tr("SQLite database (*.sqlite)")
        )
        return Path(name) if name else None

    def _ask_backup(self, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("Restore from backup"), str(folder), self.tr("SQLite database (*.sqlite)")
        )
        return Path(name) if name else None

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent_widget, title, text, defaultButton=QMessageBox.StandardButton.No)
        return bool(answer == QMessageBox.StandardButton.Yes)
