"""One attribute editor for the side panel and the review dialog: a stored value the schema does not
list (a retired choice) is shown, marked as not in the schema, and kept unless the curator changes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from curator.gui.attribute_editor import AttributeChoice, AttributeEditor, AttributeText
from curator.gui.main_window import MainWindow
from curator.gui.review.edit_dialog import AcceptEditDialog
from curator.records import DocumentIn, SpanIn
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import Span

pytestmark = pytest.mark.gui

TEXT = "قال خالد خياري إن التعاون مستمر في الرباط."


def _claim(db: Database) -> tuple[int, int]:
    """A claim whose stance, "furious", is a choice the schema no longer lists (stored before it changed)."""
    start, end = 0, TEXT.index(" في")
    doc = DocumentIn(source="c.txt", line=1, text=TEXT, ext_id="c1", title="Claims")
    doc.spans = [SpanIn("claim", "CLAIM", start, end, "amina", {"stance": "support", "area": "HUMANITARIAN"})]
    write_batch(db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(db, ["c1"])
    (span,) = queries.spans(db, doc_id, ["amina"])
    with db.write() as session:
        stored = session.get(Span, span.id)
        assert stored is not None
        stored.attributes = {"stance": "furious", "area": "HUMANITARIAN", "type": ["assessment", "commitment"]}
    return doc_id, span.id


def test_an_unlisted_value_is_shown_marked_and_given_back_unchanged(qapp: QApplication, sqlite_db: Database) -> None:
    claim = sqlite_db.schema.label("claim", "CLAIM")
    assert claim is not None
    editor = AttributeEditor(sqlite_db.schema, claim.attributes)
    changes: list[tuple[str, Any]] = []
    editor.edited.connect(lambda key, value: changes.append((key, value)))
    stored = {"stance": "furious", "type": ["assessment", "commitment"], "area": "HUMANITARIAN"}
    editor.show_values(stored)
    stance, kind = editor.fields["stance"], editor.fields["type"]
    assert isinstance(stance, AttributeChoice) and isinstance(kind, AttributeChoice)
    assert stance.currentText() == "furious (not in the schema)" and stance.shows_unlisted()
    assert kind.currentText() == "assessment, commitment (not in the schema)"
    area = editor.fields["area"]
    assert isinstance(area, AttributeChoice) and not area.shows_unlisted() and area.value() == "HUMANITARIAN"
    assert editor.values() == stored  # kept as stored, the list's type too
    assert changes == []  # showing is not editing
    # The curator picks a listed stance: that is a change, and the marked item stays to go back to.
    stance.setCurrentIndex(stance.findData("oppose"))
    stance.activated.emit(stance.currentIndex())
    assert changes == [("stance", "oppose")] and editor.values()["stance"] == "oppose"
    # Another span's values: the old unlisted item goes; a value of the list is not marked.
    editor.show_values({"stance": "neutral"})
    assert stance.findData("furious") < 0 and stance.count() == 4 and not stance.shows_unlisted()
    assert editor.values() == {"stance": "neutral", "type": None, "area": None}
    with pytest.raises(ValueError):
        editor.choose("stance", "furious")  # not offered once no span holds it


def test_a_text_attribute_keeps_a_stored_value_that_is_not_text(qapp: QApplication) -> None:
    line = AttributeText()
    line.show_value(["a", "b"])
    assert line.text() == "a, b" and line.value() == ["a", "b"]
    line.setText("c")
    assert line.value() == "c"


def test_the_side_panel_shows_and_keeps_an_unlisted_stance(
    sqlite_db: Database, open_window: Callable[..., tuple[MainWindow, Any]], qtbot: QtBot
) -> None:
    doc_id, span_id = _claim(sqlite_db)
    window, hand = open_window(sqlite_db, doc_id)
    hand.click(2)
    assert window.workspace.doc.current_span is not None and window.workspace.doc.current_span.id == span_id
    panel = window.span_panel
    stance = panel.attribute_widgets["stance"]
    assert isinstance(stance, QComboBox) and stance.currentText() == "furious (not in the schema)"
    # Changing the area, by hand, never drops the stance: the edit carries it as stored.
    area = panel.attribute_widgets["area"]
    assert isinstance(area, QComboBox)
    area.setCurrentIndex(area.findData("HEALTH"))
    area.activated.emit(area.currentIndex())
    (stored,) = queries.spans(sqlite_db, doc_id, ["amina"])
    assert stored.attributes["stance"] == "furious" and stored.attributes["area"] == "HEALTH"
    stance = panel.attribute_widgets["stance"]
    assert isinstance(stance, QComboBox) and stance.currentText() == "furious (not in the schema)"
    # Choosing a stance of the schema replaces it.
    stance.setCurrentIndex(stance.findData("neutral"))
    stance.activated.emit(stance.currentIndex())
    (stored,) = queries.spans(sqlite_db, doc_id, ["amina"])
    assert stored.attributes["stance"] == "neutral"


def test_the_review_dialog_keeps_an_unlisted_stance_unless_changed(qtbot: QtBot, sqlite_db: Database) -> None:
    doc_id, _span_id = _claim(sqlite_db)
    (span,) = queries.spans(sqlite_db, doc_id, ["amina"])
    dialog = AcceptEditDialog(sqlite_db.schema, TEXT, [span])
    qtbot.addWidget(dialog)
    stance = dialog.attribute("stance")
    assert isinstance(stance, AttributeChoice) and stance.currentText() == "furious (not in the schema)"
    assert dialog.edited().attributes == {
        "stance": "furious",
        "type": ["assessment", "commitment"],
        "area": "HUMANITARIAN",
    }
    dialog.set_attribute("stance", "support")
    assert dialog.edited().attributes["stance"] == "support"
    dialog.set_attribute("stance", "furious")  # still offered: it is the span's own
    assert dialog.edited().attributes["stance"] == "furious"
    qtbot.keyClick(dialog.attribute("area"), Qt.Key.Key_Down)  # the curator steps to another area
    assert dialog.edited().attributes["area"] != "HUMANITARIAN"
