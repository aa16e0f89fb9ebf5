"""File → Export…: the dialog runs the same exporters as ``curator export`` in a background thread,
with progress, the annotator / curated / layer / document choices, and a cancel that leaves nothing."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot
from toy_format import FILE as TOY_FILE
from toy_format import TOY

from curator.gui.export_dialog import BY_ID, CHOSEN_ANNOTATORS, CURATED, LISTED_DOCUMENTS, OPEN_DOCUMENT, ExportDialog
from curator.io import registry
from curator.io.export_service import ExportService
from curator.io.exporting import ExportRun, Writer
from curator.io.formats import FileFormat
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.review.curation import CurationService
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import GOLD_ANNOTATOR

pytestmark = pytest.mark.gui


@pytest.fixture
def corpus(sqlite_db: Database, seeds: Path, samples: Path) -> Database:
    import_paths(sqlite_db, [seeds, samples / "emoji_ar.txt", samples / "tashkeel_ar.txt"])
    ids = [row for row in queries.document_ids_by_ext(sqlite_db, _ext_ids(sqlite_db))]
    text = queries.document(sqlite_db, ids[0]).text  # type: ignore[union-attr]
    word = next(w for w in text.split() if len(w) > 4)
    start = text.index(word)
    for name, label in (("amina", "LOC"), ("karim", "ORG")):
        Editor(sqlite_db, name).add_span(ids[0], "entity", label, start, start + len(word))
    Editor(sqlite_db, "amina").set_document_label(ids[0], "area", "HUMANITARIAN", True)
    return sqlite_db


def _ext_ids(db: Database) -> list[str]:
    with db.read() as session:
        from sqlalchemy import select

        from curator.store.models import Document

        return list(session.scalars(select(Document.ext_id).order_by(Document.id)))


def _dialog(
    qtbot: QtBot, db: Database, open_document: int | None = None, listed: Callable | None = None
) -> ExportDialog:
    dialog = ExportDialog(ExportService(db), open_document, listed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _finish(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20_000)  # shown by the dialog
    assert dialog.job is not None
    dialog.job.wait()


def test_export_jsonl_from_the_dialog_equals_the_command_line_export(
    corpus: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, corpus)
    dialog.set_format("jsonl")
    assert not dialog.csv_mode.isVisible()
    out = tmp_path / "window.jsonl"
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.running() or dialog.job is not None
    _finish(qtbot, dialog)
    assert dialog.job is not None and dialog.job.outcome == "succeeded", dialog.last_error
    documents = queries.count_documents(corpus)
    assert dialog.result_count == documents
    assert dialog.progress.value() == dialog.progress.maximum() == documents
    assert "Exported 7 documents" in dialog.state.text()
    reference = tmp_path / "cli.jsonl"
    export("jsonl", corpus, reference)
    assert out.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_a_format_added_to_the_registry_is_offered_and_exported_from_the_dialog(
    corpus: Database, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(registry.FORMATS, TOY.name, TOY)
    dialog = _dialog(qtbot, corpus)
    offered = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert offered == [*registry.export_names()] and offered[-1] == "toy"
    qtbot.keyClicks(dialog.format_box, "toy")  # the combo box jumps to the item typed
    assert dialog.format.name == "toy"
    assert dialog.format_box.itemData(dialog.format_box.currentIndex(), Qt.ItemDataRole.ToolTipRole) == TOY.description
    qtbot.keyClicks(dialog.path, str(tmp_path / "toy"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _finish(qtbot, dialog)
    assert dialog.job is not None and dialog.job.outcome == "succeeded", dialog.last_error
    lines = (tmp_path / "toy" / TOY_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == dialog.result_count == queries.count_documents(corpus)
    assert "Format: **toy**" in (tmp_path / "toy" / "README.md").read_text(encoding="utf-8")


def test_annotator_layer_and_document_choices_reach_the_exporter(
    corpus: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    first = _ext_ids(corpus)[0]
    dialog = _dialog(qtbot, corpus)
    dialog.set_format("jsonl")
    dialog.path.setText(str(tmp_path / "chosen.jsonl"))
    for i in range(dialog.annotators.count()):
        item = dialog.annotators.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() == "karim" else Qt.CheckState.Unchecked)
    assert dialog.whose_buttons[CHOSEN_ANNOTATORS].isChecked()
    for i in range(dialog.layers.count()):
        item = dialog.layers.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() == "entity" else Qt.CheckState.Unchecked)
    qtbot.keyClicks(dialog.ids, "no-such-id")
    assert dialog.which_buttons[BY_ID].isChecked()
    assert dialog.start() is None and "not in the database" in dialog.last_error
    dialog.ids.setText(first)
    dialog.start()
    _finish(qtbot, dialog)
    (line,) = (tmp_path / "chosen.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["id"] == first
    assert {a["annotator"] for a in record["annotations"]} == {"karim"}
    assert {a["label"] for a in record["annotations"]} == {"ORG"}
    assert not record.get("doc_labels")


def test_curated_and_listed_documents(corpus: Database, qtbot: QtBot, tmp_path: Path) -> None:
    doc_id = queries.document_ids_by_ext(corpus, _ext_ids(corpus)[:1])[0]
    (span,) = queries.spans(corpus, doc_id, ["amina"])
    CurationService(corpus, "reviewer").accept_span(span.id)
    dialog = _dialog(qtbot, corpus, open_document=doc_id, listed=lambda: [doc_id])
    assert dialog.whose_buttons[CURATED].isEnabled()
    dialog.whose_buttons[CURATED].setChecked(True)
    dialog.which_buttons[LISTED_DOCUMENTS].setChecked(True)
    dialog.set_format("jsonl")
    dialog.path.setText(str(tmp_path / "gold.jsonl"))
    dialog.start()
    _finish(qtbot, dialog)
    (line,) = (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert {a["annotator"] for a in json.loads(line)["annotations"]} == {GOLD_ANNOTATOR}
    assert dialog.progress.maximum() == 1


def test_the_dialog_says_how_many_documents_it_will_export_before_it_runs(
    corpus: Database, open_window: Callable, qtbot: QtBot
) -> None:
    window, _hand = open_window(corpus)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    qtbot.keyClick(
        window.text_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    bar = dialog.progress
    assert bar.text() == "7 documents will be exported"  # not "0 of 100 documents"
    _choose(qtbot, dialog.which_buttons[OPEN_DOCUMENT])
    assert bar.text() == "1 document will be exported"
    _choose(qtbot, dialog.which_buttons[BY_ID])
    assert bar.text() == "0 documents will be exported"
    qtbot.keyClicks(dialog.ids, ",".join(_ext_ids(corpus)[:2]))
    assert bar.text() == "2 documents will be exported"
    dialog.close()
    # The list's filter: what the list counts.
    window.documents.language_filter.setCurrentIndex(window.documents.language_filter.findData("fr"))
    dialog = window.open_export()
    _choose(qtbot, dialog.which_buttons[LISTED_DOCUMENTS])
    assert window.document_model.rowCount() == 1 and bar.text() == "1 document will be exported"
    dialog.close()


def _choose(qtbot: QtBot, button: QRadioButton) -> None:
    """Click a radio button on its round indicator (a click beyond its label does nothing)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def _slow(release: threading.Event, per_document: float = 0.0, name: str = "jsonl") -> FileFormat:
    """The real format ``name``, but its writer waits for ``release`` first and dawdles on every document."""
    real = registry.FORMATS[name]
    load_real = real.writer
    assert load_real is not None

    def load() -> Writer:
        write = load_real()

        def writer(run: ExportRun) -> int:
            progress = run.progress
            assert progress is not None

            def slow_progress(n: int) -> None:
                time.sleep(per_document)
                progress(n)

            release.wait(10)
            run.progress = slow_progress
            return write(run)

        return writer

    return replace(real, writer=load)


