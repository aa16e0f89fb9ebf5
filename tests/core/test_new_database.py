"""A new SQLite database is made from the record of the last migration of an empty one."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from curator.store import new_sqlite
from curator.store.database import Database
from curator.store.engine import create_store_engine
from curator.store.migrations import HEAD, upgrade


def _made(path: Path) -> tuple[list[tuple[str, str, str, str]], dict[str, list[tuple[object, ...]]]]:
    """Everything a database holds: its schema objects and every table's rows."""
    with sqlite3.connect(path) as conn:
        objects = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {name: sorted(conn.execute(f'SELECT * FROM "{name}"')) for name in tables}
    return objects, rows


def _migrate(path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CURATOR_CACHE", str(folder))
    return folder


def test_the_second_new_database_is_the_first_one_made_again(tmp_path: Path, cache: Path) -> None:
    _migrate(tmp_path / "first.sqlite")  # by Alembic, recorded
    assert list((cache / "new-database").glob("sqlite-*.json"))
    sys.modules.pop("alembic.command", None)
    _migrate(tmp_path / "second.sqlite")  # from the record
    assert "alembic.command" not in sys.modules
    assert _made(tmp_path / "second.sqlite") == _made(tmp_path / "first.sqlite")
    with sqlite3.connect(tmp_path / "second.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)


def test_a_database_from_the_record_keeps_its_history_guard(tmp_path: Path, cache: Path) -> None:
    _migrate(tmp_path / "first.sqlite")
    db = Database(f"sqlite:///{tmp_path / 'second.sqlite'}")
    try:
        with db.write() as session:  # the history guard triggers came with the record
            session.connection().exec_driver_sql(
                "INSERT INTO history (at, annotator, action, kind, object_id, document_id, before, after) "
                "VALUES ('2026-01-01', 'a', 'import', 'document', 1, 1, 'null', 'null')"
            )
        with pytest.raises(Exception, match="history"), db.write() as session:
            session.connection().exec_driver_sql("DELETE FROM history")
    finally:
        db.dispose()


def test_a_damaged_record_is_ignored_and_made_again(tmp_path: Path, cache: Path) -> None:
    _migrate(tmp_path / "first.sqlite")
    (record,) = (cache / "new-database").glob("sqlite-*.json")
    record.write_text(
        '{"format": 1, "key": "' + new_sqlite.template_key() + '", "statements": ["CREATE nonsense"], "rows": {}}',
        encoding="utf-8",
    )
    _migrate(tmp_path / "second.sqlite")  # the record fails in its transaction: Alembic makes it
    # (two runs of Alembic may list a rebuilt table's constraints in another order: names compared)
    first, second = _made(tmp_path / "first.sqlite"), _made(tmp_path / "second.sqlite")
    assert [o[:3] for o in second[0]] == [o[:3] for o in first[0]]
    assert second[1] == first[1]
    assert "nonsense" not in record.read_text(encoding="utf-8")  # and records it again


def test_changed_migrations_are_a_new_record(tmp_path: Path) -> None:
    scripts = tmp_path / "db"
    shutil.copytree(Path(__file__).resolve().parents[2] / "db", scripts)
    before = new_sqlite.template_key(scripts)
    (scripts / "versions" / "0002_corpus_search_index.py").write_text("# changed\n", encoding="utf-8")
    assert new_sqlite.template_key(scripts) != before


def test_a_database_that_is_not_empty_is_not_made_from_the_record(tmp_path: Path, cache: Path) -> None:
    _migrate(tmp_path / "first.sqlite")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (n TEXT)")
    with sqlite3.connect(other, isolation_level=None) as conn:
        assert not new_sqlite.replay(conn, {"statements": ["CREATE TABLE x (a)"], "rows": {}})
        assert [name for (name,) in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
