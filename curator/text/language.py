"""Language and base direction of a document or paragraph, without Qt."""

from __future__ import annotations

import re
from unicodedata import bidirectional

LANGUAGES = ("ar", "fa", "fr", "en", "other")
RTL_LANGUAGES = frozenset(("ar", "fa"))
# Arabic script: letters only Persian writes (keheh, Farsi yeh, pe, che, zhe, gaf) and the ZWNJ of its
# compounds (می‌خواهد), against letters only Arabic writes (kaf, yeh, alef maksura, teh marbuta).
_PERSIAN = ("\u06a9", "\u06cc", "\u067e", "\u0686", "\u0698", "\u06af", "\u200c")
_ARABIC_ONLY = ("\u0643", "\u064a", "\u0649", "\u0629")

_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "que",
        "qui",
        "une",
        "un",
        "dans",
        "pour",
        "pas",
        "sur",
        "au",
        "aux",
        "par",
        "avec",
        "ce",
        "cette",
        "sont",
        "ont",
        "été",
        "il",
        "elle",
        "ils",
        "nous",
        "vous",
        "leur",
        "entre",
        "selon",
        "après",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "are",
        "was",
        "were",
        "be",
        "this",
        "from",
        "at",
        "an",
        "has",
        "have",
        "its",
        "which",
        "between",
        "after",
        "said",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


SAMPLE = 20_000  # characters: enough to tell the script, bounded for very long documents
WORD_SAMPLE = 1_500  # characters whose words tell French from English (about 250 words)
# UTF-8 lead bytes of U+0600-U+06FF; ASCII letters and the lead bytes of accented Latin (é, ç, œ...)
_ARABIC_BYTES = b"\xd8\xd9\xda\xdb"
_LATIN_BYTES = bytes(range(65, 91)) + bytes(range(97, 123)) + b"\xc3\xc4\xc5"


def _arabic_script(sample: str) -> str:
    """``fa`` when Persian's own letters outnumber Arabic's own, else ``ar`` (a Persian name in an
    Arabic text, or an Arabic quotation in a Persian one, does not turn the whole)."""
    persian = sum(map(sample.count, _PERSIAN))
    return "fa" if persian > sum(map(sample.count, _ARABIC_ONLY)) else "ar"


def detect_language(text: str) -> str:
    """``ar`` (or ``fa``, see :func:`_arabic_script`) when most letters are of the Arabic script;
    ``fr`` or ``en`` by common words; else ``other``.

    Letters are counted on the UTF-8 bytes of the first ``SAMPLE`` characters, each kind with one
    ``bytes.translate`` (in C): imports of tens of thousands of documents must not loop per character.
    """
    sample = text[:SAMPLE]
    data = sample.encode("utf-8", "surrogatepass")  # a lone surrogate is refused later, by the import checks
    arabic = len(data) - len(data.translate(None, _ARABIC_BYTES))
    # An Arabic letter takes two bytes: when its lead bytes are a third of the sample, at most a
    # third is left for Latin letters, and the second count is not needed.
    if 3 * arabic >= len(data):
        return _arabic_script(sample)
    latin = len(data) - len(data.translate(None, _LATIN_BYTES))
    if not arabic + latin:
        return "other"
    if arabic >= latin:
        return _arabic_script(sample)
    # Acronyms (UN, ONU) are not articles: only words written in lower case count, and since the
    # word lists hold lower-case words only, looking each word up is that test already.
    words = _WORD.findall(sample, 0, WORD_SAMPLE)
    french = sum(map(_FRENCH.__contains__, words))
    english = sum(map(_ENGLISH.__contains__, words))
    if max(french, english) == 0:
        return "other"
    return "fr" if french >= english else "en"


_ISOLATE_OPEN = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
_ISOLATE_CLOSE = "\u2069"  # PDI


def paragraph_direction(paragraph: str) -> str:
    """``rtl`` or ``ltr`` by the first strong character (Unicode bidi rule P2: characters between an
    isolate initiator and its PDI are skipped); ``ltr`` if none.

    Walked here rather than asked of python-bidi, whose call costs tens of microseconds for a long
    line even when its first letter decides (corpus search gives each hit its line's direction);
    the tests hold the two to the same answers.
    """
    depth = 0
    for ch in paragraph:
        if ch in _ISOLATE_OPEN:
            depth += 1
        elif ch == _ISOLATE_CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kind = bidirectional(ch)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return "ltr"


def line_direction(text: str, offset: int) -> str:
    """The direction of the line holding ``offset``: the one the text view lays that line out in, and
    so the one a snippet of it (a search hit in its context) reads in."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return paragraph_direction(text[start : len(text) if end == -1 else end])


def base_direction(text: str, language: str | None = None) -> str:
    """A document's base direction: its first non-blank paragraph's, which is what readers see first."""
    start = 0
    while start <= len(text):  # paragraph by paragraph, not a split of the whole text
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        paragraph = text[start:end]
        if paragraph.strip():
            return paragraph_direction(paragraph)
        start = end + 1
    return "rtl" if language in RTL_LANGUAGES else "ltr"
