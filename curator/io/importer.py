"""Import files and folders into the store: read everything, check everything, then write once.

A batch is all-or-nothing: any problem in any file refuses the whole batch, and every problem is
reported as ``file:line: message``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from curator.errors import InputRejected, Problem
from curator.io import registry
from curator.io.entity_file import REGISTRY_FILE, read_entities
from curator.io.formats import Reader, ReadOptions
from curator.io.validation import Located
from curator.records import DocumentIn, SpanIn
from curator.schema.model import Schema
from curator.store import queries
from curator.store.bulk import BatchReport, merge_repeated, write_batch
from curator.store.database import Database
from curator.store.entities import ENTITY_LAYER, EntityRecord, entity_problems, entity_types, known_entity_keys

if TYPE_CHECKING:
    from curator.io.parallel_import import ParallelImport


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files in folders that no reader takes
    repeated: list[str] = field(default_factory=list)  # same text twice inside the batch
    # what the files held and the schema cannot, left out on request: kind -> count
    left_out: Counter[str] = field(default_factory=Counter)
    batch: BatchReport = field(default_factory=BatchReport)
    dry_run: bool = False
    formats: list[str] = field(default_factory=list)  # the formats the files were read as
    # annotations that came with a model's score, which an annotation does not keep (said aloud;
    # ``curator import --as-suggestions`` keeps them, see curator.suggest.predictions)
    scores_not_kept: int = 0


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to import (named ones as given, folders searched for the known extensions) and files
    ignored. In a folder, the files another one is read with are not read on their own: a ``.txt``
    beside a ``.ann`` of the same name (the brat document's text), the ``.documents.jsonl`` beside a
    ``.conll`` (its texts), the span, relation and token tables beside ``documents.parquet``."""
    files: list[Path] = []
    ignored: list[Path] = []
    claimed = registry.claimed_extensions()
    read_along = registry.read_along_checks()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if any(check(child) for check in read_along):
                    continue
                (files if child.suffix.lower() in claimed else ignored).append(child)
        elif path.exists():
            files.append(path)
        else:
            raise InputRejected([Problem(str(path), 0, "no such file or folder")])
    return files, ignored


def format_of(path: Path, fmt: str | None) -> str:
    """The format ``path`` is read as: ``fmt`` when it applies to the file's extension, else the
    extension's own (a named file of another extension is read as ``fmt``, or as text)."""
    suffix = path.suffix.lower()
    claimed = registry.claimed_extensions()
    if fmt is not None and (suffix in registry.named(fmt).extensions or suffix not in claimed):
        return fmt
    return claimed.get(suffix, "text")


def _reader(name: str, encoding: str | None) -> Reader:
    load = registry.named(name).reader
    if load is None:
        raise ValueError(f"{name} is written, not read")
    return load(ReadOptions(encoding=encoding))


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
            name = format_of(path, fmt)
            read = _reader(name, encoding)
            docs, bad = read(path, schema, annotator)
            if bad and fmt is None and name == "labelstudio":  # chosen by the extension: .json
                bad = _other_tool(path, name) or bad
            found.extend(docs)
            problems.extend(bad)
        except InputRejected as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror or exc}"))
        if progress:
            progress(1)
    return found, problems


