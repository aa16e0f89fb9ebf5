"""Tokens as the units of Krippendorff's alpha on span layers, and each annotator's label per token.

A token is a maximal run of letters, digits and combining marks (so Arabic tashkeel stays inside its
word, and "والسودان" is one token); everything else separates tokens. The texts of many documents
are laid end to end (one separator between documents) and classified as a numpy array of code
points, so a whole corpus is tokenised without a Python loop per character or token.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


@cache
def _word_table() -> npt.NDArray[np.bool_]:
    """For each BMP code point: is it a letter, a digit or a mark? (Astral characters are not.)"""
    return np.array([unicodedata.category(chr(c))[0] in "LNM" for c in range(0x10000)], dtype=bool)


class Corpus:
    """Documents laid end to end in one coordinate space, with their tokens.

    ``base[i]`` is where document ``i`` starts; ``token_start``/``token_end`` are global, sorted,
    and ``token_doc`` gives each token's document index.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        self.base: IntArray = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
        joined = "\n".join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        is_word = np.zeros(codes.shape[0] + 2, dtype=bool)
        bmp = codes < 0x10000
        is_word[1:-1][bmp] = _word_table()[codes[bmp]]
        edges = np.diff(is_word.astype(np.int8))
        self.token_start: IntArray = np.flatnonzero(edges == 1).astype(np.int64)
        self.token_end: IntArray = np.flatnonzero(edges == -1).astype(np.int64)
        self.token_doc: IntArray = (np.searchsorted(self.base, self.token_start, side="right") - 1).astype(np.int64)

    @property
    def tokens(self) -> int:
        return int(self.token_start.shape[0])

    def token_labels(self, doc: IntArray, start: IntArray, end: IntArray, label: IntArray, outside: int) -> IntArray:
        """Each token's label from one annotator's spans of one layer: the label of the span that
        covers most of the token's characters (ties: the longer span), ``outside`` where none does."""
        out = np.full(self.tokens, outside, dtype=np.int64)
        if start.shape[0] == 0 or self.tokens == 0:
            return out
        g_start = self.base[doc] + start
        g_end = self.base[doc] + end
        first = np.searchsorted(self.token_end, g_start, side="right")
        last = np.searchsorted(self.token_start, g_end, side="left")
        counts = np.maximum(last - first, 0)
        total = int(counts.sum())
        if total == 0:
            return out
        span_of = np.repeat(np.arange(start.shape[0]), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        token = np.repeat(first, counts) + offsets
        cover = np.minimum(g_end[span_of], self.token_end[token]) - np.maximum(
            g_start[span_of], self.token_start[token]
        )
        length = (g_end - g_start)[span_of]
        order = np.lexsort((-length, -cover, token))
        token, span_of = token[order], span_of[order]
        keep = np.concatenate([[True], token[1:] != token[:-1]])
        out[token[keep]] = label[span_of[keep]]
        return out
