"""Active time (issue 21): the clock counts input within two minutes while a document is open and the
window is in front, the store adds it per annotator and document, `curator status` shows it, and on
PostgreSQL an annotator login writes only its own."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from curator.cli.main import cli
from curator.errors import EditRefused
from curator.store.active_time import IDLE_AFTER, ActiveClock, active_seconds, add_active_time, shown_duration
from curator.store.database import Database
from curator.store.revision import HEAD
from curator.store.roles import grant
from tests.core.test_team_roles import _add_documents, _as


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def at(self, t: float) -> None:
        self.now = 1000.0 + t


def test_input_counts_up_to_two_minutes_after_it_and_only_for_the_open_document() -> None:
    t = FakeClock()
    clock = ActiveClock(t)
    t.at(0)
    clock.set_document(7)
    assert clock.take() == {}  # open, but no input yet
    clock.input()
    t.at(30)
    clock.input()  # 30 s of work
    t.at(90)
    assert clock.take() == {7: 90.0}  # 60 s more up to now, within two minutes of the last input
    t.at(600)
    assert clock.take() == {7: IDLE_AFTER - 60.0}  # then idle: only up to two minutes after the input
    clock.input()
    t.at(610)
    clock.set_document(8)  # switching: the time so far stays with 7
    t.at(620)
    clock.input()
    t.at(625)
    assert clock.take() == {7: 10.0, 8: 15.0}


def test_nothing_counts_while_the_window_is_behind_another_or_no_document_is_open() -> None:
    t = FakeClock()
    clock = ActiveClock(t)
    clock.set_document(1)
    clock.input()
    t.at(10)
    clock.set_focused(False)
    t.at(50)
    clock.set_focused(True)
    t.at(60)
    assert clock.take() == {1: 20.0}
    clock.set_document(None)
    t.at(100)
    assert clock.take() == {}


def test_the_store_adds_time_per_annotator_and_document_and_status_shows_it(db_url: str) -> None:
    db = Database(db_url)
    try:
        docs = _add_documents(db, 2)
        add_active_time(db, "amina", {docs[0]: 30.0})
        add_active_time(db, "amina", {docs[0]: 45.5, docs[1]: 0.0, 99999: 5.0})  # a deleted document: passed over
        add_active_time(db, "karim", {docs[1]: 125.0})
        assert active_seconds(db) == {(docs[0], "amina"): 75.5, (docs[1], "karim"): 125.0}
    finally:
        db.dispose()
    result = CliRunner().invoke(cli, ["--db", db_url, "status", "--json"])
    rows = {r["document"]: r for r in json.loads(result.output)}
    assert rows[docs[0]]["annotators"]["amina"]["active_seconds"] == 75.5
    assert rows[docs[1]]["annotators"]["karim"]["active_seconds"] == 125.0
    result = CliRunner().invoke(cli, ["--db", db_url, "status"])
    assert "amina new (0, 1 min)" in result.output and "karim new (0, 2 min)" in result.output


def test_durations_read_as_people_say_them() -> None:
    assert [shown_duration(s) for s in (0, 59.4, 61, 3599, 3660)] == ["0 s", "59 s", "1 min", "59 min", "1 h 01 min"]


def test_an_annotator_login_writes_its_own_active_time_only(postgres_url: str) -> None:
    tag = uuid.uuid4().hex[:8]
    a, b = f"at_a_{tag}", f"at_b_{tag}"
    owner = Database(postgres_url)
    docs = _add_documents(owner, 1)
    grant(owner.engine, "annotator", a)
    grant(owner.engine, "annotator", b)
    owner.dispose()
    try:
        db_a = Database(_as(postgres_url, a))
        db_b = Database(_as(postgres_url, b))
        try:
            add_active_time(db_a, a, {docs[0]: 10.0})
            add_active_time(db_a, a, {docs[0]: 5.0})
            add_active_time(db_b, b, {docs[0]: 7.0})
            with pytest.raises(EditRefused, match="the server refused"):
                add_active_time(db_a, b, {docs[0]: 1000.0})
            assert active_seconds(db_b) == {(docs[0], a): 15.0, (docs[0], b): 7.0}
        finally:
            db_a.dispose()
            db_b.dispose()
    finally:
        with psycopg.connect(make_url(postgres_url).set(drivername="postgresql").render_as_string(False)) as conn:
            for login in (a, b):
                conn.execute(f'DROP OWNED BY "{login}"')
                conn.execute(f'DROP ROLE IF EXISTS "{login}"')
            conn.commit()


def test_migration_0012_goes_down_and_up(db_url: str) -> None:
    from curator.store import migrations

    db = Database(db_url)
    try:
        migrations_dir_config = migrations._config()
        from alembic import command

        with db.engine.begin() as conn:
            migrations_dir_config.attributes["connection"] = conn
            command.downgrade(migrations_dir_config, "0011")
        assert migrations.current_revision(db.engine) == "0011"
        migrations.upgrade(db.engine)
        assert migrations.current_revision(db.engine) == HEAD
        add_active_time(db, "amina", {_add_documents(db, 1)[0]: 1.0})
    finally:
        db.dispose()
