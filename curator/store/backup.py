"""Backups of an SQLite store through SQLite's online backup API (safe while edits go on).

Copying the file with ``cp`` or ``open()`` while it is written can corrupt the copy or drop the live
database's locks; the backup API copies a consistent snapshot page by page instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from curator.errors import CuratorError
from curator.store.database import Database

BACKUP_GLOB = "curator-*.sqlite"


class BackupError(CuratorError):
    """A backup or restore could not be made; the message says why."""


def _sqlite_path(db: Database) -> Path:
    if not db.is_sqlite:
        raise BackupError("backups are for SQLite databases; back up a PostgreSQL server with pg_dump")
    database = make_url(db.url).database
    assert database
    return Path(database)


def _check(path: Path) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    if result != "ok":
        raise BackupError(f"{path}: integrity check failed: {result}")


def backup(db: Database, destination: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Write a consistent copy of the live database to ``destination`` and check it; return the path.

    The copy is written beside the destination and renamed at the end, so a failed backup never
    leaves a half-written file under the final name.
    """
    source_path = _sqlite_path(db)
    destination = destination.expanduser()
    if destination.is_dir():
        destination = destination / f"curator-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite"
    if destination.resolve() == source_path.resolve():
        raise BackupError("the backup cannot overwrite the live database")
    partial = destination.with_name(destination.name + ".part")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(partial)
    try:
        # 1024 pages a step: the live database stays writable between steps.
        source.backup(
            target, pages=1024, progress=(lambda _s, left, total: progress(total - left, total)) if progress else None
        )
        target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        target.close()
        source.close()
    _check(partial)
    partial.replace(destination)
    return destination


def restore(db: Database, backup_file: Path) -> None:
    """Replace the live database's content with ``backup_file`` (checked first), through the backup API."""
    live = _sqlite_path(db)
    if not backup_file.is_file():
        raise BackupError(f"{backup_file}: no such backup")
    _check(backup_file)
    with sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    from curator.store.migrations import all_revisions

    if row is None or row[0] not in all_revisions():
        raise BackupError(
            f"{backup_file}: not a backup this Curator can restore (revision {row[0] if row else 'none'})"
        )
    db.dispose()
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    target = sqlite3.connect(live, timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def rotate(db: Database, folder: Path, *, keep: int = 7, every: timedelta = timedelta(days=1)) -> Path | None:
    """Make a backup in ``folder`` when the newest one is older than ``every``; keep the newest ``keep``.

    Returns the new backup, or None when a recent one exists. The window calls this at start and daily.
    """
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob(BACKUP_GLOB))
    if existing:
        newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, UTC)
        if datetime.now(UTC) - newest < every:
            return None
    made = backup(db, folder / f"curator-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}.sqlite")
    for old in sorted(folder.glob(BACKUP_GLOB))[:-keep]:
        old.unlink()
    return made
