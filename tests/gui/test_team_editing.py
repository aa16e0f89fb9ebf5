"""Two seats on one database (issue 7): a stale edit is never applied over a colleague's version, the
window shows both and lets the curator choose; colleagues' changes reach an open window without a
restart (a poll on SQLite, LISTEN/NOTIFY on PostgreSQL), and following them writes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from curator.gui.conflicts import Choice, ConflictDialog
from curator.gui.live_updates import POLL_MS, SAFETY_POLL_MS, LiveUpdates
from curator.gui.main_window import MainWindow
from curator.records import DocumentIn, SpanIn
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.changes import latest_change
from curator.store.conflict import Conflict
from curator.store.database import Database
from curator.store.editing import Editor

pytestmark = pytest.mark.gui

TEXT = "قال خالد خياري في الرباط إن التعاون مستمر.\nLe Conseil de sécurité siège à Genève."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def shared(db: Database) -> tuple[Database, int]:
    doc = DocumentIn(source="t.txt", line=1, text=TEXT, ext_id="t1", title="Team")
    doc.spans = [SpanIn("entity", "LOC", *_at("الرباط"), "amina")]
    write_batch(db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(db, ["t1"])
    return db, doc_id


FAST_POLL_MS = 50  # injected: following colleagues is tested without waiting for the real poll


def _window(open_window: Callable, db: Database, doc_id: int, follow: bool = False) -> MainWindow:
    return _window_and_hand(open_window, db, doc_id, follow)[0]


def _window_and_hand(open_window: Callable, db: Database, doc_id: int, follow: bool = False) -> tuple[MainWindow, Any]:
    window, hand = open_window(db, doc_id, poll_ms=FAST_POLL_MS)
    if not follow:
        window.live.stop()  # conflict tests: the window must not learn of the change before the edit
    return window, hand


def _answer(window: MainWindow, choice: Choice) -> list[Conflict]:
    seen: list[Conflict] = []

    def choose(conflict: Conflict) -> Choice:
        seen.append(conflict)
        return choice

    window.conflicts.choose = choose
    return seen


def test_a_stale_relabel_shows_both_versions_and_keep_theirs_overwrites_nothing(
    shared: tuple[Database, int], open_window: Callable, qtbot: QtBot
) -> None:
    db, doc_id = shared
    window = _window(open_window, db, doc_id)
    (span,) = window.workspace.doc.spans
    colleague = Editor(db, "amina")  # the same curator on another machine
    theirs = colleague.update_span(span.id, span.version, label="ORG", note="an organisation here")
    seen = _answer(window, Choice.KEEP_THEIRS)
    assert not window.workspace.change_label(span, "entity", "PER")
    assert "Not saved" in window.save_state.text()
    qtbot.waitUntil(lambda: bool(window.conflicts.resolved))
    (conflict,) = seen
    yours = conflict.yours()
    assert conflict.theirs == theirs and yours is not None and yours.label == "PER" and yours.note == ""
    # The store holds the colleague's version, untouched; the window shows it; nothing left to undo.
    (stored,) = queries.spans(db, doc_id, ["amina"])
    assert stored == theirs
    assert window.workspace.doc.spans.get(span.id) == theirs
    assert window.workspace.undo_stack.count() == 0


def test_apply_mine_reapplies_the_change_on_top_of_the_colleagues_version(
    shared: tuple[Database, int], open_window: Callable, qtbot: QtBot
) -> None:
    db, doc_id = shared
    window, hand = _window_and_hand(open_window, db, doc_id)
    (span,) = window.workspace.doc.spans
    Editor(db, "amina").update_span(span.id, span.version, note="checked in the source")
    _answer(window, Choice.APPLY_MINE)
    hand.click(span.start + 2)
    hand.key(Qt.Key.Key_O)  # relabel as ORG
    qtbot.waitUntil(lambda: bool(window.conflicts.resolved))
    (stored,) = queries.spans(db, doc_id, ["amina"])
    # Mine (the label) over theirs (the note): both kept, nothing silently lost.
    assert (stored.label, stored.note) == ("ORG", "checked in the source")
    assert window.workspace.doc.spans.get(span.id) == stored
    # The re-applied change is an ordinary edit: undo gives the colleague's version back.
    window.undo_action.trigger()
    (stored,) = queries.spans(db, doc_id, ["amina"])
    assert (stored.label, stored.note) == ("LOC", "checked in the source")


def test_deleting_a_span_a_colleague_changed_asks_first(
    shared: tuple[Database, int], open_window: Callable, qtbot: QtBot
) -> None:
    db, doc_id = shared
    window, hand = _window_and_hand(open_window, db, doc_id)
    (span,) = window.workspace.doc.spans
    Editor(db, "amina").update_span(span.id, span.version, label="ORG")
    seen = _answer(window, Choice.KEEP_THEIRS)
    hand.click(span.start + 2)
    hand.key(Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(window.conflicts.resolved))
    assert seen[0].mine is None and seen[0].theirs is not None
    assert [s.label for s in queries.spans(db, doc_id, ["amina"])] == ["ORG"]
    assert [s.label for s in window.workspace.doc.spans] == ["ORG"]
    # Asked again, the curator deletes it anyway: now against the current version.
    window.conflicts.resolved.clear()
    Editor(db, "amina").update_span(span.id, span.version + 1, label="PER")
    _answer(window, Choice.APPLY_MINE)
    current = window.workspace.doc.spans.get(span.id)
    assert current is not None
    hand.click(current.start + 2)
    hand.key(Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(window.conflicts.resolved))
    assert queries.spans(db, doc_id, ["amina"]) == []
    assert len(window.workspace.doc.spans) == 0


def test_a_span_a_colleague_deleted_can_be_added_again(
    shared: tuple[Database, int], open_window: Callable, qtbot: QtBot
) -> None:
    db, doc_id = shared
    window, hand = _window_and_hand(open_window, db, doc_id)
    (span,) = window.workspace.doc.spans
    Editor(db, "amina").delete_span(span.id, span.version)
    seen = _answer(window, Choice.APPLY_MINE)
    hand.click(span.start + 2)
    note = window.span_panel.note  # the note typed in the side panel, confirmed with Enter
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(note, "keep this one")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.conflicts.resolved))
    assert seen[0].theirs is None
    (again,) = queries.spans(db, doc_id, ["amina"])
    assert (again.label, again.start, again.end, again.note) == ("LOC", span.start, span.end, "keep this one")
    assert [s.id for s in window.workspace.doc.spans] == [again.id]


def test_the_conflict_dialog_shows_yours_and_theirs(shared: tuple[Database, int], qtbot: QtBot, tmp_path: Path) -> None:
    db, doc_id = shared
    (span,) = queries.spans(db, doc_id, ["amina"])
    theirs = Editor(db, "amina").update_span(span.id, span.version, label="ORG", note="\u202etxt.exe")
    conflict = Conflict("relabel LOC → PER", doc_id, span, {"label": "PER"}, theirs)
    dialog = ConflictDialog(conflict, TEXT)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    rows = {table.verticalHeaderItem(r).text(): (table.item(r, 0).text(), table.item(r, 1).text()) for r in range(6)}
    assert rows["Label"] == ("entity / PER", "entity / ORG")
    assert rows["Text"] == ("الرباط", "الرباط")
    # "Yours" is what "apply mine" would save: the colleague's note stays (a bidi control shown, not obeyed).
    assert rows["Note"] == ("⟦RLO⟧txt.exe", "⟦RLO⟧txt.exe")
    assert rows["Version"] == ("made on 1", "2")
    assert table.item(0, 0).font().bold() and not table.item(4, 0).font().bold()
    assert dialog.grab().save(str(tmp_path / "conflict.png"))
    dialog.apply_button.click()
    assert dialog.choice is Choice.APPLY_MINE
    dialog = ConflictDialog(conflict, TEXT)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # Escape or closing keeps theirs
    assert dialog.choice is Choice.KEEP_THEIRS


def _files_digest(db: Database) -> str:
    path = Path(str(db.engine.url.database))
    digest = hashlib.sha256()
    for part in (path, Path(f"{path}-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def test_a_colleagues_new_span_appears_in_the_open_view_and_viewing_writes_nothing(
    shared: tuple[Database, int], open_window: Callable, qtbot: QtBot
) -> None:
    db, doc_id = shared
    window = _window(open_window, db, doc_id, follow=True)
    # A window polls every 1.5 s unless told otherwise (here it is told, to keep the test short).
    assert LiveUpdates(db, window.workspace.doc).poll_ms == POLL_MS == 1500
    if db.is_sqlite:
        assert window.live.interval == FAST_POLL_MS
    else:
        assert window.live.listener is not None and window.live.interval == SAFETY_POLL_MS
    qtbot.waitUntil(lambda: window.document_model.rowCount() == 1)
    before = latest_change(db)
    digest = _files_digest(db) if db.is_sqlite else ""
    # Several polls of a window that only looks: nothing written.
    window.live.poll()
    window.live.catch_up()
    qtbot.wait(200)
    assert latest_change(db) == before
    if db.is_sqlite:
        assert _files_digest(db) == digest
    added = Editor(db, "amina").add_span(doc_id, "entity", "PER", *_at("خالد خياري"))
    # On PostgreSQL the notification wakes the window long before its safety poll would.
    qtbot.waitUntil(lambda: added.id in window.workspace.doc.spans, timeout=5000)
    assert window.annotation_model.rowCount() == 2
    assert window.document_model.document_at(0).annotations == 2  # type: ignore[union-attr]
    assert "Updated with changes" in window.statusBar().currentMessage()
    # A colleague's relabel and deletion follow too; the undo history is untouched.
    Editor(db, "amina").update_span(added.id, added.version, label="ORG")
    qtbot.waitUntil(lambda: getattr(window.workspace.doc.spans.get(added.id), "label", "") == "ORG", timeout=5000)
    (loc,) = [s for s in window.workspace.doc.spans if s.label == "LOC"]
    Editor(db, "amina").delete_span(loc.id, loc.version)
    qtbot.waitUntil(lambda: loc.id not in window.workspace.doc.spans, timeout=5000)
    assert window.workspace.undo_stack.count() == 0
    QApplication.processEvents()


def test_documents_a_colleague_imports_appear_in_the_list(
    shared: tuple[Database, int], open_window: Callable, qtbot: QtBot
) -> None:
    db, doc_id = shared
    window = _window(open_window, db, doc_id, follow=True)
    qtbot.waitUntil(lambda: window.document_model.rowCount() == 1)
    write_batch(db, [DocumentIn(source="n.txt", line=1, text="Un nouveau texte.", ext_id="n1", title="New")], "x")
    qtbot.waitUntil(lambda: window.document_model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: window.documents.count.text().startswith("2 "), timeout=5000)
