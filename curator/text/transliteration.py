"""Arabic ↔ Latin comparison of names: a consonant skeleton both scripts reduce to. Qt-free.

``خياري`` and ``Khiari`` are the same name written in two scripts; Arabic writes the consonants and
long vowels, French writes vowels where the Arabic has none and spells some consonants in its own way
(``ch`` for ش, ``dj`` for ج, ``ou`` for و). Transliterating Arabic to Latin letters is done by
anyascii (maintained, ISC licence; it gives ``khyry`` for خياري), then both sides go through the same
small table: French digraphs spelt as the Arabic ones, digraphs made one letter, the letters that
stand for vowels (a e i o u, and y w, which are ي و as long vowels) and the signs for ع and ء
dropped, a final ``h`` (ة, or a Latin ``-ah``) dropped, doubled letters made single. Both names
above become ``xr``; ``خالد`` and ``Khaled`` become ``xld``.

A skeleton is coarse on purpose: it is used to *find* and *score* candidates across scripts, never to
decide identity; names of the same script are compared by their folded key (:func:`curator.text.names.name_key`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from curator.text.boundaries import ARTICLE

# Applied in this order to a lower-case ASCII word. French spellings first (ch → sh, dj → j, ou → w),
# then each digraph made one letter so that its parts are not taken for other letters.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("tch", "sh"),
    ("ch", "sh"),
    ("dj", "j"),
    ("ou", "w"),
    ("kh", "x"),
    ("gh", "g"),
    ("sh", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
)
_VOWELS = re.compile(r"[aeiouyw'`]+")
_DOUBLED = re.compile(r"(.)\1+")
_WORD = re.compile(r"\w+")
# The Arabic article written as a word of its own in Latin (al-Assad, el-Sisi): left out.
_LATIN_ARTICLES = frozenset({"al", "el"})


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


@lru_cache(maxsize=65536)
def word_skeleton(word: str) -> str:
    """The skeleton of one folded word (see the module). A word of vowels only keeps its first
    letter (``ou`` → ``w``), so that no word vanishes; ``""`` only for a word with no letters."""
    if _is_arabic(word) and word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
        word = word[len(ARTICLE) :]
    latin = anyascii(word).lower()
    for old, new in _REWRITES:
        latin = latin.replace(old, new)
    latin = "".join(ch for ch in latin if ch.isalnum() or ch in "'`")
    if len(latin) > 2 and latin.endswith("h") and latin[-2] not in "sxgtdk":
        latin = latin[:-1]
    stripped = _DOUBLED.sub(r"\1", _VOWELS.sub("", latin))
    if stripped:
        return stripped
    letters = latin.strip("'`")
    return letters[:1]


def words(key: str) -> list[str]:
    """The words of a folded key (runs of letters and digits; punctuation splits)."""
    return _WORD.findall(key)


def skeleton(key: str) -> str:
    """The skeleton of a folded name key: each word's, joined by spaces (Latin ``al``/``el`` left out
    when other words remain)."""
    found = words(key)
    if len(found) > 1:
        found = [w for w in found if w not in _LATIN_ARTICLES] or found
    return " ".join(s for s in (word_skeleton(w) for w in found) if s)
