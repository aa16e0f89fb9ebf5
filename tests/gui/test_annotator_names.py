"""Who annotates: File → Switch annotator never makes the curator the gold layer, and the prompt
names the annotator (المُعلِّق) in Arabic."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog
from pytestqt.qtbot import QtBot

from curator.gui.annotator_dialog import PROMPT
from curator.gui.main_window import MainWindow
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]


def _answer_dialogs(qtbot: QtBot, answers: list[str | None], seen: list[tuple[str, list[str]]]) -> QTimer:
    """Answer each annotator prompt as it opens: type the next answer and press Enter (None: Esc)."""
    handled: set[int] = set()
    timer = QTimer()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog) or id(dialog) in handled or not answers:
            return
        handled.add(id(dialog))
        seen.append((dialog.labelText(), list(dialog.comboBoxItems())))
        answer = answers.pop(0)
        combo = dialog.findChild(QComboBox)
        assert combo is not None and combo.lineEdit() is not None
        line = combo.lineEdit()
        if answer is None:
            qtbot.keyClick(line, Qt.Key.Key_Escape)
            return
        line.selectAll()
        qtbot.keyClicks(line, answer)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def test_switching_to_the_gold_layers_name_is_refused_with_the_reason(
    sqlite_db: Database,
    samples: Path,
    open_window: Callable[..., tuple[MainWindow, Any]],
    add_document: Callable[[Database, Path], int],
    qtbot: QtBot,
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    Editor(sqlite_db, "karim").add_span(doc_id, "entity", "ORG", 0, 4)
    window, hand = open_window(sqlite_db, doc_id)
    seen: list[tuple[str, list[str]]] = []
    timer = _answer_dialogs(qtbot, ["Curation", "salma"], seen)
    hand.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.workspace.annotator == "salma", timeout=5000)
    timer.stop()
    (first_label, offered), (second_label, _again) = seen
    assert first_label == PROMPT and "curation" not in [n.casefold() for n in offered] and "karim" in offered
    # The reason, one line per language (the dialog stays as wide as a sentence), then the prompt.
    english, arabic, french, _blank, prompt = second_label.split("\n")
    assert english.startswith("“\u2068Curation\u2069” is the gold layer, written only by review decisions")
    assert "الطبقة المرجعية" in arabic and "couche de référence" in french and prompt == PROMPT
    # Labelling now stores salma's span, and nothing under the gold layer's name. (The offscreen
    # platform gives activation back to no window when a dialog closes; a desktop gives it back.)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    hand.drag(*hand.word("OCI"))
    hand.key(Qt.Key.Key_O)
    assert {s.annotator for s in queries.spans(sqlite_db, doc_id)} == {"karim", "salma"}


def test_a_remembered_gold_name_is_asked_again(
    sqlite_db: Database, prefs: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator.gui.app import ask_annotator

    prefs.annotator = "curation"
    asked: list[list[str]] = []

    def answer(_parent: object, _title: str, _label: str, items: list[str], _at: int, _editable: bool) -> tuple:
        asked.append(list(items))
        return "amina", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answer))
    assert ask_annotator(prefs, None, ["curation", "karim"]) == "amina"
    assert asked == [["", "karim"]] and prefs.annotator == "amina"


def test_the_interface_calls_the_annotator_mualliq_never_the_teacher() -> None:
    assert "اسم المُعلِّق" in PROMPT
    teacher = re.compile("المُ?علِّ?م")  # المعلّم, with or without its marks
    for path in sorted((REPO / "curator").rglob("*.py")):
        assert not teacher.search(path.read_text(encoding="utf-8")), path
