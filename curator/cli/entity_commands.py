"""``curator entities``: the entity registry from the command line (issue 19). Import, export and list
the registry; rank candidates for a mention; list an entity's mentions and claims; link a span; list
the links the registry suggests for spans that name no entity.

Every command goes through the same core operations as the window (:mod:`curator.store.entities`,
:mod:`curator.store.mentions`); like every command here, nothing heavy is imported until it runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from curator.errors import InputRejected
from curator.text.plural import counted

# The name history rows carry for edits made from the command line without --annotator.
COMMAND_LINE = "command-line"


def _registry(obj: Any, who: str | None = None) -> Any:
    from curator.store.entities import Registry

    return Registry(obj.db(), who or COMMAND_LINE)


def _echo_json(value: dict[str, Any]) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


@click.group("entities")
def entities() -> None:
    """The entity registry: one person or organisation, named in Arabic, French and English."""


@entities.command("import")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--annotator", help="Name recorded in the history (default: command-line).")
@click.option("--check", is_flag=True, help="Check the file and list every problem; write nothing.")
@click.pass_obj
def import_entities(obj: Any, path: Path, annotator: str | None, check: bool) -> None:
    """Add the entities of a JSONL registry file (one object per line); entities already known by
    their id are updated. A file with any bad line is refused whole."""
    from curator.io.entity_file import read_entities

    registry = _registry(obj, annotator)
    try:
        records = read_entities(path, registry.types)
    except InputRejected as exc:
        if check:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
        raise click.ClickException(f"{exc.summary()}; nothing was imported") from exc
    if check:
        click.echo(f"{counted(len(records), 'entity', 'entities')} checked, no problems")
        return
    created, updated = registry.import_records(records)
    click.echo(f"imported {counted(created, 'new entity', 'new entities')}, updated {updated} from {path}")


@entities.command("export")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The JSONL file.")
@click.pass_obj
def export_entities(obj: Any, out: Path) -> None:
    """Write the whole registry as JSONL, one entity per line, by id."""
    from curator.io.entity_file import write_entities

    count = write_entities(_registry(obj).all(), out)
    click.echo(f"exported {counted(count, 'entity', 'entities')} to {out}")


@entities.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def list_entities(obj: Any, as_json: bool) -> None:
    """Every entity: id, type and names."""
    for record in _registry(obj).all():
        if as_json:
            _echo_json(record.to_json())
        else:
            names = " / ".join(record.names[lang] for lang in sorted(record.names))
            click.echo(f"{record.key}\t{record.type}\t{names}")


@entities.command("candidates")
@click.argument("text")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--type", "types", multiple=True, help="Only entities of this type (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line: id, score, form, type, names.")
@click.pass_obj
def candidates(obj: Any, text: str, limit: int, types: tuple[str, ...], as_json: bool) -> None:
    """The entities TEXT may name, best first."""
    registry = _registry(obj)
    found = registry.candidates(text, limit=limit, types=list(types) or None)
    records = {r.key: r for r in registry.all()} if found else {}
    for candidate in found:
        record = records.get(candidate.key)
        if as_json:
            _echo_json(
                {
                    "id": candidate.key,
                    "score": candidate.score,
                    "form": candidate.form,
                    "type": record.type if record else None,
                    "names": dict(record.names) if record else {},
                }
            )
        else:
            click.echo(f"{candidate.score:5.1f}\t{candidate.key}\t{candidate.form}")


@entities.command("mentions")
@click.argument("key", metavar="ID")
@click.option("--claims", is_flag=True, help="Also the claims whose claimant is one of these mentions.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (claims with kind: claim).")
@click.pass_obj
def mentions(obj: Any, key: str, claims: bool, as_json: bool) -> None:
    """Every annotation linked to entity ID, across documents and languages."""
    from curator.store.mentions import claims_of
    from curator.store.mentions import mentions as mentions_of

    db = obj.db()
    for mention in mentions_of(db, key):
        if as_json:
            _echo_json({"kind": "mention", **mention.to_json()})
        else:
            click.echo(f"{mention.document}\t{mention.start}-{mention.end}\t{mention.language}\t{mention.text}")
    if claims:
        for claim in claims_of(db, key):
            if as_json:
                _echo_json({"kind": "claim", **claim.to_json()})
            else:
                click.echo(f"claim\t{claim.document}\t{claim.start}-{claim.end}\t{claim.language}\t{claim.text}")


@entities.command("link")
@click.argument("document")
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.argument("key", metavar="ID")
@click.option("--annotator", required=True, help="Whose annotation at START-END to link.")
@click.pass_obj
def link(obj: Any, document: str, start: int, end: int, key: str, annotator: str) -> None:
    """Link ANNOTATOR's entity annotation at START-END of DOCUMENT to entity ID (``-`` unlinks)."""
    change = _registry(obj, annotator).link_at(document, start, end, None if key == "-" else key)
    if not change.changed:
        click.echo("nothing to change: the annotation already links there")
    elif change.after is None:
        click.echo(f"unlinked {document} {start}-{end} from {change.before}")
    else:
        click.echo(f"linked {document} {start}-{end} to {change.after}")


@entities.command("suggest")
@click.option("--annotator", help="Only this annotator's spans (default: everyone's but the gold layer's).")
@click.option("--documents", help="Only these document ids, comma-separated.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None, help="Lowest score offered (default: 0.85).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def suggest(obj: Any, annotator: str | None, documents: str | None, min_score: float | None, as_json: bool) -> None:
    """The link suggested for each entity annotation that names no entity yet: the registry's best
    candidate of its type, when it scores high enough. Nothing is written; `entities link` accepts one."""
    from curator.store.queries import document_ids_by_ext
    from curator.suggest.links import SUGGESTED_LINK_MIN_SCORE, suggest_links

    db = obj.db()
    doc_ids = None
    if documents:
        wanted = list(dict.fromkeys(d.strip() for d in documents.split(",") if d.strip()))
        doc_ids = document_ids_by_ext(db, wanted)
        if len(doc_ids) < len(wanted):
            raise click.UsageError("some of the --documents ids are not in the database")
    if annotator and annotator not in db.annotator_names():
        raise click.UsageError(f"no annotator named {annotator!r} in the database")
    threshold = SUGGESTED_LINK_MIN_SCORE if min_score is None else min_score
    for found in suggest_links(db, _registry(obj, annotator), annotator, doc_ids, threshold):
        if as_json:
            _echo_json(found.to_json())
        else:
            where = f"{found.document}\t{found.start}-{found.end}\t{found.text}"
            click.echo(f"{where}\t{found.entity}\t{found.name}\t{found.score:.2f}")


COMMANDS = [entities]
