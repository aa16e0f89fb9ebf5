"""Shared fixtures: a fresh SQLite store per test, the sample files and seeds, Qt offscreen."""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from curator.store.database import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# The tricky inputs (encodings, bidi controls, emoji, binary): the project's own copies, so a bare clone passes.
SAMPLES = REPO / "tests" / "data" / "samples"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the session (what can be made again, such as the record a new database is made
    from): the tests' thousand new databases are then made as users' are, after the first."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _shared_cache: Path
) -> None:
    """Never touch the real user's data folder, cache or database."""
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("CURATOR_CACHE", str(_shared_cache))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    monkeypatch.delenv("CURATOR_SCHEMA", raising=False)
    # English, whatever the machine's locale: a test of another interface language applies it itself.
    monkeypatch.setenv("CURATOR_UI_LANGUAGE", "en")


PG_ADMIN_URL = os.environ.get("CURATOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@functools.cache
def _postgres_unavailable() -> str | None:
    """Why the test PostgreSQL server cannot be used, or None when it answers."""
    try:
        import psycopg

        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
    except Exception as exc:  # any failure means: no server for these tests
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return None


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards (even if connections remain)."""
    import psycopg

    problem = _postgres_unavailable()
    if problem and os.environ.get("CURATOR_REQUIRE_POSTGRES"):
        pytest.fail(f"CURATOR_REQUIRE_POSTGRES is set (as CI sets it) but no PostgreSQL server answered: {problem}")
    if problem:
        pytest.skip(f"no PostgreSQL server answered at {PG_ADMIN_URL} ({problem}); SQLite variant still runs")
    name = f"curator_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each backend: an SQLite file, and a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.sqlite'}"
        return
    with _postgres_database() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """For tests of PostgreSQL-only behaviour; skips with the reason when no server answers."""
    with _postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """For tests of SQLite-only behaviour (journal mode, FTS5, file locking, backups)."""
    return f"sqlite:///{tmp_path / 'corpus.sqlite'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    from curator.store.database import Database

    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    from curator.store.database import Database

    database = Database(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the sample files are missing at {SAMPLES}")
    return SAMPLES


@pytest.fixture
def seeds() -> Path:
    return SEEDS
