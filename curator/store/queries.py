"""Read-only queries: documents, their annotations, corpus statistics. They return plain records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, func, select, text, type_coerce, union
from sqlalchemy.orm import Session

from curator.store.database import Database
from curator.store.models import (
    Annotator,
    Document,
    DocumentLabel,
    DocumentStatus,
    Entity,
    EntityLink,
    LabelRow,
    LayerRow,
    Relation,
    RelationTypeRow,
    Span,
)
from curator.store.stats import counted


@dataclass(frozen=True)
class SpanRecord:
    id: int
    document_id: int
    annotator: str
    layer: str
    label: str
    start: int
    end: int
    attributes: dict[str, Any]
    note: str
    version: int


@dataclass(frozen=True)
class RelationRecord:
    id: int
    document_id: int
    annotator: str
    type: str
    source_id: int
    target_id: int


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    ext_id: str
    title: str
    language: str
    direction: str
    text: str
    source: str
    meta: dict[str, Any]
    newline: str
    encoding: str | None


@dataclass(frozen=True)
class LinkedEntity:
    """The entity a span links to: its key, and the name it is shown by in the span's document (the
    name in the document's language where the entity has one, else its first)."""

    key: str
    name: str


@dataclass
class DocumentBundle:
    """A document with the annotations of the chosen annotators (and, when asked for, the entity
    links of those spans, by span id)."""

    document: DocumentRecord
    spans: list[SpanRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    doc_labels: list[tuple[str, str, str]] = field(default_factory=list)  # (annotator, layer, label)
    links: dict[int, LinkedEntity] = field(default_factory=dict)


def _span_query(annotators: list[str] | None) -> Any:
    q = (
        select(
            Span.id,
            Span.document_id,
            Annotator.name,
            LayerRow.key,
            LabelRow.key,
            Span.start,
            Span.end,
            # Raw JSON text: most spans have no attributes, and decoding "{}" 100,000 times is most of
            # an export's time. :func:`_span_record` decodes only what holds something.
            type_coerce(Span.attributes, Text),
            Span.note,
            Span.version,
        )
        .join(Annotator, Annotator.id == Span.annotator_id)
        .join(LabelRow, LabelRow.id == Span.label_id)
        .join(LayerRow, LayerRow.id == LabelRow.layer_id)
    )
    if annotators is not None:
        q = q.where(Annotator.name.in_(annotators))
    return q


def _attributes(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):  # drivers that decode JSON themselves (psycopg)
        return raw
    return {} if raw in (None, "{}", "null") else dict(json.loads(raw))


def _span_record(row: Any) -> SpanRecord:
    values = list(row)
    values[7] = _attributes(values[7])
    return SpanRecord(*values)


_DOCUMENT_COLUMNS = (
    Document.id,
    Document.ext_id,
    Document.title,
    Document.language,
    Document.direction,
    Document.text,
    Document.source,
    Document.meta,
    Document.newline,
    Document.encoding,
)


def _document_record(d: Document) -> DocumentRecord:
    return DocumentRecord(
        d.id, d.ext_id, d.title, d.language, d.direction, d.text, d.source, d.meta, d.newline, d.encoding
    )


def document(db: Database, document_id: int) -> DocumentRecord | None:
    with db.read() as session:
        d = session.get(Document, document_id)
        return _document_record(d) if d else None


def spans(db: Database, document_id: int, annotators: list[str] | None = None) -> list[SpanRecord]:
    """The document's spans by ``annotators`` (all when None), in text order."""
    with db.read() as session:
        rows = session.execute(
            _span_query(annotators).where(Span.document_id == document_id).order_by(Span.start, Span.end, Span.id)
        )
        return [_span_record(row) for row in rows]


def relations(db: Database, document_id: int, annotators: list[str] | None = None) -> list[RelationRecord]:
    with db.read() as session:
        return _relations(session, [document_id], annotators)


def relation_select() -> Any:
    return (
        select(
            Relation.id,
            Relation.document_id,
            Annotator.name,
            RelationTypeRow.key,
            Relation.source_id,
            Relation.target_id,
        )
        .join(Annotator, Annotator.id == Relation.annotator_id)
        .join(RelationTypeRow, RelationTypeRow.id == Relation.type_id)
    )


def _relations(session: Session, doc_ids: list[int], annotators: list[str] | None) -> list[RelationRecord]:
    q = relation_select().where(Relation.document_id.in_(doc_ids)).order_by(Relation.id)
    if annotators is not None:
        q = q.where(Annotator.name.in_(annotators))
    return [RelationRecord(*row) for row in session.execute(q)]


def _doc_labels(session: Session, doc_ids: list[int], annotators: list[str] | None) -> list[tuple[int, str, str, str]]:
    q = (
        select(DocumentLabel.document_id, Annotator.name, LayerRow.key, LabelRow.key)
        .join(Annotator, Annotator.id == DocumentLabel.annotator_id)
        .join(LabelRow, LabelRow.id == DocumentLabel.label_id)
        .join(LayerRow, LayerRow.id == LabelRow.layer_id)
        .where(DocumentLabel.document_id.in_(doc_ids))
        .order_by(DocumentLabel.id)
    )
    if annotators is not None:
        q = q.where(Annotator.name.in_(annotators))
    return [tuple(row) for row in session.execute(q)]  # type: ignore[misc]


def document_labels(db: Database, document_id: int, annotators: list[str] | None = None) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [(a, lay, lab) for _, a, lay, lab in _doc_labels(session, [document_id], annotators)]


def shown_name(names: dict[str, str] | None, language: str, key: str) -> str:
    """An entity's name in ``language`` where it has one, else its first name, else its key."""
    names = dict(names or {})
    return names.get(language) or next(iter(names.values()), key)


def _links(session: Session, languages: dict[int, str]) -> dict[int, tuple[int, LinkedEntity]]:
    """(document id, linked entity) of every linked span of the documents ``languages`` names."""
    out: dict[int, tuple[int, LinkedEntity]] = {}
    ids = list(languages)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(EntityLink.span_id, Span.document_id, Entity.key, Entity.names)
            .join(Entity, Entity.id == EntityLink.entity_id)
            .join(Span, Span.id == EntityLink.span_id)
            .where(Span.document_id.in_(ids[start : start + 500]))
        )
        for span_id, doc_id, key, names in rows:
            out[span_id] = (doc_id, LinkedEntity(key, shown_name(names, languages[doc_id], key)))
    return out


