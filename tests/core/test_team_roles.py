"""Roles the PostgreSQL server enforces (issue 21): each login writes only its own work, through
Curator and with raw SQL alike; the curator login writes the gold layer; assignment and locks."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from curator.errors import EditRefused
from curator.review.states import set_review_state
from curator.store.assignment import AssignmentService, assign, team_status
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import GOLD_ANNOTATOR
from curator.store.roles import grant


def _add_documents(db: Database, count: int) -> list[int]:
    from curator.store.models import Document

    with db.write() as session:
        docs = [
            Document(
                ext_id=f"d{i}",
                title=f"D{i}",
                language="en",
                direction="ltr",
                text="Paris and Rome.",
                length=15,
                content_sha256=f"{i:064d}",
            )
            for i in range(count)
        ]
        session.add_all(docs)
        session.flush()
        return [d.id for d in docs]


def _as(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


@pytest.fixture
def team(postgres_url: str) -> Iterator[tuple[str, dict[str, str], list[int]]]:
    """A database made by the owner, three documents, and logins a, b (annotators) and c (curator)."""
    tag = uuid.uuid4().hex[:8]
    owner = Database(postgres_url)
    docs = _add_documents(owner, 3)
    logins = {"a": f"ann_a_{tag}", "b": f"ann_b_{tag}", "c": f"cur_c_{tag}"}
    assert grant(owner.engine, "annotator", logins["a"]) is True
    grant(owner.engine, "annotator", logins["b"])
    grant(owner.engine, "curator", logins["c"])
    owner.dispose()
    yield postgres_url, logins, docs
    with psycopg.connect(make_url(postgres_url).set(drivername="postgresql").render_as_string(False)) as conn:
        for login in logins.values():
            conn.execute(f'DROP OWNED BY "{login}"')
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
        conn.commit()


def test_an_annotator_cannot_change_a_colleagues_span_through_curator_or_sql(
    team: tuple[str, dict[str, str], list[int]],
) -> None:
    url, logins, docs = team
    db_a, db_b = Database(_as(url, logins["a"])), Database(_as(url, logins["b"]))
    try:
        assert db_a.login is not None and db_a.login.name == logins["a"] and db_a.login.role == "annotator"
        span_b = Editor(db_b, logins["b"]).add_span(docs[0], "entity", "LOC", 0, 5)
        mine = Editor(db_a, logins["a"]).add_span(docs[0], "entity", "LOC", 10, 14)
        assert mine.annotator == logins["a"]
        # through Curator: refused before the server is asked
        with pytest.raises(EditRefused, match="logged in to the server as"):
            Editor(db_a, logins["b"]).delete_span(span_b.id, span_b.version)
        with pytest.raises(EditRefused, match="belongs to"):
            Editor(db_a, logins["a"]).delete_span(span_b.id, span_b.version)
    finally:
        db_a.dispose()
        db_b.dispose()
    # with raw SQL as A: the server refuses, by name
    raw = make_url(_as(url, logins["a"])).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(raw) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not change the work of"):
            conn.execute("UPDATE spans SET start = 1 WHERE id = %s", (span_b.id,))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM spans WHERE id = %s", (span_b.id,))
        conn.rollback()
        b_id = conn.execute("SELECT annotator_id FROM spans WHERE id = %s", (span_b.id,)).fetchone()
        assert b_id is not None
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, created_at, '
                "updated_at, version) SELECT document_id, annotator_id, label_id, 2, 3, '{}', '', now(), now(), 1 "
                "FROM spans WHERE id = %s",
                (span_b.id,),
            )
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE review_states SET state = 'curated'")
        conn.rollback()
        # its own span it may change
        assert conn.execute("UPDATE spans SET note = 'x' WHERE id = %s", (mine.id,)).rowcount == 1
        conn.commit()
        assert conn.execute("SELECT start FROM spans WHERE id = %s", (span_b.id,)).fetchone() == (0,)


def test_the_server_refusal_reaches_curator_as_a_clear_edit_refused(
    team: tuple[str, dict[str, str], list[int]],
) -> None:
    url, logins, docs = team
    db_a = Database(_as(url, logins["a"]))
    try:
        # A reserved name is refused by the Editor; the gold layer written directly is refused by the server.
        from curator.store.models import Span

        with pytest.raises(EditRefused, match="the server refused"), db_a.write() as session:
            gold = db_a.annotator_id(session, GOLD_ANNOTATOR)
            session.add(Span(document_id=docs[0], annotator_id=gold, label_id=1, start=0, end=2))
            session.flush()
    finally:
        db_a.dispose()


def test_the_curator_login_writes_the_gold_layer_and_review_states(team: tuple[str, dict[str, str], list[int]]) -> None:
    url, logins, docs = team
    db_c = Database(_as(url, logins["c"]))
    try:
        assert db_c.login is not None and db_c.login.may("annotator") and not db_c.login.may("manager")
        from curator.store.models import Span

        with db_c.write() as session:
            gold = db_c.annotator_id(session, GOLD_ANNOTATOR)
            label = db_c.ids.labels[("entity", "LOC")]
            session.add(Span(document_id=docs[0], annotator_id=gold, label_id=label, start=0, end=5))
        assert set_review_state(db_c, docs[0], "in_review", logins["c"]) == "not_reviewed"
    finally:
        db_c.dispose()


def test_a_curator_login_reviews_under_its_own_name_only(team: tuple[str, dict[str, str], list[int]]) -> None:
    from click.testing import CliRunner

    from curator.cli.main import cli
    from curator.review.service import ReviewService

    url, logins, _ = team
    db_c = Database(_as(url, logins["c"]))
    try:
        with pytest.raises(EditRefused, match=f"logged in to the server as “{logins['c']}”"):
            ReviewService(db_c, "someone_else")
        assert ReviewService(db_c, logins["c"]).reviewer == logins["c"]
        # The command says so before any window opens (and needs no --reviewer on such a login).
        result = CliRunner().invoke(cli, ["--db", _as(url, logins["c"]), "review", "--reviewer", "someone_else"])
        assert result.exit_code == 1 and "you review under that name" in result.output
    finally:
        db_c.dispose()


def test_a_manager_can_give_work_to_annotator_logins_that_never_opened_curator(
    team: tuple[str, dict[str, str], list[int]],
) -> None:
    url, logins, docs = team
    owner = Database(url)
    try:
        service = AssignmentService(owner, "owner")
        Editor(Database(_as(url, logins["a"])), logins["a"]).add_span(docs[0], "entity", "LOC", 0, 5)
        # a has worked here; b was granted the role and never logged in; c is a curator.
        assert logins["a"] in service.annotator_names() and logins["b"] not in service.annotator_names()
        granted = service.granted_logins()
        assert logins["b"] in granted and logins["a"] not in granted and logins["c"] not in granted
    finally:
        owner.dispose()


def test_assignment_spreads_evenly_is_deterministic_and_keeps_what_was_made(db_url: str) -> None:
    db = Database(db_url)
    try:
        docs = _add_documents(db, 30)
        report = assign(db, ["a", "b", "c"], 2, seed=7)
        assert len(report.added) == 60
        assert Counter(n for _d, n in report.added) == {"a": 20, "b": 20, "c": 20}
        assert all(len({n for d, n in report.added if d == doc}) == 2 for doc in docs)
        again = assign(db, ["a", "b", "c"], 2, seed=7)
        assert again.added == [] and again.kept == 60
        replaced = assign(db, ["a", "b", "c"], 2, seed=7, replace=True)
        assert replaced.added == report.added and len(replaced.removed) == 60
    finally:
        db.dispose()


def test_a_document_is_ready_when_its_annotators_are_done_and_locks_in_curation(db_url: str) -> None:
    db = Database(db_url)
    try:
        (doc,) = _add_documents(db, 1)
        assign(db, ["a", "b"], 2, seed=1)
        with pytest.raises(EditRefused, match="given to a, b"):
            Editor(db, "z").add_span(doc, "entity", "LOC", 0, 5)
        span = Editor(db, "a").add_span(doc, "entity", "LOC", 0, 5)
        Editor(db, "a").set_status(doc, "done")
        (progress,) = team_status(db)
        assert progress.assigned == ("a", "b") and not progress.ready and progress.stage == "annotating"
        Editor(db, "b").set_status(doc, "done")
        (progress,) = team_status(db)
        assert progress.ready and progress.stage == "ready"
        assert [(p.annotator, p.state, p.annotations) for p in progress.annotators] == [
            ("a", "done", 1),
            ("b", "done", 0),
        ]
        set_review_state(db, doc, "in_review", "cur")
        assert team_status(db)[0].stage == "in curation"
        with pytest.raises(EditRefused, match="locked"):
            Editor(db, "a").delete_span(span.id, span.version)
        set_review_state(db, doc, "not_reviewed", "cur")
        Editor(db, "a").delete_span(span.id, span.version)
    finally:
        db.dispose()


def test_the_document_list_shows_an_annotator_their_own_documents(db_url: str) -> None:
    from curator.store.browse import DocumentFilter, document_page

    db = Database(db_url)
    try:
        docs = _add_documents(db, 4)
        assert [r.id for r in document_page(db, "a")] == docs  # nothing assigned yet: every document
        assign(db, ["a", "b"], 1, document_ids=docs[:2], seed=0)
        mine = [r.id for r in document_page(db, "a")]
        theirs = [r.id for r in document_page(db, "b")]
        assert len(mine) == len(theirs) == 1 and set(mine + theirs) == set(docs[:2])
        assert [r.id for r in document_page(db, "a", DocumentFilter(assigned_only=False))] == docs
        assert [r.id for r in document_page(db, "z")] == docs  # given nothing: sees everything
    finally:
        db.dispose()


def test_an_annotator_login_keeps_its_states_and_comments_but_not_review_states(
    team: tuple[str, dict[str, str], list[int]],
) -> None:
    from curator.review.comments import add_comment

    url, logins, docs = team
    db_a = Database(_as(url, logins["a"]))
    try:
        assert Editor(db_a, logins["a"]).set_status(docs[1], "in_progress") == "new"
        add_comment(db_a, docs[1], logins["a"], "Is Rome a place here?")
        with pytest.raises(EditRefused, match=f"the server refused: {logins['a']} may not"):
            set_review_state(db_a, docs[1], "curated", logins["a"])
        with pytest.raises(EditRefused, match="the server refused"):
            add_comment(db_a, docs[1], logins["b"], "written under a colleague's name")
    finally:
        db_a.dispose()


def test_the_roles_migration_goes_down_and_up_again_on_postgresql(postgres_url: str) -> None:
    from alembic import command

    from curator.store import migrations

    db = Database(postgres_url)
    config = migrations._config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_policies WHERE tablename = 'spans'").scalar() == 0
        command.upgrade(config, "head")
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_policies WHERE tablename = 'spans'").scalar() == 4
    db.dispose()
