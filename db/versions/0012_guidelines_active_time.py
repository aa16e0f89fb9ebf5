"""guidelines and active time: the project's guidelines by version, each annotator's time per document

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Two new tables (issue 21). ``guideline_versions`` holds each imported version of the guidelines
whole (project text in Markdown per language, per-label definitions and examples); a version is
never changed, an import adds the next. ``active_time`` holds the seconds each annotator worked on
each document, as the window measured them.

On PostgreSQL every role reads both; a manager adds guideline versions (and may not change or
delete one: the history of the guidelines stays whole); an annotator adds and updates only their
own active time, as row-level security policies and the ownership guard of 0011 enforce.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guideline_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=False),
        sa.Column("project", sa.JSON(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guideline_versions")),
        sa.UniqueConstraint("version", name=op.f("uq_guideline_versions_version")),
    )
    op.create_table(
        "active_time",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("seconds >= 0", name=op.f("ck_active_time_seconds")),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotators.id"], name=op.f("fk_active_time_annotator_id_annotators")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_active_time_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", "annotator_id", name=op.f("pk_active_time")),
    )
    op.create_index(op.f("ix_active_time_annotator_id"), "active_time", ["annotator_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _grants()


def _roles_installed() -> bool:
    found = op.get_bind().execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = 'curator_annotator'")).first()
    return found is not None


def _grants() -> None:
    if not _roles_installed():
        return
    # Stated here rather than left to 0011's default privileges, which hold only for tables made by
    # the login that ran 0011.
    op.execute("GRANT SELECT ON guideline_versions, active_time TO curator_annotator")
    op.execute("REVOKE ALL ON guideline_versions FROM curator_manager")
    op.execute("GRANT SELECT, INSERT ON guideline_versions TO curator_manager")
    op.execute("GRANT USAGE, SELECT ON SEQUENCE guideline_versions_id_seq TO curator_manager")
    op.execute("GRANT INSERT, UPDATE ON active_time TO curator_annotator")
    op.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON active_time TO curator_manager")
    # As 0011 does for the annotations: the policy checks the new row, and the guard trigger refuses
    # by name a change of another annotator's row (a policy would silently leave it out instead).
    op.execute("ALTER TABLE active_time ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY curator_read ON active_time FOR SELECT USING (true)")
    op.execute("CREATE POLICY curator_insert ON active_time FOR INSERT WITH CHECK (curator_writes_as(annotator_id))")
    op.execute(
        "CREATE POLICY curator_update ON active_time FOR UPDATE USING (true) "
        "WITH CHECK (curator_writes_as(annotator_id))"
    )
    op.execute("CREATE POLICY curator_delete ON active_time FOR DELETE USING (true)")
    op.execute(
        "CREATE TRIGGER active_time_owner_guard BEFORE UPDATE OR DELETE ON active_time "
        "FOR EACH ROW EXECUTE FUNCTION curator_owned_guard()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS active_time_owner_guard ON active_time")
        for name in ("read", "insert", "update", "delete"):
            op.execute(f"DROP POLICY IF EXISTS curator_{name} ON active_time")
    op.drop_index(op.f("ix_active_time_annotator_id"), table_name="active_time")
    op.drop_table("active_time")
    op.drop_table("guideline_versions")
