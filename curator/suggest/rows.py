"""What suggestions read from the store: spans with their texts, gazetteer names, stored predictions
and rejections. Read-only; one indexed query each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select

from curator.store.database import Database
from curator.store.models import (
    Annotator,
    Document,
    GazetteerEntry,
    Span,
    StoredSuggestion,
    SuggestionRejection,
)

Place = tuple[int, int, str, str]  # start, end, layer, label
# Where the two characters before a span start (SUBSTR counts from 1).
_before_from = case((Span.start >= 2, Span.start - 1), else_=1)


@dataclass(frozen=True)
class TextSpan:
    """A span of some annotator with the text it covers."""

    document_id: int
    layer: str
    label: str
    start: int
    end: int
    text: str
    before: str = ""  # the two characters before the span (fewer at the start of the text)


def spans_with_text(
    db: Database, annotators: Sequence[str], document_ids: Iterable[int] | None = None
) -> list[TextSpan]:
    """The spans of ``annotators`` (all documents, or ``document_ids``), each with its text. The text is
    cut in the query (SUBSTR counts characters, code points, on SQLite and PostgreSQL alike), so no
    document's whole text is read."""
    query = (
        select(
            Span.document_id,
            Span.label_id,
            Span.start,
            Span.end,
            func.substr(Document.text, Span.start + 1, Span.end - Span.start),
            func.substr(Document.text, _before_from, Span.start + 1 - _before_from),
        )
        .join(Document, Document.id == Span.document_id)
        .join(Annotator, Annotator.id == Span.annotator_id)
        .where(Annotator.name.in_(list(annotators)))
    )
    if document_ids is not None:
        query = query.where(Span.document_id.in_(list(document_ids)))
    label_of = _label_names(db)
    with db.read() as session:
        rows = session.execute(query).all()
    return [
        TextSpan(doc, *label_of[label], start, end, text or "", before or "")
        for doc, label, start, end, text, before in rows
    ]


def own_places(db: Database, annotator: str, document_ids: Sequence[int]) -> dict[int, list[Place]]:
    """Where ``annotator`` has spans in each document, and with which labels."""
    label_of = _label_names(db)
    query = (
        select(Span.document_id, Span.start, Span.end, Span.label_id)
        .join(Annotator, Annotator.id == Span.annotator_id)
        .where(Span.document_id.in_(list(document_ids)), Annotator.name == annotator)
    )
    found: dict[int, list[Place]] = {}
    with db.read() as session:
        for doc, start, end, label in session.execute(query):
            found.setdefault(doc, []).append((start, end, *label_of[label]))
    return found


def gazetteer_entries(db: Database) -> list[tuple[str, str, str, str, float, str]]:
    """Every gazetteer name: ``(key, text, layer, label, score, gazetteer)``."""
    label_of = _label_names(db)
    query = select(
        GazetteerEntry.key, GazetteerEntry.text, GazetteerEntry.label_id, GazetteerEntry.score, GazetteerEntry.gazetteer
    ).order_by(GazetteerEntry.id)
    with db.read() as session:
        return [(key, text, *label_of[label], score, name) for key, text, label, score, name in session.execute(query)]


def predictions(db: Database, document_ids: Sequence[int]) -> dict[int, list[tuple[Place, float | None, str]]]:
    """Models' suggestions on each document: ``(place, score, model name)``."""
    label_of = _label_names(db)
    query = select(
        StoredSuggestion.document_id,
        StoredSuggestion.start,
        StoredSuggestion.end,
        StoredSuggestion.label_id,
        StoredSuggestion.score,
        StoredSuggestion.source,
    ).where(StoredSuggestion.document_id.in_(list(document_ids)))
    found: dict[int, list[tuple[Place, float | None, str]]] = {}
    with db.read() as session:
        for doc, start, end, label, score, source in session.execute(query):
            found.setdefault(doc, []).append(((start, end, *label_of[label]), score, source))
    return found


def rejected_places(db: Database, annotator: str, document_ids: Sequence[int]) -> dict[int, set[Place]]:
    """What ``annotator`` rejected in each document."""
    label_of = _label_names(db)
    query = (
        select(
            SuggestionRejection.document_id,
            SuggestionRejection.start,
            SuggestionRejection.end,
            SuggestionRejection.label_id,
        )
        .join(Annotator, Annotator.id == SuggestionRejection.annotator_id)
        .where(SuggestionRejection.document_id.in_(list(document_ids)), Annotator.name == annotator)
    )
    found: dict[int, set[Place]] = {}
    with db.read() as session:
        for doc, start, end, label in session.execute(query):
            found.setdefault(doc, set()).add((start, end, *label_of[label]))
    return found


def texts(db: Database, document_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """``(id, ext id, text)`` of the documents, in id order."""
    query = (
        select(Document.id, Document.ext_id, Document.text)
        .where(Document.id.in_(list(document_ids)))
        .order_by(Document.id)
    )
    with db.read() as session:
        return [(doc, ext, text) for doc, ext, text in session.execute(query)]


def all_document_ids(db: Database) -> list[int]:
    with db.read() as session:
        return list(session.scalars(select(Document.id).order_by(Document.id)))


def _label_names(db: Database) -> dict[int, tuple[str, str]]:
    return {value: key for key, value in db.ids.labels.items()}
