"""Suggestions for one annotator, document by document: learned, gazetteer and model ones together.

One name matcher holds every name known when the :class:`Suggester` was made (learned and gazetteer
keys alike; a key's payload is the key, looked up in the label shares and the gazetteers as the
suggestions are made). Names learned later go to a small matcher of their own, whose matches compete
with the first one's as one matcher's would (:func:`curator.text.names.resolve`). Per document the
folded text, both matchers' raw matches and the occurrences are kept while the names stay the same,
so after an accept (which changes scores, not names) or a new name (one small pass over the kept
folded text) the open document's suggestions come again without folding or matching it whole
(benchmarks/ measures it). The window goes further: :meth:`Suggester.update` brings the last list it
was given up to date piece by piece (:mod:`curator.suggest.open_places`), making again only what meets
the edited stretch and the occurrences of the names whose scores changed.
"""

from __future__ import annotations

import contextlib
import gc
from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR
from curator.suggest import rows
from curator.suggest.model import GAZETTEER_PREFIX, LEARNED, MODEL_PREFIX, Suggestion, sort_key
from curator.suggest.open_places import OwnPlaces, Splice, Update, merged, splice
from curator.suggest.shares import Label, LabelShares
from curator.text.folding import Folded
from curator.text.names import Matches, NameMatcher, Occurrence, contracted_key, fold_for_names, name_key, resolve

