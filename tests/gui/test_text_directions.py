"""Arabic starts at the right edge and French at the left, outside the text view too: in the side
panel and in every list cell, each laid out in its own direction, as the pixels show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyleOptionViewItem, QToolTip
from pytestqt.qtbot import QtBot

from curator.gui.annotation_list import TEXT, AnnotationList, AnnotationModel
from curator.gui.direction import OwnDirectionDelegate
from curator.gui.document_list import TITLE, DocumentListModel, DocumentListPanel
from curator.gui.find import CorpusSearchPanel
from curator.gui.label_catalog import LabelCatalog
from curator.gui.open_document import OpenDocument
from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.search import CorpusSearch

pytestmark = pytest.mark.gui

NAME = "منظمة التعاون الإسلامي"
NAME_AND_ACRONYM = "منظمة التعاون الإسلامي (OCI)"


def _ink_columns(image: QImage) -> list[tuple[bool, ...]]:
    """For each pixel column, which of its pixels are dark (text), top to bottom."""
    return [
        tuple(image.pixelColor(x, y).lightness() < 128 for y in range(image.height())) for x in range(image.width())
    ]


def _inked(columns: list[tuple[bool, ...]]) -> list[int]:
    return [x for x, column in enumerate(columns) if any(column)]


def _near(columns: list[int], others: list[int], slack: int = 2) -> bool:
    """Every inked column of each list has one of the other within ``slack`` pixels."""
    return all(any(abs(x - y) <= slack for y in others) for x in columns) and all(
        any(abs(x - y) <= slack for y in columns) for x in others
    )


def _cell(view: QAbstractItemView, index: QModelIndex) -> list[tuple[bool, ...]]:
    view.scrollTo(index)
    QApplication.processEvents()
    return _ink_columns(view.viewport().grab(view.visualRect(index)).toImage())


def _assert_acronym_drawn_left_of_the_arabic_words(with_acronym: list[tuple[bool, ...]], words: list[tuple[bool, ...]]):
    """``with_acronym`` is a cell showing NAME_AND_ACRONYM, ``words`` one of the same width showing NAME.
    Read right to left, the first is the second with "(OCI)" added on its left: the same pixels where
    the Arabic words are, at the right edge, and more ink to their left. Laid out left to right (the
    defect), "(OCI)" sits at the right end instead, where the words' pixels would be."""
    assert len(with_acronym) == len(words)
    drawn = _inked(words)
    assert drawn and drawn[-1] > len(words) * 0.8, "the Arabic words start at the right edge"
    # Compared by columns, not by pixels: a font that draws a row lower or antialiases a column wider
    # must not fail the test; a left-to-right layout moves the words by the width of "(OCI)".
    assert _near(_inked(with_acronym[drawn[0] :]), _inked(words[drawn[0] :])), "the Arabic words stay in place"
    assert _inked(with_acronym)[0] < drawn[0] - 10, "(OCI) is drawn left of the Arabic words"


