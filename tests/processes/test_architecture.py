"""The core never imports Qt; a PySide6 upgrade that breaks void calls fails loudly here."""

from __future__ import annotations

import subprocess
import sys


def _fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter (import order and loaded modules start from nothing)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_the_core_imports_without_qt() -> None:
    code = (
        "import sys\n"
        "import curator.cli.main, curator.io.importer, curator.io.formats.jsonl.lines, curator.store.editing\n"
        "import curator.store.queries, curator.text.folding, curator.text.utf16, curator.schema\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'curator.gui')))\n"
        "print(','.join(bad))\n"
    )
    assert _fresh_python(code) == ""


def test_import_linter_contract_holds() -> None:
    result = subprocess.run(["lint-imports"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken" in result.stdout
    assert "Widgets never get the app-wide Database KEPT" in result.stdout


def test_twenty_thousand_void_qt_calls_do_not_abort() -> None:
    """PySide6 6.12.0 leaks a reference to None per void call and aborts on CPython 3.11."""
    code = (
        "from PySide6.QtGui import QTextDocument, QTextCursor, QTextCharFormat, QColor\n"
        "doc = QTextDocument('x' * 100)\n"
        "cursor = QTextCursor(doc)\n"
        "fmt = QTextCharFormat()\n"
        "for i in range(20000):\n"
        "    cursor.setPosition(i % 100)\n"
        "    fmt.setBackground(QColor(i % 255, 0, 0))\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_the_window_imports_the_core_before_pyside6() -> None:
    """Every module imported after PySide6.QtCore goes through PySide6's __feature__ import hook,
    which reads its source; curator.gui imports the core first (a fifth of the window's start)."""
    code = (
        "import sys\n"
        "import curator.gui.app, curator.gui.main_window\n"
        "order = list(sys.modules)\n"
        "late = order[order.index('PySide6.QtCore'):]\n"
        "print([m for m in late if m.startswith(('curator.', 'sqlalchemy', 'pydantic', 'yaml'))"
        " and not m.startswith('curator.gui')])\n"
    )
    assert _fresh_python(code) == "[]"


def test_the_window_s_modules_have_their_pyside_feature_selection_before_they_are_imported() -> None:
    """The selection PySide6's import hook would work out for each window module (0: it uses PySide6,
    with no feature) is set beforehand, so the hook does not search each module's source. A PySide6
    release that keeps this state elsewhere fails here, and the window starts slower again."""
    code = (
        "import sys\n"
        "import curator.gui\n"
        "selections = sys.modules['__feature__'].pyside_feature_dict\n"
        "print(selections.get('curator.gui.main_window'), selections.get('curator.gui.review.window'),"
        " 'curator.gui.text_view' in sys.modules)\n"
    )
    assert _fresh_python(code).split() == ["0", "0", "False"]
