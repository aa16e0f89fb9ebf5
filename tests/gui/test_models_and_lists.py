"""The item models are thin, correct Qt models (qtmodeltester), the document list is lazy and
filtered, the annotation list sorts and jumps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from curator.gui.annotation_list import LABEL, POSITION, AnnotationModel
from curator.gui.doc_labels import DocumentLabelModel
from curator.gui.document_list import COUNT, LANGUAGE, DocumentListModel
from curator.gui.find import HitModel
from curator.gui.label_catalog import LabelCatalog
from curator.gui.open_document import OpenDocument
from curator.io.importer import import_paths
from curator.store.browse import DocumentFilter
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.search import search_corpus

pytestmark = pytest.mark.gui


@pytest.fixture
def corpus(qapp: QApplication, sqlite_db: Database, seeds: Path, samples: Path) -> Database:
    import_paths(sqlite_db, [seeds, samples / "mixed_bidi_ar.txt", samples / "emoji_ar.txt"])
    return sqlite_db


def test_document_list_model_pages_lazily_and_passes_the_model_tester(
    corpus: Database, qtmodeltester: ModelTester
) -> None:
    model = DocumentListModel(corpus, "amina", page=3)
    # The tester stays connected: it checks every later insertion, reset and change too.
    qtmodeltester.check(model)
    model.reload()
    assert model.rowCount() == 3 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 7 and not model.canFetchMore(QModelIndex())
    titles = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert all(titles)
    # Counts and statuses are this annotator's, refreshed in place after an edit.
    first = model.document_at(0)
    assert first is not None
    Editor(corpus, "amina").add_span(first.id, "entity", "ORG", 0, 3)
    Editor(corpus, "amina").set_status(first.id, "in_progress")
    model.refresh(first.id)
    assert model.data(model.index(0, 3)) == 1 and model.data(model.index(0, 2)) == "In progress"
    model.set_filter(DocumentFilter(status="in_progress"))
    assert model.rowCount() == 1
    model.set_filter(DocumentFilter(language="ar", text="emoji"))
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["ar"]


def test_annotation_model_follows_edits_sorts_and_passes_the_model_tester(
    corpus: Database, qtmodeltester: ModelTester
) -> None:
    doc = OpenDocument(corpus, "amina")
    doc_id = corpus_id(corpus, "emoji")
    assert doc.open(doc_id)
    model = AnnotationModel(doc, LabelCatalog(corpus.schema))
    qtmodeltester.check(model)
    editor = Editor(corpus, "amina")
    text = doc.text
    for word, label in (("غزة", "LOC"), ("الأمم المتحدة", "ORG"), ("خياري", "PER")):
        start = text.index(word)
        doc.apply_span_added(editor.add_span(doc_id, "entity", label, start, start + len(word)))
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["الأمم المتحدة", "غزة", "خياري"]
    model.sort(LABEL, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, 2)) for r in range(3)] == ["Organisation", "Person", "Place"]
    model.sort(POSITION, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["خياري", "غزة", "الأمم المتحدة"]
    span = model.span_at(0)
    assert span is not None
    doc.apply_span_removed(span.id)
    assert model.rowCount() == 2
    # Arabic text sits at the right of its cell.
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)


def test_document_label_model_asks_and_follows(corpus: Database, qtmodeltester: ModelTester) -> None:
    doc = OpenDocument(corpus, "amina")
    asked: list[tuple[str, str, bool]] = []
    model = DocumentLabelModel(doc, LabelCatalog(corpus.schema, "fr"), lambda *a: asked.append(a))
    qtmodeltester.check(model)
    assert model.rowCount() == 13
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable  # no document open
    doc.open(corpus_id(corpus, "emoji"))
    assert model.setData(model.index(2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked == [("area", "HUMANITARIAN", True)]
    assert model.data(model.index(2), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked  # not yet saved
    doc.apply_doc_label("area", "HUMANITARIAN", True)
    assert model.data(model.index(2), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(2)) == "Aide humanitaire"


def test_hit_model_passes_the_model_tester(corpus: Database, qtmodeltester: ModelTester) -> None:
    model = HitModel()
    model.set_hits(search_corpus(corpus, "الامم المتحده"))
    assert model.rowCount() > 1
    qtmodeltester.check(model)


def test_document_list_panel_opens_with_enter_and_steps_with_shortcuts(
    corpus: Database, open_window: Callable, qtbot: QtBot
) -> None:
    window, _hand = open_window(corpus)
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
    window.workspace.set_status("done")
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
    for word, label in (("غزة", "LOC"), ("خياري", "PER")):
        start = hand.text.index(word)
        window.workspace.add_span("entity", label, start, start + len(word))
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
