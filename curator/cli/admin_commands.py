"""``curator backup``, ``restore`` and ``doctor``: keeping a database safe and healthy."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from curator.cli.context import CommandContext


@click.command()
@click.argument("destination", type=click.Path(path_type=Path))
@click.pass_obj
def backup(obj: object, destination: Path) -> None:
    """Copy the SQLite database to DESTINATION (a file, or a folder for a dated file) while it is in use."""
    from curator.cli.progress import progress_bar
    from curator.store.backup import backup as make_backup

    assert isinstance(obj, CommandContext)
    with progress_bar("Backing up") as (set_total, advance):
        seen = [0]

        def step(done: int, total: int) -> None:
            set_total(total)
            advance(done - seen[0])
            seen[0] = done

        path = make_backup(obj.db(), destination, step)
    click.echo(f"backup written and checked: {path}")


@click.command()
@click.argument("backup_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def restore(obj: object, backup_file: Path, yes: bool) -> None:
    """Replace the database's content with BACKUP_FILE (checked first). A backup of the current state is kept."""
    from curator.store.backup import backup as make_backup
    from curator.store.backup import restore as restore_from

    assert isinstance(obj, CommandContext)
    if not yes and not click.confirm(f"Replace the current database with {backup_file}?", err=True):
        raise click.exceptions.Abort()
    db = obj.db()
    kept = make_backup(db, _safety_folder())
    restore_from(db, backup_file)
    click.echo(f"restored from {backup_file}; the previous state is kept in {kept}")


def _safety_folder() -> Path:
    from curator.paths import user_data_dir

    folder = user_data_dir() / "backups" / "before-restore"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@click.command()
@click.pass_obj
def doctor(obj: object) -> None:
    """Check integrity, orphaned rows, texts changed outside Curator and spans that no longer fit; change nothing."""
    from curator.store.database import Database
    from curator.store.doctor import diagnose
    from curator.store.engine import create_store_engine

    assert isinstance(obj, CommandContext)
    try:
        db = Database(obj.url, read_only=True)
        engine, schema = db.engine, db.schema
    except Exception:  # a database this Curator cannot read as a store is still diagnosed
        from curator.paths import default_database_url

        engine, schema = create_store_engine(obj.url or default_database_url(), read_only=True), None
    report = diagnose(engine, schema)
    for line in report.checked:
        click.echo(f"checked: {line}")
    for line in report.findings:
        click.echo(f"problem: {line}")
    if report.ok:
        click.echo("no problems found")
    else:
        sys.exit(1)


COMMANDS = (backup, restore, doctor)
