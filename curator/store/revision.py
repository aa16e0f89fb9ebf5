"""The store's current revision, in a module of its own so that a command can compare it with a
database's without importing SQLAlchemy or Alembic."""

from __future__ import annotations

# The newest revision in db/versions. Opening a database already at this revision needs no Alembic
# (importing it costs a fifth of the window's start); tests/core/test_store.py keeps this equal to
# Alembic's own head.
HEAD = "0014"
