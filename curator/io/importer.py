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
from curator.io.validation import Located
from curator.schema.model import Schema
from curator.store.bulk import BatchReport, merge_repeated, write_batch
from curator.store.database import Database

# The reader of each format, by name; imported lazily (spaCy and cassis are heavy and optional).
# A reader takes (path, schema, default annotator) and returns the documents and the problems found.
Reader = Callable[[Path, Schema, str | None], tuple[list[Located], list[Problem]]]
IMPORT_FORMATS = ("text", "jsonl", "brat", "xmi", "spacy", "labelstudio", "doccano")
# The format a file is read as when --format does not say otherwise.
READERS = {".txt": "text", ".jsonl": "jsonl", ".ann": "brat", ".xmi": "xmi", ".spacy": "spacy", ".json": "labelstudio"}
# The extensions --format FORMAT applies to (doccano and Label Studio both write .json; doccano and
# Curator both write .jsonl).
FORMAT_EXTENSIONS = {
    "text": {".txt"},
    "jsonl": {".jsonl"},
    "brat": {".ann"},
    "xmi": {".xmi"},
    "spacy": {".spacy"},
    "labelstudio": {".json"},
    "doccano": {".jsonl", ".json"},
}


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files in folders that no reader takes
    repeated: list[str] = field(default_factory=list)  # same text twice inside the batch
    batch: BatchReport = field(default_factory=BatchReport)
    dry_run: bool = False


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to import (named ones as given, folders searched for the known extensions) and files
    ignored. In a folder, a ``.txt`` beside a ``.ann`` of the same name is the brat document's text,
    read with it, not a second document."""
    files: list[Path] = []
    ignored: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                suffix = child.suffix.lower()
                if suffix == ".txt" and child.with_suffix(".ann").is_file():
                    continue
                (files if suffix in READERS else ignored).append(child)
        elif path.exists():
            files.append(path)
        else:
            raise InputRejected([Problem(str(path), 0, "no such file or folder")])
    return files, ignored


def format_of(path: Path, fmt: str | None) -> str:
    """The format ``path`` is read as: ``fmt`` when it applies to the file's extension, else the
    extension's own (a named file of another extension is read as ``fmt``, or as text)."""
    suffix = path.suffix.lower()
    if fmt is not None and (suffix in FORMAT_EXTENSIONS[fmt] or suffix not in READERS):
        return fmt
    return READERS.get(suffix, "text")


def _reader(name: str, encoding: str | None) -> Reader:
    if name == "text":
        return lambda path, schema, annotator: ([Located(read_text_file(path, encoding), str(path))], [])
    if name == "jsonl":

        def jsonl(path: Path, schema: Schema, annotator: str | None) -> tuple[list[Located], list[Problem]]:
            docs, problems = read_jsonl(path, annotator)
            return [Located(d, str(path)) for d in docs], problems

        return jsonl
    if name == "brat":
        from curator.io.read_brat import read_brat

        return read_brat
    if name == "xmi":
        from curator.io.read_xmi import read_xmi

        return read_xmi
    if name == "spacy":
        from curator.io.read_spacy import read_spacy

        return read_spacy
    if name == "labelstudio":
        from curator.io.read_labelstudio import read_labelstudio

        return read_labelstudio
    if name == "doccano":
        from curator.io.read_doccano import read_doccano

        return read_doccano
    raise ValueError(f"unknown import format {name!r}")


def read_files(
    files: list[Path],
    annotator: str | None,
    encoding: str | None,
    progress: Callable[[int], None] | None = None,
    *,
    schema: Schema,
    fmt: str | None = None,
) -> tuple[list[Located], list[Problem]]:
    found: list[Located] = []
    problems: list[Problem] = []
    for path in files:
        try:
            read = _reader(format_of(path, fmt), encoding)
            docs, bad = read(path, schema, annotator)
            found.extend(docs)
            problems.extend(bad)
        except InputRejected as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror or exc}"))
        if progress:
            progress(1)
    return found, problems


def validate(schema: Schema, doc: DocumentIn, path: str) -> list[Problem]:
    """Every schema problem of one document's annotations, named by file and line."""
    return Located(doc, path).problems(schema)


def import_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    annotator: str | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    dry_run: bool = False,
    on_total: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``paths`` as one batch. Raise :class:`InputRejected` (nothing written) on any problem.

    ``fmt`` (one of :data:`IMPORT_FORMATS`) says how to read files whose extension is ambiguous
    (doccano ``.jsonl``/``.json``); ``annotator`` names the annotator of pre-annotations whose file
    names none.

    ``on_total`` receives the number of steps (files read, then documents written) and ``progress``
    each step's completion, for a progress bar.
    """
    files, ignored = collect_files(list(paths))
    report = ImportReport(files=[str(f) for f in files], ignored=[str(f) for f in ignored], dry_run=dry_run)
    if not files:
        raise InputRejected([Problem(", ".join(report.ignored) or "(no files)", 0, "nothing to import")])
    if on_total:
        on_total(len(files))
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise InputRejected([Problem(fmt, 0, f"unknown import format; choose one of {', '.join(IMPORT_FORMATS)}")])
    located, problems = read_files(files, annotator, encoding, progress, schema=db.schema, fmt=fmt)
    for item in located:
        problems.extend(item.problems(db.schema))
    if problems:
        raise InputRejected(problems)
    docs = [item.doc for item in located]
    docs, report.repeated = merge_repeated(docs)
    if dry_run:
        return report
    if on_total:
        on_total(len(files) + len(docs))
    report.batch = write_batch(db, docs, who=annotator or "import", progress=progress)
    return report