def span_links(db: Database, document_id: int) -> dict[int, LinkedEntity]:
    """The entity each linked span of a document (anyone's, the gold layer's too) names, by span id."""
    with db.read() as session:
        language = session.scalar(select(Document.language).where(Document.id == document_id))
        if language is None:
            return {}
        return {span_id: linked for span_id, (_, linked) in _links(session, {document_id: language}).items()}


def iter_bundles(
    db: Database,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    batch: int = 500,
    *,
    with_links: bool = False,
) -> Iterator[DocumentBundle]:
    """Documents in id order with their annotations, ``batch`` documents per query round (for exports);
    ``with_links``: with the entity links of their spans too (one more query per round)."""
    last = 0
    while True:
        with db.read() as session:
            q = select(*_DOCUMENT_COLUMNS).where(Document.id > last).order_by(Document.id).limit(batch)
            if document_ids is not None:
                q = q.where(Document.id.in_(document_ids))
            docs = [DocumentRecord(*row) for row in session.execute(q)]
            if not docs:
                return
            ids = [d.id for d in docs]
            bundles = {d.id: DocumentBundle(d) for d in docs}
            for row in session.execute(
                _span_query(annotators)
                .where(Span.document_id.in_(ids))
                .order_by(Span.document_id, Span.start, Span.end, Span.id)
            ):
                bundles[row[1]].spans.append(_span_record(row))
            for rel in _relations(session, ids, annotators):
                bundles[rel.document_id].relations.append(rel)
            for doc_id, a, lay, lab in _doc_labels(session, ids, annotators):
                bundles[doc_id].doc_labels.append((a, lay, lab))
            if with_links:
                for span_id, (doc_id, linked) in _links(session, {d.id: d.language for d in docs}).items():
                    bundles[doc_id].links[span_id] = linked
        yield from bundles.values()
        last = ids[-1]


def document_ids_by_ext(db: Database, ext_ids: list[str]) -> list[int]:
    with db.read() as session:
        return list(session.scalars(select(Document.id).where(Document.ext_id.in_(ext_ids))))


def has_documents(db: Database) -> bool:
    """Whether the database holds any document (one row read, not a count of 100,000)."""
    with db.read() as session:
        return session.scalar(select(Document.id).limit(1)) is not None


def count_documents(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(Document.id))) or 0


def statuses(db: Database, annotator: str) -> dict[int, str]:
    with db.read() as session:
        rows = session.execute(
            select(DocumentStatus.document_id, DocumentStatus.status)
            .join(Annotator, Annotator.id == DocumentStatus.annotator_id)
            .where(Annotator.name == annotator)
        )
        return {doc_id: status for doc_id, status in rows}


def stats(db: Database) -> dict[str, Any]:
    """Documents by language; spans by layer, label and annotator; relations and document labels
    (the SQL of :mod:`curator.store.stats`, which ``curator stats`` also runs without SQLAlchemy)."""
    with db.read() as session:
        return counted(lambda sql: session.execute(text(sql)).all())


def annotators_with_work(db: Database) -> list[str]:
    """The annotators who made at least one span, relation or document label, by name (a login that
    only opened documents, or only has a status, has nothing to compare)."""
    made = union(
        select(Span.annotator_id), select(Relation.annotator_id), select(DocumentLabel.annotator_id)
    ).subquery()
    with db.read() as session:
        return list(
            session.scalars(select(Annotator.name).where(Annotator.id.in_(select(made.c[0]))).order_by(Annotator.name))
        )
