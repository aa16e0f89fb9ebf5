"""``curator``: open the window, import, export and count. Exit 0 on success, else one line on stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import closing, nullcontext
from pathlib import Path
from typing import Any

import click

from curator import __version__
from curator.cli.context import CommandContext, one_line
from curator.errors import CuratorError, InputRejected
from curator.text.plural import counted

# Nothing below loads a schema, a format or the store at import: `curator --help` and `curator stats`
# start in a fraction of what SQLAlchemy and the format packages take to import (issue 23). Commands
# import what they use inside themselves.


def _import_names() -> list[str]:
    from curator.io import registry

    return registry.import_names()


def _export_names() -> list[str]:
    from curator.io import registry

    return registry.export_names()


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"curator: error: {message}", err=True)
    sys.exit(code)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "url", envvar="CURATOR_DB", help="SQLAlchemy URL (default: SQLite in the user data folder).")
@click.option(
    "--schema",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CURATOR_SCHEMA",
    help="The project's own annotation schema file (YAML).",
)
@click.version_option(__version__, prog_name="curator")
@click.pass_context
def cli(ctx: click.Context, url: str | None, schema: Path | None) -> None:
    """Curator: annotate a multilingual news corpus, export datasets, review colleagues.

    Without a command, opens the window (same as `curator gui`).
    """
    ctx.obj = CommandContext(url, schema)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)
    elif ctx.invoked_subcommand != "gui":
        from curator.cli.batch_gc import batch_pace

        global _batch_command
        _batch_command = True
        ctx.with_resource(batch_pace())  # batch commands: see curator.cli.batch_gc
        ctx.call_on_close(ctx.obj.close)


@cli.command()
@click.option("--annotator", help="Open as this annotator (otherwise the remembered one, or ask).")
@click.option(
    "--ui-language",
    type=click.Choice(["en", "fr", "ar"]),
    help="Interface language (otherwise CURATOR_UI_LANGUAGE, the one chosen in the window, the system's).",
)
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Render the window offscreen into this PNG file and exit.",
)
@click.option("--document", "document_id", type=int, help="With --screenshot: the document to show.")
@click.pass_obj
def gui(
    obj: CommandContext,
    annotator: str | None,
    ui_language: str | None,
    screenshot: Path | None,
    document_id: int | None,
) -> None:
    """Open the annotation window; a first start on an empty database loads the demo corpus."""
    from curator.gui.app import run

    sys.exit(run(obj.url, obj.schema, annotator, ui_language=ui_language, screenshot=screenshot, document=document_id))


class FormatChoice(click.Choice[str]):
    """The formats :mod:`curator.io.registry` holds as the command line is read: a format added
    there is a choice of ``--format`` (and listed in ``--help``) with nothing to change here."""

    def __init__(self, names: Callable[[], list[str]]) -> None:
        self._names = names
        super().__init__((), case_sensitive=True)

    # click 8.1 types choices as a Sequence, 8.5 as a tuple: either is read here.
    @property  # type: ignore[override, unused-ignore]
    def choices(self) -> Sequence[str]:
        return tuple(self._names())

    @choices.setter
    def choices(self, _value: Sequence[str]) -> None:
        """click's own ``__init__`` sets the choices once; they are read from the registry instead."""


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--annotator", help="Annotator of pre-annotations whose file names none.")
@click.option("--encoding", help="Decode text files with this encoding instead of detecting it.")
@click.option(
    "--format",
    "fmt",
    type=FormatChoice(_import_names),
    help="Read files as this format where the extension is ambiguous (doccano .jsonl/.json, Prodigy .jsonl, "
    "CoNLL .txt).",
)
@click.option("--check", is_flag=True, help="Check everything and list every problem; write nothing.")
@click.option(
    "--leave-out-unsupported",
    is_flag=True,
    help="Import what the schema can hold and leave out (and count) what it cannot, instead of refusing.",
)
@click.option(
    "--as-suggestions",
    is_flag=True,
    help="Keep the files' annotations as a model's suggestions (with their scores) on documents already "
    "in the database: never exported or counted until accepted.",
)
@click.option("--model", help="With --as-suggestions: the model's name (default: the file's annotator).")
@click.option(
    "--index-later",
    is_flag=True,
    help="Leave the new documents out of the search index until the first corpus search (a faster import).",
)
@click.pass_obj
def import_(
    obj: CommandContext,
    paths: tuple[Path, ...],
    annotator: str | None,
    encoding: str | None,
    fmt: str | None,
    check: bool,
    leave_out_unsupported: bool,
    as_suggestions: bool,
    model: str | None,
    index_later: bool,
) -> None:
    """Import files and folders as one batch: all of it, or nothing.

    .txt texts, .jsonl interchange (or doccano, Prodigy with --format doccano, prodigy), brat .ann (with its .txt),
    UIMA .xmi (with TypeSystem.xml), spaCy .spacy, Label Studio .json; CoNLL .conll (Curator's with
    its .documents.jsonl, or CoNLL-2003 of other tools, text rebuilt from the tokens), claims .csv
    (onto documents already in the database or in the batch) and parquet tables (documents.parquet
    with the span and relation tables, or tokens.parquet), WebAnno TSV 3 .tsv (INCEpTION).
    """
    if model and not as_suggestions:
        _fail("--model names the model of --as-suggestions", 2)
    if as_suggestions:
        _import_suggestions(obj, list(paths), annotator, encoding, fmt, check, model)
        return
    from curator.io.parallel_import import ParallelImport

    # Started first, so that the workers read while this process opens the database.
    parallel = None if check else ParallelImport.start(list(paths), fmt=fmt, annotator=annotator, url=obj.url)

    from curator.cli.progress import progress_bar
    from curator.io.importer import import_paths

    try:
        with closing(parallel) if parallel else nullcontext(), progress_bar("Importing") as (set_total, advance):
            report = import_paths(
                obj.db(),
                list(paths),
                annotator=annotator,
                encoding=encoding,
                fmt=fmt,
                dry_run=check,
                on_total=set_total,
                progress=advance,
                parallel=parallel,
                leave_out_unsupported=leave_out_unsupported,
                index_later=index_later,
            )
    except InputRejected as exc:
        _refused(exc, check)
        return
    b = report.batch
    if report.left_out:
        left = sum(report.left_out.values())
        click.echo(
            f"left out {counted(left, 'thing')} the schema cannot hold: "
            + ", ".join(f"{n} {kind}" for kind, n in sorted(report.left_out.items()))
        )
    if report.scores_not_kept:
        click.echo(
            f"{counted(report.scores_not_kept, 'annotation')} came with a model's score, which annotations do not keep "
            "(import with --as-suggestions to keep them as suggestions)"
        )
    if check:
        click.echo(f"{counted(len(report.files), 'file')} checked, no problems")
        return
    click.echo(
        f"imported {counted(b.documents_added, 'document')}, {counted(b.spans_added, 'annotation')}, "
        f"{counted(b.relations_added, 'relation')}, {counted(b.doc_labels_added, 'document label')} "
        f"from {counted(len(report.files), 'file')}"
    )
    if b.entities_added or b.entities_updated or b.links_added:
        click.echo(
            f"registry: {counted(b.entities_added, 'new entity', 'new entities')}, {b.entities_updated} updated, "
            f"{counted(b.links_added, 'annotation')} linked"
        )
    if b.documents_existing:
        click.echo(
            f"{counted(len(b.documents_existing), 'document')} "
            f"{'was' if len(b.documents_existing) == 1 else 'were'} already in the database: "
            + ", ".join(b.documents_existing[:5])
            + (" ..." if len(b.documents_existing) > 5 else "")
        )
    if b.documents_sharing_text:
        click.echo(
            f"{b.documents_sharing_text} documents share their text with another document of another id "
            "(each is kept as its own document)"
        )
    skipped = b.spans_existing + b.relations_existing + b.doc_labels_existing
    if skipped:
        were = "was" if skipped == 1 else "were"
        click.echo(
            f"{counted(skipped, 'annotation, relation or label', 'annotations, relations or labels')} {were} "
            f"already there and {were} not added again"
        )
    if report.repeated:
        click.echo(
            f"{counted(len(report.repeated), 'document')} repeated one earlier in the batch (same text and id), "
            "their annotations joined to it: " + ", ".join(report.repeated[:5])
        )
    if report.ignored:
        click.echo(
            f"ignored {counted(len(report.ignored), 'file')} of no known format: " + ", ".join(report.ignored[:5])
        )
    from curator.io import registry
    from curator.io.capacity import KIND_NAMES

    for name in report.formats:
        if lacking := registry.lacking(name):
            click.echo(
                f"{name} files cannot carry {', '.join(KIND_NAMES[k] for k in lacking)}: none were read from them"
            )
    if not b.added_anything:
        click.echo("nothing new: the database already held all of it")


