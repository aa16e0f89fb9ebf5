"""Counted nouns for the command line and the core's messages: "1 document", "2 documents"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in the form ``n`` takes in English (``plural`` defaults to singular + "s"):
    ``counted(1, "relation")`` is "1 relation", ``counted(12, "match", "matches")`` is "12 matches".
    The number is written plainly, as scripts reading the output expect."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
