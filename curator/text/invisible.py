"""Make invisible and direction-changing characters visible where a reader could be misled.

A title like ``report\u202etxt.exe`` displays as ``reportexe.txt``: in titles, labels, comments and
file names shown to a reviewer, every bidi control and zero-width character is replaced by a visible
marker. The stored text is never changed; this is for display only.
"""

from __future__ import annotations

NAMES = {
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
    "\u00ad": "SHY",
}
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# What a label or a status bar would break a line at.
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


def has_invisible(text: str) -> bool:
    return any(ch in NAMES for ch in text)


def reveal(text: str) -> str:
    """``text`` with each invisible character replaced by ``⟦NAME⟧`` (e.g. ``⟦RLO⟧``)."""
    if not has_invisible(text):
        return text
    return "".join(f"⟦{NAMES[ch]}⟧" if ch in NAMES else ch for ch in text)


def one_line(text: str, limit: int = 30) -> str:
    """``text`` cut to ``limit`` characters (``…`` when cut), each line break shown as ``⏎``: a span
    across lines reads whole on one line of the status bar instead of stopping at its first break."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join("⏎" if ch in LINE_BREAKS else ch for ch in short)


def isolate(text: str) -> str:
    """``text`` wrapped in FSI…PDI, with unbalanced embeddings closed, so it cannot reorder what
    surrounds it when shown inline (a title in a list, a name in a sentence)."""
    return "\u2068" + text + "\u202c" * _open_embeddings(text) + "\u2069" * _open_isolates(text) + "\u2069"


def _open_embeddings(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e":
            depth += 1
        elif ch == "\u202c" and depth:
            depth -= 1
    return depth


def _open_isolates(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == "\u2069" and depth:
            depth -= 1
    return depth
