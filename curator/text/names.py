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

The chain and the elision are allowed before any name (an Arabic text may write ``وONU``).
A match must stand on word boundaries: ``الأمم`` is not found inside ``الأممية``. Of overlapping
matches the longest (in folded characters) wins, then the leftmost; results never overlap. Several
matchers' matches in one text (:meth:`NameMatcher.matches`) resolve together as one matcher's
(:func:`resolve`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from curator.text.boundaries import ARTICLE, PROCLITICS, is_word_char, paragraph_separator
from curator.text.folding import Folded, fold_spaced, fold_words

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
    ``للأمم`` → ``الامم``) removed. ``name_key(name_key(n)) == name_key(n)``; ``""`` for a text with no
    letters to match. Where a key is found in a text, the span leaves the chain out; in ``للأمم`` it
    starts at the second ل, which stands for the article (see the module's rules)."""
    key = fold_words(text)
    if key[:1] and _is_arabic(key[0]):
        return _strip_proclitics(key)
    return _strip_elision(key)


def contracted_key(text: str, before: str) -> str | None:
    """For a span whose text is ``text`` and which follows ``before`` (the stored text just before it;
    two characters are enough): the key of the name with its article when the span may start at the
    article of a contraction (``للأمم المتحدة`` marked from its second ل, as suggestions mark it:
    ``الامم المتحده``), else None. Only "may": ``للبنان`` is ل + لبنان, with no article, so the
    caller takes this key only when it is a name it knows."""
    key = name_key(text)
    if (
        key.startswith(_CONTRACTED)
        and not key.startswith(ARTICLE)
        and before.endswith(_CONTRACTED)
        and (len(before) < 2 or not is_word_char(before[-2]) or before[-2] in CONJUNCTIONS)
    ):
        return "ا" + key
    return None


class Occurrence(NamedTuple, Generic[P]):
    """One name found in a text: stored-text code point offsets, end exclusive, and the payload of its
    key. (A named tuple: thousands are made per long text, at a third of a frozen dataclass's cost.)"""

    start: int
    end: int
    key: str
    payload: P


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
        # Each needle's value: (folded length, key index, contracted) for every key it stands for.
        needles: dict[str, list[tuple[int, int, bool]]] = {}
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
            needles.setdefault(key, []).append((len(key), index, False))
            if key.startswith(ARTICLE) and _first_word_length(key, 2) >= _MIN_AFTER_ARTICLE:
                # ل + the key without its article's alef: found only after the preposition ل (لل)
                needles.setdefault(_CONTRACTED + key[2:], []).append((len(key) - 1, index, True))
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for needle, found in needles.items():
            self._automaton.add_word(needle, tuple(found))
        if needles:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._keys)

    def find(self, text: str, accept: Callable[[P], bool] | None = None) -> list[Occurrence[P]]:
        """Every occurrence in ``text`` (the stored text), in text order, none overlapping. With
        ``accept``, names whose payload it refuses are not looked for at all: they neither match nor
        make a shorter name give way (as if the matcher had been built without them)."""
        if not self._keys:
            return []
        return self.find_in(fold_for_names(text), text, accept)

    def find_in(
        self,
        folded: Folded,
        text: str,
        accept: Callable[[P], bool] | None = None,
        *,
        extra: Sequence[Matches[P]] = (),
    ) -> list[Occurrence[P]]:
        """:meth:`find` on ``text`` already folded by :func:`fold_for_names` (several matchers over one
        text fold it once). With ``extra`` (what other matchers found in the same folded text, see
        :meth:`matches`), their names compete with this one's as if this matcher had been built with
        them too, after its own."""
        return resolve(folded, text, [self.matches(folded, accept), *extra])

    def matches(self, folded: Folded, accept: Callable[[P], bool] | None = None) -> Matches[P]:
        """What one pass of the automaton finds in ``folded`` that stands on word boundaries (after
        a proclitic chain or an elision, or at a contraction's article), overlaps not yet resolved:
        kept by the suggestions of an open document so that a name learned later needs a pass of
        its own only (see :func:`resolve`)."""
        candidates: list[tuple[int, int, int, int]] = []  # -length, folded start, folded end, key index
        if not self._keys:
            return Matches(self, candidates)
        haystack = folded.text
        size = len(haystack)
        # The loop runs once per raw match (thousands in a long text): names bound locally, and the
        # word test of a character a dict lookup.
        word, payloads, add = _WORD, self._payloads, candidates.append
        for last, found in self._automaton.iter(haystack):
            end = last + 1
            if end < size and word[haystack[end]]:
                continue
            for length, index, contracted in found:
                if accept is not None and not accept(payloads[index]):
                    continue
                start = end - length
                if contracted:
                    if not _after_contraction(haystack, start):
                        continue
                elif start and word[haystack[start - 1]] and not _after_prefix(haystack, start):
                    continue
                add((start - end, start, end, index))
        return Matches(self, candidates)


