"""document list sort keys: indexes for sorting the list by title and by language

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

The document list sorts in the query with keyset paging (``curator.store.browse.ordered``): a page is
``(key, id) > (key of the last row, its id) ORDER BY key, id LIMIT n``. An index on ``(key, id)``
answers that at any depth of a 100,000-document corpus without reading the documents' texts. A
title sorts by the first 200 characters of its folded copy (``filter_key``): case, accents and Arabic
letter forms ignored, and short enough for a PostgreSQL B-tree entry whatever the title holds.
Status and annotation counts are each annotator's own and have no per-document column to index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_title_order", "documents", [sa.text("substr(filter_key, 1, 200)"), sa.text("id")])
    op.create_index("ix_documents_language_order", "documents", ["language", "id"])


def downgrade() -> None:
    op.drop_index("ix_documents_language_order", "documents")
    op.drop_index("ix_documents_title_order", "documents")