def _other_tool(path: Path, read_as: str) -> list[Problem]:
    """The one problem to report for a JSON array whose first item is another tool's record (a
    doccano ``.json`` read as Label Studio tasks), naming the ``--format`` that reads it; else none."""
    from curator.io.foreign_shapes import use_format
    from curator.io.json_tasks import BadJson, array_items

    try:
        line, first = next(array_items(path.read_bytes().decode("utf-8")))
    except (StopIteration, BadJson, UnicodeDecodeError):
        return []
    message = use_format(first, read_as) if isinstance(first, dict) else None
    return [Problem(str(path), line, message)] if message else []


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
    parallel: ParallelImport | None = None,
    leave_out_unsupported: bool = False,
    index_later: bool = False,
) -> ImportReport:
    """Import ``paths`` as one batch. Raise :class:`InputRejected` (nothing written) on any problem.

    ``fmt`` (one of :func:`registry.import_names`) says how to read files whose extension is ambiguous
    (doccano ``.jsonl``/``.json``); ``annotator`` names the annotator of pre-annotations whose file
    names none.

    ``on_total`` receives the number of steps (files read, then documents written) and ``progress``
    each step's completion, for a progress bar.

    ``parallel``, workers already reading these very ``paths`` (:meth:`ParallelImport.start`), makes
    the import if it can; else the batch is read and written here as usual.

    What a file holds and the schema cannot (an INCEpTION relation layer the schema lacks...) is a
    problem, unless ``leave_out_unsupported``: then it is left out and counted in ``report.left_out``.

    The new documents are indexed for search in the batch's transaction, unless ``index_later``: then
    the first corpus search indexes them.
    """
    files, ignored = collect_files(list(paths))
    report = ImportReport(files=[str(f) for f in files], ignored=[str(f) for f in ignored], dry_run=dry_run)
    if not files:
        raise InputRejected([Problem(", ".join(report.ignored) or "(no files)", 0, "nothing to import")])
    registry_files = [f for f in files if is_registry_file(f)]
    files = [f for f in files if not is_registry_file(f)]
    if on_total:
        on_total(len(files))
    if fmt is not None and fmt not in (names := registry.import_names()):
        raise InputRejected([Problem(fmt, 0, f"unknown import format; choose one of {', '.join(names)}")])
    report.formats = sorted({format_of(f, fmt) for f in files})
    # A registry file goes with the batch's documents in one transaction: the ordinary path's.
    if parallel is not None and not dry_run and not registry_files:
        batch = parallel.run(db, who=annotator or "import", on_total=on_total, progress=progress, index=not index_later)
        if batch is not None:
            report.batch = batch
            return report
    located, problems = read_files(files, annotator, encoding, progress, schema=db.schema, fmt=fmt)
    entities = []
    for path in registry_files:
        try:
            entities.extend(read_entities(path, entity_types(db.schema)))
        except InputRejected as exc:
            problems.extend(exc.problems)
    for item in located:
        if leave_out_unsupported:
            report.left_out.update(lo.kind for lo in item.left_out)
        else:
            problems.extend(lo.problem for lo in item.left_out)
    report.scores_not_kept = sum(1 for item in located for span in item.doc.spans if span.score is not None)
    found, attached, more = _find_texts(db, located)
    problems.extend(more)
    for item in found + [item for item, _ in attached]:
        problems.extend(item.problems(db.schema))
    linking = found + [item for item, _ in attached]
    made, bad_entities = entities_named(db, linking, entities)
    entities.extend(made)
    problems.extend(bad_entities)
    problems.extend(link_problems(db, linking, entities))
    if problems:
        raise InputRejected(problems)
    for item, target in attached:
        if target is not None:  # a document of this batch: its annotations join it
            target.spans.extend(item.doc.spans)
            target.relations.extend(item.doc.relations)
            target.doc_labels.extend(item.doc.doc_labels)
    docs = [item.doc for item in found] + [item.doc for item, target in attached if target is None]
    docs, report.repeated = merge_repeated(docs)
    for doc in docs:
        if doc.relations:  # ids matter only to relations
            share_repeated_refs(doc)
    if dry_run:
        return report
    if on_total:
        on_total(len(files) + len(docs))
    report.batch = write_batch(
        db, docs, who=annotator or "import", progress=progress, entities=entities, index=not index_later
    )
    return report


def is_registry_file(path: Path) -> bool:
    """Whether ``path`` is an entity registry file (``entities.jsonl``, or ``<name>.entities.jsonl``
    beside an interchange export), read into the registry rather than as documents."""
    name = path.name.lower()
    return name == REGISTRY_FILE or name.endswith("." + REGISTRY_FILE)


def entities_named(
    db: Database, items: list[Located], entities: list[EntityRecord]
) -> tuple[list[EntityRecord], list[Problem]]:
    """The entities the batch's files name for their links (brat normalizations...) that neither the
    database nor a registry file of the batch has: made from the linked span's label and the name the
    file gives; refused with the file's line when that label is not an entity type."""
    named = [(item, e) for item in items for e in item.doc.entities]
    if not named:
        return [], []
    known = {record.key for record in entities} | known_entity_keys(db, sorted({e.key for _, e in named}))
    types = entity_types(db.schema)
    made: dict[str, EntityRecord] = {}
    problems: list[Problem] = []
    for item, e in named:
        if e.key in known or e.key in made:
            continue
        language = e.language or item.doc.language  # a claims CSV learns it with the document's text
        language = language if language in ("ar", "fa", "fr", "en") else "en"
        names = dict(e.names) or {language: e.name or e.key}
        record = EntityRecord(e.key, e.type, names, e.aliases, e.description, dict(e.external_ids))
        found = entity_problems(record, types)
        if found:
            source = e.source or item.path
            problems.extend(Problem(source, e.line, f"entity {e.key!r}: {message}") for message in found)
            known.add(e.key)  # said once
        else:
            made[e.key] = record
    return list(made.values()), problems


