"""The selected documents as raw rows, batch by batch, for exports that write a million spans.

Rows carry integer ids and the stored JSON text of attributes and metadata; :class:`Names` turns the
ids into names once per export. Building a record object per span costs more than SQLite's whole
query at that size (``queries.iter_bundles`` is the record-building path for everything else).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.engine import Connection

from curator.store.database import Database
from curator.store.models import (
    Annotator,
    Document,
    DocumentLabel,
    Entity,
    EntityLink,
    LabelRow,
    LayerRow,
    Relation,
    RelationTypeRow,
    Span,
)

# (id, ext_id, title, language, text, meta)
DocumentRow = tuple[int, str, str, str, str, Any]
# (document_id, id, annotator_id, label_id, start, end, attributes, note)
SpanRow = tuple[int, int, int, int, int, int, Any, str]
# (document_id, annotator_id, type_id, source_id, target_id)
RelationRow = tuple[int, int, int, int, int]
# (document_id, annotator_id, label_id)
DocLabelRow = tuple[int, int, int]


def stored_json(raw: Any) -> Any:
    """A JSON column's value as Python: SQLite gives the text, psycopg the decoded value."""
    if raw is None or isinstance(raw, dict | list):
        return raw
    return None if raw in ("{}", "null") else json.loads(raw)


@dataclass(frozen=True)
class Names:
    """Names of every annotator, label (layer key, label key) and relation type in the database."""

    annotators: dict[int, str]
    labels: dict[int, tuple[str, str]]
    relation_types: dict[int, str]


@dataclass
class RowBatch:
    """Documents in id order, with their annotations by document id (spans in text order, relations
    and document labels in the order they were made)."""

    documents: list[DocumentRow]
    spans: dict[int, list[SpanRow]] = field(default_factory=dict)
    relations: dict[int, list[RelationRow]] = field(default_factory=dict)
    doc_labels: dict[int, list[DocLabelRow]] = field(default_factory=dict)
    # The registry entity (its key) of each linked span of the batch, by span id.
    entities: dict[int, str] = field(default_factory=dict)


def names(db: Database) -> Names:
    with db.read() as session:
        conn = session.connection()
        annotators = dict(conn.execute(select(Annotator.id, Annotator.name)).all())
        labels = {
            label_id: (layer, label)
            for label_id, layer, label in conn.execute(
                select(LabelRow.id, LayerRow.key, LabelRow.key).join(LayerRow, LayerRow.id == LabelRow.layer_id)
            )
        }
        types = dict(conn.execute(select(RelationTypeRow.id, RelationTypeRow.key)).all())
    return Names(annotators, labels, types)


def row_batches(
    db: Database,
    *,
    annotator_ids: list[int] | None = None,
    label_ids: list[int] | None = None,
    document_ids: list[int] | None = None,
    batch: int = 500,
) -> Iterator[RowBatch]:
    """The documents (all, or ``document_ids``) with the annotations by ``annotator_ids`` and of
    ``label_ids`` (all when None), ``batch`` documents per round of queries in one short read each.

    Relations are those of the chosen annotators; the caller keeps those whose two ends it keeps.
    """
    last = 0
    while True:
        with db.read() as session:
            conn = session.connection()
            q = select(
                Document.id,
                Document.ext_id,
                Document.title,
                Document.language,
                Document.text,
                type_coerce(Document.meta, Text),
            )
            q = q.where(Document.id > last).order_by(Document.id).limit(batch)
            if document_ids is not None:
                q = q.where(Document.id.in_(document_ids))
            documents: list[DocumentRow] = conn.execute(q).all()  # type: ignore[assignment]
            if not documents:
                return
            ids = [d[0] for d in documents]
            out = RowBatch(documents)
            # Every document between the first and the last of the batch is in it unless a list
            # chooses them: a range then finds their annotations, without 500 bound values to expand.
            within = _Within(ids, document_ids is None)
            _spans(conn, out, within, annotator_ids, label_ids)
            _relations(conn, out, within, annotator_ids)
            _doc_labels(conn, out, within, annotator_ids, label_ids)
            _entity_links(conn, out, within)
        yield out
        last = ids[-1]


_TEXT_ORDER = itemgetter(4, 5, 1)  # start, end, id
_DOCUMENT = itemgetter(0)


@dataclass(frozen=True)
class _Within:
    """The documents of a batch: ``ids``, in order, all those between the first and last if ``whole``."""

    ids: list[int]
    whole: bool

    def of(self, column: Any) -> Any:
        """The condition that ``column`` (a document id) is one of the batch's."""
        if self.whole:
            return column.between(self.ids[0], self.ids[-1])
        return column.in_(self.ids)


def _spans(
    conn: Connection, out: RowBatch, within: _Within, annotator_ids: list[int] | None, label_ids: list[int] | None
) -> None:
    q = select(
        Span.document_id,
        Span.id,
        Span.annotator_id,
        Span.label_id,
        Span.start,
        Span.end,
        type_coerce(Span.attributes, Text),
        Span.note,
    ).where(within.of(Span.document_id))
    if annotator_ids is not None:
        q = q.where(Span.annotator_id.in_(annotator_ids))
    if label_ids is not None:
        q = q.where(Span.label_id.in_(label_ids))
    # In document order, which the index on (document, annotator, start) gives without a sort; the
    # text order is sorted here, document by document: SQLite's sort of a batch costs a third of its
    # query.
    rows = conn.execute(q.order_by(Span.document_id)).all()
    out.spans = {doc_id: sorted(group, key=_TEXT_ORDER) for doc_id, group in groupby(rows, _DOCUMENT)}


def _relations(conn: Connection, out: RowBatch, within: _Within, annotator_ids: list[int] | None) -> None:
    q = select(
        Relation.document_id, Relation.annotator_id, Relation.type_id, Relation.source_id, Relation.target_id
    ).where(within.of(Relation.document_id))
    if annotator_ids is not None:
        q = q.where(Relation.annotator_id.in_(annotator_ids))
    for row in conn.execute(q.order_by(Relation.id)).all():
        out.relations.setdefault(row[0], []).append(row)


def _doc_labels(
    conn: Connection, out: RowBatch, within: _Within, annotator_ids: list[int] | None, label_ids: list[int] | None
) -> None:
    q = select(DocumentLabel.document_id, DocumentLabel.annotator_id, DocumentLabel.label_id).where(
        within.of(DocumentLabel.document_id)
    )
    if annotator_ids is not None:
        q = q.where(DocumentLabel.annotator_id.in_(annotator_ids))
    if label_ids is not None:
        q = q.where(DocumentLabel.label_id.in_(label_ids))
    for row in conn.execute(q.order_by(DocumentLabel.id)).all():
        out.doc_labels.setdefault(row[0], []).append(row)


def _entity_links(conn: Connection, out: RowBatch, within: _Within) -> None:
    q = (
        select(EntityLink.span_id, Entity.key)
        .join(Entity, Entity.id == EntityLink.entity_id)
        .join(Span, Span.id == EntityLink.span_id)
        .where(within.of(Span.document_id))
    )
    out.entities = {span_id: key for span_id, key in conn.execute(q)}
