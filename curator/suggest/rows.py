"""What suggestions read from the store: spans with their texts, gazetteer names, stored predictions
and rejections. Read-only; one indexed query each (two for spans with their texts)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

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
    db: Database, annotators: Sequence[str], document_ids: Iterable[int] | None = None, *, batch: int = 200
) -> list[TextSpan]:
    """The spans of ``annotators`` (all documents, or ``document_ids``), each with its text.

    The spans are read without text, then the texts of the documents holding them, ``batch`` documents
    at a time, each read once and cut in Python (code points, as the offsets count). Cutting in the
    query (SUBSTR per span) read a long document's whole text again for every span: on PostgreSQL each
    SUBSTR detoasts (decompresses) the text, on SQLite it walks the UTF-8 from the start, so 10,000
    spans on a 1 MB document took 73 s and 8 s."""
    query = (
        select(Span.document_id, Span.label_id, Span.start, Span.end)
        .join(Annotator, Annotator.id == Span.annotator_id)
        .where(Annotator.name.in_(list(annotators)))
    )
    if document_ids is not None:
        query = query.where(Span.document_id.in_(list(document_ids)))
    label_of = _label_names(db)
    found: list[TextSpan] = []
    with db.read() as session:
        places: dict[int, list[tuple[int, int, int]]] = {}
        for doc, label, start, end in session.execute(query):
            places.setdefault(doc, []).append((label, start, end))
        ids = sorted(places)
        for at in range(0, len(ids), batch):
            part = ids[at : at + batch]
            for doc, text in session.execute(select(Document.id, Document.text).where(Document.id.in_(part))):
                text = text or ""
                for label, start, end in places[doc]:
                    found.append(
                        TextSpan(doc, *label_of[label], start, end, text[start:end], text[max(0, start - 2) : start])
                    )
    return found


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


def own_places_between(db: Database, annotator: str, document_id: int, low: int, high: int) -> list[Place]:
    """``annotator``'s spans in the document that overlap ``[low, high)``."""
    label_of = _label_names(db)
    query = (
        select(Span.start, Span.end, Span.label_id)
        .join(Annotator, Annotator.id == Span.annotator_id)
        .where(Span.document_id == document_id, Annotator.name == annotator, Span.start < high, Span.end > low)
    )
    with db.read() as session:
        return [(start, end, *label_of[label]) for start, end, label in session.execute(query)]


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
