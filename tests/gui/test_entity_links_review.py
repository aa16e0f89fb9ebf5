"""Entity links decided by hand (issue 19): in the review window a reviewer sees two annotators' links
to different entities as a link difference naming both, accepts one side with its key and undoes it
with Ctrl+Z; in the main window an annotator is offered the suggested link of an unlinked span in the
annotation panel, accepts it with Enter (then Shift+K) and undoes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from curator.gui.main_window import MainWindow
from curator.gui.review import open_review_window
from curator.gui.review.window import ReviewWindow
from curator.io.importer import import_paths
from curator.records import DocumentIn, SpanIn
from curator.review.states import CURATED, IN_REVIEW, review_state
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.entities import EntityRecord, Registry
from curator.store.models import GOLD_ANNOTATOR, Document

if TYPE_CHECKING:
    from conftest import Hand

pytestmark = pytest.mark.gui

MODS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

FRENCH = "003_b923d6f7b2ab459c"
KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",))
MISHAAL = EntityRecord("mishaal", "PER", {"ar": "خالد مشعل", "fr": "Khalid Mishaal"})
TEXT = "🌍 قال خالد خياري في الرباط.\nKhaled Khiari était à Genève."


def _gold_links(db: Database, doc_id: int) -> dict[str, str]:
    gold = {s.id: TEXT[s.start : s.end] for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])}
    return {gold[i]: linked.key for i, linked in queries.span_links(db, doc_id).items() if i in gold}


def _linked_apart_and_reviewed(db: Database, doc_id: int, qtbot: QtBot) -> ReviewWindow:
    """amina links her PER span to Khiari, karim his to Mishaal; the review window opens, in front."""
    Registry(db, "amina").import_records([KHIARI, MISHAAL])
    for who, key in (("amina", "khiari"), ("karim", "mishaal")):
        mine = next(s for s in queries.spans(db, doc_id, [who]) if s.label == "PER")
        Registry(db, who).link(mine.id, key)
    window = open_review_window(db, "reviewer")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_the_reviewer_accepts_one_side_of_a_link_difference_and_undoes_it(db: Database, qtbot: QtBot) -> None:
    start = TEXT.index("خالد خياري")
    span = (start, start + len("خالد خياري"))
    doc = DocumentIn(source="r.txt", line=1, text=TEXT, ext_id="r1", title="Links", language="ar")
    doc.spans = [SpanIn("entity", "PER", *span, "amina"), SpanIn("entity", "PER", *span, "karim")]
    write_batch(db, [doc], "test")
    doc_id = queries.document_ids_by_ext(db, ["r1"])[0]
    window = _linked_apart_and_reviewed(db, doc_id, qtbot)
    c = window.controller
    assert [d.kinds for d in c.differences] == [{"link"}]
    row = window.difference_model.index(0, 0).data()
    # Both entities' names, in the document's language (Arabic here).
    assert row.startswith("• link:") and "→ خالد خياري" in row and "→ خالد مشعل" in row
    assert "1 difference" in window.statusBar().currentMessage()
    # Hovering the name in each annotator's pane tells the entity that annotator linked it to.
    assert window.panes["amina"].describe_at(span[0] + 2) == "entity/PER → خالد خياري (khiari)"
    assert window.panes["karim"].describe_at(span[0] + 2) == "entity/PER → خالد مشعل (mishaal)"
    assert window.panes["karim"].describe_at(0) == ""
    assert window.difference_view.wordWrap()  # both names readable, not cut off at the list's edge
    window.difference_view.setFocus()
    qtbot.keyClick(window.difference_view, Qt.Key.Key_2)  # karim's side
    assert _gold_links(db, doc_id) == {"خالد خياري": "mishaal"}
    assert c.differences[0].resolved
    assert window.difference_model.index(0, 0).data().startswith("✓")
    qtbot.keyClick(window.difference_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo
    assert _gold_links(db, doc_id) == {} and queries.spans(db, doc_id, [GOLD_ANNOTATOR]) == []
    assert not c.differences[0].resolved
    qtbot.keyClick(window.difference_view, Qt.Key.Key_1)  # amina's side instead
    assert _gold_links(db, doc_id) == {"خالد خياري": "khiari"}
    window.close()


def test_the_annotator_accepts_a_suggested_link_with_enter_and_undoes_it(
    sqlite_db: Database, seeds: Path, open_window: Callable[..., tuple[MainWindow, Hand]]
) -> None:
    import_paths(sqlite_db, [seeds / f"{FRENCH}.txt"])
    Registry(sqlite_db, "amina").import_records([KHIARI, MISHAAL])
    with sqlite_db.read() as session:
        doc_id = session.scalar(select(Document.id).where(Document.ext_id == FRENCH))
    window, hand = open_window(sqlite_db, doc_id)
    panel = window.span_panel
    hand.drag(*hand.word("M. Khiari"))
    hand.key(Qt.Key.Key_P)
    span = window.workspace.doc.current_span
    assert span is not None and hand.text[span.start : span.end] == "M. Khiari"
    # Offered, not stored: the row says so, and no link exists yet.
    assert panel.suggestion_line.isVisibleTo(panel) and panel.suggested_key == "khiari"
    assert panel.entity_suggestion.text() == "Suggested: Khaled Khiari (0.93) — Enter or Shift+K to accept"
    assert panel.entity_name.text() == "Not linked" and window.entity_links.links == {}
    assert window.suggestions.at_hand() is None
    hand.key(Qt.Key.Key_Return)
    assert window.entity_links.links == {span.id: "khiari"}
    assert Registry(sqlite_db, "amina").links_of(doc_id) == {span.id: "khiari"}
    assert not panel.suggestion_line.isVisibleTo(panel) and panel.entity_key == "khiari"
    assert "Khaled Khiari" in panel.entity_name.text()
    # One undo: unlinked, and offered again; Shift+K accepts it the same way.
    window.undo_action.trigger()
    QApplication.processEvents()
    assert Registry(sqlite_db, "amina").links_of(doc_id) == {}
    assert window.workspace.doc.current_span is not None and panel.suggested_key == "khiari"
    hand.key(Qt.Key.Key_K, Qt.KeyboardModifier.ShiftModifier)
    assert Registry(sqlite_db, "amina").links_of(doc_id) == {span.id: "khiari"}
    window.undo_action.trigger()
    assert Registry(sqlite_db, "amina").links_of(doc_id) == {}


def test_the_last_difference_leaves_the_document_in_review_while_agreed_spans_are_not_in_gold(
    db: Database, qtbot: QtBot
) -> None:
    start, org = TEXT.index("خالد خياري"), TEXT.index("الرباط")
    doc = DocumentIn(source="r.txt", line=1, text=TEXT, ext_id="r2", title="Agreed", language="ar")
    doc.spans = [
        *(SpanIn("entity", "PER", start, start + len("خالد خياري"), who) for who in ("amina", "karim")),
        *(SpanIn("entity", "LOC", org, org + len("الرباط"), who) for who in ("amina", "karim")),
    ]
    write_batch(db, [doc], "test")
    doc_id = queries.document_ids_by_ext(db, ["r2"])[0]
    window = _linked_apart_and_reviewed(db, doc_id, qtbot)
    window.confirm = lambda title, text: True
    window.difference_view.setFocus()
    qtbot.keyClick(window.difference_view, Qt.Key.Key_1)
    # Every difference is resolved, but الرباط, which both tagged, is not in gold: not curated yet.
    assert review_state(db, doc_id) == IN_REVIEW
    assert "agreed, not in the gold layer yet: 1 span" in window.statusBar().currentMessage()
    qtbot.keyClick(window.difference_view, Qt.Key.Key_A, MODS)
    gold = sorted(TEXT[s.start : s.end] for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR]))
    assert gold == ["الرباط", "خالد خياري"] and review_state(db, doc_id) == CURATED
    assert "agreed, not in the gold layer" not in window.statusBar().currentMessage()
    qtbot.keyClick(window.difference_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review_state(db, doc_id) == IN_REVIEW  # one undo takes back the acceptance and the state
    window.close()
