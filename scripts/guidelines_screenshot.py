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
    parser.add_argument("--dashboard", type=Path, help="Also the dashboard, with a small team's work, into this PNG.")
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
    if args.dashboard:
        _dashboard(app, window, db, args.dashboard)
    window.close()
    db.dispose()
    return 0


def _dashboard(app: object, window: object, db: object, out: Path) -> None:
    """Three annotators, each document given to two, some of it done, some time worked."""
    from PySide6.QtWidgets import QApplication

    from curator.review.states import set_review_state
    from curator.store import queries
    from curator.store.active_time import add_active_time
    from curator.store.assignment import assign
    from curator.store.editing import Editor

    ids = sorted(b.document.id for b in queries.iter_bundles(db))  # type: ignore[arg-type]
    report = assign(db, ["amina", "karim", "lea"], 2, seed=1)  # type: ignore[arg-type]
    given: dict[int, list[str]] = {}
    for doc, name in report.added:
        given.setdefault(doc, []).append(name)
    for doc in ids[:3]:
        for name in given[doc]:
            editor = Editor(db, name)  # type: ignore[arg-type]
            text = queries.document(db, doc).text  # type: ignore[arg-type, union-attr]
            start = text.index("الأمم المتحدة") if "الأمم المتحدة" in text else 0
            editor.add_span(doc, "entity", "ORG", start, start + 13)
            editor.set_status(doc, "done")
            add_active_time(db, name, {doc: 600.0 + 60 * len(name)})  # type: ignore[arg-type]
    editor = Editor(db, given[ids[3]][0])  # type: ignore[arg-type]
    editor.set_status(ids[3], "in_progress")
    set_review_state(db, ids[0], "in_review", "lea")  # type: ignore[arg-type]
    dock = window.team.dashboard_dock  # type: ignore[attr-defined]
    window.team.guidelines_dock.hide()  # type: ignore[attr-defined]
    dock.show()
    dock.raise_()
    window.resizeDocks([dock], [420], __import__("PySide6.QtCore").QtCore.Qt.Orientation.Vertical)  # type: ignore[attr-defined]
    window.team.refresh_dashboard()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not getattr(window.team.dashboard.figures, "with_agreement", False):  # type: ignore[attr-defined]
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()
    if not window.grab().save(str(out), "PNG"):  # type: ignore[attr-defined]
        raise SystemExit(f"could not write {out}")
    print(out)


if __name__ == "__main__":
    raise SystemExit(main())
