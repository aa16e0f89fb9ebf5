"""Line endings are turned to LF once, at import, and the original style is recorded."""

from __future__ import annotations

from bisect import bisect_left


def newline_style(text: str) -> str:
    """``lf``, ``crlf``, ``cr``, ``mixed`` or ``none``: what the text used before normalisation."""
    if "\r" not in text:  # the common case, told by one search instead of three counts
        return "lf" if "\n" in text else "none"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def normalize_newlines(text: str) -> tuple[str, str]:
    """Return the text with CRLF and CR turned to LF, and the original style."""
    style = newline_style(text)
    if style in ("lf", "none"):
        return text, style
    return text.replace("\r\n", "\n").replace("\r", "\n"), style


def newline_offset_map(text: str) -> list[int]:
    """Positions of the CRs that :func:`normalize_newlines` removes (the CR of each CRLF), sorted.

    Offsets into the original text map to the normalised text by subtracting how many of these
    positions lie before them: see :func:`shift_offset`.
    """
    removed: list[int] = []
    if "\r" not in text:
        return removed
    i = text.find("\r\n")
    while i != -1:
        removed.append(i)
        i = text.find("\r\n", i + 2)
    return removed


def shift_offset(removed: list[int], offset: int) -> int:
    """``offset`` in the original text as an offset in the normalised text."""
    return offset - bisect_left(removed, offset) if removed else offset
