"""``curator doctor``: find what is wrong with a database without changing it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Engine, inspect, text

from curator.schema import Schema
from curator.schema.checks import check_span
from curator.store import migrations


@dataclass
class Diagnosis:
    """Findings, each one line; ``ok`` when there are none."""

    findings: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def _revision(engine: Engine, report: Diagnosis) -> bool:
    """Report the schema revision; False when the database is newer than this Curator."""
    current = migrations.current_revision(engine)
    head = migrations.head_revision()
    report.checked.append(f"revision {current or 'none'} (this Curator: {head})")
    if current is None:
        report.findings.append("not a Curator database (no revision)")
        return False
    if current not in migrations.all_revisions():
        report.findings.append(
            f"made by a newer Curator (revision {current}); it is opened read-only and never migrated down"
        )
        return False
    if current != head:
        report.findings.append(f"made by an older Curator (revision {current}); opening it will upgrade it")
    return True


# What a comment's target may get wrong. A comment on a deleted annotation (link NULL, nothing under
# its target id) is not among them: the comment is kept on purpose, and an undo links it again.
_COMMENT_TARGETS = {
    "comments on an annotation without its id": "SELECT count(*) FROM comments "
    "WHERE target_kind <> 'document' AND target_id IS NULL",
    "comments linked to an annotation that does not exist": "SELECT count(*) FROM comments c "
    "LEFT JOIN spans s ON s.id = c.span_id LEFT JOIN relations r ON r.id = c.relation_id "
    "WHERE (c.span_id IS NOT NULL AND s.id IS NULL) OR (c.relation_id IS NOT NULL AND r.id IS NULL)",
    "comments linked to an annotation of another document": "SELECT count(*) FROM comments c "
    "LEFT JOIN spans s ON s.id = c.span_id LEFT JOIN relations r ON r.id = c.relation_id "
    "WHERE s.document_id <> c.document_id OR r.document_id <> c.document_id",
    "comments linked to another annotation than the one they were written on": "SELECT count(*) FROM comments "
    "WHERE (span_id IS NOT NULL AND (target_kind <> 'span' OR span_id <> target_id)) "
    "OR (relation_id IS NOT NULL AND (target_kind <> 'relation' OR relation_id <> target_id))",
    "comments cut off from their annotation, which exists (an id given again before revision 0006?)": (
        "SELECT count(*) FROM comments c WHERE (c.target_kind = 'span' AND c.span_id IS NULL AND EXISTS "
        "(SELECT 1 FROM spans s WHERE s.id = c.target_id)) OR (c.target_kind = 'relation' "
        "AND c.relation_id IS NULL AND EXISTS (SELECT 1 FROM relations r WHERE r.id = c.target_id))"
    ),
}


def diagnose(engine: Engine, schema: Schema | None) -> Diagnosis:
    """Integrity, orphaned rows, comments' targets, document texts changed outside Curator, spans that
    no longer fit."""
    report = Diagnosis()
    if not _revision(engine, report):
        return report
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            integrity = conn.execute(text("PRAGMA integrity_check")).scalars().all()
            report.checked.append("integrity_check")
            if integrity != ["ok"]:
                report.findings.extend(f"integrity: {line}" for line in integrity[:20])
        orphan_queries = {
            "spans without a document": "SELECT count(*) FROM spans s LEFT JOIN documents d ON d.id = s.document_id "
            "WHERE d.id IS NULL",
            "relations without a span": "SELECT count(*) FROM relations r LEFT JOIN spans a ON a.id = r.source_id "
            "LEFT JOIN spans b ON b.id = r.target_id WHERE a.id IS NULL OR b.id IS NULL",
            "document labels without a document": "SELECT count(*) FROM document_labels l LEFT JOIN documents d "
            "ON d.id = l.document_id WHERE d.id IS NULL",
        }
        comment_columns = {c["name"] for c in inspect(conn).get_columns("comments")}
        if {"span_id", "relation_id"} <= comment_columns:  # revision 0006 on
            orphan_queries.update(_COMMENT_TARGETS)
        for name, sql in orphan_queries.items():
            count = conn.execute(text(sql)).scalar() or 0
            report.checked.append(name)
            if count:
                report.findings.append(f"{count} {name}")
        changed: set[int] = set()
        report.checked.append("document texts against their hashes")
        for doc_id, ext_id, body, digest in conn.execute(
            text("SELECT id, ext_id, text, content_sha256 FROM documents ORDER BY id")
        ):
            if hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
                changed.add(doc_id)
                report.findings.append(f"document {ext_id}: text changed outside Curator; its spans may have moved")
        if schema is not None:
            report.checked.append("spans against texts and schema")
            rows = conn.execute(
                text(
                    'SELECT s.id, d.ext_id, d.text, ly.key, lb.key, s.start, s."end" FROM spans s '
                    "JOIN documents d ON d.id = s.document_id JOIN labels lb ON lb.id = s.label_id "
                    "JOIN layers ly ON ly.id = lb.layer_id ORDER BY s.id"
                )
            )
            for span_id, ext_id, body, layer, label, start, end in rows:
                for problem in check_span(schema, body, layer, label, start, end, {}):
                    report.findings.append(f"document {ext_id}, span {span_id}: {problem}")
    return report
