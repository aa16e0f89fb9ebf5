"""Import files and folders into the store: read everything, check everything, then write once.

A batch is all-or-nothing: any problem in any file refuses the whole batch, and every problem is
reported as ``file:line: message``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curator.errors import InputRejected, Problem
from curator.io.jsonl import read_jsonl
from curator.io.records import DocumentIn
from curator.io.text_files import read_text_file
from curator.schema.checks import check_label, check_relation, check_span
from curator.schema.model import Schema
from curator.store.bulk import BatchReport, merge_repeated, write_batch
from curator.store.database import Database

READERS = {".txt": "text", ".jsonl": "jsonl"}


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files in folders that are not .txt or .jsonl
    repeated: list[str] = field(default_factory=list)  # same text twice inside the batch
    batch: BatchReport = field(default_factory=BatchReport)
    dry_run: bool = False


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to import (named ones as given, folders searched for .txt and .jsonl) and files ignored."""
    files: list[Path] = []
    ignored: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                (files if child.suffix.lower() in READERS else ignored).append(child)
        elif path.exists():
            files.append(path)
        else:
            raise InputRejected([Problem(str(path), 0, "no such file or folder")])
    return files, ignored


def read_files(
    files: list[Path], annotator: str | None, encoding: str | None, progress: Callable[[int], None] | None = None
) -> tuple[list[DocumentIn], list[Problem]]:
    docs: list[DocumentIn] = []
    problems: list[Problem] = []
    for path in files:
        try:
            if path.suffix.lower() == ".jsonl":
                found, bad = read_jsonl(path, annotator)
                docs.extend(found)
                problems.extend(bad)
            else:
                docs.append(read_text_file(path, encoding))
        except InputRejected as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror or exc}"))
        if progress:
            progress(1)
    return docs, problems


def validate(schema: Schema, doc: DocumentIn, path: str) -> list[Problem]:
    """Every schema problem of one document's annotations, named by file and line."""
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(path, doc.line, message))

    refs: dict[str, tuple[str, str]] = {}
    for i, s in enumerate(doc.spans, start=1):
        for message in check_span(schema, doc.text, s.layer, s.label, s.start, s.end, s.attributes):
            bad(f"annotation {i}: {message}")
        if s.ref is not None:
            if s.ref in refs:
                bad(f"annotation {i}: id {s.ref!r} is used twice")
            refs[s.ref] = (s.layer, s.label)
    for i, r in enumerate(doc.relations, start=1):
        missing = [end for end in (r.source, r.target) if end not in refs]
        if missing:
            bad(f"relation {i}: no annotation with id {missing[0]!r} in this document")
            continue
        for message in check_relation(schema, r.type, refs[r.source], refs[r.target]):
            bad(f"relation {i}: {message}")
    for i, lab in enumerate(doc.doc_labels, start=1):
        found = check_label(schema, lab.layer, lab.label, "document")
        if isinstance(found, str):
            bad(f"document label {i}: {found}")
    return problems


def import_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    annotator: str | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    on_total: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``paths`` as one batch. Raise :class:`InputRejected` (nothing written) on any problem.

    ``on_total`` receives the number of steps (files read, then documents written) and ``progress``
    each step's completion, for a progress bar.
    """
    files, ignored = collect_files(list(paths))
    report = ImportReport(files=[str(f) for f in files], ignored=[str(f) for f in ignored], dry_run=dry_run)
    if not files:
        raise InputRejected([Problem(", ".join(report.ignored) or "(no files)", 0, "nothing to import")])
    if on_total:
        on_total(len(files))
    docs, problems = read_files(files, annotator, encoding, progress)
    paths_by_name = {f.name: str(f) for f in files}
    for doc in docs:
        problems.extend(validate(db.schema, doc, paths_by_name.get(doc.source, doc.source)))
    if problems:
        raise InputRejected(problems)
    docs, report.repeated = merge_repeated(docs)
    if dry_run:
        return report
    if on_total:
        on_total(len(files) + len(docs))
    report.batch = write_batch(db, docs, who=annotator or "import", progress=progress)
    return report
