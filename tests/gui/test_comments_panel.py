"""Comments in the annotation window: a colleague's threads are there when the curator opens the
document, with who and when; the curator comments and replies from the window, and it is stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from curator.gui.comments_panel import ON_DOCUMENT, ON_OTHERS, ON_SELECTED, comment_time
from curator.gui.main_window import MainWindow
from curator.records import DocumentIn, SpanIn
from curator.review.comments import add_comment, threads
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database

pytestmark = pytest.mark.gui

TEXT = "قال خالد خياري في الرباط إن التعاون مستمر.\nLe Conseil de sécurité siège à Genève."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def two(db: Database) -> tuple[Database, int, int]:
    """Two documents; amina marked الرباط and Genève on the first."""
    first = DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="a1", title="Commented")
    first.spans = [SpanIn("entity", "LOC", *_at("الرباط"), "amina"), SpanIn("entity", "LOC", *_at("Genève"), "amina")]
    second = DocumentIn(source="b.txt", line=1, text="Un autre texte.", ext_id="b1", title="Quiet")
    write_batch(db, [first, second], "test")
    ids = queries.document_ids_by_ext(db, ["a1", "b1"])
    return db, ids[0], ids[1]


def _span(db: Database, doc_id: int, word: str) -> int:
    return next(s.id for s in queries.spans(db, doc_id, ["amina"]) if TEXT[s.start : s.end] == word)


def test_a_colleagues_comments_show_when_the_document_is_opened(
    two: tuple[Database, int, int], open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    db, doc_id, other = two
    rabat, geneve = _span(db, doc_id, "الرباط"), _span(db, doc_id, "Genève")
    # Karim comments through the core, before and while amina has the window open.
    on_doc = add_comment(db, doc_id, "karim\u202e", "see \u2067this\u2069 first")
    add_comment(db, doc_id, "lea", "Agreed.", reply_to=on_doc.id)
    on_rabat = add_comment(
        db, doc_id, "karim", "Is it the city or the government?", target_kind="span", target_id=rabat
    )
    window, hand = open_window(db, other, poll_ms=50)  # a colleague's comment comes with a poll: a quick one
    panel = window.comments
    assert panel.shown() == {}  # the quiet document has no comments
    assert window.open_document(doc_id)
    stamp = comment_time(on_doc.created_at)
    shown = panel.shown()
    # Who and when, bidi controls shown and not obeyed; the reply under its thread.
    assert shown[ON_DOCUMENT] == [[f"karim⟦RLO⟧, {stamp}: see ⟦RLI⟧this⟦PDI⟧ first", f"lea, {stamp}: Agreed."]]
    assert shown[ON_OTHERS] == [[f"karim, {stamp} on «الرباط»: Is it the city or the government?"]]
    assert ON_SELECTED not in shown
    # Selecting the annotation brings its thread to the top, as "on the selected annotation".
    hand.click(_at("الرباط")[0] + 2)
    assert window.workspace.doc.current_span is not None and window.workspace.doc.current_span.id == rabat
    shown = panel.shown()
    assert list(shown) == [ON_SELECTED, ON_DOCUMENT]
    assert shown[ON_SELECTED] == [[f"karim, {stamp}: Is it the city or the government?"]]
    assert panel.on_annotation.isChecked() and panel.on_annotation.isEnabled()
    # Another annotation, with no thread: its group is there, empty, and karim's goes back to the others.
    hand.click(_at("Genève")[0] + 2)
    assert window.workspace.doc.current_span is not None and window.workspace.doc.current_span.id == geneve
    shown = panel.shown()
    assert shown[ON_SELECTED] == [] and len(shown[ON_OTHERS]) == 1
    # A colleague's comment made while the document is open arrives with the next poll.
    add_comment(db, doc_id, "karim", "And Genève?", target_kind="span", target_id=geneve)
    qtbot.waitUntil(lambda: len(panel.shown().get(ON_SELECTED, [])) == 1, timeout=5000)
    assert panel.shown()[ON_SELECTED][0][0].endswith(": And Genève?")
    assert [t.root.id for t in panel.threads] == [on_doc.id, on_rabat.id, panel.threads[-1].root.id]


def test_a_reply_and_a_comment_added_in_the_window_are_stored(
    two: tuple[Database, int, int], open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    db, doc_id, _other = two
    rabat = _span(db, doc_id, "الرباط")
    question = add_comment(db, doc_id, "karim", "Is it the city?", target_kind="span", target_id=rabat)
    window, hand = open_window(db, doc_id)
    panel = window.comments
    group = panel.tree.topLevelItem(0)
    assert group is not None and group.data(0, Qt.ItemDataRole.UserRole) == ON_OTHERS
    assert not panel.reply_button.isEnabled()  # nothing chosen to reply to
    karims = group.child(0)
    assert karims is not None
    panel.tree.setCurrentItem(karims)  # the curator picks karim's question
    assert panel.reply_button.isEnabled()
    qtbot.keyClicks(panel.text, "The city: the ministry is in Rabat.")
    qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
    (thread,) = threads(db, doc_id)
    assert thread.root.id == question.id
    assert [(r.author, r.body) for r in thread.replies] == [("amina", "The city: the ministry is in Rabat.")]
    assert panel.text.text() == "" and panel.shown()[ON_OTHERS][0][1].endswith("The city: the ministry is in Rabat.")
    # A new comment on the selected annotation (the box is ticked once one is selected), with Enter.
    hand.click(_at("Genève")[0] + 2)
    geneve = window.workspace.doc.current_span
    assert geneve is not None and panel.on_annotation.isChecked()
    qtbot.keyClicks(panel.text, "Geneva: the city, not the UN office?")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    on_geneve = threads(db, doc_id, target_kind="span", target_id=geneve.id)
    assert [(t.root.author, t.root.body) for t in on_geneve] == [("amina", "Geneva: the city, not the UN office?")]
    # Unticked: on the whole document. An empty comment is not stored.
    panel.on_annotation.setChecked(False)
    qtbot.keyClicks(panel.text, "Checked the whole text.")
    qtbot.mouseClick(panel.comment_button, Qt.MouseButton.LeftButton)
    assert [t.root.body for t in threads(db, doc_id, target_kind="document")] == ["Checked the whole text."]
    qtbot.keyClicks(panel.text, "   ")
    qtbot.mouseClick(panel.comment_button, Qt.MouseButton.LeftButton)
    assert len(threads(db, doc_id)) == 3
    # The comments are amina's own when she switches to another name: they carry the new author.
    window.workspace.set_annotator("lea")
    qtbot.keyClicks(panel.text, "Seen.")
    qtbot.mouseClick(panel.comment_button, Qt.MouseButton.LeftButton)
    assert threads(db, doc_id, target_kind="document")[-1].root.author == "lea"


def test_a_comment_on_a_deleted_annotation_never_shows_on_the_next_one_labelled(
    two: tuple[Database, int, int], open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    db, doc_id, _other = two
    window, hand = open_window(db, doc_id)
    panel, doc = window.comments, window.workspace.doc
    # amina comments on the newest annotation (Genève, the highest id), then deletes it.
    hand.click(_at("Genève")[0] + 2)
    geneve = doc.current_span
    assert geneve is not None and geneve.id == max(s.id for s in doc.spans)
    qtbot.mouseClick(panel.text, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.text, "The city, not the UN office?")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    hand.click(_at("Genève")[0] + 2)
    hand.key(Qt.Key.Key_Delete)
    assert geneve.id not in doc.spans
    # She labels another span: it is new, and has no comment.
    hand.drag(*_at("Conseil"))
    hand.key(Qt.Key.Key_O)
    labelled = doc.current_span
    assert labelled is not None and TEXT[labelled.start : labelled.end] == "Conseil" and labelled.id > geneve.id
    shown = panel.shown()
    assert shown[ON_SELECTED] == []
    (kept,) = shown[ON_OTHERS]
    assert kept[0].endswith(" on a deleted annotation: The city, not the UN office?")
    # Undoing the label and the deletion brings Genève back with its comment.
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    hand.click(_at("Genève")[0] + 2)
    assert doc.current_span is not None and doc.current_span.id == geneve.id
    assert [lines[0].split(": ", 1)[1] for lines in panel.shown()[ON_SELECTED]] == ["The city, not the UN office?"]


def test_typing_a_comment_on_a_clicked_annotation_never_relabels_it(
    two: tuple[Database, int, int], open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    db, doc_id, _other = two
    window, hand = open_window(db, doc_id)
    panel, doc = window.comments, window.workspace.doc
    # The curator keeps Comments as a tab in front of the annotation's panel.
    window.tabifyDockWidget(window.docks["annotation"], window.docks["comments"])
    window.docks["comments"].raise_()
    qtbot.waitUntil(lambda: not window.docks["comments"].visibleRegion().isEmpty())
    hand.click(_at("الرباط")[0] + 2)
    rabat = doc.current_span
    assert rabat is not None and rabat.label == "LOC"
    assert not window.docks["comments"].visibleRegion().isEmpty()  # the tab in use stays in front
    # Every label key is in this comment (P, O, L, D, E, A, M, C, Q), and a Delete.
    qtbot.mouseClick(panel.text, Qt.MouseButton.LeftButton)
    typed = "Place or people? Check: Assembly, DECREE, MEDIA, quote"
    qtbot.keyClicks(panel.text, typed + "x")
    qtbot.keyClick(panel.text, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.text, Qt.Key.Key_Delete)
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    assert [s.label for s in queries.spans(db, doc_id, ["amina"]) if s.id == rabat.id] == ["LOC"]
    assert [t.root.body for t in threads(db, doc_id, target_kind="span", target_id=rabat.id)] == [typed]
    # Back in the text, each key says what it did.
    hand.click(_at("الرباط")[0] + 2)
    hand.key(Qt.Key.Key_P)
    assert window.statusBar().currentMessage() == "P: LOC → PER on «الرباط»"
    hand.key(Qt.Key.Key_O)
    assert window.statusBar().currentMessage() == "O: PER → ORG on «الرباط»"
    assert [s.label for s in queries.spans(db, doc_id, ["amina"]) if s.id == rabat.id] == ["ORG"]
    # Keys typed in the document list (its own type-to-find) leave the annotation alone too.
    table = window.documents.table
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center()
    )
    assert table.hasFocus()
    for key in (Qt.Key.Key_P, Qt.Key.Key_L, Qt.Key.Key_Delete):
        qtbot.keyClick(table, key)
    assert [s.label for s in queries.spans(db, doc_id, ["amina"]) if s.id == rabat.id] == ["ORG"]


def test_a_comment_and_its_deletion_are_undone_like_an_annotation(
    two: tuple[Database, int, int], open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    db, doc_id, _other = two
    window, hand = open_window(db, doc_id)
    panel = window.comments
    karims = add_comment(db, doc_id, "karim", "Check the dates.")
    panel.refresh()
    qtbot.mouseClick(panel.text, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.text, "Done, all checked.")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    assert [t.root.body for t in threads(db, doc_id)] == ["Check the dates.", "Done, all checked."]
    # Ctrl+Z in the text takes the comment back, Ctrl+Shift+Z puts it back under its own id.
    mine = threads(db, doc_id)[1].root
    hand.click(_at("Genève")[0] + 2)
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.root.body for t in threads(db, doc_id)] == ["Check the dates."]
    assert [len(lines) for lines in panel.shown()[ON_DOCUMENT]] == [1]
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [t.root.id for t in threads(db, doc_id)] == [karims.id, mine.id]
    assert len(panel.shown()[ON_DOCUMENT]) == 2
    # Her own comment can be deleted from the panel; karim's cannot.
    groups = [panel.tree.topLevelItem(n) for n in range(panel.tree.topLevelItemCount())]
    group = next(g for g in groups if g is not None and g.data(0, Qt.ItemDataRole.UserRole) == ON_DOCUMENT)
    panel.tree.setCurrentItem(group.child(0))
    assert not panel.delete_button.isEnabled()
    panel.tree.setCurrentItem(group.child(1))
    assert panel.delete_button.isEnabled()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [t.root.id for t in threads(db, doc_id)] == [karims.id]
    assert window.statusBar().currentMessage() == "Comment deleted"
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.root.id for t in threads(db, doc_id)] == [karims.id, mine.id]
    # Once karim has replied, taking her comment back would orphan his reply: refused, said, kept.
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.root.id for t in threads(db, doc_id)] == [karims.id, mine.id]
    add_comment(db, doc_id, "karim", "Thanks.", reply_to=mine.id)
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.root.id for t in threads(db, doc_id)] == [karims.id, mine.id]
    assert "replied to this comment meanwhile" in window.statusBar().currentMessage()
