"""Backups while curators edit, restore, rotation, read-only opening and the doctor's findings."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from curator.io.importer import import_paths
from curator.store import queries
from curator.store.backup import BackupError, backup, restore, rotate
from curator.store.database import Database, ReadOnlyDatabase
from curator.store.doctor import diagnose
from curator.store.editing import Editor


@pytest.fixture
def corpus(sqlite_db: Database, seeds: Path) -> Database:
    import_paths(sqlite_db, [seeds])
    return sqlite_db


def test_a_backup_taken_during_edits_is_consistent_and_opens(corpus: Database, tmp_path: Path) -> None:
    editor = Editor(corpus, "amina")
    stop = threading.Event()
    saved: list[int] = []

    def keep_editing() -> None:
        while not stop.is_set():
            saved.append(editor.add_span(1, "entity", "ORG", 0, 5 + len(saved) % 20).id)

    worker = threading.Thread(target=keep_editing)
    worker.start()
    try:
        while len(saved) < 20:
            pass
        copies = [backup(corpus, tmp_path / f"copy{i}.sqlite") for i in range(3)]
    finally:
        stop.set()
        worker.join()
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        reopened = Database(f"sqlite:///{copy}")
        assert queries.count_documents(reopened) == 5
        reopened.dispose()
    assert not list(tmp_path.glob("*.part"))


def test_restore_brings_back_the_backed_up_state(corpus: Database, tmp_path: Path) -> None:
    copy = backup(corpus, tmp_path / "before.sqlite")
    Editor(corpus, "amina").add_span(1, "entity", "ORG", 0, 5)
    restore(corpus, copy)
    again = Database(corpus.url)
    assert queries.spans(again, 1) == []
    again.dispose()


def test_restore_refuses_a_damaged_or_foreign_file(corpus: Database, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises((BackupError, sqlite3.DatabaseError)):
        restore(corpus, junk)
    with pytest.raises(BackupError, match="no such backup"):
        restore(corpus, tmp_path / "missing.sqlite")


def test_rotation_keeps_the_newest_backups(corpus: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    made = [rotate(corpus, folder, keep=3, every=timedelta(0)) for _ in range(5)]
    assert all(made)
    assert len(list(folder.glob("curator-*.sqlite"))) == 3
    assert rotate(corpus, folder, keep=3, every=timedelta(days=1)) is None


@pytest.mark.postgres
def test_postgres_databases_are_not_backed_up_here(postgres_url: str, tmp_path: Path) -> None:
    db = Database(postgres_url)
    with pytest.raises(BackupError, match="pg_dump"):
        backup(db, tmp_path / "x.sqlite")
    db.dispose()


def _newer(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()


def test_a_database_from_a_newer_curator_opens_read_only(corpus: Database) -> None:
    corpus.dispose()
    _newer(corpus.url)
    db, notice = Database.open_for_user(corpus.url)
    assert db.read_only and notice and "newer Curator" in notice
    assert queries.count_documents(db) == 5
    with pytest.raises(ReadOnlyDatabase):
        Editor(db, "amina").add_span(1, "entity", "ORG", 0, 5)
    engine = create_engine(corpus.url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"
    engine.dispose()
    db.dispose()


def test_doctor_finds_nothing_wrong_on_a_healthy_database(corpus: Database) -> None:
    Editor(corpus, "amina").add_span(1, "entity", "ORG", 0, 5)
    report = diagnose(corpus.engine, corpus.schema)
    assert report.ok, report.findings
    assert "integrity_check" in report.checked


def test_doctor_finds_orphans_changed_texts_and_misfit_spans(corpus: Database) -> None:
    span = Editor(corpus, "amina").add_span(2, "entity", "ORG", 0, 5)
    path = corpus.url.removeprefix("sqlite:///")
    corpus.dispose()
    with sqlite3.connect(path) as conn:  # damage it the way a careless script would, foreign keys off
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE documents SET text = 'abc' WHERE id = 2")
        conn.execute("DELETE FROM documents WHERE id = 3")
        conn.execute(
            'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, created_at, '
            "updated_at, version) SELECT 3, annotator_id, label_id, 0, 2, '{}', '', created_at, updated_at, 1 "
            f"FROM spans WHERE id = {span.id}"
        )
    conn.close()
    report = diagnose(Database(corpus.url, read_only=True).engine, corpus.schema)
    text_of_findings = "\n".join(report.findings)
    assert "1 spans without a document" in text_of_findings
    assert "text changed outside Curator" in text_of_findings
    assert f"span {span.id}: span 0-5 is outside the text" in text_of_findings


def test_doctor_reports_a_newer_database_without_touching_it(corpus: Database) -> None:
    corpus.dispose()
    _newer(corpus.url)
    report = diagnose(create_engine(corpus.url), None)
    assert report.findings == [
        "made by a newer Curator (revision 9999_future); it is opened read-only and never migrated down"
    ]
