"""Characters no database can hold: NUL (PostgreSQL refuses it in text, SQLite cuts C strings at it)
and lone surrogates (half of a UTF-16 pair, which UTF-8 cannot encode). JSON can spell both
(``"\\u0000"``, ``"\\ud800"``), so every imported string is checked before anything is written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SEPARATOR = "\x1f"  # joins the many short strings of a document for one search


def unstorable(value: str) -> str | None:
    """What is wrong with ``value`` (its first unstorable character and where), or None."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    char = found.group()
    what = "a NUL character (U+0000)" if char == "\x00" else f"a lone surrogate (U+{ord(char):04X})"
    return f"{what} at character {found.start()}, which cannot be stored"


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value: keys and values of objects, items of lists."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def _clean(joined: str) -> bool:
    # Two C loops, a sixth of one regular expression search over a long Arabic text: UTF-16 cannot
    # encode a lone surrogate, and a NUL is found by a plain substring search.
    if "\x00" in joined:
        return False
    try:
        joined.encode("utf-16-le")
    except UnicodeEncodeError:
        return False
    return True


def storable(values: list[str]) -> bool:
    """Whether every string of ``values`` can be stored (one pass over all of them)."""
    return _clean(_SEPARATOR.join(values))


def first_unstorable(named: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The first (name, problem) among named strings; one search over all of them when none is bad
    (the common case: imports of 200,000 annotations must not pay a search per string)."""
    pairs = list(named)
    if _clean(_SEPARATOR.join(value for _, value in pairs)):
        return None
    for name, value in pairs:
        problem = unstorable(value)
        if problem is not None:
            return name, problem
    return None
