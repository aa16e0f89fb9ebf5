"""``curator doctor``: find what is wrong with a database without changing it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

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


def diagnose(engine: Engine, schema: Schema | None) -> Diagnosis:
    """Integrity, orphaned rows, document texts changed outside Curator, spans that no longer fit."""
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
