"""`curator assign`, `status` and `admin grant` from the command line (issue 21)."""

from __future__ import annotations

import json
import uuid

import psycopg
from click.testing import CliRunner

from curator.cli.main import cli
from curator.store.database import Database
from tests.core.test_team_roles import _add_documents


def _run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", url, *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_assign_then_status_lists_each_document_and_its_annotators(db_url: str) -> None:
    db = Database(db_url)
    _add_documents(db, 4)
    db.dispose()
    code, out = _run(db_url, "assign", "--annotators", "a,b,c", "--per-document", "2", "--seed", "3")
    assert code == 0 and "assigned 8, kept 0" in out
    code, out = _run(db_url, "assign", "--annotators", "a,b,c", "--per-document", "2", "--seed", "3")
    assert "assigned 0, kept 8" in out
    code, out = _run(db_url, "status", "--json")
    figures = json.loads(out)
    assert [len(f["assigned"]) for f in figures] == [2, 2, 2, 2]
    assert {f["stage"] for f in figures} == {"annotating"}
    assert all(set(f["annotators"]) == set(f["assigned"]) for f in figures)


def test_admin_grant_creates_the_login_with_its_role(postgres_url: str) -> None:
    login = f"cli_{uuid.uuid4().hex[:8]}"
    try:
        code, out = _run(postgres_url, "admin", "grant", "curator", login)
        assert code == 0 and f"created login {login}" in out
        code, out = _run(postgres_url, "admin", "grant", "manager", login)
        assert code == 0 and "created" not in out
        with psycopg.connect(postgres_url) as conn:
            held = conn.execute(
                "SELECT pg_has_role(%s, 'curator_manager', 'MEMBER'), "
                "(SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s AND r.rolname = 'curator_curator')",
                (login, login),
            ).fetchone()
        assert held == (True, 0)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
