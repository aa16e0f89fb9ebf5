"""``curator agreement`` and ``curator report``: the agreement figures on the terminal, as JSON, or as
an HTML report. The figures come from :func:`curator.review.agreement.compute_agreement`, the same
function the review window uses, so all three show the same numbers. ``curator curate`` lists a
document's differences and makes the review window's decisions, through the same core operations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from curator.errors import EditRefused
from curator.optional_libs import missing_module
from curator.text.plural import counted


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()] or None


def _compute(obj: Any, annotators: str | None, layers: tuple[str, ...], documents: str | None) -> Any:
    try:
        from curator.review.agreement import compute_agreement
    except ModuleNotFoundError as exc:
        raise missing_module("agreement", exc) from exc
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
    except ModuleNotFoundError as exc:  # krippendorff, imported for the first alpha
        raise missing_module("agreement", exc) from exc
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
@click.option(
    "--disagreements", is_flag=True, help="Write the list of disagreements (document, kind, offsets, texts) to --out."
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="With --disagreements: FILE.csv or FILE.json."
)
@_with_common
@click.pass_obj
def agreement(
    obj: Any,
    as_json: bool,
    disagreements: bool,
    out: Path | None,
    annotators: str | None,
    layers: tuple[str, ...],
    documents: str | None,
) -> None:
    """Inter-annotator agreement: P/R/F1, alpha and kappa per layer and label, also per document."""
    if disagreements:
        _write_disagreements(obj, out, annotators, documents)
        return
    if out is not None:
        raise click.UsageError("--out goes with --disagreements (the HTML report is `curator report --out`)")
    db, report = _compute(obj, annotators, layers, documents)
    figures = report.to_dict()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    _print(figures, db.schema)


def _write_disagreements(obj: Any, out: Path | None, annotators: str | None, documents: str | None) -> None:
    from curator.review.agreement import default_annotators
    from curator.review.disagreement_list import FORMATS, disagreement_rows, write_disagreements
    from curator.store.queries import document_ids_by_ext

    if out is None or out.suffix.lower() not in FORMATS:
        raise click.UsageError("--disagreements needs --out FILE.csv or FILE.json")
    db = obj.db()
    doc_ids = document_ids_by_ext(db, wanted) if (wanted := _split(documents)) else None
    try:
        rows = disagreement_rows(db, _split(annotators) or default_annotators(db), doc_ids)
        write_disagreements(rows, out)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{out}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {counted(len(rows), 'disagreement')} to {out}")


@click.command()
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write.")
@click.option("--language", default="ar", show_default=True, help="Language of label names (ar, fr, en).")
@_with_common
@click.pass_obj
def report(
    obj: Any, out: Path, language: str, annotators: str | None, layers: tuple[str, ...], documents: str | None
) -> None:
    """Write an HTML page with the agreement figures and charts (index.html, figures.json, charts/)."""
    try:
        from curator.review.report import write_report
    except ModuleNotFoundError as exc:
        raise missing_module("the report", exc) from exc

    db, figures = _compute(obj, annotators, layers, documents)
    try:
        page = write_report(figures, db.schema, out, language)
    except ModuleNotFoundError as exc:  # matplotlib, imported when the first chart is drawn
        raise missing_module("the report's charts", exc) from exc
    except OSError as exc:
        raise click.ClickException(f"{out}: {exc.strerror or exc}") from exc
    except Exception as exc:  # a chart that cannot be drawn: one line, and out is left as it was
        raise click.ClickException(f"the report could not be written ({type(exc).__name__}: {exc})") from exc
    click.echo(f"wrote {page}")


@click.command()
@click.option(
    "--reviewer",
    help="Your name: the history records who decided what (on PostgreSQL, your login, which is the default).",
)
@click.option(
    "--ui-language",
    type=click.Choice(["en", "fr", "ar"]),
    help="Interface language (otherwise CURATOR_UI_LANGUAGE, the one chosen in the window, the system's).",
)
@click.pass_obj
def review(obj: Any, reviewer: str | None, ui_language: str | None) -> None:
    """Open the review window: compare colleagues, curate into the gold layer, see agreement."""
    import sys

    from curator.review.service import check_reviewer

    # Who reviews is settled before Qt loads: a refused name is said on the terminal, with or without a display.
    db = obj.db()
    if reviewer is None:
        if db.login is None:
            raise click.UsageError("Missing option '--reviewer' (your name; on a PostgreSQL login it is the login).")
        reviewer = db.login.name
    try:
        check_reviewer(db, reviewer)
    except EditRefused as exc:
        raise click.ClickException(str(exc)) from exc
    from curator.gui.display_libraries import display_problem

    problem = display_problem()
    if problem is not None:  # before Qt's X11 plugin aborts the process
        click.echo(f"curator: error: {problem}", err=True)
        sys.exit(1)
    try:  # before any window: a missing library is said on the terminal
        from curator.gui.review import open_review_window
    except ModuleNotFoundError as exc:
        raise missing_module("the review window", exc) from exc
    from curator.gui.app import application

    app, _prefs = application(ui_language)  # as the annotation window: same language, mirrored for Arabic
    window = open_review_window(db, reviewer)
    window.show()
    sys.exit(app.exec())


@click.command()
@click.argument("document")
@click.option("--reviewer", required=True, help="Your name: the history records who decided what.")
@click.option("--annotators", help="Compare these annotators, comma-separated (default: all who annotated it).")
@click.option("--accept", "accept", metavar="N:ANNOTATOR", help="Accept ANNOTATOR's version of difference N.")
@click.option("--reject", type=int, metavar="N", help="Reject everything of difference N.")
@click.option("--remove", type=int, metavar="N", help="Take the gold spans at difference N out again.")
@click.option("--accept-agreed", is_flag=True, help="Accept everything the annotators agree on.")
@click.pass_obj
def curate(
    obj: Any,
    document: str,
    reviewer: str,
    annotators: str | None,
    accept: str | None,
    reject: int | None,
    remove: int | None,
    accept_agreed: bool,
) -> None:
    """List DOCUMENT's differences (by its id), or make one decision on it into the gold layer.

    Each decision is one transaction, with the document's review state; it prints what changed."""
    from curator.cli.tables import for_terminal
    from curator.review.curation import CurationService
    from curator.review.differences import document_differences
    from curator.review.states import REVIEW_STATES_LABELS, review_state
    from curator.store import queries
    from curator.store.models import GOLD_ANNOTATOR

    chosen = [accept is not None, reject is not None, remove is not None, accept_agreed]
    if sum(chosen) > 1:
        raise click.UsageError("one decision at a time: --accept, --reject, --remove or --accept-agreed")
    db = obj.db()
    found = queries.document_ids_by_ext(db, [document])
    if not found:
        raise click.UsageError(f"no document {document!r} in the database")
    doc_id = found[0]
    names = _split(annotators) or sorted(
        {s.annotator for s in queries.spans(db, doc_id)} | {a for a, _, _ in queries.document_labels(db, doc_id)}
    )
    names = [n for n in names if n != GOLD_ANNOTATOR]
    try:
        curation = CurationService(db, reviewer)
        diffs = document_differences(db, doc_id, names)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc

    def difference(number: int) -> Any:
        if not 1 <= number <= len(diffs):
            raise click.UsageError(f"there is no difference {number}: this document has {len(diffs)}")
        return diffs[number - 1]

    try:
        if accept is not None:
            number, _, who = accept.partition(":")
            if not number.strip().isdigit() or who not in names:
                raise click.UsageError(f"--accept takes N:ANNOTATOR, the annotator one of {', '.join(names)}")
            change = curation.accept(doc_id, difference(int(number)), who)
        elif reject is not None:
            change = curation.reject(doc_id, difference(reject))
        elif remove is not None:
            change = curation.remove_from_gold(doc_id, difference(remove))
        elif accept_agreed:
            _, change = curation.accept_all_agreed(curation.preview_agreed(doc_id, names))
        else:
            text = queries.document(db, doc_id)
            state = REVIEW_STATES_LABELS[review_state(db, doc_id)]
            click.echo(f"{document}: {len(diffs)} differences between {', '.join(names)}; {state}")
            for n, diff in enumerate(diffs, start=1):
                line = diff.describe(text.text if text else "")
                click.echo(f"{n:>4}. {for_terminal(line)}{'  (resolved)' if diff.resolved else ''}")
            return
    except EditRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(change.describe())


