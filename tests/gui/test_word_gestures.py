"""A double-click on a word labels the entity without the clitics before it, as a drag started after
them does; a drag started after بال keeps the preposition out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator.store import queries
from curator.store.database import Database

if TYPE_CHECKING:
    from conftest import Hand

pytestmark = pytest.mark.gui


def _double_click(hand: Hand, offset: int) -> None:
    """Double-click over the character at ``offset``: press and release, then the second press (which
    Qt delivers as a double-click) and its release."""
    hand.reveal(offset, offset + 1)
    point = hand.point(offset, at="inside")
    viewport = hand.view.viewport()
    hand.qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    hand.qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    hand.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point)
    QApplication.processEvents()


def _stored(db: Database, doc_id: int) -> list[str]:
    text = queries.document(db, doc_id).text  # type: ignore[union-attr]
    return [f"{s.label} {text[s.start : s.end]}" for s in queries.spans(db, doc_id, ["amina"])]


def test_double_click_on_والسودان_labels_السودان(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "emoji_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("والسودان")
    _double_click(hand, start + 4)
    assert window.text_view.selection_offsets() == (start + 1, end)
    hand.key(Qt.Key.Key_L)
    assert _stored(sqlite_db, doc_id) == ["LOC السودان"]


def test_double_click_on_l_oci_labels_oci(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    start, _end = hand.word("l’OCI")
    _double_click(hand, start + 3)
    hand.key(Qt.Key.Key_O)
    assert _stored(sqlite_db, doc_id) == ["ORG OCI"]


def test_double_click_keeps_a_word_that_only_starts_with_a_proclitic_letter(
    sqlite_db: Database, tmp_path: Path, open_window: Callable, add_document: Callable
) -> None:
    (tmp_path / "baghdad.txt").write_text("وصل الوفد إلى بغداد وللأمم المتحدة مكتب هناك.\n", "utf-8")
    doc_id = add_document(sqlite_db, tmp_path / "baghdad.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    _double_click(hand, hand.word("بغداد")[0] + 2)
    hand.key(Qt.Key.Key_L)
    # li + article (لل): the preposition stays out, the article's lam stays with the word.
    _double_click(hand, hand.word("وللأمم")[0] + 4)
    hand.key(Qt.Key.Key_O)
    assert _stored(sqlite_db, doc_id) == ["LOC بغداد", "ORG لأمم"]


def test_a_drag_started_after_بال_keeps_the_preposition_out(
    sqlite_db: Database, tmp_path: Path, open_window: Callable, add_document: Callable
) -> None:
    (tmp_path / "umam.txt").write_text("رحب الوزير بالأمم المتحدة وبعملها.\n", "utf-8")
    doc_id = add_document(sqlite_db, tmp_path / "umam.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("بالأمم المتحدة")
    hand.drag(hand.reachable(start + 3), end)
    hand.key(Qt.Key.Key_O)
    assert _stored(sqlite_db, doc_id) == ["ORG الأمم المتحدة"]