def link_problems(db: Database, items: list[Located], entities: list[EntityRecord]) -> list[Problem]:
    """The batch's links to registry entities that cannot be made: an entity named by no registry file
    of the batch and unknown to the database, a span of another layer than the entity layer."""
    named = {s.entity for item in items for s in item.doc.spans if s.entity is not None}
    if not named:
        return []
    known = {record.key for record in entities} | known_entity_keys(db, sorted(named))
    problems: list[Problem] = []
    for item in items:
        for i, s in enumerate(item.doc.spans):
            if s.entity is None:
                continue
            # where the reader says the annotation is (its own line, or a row of another table)
            where = item.span_at(i) if item.span_at else (item.doc.line, f"annotation {i + 1}")
            source = where[2] if len(where) == 3 else item.path
            if s.layer != ENTITY_LAYER:
                message = f"{where[1]}: only {ENTITY_LAYER} annotations link to an entity"
            elif s.entity not in known:
                message = (
                    f"{where[1]}: no entity with id {s.entity!r} in the registry; "
                    f"import the registry file ({REGISTRY_FILE}) with it, or first"
                )
            else:
                continue
            problems.append(Problem(source, where[0], message))
    return problems


def _find_texts(
    db: Database, located: list[Located]
) -> tuple[list[Located], list[tuple[Located, DocumentIn | None]], list[Problem]]:
    """Split off the documents read without their text (``needs_text``) and give each the text of the
    document its ``ext_id`` names: one of this batch (returned with it, to join it), else one in the
    database (returned with None: the batch writer attaches to it by content). Also the problems:
    documents found nowhere, offsets that do not fit the text."""
    found = [item for item in located if item.needs_text is None]
    pending = [item for item in located if item.needs_text is not None]
    if not pending:
        return found, [], []
    in_batch: dict[str, DocumentIn] = {}
    for item in found:
        if item.doc.ext_id is not None:
            in_batch.setdefault(item.doc.ext_id, item.doc)
    wanted = sorted({item.doc.ext_id for item in pending if item.doc.ext_id and item.doc.ext_id not in in_batch})
    stored = {}
    for doc_id in queries.document_ids_by_ext(db, wanted) if wanted else []:
        record = queries.document(db, doc_id)
        if record is not None:
            stored[record.ext_id] = record
    attached: list[tuple[Located, DocumentIn | None]] = []
    problems: list[Problem] = []
    for item in pending:
        doc = item.doc
        assert item.needs_text is not None
        target = in_batch.get(doc.ext_id or "")
        record = stored.get(doc.ext_id or "")
        if target is not None:
            text, title, language, direction, newline = (
                target.text,
                target.title,
                target.language,
                target.direction,
                target.newline,
            )
        elif record is not None:
            text, title, language, direction, newline = (
                record.text,
                record.title,
                record.language,
                record.direction,
                record.newline,
            )
        else:
            problems.append(
                Problem(
                    item.path,
                    doc.line,
                    f"document {doc.ext_id!r} is neither in the database nor in this import: "
                    "import its text first, or with this file",
                )
            )
            continue
        doc.text, doc.title, doc.language, doc.direction, doc.newline = text, title, language, direction, newline
        bad = item.needs_text(text)
        problems.extend(bad)
        if not bad:
            attached.append((item, target))
    return found, attached, problems


def share_repeated_refs(doc: DocumentIn) -> None:
    """Give the relations of a span that occurs twice in ``doc`` (the same annotation read from two
    files of the batch, such as an entity and the claimant of a claims CSV) the first occurrence as
    their end. The batch writer stores the span once and skips the repeat; a relation must not point
    at the repeat."""
    first: dict[tuple[str, str, str, int, int], SpanIn] = {}
    alias: dict[str, str] = {}
    for span in doc.spans:
        key = (span.annotator, span.layer, span.label, span.start, span.end)
        kept = first.setdefault(key, span)
        if kept is span or span.ref is None:
            continue
        if kept.ref is None:
            kept.ref = span.ref
        else:
            alias[span.ref] = kept.ref
        span.ref = None
    if alias:
        for rel in doc.relations:
            rel.source = alias.get(rel.source, rel.source)
            rel.target = alias.get(rel.target, rel.target)