def _refused(exc: InputRejected, check: bool) -> None:
    """An import refused: with ``--check`` every problem on its own line, then the one-line summary."""
    if check:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
    _fail(f"{exc.summary()}; nothing was imported")


def _import_suggestions(
    obj: CommandContext,
    paths: list[Path],
    annotator: str | None,
    encoding: str | None,
    fmt: str | None,
    check: bool,
    model: str | None,
) -> None:
    from curator.suggest.predictions import import_predictions

    try:
        report = import_predictions(
            obj.db(), paths, model=model, annotator=annotator, fmt=fmt, encoding=encoding, dry_run=check
        )
    except InputRejected as exc:
        _refused(exc, check)
        return
    if check:
        click.echo(f"{counted(len(report.files), 'file')} checked, no problems")
        return
    models = ", ".join(f"{counted(n, 'suggestion')} of {name}" for name, n in sorted(report.suggestions.items()))
    click.echo(f"kept {models or 'no suggestions'} on {counted(report.documents, 'document')}")
    if report.replaced:
        click.echo(f"replaced {counted(report.replaced, 'earlier suggestion')} of the same models there")
    for kind, n in sorted(report.not_suggestions.items()):
        click.echo(f"{n} {kind} in the files are not suggestions and were not kept")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=FormatChoice(_export_names),
    default="jsonl",
    show_default=True,
    help="Dataset format.",
)
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Output file (jsonl) or folder.")
@click.option("--annotator", "annotators", multiple=True, help="Only this annotator's work (repeatable).")
@click.option("--curated", is_flag=True, help="Only the curated (gold) layer.")
@click.option("--layer", "layers", multiple=True, help="Only this layer (repeatable).")
@click.option("--documents", help="Only these document ids, comma-separated.")
@click.option(
    "--csv-mode",
    type=click.Choice(["spreadsheet", "plain"]),
    default="spreadsheet",
    show_default=True,
    help="csv: neutralise cells a spreadsheet would run as formulas, or keep every cell exact.",
)
@click.pass_obj
def export(
    obj: CommandContext,
    fmt: str,
    out: Path,
    annotators: tuple[str, ...],
    curated: bool,
    layers: tuple[str, ...],
    documents: str | None,
    csv_mode: str,
) -> None:
    """Export documents and annotations as a dataset, with a dataset card (README.md).

    jsonl writes one file (its card beside it, <name>.README.md); the other formats write a folder.
    """
    from curator.cli.progress import progress_bar
    from curator.io import registry
    from curator.store.models import GOLD_ANNOTATOR
    from curator.store.queries import count_documents, document_ids_by_ext

    if curated and annotators:
        _fail("--curated and --annotator exclude each other", 2)
    db = obj.db()
    names = [GOLD_ANNOTATOR] if curated else list(annotators) or None
    if names:
        unknown = sorted(set(names) - set(db.annotator_names()))
        if unknown:
            _fail(
                f"no annotator named {unknown[0]!r} in the database"
                + (": nothing has been curated yet" if curated else "")
            )
    known_layers = [lay.id for lay in db.schema.layers]
    for layer in layers:
        if layer not in known_layers:
            _fail(f"no layer {layer!r} in the schema; choose among {', '.join(known_layers)}", 2)
    doc_ids = None
    if documents:
        wanted = [d.strip() for d in documents.split(",") if d.strip()]
        doc_ids = document_ids_by_ext(db, wanted)
        if len(doc_ids) != len(set(wanted)):
            _fail("some of the --documents ids are not in the database")
    notes: list[str] = []
    try:
        with progress_bar(f"Exporting {fmt}") as (set_total, advance):
            set_total(len(doc_ids) if doc_ids is not None else count_documents(db))
            count = registry.export(
                fmt,
                db,
                out,
                annotators=names,
                document_ids=doc_ids,
                progress=advance,
                layers=list(layers) or None,
                options={"csv_mode": csv_mode},
                on_note=notes.append,
            )
    except OSError as exc:
        _fail(f"{out}: {exc.strerror or exc}")
        return
    for note in notes:
        click.echo(f"note: {note}")
    click.echo(f"exported {counted(count, 'document')} to {out}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def stats(obj: CommandContext, as_json: bool) -> None:
    """Documents by language; annotations by layer, label and annotator."""
    from curator.paths import default_database_url
    from curator.store.stats import quick_stats

    # A SQLite file or a PostgreSQL database at the current revision is counted with sqlite3 or
    # psycopg alone; any other database (or one not at the current revision) is
    # opened the ordinary way (migrated, or refused), which imports SQLAlchemy and the schema.
    figures = quick_stats(obj.url or default_database_url()) if obj.schema is None else None
    if figures is None:
        from curator.store.queries import stats as corpus_stats

        figures = corpus_stats(obj.db())
    if as_json:
        import json

        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    from curator.cli.tables import print_stats

    print_stats(figures)


_batch_command = False  # set when the command run is not the window


def run() -> None:
    """The ``curator`` program: :func:`main`, and after a batch command an exit without Python's
    teardown of SQLAlchemy, pydantic and the rest, 0.1 s of every command here. By then the command
    has closed what it wrote and disposed of the database; only the output streams are flushed. The
    window ends the ordinary way (Qt writes its settings as it goes down)."""
    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        if not _batch_command:
            raise
        code = exc.code
    if not _batch_command:
        return
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (curator stats | head)
        code = code or 1
    os._exit(int(code or 0))


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure becomes ``curator: error: ...`` on one line and a non-zero exit."""
    try:
        cli.main(args=argv, prog_name="curator", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.UsageError as exc:
        _fail(exc.format_message().replace("\n", " "), 2)
    except click.ClickException as exc:
        _fail(exc.format_message().replace("\n", " "), exc.exit_code)
    except CuratorError as exc:
        _fail(str(exc))
    except Exception as exc:
        # Anything unforeseen (a server gone mid-command, a full disk) is still one line; the
        # traceback is there for a bug report with CURATOR_DEBUG=1.
        if os.environ.get("CURATOR_DEBUG"):
            raise
        _fail(f"{type(exc).__name__}: {one_line(exc)} (CURATOR_DEBUG=1 shows the traceback)")


def _register_commands() -> None:
    from curator.cli.admin_commands import COMMANDS as ADMIN
    from curator.cli.entity_commands import COMMANDS as ENTITIES
    from curator.cli.guidelines_commands import COMMANDS as GUIDELINES
    from curator.cli.schema_commands import COMMANDS as SCHEMA
    from curator.cli.suggest_commands import COMMANDS as SUGGEST
    from curator.cli.team_commands import COMMANDS as TEAM

    for command in (*ADMIN, *ENTITIES, *GUIDELINES, *SCHEMA, *SUGGEST, *TEAM):
        cli.add_command(command)


_register_commands()


from curator.cli.review_commands import add_review_commands  # noqa: E402  (agreement, report: issue 5)

add_review_commands(cli)
