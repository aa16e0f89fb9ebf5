"""Strict reading of a JSON array whose items are reported by line (Label Studio tasks, doccano JSON).

Python's ``json`` accepts NaN, keeps the last of duplicate keys and gives no positions; the items here
are decoded one by one with the interchange reader's strict hooks, each with the line it starts on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from curator.errors import Problem


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


class BadJson(ValueError):
    """The file is not a JSON array of values; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def array_items(text: str) -> Iterator[tuple[int, Any]]:
    """(line, value) of each item of the JSON array ``text``; raise :class:`BadJson`."""

    def line_at(i: int) -> int:
        return text.count("\n", 0, i) + 1

    i = _skip_space(text, 1 if text.startswith("\ufeff") else 0)
    if i >= len(text) or text[i] != "[":
        raise BadJson(line_at(i), "expected a JSON array of tasks ('[' ...)")
    i = _skip_space(text, i + 1)
    if i < len(text) and text[i] == "]":
        return
    while True:
        try:
            value, end = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise BadJson(exc.lineno, f"malformed JSON at column {exc.colno}: {exc.msg}") from exc
        except (ValueError, RecursionError) as exc:
            raise BadJson(line_at(i), f"invalid JSON: {exc}") from exc
        yield line_at(i), value
        i = _skip_space(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_space(text, i + 1)
            continue
        if i < len(text) and text[i] == "]":
            if _skip_space(text, i + 1) != len(text):
                raise BadJson(line_at(i), "text after the end of the array")
            return
        raise BadJson(line_at(i), "expected ',' or ']' between tasks")


def single_object(text: str) -> Iterator[tuple[int, Any]]:
    """(line, value) of the one JSON object ``text`` holds (a single Label Studio task); raise
    :class:`BadJson`."""
    i = _skip_space(text, 1 if text.startswith("\ufeff") else 0)
    line = text.count("\n", 0, i) + 1
    try:
        value, end = _DECODER.raw_decode(text, i)
    except json.JSONDecodeError as exc:
        raise BadJson(exc.lineno, f"malformed JSON at column {exc.colno}: {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:
        raise BadJson(line, f"invalid JSON: {exc}") from exc
    if _skip_space(text, end) != len(text):
        raise BadJson(text.count("\n", 0, end) + 1, "text after the end of the task")
    yield line, value


def json_lines(data: bytes, where: str) -> Iterator[tuple[int, Any] | Problem]:
    """(line, value) of each non-blank line of a JSONL file's bytes, parsed as strictly as the
    interchange reader parses, or the :class:`Problem` of a line that cannot be read."""
    from curator.io.strict_json import MAX_LINE_BYTES, parse_line

    for number, chunk in enumerate(data.split(b"\n"), start=1):
        if len(chunk) > MAX_LINE_BYTES:
            yield Problem(where, number, f"line longer than {MAX_LINE_BYTES} bytes")
            continue
        try:
            decoded = chunk.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Problem(where, number, f"invalid UTF-8 at byte {exc.start} of the line")
            continue
        if not decoded.strip():
            continue
        try:
            yield number, parse_line(decoded)
        except Exception as exc:  # the interchange reader's strict parse errors
            yield Problem(where, number, str(exc))
