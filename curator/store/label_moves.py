"""What a schema change moves (issue 21): the annotations of a label merged away or split off,
planned and written in a few statements, and the inverse applied by an undo.

Spans are rewritten with their version raised (each only where it is still at the version it was
read at); the other tables that name a label (:data:`LABELLED`) move their rows, or lose a row whose
twin under the target label exists (kept whole, so an undo puts it back with its id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from curator.errors import StaleEdit
from curator.schema.editing import SchemaEditRefused
from curator.schema.model import Schema
from curator.schema.relabel import declared_attributes, kept_attributes
from curator.store.database import Database
from curator.store.models import Annotator, Base, Document, Entity, LabelRow, LayerRow, Span, utcnow
from curator.text.folding import fold_text

LabelKey = tuple[str, str]
# Tables besides spans whose rows name a label, with the columns that, with the label, make a row
# unique (a merge deletes a row whose twin under the other label exists; undo puts it back).
LABELLED: dict[str, tuple[str, ...]] = {
    "document_labels": ("document_id", "annotator_id"),
    "suggestions": (),
    "gazetteer_entries": ("gazetteer", "key"),
    "suggestion_rejections": ("annotator_id", "document_id", "start", "end"),
}
SPANS = Base.metadata.tables["spans"]


@dataclass(frozen=True)
class SpanMove:
    """One span a change relabelled or whose attributes it changed; ``version`` is its version after."""

    id: int
    document_id: int
    before_label: LabelKey
    after_label: LabelKey
    before_attributes: dict[str, Any]
    after_attributes: dict[str, Any]
    version: int


@dataclass(frozen=True)
class RowMove:
    """A row of one of :data:`LABELLED`'s tables moved from one label to another."""

    table: str
    id: int
    before_label: LabelKey
    after_label: LabelKey


@dataclass(frozen=True)
class RowRemoved:
    """A row a merge deleted because its twin already had the target label: its columns, and its label."""

    table: str
    row: dict[str, Any]
    label: LabelKey


def spans_matching(db: Database, layer: str, label: str, wanted: str) -> list[int]:
    """Ids of the spans of ``label`` whose text is ``wanted``, compared as corpus search folds them
    (case, accents, Arabic letter forms): the spans ``split-label --text`` moves."""
    key = fold_text(wanted).strip()
    label_id = db.ids.labels.get((layer, label))
    if label_id is None or not key:
        return []
    found: list[int] = []
    with db.read() as session:
        rows = session.execute(
            select(Span.id, Span.start, Span.end, Document.text)
            .join(Document, Document.id == Span.document_id)
            .where(Span.label_id == label_id)
            .order_by(Span.id)
        )
        for span_id, start, end, doc_text in rows:
            if fold_text(doc_text[start:end]).strip() == key:
                found.append(span_id)
    return found


@dataclass(frozen=True)
class LabelledSpan:
    """A span of one label as the split dialog lists it."""

    id: int
    document_id: int
    title: str
    annotator: str
    text: str


def spans_of_label(db: Database, layer: str, label: str, limit: int = 5000) -> list[LabelledSpan]:
    """The spans of ``label`` (every annotator's), in document and text order, at most ``limit``."""
    label_id = db.ids.labels.get((layer, label))
    if label_id is None:
        return []
    with db.read() as session:
        rows = session.execute(
            select(Span.id, Span.document_id, Document.title, Annotator.name, Span.start, Span.end, Document.text)
            .join(Document, Document.id == Span.document_id)
            .join(Annotator, Annotator.id == Span.annotator_id)
            .where(Span.label_id == label_id)
            .order_by(Span.document_id, Span.start, Span.id)
            .limit(limit)
        )
        return [LabelledSpan(i, d, title, who, text[start:end]) for i, d, title, who, start, end, text in rows]


