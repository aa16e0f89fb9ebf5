"""Search folding: Arabic-insensitive (tashkeel, tatweel, alef forms, yeh, teh marbuta) and
accent- and case-insensitive Latin, with a map back to offsets in the original text.

Only copies are folded: the stored text is never normalised.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}  # tashkeel, dagger alef, tatweel
_ARABIC_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_INVISIBLE = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u00ad"} | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def fold_char(ch: str) -> str:
    """The folded form of one character: '' for marks dropped by the folding."""
    if ch in _ARABIC_MARKS or ch in _INVISIBLE:
        return ""
    if ch in _ARABIC_FOLDS:
        return _ARABIC_FOLDS[ch]
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return (base or ch).lower() if not _is_arabic_letter(ch) else ch


def _is_arabic_letter(ch: str) -> bool:
    return 0x0600 <= ord(ch) <= 0x06FF


@dataclass(frozen=True)
class Folded:
    """A folded copy of a text and, for each folded character, its offset in the original."""

    text: str
    origin: list[int]
    source_length: int

    def span_in_source(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded slice ``[start, end)``, end exclusive."""
        if start >= end:
            raise ValueError("empty span")
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold ``text`` for matching, keeping where each folded character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for f in fold_char(ch):
            out.append(f)
            origin.append(i)
    return Folded("".join(out), origin, len(text))


def fold_query(query: str) -> str:
    return fold(query).text


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text`` under folding, as original offsets.

    A match's end is extended over marks that follow its last letter, so no diacritic is cut off.
    """
    needle = fold_query(query)
    if not needle:
        return []
    folded = fold(text)
    matches: list[tuple[int, int]] = []
    pos = folded.text.find(needle)
    while pos != -1:
        start, end = folded.span_in_source(pos, pos + len(needle))
        while end < len(text) and fold_char(text[end]) == "" and text[end] not in _INVISIBLE:
            end += 1
        matches.append((start, end))
        pos = folded.text.find(needle, pos + len(needle))
    return matches
