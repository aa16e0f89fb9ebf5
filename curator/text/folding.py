"""Search folding: Arabic-insensitive (tashkeel, tatweel, alef forms, yeh, teh marbuta) and
accent- and case-insensitive Latin, with a map back to offsets in the original text.

Only copies are folded: the stored text is never normalised. Folding maps each character to at most
one character, through one ``str.translate`` table, so it runs at C speed on whole corpora.
"""

from __future__ import annotations

import re
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


class _Folds(dict[int, str]):
    """The fold of each character met so far, made on first use: folding a title at import or a
    filter at the window's start costs what its characters cost, not building :func:`_table` for the
    whole BMP (half a second). Folds exactly as that table (characters outside the BMP stay)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_one(chr(code)) if code < 0x10000 and not 0xD800 <= code <= 0xDFFF else chr(code)
        self[code] = folded
        return folded


_FOLDS = _Folds()


def fold_char(ch: str) -> str:
    """The folded form of one character: '' for marks and invisible controls dropped by folding."""
    return ch.translate(_FOLDS)


def fold_text(text: str) -> str:
    """The folded copy of ``text`` (no offset map): what the search index stores."""
    return text.translate(_FOLDS)


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

    def span_with_marks(self, start: int, end: int, source: str) -> tuple[int, int]:
        """:meth:`span_in_source`, with the end moved over the combining marks (tashkeel, accents of NFD
        text) and tatweel that follow the slice's last character in ``source``, the text this was
        folded from: a span never ends between a letter and its marks. Invisible controls after it
        stay outside."""
        first, last = self.span_in_source(start, end)
        while last < len(source) and (source[last] == "\u0640" or unicodedata.category(source[last]) in ("Mn", "Me")):
            last += 1
        return first, last


_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


def fold_spaced(text: str, separator: str) -> Folded:
    """:func:`fold`, then each run of white space made one space, or one ``"\n"`` where the run holds
    ``separator`` (the text's paragraph break), so that a key of :func:`fold_words` matches across any
    white space but never across a paragraph. The origin still points into ``text``."""
    folded = fold(text)
    runs = list(_SPACE_RUN.finditer(folded.text))
    if not runs:
        return folded
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for run in runs:
        start, end = run.span()
        pieces.append(folded.text[at:start])
        origin.extend(folded.origin[at:start])
        pieces.append("\n" if separator in text[folded.origin[start] : folded.origin[end - 1] + 1] else " ")
        origin.append(folded.origin[start])
        at = end
    pieces.append(folded.text[at:])
    origin.extend(folded.origin[at:])
    return Folded("".join(pieces), origin, len(text))


def fold(text: str) -> Folded:
    """Fold ``text`` for matching, keeping where each folded character came from."""
    folded = fold_text(text)
    if len(folded) == len(text):
        return Folded(folded, list(range(len(text))), len(text))
    # The kept stretches between runs of dropped characters, each one range: C speed, not a loop per
    # character (a 1 MB Arabic text has a few thousand such runs).
    origin: list[int] = []
    at = 0
    for run in _dropped_runs().finditer(text):
        origin.extend(range(at, run.start()))
        at = run.end()
    origin.extend(range(at, len(text)))
    return Folded(folded, origin, len(text))


@lru_cache(maxsize=1)
def _dropped_runs() -> re.Pattern[str]:
    """Runs of characters folding drops (all in the BMP, so the class is one table lookup)."""
    return re.compile(_char_class("".join(sorted(_dropped()))) + "+")


def fold_query(query: str) -> str:
    return fold_text(query).strip()


def fold_words(text: str) -> str:
    """The folded copy of ``text`` with each run of white space made one space, none at the ends: what
    a plain substring match (SQL ``LIKE``) compares, so that any white space matches any other, as in
    :func:`query_pattern`. Fold stored copies and the query with it alike."""
    return " ".join(fold_text(text).split())


def document_filter_key(title: str, ext_id: str) -> str:
    """What the document list's text filter matches: the folded title and external id
    (:func:`fold_words`), one line each. A folded query has no line break, so no
    match runs from the title into the id. A change to folding needs a migration that refills it."""
    return fold_words(title) + "\n" + fold_words(ext_id)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each folded character, every character that folds to it (itself included)."""
    variants: dict[str, set[str]] = {}
    for code, folded in _table().items():
        if folded:
            variants.setdefault(folded, {folded}).add(chr(code))
    return {key: "".join(sorted(chars)) for key, chars in variants.items()}


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@lru_cache(maxsize=256)
def query_pattern(query: str) -> re.Pattern[str] | None:
    """A regex over the *original* text matching ``query`` under folding, or None for an empty query.

    Each query character becomes the class of all characters that fold to it; dropped characters
    (tashkeel, tatweel, invisible controls) may stand between letters; marks after the last letter are
    part of the match so no diacritic is cut off; any run of white space matches any other.
    """
    needle = fold_query(query)
    if not needle:
        return None
    variants = _variants()
    skip = _char_class("".join(sorted(_dropped()))) + "*"
    marks = _char_class("".join(sorted(_ARABIC_MARKS | {ch for ch in _dropped() if ch not in _INVISIBLE}))) + "*"
    parts: list[str] = []
    previous_space = False
    for ch in needle:
        if ch.isspace():
            if not previous_space:
                parts.append(r"\s+")
            previous_space = True
            continue
        previous_space = False
        chars = variants.get(ch, ch)
        parts.append(_char_class(chars) if len(chars) > 1 else re.escape(ch))
    return re.compile(skip.join(parts) + marks)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text`` under folding, as original offsets.

    A match's end is extended over marks that follow its last letter, so no diacritic is cut off.
    """
    pattern = query_pattern(query)
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(text)]
