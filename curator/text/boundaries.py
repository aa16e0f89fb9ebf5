"""Where a span may start and end: never between a letter and its marks, never across a paragraph
break unless allowed; word snapping that can leave an Arabic proclitic outside the span."""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from functools import lru_cache

from curator.paths import user_cache_dir

# Single-letter proclitics: wa, fa, bi, li, ka. The article is handled separately.
PROCLITICS = frozenset("وفبلك")
ARTICLE = "ال"


def is_mark(ch: str) -> bool:
    """A combining mark (tashkeel, accents) or tatweel: never the first character of a span."""
    return unicodedata.category(ch) in ("Mn", "Me") or ch == "\u0640"


def is_boundary(text: str, offset: int) -> bool:
    """True when a span may start or end at ``offset``: not before a combining mark."""
    if offset <= 0 or offset >= len(text):
        return 0 <= offset <= len(text)
    ch = text[offset]
    if is_mark(ch):
        return False
    # Keep a surrogate-free Python str; but never split a ZWJ emoji sequence.
    return not (ch == "\u200d" or text[offset - 1] == "\u200d")


def _mark_ranges() -> list[tuple[int, int]]:
    """Code point ranges of every character :func:`is_mark` is True for, and ZWJ, from ``unicodedata``."""
    ranges: list[tuple[int, int]] = []
    category = unicodedata.category
    for code in range(0x110000):
        ch = chr(code)
        if category(ch) in ("Mn", "Me") or ch in "\u0640\u200d":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return ranges


@lru_cache(maxsize=1)
def _cached_mark_ranges() -> tuple[tuple[int, int], ...]:
    """:func:`_mark_ranges`, kept in the user's cache folder per Unicode version: a scan of all code
    points takes a quarter of a second."""
    cache = user_cache_dir() / "unicode" / f"marks-{unicodedata.unidata_version}.json"
    try:
        ranges = [(int(a), int(b)) for a, b in json.loads(cache.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        ranges = _mark_ranges()
        with contextlib.suppress(OSError):
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(".part")
            partial.write_text(json.dumps(ranges), encoding="utf-8")
            partial.replace(cache)
    return tuple(ranges)


@lru_cache(maxsize=1)
def _candidates() -> re.Pattern[str]:
    """A character class of every mark, tatweel and ZWJ of the Basic Multilingual Plane, and of every
    character beyond it (each of those is then asked :func:`is_mark`).

    Python's ``re`` tests a class holding only BMP characters with one table lookup, but walks a class
    with astral ranges range by range, fifty times slower over a whole text."""
    ranges = _cached_mark_ranges()
    bmp = "".join(f"{re.escape(chr(a))}-{re.escape(chr(min(b, 0xFFFF)))}" for a, b in ranges if a <= 0xFFFF)
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def split_chars() -> frozenset[str]:
    """Every character a span may not start or end before: marks, tatweel, ZWJ. An offset ``o`` with
    ``0 < o < len(text)`` is in :func:`inner_splits` exactly when ``text[o]`` is one of them or
    ``text[o - 1]`` is a ZWJ: for checking a few offsets of a text without scanning all of it."""
    return frozenset(chr(code) for a, b in _cached_mark_ranges() for code in range(a, b + 1))


def inner_splits(text: str) -> frozenset[int]:
    """Every offset where :func:`is_boundary` is False: before a mark, on either side of a ZWJ.

    For checking thousands of spans of one text with two set lookups each; the marks are found by
    one regular expression search over the text.
    """
    out = set()
    for match in _candidates().finditer(text):
        at = match.start()
        ch = text[at]
        if ch > "\uffff" and not is_mark(ch):
            continue
        out.add(at)
        if ch == "\u200d":
            out.add(at + 1)
    if not out:
        return frozenset()
    out.discard(0)
    out.discard(len(text))
    return frozenset(out)


BLANK_LINE = "\n\n"


@lru_cache(maxsize=8)
def paragraph_separator(text: str) -> str:
    """What separates paragraphs in ``text``: a blank line where the text has any (a single line break
    is then a hard wrap inside a sentence, as in copied newswire), else every line break."""
    # Cached: the window asks at every selection of the open document, and a 1 MB text takes about a
    # millisecond to scan; a str keeps its hash and the lookup finds the same object first.
    return BLANK_LINE if BLANK_LINE in text else "\n"


def crosses_paragraph(text: str, start: int, end: int, separator: str | None = None) -> bool:
    """True when the span ``[start, end)`` contains a paragraph break (see :func:`paragraph_separator`;
    pass the whole text's ``separator`` when ``text`` is only a window of it)."""
    return (separator or paragraph_separator(text)) in text[start:end]


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end (exclusive, before the break) of the paragraph holding ``offset``."""
    separator = paragraph_separator(text)
    found = text.rfind(separator, 0, offset)
    start = 0 if found == -1 else found + len(separator)
    end = text.find(separator, offset)
    return start, len(text) if end == -1 else end


def is_word_char(ch: str) -> bool:
    """Letters, digits, their marks, and the joiners of a word (_ ' ’ -): what a double-click takes."""
    return ch.isalnum() or is_mark(ch) or ch in "_'’-"


def word_bounds(text: str, offset: int) -> tuple[int, int]:
    """The word (letters, digits, their marks) around ``offset``; empty at a non-word character."""
    start = offset
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    end = offset
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def snap(text: str, start: int, end: int, *, keep_proclitic_out: bool = False) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and trim surrounding spaces and punctuation.

    Where the selection started inside a word right after a proclitic (``و|السودان``) and
    ``keep_proclitic_out`` is set, the proclitic stays outside the span.
    """
    if start > end:
        start, end = end, start
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    if start == end:
        return start, end
    word_start, _ = word_bounds(text, start)
    _, word_end = word_bounds(text, end - 1)
    snapped_start = word_start
    if keep_proclitic_out and start > word_start:
        snapped_start = proclitic_split(text, word_start, start)
    return snapped_start, word_end


def proclitic_split(text: str, word_start: int, wanted: int) -> int:
    """Where a span may start inside a word when a proclitic is left out: ``wanted`` if the letters
    between ``word_start`` and ``wanted`` are proclitics (optionally with marks), else the word start."""
    i = word_start
    while i < wanted:
        if text[i] in PROCLITICS:
            i += 1
            while i < wanted and is_mark(text[i]):
                i += 1
        else:
            return word_start
    return wanted


def clamp_to_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` back and ``end`` forward until neither splits a letter from its marks."""
    while start > 0 and not is_boundary(text, start):
        start -= 1
    while end < len(text) and not is_boundary(text, end):
        end += 1
    return start, end
