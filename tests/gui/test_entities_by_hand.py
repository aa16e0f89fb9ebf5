"""A curator links خالد خياري in the Arabic seed 000 and Khaled Khiari in the French seed 003 to one
entity with the chooser (K), undoes and redoes it, sees both mentions in the mentions panel, and opens
the two reports side by side, where a click on a mention outlines the same entity's in the other
(issue 19)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from curator.gui.entity_chooser import EntityChooser
from curator.gui.main_window import MainWindow
from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.entities import Registry
from curator.store.mentions import mentions
from curator.store.models import Document

if TYPE_CHECKING:
    from conftest import Hand

pytestmark = pytest.mark.gui

ARABIC = "000_f694274a42498c38"
FRENCH = "003_b923d6f7b2ab459c"
Opener = Callable[..., "tuple[MainWindow, Hand]"]


@pytest.fixture
def seeds_000_003(sqlite_db: Database, seeds: Path) -> dict[str, int]:
    import_paths(sqlite_db, [seeds / f"{ARABIC}.txt", seeds / f"{FRENCH}.txt"])
    with sqlite_db.read() as session:
        return {ext: id_ for id_, ext in session.execute(select(Document.id, Document.ext_id))}


def in_chooser(act: Callable[[EntityChooser], None]) -> list[list[str]]:
    """Run ``act`` on the chooser once it is open (it is modal); the candidates it listed."""
    seen: list[list[str]] = []

    def when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EntityChooser):
            QTimer.singleShot(20, when_open)
            return
        if QApplication.focusWidget() is None or QApplication.focusWidget().window() is not dialog:
            # Keys go where the focus is, as a curator's do: wait until the chooser has it.
            dialog.activateWindow()
            QTimer.singleShot(20, when_open)
            return
        seen.append(dialog.keys())
        act(dialog)
        if dialog.isVisible():  # the gesture did not close it: fail, not hang
            dialog.reject()

    QTimer.singleShot(0, when_open)
    return seen


def label_and_link(window: MainWindow, hand: Hand, name: str, act: Callable[[EntityChooser], None]) -> list[list[str]]:
    window.activateWindow()
    window.text_view.setFocus()
    hand.drag(*hand.word(name))
    hand.key(Qt.Key.Key_P)
    span = window.workspace.doc.current_span
    assert span is not None and span.layer == "entity"
    seen = in_chooser(act)
    hand.key(Qt.Key.Key_K)
    return seen


def test_linking_both_reports_to_one_entity_undo_redo_mentions_and_side_by_side(
    sqlite_db: Database, seeds_000_003: dict[str, int], open_window: Opener
) -> None:
    window, hand = open_window(sqlite_db, seeds_000_003[ARABIC])
    # No entity yet: the chooser offers the new one made from the span.
    seen = label_and_link(
        window, hand, "خالد خياري", lambda d: QTest.mouseClick(d.new_button, Qt.MouseButton.LeftButton)
    )
    assert seen == [[]]
    span = window.workspace.doc.current_span
    assert span is not None
    key = window.entity_links.links[span.id]
    entity = Registry(sqlite_db, "amina").get(key)
    assert entity is not None and entity.type == "PER" and entity.names == {"ar": "خالد خياري"}
    assert window.span_panel.entity_key == key and "خالد خياري" in window.span_panel.entity_name.text()
    assert window.span_panel.unlink_button.isEnabled()
    # One undo takes back the entity and its link; redo brings both again.
    window.undo_action.trigger()
    assert Registry(sqlite_db, "amina").get(key) is None and span.id not in window.entity_links.links
    window.redo_action.trigger()
    assert window.entity_links.links.get(span.id) == key
    # Give it its French name (the registry's own edit), then link Khaled Khiari with Enter.
    Registry(sqlite_db, "amina").update(key, names={"ar": "خالد خياري", "fr": "Khaled Khiari"})
    window.open_document(seeds_000_003[FRENCH])
    seen = label_and_link(window, hand, "Khaled Khiari", lambda d: QTest.keyClick(d.list, Qt.Key.Key_Return))
    assert seen and seen[0][0] == key
    french = window.workspace.doc.current_span
    assert french is not None and window.entity_links.links[french.id] == key
    assert "undo" not in window.undo_action.text().lower() or "link" in window.undo_action.text()
    window.undo_action.trigger()
    assert french.id not in window.entity_links.links
    window.redo_action.trigger()
    assert window.entity_links.links[french.id] == key
    # The mentions panel lists both documents and both languages.
    rows = window.mentions_panel.rows()
    assert [(text, doc, lang) for text, doc, lang in rows] == [
        ("خالد خياري", ARABIC, "ar"),
        ("Khaled Khiari", FRENCH, "fr"),
    ]
    assert {m.language for m in mentions(sqlite_db, key)} == {"ar", "fr"}
    # Side by side: a click on the French mention outlines the Arabic one.
    view = window.open_side_by_side(seeds_000_003[ARABIC], seeds_000_003[FRENCH])
    hand.qtbot.waitExposed(view)
    arabic_text = view.left.text
    start = arabic_text.index("خالد خياري")
    french_start = view.right.text.index("Khaled Khiari")
    view.right.view.span_clicked.emit(next(s for s in view.right.view._spans if s.start == french_start))
    assert view.left.view._hits == [(start, start + len("خالد خياري"))]
    assert view.right.view._hits == [(french_start, french_start + len("Khaled Khiari"))]
    view.close()
