"""The review window driven like a reviewer would: keys to step and decide, the gold layer filled,
the agreement table showing the core's figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from curator.gui.review import ReviewWindow, open_review_window
from curator.gui.review.edit_dialog import AcceptEditDialog
from curator.gui.review.models import ConfusionModel
from curator.records import DocLabelIn, DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.report import format_figure
from curator.review.states import CURATED, IN_REVIEW, review_state, set_review_state
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR

pytestmark = pytest.mark.gui

# An Arabic paragraph, an emoji (two UTF-16 units) before the names, then a French one.
TEXT = "🌍 قال خالد خياري في الرباط إن التعاون مستمر.\nLe Conseil de sécurité siège à Genève."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> ReviewWindow:
    doc = DocumentIn(source="r.txt", line=1, text=TEXT, ext_id="r1", title="Review me")
    doc.spans = [
        SpanIn("entity", "PER", *_at("خالد خياري"), "amina"),
        SpanIn("entity", "PER", *_at("خالد خياري"), "karim"),  # agreed
        SpanIn("entity", "LOC", *_at("الرباط"), "amina"),  # missing for karim
        SpanIn("entity", "ORG", *_at("Conseil de sécurité"), "amina"),  # boundary
        SpanIn("entity", "ORG", *_at("Conseil"), "karim"),
        SpanIn("entity", "LOC", *_at("Genève"), "amina"),  # label differs
        SpanIn("entity", "ORG", *_at("Genève"), "karim"),
    ]
    doc.doc_labels = [DocLabelIn("area", "PEACE_SECURITY", "amina"), DocLabelIn("area", "PEACE_SECURITY", "karim")]
    write_batch(db, [doc], "test")
    w = open_review_window(db, "reviewer")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _relabel(label: str) -> Callable[[QDialog], bool]:
    """The reviewer's answer to the accept-and-edit dialog: another label, then OK."""

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, AcceptEditDialog)
        dialog.label.setCurrentIndex(dialog.label.findData(label))
        return True

    return answer


def _press(
    qtbot: QtBot, w: ReviewWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(w.difference_view, key, modifier)


def test_the_window_shows_each_annotator_and_the_differences(window: ReviewWindow, qtbot: QtBot) -> None:
    assert window.chosen_annotators() == ["amina", "karim"]
    assert list(window.panes) == ["amina", "karim", GOLD_ANNOTATOR]
    amina = window.panes["amina"]
    assert amina.text.toPlainText().replace("\u2029", "\n") == TEXT
    assert sorted(amina.painted) == sorted(
        [
            (*_at("خالد خياري"), "PER"),
            (*_at("الرباط"), "LOC"),
            (*_at("Conseil de sécurité"), "ORG"),
            (*_at("Genève"), "LOC"),
        ]
    )
    # Offsets went through the UTF-16 map: the emoji counts twice in Qt positions.
    start, end = _at("خالد خياري")
    selection = amina.text.extraSelections()[0]
    assert (selection.cursor.selectionStart(), selection.cursor.selectionEnd()) == (start + 1, end + 1)
    assert window.difference_model.rowCount() == 3
    first = window.difference_model.index(0, 0).data()
    assert "missing" in first and "الرباط" in first


def test_keys_step_and_decide_into_the_gold_layer(window: ReviewWindow, qtbot: QtBot, db: Database) -> None:
    c = window.controller
    window.difference_view.setFocus()
    assert (
        c.cursor.index == 0
    )  # opened on the first difference and c.current is not None and c.current.kinds == {"missing"}
    _press(qtbot, window, Qt.Key.Key_1)  # amina's LOC الرباط
    assert c.differences[0].resolved
    _press(qtbot, window, Qt.Key.Key_J)
    assert c.current is not None and c.current.kinds == {"boundary"}
    _press(qtbot, window, Qt.Key.Key_X)  # reject both ORG spans
    assert c.differences[1].resolved
    _press(qtbot, window, Qt.Key.Key_J)
    assert c.current is not None and c.current.kinds == {"label"}
    window.run_dialog = _relabel("ORG")
    _press(qtbot, window, Qt.Key.Key_E)  # accept amina's Genève, edited to ORG
    assert all(d.resolved for d in c.differences)
    doc_id = c.document.id if c.document else 0
    # Every difference decided, but what both agree on is not in gold yet: in review, and told so.
    assert review_state(db, doc_id) == IN_REVIEW
    assert "agreed, not in the gold layer yet: 1 span, 0 relations, 1 document label" in (
        window.statusBar().currentMessage()
    )
    seen: list[str] = []
    window.confirm = lambda title, text: seen.append(text) is None
    _press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen and "1 span, 0 relations, 1 document label" in seen[0]
    gold = {(TEXT[s.start : s.end], s.label) for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])}
    assert gold == {("الرباط", "LOC"), ("Genève", "ORG"), ("خالد خياري", "PER")}
    assert queries.document_labels(db, doc_id, [GOLD_ANNOTATOR]) == [(GOLD_ANNOTATOR, "area", "PEACE_SECURITY")]
    assert sorted(window.panes[GOLD_ANNOTATOR].painted) == sorted(
        [(*_at("الرباط"), "LOC"), (*_at("Genève"), "ORG"), (*_at("خالد خياري"), "PER")]
    )
    # The decision that left nothing to decide or accept made the document curated, in its undo step.
    assert review_state(db, doc_id) == CURATED
    c.undo_stack.undo()  # accept all agreed and the state it brought
    assert review_state(db, doc_id) == IN_REVIEW
    c.undo_stack.undo()  # the edited accept
    assert review_state(db, doc_id) == IN_REVIEW and not c.differences[2].resolved
    c.undo_stack.redo()
    assert review_state(db, doc_id) == IN_REVIEW and all(d.resolved for d in c.differences)
    c.undo_stack.redo()
    assert review_state(db, doc_id) == CURATED
    # R takes a gold span out again.
    _press(qtbot, window, Qt.Key.Key_K)
    assert c.current is not None and c.current.kinds == {"boundary"}
    _press(qtbot, window, Qt.Key.Key_J)
    _press(qtbot, window, Qt.Key.Key_R)
    assert not c.differences[2].resolved


