"""Prodigy's JSONL of annotated tasks (spans, accepted labels)."""

from __future__ import annotations

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.prodigy.read import read_prodigy

    return read_prodigy


FORMAT = FileFormat(
    "prodigy",
    "Prodigy JSONL of accepted tasks (read with --format prodigy)",
    extensions=(".jsonl",),
    reader=_reader,
    lacks=frozenset({capacity.ATTRIBUTES, capacity.IDENTIFIERS, capacity.NOTES, capacity.RELATIONS, capacity.LINKS}),
)
