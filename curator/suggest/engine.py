"""Suggestions for one annotator, document by document: learned, gazetteer and model ones together.

A :class:`Suggester` keeps two name matchers: the gazetteers' (built once; its names change only by
an import) and the learned one (rebuilt only when a name is annotated for the first time or its last
span goes; a new span of a known name changes scores, not names). So the suggestions of the open
document are worked out again after an accept in a fraction of a frame (benchmarks/ measures it).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR
from curator.suggest import rows
from curator.suggest.model import GAZETTEER_PREFIX, LEARNED, MODEL_PREFIX, Suggestion, sort_key
from curator.suggest.shares import Label, LabelShares
from curator.text.names import NameMatcher, Occurrence, fold_for_names, name_key

_KEPT_DOCUMENTS = 8  # documents whose occurrences are kept (the open one and those just left)


@dataclass(frozen=True)
class GazetteerName:
    """What one gazetteer key suggests: each label with its score and gazetteer."""

    labels: tuple[tuple[Label, float, str], ...]


class Suggester:
    """What ``annotator`` is offered, from their own spans and the gold layer (``learn_from_gold``),
    the gazetteers and the stored predictions of models. Reads the store when made and on
    :meth:`reload`; :meth:`note_span` keeps it current after the annotator's own edits."""

    def __init__(self, db: Database, annotator: str, *, learn_from_gold: bool = True) -> None:
        self.db = db
        self.annotator = annotator
        self.learn_from_gold = learn_from_gold
        self.shares = LabelShares()
        self._learned: NameMatcher[str] = NameMatcher([])
        self._gazetteer: NameMatcher[GazetteerName] = NameMatcher([])
        self._names_version = 0  # changes whenever either matcher's names change
        self._found: dict[tuple[int, int, int, int], list[Occurrence[str | GazetteerName]]] = {}
        self.reload()

    # -- what is known ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the spans learned from and the gazetteers again (after a colleague's or an import's change)."""
        whose = [self.annotator] + ([GOLD_ANNOTATOR] if self.learn_from_gold else [])
        seen: set[tuple[int, int, int, str, str]] = set()
        shares = LabelShares()
        for span in rows.spans_with_text(self.db, whose):
            # The gold copy of one's own span is one decision, not two.
            place = (span.document_id, span.start, span.end, span.layer, span.label)
            if place in seen:
                continue
            seen.add(place)
            if key := name_key(span.text):
                shares.add(key, (span.layer, span.label))
        self.shares = shares
        self._learned = NameMatcher((key, key) for key in shares.names())
        self._gazetteer = gazetteer_matcher(rows.gazetteer_entries(self.db))
        self._names_version += 1

    def note_span(self, layer: str, label: str, text: str, n: int = 1) -> None:
        """A span of ``label`` on ``text`` was made (``n`` = 1) or removed (``n`` = -1) by the annotator."""
        key = name_key(text)
        if key and self.shares.add(key, (layer, label), n):
            self._learned = NameMatcher((k, k) for k in self.shares.names())
            self._names_version += 1

    # -- suggestions ----------------------------------------------------------------------------------

    def for_document(self, document_id: int, text: str, *, layers: Iterable[str] | None = None) -> list[Suggestion]:
        """The open suggestions of the document whose stored text is ``text``, in text order (at one
        place the best score first): none where the annotator already has a span of that layer, none
        the annotator rejected, at most one per place and label (the best score of the sources
        offering it)."""
        ids = [document_id]
        return self._open(
            self.candidates(document_id, text, rows.predictions(self.db, ids).get(document_id, [])),
            rows.own_places(self.db, self.annotator, ids).get(document_id, []),
            rows.rejected_places(self.db, self.annotator, ids).get(document_id, set()),
            layers,
        )

    def for_documents(
        self, document_ids: Sequence[int] | None = None, *, layers: Iterable[str] | None = None, chunk: int = 500
    ) -> Iterator[tuple[int, str, list[Suggestion]]]:
        """``(document id, ext id, suggestions)`` of every document (or of ``document_ids``), in id
        order, reading the store a chunk of documents at a time (``curator suggest`` over a corpus)."""
        wanted = list(layers) if layers is not None else None
        ids = rows.all_document_ids(self.db) if document_ids is None else sorted(document_ids)
        for at in range(0, len(ids), chunk):
            part = ids[at : at + chunk]
            predicted = rows.predictions(self.db, part)
            own = rows.own_places(self.db, self.annotator, part)
            rejected = rows.rejected_places(self.db, self.annotator, part)
            for document_id, ext_id, text in rows.texts(self.db, part):
                found = self.candidates(document_id, text, predicted.get(document_id, []))
                yield (
                    document_id,
                    ext_id,
                    self._open(found, own.get(document_id, []), rejected.get(document_id, set()), wanted),
                )

    @staticmethod
    def _open(
        found: list[Suggestion], own: list[rows.Place], rejected: set[rows.Place], layers: Iterable[str] | None
    ) -> list[Suggestion]:
        wanted = None if layers is None else set(layers)
        by_layer: dict[str, list[tuple[int, int]]] = {}
        for start, end, layer, _ in own:
            by_layer.setdefault(layer, []).append((start, end))
        taken = {layer: _Stretches(spans) for layer, spans in by_layer.items()}
        best: dict[tuple[int, int, str, str], Suggestion] = {}
        for suggestion in found:
            if wanted is not None and suggestion.layer not in wanted:
                continue
            stretches = taken.get(suggestion.layer)
            if suggestion.place in rejected or (stretches and stretches.meets(suggestion.start, suggestion.end)):
                continue
            kept = best.get(suggestion.place)
            if kept is None or (suggestion.score or 0.0) > (kept.score or 0.0):
                best[suggestion.place] = suggestion
        return sorted(best.values(), key=sort_key)

    def _occurrences(self, document_id: int, text: str) -> list[Occurrence[str | GazetteerName]]:
        """Where the learned and the gazetteer names occur in the text, kept for the last few documents
        while the names stay the same: an accept or a span of a known name changes scores, not
        occurrences, so the open document's suggestions are worked out again without a pass."""
        key = (document_id, len(text), hash(text), self._names_version)
        found = self._found.get(key)
        if found is None:
            folded = fold_for_names(text)
            found = _longest(self._learned.find_in(folded, text), self._gazetteer.find_in(folded, text))
            if len(self._found) >= _KEPT_DOCUMENTS:
                self._found.pop(next(iter(self._found)))
            self._found[key] = found
        return found

    def candidates(
        self, document_id: int, text: str, predicted: Sequence[tuple[rows.Place, float | None, str]] = ()
    ) -> list[Suggestion]:
        """Everything every source offers on the text, before the annotator's spans and rejections are
        taken away. Learned and gazetteer names compete (the longest wins, as within one matcher);
        a model's predictions are its own and kept as they are."""
        out: list[Suggestion] = []
        for occurrence in self._occurrences(document_id, text):
            piece = text[occurrence.start : occurrence.end]
            payload = occurrence.payload
            if isinstance(payload, str):
                for (layer, label), share in self.shares.shares(payload):
                    out.append(
                        Suggestion(document_id, occurrence.start, occurrence.end, layer, label, share, LEARNED, piece)
                    )
            else:
                for (layer, label), score, name in payload.labels:
                    out.append(
                        Suggestion(
                            document_id,
                            occurrence.start,
                            occurrence.end,
                            layer,
                            label,
                            score,
                            GAZETTEER_PREFIX + name,
                            piece,
                        )
                    )
        for (start, end, layer, label), given, model in predicted:
            if end <= len(text):
                out.append(
                    Suggestion(document_id, start, end, layer, label, given, MODEL_PREFIX + model, text[start:end])
                )
        return out


