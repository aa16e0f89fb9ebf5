"""The gestures a curator uses besides label keys: a click in the palette, a double click in the document
list, the font dialog, undo of document-level choices, and a window that comes back as it was left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFontDialog, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from curator.gui.main_window import MainWindow
from curator.gui.settings import Preferences
from curator.store import queries
from curator.store.database import Database


def test_a_click_on_a_palette_label_tags_the_selection(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("جدة")
    hand.drag(start, end)
    action = window.label_palette.label_actions[("entity", "LOC")]
    button = next(b for b in window.label_palette.findChildren(QToolButton) if b.defaultAction() is action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    stored = [(s.label, s.start, s.end) for s in queries.spans(sqlite_db, doc_id, ["amina"])]
    assert stored == [("LOC", start, end)]
    assert hand.text[start:end] == "جدة"


def test_a_double_click_in_the_document_list_opens_that_document(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    first = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    second = add_document(sqlite_db, samples / "crlf_fr.txt")
    window, _hand = open_window(sqlite_db, first)
    table = window.documents.table
    row = window.document_model.row_of(second)
    assert row is not None
    rect = table.visualRect(table.model().index(row, 0))
    # as a mouse sends it: a click, then the double click on the same row
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.workspace.doc.id == second)
    assert window.workspace.doc.text.startswith(queries.document(sqlite_db, second).text[:20])  # type: ignore[union-attr]


def test_the_font_chosen_in_the_dialog_is_used_and_remembered(
    sqlite_db: Database, samples: Path, prefs: Preferences, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, _hand = open_window(sqlite_db, doc_id)
    chosen = QFont(window.text_view.font())
    chosen.setPointSize(chosen.pointSize() + 5)

    def pick_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFontDialog)
        dialog.setCurrentFont(chosen)
        dialog.accept()

    QTimer.singleShot(0, pick_in_dialog)
    window.choose_font()
    assert window.text_view.font().pointSize() == chosen.pointSize()
    window.close()
    again = MainWindow(sqlite_db, "amina", prefs)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.workspace.doc.id == doc_id)
    assert again.text_view.font().pointSize() == chosen.pointSize()
    assert again.text_view.font().family() == chosen.family()


def test_cooperation_areas_and_status_are_undone_and_redone(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, _hand = open_window(sqlite_db, doc_id)
    model = window.doc_label_model
    keys = [model.data(model.index(r), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    row = keys.index("area/HUMANITARIAN")
    assert model.setData(model.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    window.status_box.setCurrentIndex(window.status_box.findData("done"))
    window.status_box.activated.emit(window.status_box.currentIndex())

    def stored() -> tuple[list[tuple[str, str, str]], str]:
        labels = queries.document_labels(sqlite_db, doc_id, ["amina"])
        return labels, queries.statuses(sqlite_db, "amina").get(doc_id, "new")

    assert stored() == ([("amina", "area", "HUMANITARIAN")], "done")
    window.undo_action.trigger()  # the status
    assert stored() == ([("amina", "area", "HUMANITARIAN")], "new")
    assert window.status_box.currentData() == "new"
    window.undo_action.trigger()  # the area
    assert stored() == ([], "new")
    assert model.data(model.index(row), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert stored() == ([("amina", "area", "HUMANITARIAN")], "done")
    assert model.data(model.index(row), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_the_window_comes_back_with_its_size_and_docks(
    sqlite_db: Database, samples: Path, prefs: Preferences, qtbot: QtBot, add_document: Callable
) -> None:
    add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window = MainWindow(sqlite_db, "amina", prefs)
    qtbot.addWidget(window)
    window.show()
    # within the screen (the offscreen one is small): Qt fits a restored window into the screen
    screen = window.screen().availableGeometry()
    window.resize(window.minimumSizeHint().width(), screen.height() - 61)
    window.move(QPoint(screen.x() + 20, screen.y() + 10))
    window.docks["annotations"].hide()
    QApplication.processEvents()
    size = (window.width(), window.height())
    window.close()
    again = MainWindow(sqlite_db, "amina", prefs)
    qtbot.addWidget(again)
    again.show()
    QApplication.processEvents()
    assert (again.width(), again.height()) == size
    assert not again.docks["annotations"].isVisible()
    assert again.docks["labels"].isVisible()


def test_the_side_panel_shows_each_selected_span_s_own_values(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    """Two claims one after the other: the panel's rows are reused, so each must show its own values."""
    from PySide6.QtWidgets import QComboBox

    from curator.store.editing import Editor

    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    text = queries.document(sqlite_db, doc_id).text  # type: ignore[union-attr]
    editor = Editor(sqlite_db, "amina")
    first_word, second_word = "خالد", "جدة"
    a = text.index(first_word)
    b = text.index(second_word)
    editor.add_span(doc_id, "claim", "CLAIM", a, a + len(first_word), {"stance": "support"}, note="first")
    editor.add_span(doc_id, "claim", "CLAIM", b, b + len(second_word), {}, note="")
    window, hand = open_window(sqlite_db, doc_id)
    panel = window.span_panel

    def shown() -> tuple[object, str]:
        stance = panel.attribute_widgets["stance"]
        assert isinstance(stance, QComboBox)
        return stance.currentData(), panel.note.text()

    hand.click(a + 1)
    assert shown() == ("support", "first")
    hand.click(b + 1)
    assert shown() == (None, "")
    hand.click(a + 1)
    assert shown() == ("support", "first")


def test_the_labels_dock_shows_every_layer_at_1600_by_1000_and_folds_a_layer(
    sqlite_db: Database, qtbot: QtBot, prefs: Preferences
) -> None:
    window = MainWindow(sqlite_db, "amina", prefs)  # a first start: no saved layout
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    palette = window.label_palette
    viewport = palette.viewport()

    def in_view(widget: QWidget) -> bool:
        top_left = widget.mapTo(viewport, QPoint(0, 0))
        return widget.isVisible() and viewport.rect().contains(QRect(top_left, widget.size()))

    buttons = {
        button.defaultAction(): button
        for button in palette.widget().findChildren(QToolButton)
        if button.defaultAction()
    }
    assert {action for action in buttons} == set(palette.label_actions.values())
    layers = {layer for layer, _label in palette.label_actions}
    assert layers == {"entity", "claim", "area"}
    hidden = [key for key, action in palette.label_actions.items() if not in_view(buttons[action])]
    assert hidden == [], "labels out of view without scrolling"
    # A layer's header folds its labels away and brings them back.
    header, _group = palette.sections["area"]
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    assert not in_view(buttons[palette.label_actions[("area", "HEALTH")]])
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    assert in_view(buttons[palette.label_actions[("area", "HEALTH")]])
