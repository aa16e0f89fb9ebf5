"""Bring a database to the current schema revision with Alembic; refuse one made by a newer Curator."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from curator.errors import CuratorError
from curator.paths import migrations_dir


class NewerDatabase(CuratorError):
    """The database was made by a newer Curator; it is opened read-only and never migrated down."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to ``revision`` (head by default); raise :class:`NewerDatabase` for an unknown revision."""
    config = _config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise NewerDatabase(
            f"the database is at revision {current}, made by a newer Curator; open it with that version"
        )
    if current == script.get_current_head() and revision == "head":
        return
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def all_revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
