"""``curator suggest`` and ``curator gazetteer``: what the window would suggest, how good the learned
suggestions are, and the gazetteers they come from. The figures come from :mod:`curator.suggest`, as
the window's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from curator.cli.context import CommandContext
from curator.text.plural import counted

if TYPE_CHECKING:
    from curator.suggest.model import Suggestion


def _annotator(db: Any, given: str | None) -> str:
    from curator.store.models import GOLD_ANNOTATOR

    names = [n for n in db.annotator_names() if n != GOLD_ANNOTATOR]
    if given:
        return str(given)
    if len(names) == 1:
        return str(names[0])
    raise click.UsageError(
        "say whose suggestions with --annotator"
        + (f" (one of {', '.join(names)})" if names else " (nobody has annotated yet)")
    )


@click.command()
@click.option("--annotator", help="Whose suggestions (what this annotator's window shows); needed if several.")
@click.option("--documents", help="Only these document ids, comma-separated.")
@click.option("--layer", "layers", multiple=True, help="Only this layer (repeatable).")
@click.option(
    "--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Leave out lower scores."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--evaluate",
    is_flag=True,
    help="Precision, recall and F1 of the learned suggestions, leaving one document out at a time "
    "(on --annotator's spans, or the gold layer with --annotator curation).",
)
@click.pass_obj
def suggest(
    obj: CommandContext,
    annotator: str | None,
    documents: str | None,
    layers: tuple[str, ...],
    min_score: float,
    as_json: bool,
    evaluate: bool,
) -> None:
    """Print the suggestions the window would show: document, start, end, text, label, score, source.

    Suggestions are learned from the annotator's spans and the gold layer, come from gazetteers
    (`curator gazetteer import`) and from models (`curator import --as-suggestions`). None of them is
    an annotation until accepted in the window.
    """
    from curator.store.queries import document_ids_by_ext

    db = obj.db()
    known = [lay.id for lay in db.schema.span_layers()]
    for layer in layers:
        if layer not in known:
            raise click.UsageError(f"no span layer {layer!r} in the schema; choose among {', '.join(known)}")
    who = _annotator(db, annotator)
    if evaluate:
        from curator.suggest.evaluation import evaluate as run_evaluation

        figures = run_evaluation(db, who, layers=list(layers) or None)
        if as_json:
            click.echo(json.dumps(figures.to_dict(), ensure_ascii=False))
            return
        click.echo(f"learned suggestions on {who}'s spans, {counted(figures.documents, 'document')} left out in turn")
        rows = [("all", figures.overall), *sorted(figures.labels.items())]
        heads = ("precision", "recall", "F1", "right", "suggested", "annotated")
        click.echo(f"{'label':<20} " + " ".join(f"{h:>{max(6, len(h))}}" for h in heads))
        for name, scores in rows:
            click.echo(
                f"{name:<20} {_figure(scores.precision):>9} {_figure(scores.recall):>6} {_figure(scores.f1):>6} "
                f"{scores.right:>6} {scores.suggested:>9} {scores.annotated:>9}"
            )
        return
    doc_ids = None
    if documents:
        wanted = [d.strip() for d in documents.split(",") if d.strip()]
        doc_ids = document_ids_by_ext(db, wanted)
        if len(doc_ids) != len(set(wanted)):
            raise click.UsageError("some of the --documents ids are not in the database")
    from curator.suggest.engine import Suggester

    suggester = Suggester(db, who)
    total = 0
    for _doc_id, ext_id, found in suggester.for_documents(doc_ids, layers=list(layers) or None):
        if min_score:
            found = [s for s in found if s.score is not None and s.score >= min_score]
        if not found:
            continue
        total += len(found)
        # One write per document: a corpus has hundreds of thousands of suggestions.
        if as_json:
            click.echo("\n".join([s.to_json(ext_id) for s in found]))
        else:
            click.echo("\n".join([_line(ext_id, s) for s in found]))
    if not as_json:
        click.echo(f"{counted(total, 'suggestion')} for {who}", err=True)


def _line(ext_id: str, s: Suggestion) -> str:
    score = "-" if s.score is None else f"{s.score:.2f}"
    return f"{ext_id}\t{s.start}\t{s.end}\t{s.text}\t{s.layer}-{s.label}\t{score}\t{s.source}"


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@click.group()
def gazetteer() -> None:
    """Lists of names that suggest a label wherever they occur."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--layer", help="The layer bare labels belong to (where several layers have the label).")
@click.option("--name", help="The gazetteer's name (default: the file's name without extension).")
@click.pass_obj
def gazetteer_import(obj: CommandContext, file: Path, layer: str | None, name: str | None) -> None:
    """Import FILE: text<TAB>label lines (INCEpTION's format, an optional score column) or JSON lines
    {"text", "label", "aliases", "score"}. All or nothing; importing a gazetteer again replaces it."""
    from curator.suggest.gazetteer import import_gazetteer

    report = import_gazetteer(obj.db(), file, layer=layer, name=name)
    labels = ", ".join(f"{n} {label}" for label, n in sorted(report.labels.items()))
    click.echo(f"gazetteer {report.name!r}: {counted(report.names, 'name')} ({labels})")
    if report.replaced:
        click.echo(f"replaced the {counted(report.replaced, 'name')} of its previous import")
    if report.repeated:
        click.echo(f"{counted(report.repeated, 'name')} listed again with the same label were kept once")


@gazetteer.command("list")
@click.pass_obj
def gazetteer_list(obj: CommandContext) -> None:
    """The gazetteers in the database and how many names each has."""
    from collections import Counter

    from curator.suggest import rows

    counts = Counter(entry[5] for entry in rows.gazetteer_entries(obj.db()))
    if not counts:
        click.echo("no gazetteers")
    for name, n in sorted(counts.items()):
        click.echo(f"{name}\t{n}")


COMMANDS = (suggest, gazetteer)
