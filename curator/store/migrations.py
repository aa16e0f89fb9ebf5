"""Bring a database to the current schema revision with Alembic; refuse one made by a newer Curator."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from curator.errors import CuratorError
from curator.paths import migrations_dir
from curator.store import new_sqlite
from curator.store.engine import BULK_WRITE, WRITE
from curator.store.revision import HEAD as HEAD  # re-exported: tests and callers read migrations.HEAD

if TYPE_CHECKING:
    from alembic.config import Config


class NewerDatabase(CuratorError):
    """The database was made by a newer Curator; it is opened read-only and never migrated down."""


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision, or None for a database Alembic has not touched (one plain query)."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # no version table yet: a new, empty database
            conn.rollback()
            return None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to ``revision`` (head by default); raise :class:`NewerDatabase` for an unknown revision.

    The check and the upgrade run in one write transaction (``BEGIN IMMEDIATE`` on SQLite, an advisory
    lock on PostgreSQL), so two processes opening a new database at once migrate it once. On SQLite
    foreign keys are off in that transaction, as SQLite's procedure for rebuilding a table requires
    (with them on, dropping the old table would delete or unlink the rows that refer to it); the
    upgrade is refused unless ``PRAGMA foreign_key_check`` finds nothing the migrations broke.
    """
    current = current_revision(engine)
    if revision == "head" and current == HEAD:
        return  # the usual case: nothing to do, and no need to load Alembic
    new_file = (
        engine.url.database if revision == "head" and current is None and engine.dialect.name == "sqlite" else None
    )
    if new_file and new_sqlite.create_from_record(new_file) and current_revision(engine) == HEAD:
        return  # made as the migrations made the last new database, without loading Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _config()
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    target = script.get_current_head() if revision == "head" else revision

    def check(current: str | None) -> bool:
        """True when there is work to do."""
        if current is not None and current not in known:
            raise NewerDatabase(
                f"the database is at revision {current}, made by a newer Curator; open it with that version"
            )
        return current != target

    if not check(current_revision(engine)):
        return
    # On SQLite with foreign keys off, as SQLite's documentation says for migrations that make a table
    # again (0006, 0007: dropping the old table with them on would cascade to its annotations); every
    # reference is checked before the transaction commits.
    sqlite = engine.dialect.name == "sqlite"
    with engine.execution_options(**(BULK_WRITE if sqlite else WRITE)).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7411)"))  # any fixed key shared by all Curators
        if not check(MigrationContext.configure(conn).get_current_revision()):
            return
        broken_before = _foreign_key_problems(conn) if sqlite else set()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        if sqlite and (_foreign_key_problems(conn) - broken_before):
            raise CuratorError("the upgrade of the database would break its foreign keys; nothing was changed")
        # read inside the migration's transaction: exactly what the migrations made
        driver = conn.connection.driver_connection
        made = new_sqlite.record(driver) if new_file and isinstance(driver, sqlite3.Connection) else None
    if made is not None:
        new_sqlite.save(made)


def _foreign_key_problems(conn: Connection) -> set[tuple[object, ...]]:
    """Rows whose foreign key names nothing (``PRAGMA foreign_key_check``)."""
    return {tuple(row) for row in conn.exec_driver_sql("PRAGMA foreign_key_check")}


def all_revisions() -> list[str]:
    """Every revision, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
