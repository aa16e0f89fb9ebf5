"""The bookkeeping that lets a document's open suggestions be brought up to date piece by piece.

After an edit only a few stretches of a document can change what is open there (where the edited
span lies, where the names whose scores changed occur); a long document may hold hundreds of
thousands of suggestions, so the rest are kept as they are, list slices and all (:func:`splice`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from curator.suggest.model import Suggestion
from curator.suggest.rows import Place

T = TypeVar("T")


class OwnPlaces:
    """The annotator's spans in one document, per layer, asked whether a stretch meets one of them;
    a stretch's spans can be replaced by what the store holds there now (:meth:`replace`)."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._starts: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        by_layer: dict[str, list[tuple[int, int]]] = {}
        for start, end, layer, _label in places:
            by_layer.setdefault(layer, []).append((start, end))
        for layer, spans in by_layer.items():
            spans.sort()
            self._spans[layer] = spans
            self._starts[layer] = [start for start, _ in spans]
            self._longest[layer] = max(end - start for start, end in spans)

    def meets(self, layer: str, start: int, end: int) -> bool:
        """Whether a span of ``layer`` overlaps ``[start, end)``."""
        starts = self._starts.get(layer)
        if not starts:
            return False
        spans = self._spans[layer]
        reach = start - self._longest[layer]  # a span starting at or before this ends by ``start``
        k = bisect_left(starts, end) - 1
        while k >= 0 and starts[k] > reach:
            if spans[k][1] > start:
                return True
            k -= 1
        return False

    def replace(self, low: int, high: int, places: Iterable[Place]) -> None:
        """Forget the spans that overlap ``[low, high)`` and hold ``places`` (what overlaps it now) instead."""
        for layer, spans in self._spans.items():
            starts = self._starts[layer]
            reach = low - self._longest[layer]
            k = bisect_left(starts, high) - 1
            while k >= 0 and starts[k] > reach:
                if spans[k][1] > low:
                    del spans[k], starts[k]
                k -= 1
        for start, end, layer, _label in places:
            spans = self._spans.setdefault(layer, [])
            starts = self._starts.setdefault(layer, [])
            at = bisect_left(spans, (start, end))
            spans.insert(at, (start, end))
            starts.insert(at, start)
            self._longest[layer] = max(self._longest.get(layer, 0), end - start)


class Splice(NamedTuple, Generic[T]):
    """``items[start:stop]`` of the list before gives way to ``fresh``. (A named tuple: an accept
    of a frequent name makes thousands.)"""

    start: int
    stop: int
    fresh: Sequence[T]


def splice(items: Sequence[T], splices: Sequence[Splice[T]]) -> list[T]:
    """``items`` with each splice applied (``splices`` in order, not overlapping, indices of ``items``):
    slices copied, never walked one by one."""
    out: list[T] = []
    at = 0
    for s in splices:
        out += items[at : s.start]  # (a slice's pointers copied at once, not item by item)
        out += s.fresh
        at = s.stop
    out += items[at:]
    return out


def merged(stretches: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` stretches sorted, overlapping or touching ones made one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(stretches):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@dataclass(frozen=True)
class Update:
    """What an edit changed in a document's open suggestions: the list now, where each suggestion
    starts, and the splices that make it of the list before."""

    suggestions: list[Suggestion]
    starts: list[int]
    splices: list[Splice[Suggestion]]
