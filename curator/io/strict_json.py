"""JSON parsed as strictly as the interchange form is read: no NaN, no duplicate keys, no string
holding what a database cannot store. Shared by every reader of JSON (interchange JSONL, the CoNLL
index, parquet attributes, other tools' JSON tasks)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from curator.text.storable import first_unstorable

MAX_LINE_BYTES = 64 * 1024 * 1024


class RefusedJson(Exception):
    """A value refused in one JSON line (the readers refuse structural problems with it too)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise RefusedJson(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise RefusedJson(f"{name} is not valid JSON")


# Made once: json.loads with any option builds a decoder per call.
_STRICT = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
LAST_KEY_WINS = json.JSONDecoder(parse_constant=_no_constant)

# JSON escapes of what no database can store (NUL, UTF-16 surrogates); a pair of surrogates decodes
# to one character and passes the check below.
SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


def _named_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed JSON value, named by where it is (``annotations[2].note``)."""
    if isinstance(value, str):
        yield (f"{path!r}" if path else "the value"), value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"a key in {path or 'the object'}", key
            yield from _named_strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _named_strings(item, f"{path}[{i}]")


def parse_line(line: str, *, duplicates_checked: bool = True) -> Any:
    """One JSON value, refused (``RefusedJson``) where Python's ``json`` would be lenient or where a string
    holds a character that cannot be stored.

    With ``duplicates_checked=False`` duplicate keys are not looked for (the last one wins, as in
    Python's ``json``): for a caller that checks otherwise, see :func:`read_jsonl`."""
    try:
        value = (_STRICT if duplicates_checked else LAST_KEY_WINS).decode(line)
    except json.JSONDecodeError as exc:
        raise RefusedJson(f"malformed JSON at column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise RefusedJson("JSON nested too deeply") from exc
    except ValueError as exc:  # integers over Python's digit limit
        raise RefusedJson(f"invalid JSON value: {exc}") from exc
    if "\\u" in line and SUSPECT_ESCAPE.search(line):
        bad = first_unstorable(_named_strings(value, ""))
        if bad is not None:
            raise RefusedJson(f"{bad[0]} contains {bad[1]}")
    return value


def quoted_strings(line: str) -> int | None:
    """How many JSON strings (keys included) ``line`` holds, told by its quotes; None when an
    escaped backslash makes quotes ambiguous to count this way."""
    if "\\\\" in line:
        return None
    return (line.count('"') - line.count('\\"')) // 2


def count_strings(value: Any) -> int:
    """How many strings (keys included) a parsed JSON value holds (walked without recursion: a
    value may be nested as deeply as the parser allows)."""
    count, pending = 0, [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            count += 1
        elif isinstance(item, dict):
            count += len(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return count
