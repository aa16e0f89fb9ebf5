"""entity registry: entities, and the link from an entity-layer span to one of them

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Two new tables and no change to an existing one (issue 19). An entity is known by a stable text id
(``key``) and referred to by its integer ``id``, so renaming it changes no annotation. A span links
to at most one entity through ``entity_links`` (its primary key is the span's id); a table of its own
rather than a column of ``spans``, so that adding the registry rebuilds no table of annotations on
SQLite and linking does not touch the span's row or version.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("external_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("key", name=op.f("uq_entities_key")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_entities_updated_at"), "entities", ["updated_at"], unique=False)
    op.create_table(
        "entity_links",
        sa.Column("span_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.String(length=200), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_links_entity_id_entities")),
        sa.ForeignKeyConstraint(
            ["span_id"], ["spans.id"], name=op.f("fk_entity_links_span_id_spans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("span_id", name=op.f("pk_entity_links")),
    )
    op.create_index(op.f("ix_entity_links_entity_id"), "entity_links", ["entity_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_entity_links_entity_id"), table_name="entity_links")
    op.drop_table("entity_links")
    op.drop_index(op.f("ix_entities_updated_at"), table_name="entities")
    op.drop_table("entities")
