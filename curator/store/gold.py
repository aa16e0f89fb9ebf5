"""Writes to the gold layer, inside the caller's transaction.

The gold layer is the work of the annotator :data:`~curator.store.models.GOLD_ANNOTATOR`. A
:class:`GoldWriter` changes its rows in one session and says what each write did, as records (the
row before and after), so the caller can report the change and undo it op by op. History rows go
through :mod:`curator.store.history` under ``who``, the reviewer: the history says who decided.
Nothing is committed here; the caller's transaction commits or rolls back every write together.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from curator.errors import EditRefused
from curator.schema.checks import check_label, check_relation, check_span
from curator.store import history
from curator.store.database import Database
from curator.store.models import (
    GOLD_ANNOTATOR,
    Annotator,
    Document,
    DocumentLabel,
    Entity,
    EntityLink,
    Relation,
    Span,
    utcnow,
)
from curator.store.queries import RelationRecord, SpanRecord


class GoldWriter:
    """The gold layer of ``db`` as ``who`` writes it in ``session``."""

    def __init__(self, db: Database, session: Session, who: str) -> None:
        self.db = db
        self.session = session
        self.who = who
        self.gold_id = db.annotator_id(session, GOLD_ANNOTATOR)
        self.label_keys = {v: k for k, v in db.ids.labels.items()}
        self.relation_keys = {v: k for k, v in db.ids.relation_types.items()}

    # -- reads in the same transaction -------------------------------------------------------------

    def spans(self, document_id: int, layer: str | None = None) -> list[Span]:
        """The document's gold spans (of ``layer`` when given), in id order."""
        rows = self.session.scalars(
            select(Span).where(Span.document_id == document_id, Span.annotator_id == self.gold_id).order_by(Span.id)
        )
        return [s for s in rows if layer is None or self.layer_of(s) == layer]

    def overlapping(self, document_id: int, layer: str, start: int, end: int) -> list[Span]:
        """The gold spans of ``layer`` that overlap ``start``-``end``."""
        return [s for s in self.spans(document_id, layer) if s.start < end and s.end > start]

    def at(self, document_id: int, layer: str, start: int, end: int) -> Span | None:
        """The gold span of ``layer`` at exactly ``start``-``end``, if there is one."""
        return next((s for s in self.spans(document_id, layer) if (s.start, s.end) == (start, end)), None)

    def layer_of(self, span: Span) -> str:
        return self.label_keys[span.label_id][0]

    def record(self, span: Span) -> SpanRecord:
        layer, label = self.label_keys[span.label_id]
        return SpanRecord(
            span.id,
            span.document_id,
            self.name(span.annotator_id),
            layer,
            label,
            span.start,
            span.end,
            dict(span.attributes),
            span.note or "",
            span.version,
        )

    def relation_record(self, rel: Relation) -> RelationRecord:
        return RelationRecord(
            rel.id,
            rel.document_id,
            self.name(rel.annotator_id),
            self.relation_keys[rel.type_id],
            rel.source_id,
            rel.target_id,
        )

    def name(self, annotator_id: int) -> str:
        if annotator_id == self.gold_id:
            return GOLD_ANNOTATOR
        return self.session.scalar(select(Annotator.name).where(Annotator.id == annotator_id)) or ""

    def text(self, document_id: int) -> str:
        text = self.session.scalar(select(Document.text).where(Document.id == document_id))
        if text is None:
            raise EditRefused(f"document {document_id} does not exist (deleted by a colleague?)")
        return text

    def relations_of(self, span_ids: list[int]) -> list[Relation]:
        """The gold relations from or to any of ``span_ids``, in id order."""
        if not span_ids:
            return []
        return list(
            self.session.scalars(
                select(Relation)
                .where(
                    Relation.annotator_id == self.gold_id,
                    or_(Relation.source_id.in_(span_ids), Relation.target_id.in_(span_ids)),
                )
                .order_by(Relation.id)
            )
        )

    # -- spans ------------------------------------------------------------------------------------

    def put_span(
        self, document_id: int, layer: str, label: str, start: int, end: int, attributes: dict[str, Any]
    ) -> tuple[SpanRecord | None, SpanRecord]:
        """Create a gold span, or give the gold span of ``layer`` already at ``start``-``end`` this
        label and these attributes. Return (the span before, None if new; the span after)."""
        self._check(check_span(self.db.schema, self.text(document_id), layer, label, start, end, attributes))
        label_id = self.db.ids.labels[(layer, label)]
        gold = self.at(document_id, layer, start, end)
        if gold is not None:
            before = self.record(gold)
            if gold.label_id != label_id or gold.attributes != attributes:
                gold.label_id, gold.attributes, gold.updated_at = label_id, dict(attributes), utcnow()
                self.session.flush()
            return before, self.record(gold)
        span = Span(
            document_id=document_id,
            annotator_id=self.gold_id,
            label_id=label_id,
            start=start,
            end=end,
            attributes=dict(attributes),
            note="",
        )
        self.session.add(span)
        self.session.flush()
        return None, self.record(span)

    def update_span(
        self, gold: Span, label: str, start: int, end: int, attributes: dict[str, Any], note: str | None = None
    ) -> tuple[SpanRecord, SpanRecord]:
        """Give a gold span these values (checked against the schema); return it before and after."""
        before = self.record(gold)
        text = self.text(gold.document_id)
        self._check(check_span(self.db.schema, text, before.layer, label, start, end, attributes))
        gold.label_id = self.db.ids.labels[(before.layer, label)]
        gold.start, gold.end, gold.attributes, gold.updated_at = start, end, dict(attributes), utcnow()
        if note is not None:
            gold.note = note
        self.session.flush()
        return before, self.record(gold)

    def delete_span(self, gold: Span, action: str) -> tuple[SpanRecord, list[RelationRecord]]:
        """Take a gold span out with its relations (logged as ``action``); return what went."""
        record = self.record(gold)
        rows = self.relations_of([gold.id])
        relations = [self.relation_record(r) for r in rows]
        for rel in rows:
            self.session.delete(rel)
        self.session.delete(gold)
        self.session.flush()
        self.log(action, "gold_span", record.id, record.document_id, asdict(record), None)
        return record, relations

    def restore_span(self, record: SpanRecord) -> SpanRecord:
        """Put a gold span back under its own id (undo of a removal, redo of an addition)."""
        self._check(
            check_span(
                self.db.schema,
                self.text(record.document_id),
                record.layer,
                record.label,
                record.start,
                record.end,
                record.attributes,
            )
        )
        span = Span(
            id=record.id,
            document_id=record.document_id,
            annotator_id=self.gold_id,
            label_id=self.db.ids.labels[(record.layer, record.label)],
            start=record.start,
            end=record.end,
            attributes=dict(record.attributes),
            note=record.note,
        )
        self.session.add(span)
        self.session.flush()
        return self.record(span)

    # -- relations --------------------------------------------------------------------------------

    def add_relation(self, rel_type: str, source: Span, target: Span) -> RelationRecord:
        """A gold relation of ``rel_type`` from ``source`` to ``target`` (both gold spans), checked."""
        self._check(
            check_relation(self.db.schema, rel_type, self.label_keys[source.label_id], self.label_keys[target.label_id])
        )
        rel = Relation(
            document_id=source.document_id,
            annotator_id=self.gold_id,
            type_id=self.db.ids.relation_types[rel_type],
            source_id=source.id,
            target_id=target.id,
        )
        self.session.add(rel)
        self.session.flush()
        return self.relation_record(rel)

    def find_relation(self, rel_type: str, source_id: int, target_id: int) -> Relation | None:
        return self.session.scalars(
            select(Relation).where(
                Relation.source_id == source_id,
                Relation.target_id == target_id,
                Relation.type_id == self.db.ids.relation_types[rel_type],
            )
        ).first()

    def relations_from(self, source_id: int, rel_type: str) -> list[Relation]:
        return list(
            self.session.scalars(
                select(Relation)
                .where(Relation.source_id == source_id, Relation.type_id == self.db.ids.relation_types[rel_type])
                .order_by(Relation.id)
            )
        )

    def delete_relation(self, rel: Relation, action: str) -> RelationRecord:
        record = self.relation_record(rel)
        self.session.delete(rel)
        self.session.flush()
        self.log(action, "gold_relation", record.id, record.document_id, {"target": record.target_id}, None)
        return record

    def restore_relation(self, record: RelationRecord) -> RelationRecord:
        rel = Relation(
            id=record.id,
            document_id=record.document_id,
            annotator_id=self.gold_id,
            type_id=self.db.ids.relation_types[record.type],
            source_id=record.source_id,
            target_id=record.target_id,
        )
        self.session.add(rel)
        self.session.flush()
        return self.relation_record(rel)

    # -- entity links -----------------------------------------------------------------------------

    def link_of(self, span_id: int) -> str | None:
        """The key of the entity span ``span_id`` links to (anyone's span), or None."""
        return self.links_of([span_id]).get(span_id)

    def links_of(self, span_ids: list[int]) -> dict[int, str]:
        """The entity key each linked span of ``span_ids`` names."""
        found: dict[int, str] = {}
        for start in range(0, len(span_ids), 500):
            rows = self.session.execute(
                select(EntityLink.span_id, Entity.key)
                .join(Entity, Entity.id == EntityLink.entity_id)
                .where(EntityLink.span_id.in_(span_ids[start : start + 500]))
            )
            found.update((span_id, key) for span_id, key in rows)
        return found

    def entity_ids(self, keys: set[str]) -> dict[str, int]:
        """The row ids of the entities named by ``keys``; an unknown key is refused."""
        wanted = sorted(keys)
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.session.execute(select(Entity.key, Entity.id).where(Entity.key.in_(chunk)))
            found.update((key, entity_id) for key, entity_id in rows)
        missing = [k for k in wanted if k not in found]
        if missing:
            raise EditRefused(f"no entity with id {missing[0]!r} (deleted by a colleague?)")
        return found

    def set_link(self, span_id: int, key: str | None, action: str) -> tuple[str | None, str | None]:
        """Link the gold span ``span_id`` to the entity ``key`` (None: unlink it), with its history row
        (logged as ``action``, kind ``entity_link`` as the registry's own links); return the link
        before and after. A span of another layer than the entity layer is refused."""
        from curator.store.entities import ENTITY_LAYER

        span = self.session.get(Span, span_id)
        if span is None or span.annotator_id != self.gold_id:
            raise EditRefused("only a span of the gold layer is linked here (removed meanwhile?)")
        before = self.link_of(span_id)
        if before == key:
            return before, key
        layer = self.layer_of(span)
        if key is not None and layer != ENTITY_LAYER:
            raise EditRefused(f"only annotations of the {ENTITY_LAYER} layer link to entities, not of {layer}")
        if before is not None:
            self.session.execute(delete(EntityLink).where(EntityLink.span_id == span_id))
        if key is not None:
            entity_id = self.entity_ids({key})[key]
            self.session.execute(
                insert(EntityLink).values(span_id=span_id, entity_id=entity_id, linked_by=self.who, linked_at=utcnow())
            )
        self.log(
            action,
            "entity_link",
            span_id,
            span.document_id,
            None if before is None else {"entity": before},
            None if key is None else {"entity": key},
        )
        return before, key

    def set_links(self, links: list[tuple[int, int, str | None]], action: str) -> None:
        """Give many gold spans their links at once, ``(span id, document id, entity key or None)``,
        with their history rows (what an undo or a redo of a bulk decision puts back): a few
        statements, not a few per link. The spans are gold spans of the entity layer the change being
        applied wrote; their links as they are now are replaced."""
        if not links:
            return
        ids = [span_id for span_id, _, _ in links]
        before = self.links_of(ids)
        entity_ids = self.entity_ids({key for _, _, key in links if key is not None})
        for start in range(0, len(ids), 500):
            self.session.execute(delete(EntityLink).where(EntityLink.span_id.in_(ids[start : start + 500])))
        now = utcnow()
        rows = [
            {"span_id": span_id, "entity_id": entity_ids[key], "linked_by": self.who, "linked_at": now}
            for span_id, _, key in links
            if key is not None
        ]
        if rows:
            self.session.execute(insert(EntityLink), rows)
        history.record_many(
            self.session,
            self.who,
            [
                {
                    "action": action,
                    "kind": "entity_link",
                    "object_id": span_id,
                    "document_id": document_id,
                    "before": None if before.get(span_id) is None else {"entity": before[span_id]},
                    "after": None if key is None else {"entity": key},
                }
                for span_id, document_id, key in links
                if before.get(span_id) != key
            ],
        )

    # -- document labels --------------------------------------------------------------------------

    def labels(self, document_id: int) -> set[tuple[str, str]]:
        rows = self.session.scalars(
            select(DocumentLabel.label_id).where(
                DocumentLabel.document_id == document_id, DocumentLabel.annotator_id == self.gold_id
            )
        )
        return {self.label_keys[label_id] for label_id in rows}

    def set_label(self, document_id: int, layer: str, label: str, present: bool) -> bool:
        """Set or clear a document label of the gold layer; return whether that changed anything."""
        found = check_label(self.db.schema, layer, label, "document")
        if isinstance(found, str):
            raise EditRefused(found)
        label_id = self.db.ids.labels[(layer, label)]
        row = self.session.scalars(
            select(DocumentLabel).where(
                DocumentLabel.document_id == document_id,
                DocumentLabel.annotator_id == self.gold_id,
                DocumentLabel.label_id == label_id,
            )
        ).first()
        if present == (row is not None):
            return False
        if present:
            self.session.add(DocumentLabel(document_id=document_id, annotator_id=self.gold_id, label_id=label_id))
        else:
            self.session.delete(row)
        self.session.flush()
        return True

    # -- history ----------------------------------------------------------------------------------

    def log(
        self,
        action: str,
        kind: str,
        object_id: int | None,
        document_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        history.record(self.session, self.who, action, kind, object_id, document_id, before, after)

    @staticmethod
    def _check(problems: list[str]) -> None:
        if problems:
            raise EditRefused("; ".join(problems))
