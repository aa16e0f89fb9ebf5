"""The annotation window under test: settings kept in a temporary INI file, and a ``Hand`` that drives
the widgets as a curator does (mouse drags computed from the text layout, key presses)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from curator.gui.live_updates import POLL_MS
from curator.gui.main_window import MainWindow
from curator.gui.settings import Preferences
from curator.gui.text_view import TextView
from curator.io.importer import import_paths
from curator.store import browse
from curator.store.database import Database


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path) -> Iterator[None]:
    """No test reads or writes the real user's Qt settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt-settings"))
    yield


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "curator.ini"), QSettings.Format.IniFormat))


class Hand:
    """Mouse and keyboard on a window, with pixel positions taken from the text layout."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    @property
    def view(self) -> TextView:
        return self.window.text_view

    @property
    def text(self) -> str:
        return self.window.workspace.doc.text

    def caret(self, offset: int) -> tuple[float, float]:
        """Where Qt draws the caret for code-point ``offset``: x and the middle of the line, in
        viewport pixels (Qt's own hit test maps a click next to it back to this position)."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.to_position(offset))
        rect = self.view.cursorRect(cursor)
        return rect.x(), rect.center().y()

    def rtl(self, offset: int) -> bool:
        block = self.view.document().findBlock(self.view.to_position(offset))
        return self.view.char_is_rtl(offset, block)

    def edges(self, offset: int) -> tuple[float, float, float]:
        """x of the leading and trailing edges of the character at ``offset`` and the y of its line."""
        lead, y = self.caret(offset)
        trail, _ = self.caret(offset + 1)
        return lead, trail, y

    def aim(self, offset: int) -> QPoint | None:
        """A point that Qt's hit test maps to the cursor position before ``offset``: the middle of the
        pixels around the caret that Qt maps there. (On a wrapped right-to-left line Qt's hit test and
        its caret disagree by a few pixels, so the caret alone is not a safe aim.)"""
        x0, y = self.caret(offset)
        target = self.view.to_position(offset)
        xs = [
            x
            for x in range(int(x0) - 30, int(x0) + 31)
            if self.view.cursorForPosition(QPoint(x, round(y))).position() == target
        ]
        if not xs:
            return None
        groups: list[list[int]] = [[xs[0]]]
        for x in xs[1:]:
            if x == groups[-1][-1] + 1:
                groups[-1].append(x)
            else:
                groups.append([x])
        best = min(groups, key=lambda g: abs((g[0] + g[-1]) / 2 - x0))
        return QPoint((best[0] + best[-1]) // 2, round(y))

    def reachable(self, offset: int) -> int:
        """The nearest offset the mouse can put the cursor at (Qt cannot stop inside a ligature, and
        which letters form one depends on the font)."""
        for distance in range(8):
            for candidate in (offset - distance, offset + distance):
                if self.aim(candidate) is not None:
                    return candidate
        raise AssertionError(f"no cursor position near offset {offset}")

    def point(self, offset: int, *, at: str = "start") -> QPoint:
        """Where to press to start a selection at ``offset`` (``at="start"``), or a point over the
        character at ``offset`` (``at="inside"``, for clicks and hovering)."""
        start = self.aim(offset)
        if at == "start":
            assert start is not None, f"Qt has no cursor position at offset {offset}"
            return start
        end = self.aim(offset + 1)
        if start is None or end is None:
            lead, trail, y = self.edges(offset)
            return QPoint(round((lead + trail) / 2), round(y))
        return QPoint((start.x() + end.x()) // 2, start.y())

    def segments(self, start: int, end: int) -> list[QRectF]:
        return self.view.segments(self.view.to_position(start), self.view.to_position(end))

    def reveal(self, start: int, end: int) -> None:
        self.view.reveal_offsets(start, end)
        QApplication.processEvents()

    def drag(self, start: int, end: int, *, alt: bool = False) -> None:
        """Press the mouse on the first character, drag to the last one, release (as a curator selects
        a word: from its first letter to its last, whatever the direction of the paragraph)."""
        self.reveal(start, end)
        viewport = self.view.viewport()
        modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
        begin, finish = self.point(start), self.point(end)
        self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, begin)
        self.qtbot.mouseMove(viewport, self.point((start + end) // 2, at="inside"))
        self.qtbot.mouseMove(viewport, finish)
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, finish)

    def click(self, offset: int) -> None:
        self.reveal(offset, offset + 1)
        self.qtbot.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, pos=self.point(offset, at="inside"))
        QApplication.processEvents()

    def choose(self, box: QComboBox, data: object) -> None:
        """Open ``box``'s list with a click, move to the item holding ``data`` with the arrow keys and
        press Enter, as a curator picks a status or an attribute value (one ``activated``: the items
        passed on the way are not chosen)."""
        index = box.findData(data)
        assert index >= 0, f"{data!r} is not offered"
        self.qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        view = box.view()
        self.qtbot.waitUntil(view.isVisible)
        while view.currentIndex().row() != index:
            self.qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < index else Qt.Key.Key_Up)
        self.qtbot.keyClick(view, Qt.Key.Key_Return)
        QApplication.processEvents()
        assert box.currentIndex() == index and not view.isVisible()
        # The window is active again once its list closes (the offscreen platform does not give the
        # activation back by itself, and the window's shortcuts need it).
        box.window().activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is box.window())

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.view, key, modifier)

    def word(self, word: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(word, start + 1)
        return start, start + len(word)


@pytest.fixture
def open_window(qtbot: QtBot, prefs: Preferences) -> Callable[..., tuple[MainWindow, Hand]]:
    """``open_window(db, document=None, annotator="amina", poll_ms=POLL_MS)``: a shown window on ``db``,
    with ``document`` open when given; ``poll_ms`` is how often it looks for colleagues' changes (tests
    of following them pass a short one rather than wait for the real poll)."""

    def make(
        db: Database, document: int | None = None, annotator: str = "amina", poll_ms: int = POLL_MS
    ) -> tuple[MainWindow, Hand]:
        window = MainWindow(db, annotator, prefs, poll_ms)
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        if document is not None:
            assert window.open_document(document)
        window.text_view.setFocus()
        QApplication.processEvents()
        return window, Hand(qtbot, window)

    return make


@pytest.fixture
def add_document() -> Callable[[Database, Path], int]:
    """``add_document(db, path)``: import one file, return its document id."""

    def add(db: Database, path: Path) -> int:
        import_paths(db, [path])
        return max(row.id for row in browse.document_page(db, "nobody", limit=1000))

    return add
