"""Records of other annotation tools, told by their keys, so that a file read as the wrong format is
refused with the ``--format`` that reads it instead of imported with its labels gone.

Only keys the interchange form does not have are looked at (its ``text`` and ``meta`` are shared by
several tools), so a Curator record is never taken for another tool's.
"""

from __future__ import annotations

from typing import Any

_DOCCANO_LABELS = ("label", "labels")  # sequence labelling: [start, end, label] lists, or category names


def _is_span_triples(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(item, list) and len(item) == 3 for item in value)


def foreign_shape(record: dict[str, Any]) -> tuple[str, str] | None:
    """``(format, what gave it away)`` when ``record`` has the keys of another tool's record: doccano
    (``label``/``labels``, ``entities`` with ``start_offset``), Label Studio (``data`` with
    ``annotations`` or ``predictions``), Prodigy (``spans``, ``tokens``, ``_input_hash``); else None."""
    if isinstance(record.get("data"), dict):
        return "labelstudio", "a Label Studio task (its text under 'data')"
    if "_input_hash" in record or "_task_hash" in record or "tokens" in record:
        return "prodigy", "a Prodigy record ('_input_hash', 'spans', 'tokens')"
    spans = record.get("spans")
    if isinstance(spans, list) and all(isinstance(s, dict) and "start" in s and "label" in s for s in spans):
        return "prodigy", "a Prodigy record ('spans' with start, end and label)"
    for key in _DOCCANO_LABELS:
        value = record.get(key)
        if _is_span_triples(value):
            return "doccano", f"a doccano record ({key!r} holds [start, end, label] lists)"
        if isinstance(value, list):
            return "doccano", f"a doccano record ({key!r} holds its labels)"
    entities = record.get("entities")
    if isinstance(entities, list) and any(isinstance(e, dict) and "start_offset" in e for e in entities):
        return "doccano", "a doccano record ('entities' with start_offset and end_offset)"
    return None


_READ_AS = {"jsonl": "Curator's interchange form", "labelstudio": "a Label Studio task"}


def use_format(record: dict[str, Any], read_as: str = "jsonl") -> str | None:
    """The message for a record of another tool's shape than ``read_as`` (``...: import the file with
    --format F``), or None."""
    found = foreign_shape(record)
    if found is None or found[0] == read_as:
        return None
    fmt, what = found
    instead = _READ_AS.get(read_as, read_as)
    if fmt == "labelstudio":
        return (
            f"this is {what}, not {instead}: import Label Studio's JSON export (a .json file) with --format labelstudio"
        )
    return f"this is {what}, not {instead}: import the file with --format {fmt}"
