"""ids of deleted annotations are never reused; comments are linked to their annotation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

SQLite gave a new row the highest id plus one, so the id of the newest annotation came back after it
was deleted, and a comment (or curation decision, or history row) naming it came to name the next
annotation. ``AUTOINCREMENT`` on spans, relations, document labels and comments makes SQLite keep the
highest id ever given (``sqlite_sequence``); adding it needs a table rebuild (Alembic batch mode,
rows copied as they are; ``curator.store.migrations`` runs this with foreign keys off, as SQLite's
procedure for rebuilding a table requires, and checks them before committing). PostgreSQL's
sequences never hand out an id twice already.

Comments get ``span_id`` / ``relation_id``, foreign keys to the annotation they are on (``ON DELETE
SET NULL``: the comment stays, on a deleted annotation). Existing comments are linked where their
``target_id`` names an annotation of their own document.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NEVER_REUSED = ("spans", "relations", "document_labels", "comments")
LINK_CHECK = (
    "(span_id IS NULL OR (target_kind = 'span' AND span_id = target_id)) AND "
    "(relation_id IS NULL OR (target_kind = 'relation' AND relation_id = target_id))"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for table in NEVER_REUSED[:-1]:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
    options = {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": True}} if sqlite else {}
    with op.batch_alter_table("comments", **options) as batch_op:  # type: ignore[arg-type]
        batch_op.add_column(sa.Column("span_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("relation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_span_id_spans"), "spans", ["span_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_relation_id_relations"), "relations", ["relation_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index(batch_op.f("ix_comments_span_id"), ["span_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_comments_relation_id"), ["relation_id"], unique=False)
        batch_op.create_check_constraint(batch_op.f("ck_comments_link"), LINK_CHECK)
    for kind, column, table in (("span", "span_id", "spans"), ("relation", "relation_id", "relations")):
        op.execute(
            f"UPDATE comments SET {column} = target_id WHERE target_kind = '{kind}' AND EXISTS "
            f"(SELECT 1 FROM {table} t WHERE t.id = comments.target_id AND t.document_id = comments.document_id)"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    options = {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": False}} if sqlite else {}
    with op.batch_alter_table("comments", **options) as batch_op:  # type: ignore[arg-type]
        batch_op.drop_constraint(batch_op.f("ck_comments_link"), type_="check")
        batch_op.drop_index(batch_op.f("ix_comments_relation_id"))
        batch_op.drop_index(batch_op.f("ix_comments_span_id"))
        batch_op.drop_constraint(batch_op.f("fk_comments_relation_id_relations"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_comments_span_id_spans"), type_="foreignkey")
        batch_op.drop_column("relation_id")
        batch_op.drop_column("span_id")
    if sqlite:
        for table in NEVER_REUSED[:-1]:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
                pass
