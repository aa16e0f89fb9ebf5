"""Suggested entity links (issue 19): for a span of the entity layer that names no entity yet, the
registry's best candidate for its text, of the span's type, when it scores at least
:data:`SUGGESTED_LINK_MIN_SCORE` and clearly better than the next one (by
:data:`SUGGESTED_LINK_MARGIN`: a bare "Khaled" fits Khaled Khiari and Khaled Abdallah alike, and is
offered neither). Qt-free.

A suggested link is computed, never stored: it is in no export, no agreement figure and no
difference until the annotator accepts it, which is an ordinary link edit
(:meth:`curator.store.entities.Registry.link`, undoable, in the history). The window shows the one
for the annotation at hand; ``curator entities suggest`` lists them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curator.store.database import Database
from curator.store.entities import ENTITY_LAYER, Registry
from curator.store.models import GOLD_ANNOTATOR
from curator.store.queries import iter_bundles, shown_name

# A candidate is offered as a link from this score on (0-1; the ranking's 0-100 divided by 100). At
# 0.85 a mention that is an entity's name or alias up to folding, a title or the other script
# (خياري, "M. Khiari" for Khaled Khiari) is offered; a name that merely shares a word is not.
SUGGESTED_LINK_MIN_SCORE = 0.85
# ... and only when the runner-up (of the same type) scores at least this much less.
SUGGESTED_LINK_MARGIN = 0.05


@dataclass(frozen=True)
class LinkCandidate:
    """The best entity for a mention: its key, the name it is shown by, its score (0-1)."""

    key: str
    name: str
    score: float


@dataclass(frozen=True)
class SuggestedLink:
    """A suggested link of one span: where it is, its text, and the entity offered."""

    document_id: int
    document: str  # the document's id as imported
    span_id: int
    annotator: str
    label: str
    start: int
    end: int
    text: str
    entity: str
    name: str
    score: float

    def to_json(self) -> dict[str, Any]:
        """What ``curator entities suggest --json`` prints for it."""
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "annotator": self.annotator,
            "label": self.label,
            "entity": self.entity,
            "name": self.name,
            "score": self.score,
        }


def best_link(
    registry: Registry, text: str, entity_type: str, language: str, min_score: float = SUGGESTED_LINK_MIN_SCORE
) -> LinkCandidate | None:
    """The entity of type ``entity_type`` the mention ``text`` most likely names, if its score reaches
    ``min_score`` and the next candidate's is :data:`SUGGESTED_LINK_MARGIN` lower; its name in
    ``language`` (the document's) where it has one."""
    found = registry.candidates(text, limit=2, types=[entity_type])
    if not found:
        return None
    score = round(found[0].score / 100, 3)
    if score < min_score:
        return None
    if len(found) > 1 and (found[0].score - found[1].score) / 100 < SUGGESTED_LINK_MARGIN:
        return None  # two entities fit about as well: the annotator chooses (K)
    record = registry.get(found[0].key)
    if record is None:  # deleted meanwhile
        return None
    return LinkCandidate(record.key, shown_name(record.names, language, record.key), score)


def suggest_links(
    db: Database,
    registry: Registry,
    annotator: str | None = None,
    document_ids: Sequence[int] | None = None,
    min_score: float = SUGGESTED_LINK_MIN_SCORE,
) -> list[SuggestedLink]:
    """The suggested link of every unlinked entity-layer span of ``annotator`` (everyone's but the gold
    layer's when None) on ``document_ids`` (all when None), in document and text order."""
    if not 0 <= min_score <= 1:
        raise ValueError(f"a score is between 0 and 1, not {min_score}")
    annotators = [annotator] if annotator else None
    wanted = list(document_ids) if document_ids is not None else None
    known: dict[tuple[str, str, str], LinkCandidate | None] = {}
    out: list[SuggestedLink] = []
    for bundle in iter_bundles(db, annotators, wanted, with_links=True):
        doc = bundle.document
        for span in bundle.spans:
            if span.layer != ENTITY_LAYER or span.annotator == GOLD_ANNOTATOR or span.id in bundle.links:
                continue
            text = doc.text[span.start : span.end]
            key = (text, span.label, doc.language)
            if key not in known:
                known[key] = best_link(registry, text, span.label, doc.language, min_score)
            found = known[key]
            if found is not None:
                out.append(
                    SuggestedLink(
                        doc.id,
                        doc.ext_id,
                        span.id,
                        span.annotator,
                        span.label,
                        span.start,
                        span.end,
                        text,
                        found.key,
                        found.name,
                        found.score,
                    )
                )
    return out
