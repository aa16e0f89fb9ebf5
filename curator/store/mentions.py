"""Where an entity is named: every span linked to it, across documents and languages, and the claims
whose claimant is one of those spans (issue 19). Read-only; plain records.

One query per list, on the link table's index on ``entity_id``: the span's text is cut from its
document in SQL (``substr`` counts characters on SQLite and PostgreSQL alike, as offsets do here), so
no document's whole text is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from curator.errors import EditRefused
from curator.store.database import Database
from curator.store.models import Annotator, Document, Entity, EntityLink, LabelRow, Relation, RelationTypeRow, Span

# The relation from a claim to who made it (the schema's ``claimant``).
CLAIMANT = "claimant"


@dataclass(frozen=True)
class Mention:
    """A span naming the entity: its document (external id), offsets, text, language, label."""

    document: str
    document_id: int
    span_id: int
    start: int
    end: int
    text: str
    language: str
    annotator: str
    label: str

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "language": self.language,
            "annotator": self.annotator,
            "label": self.label,
            "span": self.span_id,
        }


@dataclass(frozen=True)
class ClaimOf:
    """A claim whose claimant is a mention of the entity: the claim span and that mention's id."""

    document: str
    document_id: int
    span_id: int
    start: int
    end: int
    text: str
    language: str
    annotator: str
    attributes: dict[str, Any]
    claimant_span_id: int

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "language": self.language,
            "annotator": self.annotator,
            "attributes": dict(self.attributes),
            "claim": self.span_id,
            "claimant": self.claimant_span_id,
        }


def _entity_id(db: Database, key: str) -> int:
    with db.read() as session:
        found = session.scalar(select(Entity.id).where(Entity.key == key))
    if found is None:
        raise EditRefused(f"no entity with id {key!r}")
    return found


def _text_of(span: Any) -> Any:
    return func.substr(Document.text, span.start + 1, span.end - span.start)


def mentions(db: Database, key: str) -> list[Mention]:
    """Every span linked to entity ``key``, by document id then offset."""
    entity_id = _entity_id(db, key)
    query = (
        select(
            Document.ext_id,
            Document.id,
            Span.id,
            Span.start,
            Span.end,
            _text_of(Span),
            Document.language,
            Annotator.name,
            LabelRow.key,
        )
        .select_from(EntityLink)
        .join(Span, Span.id == EntityLink.span_id)
        .join(Document, Document.id == Span.document_id)
        .join(Annotator, Annotator.id == Span.annotator_id)
        .join(LabelRow, LabelRow.id == Span.label_id)
        .where(EntityLink.entity_id == entity_id)
        .order_by(Document.ext_id, Span.start, Span.id)
    )
    with db.read() as session:
        return [Mention(*row) for row in session.execute(query)]


def claims_of(db: Database, key: str) -> list[ClaimOf]:
    """The claims whose claimant (a ``claimant`` relation's target) is a span linked to ``key``."""
    entity_id = _entity_id(db, key)
    claim = aliased(Span)
    query = (
        select(
            Document.ext_id,
            Document.id,
            claim.id,
            claim.start,
            claim.end,
            _text_of(claim),
            Document.language,
            Annotator.name,
            claim.attributes,
            Relation.target_id,
        )
        .select_from(EntityLink)
        .join(Relation, Relation.target_id == EntityLink.span_id)
        .join(RelationTypeRow, RelationTypeRow.id == Relation.type_id)
        .join(claim, claim.id == Relation.source_id)
        .join(Document, Document.id == claim.document_id)
        .join(Annotator, Annotator.id == claim.annotator_id)
        .where(EntityLink.entity_id == entity_id, RelationTypeRow.key == CLAIMANT)
        .order_by(Document.ext_id, claim.start, claim.id)
    )
    with db.read() as session:
        return [
            ClaimOf(doc, doc_id, span_id, start, end, text, language, who, dict(attributes or {}), claimant)
            for doc, doc_id, span_id, start, end, text, language, who, attributes, claimant in session.execute(query)
        ]
