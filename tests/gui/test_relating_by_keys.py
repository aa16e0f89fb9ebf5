"""Relating a claim to its claimant from the keyboard in an Arabic paragraph: R outlines the candidates
(an overlay: the text's character formats stay untouched), ← steps forward as the cursor does there,
Esc cancels, Shift+Tab and Enter link, and the link is one undo like the mouse's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from curator.gui.main_window import MainWindow
from curator.records import DocumentIn
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database

pytestmark = pytest.mark.gui

TEXT = "قال خالد خياري إن منظمة التعاون الإسلامي شريك أساسي للأمم المتحدة.\nوأكد خالد خياري ذلك."


@pytest.fixture
def doc_id(sqlite_db: Database) -> int:
    write_batch(sqlite_db, [DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="a1", title="Claims")], "test")
    (found,) = queries.document_ids_by_ext(sqlite_db, ["a1"])
    return found


def _formats(window: MainWindow) -> list[tuple[int, int]]:
    """The view's text fragments (runs of one character format) and the layouts' extra formats:
    one fragment per paragraph and no extra format while nothing is formatted."""
    ranges = []
    block = window.text_view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            ranges.append((fragment.position(), fragment.length()))
            fragments += 1
        ranges.extend((block.position() + f.start, -f.length) for f in block.layout().formats())
        block = block.next()
    return ranges


def test_r_then_arrows_and_enter_relate_in_arabic_and_esc_cancels(
    sqlite_db: Database, doc_id: int, open_window: Callable[..., tuple[MainWindow, Any]]
) -> None:
    window, hand = open_window(sqlite_db, doc_id)
    doc, keys = window.workspace.doc, window.relate_keys
    hand.drag(*hand.word("خالد خياري"))
    hand.key(Qt.Key.Key_P)
    hand.drag(*hand.word("منظمة التعاون الإسلامي"))
    hand.key(Qt.Key.Key_O)
    start, end = TEXT.index("منظمة"), TEXT.index("المتحدة") + len("المتحدة")
    hand.drag(start, end)
    hand.key(Qt.Key.Key_C)
    claim = doc.current_span
    assert claim is not None and claim.label == "CLAIM"
    formats_before = _formats(window)
    assert formats_before == [(0, TEXT.index("\n")), (TEXT.index("\n") + 1, len(TEXT) - TEXT.index("\n") - 1)]

    caret = window.text_view.textCursor().position()
    hand.key(Qt.Key.Key_R)
    assert [doc.span_text(s) for s in keys.candidates] == ["خالد خياري", "منظمة التعاون الإسلامي"]
    assert keys.at_hand is not None and doc.span_text(keys.at_hand) == "منظمة التعاون الإسلامي"
    assert window.text_view._candidates == [(s.start, s.end) for s in keys.candidates]
    assert window.text_view._current_candidate == 1
    assert _formats(window) == formats_before  # outlined over the text, never formatted
    hand.key(Qt.Key.Key_Left)  # forward in an Arabic paragraph: round to the first
    assert doc.span_text(keys.at_hand) == "خالد خياري"
    assert window.statusBar().currentMessage().startswith("1 of 2: PER «خالد خياري»")
    hand.key(Qt.Key.Key_Right)  # back
    assert doc.span_text(keys.at_hand) == "منظمة التعاون الإسلامي"
    hand.key(Qt.Key.Key_Escape)
    assert not window.text_view.picking and keys.candidates == [] and window.text_view._candidates == []
    assert window.text_view.textCursor().position() == caret  # the arrows stepped, the caret stayed
    assert queries.relations(sqlite_db, doc_id, ["amina"]) == []

    hand.key(Qt.Key.Key_R)
    hand.key(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert doc.span_text(keys.at_hand) == "خالد خياري"
    hand.key(Qt.Key.Key_Return)
    (relation,) = queries.relations(sqlite_db, doc_id, ["amina"])
    assert (relation.type, relation.source_id) == ("claimant", claim.id)
    assert TEXT[doc.spans.get(relation.target_id).start : doc.spans.get(relation.target_id).end] == "خالد خياري"
    assert not window.text_view.picking and window.text_view._candidates == []
    assert window.undo_action.text().startswith("Undo")
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert queries.relations(sqlite_db, doc_id, ["amina"]) == []
