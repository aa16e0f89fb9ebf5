"""The document list is lazy and filtered, the annotation list sorts and jumps (the item models
themselves are checked without widgets in tests/adapters/test_item_models.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from curator.gui.document_list import COUNT, LANGUAGE
from curator.io.importer import import_paths
from curator.store.browse import DocumentFilter
from curator.store.database import Database
from curator.store.editing import Editor

pytestmark = pytest.mark.gui


@pytest.fixture
def corpus(qapp: QApplication, sqlite_db: Database, seeds: Path, samples: Path) -> Database:
    import_paths(sqlite_db, [seeds, samples / "mixed_bidi_ar.txt", samples / "emoji_ar.txt"])
    return sqlite_db


def test_document_list_panel_opens_with_enter_and_steps_with_shortcuts(
    corpus: Database, open_window: Callable, qtbot: QtBot
) -> None:
    window, hand = open_window(corpus)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    first = window.workspace.doc.id
    table = window.documents.table
    table.setFocus()
    table.selectRow(2)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    third = window.document_model.document_at(2)
    assert third is not None and window.workspace.doc.id == third.id
    qtbot.keyClick(window.text_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    fourth = window.document_model.document_at(3)
    assert fourth is not None and window.workspace.doc.id == fourth.id
    window.previous_document_action.trigger()
    window.previous_document_action.trigger()
    window.previous_document_action.trigger()
    assert window.workspace.doc.id == first
    assert table.currentIndex().row() == 0
    # Filters: status and language.
    hand.choose(window.status_box, "done")
    window.documents.status_filter.setCurrentIndex(window.documents.status_filter.findData("done"))
    assert window.document_model.rowCount() == 1
    assert window.documents.count.text() == "1 document"  # not "1 documents"
    window.documents.status_filter.setCurrentIndex(0)
    window.documents.language_filter.setCurrentIndex(window.documents.language_filter.findData("fr"))
    model = window.document_model
    assert {model.data(model.index(r, 1)) for r in range(model.rowCount())} == {"fr"}


def test_clicking_a_header_sorts_the_document_list_and_next_document_follows_it(
    corpus: Database, open_window: Callable, qtbot: QtBot
) -> None:
    editor = Editor(corpus, "amina")
    counts = {corpus_id(corpus, "emoji"): 3, corpus_id(corpus, "mixed"): 1}
    for document_id, spans in counts.items():
        for start in range(spans):
            editor.add_span(document_id, "entity", "ORG", start, start + 1)
    window, _hand = open_window(corpus)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    model, header = window.document_model, window.documents.table.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    def column(number: int) -> list[object]:
        return [model.data(model.index(row, number)) for row in range(model.rowCount())]

    click_header(COUNT)
    assert column(COUNT) == sorted(column(COUNT)) and column(COUNT)[-2:] == [1, 3]
    click_header(COUNT)  # again: the other way round
    assert column(COUNT)[:2] == [3, 1] and column(COUNT) == sorted(column(COUNT), reverse=True)
    assert header.sortIndicatorSection() == COUNT
    # Next document is the next row of the sorted list.
    first, second = model.document_at(0), model.document_at(1)
    assert first is not None and second is not None
    window.open_document(first.id)
    qtbot.keyClick(window.text_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.doc.id == second.id
    click_header(LANGUAGE)
    assert column(LANGUAGE) == sorted(column(LANGUAGE))
    assert model.rowCount() == 7


def test_clicking_an_annotation_in_the_list_selects_and_shows_it(
    corpus: Database, open_window: Callable, qtbot: QtBot
) -> None:
    doc_id = corpus_id(corpus, "emoji")
    editor = Editor(corpus, "amina")
    window, hand = open_window(corpus, doc_id)
    for word, key in (("غزة", Qt.Key.Key_L), ("خياري", Qt.Key.Key_P)):
        hand.drag(*hand.word(word))
        hand.key(key)
    del editor
    table = window.annotations.table
    rect = table.visualRect(window.annotation_model.index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = window.workspace.doc.current_span
    assert current is not None and hand.text[current.start : current.end] == "خياري"
    assert window.span_panel.words.text() == "خياري"
    QApplication.processEvents()


def test_after_an_undo_no_row_stays_selected_when_no_annotation_is(
    corpus: Database, open_window: Callable, qtbot: QtBot
) -> None:
    window, hand = open_window(corpus, corpus_id(corpus, "emoji"))
    table = window.annotations.table

    def selected_rows() -> list[int]:
        QApplication.processEvents()
        return [index.row() for index in table.selectionModel().selectedRows()]

    for word, key in (("غزة", Qt.Key.Key_L), ("خياري", Qt.Key.Key_P), ("السودان", Qt.Key.Key_L)):
        hand.drag(*hand.word(word))
        hand.key(key)
    hand.click(hand.word("تقرير")[0])  # on no annotation: nothing is selected
    assert window.workspace.doc.current_span is None and selected_rows() == []
    qtbot.keyClick(window.text_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # السودان goes
    assert window.annotation_model.rowCount() == 2
    assert window.workspace.doc.current_span is None and window.span_panel.empty.isVisible()
    assert selected_rows() == []  # Qt had selected the row that took its place
    # Deleting the selected annotation, and redoing that delete, leave no row selected either.
    rect = table.visualRect(window.annotation_model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected_rows() == [0]
    hand.key(Qt.Key.Key_Delete)
    assert window.workspace.doc.current_span is None and selected_rows() == []
    qtbot.keyClick(window.text_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    current = window.workspace.doc.current_span
    assert current is not None and selected_rows() == [window.annotation_model.row_of(current.id)]
    qtbot.keyClick(
        window.text_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.workspace.doc.current_span is None and selected_rows() == []


def corpus_id(db: Database, name: str) -> int:
    """The id of the imported document whose title or source mentions ``name``."""
    from curator.store import browse

    rows = browse.document_page(db, "nobody", DocumentFilter(text=name))
    assert rows, name
    return rows[0].id
