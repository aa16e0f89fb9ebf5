"""Write a whole import batch in one transaction with Core bulk inserts.

Documents already present (same text, and the same id where the file names one) are not added again;
their new annotations are attached. Documents with the same text and other ids are each their own.
Annotations, relations and document labels already present are skipped. Any conflict raises
:class:`InputRejected` inside the transaction, so nothing of the batch is written.

(Just over 500 lines: one transaction's steps, documents, spans, relations and labels, each with its
duplicate check, share the batch's id maps and would need them passed around if split.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from curator.errors import InputRejected, Problem
from curator.records import DocumentIn
from curator.store import search_index, sqlite_bulk
from curator.store.database import Database
from curator.store.entities import EntityRecord, write_records
from curator.store.models import (
    Base,
    Document,
    DocumentLabel,
    Entity,
    EntityLink,
    HistoryEntry,
    Relation,
    Span,
    utcnow,
)
from curator.text.folding import document_filter_key

CHUNK = 500  # stays under SQLite's bound-parameter limit in IN (...) queries


def _table(model: type[Base]) -> Table:
    """The Core table of a model: bulk rows go through Core executemany, not the ORM's unit of work."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass
class BatchReport:
    documents_added: int = 0
    documents_existing: list[str] = field(default_factory=list)
    spans_added: int = 0
    spans_existing: int = 0
    relations_added: int = 0
    relations_existing: int = 0
    doc_labels_added: int = 0
    doc_labels_existing: int = 0
    documents_sharing_text: int = 0  # added documents whose text another document (with another id) has too
    entities_added: int = 0  # registry entities (a registry file of the batch)
    entities_updated: int = 0
    links_added: int = 0  # spans linked to a registry entity

    @property
    def added_anything(self) -> bool:
        return bool(
            self.documents_added
            or self.spans_added
            or self.relations_added
            or self.doc_labels_added
            or self.entities_added
            or self.entities_updated
            or self.links_added
        )


def _chunks(items: Sequence[Any], size: int = CHUNK) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def write_batch(
    db: Database,
    docs: list[DocumentIn],
    who: str,
    progress: Callable[[int], None] | None = None,
    *,
    entities: Sequence[EntityRecord] = (),
    index: bool = True,
) -> BatchReport:
    """Write ``docs`` (validated against the schema, repeats merged by :func:`merge_repeated`) as one
    transaction; ``who`` goes in the history. ``entities`` (checked registry records) are written
    first in the same transaction, so the batch's spans may link to them. ``index`` indexes the new
    documents for search in the same transaction; without it, the first search does."""
    report = BatchReport()
    with db.write(bulk=True) as session, _bulk_load(session):
        if entities:
            report.entities_added, report.entities_updated = write_records(session, entities, who)
        doc_ids = _resolve_documents(session, docs, report)
        # Only documents stored before this batch can hold annotations the batch would repeat.
        stored_before = sorted({i for i in doc_ids if i is not None})
        annotators = {
            name: db.annotator_id(session, name)
            for name in sorted(
                {s.annotator for d in docs for s in d.spans}
                | {r.annotator for d in docs for r in d.relations}
                | {lab.annotator for d in docs for lab in d.doc_labels}
            )
        }
        new_docs = [(i, d) for i, d in enumerate(docs) if doc_ids[i] is None]
        now = utcnow()
        for chunk in _chunks(new_docs, CHUNK * 4):
            ids = _insert_documents(session, [d for _, d in chunk], now, index)
            for (i, _), new_id in zip(chunk, ids, strict=True):
                doc_ids[i] = new_id
            report.documents_added += len(chunk)
            if progress:
                progress(len(chunk))
        final_ids = [i for i in doc_ids if i is not None]
        assert len(final_ids) == len(docs)
        _write_annotations(db, session, docs, final_ids, stored_before, annotators, report, now)
        _write_history(session, docs, final_ids, who, now)
    return report