def test_cancel_stops_the_export_and_leaves_nothing_while_the_window_stays_responsive(
    corpus: Database, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setitem(registry.FORMATS, "jsonl", _slow(release, 0.2))
    dialog = _dialog(qtbot, corpus)
    dialog.set_format("jsonl")
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "cancelled.jsonl"
    dialog.path.setText(str(out))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    dialog.start()
    release.set()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=10_000)
    assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    _finish(qtbot, dialog)
    timer.stop()
    assert dialog.job is not None and dialog.job.outcome == "cancelled"
    assert "cancelled" in dialog.state.text()
    assert list(out.parent.iterdir()) == []  # nothing left behind
    assert len(ticks) >= 5  # the event loop kept running during the export


def test_a_real_exporter_cancelled_before_its_first_document_leaves_nothing(
    corpus: Database, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setitem(registry.FORMATS, "brat", _slow(release, name="brat"))
    dialog = _dialog(qtbot, corpus)
    dialog.set_format("brat")
    out = tmp_path / "brat"
    dialog.path.setText(str(out))
    job = dialog.start()
    assert job is not None
    job.cancel()
    release.set()
    _finish(qtbot, dialog)
    assert job.outcome == "cancelled"
    assert not out.exists() or list(out.iterdir()) == []


def test_closing_the_dialog_during_an_export_waits_for_the_thread(
    corpus: Database, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setitem(registry.FORMATS, "jsonl", _slow(release, 0.05))
    dialog = _dialog(qtbot, corpus)
    dialog.set_format("jsonl")
    dialog.path.setText(str(tmp_path / "x.jsonl"))
    job = dialog.start()
    assert job is not None
    release.set()
    dialog.reject()
    assert not job.isRunning() and job.outcome == "cancelled"
