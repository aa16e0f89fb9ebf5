"""corpus search index: folded copies of the documents' text

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

SQLite: an FTS5 table with the trigram tokenizer (substring matching, so "السودان" is found inside
"والسودان"); PostgreSQL: a plain table with a pg_trgm GIN index where the extension is available.
Documents are indexed lazily (``documents.search_indexed``), so imports stay fast.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("search_indexed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_documents_search_indexed", "documents", ["search_indexed"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(folded, tokenize='trigram', detail='full')")
        # The FTS table has no foreign key: keep it in step with document deletions.
        op.execute(
            "CREATE TRIGGER documents_search_delete AFTER DELETE ON documents "
            "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END"
        )
    else:
        op.create_table(
            "search_index",
            sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("folded", sa.Text(), nullable=False),
        )
        bind = op.get_bind()
        has_trgm = bind.execute(sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar()
        if has_trgm:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            op.execute("CREATE INDEX ix_search_index_trgm ON search_index USING gin (folded gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS documents_search_delete")
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.drop_table("search_index")
    op.drop_index("ix_documents_search_indexed", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("search_indexed")
