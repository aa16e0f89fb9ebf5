"""``curator assign``, ``status`` and ``admin grant``: the team workflow and the server's roles (issue 21)."""

from __future__ import annotations

import click

from curator.cli.context import CommandContext


@click.command()
@click.option("--annotators", required=True, help="Comma-separated annotator names (logins on PostgreSQL).")
@click.option("--per-document", type=click.IntRange(min=1), required=True, help="How many annotators per document.")
@click.option("--documents", help="Comma-separated document ids (default: every document).")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same assignment.")
@click.option("--replace", is_flag=True, help="Drop these documents' assignments first instead of keeping them.")
@click.pass_obj
def assign(obj: object, annotators: str, per_document: int, documents: str | None, seed: int, replace: bool) -> None:
    """Give each document to PER-DOCUMENT of ANNOTATORS, spread evenly; assignments made are kept."""
    from curator.store.assignment import assign as assign_documents

    assert isinstance(obj, CommandContext)
    try:
        ids = [int(part) for part in documents.split(",") if part.strip()] if documents else None
    except ValueError as exc:
        raise click.BadParameter("--documents takes comma-separated document ids") from exc
    db = obj.db()
    who = db.login.name if db.login else "manager"
    report = assign_documents(
        db, annotators.split(","), per_document, document_ids=ids, seed=seed, replace=replace, who=who
    )
    click.echo(f"assigned {len(report.added)}, kept {report.kept}, removed {len(report.removed)}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def status(obj: object, as_json: bool) -> None:
    """Per document: assigned annotators, each one's state, annotation count and active time, and
    whether it is ready / in curation / curated."""
    from curator.store.active_time import shown_duration
    from curator.store.assignment import team_status

    assert isinstance(obj, CommandContext)
    rows = team_status(obj.db())
    if as_json:
        import json

        click.echo(
            json.dumps(
                [
                    {
                        "document": r.document_id,
                        "ext_id": r.ext_id,
                        "assigned": list(r.assigned),
                        "stage": r.stage,
                        "ready": r.ready,
                        "review_state": r.review_state,
                        "annotators": {
                            a.annotator: {
                                "state": a.state,
                                "annotations": a.annotations,
                                "active_seconds": round(a.active_seconds, 1),
                            }
                            for a in r.annotators
                        },
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in rows:
        people = ", ".join(
            f"{a.annotator} {a.state.replace('_', ' ')} ({a.annotations}, {shown_duration(a.active_seconds)})"
            for a in r.annotators
        )
        click.echo(f"{r.document_id}\t{r.ext_id}\t{r.stage}\tassigned: {', '.join(r.assigned) or '-'}\t{people}")


@click.group()
def admin() -> None:
    """Administration of a shared PostgreSQL database."""


@admin.command()
@click.argument("role", type=click.Choice(["annotator", "curator", "manager"]))
@click.argument("login")
@click.pass_obj
def grant(obj: object, role: str, login: str) -> None:
    """Give LOGIN the ROLE the server enforces, creating the login when it does not exist."""
    from curator.store.roles import grant as grant_role

    assert isinstance(obj, CommandContext)
    created = grant_role(obj.db().engine, role, login)
    click.echo(f"{'created login ' + login + ' and ' if created else ''}granted {role} to {login}")


COMMANDS = (assign, status, admin)
