"""Search folding: Arabic-insensitive (tashkeel, tatweel, alef forms, yeh, teh marbuta) and
accent- and case-insensitive Latin, with a map back to offsets in the original text.

Only copies are folded: the stored text is never normalised. Folding maps each character to at most
one character, through one ``str.translate`` table, so it runs at C speed on whole corpora.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from curator.paths import user_cache_dir
from curator.text.boundaries import is_mark

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
    """Translation table for every BMP character that folding changes: built once (a quarter of a
    second) and kept in the user's cache folder per Unicode version and version of this module, as
    :mod:`curator.text.boundaries` keeps its marks."""
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    cache = user_cache_dir() / "unicode" / f"folds-{unicodedata.unidata_version}-{source}.json"
    try:
        return {int(code): str(folded) for code, folded in json.loads(cache.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        table = _full_table()
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".part")
        partial.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        partial.replace(cache)
    return table


def _full_table() -> dict[int, str]:
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


@lru_cache(maxsize=1)
def _changed() -> re.Pattern[str]:
    """One character that folding replaces by another (all in the BMP: one table lookup per character)."""
    return re.compile(_char_class("".join(chr(code) for code, value in sorted(_table().items()) if value)))


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


# From this length on, a text is folded by :func:`_substitute` (the full table is built once, about
# a quarter of a second); shorter ones by ``str.translate`` with the folds made on first use.
_LONG = 2048
# At most this many different characters are replaced one by one; the rest of the text is translated.
_FEW_CHANGED = 64


def fold_text(text: str) -> str:
    """The folded copy of ``text`` (no offset map): what the search index stores."""
    if len(text) < _LONG:
        return text.translate(_FOLDS)
    return _substitute(_dropped_runs().sub("", text))


def _substitute(text: str) -> str:
    """``text.translate(_table())`` for a text folding drops nothing from, faster on long texts.

    ``str.translate`` looks every character up in a dict (about 60 ns each: 33 ms for a 1 MB Arabic
    text), though a text holds few *different* characters that folding changes (eight in the 1 MB
    Arabic text of the benchmark). Each of those is found by one regular-expression search, which
    goes on from where the last stopped, and replaced everywhere by ``str.replace``. Every folded
    character is one folding keeps (the table is idempotent), so what was replaced is never met again."""
    table = _table()
    search = _changed().search
    at = 0
    for _ in range(_FEW_CHANGED):
        found = search(text, at)
        if found is None:
            return text
        at = found.start()
        text = text.replace(found.group(), table[ord(found.group())])
    return text.translate(table)


@dataclass(frozen=True)
class Folded:
    """A folded copy of a text and where each folded character came from in the original.

    The map is kept as stretches: folded offset ``starts[i]`` and on come from ``origins[i]`` and on,
    one for one, up to ``starts[i + 1]``. A 1 MB text has a few thousand stretches, so folding makes no
    list of a million offsets; :attr:`origin` makes that list when asked."""

    text: str
    starts: list[int]
    origins: list[int]
    source_length: int

    def source_offset(self, offset: int) -> int:
        """Offset in the original of the folded character at ``offset``."""
        at = bisect.bisect_right(self.starts, offset) - 1
        return self.origins[at] + offset - self.starts[at]

    @cached_property
    def origin(self) -> list[int]:
        """For each folded character, its offset in the original."""
        out: list[int] = []
        bounds = [*self.starts[1:], len(self.text)]
        for start, end, source in zip(self.starts, bounds, self.origins, strict=True):
            out.extend(range(source, source + end - start))
        return out

    def span_in_source(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded slice ``[start, end)``, end exclusive."""
        if start >= end:
            raise ValueError("empty span")
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def span_with_marks(self, start: int, end: int, source: str) -> tuple[int, int]:
        """:meth:`span_in_source`, with the end moved over the combining marks (tashkeel, accents of NFD
        text) and tatweel that follow the slice's last character in ``source``, the text this was
        folded from: a span never ends between a letter and its marks. Invisible controls after it
        stay outside."""
        first, last = self.span_in_source(start, end)
        while last < len(source) and is_mark(source[last]):
            last += 1
        return first, last

    def spans_with_marks(self, spans: Iterable[tuple[int, int]], source: str) -> list[tuple[int, int]]:
        """:meth:`span_with_marks` of each folded span ``(start, end)``, for thousands of spans given in
        text order (sorted by start, none empty): the stretches are walked once instead of searched
        for each offset."""
        out: list[tuple[int, int]] = []
        add = out.append
        starts, origins = self.starts, self.origins
        size = len(source)
        marks = _MARKS
        if len(starts) == 1:
            shift = origins[0]
            for start, end in spans:
                last = end + shift
                while last < size and marks[source[last]]:
                    last += 1
                add((start + shift, last))
            return out
        bisect_right = bisect.bisect_right
        at = 0
        for start, end in spans:
            at = bisect_right(starts, start, at) - 1
            first = origins[at] + start - starts[at]
            tail = bisect_right(starts, end - 1, at) - 1
            last = origins[tail] + end - starts[tail]
            while last < size and marks[source[last]]:
                last += 1
            add((first, last))
        return out