def test_comments_are_threaded_and_shown(window: ReviewWindow, qtbot: QtBot) -> None:
    window.controller.step(True)
    window.comment_on_current.setChecked(True)
    qtbot.keyClicks(window.comment_text, "Is it the place meant?")
    qtbot.mouseClick(window.comment_button, Qt.MouseButton.LeftButton)
    assert window.comments.count() == 1
    window.comments.setCurrentRow(0)
    qtbot.keyClicks(window.comment_text, "Yes.")
    qtbot.mouseClick(window.reply_button, Qt.MouseButton.LeftButton)
    texts = [window.comments.item(i).text() for i in range(window.comments.count())]
    assert texts[0].startswith("reviewer, ") and " on span " in texts[0] and texts[0].endswith("Is it the place meant?")
    assert texts[1].strip().startswith("↳ reviewer") and texts[1].endswith("Yes.")


def test_the_agreement_table_shows_the_core_figures(window: ReviewWindow, qtbot: QtBot, db: Database) -> None:
    qtbot.mouseClick(window.compute_button, Qt.MouseButton.LeftButton)
    core = compute_agreement(db, ["amina", "karim"]).to_dict()
    entity = next(s for s in core["span_layers"] if s["layer"] == "entity")
    model = window.agreement_model
    assert window.layer_choice.currentText() == "entity (spans)"
    overall = [model.index(0, col).data() for col in range(model.columnCount())]
    pair = entity["pairs"][0]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "label",
        *(f"amina/karim {k} {m}" for m in ("exact", "overlap") for k in ("P", "R", "F1")),
        "alpha",
    ]
    assert overall == [
        "(all labels)",
        *(format_figure(pair[m][k]) for m in ("exact", "overlap") for k in ("precision", "recall", "f1")),
        format_figure(entity["alpha"]),
    ]
    # Exact: PER only of amina's 4 / karim's 3 spans -> P 1/3, R 1/4, F1 2/7; overlap adds Conseil.
    assert overall[1:7] == [format_figure(v) for v in (1 / 3, 1 / 4, 2 / 7, 2 / 3, 2 / 4, 4 / 7)]
    # The confusion of labels on spans matched by overlap: Genève is LOC for amina, ORG for karim,
    # and amina's الرباط has no match in karim's work.
    window.figure_tabs.setCurrentWidget(window.confusion_box)
    confusion = window.confusion_model
    assert window.confusion_a.currentData() == "amina" and window.confusion_b.currentData() == "karim"
    assert confusion.labels == ["PER", "ORG", "LOC", "(none)"]
    assert _cells(confusion) == [["1", "0", "0", "0"], ["0", "1", "0", "0"], ["0", "1", "0", "1"], ["0"] * 4]
    window.set_confusion_pair("karim", "amina")  # karim's labels as rows now: the matrix turns round
    assert _cells(confusion) == [["1", "0", "0", "0"], ["0", "1", "1", "0"], ["0", "0", "0", "0"], ["0", "0", "1", "0"]]
    window.set_confusion_pair("karim", "karim")
    assert confusion.rowCount() == 0 and "two different" in window.confusion_note.text()
    assert window.chart.labels and window.chart.series
    window.layer_choice.setCurrentIndex(window.layer_choice.findText("area (documents)"))
    assert model.index(0, 0).data() == "(pooled)"


