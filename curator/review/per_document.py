"""Agreement figures per document, for all documents at once (no Python loop over documents).

* **F1 per document**, exact and overlap: the pairs' matches pooled (micro) over every pair of
  annotators who both annotated the document, ``2 Σ matched / Σ (a + b)``.
* **αU per document**, overall and position only: :mod:`curator.review.unitizing`'s formula with the
  document alone as the continuum and the annotators who annotated it as the coders. Observed and
  expected disagreement are summed per document with ``bincount``; the gaps of each document are
  found with sentinels at its two ends, and ``Σ_{g ≥ l}`` with a search in gaps sorted by
  (document, length).

A document that fewer than two of the annotators annotated, or where nobody marked anything, has
``None`` and a reason, never 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from curator.review.unitizing import AnnotatorSpans, Figure, _merged

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

FEWER_THAN_TWO = "fewer than two of the annotators annotated this document"
NO_SPANS = "no spans in this document"
NO_EXPECTED = "no expected disagreement: nothing to compare"


@dataclass(frozen=True)
class DocumentMatches:
    """One pair's span counts per document: matched exactly, matched by overlap, ``a``'s, ``b``'s."""

    exact: IntArray
    overlap: IntArray
    a: IntArray
    b: IntArray


def pooled_f1(pairs: Sequence[DocumentMatches], coders: IntArray) -> tuple[list[Figure], list[Figure]]:
    """Exact and overlap F1 per document, pooled over ``pairs``; ``coders[d]`` is how many of the
    annotators annotated document ``d``."""
    n = coders.shape[0]
    exact, overlap, total = (np.zeros(n, dtype=np.int64) for _ in range(3))
    for p in pairs:
        exact += p.exact
        overlap += p.overlap
        total += p.a + p.b

    def figure(matched: IntArray, d: int) -> Figure:
        if coders[d] < 2:
            return Figure(None, FEWER_THAN_TWO)
        if total[d] == 0:
            return Figure(None, NO_SPANS)
        return Figure(2.0 * float(matched[d]) / float(total[d]))

    return [figure(exact, d) for d in range(n)], [figure(overlap, d) for d in range(n)]


def _units(one: AnnotatorSpans, keep: npt.NDArray[np.bool_], width: int) -> tuple[IntArray, IntArray, IntArray]:
    """Sorted disjoint units ``(doc, start, end)`` (local offsets) of the kept spans, merged per document."""
    doc = one.doc[keep]
    starts, ends = _merged(doc * width + one.start[keep], doc * width + one.end[keep])
    docs = starts // width
    return docs, starts - docs * width, ends - docs * width


def _gaps(docs: IntArray, starts: IntArray, ends: IntArray, annotated: IntArray, lengths: IntArray) -> IntArray:
    """``(doc, length)`` rows of the gaps between the units, in the documents ``annotated`` (indexes)."""
    n_doc = annotated.shape[0]
    doc = np.concatenate([annotated, docs, annotated])
    start = np.concatenate([np.zeros(n_doc, dtype=np.int64), starts, lengths[annotated]])
    end = np.concatenate([np.zeros(n_doc, dtype=np.int64), ends, lengths[annotated]])
    kind = np.concatenate([np.zeros(n_doc, np.int64), np.ones(starts.shape[0], np.int64), np.full(n_doc, 2)])
    order = np.lexsort((kind, start, doc))
    doc, start, end, kind = doc[order], start[order], end[order], kind[order]
    # Each item but a document's end sentinel is followed by the next one of the same document.
    left = np.flatnonzero(kind[:-1] != 2)
    gap = start[left + 1] - end[left]
    keep = gap > 0
    return np.stack([doc[left][keep], gap[keep]], axis=1)


def _pair_sums(
    a: tuple[IntArray, IntArray, IntArray], b: tuple[IntArray, IntArray, IntArray], width: int, n_docs: int
) -> FloatArray:
    """Observed distance sums per document between two annotators' units (both on the same documents)."""
    out = np.zeros(n_docs, dtype=np.float64)
    keys = [(d * width + s, d * width + e, d) for d, s, e in (a, b)]
    for (s1, e1, d1), (s2, e2, _) in ((keys[0], keys[1]), (keys[1], keys[0])):
        lo = np.searchsorted(e2, s1, side="right")
        hi = np.searchsorted(s2, e1, side="left")
        lone = hi <= lo
        out += np.bincount(d1[lone], weights=((e1[lone] - s1[lone]).astype(np.float64) ** 2), minlength=n_docs)
    (sa, ea, da), (sb, eb, _) = keys
    lo = np.searchsorted(eb, sa, side="right")
    hi = np.searchsorted(sb, ea, side="left")
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    if total:
        ia = np.repeat(np.arange(sa.shape[0]), counts)
        ib = np.repeat(lo, counts) + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        dist = (sa[ia] - sb[ib]).astype(np.float64) ** 2 + (ea[ia] - eb[ib]).astype(np.float64) ** 2
        out += np.bincount(da[ia], weights=dist, minlength=n_docs)
    return out


