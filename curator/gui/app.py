"""Start the window: Qt application, annotator name, database (demo corpus on first start)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from curator.errors import CuratorError
from curator.io.demo import load_demo_if_empty
from curator.store.database import Database


def ask_annotator(settings: QSettings, given: str | None) -> str | None:
    """The annotator's name: given, remembered, or asked once and remembered."""
    name = given or str(settings.value("annotator", "") or "")
    if not name:
        name, ok = QInputDialog.getText(None, "Curator", "Your name as annotator / اسمك / Votre nom :")
        if not ok or not name.strip():
            return None
    settings.setValue("annotator", name.strip())
    return name.strip()


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
    name = ask_annotator(QSettings(), annotator)
    if name is None:
        return 0
    from curator.gui.main_window import MainWindow

    window = MainWindow(db, name)
    window.show()
    return int(app.exec())
