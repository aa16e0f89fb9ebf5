"""review and curation: comments, per-document review state, curation decisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Plain tables and indexes only, so the same operations run on SQLite (in batch mode) and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("target_kind IN ('document', 'span', 'relation')", name=op.f("ck_comments_target_kind")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_comments_document_id_documents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["comments.id"], name=op.f("fk_comments_parent_id_comments"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index("ix_comments_document", ["document_id", "created_at"], unique=False)

    op.create_table(
        "review_states",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("state IN ('not_reviewed', 'in_review', 'curated')", name=op.f("ck_review_states_state")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_review_states_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_review_states")),
    )
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.create_index("ix_review_states_state", ["state"], unique=False)

    op.create_table(
        "curation_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_annotator", sa.String(length=200), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("gold_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_curation_decisions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curation_decisions")),
    )
    with op.batch_alter_table("curation_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_curation_decisions_document", ["document_id", "kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("curation_decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_curation_decisions_document")
    op.drop_table("curation_decisions")
    with op.batch_alter_table("review_states", schema=None) as batch_op:
        batch_op.drop_index("ix_review_states_state")
    op.drop_table("review_states")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_document")
    op.drop_table("comments")