@contextmanager
def _bulk_load(session: Session) -> Iterator[None]:
    """On SQLite, a large page cache and the span indexes built once at the end when the table is
    empty (a first import); nothing on PostgreSQL."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    with sqlite_bulk.large_cache(conn), sqlite_bulk.indexes_built_after(conn, _table(Span)):
        yield


_DOCUMENT_COLUMNS = (
    "ext_id",
    "title",
    "source",
    "language",
    "direction",
    "text",
    "length",
    "content_sha256",
    "bytes_sha256",
    "encoding",
    "newline",
    "had_bom",
    "meta",
    "created_at",
    "filter_key",
    "search_indexed",  # true: the batch indexes its documents for search in its transaction
)


def _document_values(d: DocumentIn, created_at: Any, meta: Any, had_bom: Any, indexed: Any) -> tuple[Any, ...]:
    """The values of :data:`_DOCUMENT_COLUMNS`; the time, metadata, BOM and indexed flags as the
    caller's driver takes them."""
    assert d.ext_id is not None  # given by _assign_ext_ids
    return (
        d.ext_id,
        d.title,
        d.source,
        d.language or "other",
        d.direction or "ltr",
        d.text,
        len(d.text),
        d.content_sha256(),
        d.bytes_sha256,
        d.encoding,
        d.newline,
        had_bom,
        meta,
        created_at,
        document_filter_key(d.title, d.ext_id),
        indexed,
    )


def _insert_documents(session: Session, docs: list[DocumentIn], now: Any, index: bool) -> list[int]:
    """Insert ``docs`` (and their search index rows with ``index``) and return their new ids in order."""
    conn = session.connection()
    table = _table(Document)
    if conn.dialect.name != "sqlite":
        values = [_document_values(d, now, d.meta, d.had_bom, index) for d in docs]
        rows = [dict(zip(_DOCUMENT_COLUMNS, row, strict=True)) for row in values]
        ids = _insert_returning_ids(session, table, rows)
    else:
        to_json = sqlite_bulk.bind_processor(conn, table, "meta")
        when = sqlite_bulk.bind_processor(conn, table, "created_at")(now)
        first = _next_id(conn, table)
        flag = int(index)
        tuples = [
            (first + n, *_document_values(d, when, to_json(d.meta), int(d.had_bom), flag)) for n, d in enumerate(docs)
        ]
        sqlite_bulk.insert_rows(conn, table, ("id", *_DOCUMENT_COLUMNS), tuples)
        ids = list(range(first, first + len(docs)))
    if index:
        search_index.add_texts(conn, [(doc_id, d.text) for doc_id, d in zip(ids, docs, strict=True)])
    return ids


_HISTORY_COLUMNS = ("at", "annotator", "action", "kind", "object_id", "document_id", "before", "after")


def _write_history(session: Session, docs: list[DocumentIn], doc_ids: list[int], who: str, now: Any) -> None:
    """One "import" entry per document of the batch."""
    conn = session.connection()
    table = _table(HistoryEntry)
    sqlite = conn.dialect.name == "sqlite"
    to_json = sqlite_bulk.bind_processor(conn, table, "after") if sqlite else (lambda value: value)
    when = sqlite_bulk.bind_processor(conn, table, "at")(now) if sqlite else now
    before = to_json(None)  # JSON null, as the ORM stores an empty "before"
    rows = [
        (
            when,
            who,
            "import",
            "document",
            doc_id,
            doc_id,
            before,
            to_json({"source": d.source, "line": d.line, "spans": len(d.spans)}),
        )
        for d, doc_id in zip(docs, doc_ids, strict=True)
    ]
    if sqlite:
        sqlite_bulk.insert_rows(conn, table, _HISTORY_COLUMNS, rows)
    else:
        conn.execute(table.insert(), [dict(zip(_HISTORY_COLUMNS, row, strict=True)) for row in rows])


def _next_id(conn: Any, table: Table) -> int:
    """The first id never given in ``table`` (the writer holds SQLite's write lock: nobody else
    inserts). For a table whose ids are never reused that is past the highest ever given
    (``sqlite_sequence``), not only past the highest there now."""
    top = int(conn.execute(select(func.max(table.c.id))).scalar() or 0)
    if conn.dialect.name == "sqlite" and table.kwargs.get("sqlite_autoincrement"):
        given = conn.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).scalar()
        top = max(top, int(given or 0))
    return top + 1


