"""Finding known names in a text, Arabic- and French-aware: the matching core shared by suggestions
(issue 18) and the entity registry (issue 19). Qt-free.

A name is compared by its key (:func:`name_key`): folded as search folds (:mod:`curator.text.folding`),
white space made single spaces, a leading French elision or Arabic proclitic chain removed.
:class:`NameMatcher` finds every key in a text with one Aho–Corasick pass (pyahocorasick) over the
text folded the same way, and answers in offsets of the stored text.

The span of an occurrence is the smallest stretch of stored text that is the name:

- a proclitic chain before it (و/ف, then ب/ك/ل) stays outside: in ``والأمم المتحدة`` the span starts
  at the ا;
- in the contraction ``للأمم المتحدة`` (ل + ال with the article's alef dropped) the span starts at the
  *second* ل, the one that stands for the article: the first ل is the preposition, the second is all
  that is written of ``ال``. So a name accepted as ``الأمم المتحدة`` is found there as ``لأمم المتحدة``;
- a French elision (``l'``, ``d'``, ``qu'``, with ' or ’) stays outside: in ``l'ONU`` the span is ``ONU``;
- the span ends after the marks (tashkeel, NFD accents) of its last letter.

A match must stand on word boundaries: ``الأمم`` is not found inside ``الأممية``. Of overlapping
matches the longest wins, then the leftmost; results never overlap.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from curator.text.boundaries import ARTICLE, PROCLITICS, paragraph_separator
from curator.text.folding import fold_spaced, fold_words

P = TypeVar("P")

# The chain before a name: one conjunction, then one preposition (boundaries.PROCLITICS is their union).
CONJUNCTIONS = frozenset("وف")
PREPOSITIONS = PROCLITICS - CONJUNCTIONS
# A contracted article: ل + ال is written لل.
_CONTRACTED = "ل"
# French elided words left outside a name (folded: lower case).
ELISIONS = ("l", "d", "qu", "jusqu", "lorsqu", "puisqu")
APOSTROPHES = "'’"
# The article is only taken to follow a chain when at least this many letters follow it in the word:
# "والي" (a governor) is a word, not و + ال + ي.
_MIN_AFTER_ARTICLE = 2


def _is_word_char(ch: str) -> bool:
    # As boundaries.word_bounds counts words, over folded text (where marks are already gone).
    return ch.isalnum() or ch in "_-" or ch in APOSTROPHES


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _first_word_length(key: str, start: int) -> int:
    end = key.find(" ", start)
    return (len(key) if end == -1 else end) - start


def _strip_proclitics(key: str) -> str:
    """``key`` without a leading proclitic chain, where what remains starts with the article (the chain
    [و|ف][ب|ك|ل]ال, or [و|ف]لل for ل + ال). A name without the article keeps its first letters:
    ``فلسطين``, ``بغداد`` are names, not ف + لسطين."""
    at = 0
    if at < len(key) and key[at] in CONJUNCTIONS:
        at += 1
    if key.startswith(_CONTRACTED + _CONTRACTED, at) and _first_word_length(key, at + 2) >= _MIN_AFTER_ARTICLE:
        return ARTICLE + key[at + 2 :]
    if at < len(key) and key[at] in PREPOSITIONS:
        at += 1
    if at and key.startswith(ARTICLE, at) and _first_word_length(key, at + 2) >= _MIN_AFTER_ARTICLE:
        return key[at:]
    return key


def _strip_elision(key: str) -> str:
    for word in ELISIONS:
        if len(key) > len(word) + 1 and key.startswith(word) and key[len(word)] in APOSTROPHES:
            return key[len(word) + 1 :].lstrip()
    return key


def name_key(text: str) -> str:
    """The key a name is matched by: folded as search folds (alef and hamza forms, ى/ي, ة/ه, tashkeel,
    tatweel, bidi and invisible marks; French case and accents), runs of white space made one space,
    and a leading French elision (``l'ONU`` → ``onu``) or Arabic proclitic chain (``والأمم`` and
    ``للأمم`` → ``الامم``) removed. Idempotent; ``""`` for a text with no letters to match."""
    key = fold_words(text)
    if key[:1] and _is_arabic(key[0]):
        return _strip_proclitics(key)
    return _strip_elision(key)


@dataclass(frozen=True)
class Occurrence(Generic[P]):
    """One name found in a text: stored-text code point offsets, end exclusive, and the payload of its
    key."""

    start: int
    end: int
    key: str
    payload: P


@dataclass(frozen=True)
class _Needle:
    index: int  # into NameMatcher's keys
    contracted: bool  # ل + the key without its article: only after the preposition ل


class NameMatcher(Generic[P]):
    """Every occurrence of known names in a text (see the module's rules).

    Built from ``(name, payload)`` entries; each name is taken through :func:`name_key`. Two names
    with the same key are refused (ValueError): gather their payloads into one before. Names with an
    empty key are refused too.
    """

    def __init__(self, entries: Iterable[tuple[str, P]]) -> None:
        self._keys: list[str] = []
        self._payloads: list[P] = []
        seen: dict[str, str] = {}
        needles: dict[str, list[_Needle]] = {}
        for name, payload in entries:
            key = name_key(name)
            if not key:
                raise ValueError(f"no letters to match in name {name!r}")
            if key in seen:
                raise ValueError(f"names {seen[key]!r} and {name!r} have the same key {key!r}")
            seen[key] = name
            index = len(self._keys)
            self._keys.append(key)
            self._payloads.append(payload)
            needles.setdefault(key, []).append(_Needle(index, False))
            if key.startswith(ARTICLE) and _first_word_length(key, 2) >= _MIN_AFTER_ARTICLE:
                needles.setdefault(_CONTRACTED + key[2:], []).append(_Needle(index, True))
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for needle, found in needles.items():
            self._automaton.add_word(needle, tuple(found))
        if needles:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._keys)

    def find(self, text: str) -> list[Occurrence[P]]:
        """Every occurrence in ``text`` (the stored text), in text order, none overlapping."""
        if not self._keys:
            return []
        folded = fold_spaced(text, paragraph_separator(text))
        haystack = folded.text
        candidates: list[tuple[int, int, int]] = []  # folded start, folded end, key index
        for last, found in self._automaton.iter(haystack):
            end = last + 1
            if end < len(haystack) and _is_word_char(haystack[end]):
                continue
            for needle in found:
                length = len(self._keys[needle.index]) - (1 if needle.contracted else 0)
                start = end - length
                if _starts_a_name(haystack, start, needle.contracted):
                    candidates.append((start, end, needle.index))
        occurrences: list[Occurrence[P]] = []
        for start, end, index in _longest_first(candidates):
            first, last = folded.span_with_marks(start, end, text)
            occurrences.append(Occurrence(first, last, self._keys[index], self._payloads[index]))
        return occurrences


def _starts_a_name(haystack: str, start: int, contracted: bool) -> bool:
    """Whether a match may start at ``start`` of the folded text: at a word's start, or after a
    proclitic chain (Arabic) or an elision (French) that starts the word."""
    at = start
    if contracted:
        # The matched ل is the article; the one before it is the preposition of لل.
        if at == 0 or haystack[at - 1] != _CONTRACTED:
            return False
        at -= 1
        if at and haystack[at - 1] in CONJUNCTIONS:
            at -= 1
    elif _is_arabic(haystack[start]):
        if at and haystack[at - 1] in PREPOSITIONS:
            at -= 1
        if at and haystack[at - 1] in CONJUNCTIONS:
            at -= 1
    elif at and haystack[at - 1] in APOSTROPHES:
        word = at - 1
        while word and haystack[word - 1].isalpha():
            word -= 1
        if haystack[word : at - 1] in ELISIONS:
            at = word
    return at == 0 or not _is_word_char(haystack[at - 1])


def _longest_first(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The candidates kept when overlapping ones give way to the longest (then the leftmost), in text
    order."""
    starts: list[int] = []
    kept: list[tuple[int, int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        start, end, _ = candidate
        at = bisect.bisect_left(starts, start)
        if at < len(kept) and kept[at][0] < end:
            continue
        if at and kept[at - 1][1] > start:
            continue
        starts.insert(at, start)
        kept.insert(at, candidate)
    return kept
