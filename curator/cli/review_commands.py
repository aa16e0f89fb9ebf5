"""``curator agreement`` and ``curator report``: the agreement figures on the terminal, as JSON, or as
an HTML report. The figures come from :func:`curator.review.agreement.compute_agreement`, the same
function the review window uses, so all three show the same numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from curator.text.plural import counted


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()] or None


def _compute(obj: Any, annotators: str | None, layers: tuple[str, ...], documents: str | None) -> Any:
    try:
        from curator.review.agreement import compute_agreement
    except ModuleNotFoundError as exc:
        raise click.ClickException(
            f"agreement figures need the review extra ({exc.name} is missing): pip install 'curator[review]'"
        ) from exc
    from curator.store.queries import document_ids_by_ext

    db = obj.db()
    doc_ids = None
    wanted = _split(documents)
    if wanted:
        doc_ids = document_ids_by_ext(db, wanted)
        if len(doc_ids) != len(set(wanted)):
            raise click.UsageError("some of the --documents ids are not in the database")
    try:
        return db, compute_agreement(db, _split(annotators), layers=list(layers) or None, document_ids=doc_ids)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


_common = [
    click.option("--annotators", help="Compare these annotators, comma-separated (default: all but the gold layer)."),
    click.option("--layer", "layers", multiple=True, help="Only this layer (repeatable)."),
    click.option("--documents", help="Only these document ids, comma-separated."),
]


def _with_common(f: Any) -> Any:
    for option in reversed(_common):
        f = option(f)
    return f


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@_with_common
@click.pass_obj
def agreement(obj: Any, as_json: bool, annotators: str | None, layers: tuple[str, ...], documents: str | None) -> None:
    """Inter-annotator agreement: P/R/F1, alpha and kappa per layer and label."""
    db, report = _compute(obj, annotators, layers, documents)
    figures = report.to_dict()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    _print(figures, db.schema)


@click.command()
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write.")
@click.option("--language", default="ar", show_default=True, help="Language of label names (ar, fr, en).")
@_with_common
@click.pass_obj
def report(
    obj: Any, out: Path, language: str, annotators: str | None, layers: tuple[str, ...], documents: str | None
) -> None:
    """Write an HTML page with the agreement figures and charts (index.html, figures.json, charts/)."""
    from curator.review.report import write_report

    db, figures = _compute(obj, annotators, layers, documents)
    try:
        page = write_report(figures, db.schema, out, language)
    except OSError as exc:
        raise click.ClickException(f"{out}: {exc.strerror or exc}") from exc
    except Exception as exc:  # a chart that cannot be drawn: one line, and out is left as it was
        raise click.ClickException(f"the report could not be written ({type(exc).__name__}: {exc})") from exc
    click.echo(f"wrote {page}")


@click.command()
@click.option("--reviewer", required=True, help="Your name: the history records who decided what.")
@click.pass_obj
def review(obj: Any, reviewer: str) -> None:
    """Open the review window: compare colleagues, curate into the gold layer, see agreement."""
    import sys

    from PySide6.QtWidgets import QApplication

    from curator.gui.review import ReviewWindow

    app = QApplication.instance() or QApplication(sys.argv)
    window = ReviewWindow(obj.db(), reviewer)
    window.show()
    sys.exit(app.exec())


def _print(figures: dict[str, Any], schema: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from curator.cli.tables import for_terminal
    from curator.review.report import format_figure, label_name

    f = format_figure
    console = Console()
    console.print(f"{counted(figures['documents'], 'document')}; annotators: {', '.join(figures['annotators'])}")
    for layer in figures["span_layers"]:
        key = layer["layer"]
        t = Table(title=f"span layer {key}: alpha (nominal, tokens) {f(layer['alpha'])}")
        for col in ("pair", "documents", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1"):
            t.add_column(col, justify="left" if col == "pair" else "right")
        for p in layer["pairs"]:
            t.add_row(
                f"{p['a']} / {p['b']}",
                str(p["documents"]),
                *(f(p["exact"][k]) for k in ("precision", "recall", "f1")),
                *(f(p["overlap"][k]) for k in ("precision", "recall", "f1")),
            )
        console.print(t)
        labels = [lab for lab in layer["labels"] if any(lab in p["exact_by_label"] for p in layer["pairs"])]
        if labels:
            t = Table(title=f"span layer {key} per label (F1 exact / overlap)")
            t.add_column("label")
            for p in layer["pairs"]:
                t.add_column(f"{p['a']} / {p['b']}", justify="right")
            t.add_column("alpha", justify="right")
            for lab in labels:
                cells = []
                for p in layer["pairs"]:
                    e, o = p["exact_by_label"].get(lab), p["overlap_by_label"].get(lab)
                    cells.append(f"{f(e['f1'] if e else None)} / {f(o['f1'] if o else None)}")
                t.add_row(for_terminal(label_name(schema, key, lab)), *cells, f(layer["alpha_by_label"].get(lab)))
            console.print(t)
    for layer in figures["document_layers"]:
        key = layer["layer"]
        t = Table(title=f"document labels {key}")
        t.add_column("label")
        for p in layer["pairs"]:
            t.add_column(f"κ {p['a']} / {p['b']}", justify="right")
        t.add_column("Fleiss κ", justify="right")
        t.add_column("alpha", justify="right")
        t.add_row(
            "(pooled)",
            *(f(p["kappa"]) for p in layer["pairs"]),
            f(layer["fleiss"]),
            f(layer["alpha"]),
            end_section=True,
        )
        for lab in layer["labels"]:
            if lab not in layer["alpha_by_label"] and all(lab not in p["by_label"] for p in layer["pairs"]):
                continue
            t.add_row(
                for_terminal(label_name(schema, key, lab)),
                *(f(p["by_label"].get(lab)) for p in layer["pairs"]),
                f(layer["fleiss_by_label"].get(lab)),
                f(layer["alpha_by_label"].get(lab)),
            )
        console.print(t)


def add_review_commands(group: click.Group) -> None:
    """Register ``agreement``, ``report`` and ``review`` on the ``curator`` command group."""
    group.add_command(agreement)
    group.add_command(report)
    group.add_command(review)
