"""Alembic environment: run by curator.store.migrations with a live connection, or by the
``alembic`` command (``alembic -c db/alembic.ini upgrade head`` with ``CURATOR_DB`` set)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from curator.paths import default_database_url
from curator.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(default_database_url())
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    context.configure(url=default_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