_START = attrgetter("start")
_FIRST = itemgetter(0)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a document's suggestions are made: tens of thousands of
    tuples and suggestions, none in a cycle, which the collector would otherwise walk again and again
    as they come (a tenth of a long document's time, a fifth with a dense gazetteer). Left as it is
    where something else paused it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _best_first(source: tuple[str, str, float, str]) -> tuple[float, str, str]:
    return (-source[2], source[0], source[1])


_KEPT_DOCUMENTS = 8  # documents whose occurrences are kept (the open one and those just left)
Listed = tuple[tuple[Label, float, str], ...]  # what a gazetteer key suggests: label, score, gazetteer


@dataclass
class _Kept:
    """One document's folded text and occurrences, and the name versions they were found with."""

    folded: Folded
    base: Matches[str]
    base_version: int
    extra: Matches[str] | None
    extra_version: int
    # The occurrences of both matchers' names, overlaps resolved, and the versions they were found at.
    found: list[Occurrence[str]] | None = None
    found_names: tuple[int, int] = (-1, -1)
    # The suggestions made of each name's occurrences, and the versions they were made at: after a
    # span of a known name only that name's are made again (its scores changed, nothing else did).
    made: dict[str, list[Suggestion]] | None = None
    made_names: tuple[int, int] = (-1, -1)
    made_scores: int = -1
    # Where each occurrence starts, and each name's occurrences (indices of ``found``), made with it.
    found_starts: list[int] | None = None
    found_by_key: dict[str, list[int]] | None = None
    # The last open suggestions returned (for_document) and what they were made of, for :meth:`update`.
    open: list[Suggestion] | None = None
    open_starts: list[int] | None = None
    own: OwnPlaces | None = None
    predicted: list[tuple[rows.Place, float | None, str]] | None = None  # by start
    predicted_starts: list[int] | None = None
    longest: int = 0  # the longest stretch a suggestion of the document may cover
    open_names: tuple[int, int] = (-1, -1)
    open_scores: int = -1


class Suggester:
    """What ``annotator`` is offered, from their own spans and the gold layer (``learn_from_gold``),
    the gazetteers and the stored predictions of models. Reads the store when made and on
    :meth:`reload`; :meth:`note_span` keeps it current after the annotator's own edits."""

    def __init__(self, db: Database, annotator: str, *, learn_from_gold: bool = True) -> None:
        self.db = db
        self.annotator = annotator
        self.learn_from_gold = learn_from_gold
        self.shares = LabelShares()
        self._listed: dict[str, Listed] = {}
        self._matcher: NameMatcher[str] = NameMatcher([])
        self._base_keys: frozenset[str] = frozenset()
        self._extra_keys: list[str] = []
        self._extra: NameMatcher[str] = NameMatcher([])
        # Bumped when the base matcher's names change (a reload) or one of them is no name any more
        # (its last span gone): occurrences are then found again; and when a name is learned.
        self._base_version = 0
        self._extra_version = 0
        self._kept: dict[tuple[int, int, int], _Kept] = {}
        self._everyone_alive = (-1, True)  # (base version, whether every base name still names something)
        self._scores_version = 0
        self._changed_at: dict[str, int] = {}  # key -> the scores version its shares last changed at
        self._sources_memo: dict[str, tuple[tuple[str, str, float, str], ...]] = {}
        self.reload()

    # -- what is known ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the spans learned from and the gazetteers again (after a colleague's or an import's change)."""
        whose = [self.annotator] + ([GOLD_ANNOTATOR] if self.learn_from_gold else [])
        seen: set[tuple[int, int, int, str, str]] = set()
        spans = []
        for span in rows.spans_with_text(self.db, whose):
            # The gold copy of one's own span is one decision, not two.
            place = (span.document_id, span.start, span.end, span.layer, span.label)
            if place not in seen:
                seen.add(place)
                spans.append(span)
        self._listed = gazetteer_names(rows.gazetteer_entries(self.db))
        self.shares = LabelShares(
            (key, (span.layer, span.label))
            for span, key in zip(spans, span_keys(spans, self._listed), strict=True)
            if key
        )
        self._sources_memo = {}
        self._base_keys = frozenset(self.shares.names()) | frozenset(self._listed)
        self._matcher = NameMatcher((key, key) for key in self._base_keys)
        self._extra_keys, self._extra = [], NameMatcher([])
        self._base_version += 1
        self._extra_version += 1

    def note_span(self, layer: str, label: str, text: str, n: int = 1, before: str = "") -> None:
        """A span of ``label`` on ``text`` (after ``before``, see :func:`span_key`) was made (``n`` = 1)
        or removed (``n`` = -1) by the annotator."""
        key = name_key(text)
        if not key:
            return
        contracted = contracted_key(text, before)
        if contracted is not None and (contracted in self.shares.counts or contracted in self._listed):
            key = contracted
        shares_before = self.shares.shares(key)
        names_changed = self.shares.add(key, (layer, label), n)
        if not names_changed and self.shares.shares(key) == shares_before:
            # The commonest edit: one more span of a name with the label its spans have. Its thousands
            # of occurrences in a long text offer what they offered, with the same scores.
            return
        self._scores_version += 1
        self._changed_at[key] = self._scores_version
        self._sources_memo.pop(key, None)
        if not names_changed:
            return  # a known name: scores change, occurrences do not
        if n > 0:
            if key not in self._base_keys:
                self._extra_keys.append(key)
                self._extra = NameMatcher((k, k) for k in self._extra_keys)
                self._extra_version += 1
        elif key in self._extra_keys:
            self._extra_keys.remove(key)
            self._extra = NameMatcher((k, k) for k in self._extra_keys)
            self._extra_version += 1
            self._base_version += 1  # it may have hidden a shorter name: found again
        elif key not in self._listed:
            self._base_version += 1  # a base name is no name any more: shorter ones may show

    def _alive(self, key: str) -> bool:
        return key in self._listed or key in self.shares.counts

    # -- suggestions ----------------------------------------------------------------------------------

    def for_document(self, document_id: int, text: str, *, layers: Iterable[str] | None = None) -> list[Suggestion]:
        """The open suggestions of the document whose stored text is ``text``, in text order (at one
        place the best score first): none where the annotator already has a span of that layer, none
        the annotator rejected, at most one per place and label (the best score of the sources
        offering it)."""
        ids = [document_id]
        predicted = rows.predictions(self.db, ids).get(document_id, [])
        own = rows.own_places(self.db, self.annotator, ids).get(document_id, [])
        rejected = rows.rejected_places(self.db, self.annotator, ids).get(document_id, set())
        with collector_paused():
            found = self.candidates(document_id, text, predicted)
            opened = self._open(found, own, rejected, layers, names_only=not predicted)
            kept = self._kept.get(_place_of(document_id, text))
            if kept is not None:
                if layers is None:  # kept for :meth:`update`, which offers every layer
                    self._keep_open(kept, opened, own, predicted)
                else:
                    kept.open = None
            return opened

    def _keep_open(
        self,
        kept: _Kept,
        opened: list[Suggestion],
        own: list[rows.Place],
        predicted: list[tuple[rows.Place, float | None, str]],
    ) -> None:
        kept.open, kept.open_starts = opened, [s.start for s in opened]
        kept.open_names, kept.open_scores = kept.made_names, self._scores_version
        kept.own = OwnPlaces(own)
        kept.predicted = sorted(predicted, key=lambda given: given[0][0])
        kept.predicted_starts = [place[0] for place, _, _ in kept.predicted]
        found = kept.found or []
        longest = max((end - start for start, end, _, _ in found), default=0)
        kept.longest = max([longest, *(end - start for (start, end, _, _), _, _ in predicted)])

    def update(self, document_id: int, text: str, near: Sequence[tuple[int, int]] = ()) -> Update | None:
        """The document's open suggestions brought up to date after the annotator's edits, when the
        last :meth:`for_document` of it (every layer) is kept and the names are the same: the names
        noted since (:meth:`note_span`) are made again where they occur, and everything that meets
        ``near`` (where the annotator's spans or rejections changed since) is looked at again. The
        result equals a new :meth:`for_document`; None: call that instead."""
        kept = self._kept.get(_place_of(document_id, text))
        names = (self._base_version, self._extra_version)
        # (The open list is made of the kept occurrences: the same names, the same occurrences.)
        if (
            kept is None
            or kept.open is None
            or kept.open_starts is None
            or kept.own is None
            or kept.found_by_key is None
            or kept.open_names != names
        ):
            return None
        with collector_paused():
            # (The kept suggestions of each name are made again at the next whole list, not here.)
            changed = self._changed_since(kept.open_scores)
            kept.open_scores = self._scores_version
            # Where the names whose scores changed occur (indices of ``kept.found``), and the near stretches.
            rescored = sorted(i for key in changed for i in kept.found_by_key.get(key, ()))
            wide: list[tuple[int, int]] = []
            if near:
                low, high = min(lo for lo, _ in near), max(hi for _, hi in near)
                kept.own.replace(low, high, rows.own_places_between(self.db, self.annotator, document_id, low, high))
                kept.longest = max([kept.longest, *(hi - lo for lo, hi in near)])
                # A suggestion that meets a near stretch starts less than the longest one before it.
                wide = merged((lo - kept.longest, hi) for lo, hi in near)
            if not rescored and not wide:
                return Update(kept.open, kept.open_starts, [])
            rejected = rows.rejected_places(self.db, self.annotator, [document_id]).get(document_id, set())
            if kept.predicted:  # a place's sources are merged: each occurrence as a stretch of its own
                assert kept.found is not None
                wide = merged([*wide, *((kept.found[i].start, kept.found[i].start + 1) for i in rescored)])
                rescored = []
            splices = self._splices(document_id, text, kept, rescored, wide, rejected)
            if splices:
                kept.open = splice(kept.open, splices)
                kept.open_starts = splice(
                    kept.open_starts, [Splice(s.start, s.stop, [f.start for f in s.fresh]) for s in splices]
                )
            return Update(kept.open, kept.open_starts, splices)

    def _splices(
        self,
        document_id: int,
        text: str,
        kept: _Kept,
        rescored: list[int],
        wide: list[tuple[int, int]],
        rejected: set[rows.Place],
    ) -> list[Splice[Suggestion]]:
        """The splices that make the kept open list right again at the occurrences ``rescored`` (indices
        of ``kept.found``, in order; no model predicts in the document) and in the ``wide`` stretches
        of starts (merged). A frequent name occurs thousands of times in a long text: each of its
        occurrences costs two bisections and its few suggestions."""
        assert kept.found is not None and kept.open_starts is not None and kept.own is not None
        starts, found, own = kept.open_starts, kept.found, kept.own
        splices: list[Splice[Suggestion]] = []
        for low, high in wide:
            fresh = self._fresh(document_id, text, kept, low, high, rejected)
            first, stop = bisect_left(starts, low), bisect_left(starts, high)
            if fresh or stop > first:
                splices.append(Splice(first, stop, fresh))
        w, n = 0, len(starts)
        for i in rescored:
            start, end, _name, key = found[i]
            while w < len(wide) and wide[w][1] <= start:
                w += 1
            if w < len(wide) and wide[w][0] <= start:
                continue  # made again with its stretch
            fresh = self._open_at(document_id, text, start, end, key, own, rejected)
            first = stop = bisect_left(starts, start)
            while stop < n and starts[stop] == start:
                stop += 1
            if fresh or stop > first:
                splices.append(Splice(first, stop, fresh))
        if wide and rescored:
            splices.sort(key=_FIRST)
        return splices

    def _fresh(
        self, document_id: int, text: str, kept: _Kept, low: int, high: int, rejected: set[rows.Place]
    ) -> list[Suggestion]:
        """The open suggestions that start in ``[low, high)``, made as :meth:`for_document` makes them."""
        assert kept.found is not None and kept.found_starts is not None and kept.own is not None
        occurrences = kept.found[bisect_left(kept.found_starts, low) : bisect_left(kept.found_starts, high)]
        own = kept.own
        found: list[Suggestion] = []
        # In text order, each occurrence's best first: as :meth:`_open` orders what names made.
        for start, end, _name, key in occurrences:
            found += self._open_at(document_id, text, start, end, key, own, rejected)
        predicted = kept.predicted or []
        if not predicted:
            return found
        assert kept.predicted_starts is not None
        given = predicted[bisect_left(kept.predicted_starts, low) : bisect_left(kept.predicted_starts, high)]
        found += [s for s in self._predicted(document_id, text, given) if not own.meets(s.layer, s.start, s.end)]
        return self._open(found, [], rejected, None)

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
                given = predicted.get(document_id, [])
                with collector_paused():
                    found = self.candidates(document_id, text, given, keep=False)
                    found = self._open(
                        found, own.get(document_id, []), rejected.get(document_id, set()), wanted, names_only=not given
                    )
                yield document_id, ext_id, found

    @staticmethod
    def _open(
        found: list[Suggestion],
        own: list[rows.Place],
        rejected: set[rows.Place],
        layers: Iterable[str] | None,
        *,
        names_only: bool = False,
    ) -> list[Suggestion]:
        """``found`` without what the annotator has a span of or rejected, one per place and label, in
        text order. ``names_only``: ``found`` holds only what names made (:meth:`_make`), so each place
        and label is there once and the suggestions of one place come together, best first."""
        wanted = None if layers is None else set(layers)
        if names_only and not own and not rejected and wanted is None:
            return sorted(found, key=_START)  # stable: each place's suggestions keep their order
        by_layer: dict[str, list[tuple[int, int]]] = {}
        for start, end, layer, _ in own:
            by_layer.setdefault(layer, []).append((start, end))
        taken = {layer: _Stretches(spans) for layer, spans in by_layer.items()}
        if names_only:
            kept_open: list[Suggestion] = []
            for suggestion in found:
                layer = suggestion.layer
                if wanted is not None and layer not in wanted:
                    continue
                stretches = taken.get(layer)
                if stretches is not None and stretches.meets(suggestion.start, suggestion.end):
                    continue
                if rejected and (suggestion.start, suggestion.end, layer, suggestion.label) in rejected:
                    continue
                kept_open.append(suggestion)
            kept_open.sort(key=_START)
            return kept_open
        best: dict[tuple[int, int, str, str], Suggestion] = {}
        for suggestion in found:
            layer = suggestion.layer
            if wanted is not None and layer not in wanted:
                continue
            place = (suggestion.start, suggestion.end, layer, suggestion.label)
            stretches = taken.get(layer)
            if (rejected and place in rejected) or (stretches and stretches.meets(suggestion.start, suggestion.end)):
                continue
            kept = best.get(place)
            if kept is None or (suggestion.score or 0.0) > (kept.score or 0.0):
                best[place] = suggestion
        return sorted(best.values(), key=sort_key)

    def _occurrences(self, document_id: int, text: str, keep: bool = True) -> tuple[list[Occurrence[str]], _Kept]:
        """Where the known names occur in the text, and what is kept of the document; the folded text
        and the occurrences of the last few documents are kept (``keep``) while the names stay the same."""
        place = _place_of(document_id, text)
        kept = self._kept.get(place)
        if kept is None:
            folded = fold_for_names(text)
            kept = _Kept(folded, self._base(folded), self._base_version, None, -1)
            if keep:
                if len(self._kept) >= _KEPT_DOCUMENTS:
                    self._kept.pop(next(iter(self._kept)))
                self._kept[place] = kept
        elif kept.base_version != self._base_version:
            kept.base, kept.base_version = self._base(kept.folded), self._base_version
        if kept.extra is None or kept.extra_version != self._extra_version:
            kept.extra, kept.extra_version = self._extra.matches(kept.folded), self._extra_version
        names = (kept.base_version, kept.extra_version)
        if kept.found is None or kept.found_names != names:
            # The names learned since the base matcher was made compete with its own, as one matcher's.
            kept.found, kept.found_names = resolve(kept.folded, text, [kept.base, kept.extra]), names
            kept.found_starts = [occurrence.start for occurrence in kept.found]
            by_key: dict[str, list[int]] = {}
            for i, (_start, _end, _name, key) in enumerate(kept.found):
                by_key.setdefault(key, []).append(i)
            kept.found_by_key = by_key
        return kept.found, kept

    def _base(self, folded: Folded) -> Matches[str]:
        # Every base name is alive until a span goes: then the dead ones must not hide shorter names.
        if self._everyone_alive[0] != self._base_version:
            dead = self._base_keys - self._listed.keys() - self.shares.counts.keys()
            self._everyone_alive = (self._base_version, not dead)
        return self._matcher.matches(folded, None if self._everyone_alive[1] else self._alive)

    def _sources(self, key: str) -> tuple[tuple[str, str, float, str], ...]:
        """``(layer, label, score, source)`` of each suggestion an occurrence of ``key`` makes: the
        learned ones, then the listed ones (kept until the key's shares change or a reload)."""
        found = self._sources_memo.get(key)
        if found is None:
            # One per layer and label, the best score (the first of equal ones), best first: as
            # _open keeps and orders them.
            best: dict[Label, tuple[str, str, float, str]] = {}
            for (layer, label), share in self.shares.shares(key):
                best.setdefault((layer, label), (layer, label, share, LEARNED))
            for (layer, label), score, name in self._listed.get(key, ()):
                kept = best.get((layer, label))
                if kept is None or score > kept[2]:
                    best[(layer, label)] = (layer, label, score, GAZETTEER_PREFIX + name)
            found = self._sources_memo[key] = tuple(sorted(best.values(), key=_best_first))
        return found

    def _make(
        self,
        document_id: int,
        text: str,
        occurrences: list[Occurrence[str]],
        made: dict[str, list[Suggestion]],
        wanted: Container[str] | None = None,
    ) -> None:
        """Add to ``made`` the learned and listed suggestions of the occurrences (of the keys in
        ``wanted`` only, if given), under each occurrence's key, in text order."""
        memo = self._sources_memo
        for start, end, _key, key in occurrences:
            if wanted is not None and key not in wanted:
                continue
            sources = memo.get(key) or self._sources(key)
            bucket = made.get(key)
            if bucket is None:
                bucket = made[key] = []
            if len(sources) == 1:  # most names suggest one label
                ((layer, label, score, source),) = sources
                bucket.append(Suggestion(document_id, start, end, layer, label, score, source, text[start:end]))
            else:
                piece = text[start:end]
                bucket.extend(
                    [
                        Suggestion(document_id, start, end, layer, label, score, source, piece)
                        for layer, label, score, source in sources
                    ]
                )

    def candidates(
        self,
        document_id: int,
        text: str,
        predicted: Sequence[tuple[rows.Place, float | None, str]] = (),
        keep: bool = True,
    ) -> list[Suggestion]:
        """Everything every source offers on the text, before the annotator's spans and rejections are
        taken away. Learned and gazetteer names compete (the longest wins, as within one matcher);
        a model's predictions are its own and kept as they are."""
        occurrences, kept = self._occurrences(document_id, text, keep)
        names = (kept.base_version, kept.extra_version)
        if kept.made is None or kept.made_names != names:
            kept.made = {}
            self._make(document_id, text, occurrences, kept.made)
            kept.made_names, kept.made_scores = names, self._scores_version
        else:
            self._remake(document_id, text, kept)
        out = [suggestion for made in kept.made.values() for suggestion in made]
        out += self._predicted(document_id, text, predicted)
        return out

    def _open_at(
        self, document_id: int, text: str, start: int, end: int, key: str, own: OwnPlaces, rejected: set[rows.Place]
    ) -> list[Suggestion]:
        """What an occurrence of ``key`` at ``[start, end)`` offers, best first, without what meets the
        annotator's spans or was rejected."""
        piece = text[start:end]
        return [
            Suggestion(document_id, start, end, layer, label, score, source, piece)
            for layer, label, score, source in self._sources_memo.get(key) or self._sources(key)
            if not own.meets(layer, start, end) and not (rejected and (start, end, layer, label) in rejected)
        ]

    def _changed_since(self, version: int) -> list[str]:
        """The names whose label shares changed after scores version ``version``."""
        return [key for key, at in self._changed_at.items() if at > version]

    def _remake(self, document_id: int, text: str, kept: _Kept) -> None:
        """Make again the kept suggestions of the names whose scores changed since they were made."""
        assert kept.made is not None and kept.found is not None
        changed = self._changed_since(kept.made_scores)
        if changed:
            for key in changed:
                kept.made.pop(key, None)
            self._make(document_id, text, kept.found, kept.made, set(changed))
        kept.made_scores = self._scores_version

    @staticmethod
    def _predicted(
        document_id: int, text: str, predicted: Sequence[tuple[rows.Place, float | None, str]]
    ) -> list[Suggestion]:
        return [
            Suggestion(document_id, start, end, layer, label, given, MODEL_PREFIX + model, text[start:end])
            for (start, end, layer, label), given, model in predicted
            if end <= len(text)
        ]


def _place_of(document_id: int, text: str) -> tuple[int, int, int]:
    return (document_id, len(text), hash(text))


def span_keys(spans: Sequence[rows.TextSpan], listed: Container[str] = ()) -> list[str]:
    """The name key of each span: :func:`name_key` of its text, or the name with its article where the
    span starts at a contraction's article and that name is known (listed, or the key of another
    span): see :func:`curator.text.names.contracted_key`."""
    memo: dict[str, str] = {}  # a name has many spans: each text's key is made once
    keys = []
    for span in spans:
        key = memo.get(span.text)
        if key is None:
            key = memo[span.text] = name_key(span.text)
        keys.append(key)
    known = set(keys)
    contractions: dict[tuple[str, str], str | None] = {}  # contracted_key reads two characters before
    for i, span in enumerate(spans):
        place = (span.text, span.before[-2:])
        if place in contractions:
            contracted = contractions[place]
        else:
            contracted = contractions[place] = contracted_key(*place)
        if contracted is not None and (contracted in known or contracted in listed):
            keys[i] = contracted
    return keys


def gazetteer_names(entries: Iterable[tuple[str, str, str, str, float, str]]) -> dict[str, Listed]:
    """What each gazetteer key suggests (``rows.gazetteer_entries``); a key listed by several
    gazetteers or with several labels suggests each."""
    by_key: dict[str, list[tuple[Label, float, str]]] = {}
    for key, _text, layer, label, score, name in entries:
        by_key.setdefault(key, []).append(((layer, label), score, name))
    return {key: tuple(labels) for key, labels in by_key.items()}


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
