"""What a curator does with a suggestion. Accepting is an ordinary span edit (undoable, in the history,
seen live by colleagues); rejecting is remembered for that annotator, so the suggestion never comes
back to them, and is undone by :func:`unreject`. Each call is one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from curator.errors import EditRefused
from curator.store import history
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import Base, SuggestionRejection, reserved_annotator
from curator.store.queries import SpanRecord
from curator.suggest.model import Suggestion

REJECTIONS = Base.metadata.tables["suggestion_rejections"]


@dataclass(frozen=True)
class Rejection:
    """What :func:`reject` stored: enough to take it back."""

    annotator: str
    suggestion: Suggestion


def accept(editor: Editor, suggestion: Suggestion, layer: str | None = None, label: str | None = None) -> SpanRecord:
    """The suggestion as the editor's span; with ``layer``/``label``, under that label instead (a
    relabelling accept)."""
    return editor.add_span(
        suggestion.document_id, layer or suggestion.layer, label or suggestion.label, suggestion.start, suggestion.end
    )


def accept_all(editor: Editor, suggestions: list[Suggestion]) -> list[SpanRecord]:
    """Several suggestions of one document as the editor's spans, all in one transaction (or none)."""
    if not suggestions:
        return []
    documents = {s.document_id for s in suggestions}
    if len(documents) != 1:
        raise ValueError("accept_all takes the suggestions of one document")
    return editor.add_spans(documents.pop(), [(s.layer, s.label, s.start, s.end) for s in suggestions])


def above(suggestions: list[Suggestion], layer: str, label: str, min_score: float) -> list[Suggestion]:
    """What "accept all of this label above a score" would accept: the best suggestion of each place
    when it is of ``label`` and scores at least ``min_score`` (a place whose best label is another is
    left to the curator)."""
    best: dict[tuple[int, int], Suggestion] = {}
    for s in suggestions:
        kept = best.get((s.start, s.end))
        if kept is None or (s.score or 0.0) > (kept.score or 0.0):
            best[(s.start, s.end)] = s
    return [
        s
        for s in best.values()
        if s.layer == layer and s.label == label and s.score is not None and s.score >= min_score
    ]


def reject(db: Database, annotator: str, suggestion: Suggestion) -> Rejection:
    """Remember that ``annotator`` does not want this label on this stretch (whoever offers it)."""
    if reserved_annotator(annotator):
        raise EditRefused(f"“{annotator}” names the gold layer; reject suggestions under your own name")
    label_id = db.ids.labels[(suggestion.layer, suggestion.label)]
    with db.write() as session:
        who = db.annotator_id(session, annotator)
        exists = session.scalar(
            select(REJECTIONS.c.id).where(
                REJECTIONS.c.annotator_id == who,
                REJECTIONS.c.document_id == suggestion.document_id,
                REJECTIONS.c.label_id == label_id,
                REJECTIONS.c.start == suggestion.start,
                REJECTIONS.c.end == suggestion.end,
            )
        )
        if exists is None:
            session.execute(
                insert(REJECTIONS).values(
                    annotator_id=who,
                    document_id=suggestion.document_id,
                    label_id=label_id,
                    start=suggestion.start,
                    end=suggestion.end,
                )
            )
            history.record(
                session, annotator, "reject", "suggestion", None, suggestion.document_id, None, _plain(suggestion)
            )
    return Rejection(annotator, suggestion)


def unreject(db: Database, rejection: Rejection) -> None:
    """Take a rejection back (undo): the suggestion is offered again."""
    s = rejection.suggestion
    label_id = db.ids.labels[(s.layer, s.label)]
    with db.write() as session:
        who = db.annotator_id(session, rejection.annotator)
        gone = session.execute(
            delete(SuggestionRejection).where(
                SuggestionRejection.annotator_id == who,
                SuggestionRejection.document_id == s.document_id,
                SuggestionRejection.label_id == label_id,
                SuggestionRejection.start == s.start,
                SuggestionRejection.end == s.end,
            )
        )
        if gone.rowcount:  # type: ignore[attr-defined]
            history.record(session, rejection.annotator, "unreject", "suggestion", None, s.document_id, _plain(s), None)


def _plain(s: Suggestion) -> dict[str, object]:
    return {
        "start": s.start,
        "end": s.end,
        "layer": s.layer,
        "label": s.label,
        "score": s.score,
        "source": s.source,
        "text": s.text,
    }