@click.command("bulk-accept")
@click.option("--reviewer", required=True, help="Your name: the history records who decided what.")
@click.option("--majority", "k", type=int, metavar="K", help="Accept what K of the annotators made identically.")
@click.option("--annotator", help="Accept everything of this annotator.")
@click.option("--annotators", help="With --majority: compare these, comma-separated (default: all but the gold layer).")
@click.option("--documents", help="Only these document ids, comma-separated (default: all).")
@click.option("--layer", "layers", multiple=True, help="Only this layer (repeatable).")
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.pass_obj
def bulk_accept(
    obj: Any,
    reviewer: str,
    k: int | None,
    annotator: str | None,
    annotators: str | None,
    documents: str | None,
    layers: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Accept into the gold layer, as one decision, what a majority agrees on (--majority K) or
    everything of one annotator (--annotator NAME), on all documents or --documents, all layers or
    --layer. One transaction; prints the preview and what was added."""
    from curator.review.agreement import default_annotators
    from curator.review.curation import CurationService
    from curator.store.queries import document_ids_by_ext

    if (k is None) == (annotator is None):
        raise click.UsageError("give --majority K or --annotator NAME (one of them)")
    db = obj.db()
    doc_ids = None
    wanted = _split(documents)
    if wanted:
        doc_ids = document_ids_by_ext(db, wanted)
        if len(doc_ids) != len(set(wanted)):
            raise click.UsageError("some of the --documents ids are not in the database")
    try:
        curation = CurationService(db, reviewer)
        if k is not None:
            names = _split(annotators) or default_annotators(db)
            plan = curation.preview_majority(names, k, document_ids=doc_ids, layers=list(layers) or None)
        else:
            assert annotator is not None
            plan = curation.preview_annotator(annotator, document_ids=doc_ids, layers=list(layers) or None)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"{plan.rule()}: {plan.summary()}")
    for doc_id, span, why in plan.refused[:20]:
        click.echo(f"  left out (document {doc_id}): {span.layer}/{span.label} {span.start}-{span.end}: {why}")
    if dry_run or plan.empty:
        click.echo("nothing written" + ("" if dry_run else ": nothing to add"))
        return
    try:
        added, _ = curation.accept_bulk(plan)
    except EditRefused as exc:
        raise click.ClickException(f"{exc}; nothing written") from exc
    click.echo(f"added {added.summary()}")


def _print(figures: dict[str, Any], schema: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from curator.cli.tables import for_terminal
    from curator.review.report import format_figure, label_name

    f = format_figure
    console = Console()
    console.print(f"{counted(figures['documents'], 'document')}; annotators: {', '.join(figures['annotators'])}")
    if figures["reason"]:
        console.print(figures["reason"])
    for note in figures["notes"]:
        console.print(note)
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
        u, where = layer["alpha_u"] or {}, layer["position_only"] or {}
        console.print(
            f"αU {f(u.get('overall'))}{' (' + u['reason'] + ')' if u.get('reason') else ''};"
            f" position only {f(where.get('alpha_u'))}"
        )
        lowest = [d for d in sorted(layer["documents"], key=lambda d: d["alpha_u"] if d["alpha_u"] is not None else 9)]
        shown = [f"{for_terminal(d['document'])} {f(d['alpha_u'])}" for d in lowest[:5] if d["alpha_u"] is not None]
        if shown:
            console.print("lowest αU per document: " + ", ".join(shown))
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
    """Register ``agreement``, ``report``, ``review``, ``curate`` and ``bulk-accept`` on the ``curator``
    command group."""
    group.add_command(agreement)
    group.add_command(report)
    group.add_command(review)
    group.add_command(curate)
    group.add_command(bulk_accept)
