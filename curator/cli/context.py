"""What every ``curator`` command is given: the database URL and schema chosen on the command line,
and the database itself, opened on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from curator.errors import CuratorError


class CommandContext:
    """``ctx.obj`` of every command; :meth:`db` opens the database once, :meth:`close` disposes of it."""

    def __init__(self, url: str | None, schema: Path | None) -> None:
        self.url = url
        self.schema = schema
        self._db: Any = None

    def close(self) -> None:
        """Dispose of the database's connections (SQLite checkpoints its log as the last one closes)."""
        if self._db is not None:
            self._db.dispose()

    def db(self) -> Any:
        if self._db is None:
            from curator.store.database import Database

            try:
                self._db, notice = Database.open_for_user(self.url, schema_path=self.schema)
            except CuratorError:
                raise
            except Exception as exc:  # driver, URL, file: all one line that names the database
                raise click.ClickException(f"cannot open the database {shown_url(self.url)}: {one_line(exc)}") from exc
            if notice:
                click.echo(f"curator: note: {notice}", err=True)
        return self._db


def shown_url(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    from curator.paths import default_database_url

    try:
        return make_url(url or default_database_url()).render_as_string(hide_password=True)
    except Exception:  # a URL SQLAlchemy cannot even parse is shown as given
        return str(url)


def one_line(exc: BaseException) -> str:
    """The first line of an exception's message (drivers add SQL and links below it)."""
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    lines = [line.strip() for line in str(cause).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__