def _disagreements(
    spans: Sequence[AnnotatorSpans],
    annotated: npt.NDArray[np.bool_],
    lengths: IntArray,
    label: int | None,
) -> tuple[FloatArray, FloatArray, IntArray]:
    """``(D_o, D_e, units)`` per document for one label (None: all spans, position only)."""
    r_count, n_docs = annotated.shape
    width = int(lengths.max(initial=0)) + 2
    units = []
    for r, one in enumerate(spans):
        keep = annotated[r][one.doc] & (one.end > one.start)
        if label is not None:
            keep &= one.label == label
        units.append(_units(one, keep, width))
    observed = np.zeros(n_docs, dtype=np.float64)
    for i, j in combinations(range(r_count), 2):
        both = annotated[i] & annotated[j]
        a = tuple(x[both[units[i][0]]] for x in units[i])
        b = tuple(x[both[units[j][0]]] for x in units[j])
        observed += _pair_sums(a, b, width, n_docs)
    coders = annotated.sum(axis=0).astype(np.float64)
    length = lengths.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_o = 2.0 * observed / (coders * (coders - 1.0) * length**2)
    unit_doc = np.concatenate([u[0] for u in units])
    unit_len = np.concatenate([u[2] - u[1] for u in units]).astype(np.float64)
    n_units = np.bincount(unit_doc, minlength=n_docs)
    gaps = np.concatenate([_gaps(*units[r], np.flatnonzero(annotated[r]), lengths) for r in range(r_count)]).reshape(
        -1, 2
    )
    key = gaps[:, 0] * width + gaps[:, 1]
    order = np.argsort(key, kind="stable")
    key, gap_len = key[order], gaps[order, 1].astype(np.float64)
    suffix = np.concatenate([np.cumsum(gap_len[::-1])[::-1], [0.0]])
    lo = np.searchsorted(key, unit_doc * width + unit_len.astype(np.int64), side="left")
    hi = np.searchsorted(key, (unit_doc + 1) * width, side="left")
    fit = suffix[lo] - suffix[hi] - (unit_len - 1.0) * (hi - lo)
    n_of = (n_units[unit_doc] - 1).astype(np.float64)
    per_unit = n_of * (2 * unit_len**3 - 3 * unit_len**2 + unit_len) / 3.0 + unit_len**2 * fit
    numerator = np.bincount(unit_doc, weights=per_unit, minlength=n_docs)
    rl = coders * length
    denominator = rl * (rl - 1.0) - np.bincount(unit_doc, weights=unit_len * (unit_len - 1.0), minlength=n_docs)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_e = np.where(numerator > 0, 2.0 / length * numerator / denominator, 0.0)
    return np.nan_to_num(d_o), d_e, n_units


def unitizing_by_document(
    spans: Sequence[AnnotatorSpans], annotated: npt.NDArray[np.bool_], lengths: IntArray, labels: Sequence[int]
) -> tuple[list[Figure], list[Figure]]:
    """αU overall (over ``labels``) and position only, per document, each document with the
    annotators who annotated it (``annotated[r, d]``) as its coders."""
    n_docs = annotated.shape[1]
    annotated = annotated & (lengths > 0)[None, :]
    coders = annotated.sum(axis=0)
    sum_o = np.zeros(n_docs)
    sum_e = np.zeros(n_docs)
    any_units = np.zeros(n_docs, dtype=np.int64)
    for k in labels:
        d_o, d_e, n_units = _disagreements(spans, annotated, lengths, k)
        sum_o += d_o
        sum_e += d_e
        any_units += n_units
    p_o, p_e, _ = _disagreements(spans, annotated, lengths, None)

    def figures(d_o: FloatArray, d_e: FloatArray) -> list[Figure]:
        out = []
        for d in range(n_docs):
            if coders[d] < 2:
                out.append(Figure(None, FEWER_THAN_TWO))
            elif any_units[d] == 0:
                out.append(Figure(None, NO_SPANS))
            elif d_e[d] <= 0.0:
                out.append(Figure(None, NO_EXPECTED))
            else:
                out.append(Figure(float(1.0 - d_o[d] / d_e[d])))
        return out

    return figures(sum_o, sum_e), figures(p_o, p_e)
