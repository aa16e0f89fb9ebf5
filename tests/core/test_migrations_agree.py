"""The migrations build what the models describe: every table, column and index of
``curator.store.models`` exists in a migrated database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from curator.store.database import Database
from curator.store.models import Base

# What migrations make beyond the models, by hand: the search index's own tables (FTS5 on SQLite,
# a table with a trigram index on PostgreSQL) and the title filter's trigram index.
OUTSIDE_THE_MODELS = ("search_fts", "search_index", "ix_search_index_trgm", "ix_documents_filter_key_trgm")


def _outside(difference: tuple[object, ...]) -> bool:
    name = getattr(difference[1], "name", "")
    return difference[0] in ("remove_table", "remove_index") and str(name).startswith(OUTSIDE_THE_MODELS)


def test_a_migrated_database_has_what_the_models_describe(db_url: str) -> None:
    db = Database(db_url)
    try:
        with db.engine.connect() as conn, warnings.catch_warnings():
            # Alembic cannot reflect an index on an expression on SQLite: compared by name below.
            warnings.simplefilter("ignore")
            differences = [
                d for d in compare_metadata(MigrationContext.configure(conn), Base.metadata) if not _outside(d)
            ]
            if db.is_sqlite:
                query = "SELECT name FROM sqlite_master WHERE type = 'index'"
            else:
                query = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            present = set(conn.execute(text(query)).scalars())
    finally:
        db.dispose()
    assert differences == []
    declared = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    assert {"ix_documents_title_order", "ix_documents_language_order"} <= declared
    assert declared - present == set()