def _cells(model: ConfusionModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_documents_can_be_filtered_by_review_state(window: ReviewWindow, db: Database) -> None:
    window.state_filter.setCurrentIndex(window.state_filter.findData(CURATED))
    assert window.documents.count() == 0
    window.state_filter.setCurrentIndex(0)
    assert window.documents.count() == 1 and "[not reviewed]" in window.documents.itemText(0)


def test_the_document_chooser_follows_the_review_state_and_every_name_shows(
    window: ReviewWindow, qtbot: QtBot, db: Database
) -> None:
    assert "[not reviewed]" in window.documents.itemText(0)
    window.difference_view.setFocus()
    _press(qtbot, window, Qt.Key.Key_1)  # the first decision puts the document in review
    assert window.documents.itemText(0) == "Review me  [in review]"
    # The annotators chooser names who is chosen; a click opens every name whole, one per line, with
    # no scrollbar to hide one behind, and a tick there takes that annotator out.
    window.resize(1600, 1000)
    chooser = window.annotators
    assert chooser.text().startswith("amina, karim") and "(2 of 2)" in chooser.text()
    checked: list[bool] = []
    QTimer.singleShot(0, lambda: checked.append(_check_the_open_list(window)))
    qtbot.mouseClick(chooser, Qt.MouseButton.LeftButton)  # the popup's own event loop runs the check
    assert checked == [True]
    assert window.chosen_annotators() == ["karim"] and "(1 of 2)" in chooser.text()


def _check_the_open_list(window: ReviewWindow) -> bool:
    """Every name of the open list wholly in view, no scrollbar; then a click on amina's tick box."""
    names, menu = window.annotator_list, window.annotators.menu()
    try:
        assert menu is not None and menu.isVisible() and names.isVisible()
        assert not names.horizontalScrollBar().isVisible() and not names.verticalScrollBar().isVisible()
        viewport = names.viewport().rect()
        for row in range(names.count()):
            assert viewport.contains(names.visualItemRect(names.item(row))), names.item(row).text()
        first = names.visualItemRect(names.item(0))
        box = QPoint(first.left() + first.height() // 2, first.center().y())  # the tick box starts the line
        QTest.mouseClick(names.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, box)
        return True
    finally:
        if menu is not None:
            menu.close()


def _gold(db: Database, doc_id: int) -> set[tuple[str, str]]:
    return {(TEXT[s.start : s.end], s.label) for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])}


