"""Shared fixtures: a fresh SQLite store per test, the shared samples and seeds, Qt offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or database."""
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("CURATOR_DB", raising=False)
    monkeypatch.delenv("CURATOR_SCHEMA", raising=False)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'corpus.sqlite'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:  # noqa: F821
    from curator.store.database import Database

    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the shared samples are missing at {SAMPLES}")
    return SAMPLES


@pytest.fixture
def seeds() -> Path:
    return SEEDS
