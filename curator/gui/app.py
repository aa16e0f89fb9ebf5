"""Start the window: Qt application, annotator name, database (demo corpus on first start)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from curator.errors import CuratorError
from curator.io.demo import load_demo_if_empty
from curator.store.database import Database

from .annotator_dialog import choose_annotator
from .settings import Preferences


def ask_annotator(prefs: Preferences, given: str | None, known: list[str]) -> str | None:
    """The annotator's name: given, remembered, or asked once (among the names already in the
    database, or a new one) and remembered."""
    name = (given or prefs.annotator).strip()
    if not name:
        name = choose_annotator(None, known, "") or ""
        if not name:
            return None
    prefs.annotator = name
    return name


def run(url: str | None, schema: Path | None, annotator: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Curator")
    app.setOrganizationName("Curator")
    try:
        db = Database(url, schema_path=schema)
        load_demo_if_empty(db)
    except CuratorError as exc:
        QMessageBox.critical(None, "Curator", str(exc))
        return 1
    name = ask_annotator(Preferences(), annotator, db.annotator_names())
    if name is None:
        return 0
    from curator.gui.main_window import MainWindow

    window = MainWindow(db, name)
    window.show()
    return int(app.exec())
