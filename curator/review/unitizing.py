"""Krippendorff's unitizing alpha (αU) on the continuum of code points, per label, overall, and with
labels ignored (position only).

The formula is the one of DKPro Agreement's ``KrippendorffAlphaUnitizingAgreement`` (Krippendorff
1995, 2004), restated here over arrays:

* The continuum is the documents every compared annotator annotated, laid end to end (length ``L``,
  code points). Each annotator's spans of one label cut it into units and gaps.
* Observed disagreement of label ``c``, summed over pairs of annotators: for two overlapping units
  ``(b1, e1)`` and ``(b2, e2)``, ``(b1 - b2)² + (e1 - e2)²``; for a unit that overlaps no unit of the
  other annotator (it lies in a gap), its length squared. ``D_o = 2 Σ / (R (R - 1) L²)``.
* Expected disagreement: ``N`` units of ``c`` of length ``l``, gaps ``g`` of every annotator,
  ``D_e = 2/L · Σ_units [(N - 1)(2l³ - 3l² + l)/3 + l² Σ_{g ≥ l} (g - l + 1)] / (R L (R L - 1) - Σ l(l - 1))``.
* Per label ``αU = 1 - D_o / D_e``; overall, ``D_o`` and ``D_e`` are averaged over the labels used.

DKPro assumes one annotator's units of a label do not overlap; here overlapping or nested spans of
one annotator and label are merged into their union first, so a nested duplicate does not count as
a disagreement (for position only, all of an annotator's spans are merged). A label nobody used on
the continuum is left out. Where ``D_e`` is 0 (nothing to compare) or annotators share no
document, the figure is ``None`` with a reason, never 1.0.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
Span = tuple[int, int, str]
Doc = TypeVar("Doc", bound=Hashable)


@dataclass(frozen=True)
class Figure:
    """One αU value, or ``None`` and why."""

    value: float | None
    reason: str | None = None


@dataclass(frozen=True)
class AnnotatorSpans:
    """One annotator's spans as columns: document index, label index, start, end."""

    doc: IntArray
    label: IntArray
    start: IntArray
    end: IntArray


