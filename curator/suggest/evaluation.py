"""How good the learned suggestions are: leave one document out at a time.

For each document of the layer evaluated (an annotator's spans, or the gold layer), the suggestions
are learned from every *other* document's spans and compared with the document's own: a suggestion
is right when a span of the same label covers exactly its stretch. Per place the best-scoring label
is the one suggested (what the window draws). Precision, recall and F1 over all documents, and per
label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from curator.store.database import Database
from curator.store.models import Document
from curator.suggest import rows
from curator.suggest.engine import span_keys
from curator.suggest.shares import Label, LabelShares
from curator.text.names import NameMatcher


@dataclass
class Scores:
    right: int = 0
    suggested: int = 0
    annotated: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.suggested if self.suggested else None

    @property
    def recall(self) -> float | None:
        return self.right / self.annotated if self.annotated else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
            "right": self.right,
            "suggested": self.suggested,
            "annotated": self.annotated,
        }


@dataclass
class Evaluation:
    annotator: str
    documents: int = 0
    overall: Scores = field(default_factory=Scores)
    labels: dict[str, Scores] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "documents": self.documents,
            "overall": self.overall.to_dict(),
            "labels": {name: scores.to_dict() for name, scores in sorted(self.labels.items())},
        }


def evaluate(db: Database, annotator: str, *, layers: list[str] | None = None) -> Evaluation:
    """Leave-one-document-out figures of the learned suggestions on ``annotator``'s spans (the gold
    layer's with ``annotator = "curation"``), on ``layers`` (every span layer by default)."""
    spans = [s for s in rows.spans_with_text(db, [annotator]) if layers is None or s.layer in layers]
    by_document: dict[int, list[tuple[str, Label, int, int]]] = {}
    shares = LabelShares()
    for span, key in zip(spans, span_keys(spans), strict=True):
        by_document.setdefault(span.document_id, []).append((key, (span.layer, span.label), span.start, span.end))
        if key:
            shares.add(key, (span.layer, span.label))
    result = Evaluation(annotator, documents=len(by_document))
    matcher = NameMatcher((key, key) for key in shares.names())
    with db.read() as session:
        texts = dict(session.query(Document.id, Document.text).filter(Document.id.in_(list(by_document))).all())
    for document_id, own in sorted(by_document.items()):
        mine: dict[str, Counter[Label]] = {}
        for key, label, _, _ in own:
            if key:
                mine.setdefault(key, Counter())[label] += 1
        truth = {(start, end, label) for _, label, start, end in own}

        def known_elsewhere(key: str, mine: dict[str, Counter[Label]] = mine) -> bool:
            return bool(shares.shares(key, mine.get(key)))

        suggested: set[tuple[int, int, Label]] = set()
        for found in matcher.find(texts[document_id], known_elsewhere):
            (label, _share), *_ = shares.shares(found.payload, mine.get(found.payload))
            suggested.add((found.start, found.end, label))
        _count(result, suggested, truth)
    return result


def _count(result: Evaluation, suggested: set[tuple[int, int, Label]], truth: set[tuple[int, int, Label]]) -> None:
    right = suggested & truth
    for scores, pick in [(result.overall, None)] + [
        (result.labels.setdefault(label[1], Scores()), label) for label in {item[2] for item in suggested | truth}
    ]:
        scores.right += sum(1 for item in right if pick is None or item[2] == pick)
        scores.suggested += sum(1 for item in suggested if pick is None or item[2] == pick)
        scores.annotated += sum(1 for item in truth if pick is None or item[2] == pick)