def test_the_side_panel_shows_arabic_from_the_right_edge_and_french_from_the_left(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    words = window.span_panel.words
    hand.drag(*hand.word("خياري"))
    hand.key(Qt.Key.Key_P)
    assert words.text() == "خياري"
    QApplication.processEvents()
    drawn = _inked(_ink_columns(words.grab().toImage()))
    assert drawn and drawn[0] > words.width() / 2 and drawn[-1] > words.width() - 12
    hand.drag(*hand.word("Khiari"))
    hand.key(Qt.Key.Key_P)
    assert words.text() == "Khiari"
    QApplication.processEvents()
    drawn = _inked(_ink_columns(words.grab().toImage()))
    assert drawn and drawn[0] < 12 and drawn[-1] < words.width() / 2


def test_the_annotation_list_lays_an_arabic_name_out_right_to_left(
    qtbot: QtBot, sqlite_db: Database, samples: Path, add_document: Callable
) -> None:
    """In the text, "(OCI)" follows the name on its left; the list must show it the same way."""
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    doc = OpenDocument(sqlite_db, "amina")
    assert doc.open(doc_id)
    start = doc.text.index(NAME_AND_ACRONYM)
    editor = Editor(sqlite_db, "amina")
    doc.apply_span_added(editor.add_span(doc_id, "entity", "ORG", start, start + len(NAME)))
    doc.apply_span_added(editor.add_span(doc_id, "entity", "MISC", start, start + len(NAME_AND_ACRONYM)))
    model = AnnotationModel(doc, LabelCatalog(sqlite_db.schema))
    annotations = AnnotationList(model)
    qtbot.addWidget(annotations)
    annotations.resize(900, 300)
    annotations.show()
    qtbot.waitExposed(annotations)
    table = annotations.table
    rows = {model.data(model.index(row, TEXT)): row for row in range(model.rowCount())}
    assert rows.keys() == {NAME, NAME_AND_ACRONYM}  # the cells show the stored text, nothing added
    _assert_acronym_drawn_left_of_the_arabic_words(
        _cell(table, model.index(rows[NAME_AND_ACRONYM], TEXT)), _cell(table, model.index(rows[NAME], TEXT))
    )


def test_document_titles_are_laid_out_in_their_own_direction(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    for name, title in (("with_acronym", NAME_AND_ACRONYM), ("name", NAME), ("tricky", "\u202eتقرير.txt")):
        (tmp_path / f"{name}.txt").write_text(f"{title}\nوقال الأمين العام إن الشراكة حاسمة ({name}).\n", "utf-8")
    import_paths(sqlite_db, sorted(tmp_path.glob("*.txt")))
    model = DocumentListModel(sqlite_db, "amina")
    model.reload()
    panel = DocumentListPanel(model, ["ar"])
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    rows = {model.data(model.index(row, TITLE)): row for row in range(model.rowCount())}
    # A title's bidi controls are still shown, not obeyed.
    assert rows.keys() == {NAME_AND_ACRONYM, NAME, "⟦RLO⟧تقرير.txt"}
    _assert_acronym_drawn_left_of_the_arabic_words(
        _cell(panel.table, model.index(rows[NAME_AND_ACRONYM], TITLE)),
        _cell(panel.table, model.index(rows[NAME], TITLE)),
    )


def test_a_long_arabic_title_is_elided_on_one_line_and_whole_in_its_tooltip(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    title = " ".join([NAME, "تبحث مع الأمم المتحدة سبل تعزيز التعاون في مجالات السلم والأمن والتنمية"] * 3)
    (tmp_path / "long.txt").write_text(f"{title}\nوقال الأمين العام إن الشراكة حاسمة.\n", "utf-8")
    import_paths(sqlite_db, [tmp_path / "long.txt"])
    model = DocumentListModel(sqlite_db, "amina")
    model.reload()
    panel = DocumentListPanel(model, ["ar"])
    qtbot.addWidget(panel)
    panel.resize(520, 300)
    panel.show()
    qtbot.waitExposed(panel)
    table, index = panel.table, model.index(0, TITLE)
    assert not table.wordWrap()
    cell = QStyleOptionViewItem()
    cell.initFrom(table)
    cell.rect = table.visualRect(index)
    delegate = table.itemDelegateForIndex(index)
    assert isinstance(delegate, OwnDirectionDelegate)
    delegate.initStyleOption(cell, index)
    shown = delegate.elided_text(cell)
    # One line that fits the cell: the title's beginning (at the right edge), then one ellipsis.
    assert shown.endswith("…") and shown.count("…") == 1 and "\n" not in shown
    # (Qt keeps the last letter's joining form before the ellipsis with a zero width joiner.)
    assert title.startswith(shown[:-1].rstrip("\u200d ")) and len(shown) < len(title) // 2
    assert cell.fontMetrics.horizontalAdvance(shown) <= cell.rect.width()
    # Hovering over the cell shows the whole title.
    point = table.visualRect(index).center()
    QApplication.sendEvent(
        table.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, table.viewport().mapToGlobal(point))
    )
    assert QToolTip.text().startswith(title)
    QToolTip.hideText()  # before the panel goes: the tip is its child
    # Qt deletes the tip label 300 ms after hideText(); the panel must outlive it (deleted first, the
    # label's pending timer crashed a later test's event processing).
    qtbot.waitUntil(lambda: not any(w.inherits("QTipLabel") for w in QApplication.allWidgets()), timeout=3000)
    # Deleted here, before the database fixture is closed (left to the teardown, a panel that showed
    # a title this long crashes in Qt's deferred delete, with or without this delegate).
    panel.close()
    panel.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _drawn_as(view: QAbstractItemView, index: QModelIndex) -> tuple[Qt.LayoutDirection, bool]:
    """The direction the view's delegate lays ``index`` out in, and whether the text is at the right."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    side = QStyle.visualAlignment(option.direction, option.displayAlignment)
    return option.direction, bool(side & Qt.AlignmentFlag.AlignRight)


def test_corpus_search_hits_read_in_the_direction_of_their_line(
    qtbot: QtBot, sqlite_db: Database, samples: Path
) -> None:
    import_paths(sqlite_db, [samples / "mixed_bidi_ar.txt", samples / "mixed_paragraphs.txt"])
    panel = CorpusSearchPanel(CorpusSearch(sqlite_db))
    qtbot.addWidget(panel)
    panel.query.setText("OCI")
    panel.search()
    model = panel.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)  # after indexing in the background
    contexts = {model.data(model.index(row, 1)): model.index(row, 1) for row in range(model.rowCount())}
    # "OCI" inside an Arabic sentence reads with it, right to left; inside a French one, left to right.
    arabic = next(index for text, index in contexts.items() if "الإسلامي (【OCI】)" in text)
    french = next(index for text, index in contexts.items() if "l’【OCI】 reste" in text)
    assert _drawn_as(panel.table, arabic) == (Qt.LayoutDirection.RightToLeft, True)
    assert _drawn_as(panel.table, french) == (Qt.LayoutDirection.LeftToRight, False)
    title = model.index(arabic.row(), 0)
    assert _drawn_as(panel.table, title) == (Qt.LayoutDirection.RightToLeft, True)
