"""documents may share a text: content_sha256 is no longer unique, only indexed

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

A record whose id differs from a stored document's is its own document even when the texts are the
same (a corpus in which texts repeat under other ids, titles and metadata). The import still finds
documents by their text's hash, through a plain index now.

SQLite cannot drop a table constraint, so the table is made again as SQLite's documentation says
(https://www.sqlite.org/lang_altertable.html#otheralter): a new table from the stored statement
without the constraint, the rows copied, the old table dropped, the new one renamed, its indexes
and triggers made again. ``curator.store.migrations`` runs migrations with foreign keys off on
SQLite (dropping the table with them on would delete every annotation through ``ON DELETE
CASCADE``) and checks them all before it commits.
"""

from __future__ import annotations

import re

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_UNIQUE = "CONSTRAINT uq_documents_content_sha256 UNIQUE (content_sha256)"
# The constraint with the comma that parts it from the one before or after it (two runs of Alembic
# may list a table's constraints in another order).
_UNIQUE_LISTED = re.compile(r",\s*" + re.escape(_UNIQUE) + r"|" + re.escape(_UNIQUE) + r"\s*,\s*")


def _rebuild_sqlite(with_unique: bool) -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("the documents table is made again: run this migration with foreign keys off")
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
    ).scalar()
    assert isinstance(table_sql, str)
    if with_unique:
        assert _UNIQUE not in table_sql
        end = table_sql.rstrip().rindex(")")
        new_sql = f"{table_sql[:end].rstrip()}, \n\t{_UNIQUE}\n)"
    else:
        new_sql, found = _UNIQUE_LISTED.subn("", table_sql, count=1)
        assert found == 1, table_sql
    head = table_sql[: table_sql.index("(")]
    new_sql = "CREATE TABLE documents_rebuilt " + new_sql[len(head) :]
    kept = [
        sql
        for (sql,) in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'documents' AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL ORDER BY rowid"
        )
    ]
    columns = ", ".join(f'"{row[1]}"' for row in bind.exec_driver_sql('PRAGMA table_info("documents")'))
    bind.exec_driver_sql(new_sql)
    bind.exec_driver_sql(f"INSERT INTO documents_rebuilt ({columns}) SELECT {columns} FROM documents")
    bind.exec_driver_sql("DROP TABLE documents")
    bind.exec_driver_sql("ALTER TABLE documents_rebuilt RENAME TO documents")
    for sql in kept:
        bind.exec_driver_sql(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(with_unique=False)
    else:
        op.drop_constraint("uq_documents_content_sha256", "documents", type_="unique")
    op.create_index("ix_documents_content_sha256", "documents", ["content_sha256"])


def downgrade() -> None:
    # Refused by the database (nothing changed) while two documents share a text.
    op.drop_index("ix_documents_content_sha256", table_name="documents")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(with_unique=True)
    else:
        op.create_unique_constraint("uq_documents_content_sha256", "documents", ["content_sha256"])
