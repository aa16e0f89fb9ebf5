"""Ranking the entities a mention may name: an in-memory index over every name and alias. Qt-free.

Each entity brings its *forms* (its names in every language and its aliases). A form is compared in
two ways: by its folded key (:func:`curator.text.names.name_key`, as corpus search folds: case,
accents, Arabic letter forms, a leading elision or proclitic chain) for a mention in the same script,
and by its consonant skeleton (:mod:`curator.text.transliteration`) across scripts, so ``خياري`` and
``M. Khiari`` both find ``Khaled Khiari``. Courtesy titles (M., Mme, السيد...) are left out of both.

The index is built once (a map from each word, folded and as a skeleton, to the forms holding it,
and the words grouped by their first letter for near misses); a query looks up its words, takes the
forms that hold one of them, and scores only those with rapidfuzz (token-set and whole-string
ratios, in C over the pruned set). Scores are 0-100; a skeleton match weighs a little less than a
folded one, since a skeleton is coarser.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from rapidfuzz import fuzz, process

from curator.text.names import name_key
from curator.text.transliteration import skeleton, words

# Folded courtesy titles left out of a mention and a name (when other words remain).
TITLES = frozenset(
    {
        "m",
        "mme",
        "mlle",
        "mm",
        "mr",
        "mrs",
        "ms",
        "dr",
        "pr",
        "me",
        "se",
        "sm",
        "السيد",
        "السيده",
        "الشيخ",
        "الدكتور",
        "سيد",
    }
)
# A skeleton match counts this much of a folded one.
SKELETON_WEIGHT = 0.9
# Of a form's score: how much the token-set ratio weighs (a mention naming part of a name scores
# high) against the whole-string ratio (which breaks ties towards the closest whole name).
SET_WEIGHT = 0.8
# Near misses: a mention's word also finds forms holding a word this close (rapidfuzz ratio).
NEAR_WORD = 80
NEAR_WORDS_PER_WORD = 20
# Enough forms to score found by the rarer words of a mention (see CandidateIndex._pruned).
ENOUGH_FORMS = 2000


@dataclass(frozen=True)
class Candidate:
    """An entity ranked for a mention: its key, its score (0-100) and the form that scored it."""

    key: str
    score: float
    form: str


@dataclass(frozen=True)
class EntityForms:
    """What the index needs of an entity: its key, type and written forms (names, then aliases)."""

    key: str
    type: str
    forms: tuple[str, ...]


def _without_titles(key: str) -> str:
    found = words(key)
    kept = [w for w in found if w not in TITLES]
    return " ".join(kept or found)


class CandidateIndex:
    """Candidates for mention texts among ``entities`` (see the module). Immutable once built."""

    def __init__(self, entities: Iterable[EntityForms]) -> None:
        self._entity_keys: list[str] = []
        self._entity_types: list[str] = []
        self._form_entity: list[int] = []
        self._form_text: list[str] = []
        self._form_folded: list[str] = []
        self._form_skeleton: list[str] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_skeleton: dict[str, list[int]] = {}
        for entity in entities:
            index = len(self._entity_keys)
            self._entity_keys.append(entity.key)
            self._entity_types.append(entity.type)
            seen: set[str] = set()
            for form in entity.forms:
                folded = _without_titles(name_key(form))
                if not folded or folded in seen:
                    continue
                seen.add(folded)
                shape = skeleton(folded)
                j = len(self._form_text)
                self._form_entity.append(index)
                self._form_text.append(form)
                self._form_folded.append(folded)
                self._form_skeleton.append(shape)
                for word in set(folded.split()):
                    self._by_word.setdefault(word, []).append(j)
                for word in set(shape.split()):
                    self._by_skeleton.setdefault(word, []).append(j)
        self._near_words = _by_first_letter(self._by_word)
        self._near_skeletons = _by_first_letter(self._by_skeleton)

    def __len__(self) -> int:
        return len(self._entity_keys)

    def candidates(self, text: str, *, limit: int = 10, types: Sequence[str] | None = None) -> list[Candidate]:
        """The best ``limit`` entities for the mention ``text``, best first (ties by key); only those of
        ``types`` when given. An empty list for a text with no letters or nothing alike."""
        folded = _without_titles(name_key(text))
        if not folded:
            return []
        shape = skeleton(folded)
        forms = self._pruned(folded, shape)
        if types is not None:
            wanted = set(types)
            forms = [j for j in forms if self._entity_types[self._form_entity[j]] in wanted]
        if not forms:
            return []
        scores = _blend(folded, [self._form_folded[j] for j in forms])
        if shape:
            across = _blend(shape, [self._form_skeleton[j] for j in forms]) * SKELETON_WEIGHT
            scores = numpy.maximum(scores, across)
        # An entity's score is its best form's: walk the forms best first until enough entities.
        order = numpy.lexsort((numpy.asarray(forms), -scores))
        best: dict[int, tuple[float, int]] = {}
        cutoff: float | None = None
        for position in order.tolist():
            score = float(scores[position])
            if cutoff is not None and score < cutoff:
                break
            j = forms[position]
            entity = self._form_entity[j]
            if entity not in best:
                best[entity] = (score, j)
                if len(best) == limit:
                    cutoff = score  # entities tied with the last one still come, for the ties by key
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], self._entity_keys[item[0]]))
        return [
            Candidate(self._entity_keys[entity], round(score, 1), self._form_text[j])
            for entity, (score, j) in ranked[:limit]
        ]

    def _pruned(self, folded: str, shape: str) -> list[int]:
        """The forms worth scoring: those holding one of the mention's words, folded or as skeletons, or
        a near miss of one. Rarest words first: a word as common as a first name (thousands of forms)
        is left out once rarer words have found :data:`ENOUGH_FORMS`; the rarest is always taken."""
        postings: list[list[int]] = []
        for word in set(folded.split()):
            postings.append(self._by_word.get(word, []))
            postings.extend(_near(word, self._near_words, self._by_word))
        for word in set(shape.split()):
            postings.append(self._by_skeleton.get(word, []))
            if len(word) > 2:  # a near miss of a one- or two-letter skeleton is noise
                postings.extend(_near(word, self._near_skeletons, self._by_skeleton))
        postings = sorted((p for p in postings if p), key=len)
        found: set[int] = set()
        for posting in postings:
            if found and len(found) + len(posting) > ENOUGH_FORMS:
                break
            found.update(posting)
        return sorted(found)


def _by_first_letter(words_to_forms: dict[str, list[int]]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for word in words_to_forms:
        groups.setdefault(word[:1], []).append(word)
    return groups


def _near(word: str, groups: dict[str, list[str]], words_to_forms: dict[str, list[int]]) -> list[list[int]]:
    """The forms holding each word of the same first letter within :data:`NEAR_WORD` of ``word``."""
    group = groups.get(word[:1])
    if not group:
        return []
    matches = process.extract(
        word, group, scorer=fuzz.ratio, score_cutoff=NEAR_WORD, limit=NEAR_WORDS_PER_WORD, processor=None
    )
    return [words_to_forms[match] for match, _score, _ in matches if match != word]


def _blend(query: str, choices: list[str]) -> numpy.ndarray[Any, numpy.dtype[numpy.float64]]:
    """Each choice's score against ``query``: :data:`SET_WEIGHT` of the token-set ratio, the rest the
    whole-string ratio (both rapidfuzz, computed in C over the whole list)."""
    token_set = process.cdist([query], choices, scorer=fuzz.token_set_ratio, processor=None, dtype=numpy.float64)[0]
    whole = process.cdist([query], choices, scorer=fuzz.ratio, processor=None, dtype=numpy.float64)[0]
    return token_set * SET_WEIGHT + whole * (1 - SET_WEIGHT)  # type: ignore[no-any-return]