def merge_moves(
    session: Session, after: Schema, layer: str, source: str, target: str
) -> tuple[list[SpanMove], list[RowMove], list[RowRemoved], list[Any]]:
    ids = label_ids(session)
    keys = {value: key for key, value in ids.items()}
    from_id, to_id = ids[(layer, source)], ids[(layer, target)]
    declared = declared_attributes(after, layer, target)
    # attributes of other labels whose values are labels of this layer (a claim's area)
    naming = {
        (lay.id, lab.id): [attr.id for attr in lab.attributes if attr.type == "label" and attr.layer == layer]
        for lay in after.layers
        for lab in lay.labels
    }
    naming = {key: attrs for key, attrs in naming.items() if attrs}
    candidates = [from_id, *(ids[key] for key in naming if key in ids)]
    span_moves: list[SpanMove] = []
    rows = session.execute(
        select(Span.id, Span.document_id, Span.label_id, Span.attributes, Span.version).where(
            Span.label_id.in_(candidates)
        )
    ).all()
    for span_id, document_id, label_id, attributes, version in rows:
        old_key = keys[label_id]
        attributes = dict(attributes or {})
        if label_id == from_id:
            new_key, new_attributes = (layer, target), kept_attributes(attributes, declared)
        else:
            new_key = old_key
            new_attributes = {k: (target if k in naming[old_key] and v == source else v) for k, v in attributes.items()}
        if new_key == old_key and new_attributes == attributes:
            continue
        span_moves.append(SpanMove(span_id, document_id, old_key, new_key, attributes, new_attributes, version + 1))
    write_span_moves(session, span_moves, ids)
    row_moves: list[RowMove] = []
    removed: list[RowRemoved] = []
    for table_name, unique in LABELLED.items():
        table = Base.metadata.tables[table_name]
        for row in session.execute(select(table).where(table.c.label_id == from_id)).mappings().all():
            twin = None
            if unique:
                twin = session.execute(
                    select(table.c.id).where(table.c.label_id == to_id, *(table.c[col] == row[col] for col in unique))
                ).first()
            if twin is not None:
                session.execute(delete(table).where(table.c.id == row["id"]))
                kept = {k: v for k, v in row.items() if k != "label_id"}
                removed.append(RowRemoved(table_name, kept, (layer, source)))
            else:
                session.execute(update(table).where(table.c.id == row["id"]).values(label_id=to_id))
                row_moves.append(RowMove(table_name, row["id"], (layer, source), (layer, target)))
    entities: list[Any] = []
    if layer == "entity":
        for entity_id in session.scalars(select(Entity.id).where(Entity.type == source)):
            session.execute(update(Entity).where(Entity.id == entity_id).values(type=target))
            entities.append((entity_id, source, target))
    return span_moves, row_moves, removed, entities


def split_moves(
    session: Session, layer: str, label: str, new_label: str, span_ids: list[int]
) -> tuple[list[SpanMove], list[RowMove], list[RowRemoved], list[Any]]:
    ids = label_ids(session)
    from_id = ids[(layer, label)]
    wanted = sorted(set(span_ids))
    rows = {
        row[0]: row
        for row in session.execute(
            select(Span.id, Span.document_id, Span.label_id, Span.attributes, Span.version).where(Span.id.in_(wanted))
        )
    }
    for span_id in wanted:
        if span_id not in rows:
            raise SchemaEditRefused(f"there is no span {span_id}")
        if rows[span_id][2] != from_id:
            raise SchemaEditRefused(f"span {span_id} is not a {layer}-{label} span")
    moves = [
        SpanMove(
            span_id,
            rows[span_id][1],
            (layer, label),
            (layer, new_label),
            dict(rows[span_id][3] or {}),
            dict(rows[span_id][3] or {}),
            rows[span_id][4] + 1,
        )
        for span_id in wanted
    ]
    write_span_moves(session, moves, ids)
    return moves, [], [], []


def write_span_moves(session: Session, moves: list[SpanMove], ids: dict[LabelKey, int]) -> None:
    """Apply ``moves`` in one statement (executemany), each only where the span is still at the version
    it was read at (``version - 1``); then check that every one applied, else :class:`StaleEdit`
    (the transaction, and so the whole change, is rolled back)."""
    if not moves:
        return
    statement = (
        update(SPANS)
        .where(SPANS.c.id == bindparam("b_id"), SPANS.c.version == bindparam("b_old"))
        .values(
            label_id=bindparam("b_label"),
            attributes=bindparam("b_attributes"),
            version=bindparam("b_new"),
            updated_at=utcnow(),
        )
    )
    session.connection().execute(
        statement,
        [
            {
                "b_id": m.id,
                "b_old": m.version - 1,
                "b_label": ids[m.after_label],
                "b_attributes": m.after_attributes,
                "b_new": m.version,
            }
            for m in moves
        ],
    )
    expected = {m.id: (m.version, ids[m.after_label]) for m in moves}
    found = 0
    ordered = sorted(expected)
    for start in range(0, len(ordered), 900):  # under SQLite's bound-parameter limit
        chunk = ordered[start : start + 900]
        for span_id, version, label_id in session.execute(
            select(Span.id, Span.version, Span.label_id).where(Span.id.in_(chunk))
        ):
            found += 1
            if expected[span_id] != (version, label_id):
                raise StaleEdit(f"span {span_id} was changed meanwhile; try again", None)
    if found != len(expected):
        raise StaleEdit("a span this change moves was deleted meanwhile; try again", None)


def label_ids(session: Session) -> dict[LabelKey, int]:
    layers = {row[0]: row[1] for row in session.execute(select(LayerRow.id, LayerRow.key))}
    return {
        (layers[row[1]], row[2]): row[0]
        for row in session.execute(select(LabelRow.id, LabelRow.layer_id, LabelRow.key))
    }
