"""The open document's spans in text order, answering "which spans touch this stretch" quickly.

Qt-free on purpose (tested in tests/core): the text view asks it for the spans of the visible part
on every paint, so a 10,000-span document costs a binary search, not a scan.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator

from curator.store.queries import SpanRecord


def _key(span: SpanRecord) -> tuple[int, int, int]:
    # Outer spans before the spans nested in them, so lanes go outer-first.
    return (span.start, -span.end, span.id)


class SpanIndex:
    """Spans by id and in text order. Offsets are code points, end exclusive."""

    def __init__(self, spans: Iterable[SpanRecord] = ()) -> None:
        self._by_id: dict[int, SpanRecord] = {span.id: span for span in spans}
        self._order: list[tuple[int, int, int]] = sorted(_key(span) for span in self._by_id.values())
        # The longest span bounds how far before a stretch a touching span can start. It only grows
        # between rebuilds, which keeps queries correct (a little wider than needed after deletions).
        self._longest = max((span.end - span.start for span in self._by_id.values()), default=0)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[SpanRecord]:
        return (self._by_id[span_id] for _, _, span_id in self._order)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def get(self, span_id: int) -> SpanRecord | None:
        return self._by_id.get(span_id)

    def add(self, span: SpanRecord) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
        self._by_id[span.id] = span
        insort(self._order, _key(span))
        self._longest = max(self._longest, span.end - span.start)

    def extend(self, spans: Iterable[SpanRecord]) -> None:
        """Add many spans at once (one sort instead of one insertion each); known ids are replaced."""
        for span in spans:
            self._by_id[span.id] = span
            self._longest = max(self._longest, span.end - span.start)
        self._order = sorted(_key(span) for span in self._by_id.values())

    def remove(self, span_id: int) -> SpanRecord | None:
        span = self._by_id.pop(span_id, None)
        if span is not None:
            key = _key(span)
            at = bisect_left(self._order, key)
            if at < len(self._order) and self._order[at] == key:
                del self._order[at]
        return span

    def overlapping(self, start: int, end: int) -> list[SpanRecord]:
        """Spans with at least one character in ``[start, end)``, in text order."""
        lo = bisect_left(self._order, (start - self._longest, -(1 << 62), -(1 << 62)))
        hi = bisect_left(self._order, (end, -(1 << 62), -(1 << 62)))
        found = []
        for span_start, neg_end, span_id in self._order[lo:hi]:
            if -neg_end > start and span_start < end:
                found.append(self._by_id[span_id])
        return found

    def at(self, offset: int) -> list[SpanRecord]:
        """Spans holding the character at ``offset``, innermost (shortest) first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda s: (s.end - s.start, s.start, s.id))

    def find(self, layer: str, label: str, start: int, end: int) -> SpanRecord | None:
        """The span with exactly these label and offsets, if there is one."""
        for span in self.overlapping(start, end):
            if (span.layer, span.label, span.start, span.end) == (layer, label, start, end):
                return span
        return None


def lanes(spans: Iterable[SpanRecord]) -> dict[int, int]:
    """A lane per span so that spans that overlap never share one (greedy interval partitioning).

    Lane 0 goes to the outermost span; nested and overlapping spans get the next free lanes, which
    the text view draws as stacked bars so every one of them stays visible.
    """
    lane_ends: list[int] = []
    found: dict[int, int] = {}
    for span in sorted(spans, key=_key):
        for lane, lane_end in enumerate(lane_ends):
            if lane_end <= span.start:
                lane_ends[lane] = span.end
                found[span.id] = lane
                break
        else:
            found[span.id] = len(lane_ends)
            lane_ends.append(span.end)
    return found
