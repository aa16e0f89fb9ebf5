"""document list filter: a folded copy of every document's title and external id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

The list's text filter matches ``documents.filter_key`` (``curator.store.models.document_filter_key``:
Arabic letter forms, tashkeel and tatweel, accents and case folded as corpus search folds them), so
"الامم" finds "الأمم" and "etat" finds "État" on SQLite as on PostgreSQL. New documents get the key
when they are inserted; this fills it for the stored ones, a batch at a time. On PostgreSQL a pg_trgm
index answers the ``LIKE`` where the extension is available (as for the search index, 0002).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from curator.store.models import document_filter_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 2000

_documents = sa.table(
    "documents",
    sa.column("id", sa.Integer()),
    sa.column("title", sa.String()),
    sa.column("ext_id", sa.String()),
    sa.column("filter_key", sa.Text()),
)


def upgrade() -> None:
    bind = op.get_bind()
    # Plain ADD COLUMN on both backends: SQLite keeps the table (and its triggers) as it is.
    op.add_column("documents", sa.Column("filter_key", sa.Text(), nullable=False, server_default=""))
    fill = _documents.update().where(_documents.c.id == sa.bindparam("doc_id")).values(filter_key=sa.bindparam("key"))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(_documents.c.id, _documents.c.title, _documents.c.ext_id)
            .where(_documents.c.id > last)
            .order_by(_documents.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        bind.execute(
            fill, [{"doc_id": doc_id, "key": document_filter_key(title, ext_id)} for doc_id, title, ext_id in rows]
        )
        last = rows[-1][0]
    if bind.dialect.name == "postgresql":
        has_trgm = bind.execute(sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar()
        if has_trgm:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            op.execute("CREATE INDEX ix_documents_filter_key_trgm ON documents USING gin (filter_key gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_documents_filter_key_trgm")
    # Native DROP COLUMN (SQLite 3.35+): a batch rebuild would drop the table's triggers.
    op.execute("ALTER TABLE documents DROP COLUMN filter_key")