@dataclass
class UnitizingAlpha:
    """αU of ``annotators`` over ``documents`` documents (``length`` code points)."""

    annotators: list[str]
    documents: int
    length: int
    overall: Figure
    by_label: dict[str, Figure] = field(default_factory=dict)
    position_only: Figure = field(default_factory=lambda: Figure(None, "not computed"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "documents": self.documents,
            "length": self.length,
            "overall": self.overall.value,
            "reason": self.overall.reason,
            "by_label": {k: f.value for k, f in self.by_label.items()},
            "reasons": {k: f.reason for k, f in self.by_label.items() if f.reason},
            "position_only": {"alpha_u": self.position_only.value, "reason": self.position_only.reason},
        }


def _merged(starts: IntArray, ends: IntArray) -> tuple[IntArray, IntArray]:
    """The union of intervals, as sorted non-overlapping intervals (touching ones stay apart, as two
    adjacent units are two units)."""
    if starts.shape[0] == 0:
        return starts, ends
    order = np.lexsort((ends, starts))
    s, e = starts[order], ends[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(s.shape[0], dtype=bool)
    new[1:] = s[1:] >= reach[:-1]
    group = np.cumsum(new) - 1
    out_e = np.zeros(int(group[-1]) + 1, dtype=np.int64)
    np.maximum.at(out_e, group, e)
    return s[new], out_e


def _gaps(starts: IntArray, ends: IntArray, length: int) -> IntArray:
    """Lengths of the stretches of ``[0, length)`` not covered by the sorted disjoint units."""
    bounds_from = np.concatenate([[0], ends])
    bounds_to = np.concatenate([starts, [length]])
    gaps = bounds_to - bounds_from
    return np.asarray(gaps[gaps > 0], dtype=np.int64)


def _pair_sum(a: tuple[IntArray, IntArray], b: tuple[IntArray, IntArray]) -> float:
    """Σ of the observed distances between two annotators' disjoint sorted units of one label."""
    (sa, ea), (sb, eb) = a, b
    total = 0.0
    for (s1, e1), (s2, e2) in (((sa, ea), (sb, eb)), ((sb, eb), (sa, ea))):
        # Units of the first side with no unit of the other overlapping them lie in a gap: l².
        lo = np.searchsorted(e2, s1, side="right")
        hi = np.searchsorted(s2, e1, side="left")
        lone = hi <= lo
        total += float(((e1[lone] - s1[lone]).astype(np.float64) ** 2).sum())
    # Overlapping pairs, counted once: (b1 - b2)² + (e1 - e2)².
    lo = np.searchsorted(eb, sa, side="right")
    hi = np.searchsorted(sb, ea, side="left")
    counts = np.maximum(hi - lo, 0)
    if counts.sum():
        ia = np.repeat(np.arange(sa.shape[0]), counts)
        first = np.cumsum(counts) - counts
        ib = np.repeat(lo, counts) + np.arange(int(counts.sum())) - np.repeat(first, counts)
        db_ = (sa[ia] - sb[ib]).astype(np.float64)
        de = (ea[ia] - eb[ib]).astype(np.float64)
        total += float((db_**2 + de**2).sum())
    return total


def _disagreements(units: list[tuple[IntArray, IntArray]], length: int) -> tuple[float, float]:
    """``(D_o, D_e)`` of one label, from each annotator's disjoint sorted units on ``[0, length)``."""
    r = len(units)
    observed = sum(_pair_sum(units[i], units[j]) for i, j in combinations(range(r), 2))
    d_o = 2.0 * observed / (r * (r - 1) * float(length) ** 2)
    lengths = np.concatenate([e - s for s, e in units]).astype(np.float64)
    n = lengths.shape[0]
    gaps = np.sort(np.concatenate([_gaps(s, e, length) for s, e in units]).astype(np.float64))
    # Σ_{g ≥ l} (g - l + 1) for every unit length l, from suffix sums of the sorted gaps.
    suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    first = np.searchsorted(gaps, lengths, side="left")
    above = gaps.shape[0] - first
    fit = suffix[first] - (lengths - 1.0) * above
    per_unit = (n - 1) * (2 * lengths**3 - 3 * lengths**2 + lengths) / 3.0 + lengths**2 * fit
    rl = float(r) * float(length)
    denominator = rl * (rl - 1.0) - float((lengths * (lengths - 1.0)).sum())
    d_e = 2.0 / length * float(per_unit.sum()) / denominator
    return d_o, d_e


def _alpha(d_o: float, d_e: float) -> Figure:
    if d_e <= 0.0:
        return Figure(None, "no expected disagreement: nothing to compare")
    return Figure(1.0 - d_o / d_e)


def unitizing_alpha(
    annotations: Mapping[Doc, Mapping[str, Sequence[Span]]], lengths: Mapping[Doc, int], annotators: Sequence[str]
) -> UnitizingAlpha:
    """αU of ``annotators`` (two or more) per label, overall and position only, on the documents all
    of them annotated (those where each is a key of ``annotations[doc]``); ``lengths[doc]`` is the
    document's length in code points. An annotator present with an empty list annotated the
    document and marked nothing; one absent did not annotate it."""
    names = list(dict.fromkeys(annotators))
    docs = list(annotations)
    labels = sorted({label for by in annotations.values() for spans in by.values() for _, _, label in spans})
    label_index = {label: k for k, label in enumerate(labels)}
    annotated = np.array([[n in annotations[d] for d in docs] for n in names], dtype=bool).reshape(len(names), -1)
    columns = []
    for n in names:
        rows = [(i, label_index[lab], s, e) for i, d in enumerate(docs) for s, e, lab in annotations[d].get(n, ())]
        a = np.array(rows, dtype=np.int64).reshape(-1, 4)
        columns.append(AnnotatorSpans(a[:, 0], a[:, 1], a[:, 2], a[:, 3]))
    doc_lengths = np.array([lengths[d] for d in docs], dtype=np.int64)
    return unitizing_alpha_of_arrays(columns, annotated, doc_lengths, labels, names)


def unitizing_alpha_of_arrays(
    spans: Sequence[AnnotatorSpans],
    annotated: npt.NDArray[np.bool_],
    lengths: IntArray,
    labels: Sequence[str],
    names: Sequence[str],
) -> UnitizingAlpha:
    """:func:`unitizing_alpha` over columns: ``spans[i]`` are annotator ``names[i]``'s spans (label
    indexes into ``labels``), ``annotated[i, d]`` says they annotated document ``d`` of length
    ``lengths[d]``."""
    names = list(names)
    if len(names) < 2:
        raise ValueError("αU needs two or more annotators")
    common = annotated.all(axis=0) & (lengths > 0)
    if not common.any():
        why = f"no document annotated by all of {', '.join(names)}"
        return UnitizingAlpha(names, 0, 0, Figure(None, why), position_only=Figure(None, why))
    base = np.cumsum(np.where(common, lengths, 0)) - np.where(common, lengths, 0)
    total = int(lengths[common].sum())
    placed = []
    for one in spans:
        keep = common[one.doc] & (one.end > one.start)
        offset = base[one.doc[keep]]
        placed.append((one.label[keep], one.start[keep] + offset, one.end[keep] + offset))
    used = np.unique(np.concatenate([lab for lab, _, _ in placed]))
    result = UnitizingAlpha(names, int(common.sum()), total, Figure(None, "no spans on the shared documents"))
    if used.shape[0] == 0:
        result.position_only = Figure(None, "no spans on the shared documents")
        return result

    def units_of(k: int | None) -> list[tuple[IntArray, IntArray]]:
        return [_merged(s, e) if k is None else _merged(s[lab == k], e[lab == k]) for lab, s, e in placed]

    sums = [0.0, 0.0]
    for k in sorted(used.tolist(), key=lambda k: labels[k]):
        d_o, d_e = _disagreements(units_of(k), total)
        result.by_label[labels[k]] = _alpha(d_o, d_e)
        sums[0] += d_o
        sums[1] += d_e
    result.overall = _alpha(sums[0] / used.shape[0], sums[1] / used.shape[0])
    result.position_only = _alpha(*_disagreements(units_of(None), total))
    return result
