"""The store: migrations, SQLite settings, foreign keys, append-only history."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, inspect, text, update
from sqlalchemy.exc import DatabaseError

from curator.io.importer import import_paths
from curator.store import migrations
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import HistoryEntry, Span


def test_a_new_database_is_created_at_the_head_revision(db: Database) -> None:
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert {"documents", "spans", "relations", "document_labels", "document_status", "history", "annotators"} <= tables


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_opening_an_older_database_upgrades_it_and_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    revisions = migrations.all_revisions()
    engine = create_engine(url)
    migrations.upgrade(engine, revisions[0])
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (ext_id, title, source, language, direction, text, length, content_sha256, "
                "newline, had_bom, meta, created_at) VALUES ('old', 'Old', 'old.txt', 'fr', 'ltr', 'Texte ancien', 12, "
                "'abc', 'lf', 0, '{}', '2024-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db = Database(url)
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    with db.read() as session:
        assert session.execute(text("SELECT text FROM documents WHERE ext_id = 'old'")).scalar() == "Texte ancien"
    db.dispose()


def test_a_database_from_a_newer_curator_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    Database(url).dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(migrations.NewerDatabase, match="newer Curator"):
        Database(url)


def test_deleting_a_document_leaves_no_orphaned_spans(db: Database, samples: Path) -> None:
    import_paths(db, [samples / "preannotated.jsonl"])
    with db.write() as session:
        session.execute(text("DELETE FROM documents"))
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM spans")).scalar() == 0


def test_a_span_pointing_at_no_document_is_refused_by_the_database(db: Database) -> None:
    with pytest.raises(DatabaseError), db.write() as session:
        session.execute(
            text(
                'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, created_at, '
                "updated_at, version) VALUES (999, 999, 999, 0, 1, '{}', '', '2024-01-01', '2024-01-01', 1)"
            )
        )


def test_history_is_append_only(db: Database, seeds: Path) -> None:
    import_paths(db, [seeds])
    Editor(db, "amina").add_span(1, "entity", "ORG", 0, 5)
    for statement in (update(HistoryEntry).values(annotator="mallory"), delete(HistoryEntry)):
        with pytest.raises(DatabaseError, match="append-only"), db.write() as session:
            session.execute(statement)
    with db.read() as session:
        assert session.query(HistoryEntry).filter_by(annotator="amina", kind="span").count() == 1


def test_offsets_check_constraint_refuses_empty_spans(db: Database, seeds: Path) -> None:
    import_paths(db, [seeds])
    span = Editor(db, "amina").add_span(1, "entity", "ORG", 0, 5)
    with pytest.raises(DatabaseError), db.write() as session:
        session.execute(update(Span).where(Span.id == span.id).values(end=0))


def test_the_head_constant_is_alembics_head() -> None:
    """Opening a current database skips Alembic by comparing with HEAD: it must name the newest revision."""
    assert migrations.HEAD == migrations.head_revision() == migrations.all_revisions()[-1]


def test_opening_a_current_database_does_not_load_alembic(db_url: str) -> None:
    import subprocess
    import sys

    Database(db_url).dispose()
    code = (
        "import sys; from curator.store.database import Database; Database(sys.argv[1]); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code, db_url], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