def _same_id(stored: str, d: DocumentIn) -> bool:
    """Whether the stored id ``stored`` is the one ``d`` names (or, for an id that may take a
    suffix, that id with its ``~N``)."""
    wanted = d.ext_id or ""
    if stored == wanted:
        return True
    return not d.ext_id_fixed and stored.startswith(wanted + "~") and stored[len(wanted) + 1 :].isdigit()


def _resolve_documents(session: Session, docs: list[DocumentIn], report: BatchReport) -> list[int | None]:
    """Existing ids for documents already stored (same text, and the same id where the document names
    one; else the first with its text); unique ``ext_id`` for the new ones."""
    hashes = [d.content_sha256() for d in docs]
    stored: dict[str, list[tuple[int, str]]] = {}  # text hash -> (id, ext_id) of the documents with it
    for chunk in _chunks(sorted(set(hashes))):
        rows = session.execute(
            select(Document.content_sha256, Document.id, Document.ext_id)
            .where(Document.content_sha256.in_(chunk))
            .order_by(Document.id)
        )
        for sha, doc_id, ext_id in rows:
            stored.setdefault(sha, []).append((doc_id, ext_id))
    ids: list[int | None] = []
    for d, h in zip(docs, hashes, strict=True):
        candidates = stored.get(h, [])
        if candidates and not d.names_id:
            found: int | None = candidates[0][0]
        else:
            found = next((doc_id for doc_id, ext_id in candidates if _same_id(ext_id, d)), None)
        ids.append(found)
        if found is not None:
            report.documents_existing.append(f"{d.source}:{d.line}" if d.source.endswith(".jsonl") else d.source)
    new_hashes = Counter(h for h, i in zip(hashes, ids, strict=True) if i is None)
    report.documents_sharing_text = sum(n for h, n in new_hashes.items() if n > 1 or h in stored)
    _assign_ext_ids(session, [d for d, i in zip(docs, ids, strict=True) if i is None])
    return ids


def merge_repeated(docs: list[DocumentIn]) -> tuple[list[DocumentIn], list[str]]:
    """Fold each document of a batch into an earlier one with the same text and the same id (a
    document naming no id: into the first with its text); return the names folded."""
    # by text and id, whether the earlier one named its id or had it made (from a file name)
    named: dict[tuple[str, str | None], DocumentIn] = {}
    first_with_text: dict[str, DocumentIn] = {}
    out: list[DocumentIn] = []
    folded: list[str] = []
    for d in docs:
        h = d.content_sha256()
        first = named.get((h, d.ext_id)) if d.names_id else first_with_text.get(h)
        if first is None:
            named.setdefault((h, d.ext_id), d)
            first_with_text.setdefault(h, d)
            out.append(d)
            continue
        folded.append(f"{d.source}:{d.line}" if d.source.endswith(".jsonl") else d.source)
        first.spans.extend(d.spans)
        first.relations.extend(d.relations)
        first.doc_labels.extend(d.doc_labels)
    return out, folded


def _assign_ext_ids(session: Session, new_docs: list[DocumentIn]) -> None:
    wanted = [d.ext_id or d.content_sha256()[:16] for d in new_docs]
    taken: set[str] = set()
    for chunk in _chunks(sorted(set(wanted))):
        taken.update(session.scalars(select(Document.ext_id).where(Document.ext_id.in_(chunk))))
    problems: list[Problem] = []
    for d, ext_id in zip(new_docs, wanted, strict=True):
        if ext_id not in taken:
            d.ext_id = ext_id
            taken.add(ext_id)
            continue
        if d.ext_id_fixed:
            problems.append(Problem(d.source, d.line, f"document id {ext_id!r} is already used by another text"))
            continue
        n = 2
        while f"{ext_id}~{n}" in taken:
            n += 1
        d.ext_id = f"{ext_id}~{n}"
        taken.add(d.ext_id)
    if problems:
        raise InputRejected(problems)