def gazetteer_matcher(entries: Iterable[tuple[str, str, str, str, float, str]]) -> NameMatcher[GazetteerName]:
    """One matcher over every gazetteer's names (``rows.gazetteer_entries``); a key listed by several
    gazetteers or with several labels suggests each."""
    by_key: dict[str, list[tuple[Label, float, str]]] = {}
    for key, _text, layer, label, score, name in entries:
        by_key.setdefault(key, []).append(((layer, label), score, name))
    return NameMatcher((key, GazetteerName(tuple(labels))) for key, labels in by_key.items())


def _longest(*found: list[Occurrence[str]] | list[Occurrence[GazetteerName]]) -> list[Occurrence[str | GazetteerName]]:
    """The occurrences of several matchers where they overlap resolved as one matcher resolves its own:
    the longest first, then the leftmost; occurrences of exactly the same stretch are all kept."""
    every: list[Occurrence[str | GazetteerName]] = [o for group in found for o in group]  # type: ignore[misc]
    if len(found) < 2 or not all(found):
        return sorted(every, key=lambda o: o.start)
    every.sort(key=lambda o: (o.start - o.end, o.start))
    kept: list[Occurrence[str | GazetteerName]] = []
    starts: list[int] = []
    ends: list[int] = []
    for occurrence in every:
        at = bisect_left(starts, occurrence.start)
        same = at < len(starts) and starts[at] == occurrence.start and ends[at] == occurrence.end
        clash = (at > 0 and ends[at - 1] > occurrence.start) or (at < len(starts) and starts[at] < occurrence.end)
        if clash and not same:
            continue
        starts.insert(at, occurrence.start)
        ends.insert(at, occurrence.end)
        kept.append(occurrence)
    return sorted(kept, key=lambda o: o.start)


class _Stretches:
    """Stretches ``[start, end)`` (an annotator's spans of one layer), asked whether a stretch meets any."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans up to each one
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def meets(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans that start before ``end``
        return before > 0 and self.reach[before - 1] > start
