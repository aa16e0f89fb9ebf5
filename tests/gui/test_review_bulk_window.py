"""The review window's corpus tools: documents by their agreement with the differences left, the
disagreement list exported, and a bulk acceptance previewed, made and undone in one step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from curator.gui.review import ReviewWindow, open_review_window
from curator.gui.review.bulk_dialog import BulkAcceptDialog
from curator.records import DocumentIn, SpanIn
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR

pytestmark = pytest.mark.gui

TEXT = "قالت منظمة التعاون الإسلامي إن الاجتماع في جدة."
WHOLE, SHORT, END = TEXT.index("منظمة"), TEXT.index("التعاون"), TEXT.index(" إن")
CITY = (TEXT.index("جدة"), TEXT.index("جدة") + 3)
NAMES = ["amina", "karim", "lea"]


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> ReviewWindow:
    # "agree": all three mark the organisation and the city. "differ": the organisation is marked
    # whole by amina and karim, short by lea; only amina marks the city.
    agree = DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="agree", title="متفقة")
    agree.spans = [SpanIn("entity", "ORG", WHOLE, END, w) for w in NAMES]
    agree.spans += [SpanIn("entity", "LOC", *CITY, w) for w in NAMES]
    differ = DocumentIn(source="d.txt", line=1, text=TEXT, ext_id="differ", title="مختلفة")
    differ.spans = [SpanIn("entity", "ORG", WHOLE, END, w) for w in ("amina", "karim")]
    differ.spans += [SpanIn("entity", "ORG", SHORT, END, "lea"), SpanIn("entity", "LOC", *CITY, "amina")]
    write_batch(db, [agree, differ], "test")
    w = open_review_window(db, "reviewer")
    qtbot.addWidget(w)
    w.set_annotators(NAMES)
    w.show()
    qtbot.waitExposed(w)
    return w


def _ids(db: Database) -> tuple[int, int]:
    agree, differ = (queries.document_ids_by_ext(db, [e])[0] for e in ("agree", "differ"))
    return agree, differ


def test_documents_by_lowest_agreement_with_the_differences_left(
    window: ReviewWindow, db: Database, qtmodeltester: object
) -> None:
    agree, differ = _ids(db)
    rows = window.compute_document_figures()
    assert [r["document"] for r in rows] == ["differ", "agree"]
    model = window.document_figures
    assert model.rowCount() == 2 and model.headerData(3, Qt.Orientation.Horizontal) == "differences left"
    assert model.index(0, 0).data() == "differ" and model.index(0, 3).data() == "2"
    assert model.index(1, 3).data() == "0" and model.index(1, 4).data() == "1.000"
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == "agree"
    # The chooser lists the least agreed document first when asked to.
    window.document_order.setCurrentIndex(window.document_order.findData("agreement"))
    assert window.documents.itemData(0) == differ and window.documents.itemData(1) == agree


def test_the_disagreement_list_is_exported(window: ReviewWindow, tmp_path: Path) -> None:
    out = tmp_path / "list.json"
    window.choose_save_path = lambda: str(out)
    window.export_button.click()
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["document"], r["kind"]) for r in rows] == [("differ", "boundary"), ("differ", "missing")]
    assert "wrote 2 disagreements" in window.statusBar().currentMessage()


def test_a_majority_is_previewed_accepted_and_undone_in_one_step(window: ReviewWindow, db: Database) -> None:
    agree, differ = _ids(db)
    seen: list[str] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, BulkAcceptDialog)
        assert dialog.k.value() == 2  # a majority of three by default
        dialog.scope.setCurrentIndex(dialog.scope.findData("all"))
        seen.append(dialog.preview_text.toPlainText())
        return True

    window.run_dialog = answer
    window.bulk_button.click()
    assert seen and "3 spans, 0 relations, 0 document labels on 2 documents" in seen[0]

    def gold(doc: int) -> set[tuple[str, int, int]]:
        return {(s.label, s.start, s.end) for s in queries.spans(db, doc, [GOLD_ANNOTATOR])}

    assert gold(agree) == {("ORG", WHOLE, END), ("LOC", *CITY)}
    assert gold(differ) == {("ORG", WHOLE, END)}  # lea's short form and amina's lone city stay out
    window.undo_action.trigger()
    assert gold(agree) == set() and gold(differ) == set()
    window.redo_action.trigger()
    assert gold(differ) == {("ORG", WHOLE, END)}
