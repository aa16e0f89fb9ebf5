"""team workflow: document assignments, and on PostgreSQL the roles the server enforces

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

``assignments`` (every backend) says which annotators a document is given to (issue 21).

On PostgreSQL three group roles (``curator_annotator``, ``curator_curator`` a member of it,
``curator_manager`` a member of that) get grants and row-level security policies, so a login writes
only its own annotations, document states and comments (a curator also the gold layer and review
states; a manager also assignments, schema and documents), whatever client it uses. The owner that
runs the migrations is not limited: RLS is not forced, so owners and superusers bypass it, and the
ownership triggers below let them through. Roles are cluster-wide, so a login granted a role holds it
in every Curator database of that server. SQLite gets the table only (one person's file: no roles).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ROLES = ("curator_annotator", "curator_curator", "curator_manager")
# Tables with an annotator_id column: a limited login writes only rows of its own annotator.
OWNED = ("spans", "relations", "document_labels", "document_status", "suggestion_rejections")
ANNOTATOR_WRITES = (*OWNED, "comments", "entity_links", "history", "annotators", "search_index")
CURATOR_WRITES = ("review_states", "curation_decisions", "entities")

FUNCTIONS = """
CREATE FUNCTION curator_unrestricted() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'spans'::regclass), 'MEMBER')
$$;
CREATE FUNCTION curator_writes_as_name(who text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT curator_unrestricted() OR who = current_user
      OR (who = 'curation' AND pg_has_role(current_user, 'curator_curator', 'MEMBER'))
$$;
CREATE FUNCTION curator_writes_as(aid integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT curator_unrestricted()
      OR EXISTS (SELECT 1 FROM annotators a WHERE a.id = aid AND curator_writes_as_name(a.name))
$$;
CREATE FUNCTION curator_owned_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE owner_name text;
BEGIN
  -- a cascade from a deleted document (only managers may delete one) is not an edit of annotations
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
  IF NOT curator_writes_as(OLD.annotator_id) THEN
    SELECT name INTO owner_name FROM annotators WHERE id = OLD.annotator_id;
    RAISE EXCEPTION 'curator: % may not change the work of %', current_user, owner_name
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by", sa.String(length=200), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotators.id"], name=op.f("fk_assignments_annotator_id_annotators")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_assignments_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", "annotator_id", name=op.f("pk_assignments")),
    )
    op.create_index(op.f("ix_assignments_annotator_id"), "assignments", ["annotator_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _install_roles()


def _install_roles() -> None:
    for role in ROLES:
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
    op.execute("GRANT curator_annotator TO curator_curator")
    op.execute("GRANT curator_curator TO curator_manager")
    op.execute(FUNCTIONS)
    op.execute("GRANT USAGE ON SCHEMA public TO curator_annotator")
    op.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO curator_annotator")
    op.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO curator_annotator")
    op.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO curator_manager")
    for table in ANNOTATOR_WRITES:
        op.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO curator_annotator")
    for table in CURATOR_WRITES:
        op.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO curator_curator")
    # the search index is filled lazily by whoever searches first
    op.execute("GRANT UPDATE (search_indexed) ON documents TO curator_annotator")
    # tables of later migrations: readable by every role, writable by managers
    op.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO curator_annotator")
    op.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO curator_manager")
    op.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO curator_annotator")
    for table in OWNED:
        _policies(table, "curator_writes_as(annotator_id)", guarded=True)
        op.execute(
            f"CREATE TRIGGER {table}_owner_guard BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION curator_owned_guard()"
        )
    _policies("comments", "curator_writes_as_name(author)")
    _policies("history", "curator_writes_as_name(annotator)")
    _policies(
        "entity_links", "EXISTS (SELECT 1 FROM spans s WHERE s.id = span_id AND curator_writes_as(s.annotator_id))"
    )
    _policies("annotators", "curator_writes_as_name(name) OR pg_has_role(current_user, 'curator_manager', 'MEMBER')")


def _policies(table: str, check: str, *, guarded: bool = False) -> None:
    """Everyone reads every row; a limited login writes only rows ``check`` allows. On a ``guarded``
    table the old row of an update or delete is checked by the guard trigger, which refuses by name,
    rather than by the policy, which would silently leave the row out (an UPDATE of 0 rows)."""
    old = "true" if guarded else check
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY curator_read ON {table} FOR SELECT USING (true)")
    op.execute(f"CREATE POLICY curator_insert ON {table} FOR INSERT WITH CHECK ({check})")
    op.execute(f"CREATE POLICY curator_update ON {table} FOR UPDATE USING ({old}) WITH CHECK ({check})")
    op.execute(f"CREATE POLICY curator_delete ON {table} FOR DELETE USING ({old})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in (*OWNED, "comments", "history", "entity_links", "annotators"):
            for name in ("read", "insert", "update", "delete"):
                op.execute(f"DROP POLICY IF EXISTS curator_{name} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for table in OWNED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_owner_guard ON {table}")
        for function in ("curator_owned_guard()", "curator_writes_as(integer)", "curator_writes_as_name(text)"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
        op.execute("DROP FUNCTION IF EXISTS curator_unrestricted()")
        op.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM curator_annotator, curator_curator, curator_manager")
    op.drop_index(op.f("ix_assignments_annotator_id"), table_name="assignments")
    op.drop_table("assignments")
