"""What a suggestion is, whatever offered it."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

LEARNED = "learned"
GAZETTEER_PREFIX = "gazetteer:"
MODEL_PREFIX = "model:"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A label offered on ``[start, end)`` (code points of the stored text) of a document.

    ``score`` is in 0..1, or None for a model that gave none; ``source`` is :data:`LEARNED`,
    ``gazetteer:NAME`` or ``model:NAME``.
    """

    document_id: int
    start: int
    end: int
    layer: str
    label: str
    score: float | None
    source: str
    text: str

    @property
    def place(self) -> tuple[int, int, str, str]:
        """What a rejection remembers and what two sources offering the same thing share."""
        return (self.start, self.end, self.layer, self.label)

    def to_dict(self, document: str) -> dict[str, Any]:
        """The JSON object of ``curator suggest --json``; ``document`` is the document's id as imported."""
        return {
            "document": document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "layer": self.layer,
            "label": self.label,
            "score": None if self.score is None else round(self.score, 4),
            "source": self.source,
        }

    def to_json(self, document: str) -> str:
        """``json.dumps(self.to_dict(document), ensure_ascii=False)``, made without the dict: ``curator
        suggest --json`` writes hundreds of thousands of these."""
        score = self.score
        if score is None:
            given = "null"
        else:
            score = round(score, 4)
            given = repr(score) if math.isfinite(score) else json.dumps(score)
        return (
            f'{{"document": {_string(document)}, "start": {self.start:d}, "end": {self.end:d}, '
            f'"text": {_string(self.text)}, "layer": {_string(self.layer)}, "label": {_string(self.label)}, '
            f'"score": {given}, "source": {_string(self.source)}}}'
        )


_string = json.encoder.encode_basestring  # what json.dumps writes a str as, with ensure_ascii=False


def sort_key(suggestion: Suggestion) -> tuple[int, int, float, str, str]:
    """Text order; at one place the best score first."""
    score = -1.0 if suggestion.score is None else suggestion.score
    return (suggestion.start, suggestion.end, -score, suggestion.layer, suggestion.label)
