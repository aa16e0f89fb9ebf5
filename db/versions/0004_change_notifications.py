"""change notifications: PostgreSQL NOTIFY on every history row

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

Every change already leaves a history row; on PostgreSQL a trigger also sends
``NOTIFY curator_changes, '<document id>'`` so open windows refresh at once. SQLite windows poll
the history's highest id instead (one indexed lookup), so nothing is needed there.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION curator_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "PERFORM pg_notify('curator_changes', coalesce(NEW.document_id::text, '')); RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER history_notify AFTER INSERT ON history FOR EACH ROW EXECUTE FUNCTION curator_notify_change()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS history_notify ON history")
    op.execute("DROP FUNCTION IF EXISTS curator_notify_change()")
