"""suggestions: a model's predicted spans, gazetteer names and rejected suggestions

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Suggestions are kept apart from annotations (issue 18): nothing that reads ``spans`` (exports,
agreement, statistics, the gold layer) sees them until a curator accepts one, which writes an
ordinary span. Learned suggestions are not stored: they are worked out from the spans themselves.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey("labels.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('"start" >= 0 AND "end" > "start"', name=op.f("ck_suggestions_offsets")),
        sa.CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name=op.f("ck_suggestions_score")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
    )
    op.create_index("ix_suggestions_document", "suggestions", ["document_id", "start"])
    op.create_index("ix_suggestions_source", "suggestions", ["source", "document_id"])
    op.create_table(
        "gazetteer_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gazetteer", sa.String(200), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey("labels.id"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("gazetteer", "key", "label_id", name=op.f("uq_gazetteer_entries_gazetteer")),
        sa.CheckConstraint("score >= 0 AND score <= 1", name=op.f("ck_gazetteer_entries_score")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gazetteer_entries")),
    )
    op.create_table(
        "suggestion_rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), sa.ForeignKey("annotators.id"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label_id", sa.Integer(), sa.ForeignKey("labels.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "annotator_id",
            "document_id",
            "label_id",
            "start",
            "end",
            name=op.f("uq_suggestion_rejections_annotator_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_rejections")),
    )


def downgrade() -> None:
    op.drop_table("suggestion_rejections")
    op.drop_table("gazetteer_entries")
    op.drop_index("ix_suggestions_source", "suggestions")
    op.drop_index("ix_suggestions_document", "suggestions")
    op.drop_table("suggestions")
