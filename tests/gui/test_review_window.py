"""The review window driven like a reviewer would: keys to step and decide, the gold layer filled,
the agreement table showing the core's figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from curator.gui.review import ReviewWindow
from curator.io.records import DocLabelIn, DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.report import format_figure
from curator.review.states import CURATED, IN_REVIEW, review_state
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
    w = ReviewWindow(db, "reviewer")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


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
    window.choose_label = lambda labels, current: "ORG"
    _press(qtbot, window, Qt.Key.Key_E)  # accept amina's Genève, edited to ORG
    assert all(d.resolved for d in c.differences)
    seen: list[str] = []
    window.confirm = lambda title, text: seen.append(text) is None
    _press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen and "1 spans, 0 relations, 1 document labels" in seen[0]
    doc_id = c.document.id if c.document else 0
    gold = {(TEXT[s.start : s.end], s.label) for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])}
    assert gold == {("الرباط", "LOC"), ("Genève", "ORG"), ("خالد خياري", "PER")}
    assert queries.document_labels(db, doc_id, [GOLD_ANNOTATOR]) == [(GOLD_ANNOTATOR, "area", "PEACE_SECURITY")]
    assert sorted(window.panes[GOLD_ANNOTATOR].painted) == sorted(
        [(*_at("الرباط"), "LOC"), (*_at("Genève"), "ORG"), (*_at("خالد خياري"), "PER")]
    )
    # Deciding started the review; the reviewer marks it curated.
    assert review_state(db, doc_id) == IN_REVIEW
    window.review_state.setCurrentIndex(window.review_state.findData(CURATED))
    window.review_state.activated.emit(window.review_state.currentIndex())
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
    assert overall == [
        "(all labels)",
        format_figure(pair["exact"]["f1"]),
        format_figure(pair["overlap"]["f1"]),
        format_figure(entity["alpha"]),
    ]
    # Exact: PER only of amina 4 / karim 3 spans -> F1 2/7; overlap adds Conseil -> 4/7.
    assert overall[1] == format_figure(2 / 7) and overall[2] == format_figure(4 / 7)
    assert window.chart.labels and window.chart.series
    window.layer_choice.setCurrentIndex(window.layer_choice.findText("area (documents)"))
    assert model.index(0, 0).data() == "(pooled)"


def test_documents_can_be_filtered_by_review_state(window: ReviewWindow, db: Database) -> None:
    window.state_filter.setCurrentIndex(window.state_filter.findData(CURATED))
    assert window.documents.count() == 0
    window.state_filter.setCurrentIndex(0)
    assert window.documents.count() == 1 and "[not reviewed]" in window.documents.itemText(0)


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
    window.choose_label = lambda labels, current: "ORG"
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
