"""Every edit saved at once and undoable; a claim with its claimant by the link gesture; document
areas and status; closing and reopening the database shows everything as it was left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton
from pytestqt.qtbot import QtBot

from curator.store import browse, queries
from curator.store.database import Database

pytestmark = pytest.mark.gui


def _labels(db: Database, doc_id: int, annotator: str = "amina") -> list[tuple[str, int, int]]:
    return sorted((s.label, s.start, s.end) for s in queries.spans(db, doc_id, [annotator]))


def test_undo_and_redo_of_a_new_span_reach_the_store_and_the_view(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "emoji_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    gaza = hand.word("غزة")
    hand.drag(*gaza)
    hand.key(Qt.Key.Key_L)
    (span,) = queries.spans(sqlite_db, doc_id, ["amina"])
    assert window.annotation_model.rowCount() == 1
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert queries.spans(sqlite_db, doc_id, ["amina"]) == []
    assert window.annotation_model.rowCount() == 0 and len(window.workspace.doc.spans) == 0
    assert "undo add LOC" in window.save_state.text()
    hand.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (again,) = queries.spans(sqlite_db, doc_id, ["amina"])
    assert (again.id, again.start, again.end) == (span.id, *gaza)  # the same span comes back
    assert window.annotation_model.rowCount() == 1
    # Relabel the current span by pressing another label's key without a selection; undo it.
    hand.key(Qt.Key.Key_O)
    assert _labels(sqlite_db, doc_id) == [("ORG", *gaza)]
    window.undo_action.trigger()
    assert _labels(sqlite_db, doc_id) == [("LOC", *gaza)]
    # Delete with the Delete key; undo puts it back with its id.
    window.workspace.doc.set_current_span(window.workspace.doc.spans.get(span.id))
    hand.key(Qt.Key.Key_Delete)
    assert queries.spans(sqlite_db, doc_id, ["amina"]) == []
    window.undo_action.trigger()
    assert [s.id for s in queries.spans(sqlite_db, doc_id, ["amina"])] == [span.id]


def test_a_claim_with_attributes_and_its_claimant_by_the_link_gesture(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    width = window.text_view.viewport().width()
    person = hand.word("خالد خياري")
    hand.drag(*person)
    hand.key(Qt.Key.Key_P)
    # The claim runs over "(OCI)" and «…», Latin and Arabic mixed, to "المتحدة".
    claim = (hand.word("منظمة")[0], hand.word("المتحدة")[1])
    hand.drag(*claim)
    hand.key(Qt.Key.Key_C)
    claim_span = window.workspace.doc.current_span
    assert claim_span is not None and (claim_span.label, claim_span.start, claim_span.end) == ("CLAIM", *claim)
    # Stance and area from the side panel.
    panel = window.span_panel
    stance = panel.attribute_widgets["stance"]
    assert isinstance(stance, QComboBox)
    stance.setCurrentIndex(stance.findData("support"))
    stance.activated.emit(stance.currentIndex())
    area = panel.attribute_widgets["area"]
    assert isinstance(area, QComboBox)
    area.setCurrentIndex(area.findData("COUNTER_TERRORISM"))
    area.activated.emit(area.currentIndex())
    QApplication.processEvents()
    assert window.text_view.viewport().width() == width  # the panel never makes the text reflow
    panel.note.setText("قول منقول")
    panel.note.editingFinished.emit()
    # The gesture: the claim is current, press R, click the person.
    hand.key(Qt.Key.Key_R)
    assert window.text_view.picking
    hand.click(person[0] + 2)
    assert not window.text_view.picking
    (relation,) = queries.relations(sqlite_db, doc_id, ["amina"])
    stored_person = next(s for s in queries.spans(sqlite_db, doc_id, ["amina"]) if s.label == "PER")
    assert (relation.type, relation.source_id, relation.target_id) == ("claimant", claim_span.id, stored_person.id)
    stored_claim = next(s for s in queries.spans(sqlite_db, doc_id, ["amina"]) if s.label == "CLAIM")
    assert stored_claim.attributes == {"stance": "support", "area": "COUNTER_TERRORISM"}
    assert stored_claim.note == "قول منقول"
    # Listed in the panel, removable there, and the removal undoable.
    QApplication.processEvents()
    rows = [b for b in panel.findChildren(QToolButton) if "خالد خياري" in b.text()]
    assert rows and "PER" in rows[0].text()
    remove = next(b for b in panel.findChildren(QToolButton) if b.text() == "✕")
    remove.click()
    assert queries.relations(sqlite_db, doc_id, ["amina"]) == []
    window.undo_action.trigger()
    assert len(queries.relations(sqlite_db, doc_id, ["amina"])) == 1
    # A second claimant is refused (one per claim) and nothing changes.
    window.controller.select_span(window.workspace.doc.spans.get(claim_span.id))
    hand.key(Qt.Key.Key_R)
    hand.click(person[0] + 2)
    assert len(queries.relations(sqlite_db, doc_id, ["amina"])) == 1
    assert "Not saved" in window.save_state.text()
    # Undo everything, one edit at a time, back to an empty document.
    while window.workspace.undo_stack.canUndo():
        window.undo_action.trigger()
    assert queries.spans(sqlite_db, doc_id, ["amina"]) == []


def test_escape_cancels_the_link_gesture(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    hand.drag(*hand.word("شريك"))
    hand.key(Qt.Key.Key_C)
    hand.key(Qt.Key.Key_R)
    assert window.text_view.picking
    hand.key(Qt.Key.Key_Escape)
    assert not window.text_view.picking
    assert queries.relations(sqlite_db, doc_id) == []


def test_everything_is_there_after_closing_and_reopening(
    sqlite_url: str,
    samples: Path,
    open_window: Callable,
    add_document: Callable,
) -> None:
    db = Database(sqlite_url)
    doc_id = add_document(db, samples / "mixed_bidi_ar.txt")
    window, hand = open_window(db, doc_id)
    hand.drag(*hand.word("خالد خياري"))
    hand.key(Qt.Key.Key_P)
    hand.drag(hand.word("منظمة")[0], hand.word("المتحدة")[1])
    hand.key(Qt.Key.Key_C)
    claim = window.workspace.doc.current_span
    assert claim is not None
    stance = window.span_panel.attribute_widgets["stance"]
    assert isinstance(stance, QComboBox)
    hand.choose(stance, "support")  # in the side panel
    hand.click(hand.word("منظمة")[0] + 1)  # back in the text, on the claim
    assert window.workspace.doc.current_span is not None and window.workspace.doc.current_span.id == claim.id
    hand.key(Qt.Key.Key_R)
    hand.click(hand.word("خالد خياري")[0] + 1)
    hand.drag(*hand.word("جدة"))
    hand.key(Qt.Key.Key_L)
    # Document-level area ticked in the checkable list, status set from the toolbar.
    model = window.doc_label_model
    keys = [model.data(model.index(r), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    row = keys.index("area/ELECTIONS")
    assert model.setData(model.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    window.status_box.setCurrentIndex(window.status_box.findData("done"))
    window.status_box.activated.emit(window.status_box.currentIndex())
    expected = _labels(db, doc_id)
    assert [label for label, _, _ in expected] == ["CLAIM", "LOC", "PER"]
    window.close()
    db.dispose()

    reopened = Database(sqlite_url)
    window2, hand2 = open_window(reopened, doc_id)
    doc = window2.workspace.doc
    assert sorted((s.label, s.start, s.end) for s in doc.spans) == expected
    assert doc.doc_labels == {("area", "ELECTIONS")}
    assert doc.status == "done" and window2.status_box.currentData() == "done"
    model2 = window2.doc_label_model
    checked = [
        model2.data(model2.index(r), Qt.ItemDataRole.UserRole)
        for r in range(model2.rowCount())
        if model2.data(model2.index(r), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]
    assert checked == ["area/ELECTIONS"]
    # The list shows every span as its stored slice, and the claim its claimant.
    table = window2.annotation_model
    assert sorted(table.data(table.index(r, 1)) for r in range(table.rowCount())) == sorted(
        hand2.text[start:end] for _, start, end in expected
    )
    claim2 = next(s for s in doc.spans if s.label == "CLAIM")
    assert claim2.attributes == {"stance": "support"}
    window2.controller.jump_to(claim2)
    buttons = [b.text() for b in window2.span_panel.findChildren(QToolButton)]
    assert any("خالد خياري" in text for text in buttons)
    row_of_doc = browse.document_row(reopened, "amina", doc_id)
    assert row_of_doc is not None and (row_of_doc.status, row_of_doc.annotations) == ("done", 3)
    window2.close()
    reopened.dispose()


def test_each_annotator_sees_their_own_work_and_status(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    hand.drag(*hand.word("Khiari"))
    hand.key(Qt.Key.Key_P)
    hand.choose(window.status_box, "in_progress")  # the toolbar's status
    window.workspace.set_annotator("omar")
    assert window.workspace.doc.id == doc_id
    assert len(window.workspace.doc.spans) == 0 and window.workspace.doc.status == "new"
    assert window.annotation_model.rowCount() == 0
    assert "omar" in window.windowTitle()
    assert not window.workspace.undo_stack.canUndo()  # amina's edits are not omar's to undo
    hand.drag(*hand.word("Khiari"))
    hand.key(Qt.Key.Key_O)
    assert _labels(sqlite_db, doc_id, "omar") == [("ORG", *hand.word("Khiari"))]
    assert _labels(sqlite_db, doc_id, "amina") == [("PER", *hand.word("Khiari"))]
    window.workspace.set_annotator("amina")
    assert [s.label for s in window.workspace.doc.spans] == ["PER"]
    assert window.workspace.doc.status == "in_progress"


def test_every_edit_says_it_was_saved_and_refusals_say_why(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    hand.drag(*hand.word("Khiari"))
    hand.key(Qt.Key.Key_P)
    assert window.save_state.text().startswith("Saved ")
    # The same span twice is not added again.
    hand.drag(*hand.word("Khiari"))
    hand.key(Qt.Key.Key_P)
    assert len(queries.spans(sqlite_db, doc_id, ["amina"])) == 1
    # A colleague deleted the document meanwhile: the edit is refused, and the window says so.
    with sqlite_db.write() as session:
        from curator.store.models import Document

        session.delete(session.get(Document, doc_id))
    hand.drag(*hand.word("Briefing"))
    hand.key(Qt.Key.Key_E)
    assert window.save_state.text().startswith("Not saved")
    assert not window.workspace.undo_stack.canRedo()


def test_the_annotator_is_asked_once_remembered_and_switchable(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from curator.gui.app import ask_annotator
    from curator.gui.settings import Preferences

    offered: list[list[str]] = []

    def answer(_parent: object, _title: str, _label: str, items: list[str], current: int, _editable: bool) -> tuple:
        offered.append(list(items))
        assert items[current] == ""  # nobody is proposed at first start
        return " karim ", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answer))
    window, _hand = open_window(sqlite_db, add_document(sqlite_db, samples / "mixed_paragraphs.txt"))
    prefs = window.prefs
    assert ask_annotator(prefs, None, ["demo"]) == "karim" and offered == [["", "demo"]]
    assert ask_annotator(prefs, None, ["demo"]) == "karim" and len(offered) == 1  # remembered
    assert isinstance(prefs, Preferences) and prefs.annotator == "karim"
    # File → Switch annotator.
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a: ("salma", True)))
    window.switch_annotator()
    assert window.workspace.annotator == "salma" and prefs.annotator == "salma"
    assert window.document_model.annotator == "salma"


def test_a_note_typed_without_enter_is_kept_when_another_span_is_clicked(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    khiari, oci = hand.word("Khiari"), hand.word("OCI")
    hand.drag(*oci)
    hand.key(Qt.Key.Key_O)
    hand.drag(*khiari)
    hand.key(Qt.Key.Key_P)
    note = window.span_panel.note
    note.setFocus()
    qtbot.keyClicks(note, "to check")
    hand.click(oci[0] + 1)
    assert window.workspace.doc.current_span is not None and window.workspace.doc.current_span.label == "ORG"
    notes = {s.label: s.note for s in queries.spans(sqlite_db, doc_id, ["amina"])}
    assert notes == {"PER": "to check", "ORG": ""}
