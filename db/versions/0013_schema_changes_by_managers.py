"""schema changes by managers: a manager moves colleagues' annotations inside a schema change

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

A merge or a split of a label (``curator.store.schema_changes``) relabels every annotator's spans,
document labels and rejections. Migration 0011 lets a limited login write only its own; this one
lets a login holding ``curator_manager`` write colleagues' rows too, but only inside a transaction
that declares itself a schema change (``set_config('curator.schema_change', 'on', true)``, local to
that transaction). An annotator or a curator setting the flag gains nothing. SQLite: nothing to do.

(Written after 0011 on its own branch; chained after 0012 at the merge.)
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

WITH_SCHEMA_CHANGES = """
CREATE OR REPLACE FUNCTION curator_writes_as(aid integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT curator_unrestricted()
      OR EXISTS (SELECT 1 FROM annotators a WHERE a.id = aid AND curator_writes_as_name(a.name))
      OR (coalesce(current_setting('curator.schema_change', true), '') = 'on'
          AND pg_has_role(current_user, 'curator_manager', 'MEMBER'))
$$;
"""

AS_IN_0011 = """
CREATE OR REPLACE FUNCTION curator_writes_as(aid integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT curator_unrestricted()
      OR EXISTS (SELECT 1 FROM annotators a WHERE a.id = aid AND curator_writes_as_name(a.name))
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(WITH_SCHEMA_CHANGES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AS_IN_0011)