def test_decisions_are_undone_and_redone_with_the_keyboard(window: ReviewWindow, qtbot: QtBot, db: Database) -> None:
    c = window.controller
    doc_id = c.document.id if c.document else 0
    window.difference_view.setFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, window, Qt.Key.Key_1)  # accept amina's LOC الرباط
    assert _gold(db, doc_id) == {("الرباط", "LOC")} and c.differences[0].resolved
    _press(qtbot, window, Qt.Key.Key_J)
    _press(qtbot, window, Qt.Key.Key_X)  # reject both ORG spans: a rejection, nothing in gold
    assert c.differences[1].resolved
    _press(qtbot, window, Qt.Key.Key_J)
    window.run_dialog = _relabel("ORG")
    _press(qtbot, window, Qt.Key.Key_E)  # accept and edit Genève as ORG
    assert _gold(db, doc_id) == {("الرباط", "LOC"), ("Genève", "ORG")}
    window.confirm = lambda title, text: True
    _press(qtbot, window, Qt.Key.Key_A, ctrl | shift)  # accept all agreed: خالد خياري and the area
    assert ("خالد خياري", "PER") in _gold(db, doc_id)
    assert c.undo_stack.count() == 4 and window.undo_action.isEnabled()
    # Undo all four, newest first: the gold layer empties, the rejection no longer counts.
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)
    assert ("خالد خياري", "PER") not in _gold(db, doc_id)
    assert queries.document_labels(db, doc_id, [GOLD_ANNOTATOR]) == []
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)
    assert _gold(db, doc_id) == {("الرباط", "LOC")}
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)
    assert not c.differences[1].resolved
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)
    assert _gold(db, doc_id) == set() and not any(d.resolved for d in c.differences)
    assert not window.undo_action.isEnabled()
    # Redo all four: everything comes back as decided.
    for _ in range(4):
        _press(qtbot, window, Qt.Key.Key_Z, ctrl | shift)
    assert _gold(db, doc_id) == {("الرباط", "LOC"), ("Genève", "ORG"), ("خالد خياري", "PER")}
    assert all(d.resolved for d in c.differences)
    assert queries.document_labels(db, doc_id, [GOLD_ANNOTATOR]) == [(GOLD_ANNOTATOR, "area", "PEACE_SECURITY")]
    # Another reviewer changes a gold span meanwhile: undoing over it is refused and changes nothing.
    from curator.review.curation import CurationService

    geneve = next(s for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR]) if s.label == "ORG")
    CurationService(db, "colleague").edit_gold_span(geneve.id, geneve.version, label="LOC")
    window.undo_action.trigger()  # accept all agreed: untouched by the colleague, undone
    window.undo_action.trigger()  # accept and edit Genève: refused
    assert "cannot undo" in window.last_error
    assert ("Genève", "LOC") in _gold(db, doc_id)


def test_accept_and_edit_takes_the_boundaries_from_the_selection(
    window: ReviewWindow, qtbot: QtBot, db: Database
) -> None:
    c = window.controller
    doc_id = c.document.id if c.document else 0
    window.difference_view.setFocus()
    _press(qtbot, window, Qt.Key.Key_J)  # amina's "Conseil de sécurité", karim's "Conseil"
    assert c.current is not None and c.current.kinds == {"boundary"}
    _press(qtbot, window, Qt.Key.Key_2)  # karim's "Conseil" first; the reviewer then thinks better of it
    assert _gold(db, doc_id) == {("Conseil", "ORG")}
    start, end = _at("Conseil de sécurité")
    window.panes["karim"].select_offsets(start, end - 1)  # the reviewer's selection: one letter short

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, AcceptEditDialog)
        dialog.show()
        dialog.source.setCurrentIndex(1)  # start from karim's span
        assert (dialog.label.currentData(), dialog.start.value(), dialog.end.value()) == ("ORG", *_at("Conseil"))
        qtbot.mouseClick(dialog.use_selection, Qt.MouseButton.LeftButton)
        assert (dialog.start.value(), dialog.end.value()) == (start, end - 1)
        dialog.end.setFocus()
        qtbot.keyClick(dialog.end, Qt.Key.Key_Up)  # one more character
        assert dialog.excerpt.text() == "«Conseil de sécurité»"
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        dialog.start.setValue(end)  # an empty span cannot be accepted
        assert not ok.isEnabled()
        dialog.start.setValue(start)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    window.run_dialog = answer
    _press(qtbot, window, Qt.Key.Key_E)
    (gold,) = queries.spans(db, doc_id, [GOLD_ANNOTATOR])  # the edited span replaced "Conseil"
    assert (gold.label, gold.start, gold.end) == ("ORG", start, end)
    assert c.differences[1].resolved
    # Accepted and edited again, as amina's span with the label changed: it replaces the first one.
    window.run_dialog = _relabel("LOC")
    _press(qtbot, window, Qt.Key.Key_E)
    assert _gold(db, doc_id) == {("Conseil de sécurité", "LOC")}
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _gold(db, doc_id) == {("Conseil de sécurité", "ORG")}
    # Without a selection the boundaries stay as they are.
    window.panes["karim"].select_offsets(start, start)

    def no_selection(dialog: QDialog) -> bool:
        assert isinstance(dialog, AcceptEditDialog)
        assert not dialog.take_selection() and "Select the text" in dialog.excerpt.text()
        return False

    window.run_dialog = no_selection
    _press(qtbot, window, Qt.Key.Key_E)
    assert _gold(db, doc_id) == {("Conseil de sécurité", "ORG")}


