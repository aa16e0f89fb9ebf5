"""Language and base direction of a document or paragraph, without Qt."""

from __future__ import annotations

import re
import unicodedata

from bidi import get_base_level

LANGUAGES = ("ar", "fr", "en", "other")

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


def _is_arabic(ch: str) -> bool:
    code = ord(ch)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or (0xFB50 <= code <= 0xFDFF)
        or 0xFE70 <= code <= 0xFEFF
    )


def detect_language(text: str) -> str:
    """``ar`` when most letters are Arabic; ``fr`` or ``en`` by common words; else ``other``."""
    letters = [ch for ch in text if ch.isalpha() and unicodedata.category(ch) != "Mn"]
    if not letters:
        return "other"
    arabic = sum(1 for ch in letters if _is_arabic(ch))
    if arabic * 2 >= len(letters):
        return "ar"
    # Acronyms (UN, ONU) are not articles: only words written in lower case count.
    words = [w for w in _WORD.findall(text) if w.islower()]
    french = sum(1 for w in words if w in _FRENCH)
    english = sum(1 for w in words if w in _ENGLISH)
    if max(french, english) == 0:
        return "other"
    return "fr" if french >= english else "en"


def paragraph_direction(paragraph: str) -> str:
    """``rtl`` or ``ltr`` by the first strong character (Unicode bidi rule P2); ``ltr`` if none."""
    return "rtl" if get_base_level(paragraph) == 1 else "ltr"


def base_direction(text: str, language: str | None = None) -> str:
    """A document's base direction: its first non-blank paragraph's, which is what readers see first."""
    for paragraph in text.split("\n"):
        if paragraph.strip():
            return paragraph_direction(paragraph)
    return "rtl" if language == "ar" else "ltr"