@dataclass(frozen=True)
class Matches(Generic[P]):
    """What :meth:`NameMatcher.matches` found in one folded text: ``(-length, start, end, key
    index)`` in folded offsets, overlapping ones included."""

    matcher: NameMatcher[P]
    candidates: list[tuple[int, int, int, int]]


def resolve(folded: Folded, text: str, found: Sequence[Matches[P]]) -> list[Occurrence[P]]:
    """The occurrences of the names of ``found`` (what matchers found in ``folded``, the folded copy of
    ``text``) as if one matcher held all their names, in that order: overlapping ones give way to
    the longest, then the leftmost, then the name met first; in text order, in stored offsets."""
    every: list[tuple[int, int, int, int]] = []
    keys: list[str] = []
    payloads: list[P] = []
    for part in found:
        shift = len(keys)
        if shift:
            every.extend((size, start, end, index + shift) for size, start, end, index in part.candidates)
        else:
            every.extend(part.candidates)
        keys.extend(part.matcher._keys)
        payloads.extend(part.matcher._payloads)
    if not every:
        return []
    kept = _longest_first(every, len(folded.text))
    spans = folded.spans_with_marks([(start, end) for start, end, _ in kept], text)
    return [
        Occurrence(first, last, keys[index], payloads[index])
        for (first, last), (_, _, index) in zip(spans, kept, strict=True)
    ]


class _WordChars(dict[str, bool]):
    """:func:`is_word_char` of each character met so far: one dict lookup on either side of each of
    thousands of matches."""

    def __missing__(self, ch: str) -> bool:
        found = self[ch] = is_word_char(ch)
        return found


_WORD = _WordChars()


def fold_for_names(text: str) -> Folded:
    """``text`` folded as :class:`NameMatcher` looks for names in it."""
    return fold_spaced(text, paragraph_separator(text))


def _word_starts(haystack: str, at: int) -> bool:
    return at == 0 or not _WORD[haystack[at - 1]]


def _after_prefix(haystack: str, start: int) -> bool:
    """Whether ``start``, inside a word, follows a proclitic chain ([و|ف][ب|ك|ل]) or a French elision
    that starts the word. A name's own first and last characters may be punctuation (``U.S.``,
    ``/واس/``): only its neighbours must not be part of a word."""
    before = haystack[start - 1]
    if before in APOSTROPHES:
        word = start - 1
        while word and haystack[word - 1].isalpha():
            word -= 1
        return haystack[word : start - 1] in ELISIONS and _word_starts(haystack, word)
    at = start
    if haystack[at - 1] in PREPOSITIONS:
        at -= 1
    if at and haystack[at - 1] in CONJUNCTIONS:
        at -= 1
    return at < start and _word_starts(haystack, at)


def _after_contraction(haystack: str, start: int) -> bool:
    """Whether ``start`` is the second ل of لل (or ولل, فلل) that starts a word: the contracted article."""
    if start == 0 or haystack[start - 1] != _CONTRACTED:
        return False
    at = start - 1
    if at and haystack[at - 1] in CONJUNCTIONS:
        at -= 1
    return _word_starts(haystack, at)


def _longest_first(candidates: list[tuple[int, int, int, int]], length: int) -> list[tuple[int, int, int]]:
    """``(start, end, key index)`` of the candidates ``(-length, start, end, key index)`` kept when
    overlapping ones give way to the longest (then the leftmost, then the name met first), in text
    order. ``length`` is the folded text's.

    Whether a candidate is kept depends only on the candidates it overlaps, so the order decides
    within each cluster of candidates chained by overlaps; most candidates overlap none and are kept
    as they come, in one pass in text order."""
    kept: list[tuple[int, int, int]] = []
    add = kept.append
    cluster: list[tuple[int, int, int, int]] = []
    reach = -1
    for candidate in sorted(candidates, key=_START):
        start = candidate[1]
        if start < reach:
            cluster.append(candidate)
            if candidate[2] > reach:
                reach = candidate[2]
            continue
        if len(cluster) == 1:
            add(cluster[0][1:])
        elif cluster:
            kept.extend(_resolve_cluster(cluster))
        cluster = [candidate]
        reach = candidate[2]
    if len(cluster) == 1:
        add(cluster[0][1:])
    elif cluster:
        kept.extend(_resolve_cluster(cluster))
    return kept


_START = itemgetter(1)  # a candidate's start


def _resolve_cluster(cluster: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int]]:
    """The candidates of one cluster kept, longest first, in text order."""
    chosen: list[tuple[int, int, int]] = []
    for _, start, end, index in sorted(cluster):
        if all(end <= other_start or other_end <= start for other_start, other_end, _ in chosen):
            chosen.append((start, end, index))
    chosen.sort()
    return chosen
