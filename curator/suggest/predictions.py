"""A model's predictions kept as suggestions (``curator import --as-suggestions``).

The files are read by the ordinary readers (interchange JSONL with an optional ``score`` per
annotation, Label Studio tasks with ``predictions``, doccano...), checked as an import checks them,
and must be of documents already in the database (the same id, or the same text where the file names
no id). Each span becomes a suggestion under the model's name: ``--model``, else the annotator the
file gives (Label Studio's ``model_version``). Importing a model's predictions on a document again
replaces that model's earlier ones there. All or nothing; nothing is written to the annotations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select

from curator.errors import InputRejected, Problem
from curator.io.importer import collect_files, read_files
from curator.store import history
from curator.store.database import Database
from curator.store.models import Base, Document, StoredSuggestion

SUGGESTIONS = Base.metadata.tables["suggestions"]


@dataclass
class PredictionReport:
    files: list[str] = field(default_factory=list)
    suggestions: Counter[str] = field(default_factory=Counter)  # model -> suggestions stored
    documents: int = 0
    replaced: int = 0  # earlier suggestions of these models on these documents
    not_suggestions: Counter[str] = field(default_factory=Counter)  # relations, document labels: not kept


def import_predictions(
    db: Database,
    paths: Iterable[Path],
    *,
    model: str | None = None,
    annotator: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
) -> PredictionReport:
    """Store the spans of ``paths`` as suggestions; raise :class:`InputRejected` (nothing written) on
    any problem, named ``file:line``."""
    files, _ignored = collect_files(list(paths))
    report = PredictionReport(files=[str(f) for f in files])
    if not files:
        raise InputRejected([Problem("(no files)", 0, "nothing to import")])
    located, problems = read_files(files, annotator, encoding, schema=db.schema, fmt=fmt)
    for item in located:
        problems.extend(lo.problem for lo in item.left_out)
        if item.needs_text is not None:
            problems.append(Problem(item.path, item.doc.line, "predictions must come with the document's text"))
        else:
            problems.extend(item.problems(db.schema))
    targets: list[tuple[int, list[tuple[str, int, int, int, float | None]]]] = []
    with db.read() as session:
        for item in located:
            doc = item.doc
            if item.needs_text is not None:
                continue
            if doc.names_id:
                row = session.execute(
                    select(Document.id, Document.content_sha256).where(Document.ext_id == doc.ext_id)
                ).first()
                if row is not None and row[1] != doc.content_sha256():
                    problems.append(
                        Problem(item.path, doc.line, f"document {doc.ext_id!r} has another text in the database")
                    )
                    continue
            else:
                row = session.execute(
                    select(Document.id, Document.content_sha256).where(Document.content_sha256 == doc.content_sha256())
                ).first()
            if row is None:
                name = repr(doc.ext_id) if doc.names_id else "with this text"
                problems.append(
                    Problem(item.path, doc.line, f"no document {name} in the database: import the texts first")
                )
                continue
            report.not_suggestions.update(relations=len(doc.relations), **{"document labels": len(doc.doc_labels)})
            spans = [
                (
                    (model or s.annotator).strip() or "model",
                    db.ids.labels[(s.layer, s.label)],
                    s.start,
                    s.end,
                    s.score,
                )
                for s in doc.spans
            ]
            targets.append((row[0], spans))
    if problems:
        raise InputRejected(problems)
    report.not_suggestions = +report.not_suggestions
    report.documents = len({doc for doc, _ in targets})
    if dry_run:
        return report
    with db.write() as session:
        for document_id, spans in targets:
            for source in {s[0] for s in spans}:
                gone = session.execute(
                    delete(StoredSuggestion).where(
                        StoredSuggestion.document_id == document_id, StoredSuggestion.source == source
                    )
                )
                report.replaced += gone.rowcount  # type: ignore[attr-defined]
        rows = [
            {
                "document_id": document_id,
                "source": source,
                "label_id": label,
                "start": start,
                "end": end,
                "score": score,
            }
            for document_id, spans in targets
            for source, label, start, end, score in dict.fromkeys(spans)
        ]
        if rows:
            session.execute(insert(SUGGESTIONS), rows)
        for source, _label, _start, _end, _score in (s for _, spans in targets for s in dict.fromkeys(spans)):
            report.suggestions[source] += 1
        history.record(
            session,
            annotator or model or "import",
            "import",
            "suggestions",
            None,
            None,
            None,
            {"files": report.files, "suggestions": dict(report.suggestions), "replaced": report.replaced},
        )
    return report
