"""Agreement coefficients over numpy arrays: Krippendorff's alpha (nominal), Cohen's and Fleiss' kappa.

Each returns ``nan`` where the coefficient is undefined (no pairable values, or no variation at all:
expected disagreement 0); callers turn that into ``None`` for JSON.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def nominal_alpha(value_counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float:
    """Krippendorff's alpha, nominal metric, from a units × values matrix of counts (how many
    coders gave each value to each unit). Units with fewer than two values are not pairable and are
    left out, as the coefficient defines. ``weights`` says how many units each row stands for (rows
    of identical units folded into one, see :func:`fold_units`).

    The coincidence matrix is built with one matrix product, so hundreds of thousands of units
    take milliseconds; the ``krippendorff`` package gives the same values (checked in the tests)
    but is too slow for token-level units of a whole corpus.
    """
    counts = np.asarray(value_counts, dtype=np.float64)
    if counts.ndim != 2 or counts.size == 0:
        return float("nan")
    w = np.ones(counts.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    m = counts.sum(axis=1)
    pairable = m > 1
    counts, m, w = counts[pairable], m[pairable], w[pairable]
    if counts.shape[0] == 0:
        return float("nan")
    weighted = counts * (w / (m - 1))[:, None]
    coincidences = weighted.T @ counts - np.diag(weighted.sum(axis=0))
    n_c = coincidences.sum(axis=1)
    n = n_c.sum()
    observed = n - np.trace(coincidences)
    expected = (n * n - float((n_c**2).sum())) / (n - 1) if n > 1 else 0.0
    if expected <= 0:
        return float("nan")
    return float(1.0 - observed / expected)


def fold_units(values: npt.NDArray[np.int64], n_values: int) -> tuple[IntArray, IntArray]:
    """Fold coders × units value codes (``-1`` = missing) into distinct count rows and how many units
    have each: ``(rows, weights)`` with rows of shape distinct × ``n_values``.

    Each unit's count row is encoded as one integer (digits in base coders + 1), so folding is one
    sort of integers instead of a sort of rows; when the code would not fit in 62 bits the rows are
    counted directly.
    """
    coders, units = values.shape
    base = coders + 1
    if n_values * math.log2(base) < 62:
        powers = base ** np.arange(n_values, dtype=np.int64)
        code = np.where(values >= 0, powers[np.maximum(values, 0)], 0).sum(axis=0)
        distinct, weights = np.unique(code, return_counts=True)
        rows = (distinct[:, None] // powers[None, :]) % base
        return rows.astype(np.int64), weights.astype(np.int64)
    counts = np.zeros((units, n_values), dtype=np.int64)
    for row in values:
        ok = row >= 0
        np.add.at(counts, (np.flatnonzero(ok), row[ok]), 1)
    distinct_rows, weights = np.unique(counts, axis=0, return_counts=True)
    return distinct_rows.astype(np.int64), weights.astype(np.int64)


def binary_counts(present: npt.ArrayLike, coded: npt.ArrayLike) -> FloatArray:
    """Units × 2 counts (yes, no) from per-unit counts of coders who said yes and who coded at all."""
    yes = np.asarray(present, dtype=np.float64)
    total = np.asarray(coded, dtype=np.float64)
    return np.stack([yes, total - yes], axis=1)


def cohen_kappa_binary(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """Cohen's kappa of two coders' yes/no decisions on the same units (boolean arrays)."""
    a = np.asarray(x, dtype=bool)
    b = np.asarray(y, dtype=bool)
    if a.size == 0:
        return float("nan")
    observed = float(np.mean(a == b))
    pa, pb = float(a.mean()), float(b.mean())
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected >= 1:
        return float("nan")
    return (observed - expected) / (1 - expected)


def fleiss_kappa(category_counts: npt.ArrayLike) -> float:
    """Fleiss' kappa from a units × categories matrix; every unit must have the same number of raters."""
    counts = np.asarray(category_counts, dtype=np.float64)
    if counts.ndim != 2 or counts.shape[0] == 0:
        return float("nan")
    raters = counts.sum(axis=1)
    if raters.min() != raters.max() or raters[0] < 2:
        raise ValueError("Fleiss' kappa needs the same number (two or more) of raters on every unit")
    n = raters[0]
    units = counts.shape[0]
    per_unit = ((counts**2).sum(axis=1) - n) / (n * (n - 1))
    observed = float(per_unit.mean())
    shares = counts.sum(axis=0) / (units * n)
    expected = float((shares**2).sum())
    if expected >= 1:
        return float("nan")
    return (observed - expected) / (1 - expected)
