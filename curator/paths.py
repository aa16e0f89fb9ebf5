"""Where Curator finds its bundled files and keeps the user's data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent


def _bundled(name: str) -> Path:
    """A top-level folder of the project: inside the wheel, or the repository in an editable install."""
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _REPO / name


def resources_dir() -> Path:
    return _bundled("resources")


def seeds_dir() -> Path:
    return _bundled("seeds")


def migrations_dir() -> Path:
    return _bundled("db")


def default_schema_path() -> Path:
    return resources_dir() / "schema.yaml"


def user_data_dir() -> Path:
    """The per-user data folder; ``CURATOR_HOME`` overrides it (tests, portable installs)."""
    override = os.environ.get("CURATOR_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir("curator", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """The per-user cache folder (what can be made again); ``CURATOR_CACHE`` overrides it."""
    override = os.environ.get("CURATOR_CACHE")
    path = Path(override) if override else Path(platformdirs.user_cache_dir("curator", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """``CURATOR_DB`` if set, else the embedded SQLite database in the user's data folder."""
    url = os.environ.get("CURATOR_DB")
    if url:
        return url
    return f"sqlite:///{user_data_dir() / 'curator.sqlite'}"
