"""Search folding: Arabic-insensitive (tashkeel, tatweel, alef forms, yeh, teh marbuta) and
accent- and case-insensitive Latin, with a map back to offsets in the original text.

Only copies are folded: the stored text is never normalised. Folding maps each character to at most
one character, through one ``str.translate`` table, so it runs at C speed on whole corpora.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# tashkeel (U+064B-U+065F), dagger alef, tatweel
_ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_ARABIC_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_INVISIBLE = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u00ad", "\ufeff"} | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def _fold_one(ch: str) -> str:
    if ch in _ARABIC_MARKS or ch in _INVISIBLE or unicodedata.category(ch) == "Mn":
        return ""
    if ch in _ARABIC_FOLDS:
        return _ARABIC_FOLDS[ch]
    if 0x0600 <= ord(ch) <= 0x06FF:
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn") or ch
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base[:1]


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Translation table for every BMP character that folding changes (built once, ~0.2 s)."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = _fold_one(ch)
        if folded != ch:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _dropped() -> frozenset[str]:
    return frozenset(chr(code) for code, value in _table().items() if value == "")


def fold_char(ch: str) -> str:
    """The folded form of one character: '' for marks and invisible controls dropped by folding."""
    return ch.translate(_table())


def fold_text(text: str) -> str:
    """The folded copy of ``text`` (no offset map): what the search index stores."""
    return text.translate(_table())


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
    folded = fold_text(text)
    if len(folded) == len(text):
        return Folded(folded, list(range(len(text))), len(text))
    dropped = _dropped()
    return Folded(folded, [i for i, ch in enumerate(text) if ch not in dropped], len(text))


def fold_query(query: str) -> str:
    return fold_text(query).strip()


def find_all(text: str, query: str, folded: Folded | None = None) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text`` under folding, as original offsets.

    A match's end is extended over marks that follow its last letter, so no diacritic is cut off.
    """
    needle = fold_query(query)
    if not needle:
        return []
    folded = folded or fold(text)
    dropped = _dropped()
    matches: list[tuple[int, int]] = []
    pos = folded.text.find(needle)
    while pos != -1:
        start, end = folded.span_in_source(pos, pos + len(needle))
        while end < len(text) and text[end] in dropped and text[end] not in _INVISIBLE:
            end += 1
        matches.append((start, end))
        pos = folded.text.find(needle, pos + len(needle))
    return matches
