"""Which way a piece of text reads, for aligning it in lists and panels (each cell its own way)."""

from __future__ import annotations

from curator.text.language import paragraph_direction


def reads_rtl(text: str) -> bool:
    """True when ``text`` starts (by its first strong character) right to left; False for empty text
    or text with no letter, which the bidi library refuses."""
    if not any(ch.isalpha() for ch in text):
        return False
    return paragraph_direction(text.split("\n", 1)[0] or text.strip()) == "rtl"