def _write_annotations(
    db: Database,
    session: Session,
    docs: list[DocumentIn],
    doc_ids: list[int],
    stored_before: list[int],
    annotators: dict[str, int],
    report: BatchReport,
    now: Any,
) -> None:
    labels = db.ids.labels
    existing_spans = _existing_spans(session, stored_before)
    sqlite = session.connection().dialect.name == "sqlite"
    table = _table(Span)
    to_json = sqlite_bulk.bind_processor(session.connection(), table, "attributes") if sqlite else None
    stamp = sqlite_bulk.bind_processor(session.connection(), table, "created_at")(now) if sqlite else now
    empty = to_json({}) if to_json else {}
    first = _next_id(session.connection(), table) if sqlite else 0
    # Each new span's row as the driver takes it: (id, document_id, annotator_id, label_id, start, end,
    # attributes, note, created_at, updated_at, version); on SQLite the ids are given here (see
    # _insert_returning_ids), on PostgreSQL the id is a placeholder for RETURNING's.
    span_rows: list[tuple[Any, ...]] = []
    span_refs: list[tuple[int, int, str]] = []  # (row, document index, ref) of each new row with a ref
    ref_ids: dict[tuple[int, str], int] = {}
    new_links: list[tuple[int, str]] = []  # (row, entity key) of each new row that names an entity
    old_links: list[tuple[int, str]] = []  # (span id, entity key) of spans stored before
    for index, (d, doc_id) in enumerate(zip(docs, doc_ids, strict=True)):
        for s in d.spans:
            who, label, start, end = annotators[s.annotator], labels[(s.layer, s.label)], s.start, s.end
            key = (doc_id, who, label, start, end)
            if key in existing_spans:
                report.spans_existing += 1
                if s.ref is not None:
                    ref_ids[(index, s.ref)] = existing_spans[key]
                if s.entity is not None and existing_spans[key] >= 0:
                    old_links.append((existing_spans[key], s.entity))
                continue
            existing_spans[key] = -1  # a repeat inside the batch is skipped too
            if s.ref is not None:
                span_refs.append((len(span_rows), index, s.ref))
            if s.entity is not None:
                new_links.append((len(span_rows), s.entity))
            attributes = (to_json(s.attributes) if to_json else s.attributes) if s.attributes else empty
            span_rows.append((first + len(span_rows), *key, attributes, s.note, stamp, stamp, 1))
    if sqlite:
        sqlite_bulk.insert_rows(session.connection(), table, ("id", *_SPAN_COLUMNS), span_rows)
        ids = [row[0] for row in span_rows]
    else:
        dicts = [dict(zip(_SPAN_COLUMNS, row[1:], strict=True)) for row in span_rows]
        ids = []
        if dicts and ((span_refs and any(d.relations for d in docs)) or new_links):
            for chunk_start in range(0, len(dicts), CHUNK * 4):
                ids.extend(_insert_returning_ids(session, table, dicts[chunk_start : chunk_start + CHUNK * 4]))
        elif dicts:
            session.connection().execute(table.insert(), dicts)
    for row, index, ref in span_refs:
        if row < len(ids):
            ref_ids[(index, ref)] = ids[row]
    report.spans_added += len(span_rows)
    links = [(ids[row], entity) for row, entity in new_links] + old_links
    if links:
        report.links_added += _write_links(session, links, now)

    relation_rows = []
    seen_relations = _existing_relations(session, stored_before)
    for index, (d, doc_id) in enumerate(zip(docs, doc_ids, strict=True)):
        for r in d.relations:
            rkey = (db.ids.relation_types[r.type], ref_ids[(index, r.source)], ref_ids[(index, r.target)])
            if rkey in seen_relations:
                report.relations_existing += 1
                continue
            seen_relations.add(rkey)
            relation_rows.append(
                {
                    "document_id": doc_id,
                    "annotator_id": annotators[r.annotator],
                    "type_id": rkey[0],
                    "source_id": rkey[1],
                    "target_id": rkey[2],
                    "created_at": now,
                }
            )
    if relation_rows:
        session.connection().execute(_table(Relation).insert(), relation_rows)
    report.relations_added += len(relation_rows)

    label_rows = []
    seen_labels = _existing_doc_labels(session, stored_before)
    for d, doc_id in zip(docs, doc_ids, strict=True):
        for lab in d.doc_labels:
            lkey = (doc_id, annotators[lab.annotator], labels[(lab.layer, lab.label)])
            if lkey in seen_labels:
                report.doc_labels_existing += 1
                continue
            seen_labels.add(lkey)
            label_rows.append({"document_id": lkey[0], "annotator_id": lkey[1], "label_id": lkey[2], "created_at": now})
    if label_rows:
        session.connection().execute(_table(DocumentLabel).insert(), label_rows)
    report.doc_labels_added += len(label_rows)