CLAIM_TEXT = "Le ministre a déclaré que la paix est urgente."


@pytest.fixture
def claims(db: Database, qtbot: QtBot) -> ReviewWindow:
    start = CLAIM_TEXT.index("la paix")
    end = len(CLAIM_TEXT) - 1
    doc = DocumentIn(source="c.txt", line=1, text=CLAIM_TEXT, ext_id="c1", title="Claims")
    doc.spans = [
        SpanIn(
            "claim",
            "CLAIM",
            start,
            end,
            "amina",
            {"stance": "support", "type": "assessment", "area": "PEACE_SECURITY"},
        ),
        SpanIn("claim", "CLAIM", start, end, "karim", {"stance": "neutral", "type": "report_of_fact"}),
    ]
    write_batch(db, [doc], "test")
    w = open_review_window(db, "reviewer")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_accept_and_edit_sets_a_claims_attributes(claims: ReviewWindow, qtbot: QtBot, db: Database) -> None:
    c = claims.controller
    assert c.current is not None and c.current.kinds == {"attribute"}

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, AcceptEditDialog)
        dialog.show()
        assert sorted(dialog.attribute_widgets) == ["area", "stance", "type"]
        assert dialog.edited().attributes == {"stance": "support", "type": "assessment", "area": "PEACE_SECURITY"}
        dialog.source.setCurrentIndex(1)  # karim's reading of the claim, with the stance and area changed
        assert dialog.edited().attributes == {"stance": "neutral", "type": "report_of_fact"}
        dialog.set_attribute("stance", "support")
        dialog.set_attribute("area", "HUMANITARIAN")
        with pytest.raises(ValueError):
            dialog.set_attribute("stance", "furious")  # not a choice of the schema
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    claims.run_dialog = answer
    qtbot.keyClick(claims.difference_view, Qt.Key.Key_E)
    doc_id = c.document.id if c.document else 0
    (gold,) = queries.spans(db, doc_id, [GOLD_ANNOTATOR])
    assert gold.attributes == {"stance": "support", "type": "report_of_fact", "area": "HUMANITARIAN"}
    assert claims.panes[GOLD_ANNOTATOR].painted == [(gold.start, gold.end, "CLAIM")]
    # A claim's attribute cleared in the dialog is left out of the gold copy.

    def clear_area(dialog: QDialog) -> bool:
        assert isinstance(dialog, AcceptEditDialog)
        dialog.set_attribute("area", None)
        return True

    claims.run_dialog = clear_area
    qtbot.keyClick(claims.difference_view, Qt.Key.Key_E)
    (gold,) = queries.spans(db, doc_id, [GOLD_ANNOTATOR])
    assert gold.attributes == {"stance": "support", "type": "assessment"}


def test_review_states_and_comments_are_undone_with_the_keyboard(
    window: ReviewWindow, qtbot: QtBot, db: Database
) -> None:
    c = window.controller
    doc_id = c.document.id if c.document else 0
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    window.review_state.setCurrentIndex(window.review_state.findData(CURATED))
    window.review_state.activated.emit(window.review_state.currentIndex())
    assert review_state(db, doc_id) == CURATED
    qtbot.keyClicks(window.comment_text, "Check the dates.")
    qtbot.mouseClick(window.comment_button, Qt.MouseButton.LeftButton)
    assert window.comments.count() == 1 and c.undo_stack.count() == 2
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)  # the comment goes
    assert window.comments.count() == 0
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)  # the state goes back
    assert review_state(db, doc_id) == "not_reviewed"
    assert window.review_state.currentData() == "not_reviewed"
    _press(qtbot, window, Qt.Key.Key_Z, ctrl | shift)
    _press(qtbot, window, Qt.Key.Key_Z, ctrl | shift)
    assert review_state(db, doc_id) == CURATED and window.comments.count() == 1
    # A colleague moves the state on meanwhile: the undo is refused and their state stays.
    set_review_state(db, doc_id, IN_REVIEW, "colleague")
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)  # the comment: nobody replied, it goes
    _press(qtbot, window, Qt.Key.Key_Z, ctrl)
    assert "cannot undo" in window.last_error and review_state(db, doc_id) == IN_REVIEW
