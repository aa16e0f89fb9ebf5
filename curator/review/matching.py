"""One-to-one matching of two annotators' spans, exact or by overlap, over whole corpora at once.

Candidate pairs come from sorted arrays and ``searchsorted`` (no Python loop over spans); only
conflicting candidates (a span overlapping several of the other side's) go through a greedy pass
that takes the largest overlaps first, so each span is matched at most once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
_SHIFT = np.int64(1 << 32)  # group * 2**32 + start sorts by group, then start (offsets < 2**32)


@dataclass(frozen=True)
class SpanArrays:
    """Spans as columns: document index, label index, start, end (code points, end exclusive)."""

    doc: IntArray
    label: IntArray
    start: IntArray
    end: IntArray

    def __len__(self) -> int:
        return int(self.start.shape[0])

    def take(self, mask: npt.NDArray[np.bool_]) -> SpanArrays:
        return SpanArrays(self.doc[mask], self.label[mask], self.start[mask], self.end[mask])


def match_spans(a: SpanArrays, b: SpanArrays, *, exact: bool, by_label: bool) -> tuple[IntArray, IntArray]:
    """Indexes ``(ia, ib)`` of matched pairs. ``exact``: same offsets; otherwise at least one shared
    character. ``by_label``: only spans with the same label can match. Among competing candidates,
    larger overlap wins, then the same label, then text order."""
    empty = np.zeros(0, dtype=np.int64)
    if len(a) == 0 or len(b) == 0:
        return empty, empty
    n_labels = int(max(a.label.max(), b.label.max())) + 1
    ga = a.doc * n_labels + a.label if by_label else a.doc
    gb = b.doc * n_labels + b.label if by_label else b.doc
    order = np.lexsort((a.start, ga))
    key = ga[order] * _SHIFT + a.start[order]
    longest = int((a.end - a.start).max())
    lo = np.searchsorted(key, gb * _SHIFT + np.maximum(b.start - longest + 1, 0), side="left")
    hi = np.searchsorted(key, gb * _SHIFT + b.end, side="left")
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    if total == 0:
        return empty, empty
    ib = np.repeat(np.arange(len(b), dtype=np.int64), counts)
    ia = order[np.repeat(lo, counts) + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)]
    ok = (a.start[ia] == b.start[ib]) & (a.end[ia] == b.end[ib]) if exact else a.end[ia] > b.start[ib]
    ia, ib = ia[ok], ib[ok]
    if ia.shape[0] == 0:
        return empty, empty
    overlap = np.minimum(a.end[ia], b.end[ib]) - np.maximum(a.start[ia], b.start[ib])
    same = (a.label[ia] == b.label[ib]).astype(np.int64)
    rank = np.lexsort((ib, ia, -same, -overlap))
    ia, ib = ia[rank], ib[rank]
    if np.unique(ia).shape[0] == ia.shape[0] and np.unique(ib).shape[0] == ib.shape[0]:
        return ia, ib
    used_a: set[int] = set()
    used_b: set[int] = set()
    keep = np.zeros(ia.shape[0], dtype=bool)
    for k, (i, j) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            keep[k] = True
    return ia[keep], ib[keep]
