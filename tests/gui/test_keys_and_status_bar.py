"""Undo and redo keys as users of either platform press them, and what the status bar says of a span
that runs across lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from curator.gui.main_window import MainWindow
from curator.records import DocumentIn
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database

pytestmark = pytest.mark.gui

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TEXT = "قال خالد خياري إن منظمة التعاون الإسلامي\nشريك أساسي للأمم المتحدة.\nLe Conseil siège à Genève."


@pytest.fixture
def doc_id(db: Database) -> int:
    write_batch(db, [DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="a1", title="Claims")], "test")
    (found,) = queries.document_ids_by_ext(db, ["a1"])
    return found


def _gnome_bindings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The redo keys Qt's GNOME theme gives (Ctrl+Shift+Z only), whatever this platform gives."""
    original = QKeySequence.keyBindings

    def bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        if key == QKeySequence.StandardKey.Redo:
            return [QKeySequence("Ctrl+Shift+Z")]
        return list(original(key))

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(bindings))


def test_ctrl_y_redoes_as_well_as_ctrl_shift_z(
    db: Database,
    doc_id: int,
    open_window: Callable[..., tuple[MainWindow, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _gnome_bindings(monkeypatch)
    _window, hand = open_window(db, doc_id)
    hand.drag(*hand.word("Genève"))
    hand.key(Qt.Key.Key_L)

    def stored() -> list[str]:
        return [TEXT[s.start : s.end] for s in queries.spans(db, doc_id, ["amina"])]

    assert stored() == ["Genève"]
    for redo in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)):
        hand.key(Qt.Key.Key_Z, CTRL)
        assert stored() == []
        hand.key(*redo)
        assert stored() == ["Genève"], redo


def test_the_status_bar_shows_a_claim_across_lines_on_one_line(
    db: Database, doc_id: int, open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    window, hand = open_window(db, doc_id)
    start, end = TEXT.index("منظمة"), TEXT.index("المتحدة") + len("المتحدة")
    hand.drag(start, end)
    hand.key(Qt.Key.Key_C)
    (claim,) = queries.spans(db, doc_id, ["amina"])
    assert (claim.label, claim.start, claim.end) == ("CLAIM", start, end)
    saved = window.save_state.text()
    assert "\n" not in saved and saved.endswith("add CLAIM “منظمة التعاون الإسلامي⏎شريك أ…”")
    assert window.statusBar().currentMessage() == "C: CLAIM on «منظمة التعاون الإسلامي⏎شريك أ…»"
    # The save label keeps one line: as tall as a label of one line of text.
    qtbot.waitUntil(lambda: window.save_state.sizeHint().height() <= window.save_state.fontMetrics().height() + 4)


def test_a_long_refusal_is_said_once_cut_to_half_the_status_bar_whole_in_its_tooltip(
    db: Database, doc_id: int, open_window: Callable[..., tuple[MainWindow, Any]]
) -> None:
    window, _hand = open_window(db, doc_id)
    reason = "document 1 is locked: its curation has started (curated); " * 4
    window.workspace.refused.emit(reason)
    label = window.save_state
    assert label.text().endswith("…") and label.toolTip() == reason
    assert label.fontMetrics().horizontalAdvance(label.text()) <= max(200, window.statusBar().width() // 2)
    assert window.statusBar().currentMessage() == ""  # not drawn a second time over the label
