"""Latin characters in Arabic paragraphs (« », colons) are drawn from the Latin font, Arabic letters
from an Arabic one: the text font's families list says which font comes first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from curator.gui.fonts import fallback_families
from curator.gui.main_window import MainWindow
from curator.gui.settings import Preferences
from curator.gui.text_view import TextView
from curator.store.database import Database

pytestmark = pytest.mark.gui

ARABIC_CAPABLE = {"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", "Amiri"}


def _has_arabic(family: str) -> bool:
    return family in ARABIC_CAPABLE


def test_the_latin_font_comes_first_and_the_arabic_one_after_it() -> None:
    both = {"Noto Naskh Arabic", "Noto Sans", "DejaVu Sans"}
    assert fallback_families(both, _has_arabic) == ["Noto Sans", "Noto Naskh Arabic"]
    # DejaVu Sans has Arabic too: as the Latin font it would draw the Arabic, so Liberation Sans goes first.
    assert fallback_families({"DejaVu Sans", "Liberation Sans", "Amiri"}, _has_arabic) == ["Liberation Sans", "Amiri"]
    assert fallback_families({"DejaVu Sans"}, _has_arabic) == ["DejaVu Sans"]  # one font for everything
    # The curator's font first; an Arabic font after it only when it has no Arabic.
    assert fallback_families(both, _has_arabic, chosen="Courier") == ["Courier", "Noto Naskh Arabic"]
    assert fallback_families(both, _has_arabic, chosen="Amiri") == ["Amiri"]


def _fonts_drawing(window_text_view: object, text: str, start: int, end: int) -> set[str]:
    """The families of the glyphs Qt draws for ``text[start:end]`` in the view's layout."""
    view = window_text_view
    document = view.document()  # type: ignore[attr-defined]
    block = document.findBlock(view.to_position(start))  # type: ignore[attr-defined]
    layout = block.layout()
    first = view.to_position(start) - block.position()  # type: ignore[attr-defined]
    length = view.to_position(end) - view.to_position(start)  # type: ignore[attr-defined]
    return {
        run.rawFont().familyName()
        for line in range(layout.lineCount())
        for run in layout.lineAt(line).glyphRuns(first, length)
    }


def test_guillemets_in_an_arabic_paragraph_come_from_the_latin_font(
    sqlite_db: Database, samples: Path, prefs: Preferences, qtbot: QtBot, add_document: Callable
) -> None:
    latin = next((f for f in ("DejaVu Serif", "Liberation Serif", "Noto Serif") if f in QFontDatabase.families()), None)
    assert latin is not None and QFontDatabase.WritingSystem.Arabic not in QFontDatabase.writingSystems(latin)
    doc_id = add_document(sqlite_db, samples / "emoji_ar.txt")  # "إن الشراكة «حاسمة»."
    prefs.set_text_font(QFont(latin, 14))  # the curator's font (View → Font…) has no Arabic
    window = MainWindow(sqlite_db, "amina", prefs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.workspace.doc.id == doc_id)
    view = window.text_view
    families = view.document().defaultFont().families()
    assert families[0] == latin and len(families) == 2  # an Arabic font after it
    QApplication.processEvents()
    text = window.workspace.doc.text
    quote, word = text.index("«"), text.index("حاسمة")
    assert _fonts_drawing(view, quote, quote + 1) == {(latin, True)}
    assert _fonts_drawing(view, word, word + len("حاسمة")) == {(families[1], True)}


def _fonts_drawing(view: TextView, start: int, end: int) -> set[tuple[str, bool]]:
    """The families of the glyphs Qt draws for ``[start, end)`` in the view, each with whether
    every glyph is a real one (glyph 0 is the missing glyph's box)."""
    block = view.document().findBlock(view.to_position(start))
    layout = block.layout()
    first = view.to_position(start) - block.position()
    length = view.to_position(end) - view.to_position(start)
    runs = [run for line in range(layout.lineCount()) for run in layout.lineAt(line).glyphRuns(first, length)]
    return {(run.rawFont().familyName(), 0 not in run.glyphIndexes()) for run in runs}
