"""Start the window: Qt application, annotator name, database (demo corpus on first start)."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from curator.errors import CuratorError
from curator.store.database import Database
from curator.store.models import reserved_annotator
from curator.store.queries import has_documents

from .annotator_dialog import choose_annotator
from .display_libraries import display_problem
from .settings import Preferences


def ask_annotator(prefs: Preferences, given: str | None, known: list[str]) -> str | None:
    """The annotator's name: given, remembered, or asked once (among the names already in the
    database, or a new one) and remembered."""
    name = (given or prefs.annotator).strip()
    if not name or reserved_annotator(name):  # never the gold layer's name, even remembered
        name = choose_annotator(None, known, "") or ""
        if not name:
            return None
    prefs.annotator = name
    return name


# Set to 1, the app quits as soon as its window is first painted and prints one JSON line: when that
# was (``shown_at``, time.time()) and the peak memory so far. The start-up benchmark (B5) uses it.
EXIT_WHEN_SHOWN = "CURATOR_EXIT_WHEN_SHOWN"


class _FirstPaint(QObject):
    """Reports the first paint of the main window (Qt paints the window before the widgets in it,
    in the same frame), then quits."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            shown_at = time.time()
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps({"shown_at": shown_at, "peak_mb": peak_mb}), flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def run(url: str | None, schema: Path | None, annotator: str | None) -> int:
    problem = display_problem()
    if problem is not None:  # before Qt's X11 plugin aborts the process
        print(f"curator: error: {problem}", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Curator")
    app.setOrganizationName("Curator")
    try:
        db = Database(url, schema_path=schema)
        if not has_documents(db):
            # Imported only for a first start: the importers are not needed to show the window.
            from curator.io.demo import load_demo_if_empty

            load_demo_if_empty(db)
    except CuratorError as exc:
        QMessageBox.critical(None, "Curator", str(exc))
        return 1
    # On PostgreSQL with a login limited to a role, the login is the annotator: nothing to ask.
    name = db.login.name if db.login is not None else ask_annotator(Preferences(), annotator, db.annotator_names())
    if name is None:
        return 0
    from curator.gui.main_window import MainWindow

    window = MainWindow(db, name)
    if os.environ.get(EXIT_WHEN_SHOWN) == "1":
        # On the window only: an application-wide Python filter would be called for every event of
        # every object and make PySide6 wrap each one, which a real start does not do.
        window.installEventFilter(_FirstPaint(app))
    window.show()
    return int(app.exec())
