"""``curator guidelines import | export | show``: the project's guidelines in the database (issue 21)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from curator.errors import InputRejected

COMMAND_LINE = "command-line"


@click.group("guidelines")
def guidelines() -> None:
    """Project guidelines (Markdown) and label definitions in Arabic, French and English, by version."""


@guidelines.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--language", type=click.Choice(["ar", "fr", "en"]), help="The language of a Markdown file.")
@click.option("--annotator", help="Name recorded in the history (default: the login, else command-line).")
@click.option("--check", is_flag=True, help="Check the file and list every problem; write nothing.")
@click.pass_obj
def import_guidelines(obj: Any, path: Path, language: str | None, annotator: str | None, check: bool) -> None:
    """Import PATH: NAME.LANG.md (one language, over the current version), a JSON/YAML file or a folder
    (the whole guidelines). A new version is made when anything changed; bad input is refused whole."""
    from curator.io.guidelines_files import read_guidelines
    from curator.store.guidelines import current_guidelines, save_guidelines

    db = obj.db()
    try:
        found = read_guidelines(path, db.schema, language)
    except InputRejected as exc:
        if check:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
        raise click.ClickException(f"{exc.summary()}; nothing was imported") from exc
    if check:
        click.echo(f"{path}: no problems")
        return
    content = found.content
    if found.partial:
        current = current_guidelines(db)
        if current is not None:
            content = current.content.merged(content)
    who = db.login.name if db.login else (annotator or COMMAND_LINE)
    report = save_guidelines(db, content, who, str(path))
    if report.created:
        click.echo(f"guidelines version {report.version} (sha256 {report.sha256[:12]}) from {path}")
    else:
        click.echo(f"nothing changed: the guidelines are still version {report.version}")


@guidelines.command("export")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="A folder, or one .json or .yaml file.")
@click.option("--version", "number", type=int, help="An earlier version (default: the current one).")
@click.pass_obj
def export_guidelines(obj: Any, out: Path, number: int | None) -> None:
    """Write the guidelines as a folder of project.LANG.md and labels.yaml (or one JSON/YAML file)."""
    from curator.io.guidelines_files import write_guidelines
    from curator.store.guidelines import current_guidelines, guidelines_version

    db = obj.db()
    found = current_guidelines(db) if number is None else guidelines_version(db, number)
    if found is None:
        raise click.ClickException("no guidelines yet" if number is None else f"no guidelines version {number}")
    written = write_guidelines(found.content, out)
    click.echo(f"exported guidelines version {found.version} to {out} ({len(written)} files)")


@guidelines.command("show")
@click.option("--language", type=click.Choice(["ar", "fr", "en"]), default="en", show_default=True)
@click.option("--history", "show_history", is_flag=True, help="List every version instead.")
@click.pass_obj
def show_guidelines(obj: Any, language: str, show_history: bool) -> None:
    """Print the current guidelines in LANGUAGE (another language when it has none), then the label definitions."""
    from curator.store.guidelines import current_guidelines, guideline_history

    db = obj.db()
    if show_history:
        for version, sha, who, at, source in guideline_history(db):
            click.echo(f"{version}\t{sha[:12]}\t{at:%Y-%m-%d %H:%M}\t{who}\t{source}")
        return
    found = current_guidelines(db)
    if found is None:
        raise click.ClickException("no guidelines yet: curator guidelines import FILE")
    click.echo(f"# guidelines {found.stamp}, imported by {found.imported_by} {found.imported_at:%Y-%m-%d %H:%M}")
    shown = found.content.project_text(language)
    if shown is not None:
        if shown[0] != language:
            click.echo(f"(no {language} text: shown in {shown[0]})")
        click.echo(shown[1].rstrip("\n"))
    for layer, label in sorted(found.content.labels):
        guide = found.content.label_guide(layer, label, language)
        if guide is None:
            continue
        lang, g = guide
        click.echo(f"\n{layer}/{label}" + (f" ({lang})" if lang != language else "") + f": {g.definition}")
        for example in g.examples:
            click.echo(f"  - {example}")


COMMANDS = (guidelines,)
