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
from .translations import apply_ui_language
from .translations import ui_language as choose_ui_language


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


def application(ui_language: str | None) -> tuple[QApplication, Preferences]:
    """The Qt application of a window (annotation or review), named, in the interface language
    (``ui_language``, else the environment's, the remembered or the system's), with the preferences."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Curator")
    app.setOrganizationName("Curator")
    prefs = Preferences()
    # Before any widget: Qt reads the layout direction and the translators as each widget is made.
    apply_ui_language(app, choose_ui_language(ui_language, prefs.ui_language))
    return app, prefs


def run(
    url: str | None,
    schema: Path | None,
    annotator: str | None,
    *,
    ui_language: str | None = None,
    screenshot: Path | None = None,
    document: int | None = None,
) -> int:
    """Open the window; with ``screenshot``, render it offscreen into that PNG (showing ``document``
    if given) and return at once."""
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = display_problem()
    if problem is not None:  # before Qt's X11 plugin aborts the process
        print(f"curator: error: {problem}", file=sys.stderr)
        return 1
    app, prefs = application(ui_language)
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
    login = db.login.name if db.login is not None else None
    if screenshot is not None:
        return _screenshot(db, login or annotator or prefs.annotator or "curator", screenshot, document)
    name = login or ask_annotator(prefs, annotator, db.annotator_names())
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


def _screenshot(db: Database, annotator: str, target: Path, document: int | None) -> int:
    """Render the window at 1600×1000 with ``document`` (or the first) open into ``target``."""
    from PySide6.QtCore import QSettings

    from curator.gui.main_window import MainWindow

    # A layout of its own: the user's saved window state would make every screenshot different.
    settings = QSettings(str(target.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.clear()
    prefs = Preferences(settings)
    window = MainWindow(db, annotator, prefs)
    window.resize(1600, 1000)
    window.show()
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
    first = document if document is not None else window.documents.adjacent(None, forward=True)
    if first is not None:
        window.open_document(first)
    # Long enough for the docks' tab bars and the document's layout to settle (a few event rounds).
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    ok = window.grab().save(str(target), "PNG")
    window.live.stop()
    window.backups.stop()
    window.corpus_search.shutdown()
    target.with_suffix(".ini").unlink(missing_ok=True)
    if not ok:
        print(f"curator: error: could not write {target}", file=sys.stderr)
        return 1
    return 0
