"""The screenshot of the guidelines pane for the README: the window in Arabic, an Arabic seed open,
the guidelines opened with Ctrl+G beside it, Arabic paragraphs right to left.

    python3 scripts/guidelines_screenshot.py [--out docs/screenshots/guidelines-arabic.png]

Offscreen, on a throw-away database (the seeds and the example guidelines of tests/data/guidelines).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "guidelines-arabic.png")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="curator-guidelines-"))
    os.environ["CURATOR_HOME"] = str(scratch)
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Curator")
    from curator.gui.translations import apply_ui_language

    apply_ui_language(app, "ar")

    from curator.gui.main_window import MainWindow
    from curator.gui.settings import Preferences
    from curator.io.guidelines_files import read_guidelines
    from curator.io.importer import import_paths
    from curator.store import queries
    from curator.store.database import Database
    from curator.store.guidelines import save_guidelines

    db = Database(f"sqlite:///{scratch / 'corpus.sqlite'}")
    import_paths(db, [REPO / "seeds"], annotator="demo")
    save_guidelines(db, read_guidelines(REPO / "tests" / "data" / "guidelines", db.schema).content, "manager")
    prefs = Preferences(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, "amina", prefs)
    window.resize(1600, 1000)
    window.show()
    for _ in range(5):
        app.processEvents()
    arabic = next(b.document.id for b in queries.iter_bundles(db) if b.document.text.startswith("تقرير دولي"))
    window.open_document(arabic)
    window.text_view.setFocus()
    QTest.keyClick(window.text_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    window.resizeDocks([window.team.guidelines_dock], [620], Qt.Orientation.Horizontal)
    window.resizeDocks([window.docks["annotations"]], [110], Qt.Orientation.Vertical)
    window.resizeDocks([window.team.guidelines_dock, window.docks["labels"]], [560, 200], Qt.Orientation.Vertical)
    deadline = time.monotonic() + 0.8
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out), "PNG"):
        raise SystemExit(f"could not write {args.out}")
    print(args.out)
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
