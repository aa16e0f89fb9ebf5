"""``curator schema ...``: the schema editor on the command line (issue 21). Each command is one
core operation (:mod:`curator.store.schema_changes`): one transaction, in the history; the schema
file given with ``--schema`` is written back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from curator.cli.context import CommandContext

F = TypeVar("F", bound=Callable[..., Any])


def _names_options(required: bool) -> Callable[[F], F]:
    def wrap(command: F) -> F:
        for language, name in (("en", "English"), ("fr", "French"), ("ar", "Arabic")):
            command = click.option(f"--{language}", language, required=required, help=f"The name in {name}.")(command)
        return command

    return wrap


def _editor(obj: object) -> Any:
    from curator.store.schema_changes import SchemaEditor

    assert isinstance(obj, CommandContext)
    db = obj.db()
    return SchemaEditor(db, db.login.name if db.login else "manager")


def _report(change: Any) -> None:
    moved = f"; {len(change.spans)} span(s) changed" if change.spans else ""
    others = len(change.rows_moved) + len(change.rows_removed) + len(change.entities)
    moved += f", {others} other row(s)" if others else ""
    click.echo(f"{change.description} (schema version {change.after.version}){moved}")
    if change.written is not None:
        kept = "" if change.layout_kept else " (written out whole: its layout could not be kept)"
        click.echo(f"written back to {change.written}{kept}")
    elif change.note:
        click.echo(change.note)


@click.group()
def schema() -> None:
    """Change the annotation schema: labels, names, colours, shortcuts, attributes."""


@schema.command("add-label")
@click.argument("layer")
@click.argument("label")
@_names_options(required=True)
@click.option("--color", required=True, help="The colour, #rrggbb.")
@click.option("--shortcut", help="A Qt key sequence, unique in the schema.")
@click.pass_obj
def add_label(obj: object, layer: str, label: str, ar: str, fr: str, en: str, color: str, shortcut: str | None) -> None:
    """Add LABEL (its id: what is stored and exported) to LAYER."""
    _report(_editor(obj).add_label(layer, label, {"ar": ar, "fr": fr, "en": en}, color, shortcut))


@schema.command("rename-label")
@click.argument("layer")
@click.argument("label")
@_names_options(required=False)
@click.pass_obj
def rename_label(obj: object, layer: str, label: str, ar: str | None, fr: str | None, en: str | None) -> None:
    """Give LABEL new names; its id (what exports write) stays, every annotation of it follows."""
    names = {key: value for key, value in (("ar", ar), ("fr", fr), ("en", en)) if value is not None}
    _report(_editor(obj).rename_label(layer, label, names))


@schema.command("merge-labels")
@click.argument("layer")
@click.argument("source")
@click.argument("target")
@click.pass_obj
def merge_labels(obj: object, layer: str, source: str, target: str) -> None:
    """Every annotation of SOURCE (every annotator's, the gold layer's) takes TARGET; SOURCE goes."""
    _report(_editor(obj).merge_labels(layer, source, target))


@schema.command("split-label")
@click.argument("layer")
@click.argument("label")
@click.argument("new_label")
@_names_options(required=True)
@click.option("--color", required=True, help="The new label's colour, #rrggbb.")
@click.option("--shortcut", help="The new label's key.")
@click.option("--spans", "span_ids", help="Comma-separated ids of the spans that take NEW_LABEL.")
@click.option("--text", "matching", help="The spans of LABEL with this text (folded as corpus search folds) move.")
@click.pass_obj
def split_label(
    obj: object,
    layer: str,
    label: str,
    new_label: str,
    ar: str,
    fr: str,
    en: str,
    color: str,
    shortcut: str | None,
    span_ids: str | None,
    matching: str | None,
) -> None:
    """Add NEW_LABEL beside LABEL (same attributes) and move the chosen spans of LABEL to it."""
    from curator.store.schema_changes import spans_matching

    if (span_ids is None) == (matching is None):
        raise click.UsageError("choose the spans to move with --spans IDS or --text TEXT (one of them)")
    editor = _editor(obj)
    if span_ids is not None:
        try:
            ids = [int(part) for part in span_ids.split(",") if part.strip()]
        except ValueError as exc:
            raise click.BadParameter("--spans takes comma-separated span ids") from exc
    else:
        assert matching is not None
        ids = spans_matching(editor.db, layer, label, matching)
        if not ids:
            raise click.UsageError(f"no span of {layer}-{label} has the text {matching!r}: nothing to split")
    _report(editor.split_label(layer, label, new_label, ids, {"ar": ar, "fr": fr, "en": en}, color, shortcut))


@schema.command("set-label")
@click.argument("layer")
@click.argument("label")
@click.option("--color", help="The new colour, #rrggbb.")
@click.option("--shortcut", help="The new key (a Qt key sequence).")
@click.option("--no-shortcut", is_flag=True, help="Take the key away.")
@click.pass_obj
def set_label(obj: object, layer: str, label: str, color: str | None, shortcut: str | None, no_shortcut: bool) -> None:
    """Change LABEL's colour and/or shortcut."""
    from curator.schema.editing import UNCHANGED

    if shortcut is not None and no_shortcut:
        raise click.UsageError("--shortcut and --no-shortcut contradict each other")
    key: Any = None if no_shortcut else (shortcut if shortcut is not None else UNCHANGED)
    if color is None and key is UNCHANGED:
        raise click.UsageError("give --color, --shortcut or --no-shortcut")
    _report(_editor(obj).set_label(layer, label, color=color, shortcut=key))


@schema.command("add-attribute")
@click.argument("layer")
@click.argument("label")
@click.argument("attribute")
@_names_options(required=True)
@click.option("--type", "kind", type=click.Choice(["choice", "text", "label"]), required=True)
@click.option("--values", help="A choice's values, comma-separated.")
@click.option("--of-layer", help="For --type label: the layer whose labels are the values.")
@click.pass_obj
def add_attribute(
    obj: object,
    layer: str,
    label: str,
    attribute: str,
    ar: str,
    fr: str,
    en: str,
    kind: str,
    values: str | None,
    of_layer: str | None,
) -> None:
    """Add ATTRIBUTE to LABEL's spans."""
    choices = tuple(v.strip() for v in values.split(",") if v.strip()) if values else ()
    names = {"ar": ar, "fr": fr, "en": en}
    _report(_editor(obj).add_attribute(layer, label, attribute, names, kind, choices, of_layer))


COMMANDS = (schema,)
