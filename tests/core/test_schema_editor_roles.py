"""Only a manager changes the schema on PostgreSQL (issue 21), and the server enforces it: an
annotator's login is refused through Curator and with raw SQL; a manager's merge moves colleagues'
annotations (migration 0013), which no other role can do even when it claims a schema change."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from curator.store import queries
from curator.store.database import Database, PermissionRefused
from curator.store.editing import Editor
from curator.store.models import Document
from curator.store.roles import grant
from curator.store.schema_changes import SchemaEditor

pytestmark = pytest.mark.postgres


def _as(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def _raw(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def team(postgres_url: str) -> Iterator[tuple[str, dict[str, str], int]]:
    """A database made by the owner with one document; logins a, b (annotators), m (manager)."""
    tag = uuid.uuid4().hex[:8]
    owner = Database(postgres_url)
    with owner.write() as session:
        doc = Document(
            ext_id="d0", title="D0", language="en", direction="ltr", text="Paris and Rome.", length=15,
            content_sha256="0" * 64,
        )  # fmt: skip
        session.add(doc)
        session.flush()
        doc_id = doc.id
    logins = {"a": f"ann_a_{tag}", "b": f"ann_b_{tag}", "m": f"man_m_{tag}"}
    grant(owner.engine, "annotator", logins["a"])
    grant(owner.engine, "annotator", logins["b"])
    grant(owner.engine, "manager", logins["m"])
    owner.dispose()
    yield postgres_url, logins, doc_id
    with psycopg.connect(_raw(postgres_url)) as conn:
        for login in logins.values():
            conn.execute(f'DROP OWNED BY "{login}"')
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
        conn.commit()


def test_an_annotator_login_cannot_change_the_schema_through_curator_or_sql(
    team: tuple[str, dict[str, str], int],
) -> None:
    url, logins, doc_id = team
    db_a = Database(_as(url, logins["a"]))
    try:
        Editor(db_a, logins["a"]).add_span(doc_id, "entity", "LOC", 0, 5)
        with pytest.raises(PermissionRefused, match="only a manager may change the schema"):
            SchemaEditor(db_a, logins["a"]).rename_label("entity", "LOC", {"en": "Somewhere"})
        label = db_a.schema.label("entity", "LOC")
        assert label is not None and label.names.en == "Place"
    finally:
        db_a.dispose()
    with psycopg.connect(_raw(_as(url, logins["a"]))) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO annotation_schemas (name, version, source, content, sha256, loaded_at) "
                "VALUES ('x', 9, 'x', 'x', 'x', now())"
            )
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE labels SET key = 'SOMEWHERE' WHERE key = 'LOC'")
        conn.rollback()


def test_claiming_a_schema_change_gives_an_annotator_nothing(team: tuple[str, dict[str, str], int]) -> None:
    url, logins, doc_id = team
    db_b = Database(_as(url, logins["b"]))
    try:
        theirs = Editor(db_b, logins["b"]).add_span(doc_id, "entity", "LOC", 0, 5)
    finally:
        db_b.dispose()
    with psycopg.connect(_raw(_as(url, logins["a"]))) as conn:
        conn.execute("SELECT set_config('curator.schema_change', 'on', true)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not change the work of"):
            conn.execute("UPDATE spans SET attributes = '{}' WHERE id = %s", (theirs.id,))
        conn.rollback()


def test_a_manager_merges_labels_across_colleagues_and_undoes_it(team: tuple[str, dict[str, str], int]) -> None:
    url, logins, doc_id = team
    for who, (start, end) in (("a", (0, 5)), ("b", (10, 14))):
        db = Database(_as(url, logins[who]))
        try:
            Editor(db, logins[who]).add_span(doc_id, "entity", "LOC", start, end)
        finally:
            db.dispose()
    db_m = Database(_as(url, logins["m"]))
    try:
        assert db_m.login is not None and db_m.login.role == "manager"
        editor = SchemaEditor(db_m, "someone else")
        change = editor.merge_labels("entity", "LOC", "ORG")
        assert sorted((s.annotator, s.label) for s in queries.spans(db_m, doc_id)) == [
            (logins["a"], "ORG"),
            (logins["b"], "ORG"),
        ]
        editor.undo(change)
        assert [s.label for s in queries.spans(db_m, doc_id)] == ["LOC", "LOC"]
        span = queries.spans(db_m, doc_id)[0]
    finally:
        db_m.dispose()
    # outside a schema change the manager still cannot touch a colleague's span, even with psql
    with psycopg.connect(_raw(_as(url, logins["m"]))) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not change the work of"):
            conn.execute("UPDATE spans SET attributes = '{}' WHERE id = %s", (span.id,))
        conn.rollback()
