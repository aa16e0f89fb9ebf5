"""Backups from the window (rotating, in the background; back up now; restore and reopen), titles and
names shown with their bidi controls visible, and the document list's review-state filter."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from curator.gui import main_window
from curator.gui.backups import Backups, backups_folder
from curator.gui.review import open_review_window
from curator.paths import user_data_dir
from curator.records import DocumentIn, SpanIn
from curator.review.comments import add_comment
from curator.review.states import CURATED, IN_REVIEW, set_review_state
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.editing import Editor

pytestmark = pytest.mark.gui

SNEAKY = "report\u202etxt.exe"  # shows as "reportexe.txt" when the control is obeyed


@pytest.fixture
def three(db: Database) -> tuple[Database, list[int]]:
    docs = [
        DocumentIn(source="a.txt", line=1, text="قال خالد خياري في الرباط.", ext_id="a", title=SNEAKY),
        DocumentIn(source="b.txt", line=1, text="Le Conseil de sécurité siège.", ext_id="b", title="Conseil"),
        DocumentIn(source="c.txt", line=1, text="غزة والسودان.", ext_id="c", title="غزة"),
    ]
    docs[0].spans = [SpanIn("entity", "PER", 4, 14, "amina"), SpanIn("entity", "PER", 4, 14, "karim")]
    write_batch(db, docs, "test")
    return db, queries.document_ids_by_ext(db, ["a", "b", "c"])


def _check(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        result = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    conn.close()
    return result


def test_the_window_rotates_backups_in_the_background_into_the_user_data_folder(
    sqlite_db: Database, qtbot: QtBot
) -> None:
    backups = Backups(sqlite_db)
    assert backups.folder == user_data_dir() / "backups" == backups_folder()
    backups.start(delay_ms=0)
    qtbot.waitUntil(lambda: backups.last_backup is not None, timeout=10_000)
    backups.stop()
    (made,) = list(backups.folder.glob("curator-*.sqlite"))
    assert made == backups.last_backup and _check(made) == "ok"
    # A recent backup exists: the next rotation writes nothing.
    job = backups.rotate_now()
    assert job is not None
    job.wait()
    QApplication.processEvents()
    assert len(list(backups.folder.glob("curator-*.sqlite"))) == 1


def test_backups_are_offered_on_sqlite_only(db: Database, open_window: Callable) -> None:
    window, _hand = open_window(db)
    assert window.backup_action.isEnabled() == db.is_sqlite == window.restore_action.isEnabled()
    assert window.backups.rotate_now() is None or db.is_sqlite


def test_back_up_now_and_restore_reopen_the_window_on_the_restored_database(
    sqlite_db: Database, open_window: Callable, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = DocumentIn(source="a.txt", line=1, text="قال خالد خياري في الرباط.", ext_id="a", title="A")
    write_batch(sqlite_db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(sqlite_db, ["a"])
    window, hand = open_window(sqlite_db, doc_id)
    backups = window.backups
    copy = tmp_path / "kept" / "by-hand.sqlite"
    copy.parent.mkdir()
    backups.ask_save_path = lambda suggested: copy
    job = backups.back_up_now()
    assert job is not None
    qtbot.waitUntil(lambda: backups.last_backup == copy, timeout=10_000)
    assert _check(copy) == "ok"
    # Work after the backup, then restore: asked first; "no" changes nothing.
    hand.drag(*hand.word("خالد خياري"))  # 4-14
    hand.key(Qt.Key.Key_P)
    assert len(queries.spans(sqlite_db, doc_id, ["amina"])) == 1
    backups.ask_backup = lambda folder: copy
    questions: list[str] = []
    backups.confirm = lambda title, text: bool(questions.append(text))
    assert not backups.restore_from_backup()
    assert len(queries.spans(sqlite_db, doc_id, ["amina"])) == 1
    backups.confirm = lambda title, text: True
    assert backups.restore_from_backup()
    assert "by-hand.sqlite" in questions[0] and "backed up first" in questions[0]
    reopened = main_window.REOPENED[-1]
    qtbot.addWidget(reopened)
    assert reopened is not window and reopened.isVisible() and not window.isVisible()
    assert queries.spans(reopened.workspace.db, doc_id, ["amina"]) == []
    qtbot.waitUntil(lambda: reopened.workspace.doc.id == doc_id)
    assert len(reopened.workspace.doc.spans) == 0
    # The state before the restore was kept as a backup of its own.
    (before,) = list(backups.folder.glob("*-before-restore.sqlite"))
    with sqlite3.connect(before) as conn:
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 1
    conn.close()
    reopened.close()
    main_window.REOPENED.remove(reopened)
    reopened.workspace.db.dispose()


def test_titles_and_names_show_bidi_controls_in_the_window(
    three: tuple[Database, list[int]], open_window: Callable, qtbot: QtBot
) -> None:
    db, ids = three
    (span,) = queries.spans(db, ids[0], ["amina"])
    Editor(db, "amina").update_span(span.id, span.version, note="ok \u202eevil")
    window, _hand = open_window(db, ids[0])
    assert "report⟦RLO⟧txt.exe" in window.windowTitle()
    assert window.annotation_model.index(0, 4).data() == "ok ⟦RLO⟧evil"  # the note column
    qtbot.waitUntil(lambda: window.document_model.rowCount() == 3)
    assert window.document_model.index(0, 0).data() == "report⟦RLO⟧txt.exe"
    assert window.document_model.index(2, 0).data() == "غزة"  # plain titles stay as they are


def test_the_review_window_shows_bidi_controls_in_titles_names_and_comments(
    three: tuple[Database, list[int]], qtbot: QtBot
) -> None:
    db, ids = three
    add_comment(db, ids[0], "karim\u202e", "see \u2067this\u2069 first")
    window = open_review_window(db, "reviewer")
    qtbot.addWidget(window)
    window.show()
    assert window.documents.itemText(0).startswith("report⟦RLO⟧txt.exe")
    window.select_document(ids[0])
    texts = [window.comments.item(i).text() for i in range(window.comments.count())]
    assert texts and texts[0].startswith("karim⟦RLO⟧, ") and texts[0].endswith("see ⟦RLI⟧this⟦PDI⟧ first")
    assert window.chosen_annotators() == ["amina", "karim"]


def test_the_document_list_filters_by_review_state(
    three: tuple[Database, list[int]], open_window: Callable, qtbot: QtBot
) -> None:
    db, ids = three
    set_review_state(db, ids[1], CURATED, "reviewer")
    set_review_state(db, ids[2], IN_REVIEW, "reviewer")
    window, _hand = open_window(db, ids[0], poll_ms=50)  # the reviewer's change comes with a poll: a quick one
    panel, model = window.documents, window.document_model
    combo = panel.review_filter
    combo.setCurrentIndex(combo.findData(CURATED))
    assert [model.document_at(r).id for r in range(model.rowCount())] == [ids[1]]  # type: ignore[union-attr]
    assert panel.count.text().startswith("1 ")
    assert panel.adjacent(None, True) == ids[1] and panel.adjacent(ids[1], True) is None
    combo.setCurrentIndex(combo.findData("not_reviewed"))
    assert [model.document_at(r).id for r in range(model.rowCount())] == [ids[0]]  # type: ignore[union-attr]
    # Combined with the annotator's status filter.
    Editor(db, "amina").set_status(ids[0], "done")
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("in_progress"))
    assert model.rowCount() == 0 and panel.count.text().startswith("0 ")
    panel.status_filter.setCurrentIndex(0)
    combo.setCurrentIndex(0)
    assert model.rowCount() == 3
    # A reviewer curating a document elsewhere: the filtered list follows.
    combo.setCurrentIndex(combo.findData(CURATED))
    set_review_state(db, ids[0], CURATED, "reviewer")
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)


def test_a_bidi_control_in_a_label_name_of_the_schema_is_shown(qtbot: QtBot) -> None:
    """A project's schema is input too: "Per<RLO>son" must not pass for another label in the palette."""
    from curator.gui.label_catalog import LabelCatalog
    from curator.gui.label_palette import LabelPalette
    from curator.paths import default_schema_path
    from curator.schema.loader import parse_schema

    source = default_schema_path().read_text(encoding="utf-8").replace('en: "Person"', 'en: "Per\\u202eson"')
    catalog = LabelCatalog(parse_schema(source, "project.yaml"), "en")
    assert catalog.name("entity", "PER") == "Per⟦RLO⟧son"
    palette = LabelPalette(catalog)
    qtbot.addWidget(palette)
    assert palette.label_actions[("entity", "PER")].text().startswith("Per⟦RLO⟧son")