class _Marks(dict[str, bool]):
    """:func:`~curator.text.boundaries.is_mark` of each character met so far (a dict lookup, not a
    call into ``unicodedata``, for the character after each of thousands of spans)."""

    def __missing__(self, ch: str) -> bool:
        found = self[ch] = is_mark(ch)
        return found


_MARKS = _Marks()


def fold_spaced(text: str, separator: str) -> Folded:
    """:func:`fold`, then each run of white space made one space, or one ``"\n"`` where the run holds
    ``separator`` (the text's paragraph break), so that a key of :func:`fold_words` matches across any
    white space but never across a paragraph. The map still points into ``text``.

    One pass over ``text`` finds both what folding drops and the runs to squeeze: a stretch of
    dropped characters and white space folds to its white space, one run (or to nothing). Folding
    keeps white space white space and nothing else, and changes no length, so the characters it
    replaces are replaced last, in the squeezed text. A run's one character comes from its first."""
    pieces: list[str] = []
    starts = [0]
    origins = [0]
    length = 0
    at = 0
    size = len(text)
    isspace = str.isspace
    # Stretches holding a dropped character or white space other than a space (the search skips
    # plain spaces at C speed), widened over the spaces before them; and runs of spaces alone.
    found = _spaced_runs().finditer(text)
    stretch = next(found, None)
    double = text.find("  ")
    while stretch is not None or double != -1:
        if stretch is None or (double != -1 and double < stretch.start()):
            start = end = double
            while end < size and text[end] == " ":
                end += 1
            double = text.find("  ", end)
            if stretch is not None and stretch.start() == end:
                continue  # the spaces start the stretch that follows them
            spaces = [start]
        else:
            start, end = stretch.span()
            while start > at and text[start - 1] == " ":
                start -= 1
            stretch = next(found, None)
            if double != -1 and double < end:
                double = text.find("  ", end)
            spaces = [i for i in range(start, end) if isspace(text[i])]
        if start > at:
            pieces.append(text[at:start])
            length += start - at
        if spaces:
            first, last = spaces[0], spaces[-1] + 1
            squeezed = " "
            if len(spaces) > 1 or text[first] != " ":
                run = text[first:last]
                if ("\n" in run or "\u2029" in run or "\r" in run) and separator in run:
                    squeezed = "\n"
            _stretch(starts, origins, length, first)
            pieces.append(squeezed)
            length += 1
        _stretch(starts, origins, length, end)
        at = end
    if not at:
        return Folded(_substitute_any(text), [0], [0], len(text))
    pieces.append(text[at:])
    return Folded(_substitute_any("".join(pieces)), starts, origins, len(text))


def _stretch(starts: list[int], origins: list[int], start: int, origin: int) -> None:
    """Folded offset ``start`` and on come from ``origin`` and on (nothing added where that goes on
    from the last stretch; the last one replaced where it would be empty)."""
    if origins[-1] + start - starts[-1] == origin:
        return
    if starts[-1] == start:
        origins[-1] = origin
    else:
        starts.append(start)
        origins.append(origin)


def _substitute_any(text: str) -> str:
    """The replacements of folding (no character dropped) on ``text``, short or long."""
    return text.translate(_FOLDS) if len(text) < _LONG else _substitute(text)


@lru_cache(maxsize=1)
def _spaced_runs() -> re.Pattern[str]:
    """A stretch of dropped characters and white space that starts with a dropped character or white
    space other than a plain space (all in the BMP: the first class is one table lookup)."""
    dropped = "".join(re.escape(c) for c in sorted(_dropped()))
    other_space = "".join(re.escape(chr(code)) for code in range(0x10000) if chr(code).isspace() and code != 0x20)
    return re.compile(f"[{dropped}{other_space}][{dropped}\\s]*")


def fold(text: str) -> Folded:
    """Fold ``text`` for matching, keeping where each folded character came from."""
    if len(text) < _LONG:
        folded = text.translate(_FOLDS)
        if len(folded) == len(text):
            return Folded(folded, [0], [0], len(text))
    # The kept stretches between runs of dropped characters: a few thousand in a 1 MB text.
    pieces: list[str] = []
    starts = [0]
    origins = [0]
    length = 0
    at = 0
    for run in _dropped_runs().finditer(text):
        pieces.append(text[at : run.start()])
        length += run.start() - at
        at = run.end()
        starts.append(length)
        origins.append(at)
    if not pieces:
        return Folded(_substitute_any(text), [0], [0], len(text))
    pieces.append(text[at:])
    return Folded(_substitute_any("".join(pieces)), starts, origins, len(text))


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