def _write_links(session: Session, links: list[tuple[int, str]], now: Any) -> int:
    """Link spans ``(span id, entity key)`` to their entities; a span already linked keeps its link
    (as an annotation already there is not added again). How many were linked."""
    conn = session.connection()
    keys = sorted({key for _, key in links})
    entity_ids: dict[str, int] = {}
    for chunk in _chunks(keys):
        entity_ids.update(
            (key, id_) for key, id_ in conn.execute(select(Entity.key, Entity.id).where(Entity.key.in_(chunk)))
        )
    missing = [key for key in keys if key not in entity_ids]
    if missing:  # the importer checks links first; this is the store's own guard
        raise InputRejected([Problem("(import)", 0, f"no entity with id {missing[0]!r} in the registry")])
    linked: set[int] = set()
    span_ids = sorted({span_id for span_id, _ in links})
    for chunk in _chunks(span_ids):
        linked.update(conn.execute(select(EntityLink.span_id).where(EntityLink.span_id.in_(chunk))).scalars())
    rows = []
    for span_id, key in links:
        if span_id not in linked:
            linked.add(span_id)
            rows.append({"span_id": span_id, "entity_id": entity_ids[key], "linked_by": "import", "linked_at": now})
    if rows:
        conn.execute(_table(EntityLink).insert(), rows)
    return len(rows)


def _insert_returning_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` and return their new ids in order.

    SQLite does not promise RETURNING order, so SQLAlchemy would insert row by row; instead the ids
    are given here, which is safe because a Curator writer holds SQLite's write lock (BEGIN IMMEDIATE)
    for the whole transaction. PostgreSQL keeps RETURNING order for batched inserts.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return list(conn.execute(statement, rows).scalars().all())
    first = _next_id(conn, table)
    ids = list(range(first, first + len(rows)))
    conn.execute(table.insert(), [{**row, "id": new_id} for row, new_id in zip(rows, ids, strict=True)])
    return ids


_SPAN_COLUMNS = (
    "document_id",
    "annotator_id",
    "label_id",
    "start",
    "end",
    "attributes",
    "note",
    "created_at",
    "updated_at",
    "version",
)


def _existing_spans(session: Session, doc_ids: list[int]) -> dict[tuple[int, int, int, int, int], int]:
    out: dict[tuple[int, int, int, int, int], int] = {}
    for chunk in _chunks(sorted(set(doc_ids))):
        rows = session.execute(
            select(Span.document_id, Span.annotator_id, Span.label_id, Span.start, Span.end, Span.id).where(
                Span.document_id.in_(chunk)
            )
        )
        for doc_id, annotator_id, label_id, start, end, span_id in rows:
            out[(doc_id, annotator_id, label_id, start, end)] = span_id
    return out


def _existing_relations(session: Session, doc_ids: list[int]) -> set[tuple[int, int, int]]:
    out: set[tuple[int, int, int]] = set()
    for chunk in _chunks(sorted(set(doc_ids))):
        out.update(
            session.execute(
                select(Relation.type_id, Relation.source_id, Relation.target_id).where(Relation.document_id.in_(chunk))
            )
        )
    return out


def _existing_doc_labels(session: Session, doc_ids: list[int]) -> set[tuple[int, int, int]]:
    out: set[tuple[int, int, int]] = set()
    for chunk in _chunks(sorted(set(doc_ids))):
        out.update(
            session.execute(
                select(DocumentLabel.document_id, DocumentLabel.annotator_id, DocumentLabel.label_id).where(
                    DocumentLabel.document_id.in_(chunk)
                )
            )
        )
    return out
