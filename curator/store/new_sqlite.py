"""A new SQLite database made from what the migrations made last time, without running Alembic.

Migrating an empty database to the current revision gives the same tables, indexes, triggers and
rows every time for the same migration scripts. Importing Alembic and running them costs about
0.15 s here, a quarter of a small ``curator import`` into a new database. So the first migration of
an empty SQLite database is recorded (its ``CREATE`` statements in creation order, and the rows the
migrations left), keyed by the migration scripts and the library versions, and the next new
database replays the record in one transaction instead. Anything unexpected falls back to Alembic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

from curator.paths import migrations_dir, user_cache_dir

FORMAT = 1  # of the recorded file


def template_key(scripts: Path | None = None) -> str:
    """What the record depends on: every migration script, and the versions of SQLAlchemy, Alembic
    and SQLite that turned them into SQL."""
    root = scripts or migrations_dir()
    digest = hashlib.sha256(f"{FORMAT} {sqlite3.sqlite_version}".encode())
    for name in ("sqlalchemy", "alembic"):
        digest.update(f" {name}={metadata.version(name)}".encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _record_path(key: str) -> Path:
    return user_cache_dir() / "new-database" / f"sqlite-{key}.json"


def record(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The schema and rows of a just-migrated database, as :func:`replay` takes them; None where
    SQLite cannot tell shadow tables (before 3.37)."""
    try:
        return _record(conn)
    except sqlite3.Error:
        return None


def _record(conn: sqlite3.Connection) -> dict[str, Any]:
    shadow = {name for (name,) in conn.execute("SELECT name FROM pragma_table_list WHERE type = 'shadow'")}
    statements = [
        sql
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
        if name not in shadow and not name.startswith("sqlite_")
    ]
    # sqlite_sequence is made by SQLite with the first AUTOINCREMENT table; its rows are kept like any
    # other table's (the highest id each table has given).
    tables = [
        name
        for (name,) in conn.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'")
        if not name.startswith("sqlite_") or name == "sqlite_sequence"
    ]
    rows = {name: [list(row) for row in conn.execute(f'SELECT * FROM "{name}"')] for name in sorted(tables)}
    rows = {k: v for k, v in rows.items() if v}
    return {"format": FORMAT, "key": template_key(), "statements": statements, "rows": rows}


def save(made: dict[str, Any]) -> None:
    """Keep a :func:`record` for the next new database (best effort: it is a cache)."""
    target = _record_path(made["key"])
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")  # one per process: two may record at once
        partial.write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)


def replay(conn: sqlite3.Connection, made: dict[str, Any]) -> bool:
    """Create the recorded schema and rows in the empty database of ``conn``, in one write
    transaction; False (and nothing changed) when the database is not empty."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
            conn.execute("ROLLBACK")
            return False  # another process made it meanwhile: the usual migration check takes over
        for statement in made["statements"]:
            conn.execute(statement)
        for table, rows in made["rows"].items():
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        conn.execute("COMMIT")
        return True
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def create_from_record(path: str) -> bool:
    """Make the empty SQLite database at ``path`` from the record of the current migrations, if there
    is one; True when done (the database is then at the head revision)."""
    key = template_key()
    try:
        made = json.loads(_record_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(made, dict) or made.get("format") != FORMAT or made.get("key") != key:
        return False
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        try:
            return replay(conn, made)
        except sqlite3.Error:
            return False  # a damaged record: Alembic makes the database, and records it again
