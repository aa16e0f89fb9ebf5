"""doccano's JSONL and JSON exports (sequence labelling, relations, text classification)."""

from __future__ import annotations

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.doccano.read import read_doccano

    return read_doccano


FORMAT = FileFormat(
    "doccano",
    "doccano JSONL or JSON export (read with --format doccano)",
    extensions=(".jsonl", ".json"),  # as Curator's .jsonl and Label Studio's .json: only with --format
    reader=_reader,
    lacks=frozenset({capacity.ATTRIBUTES, capacity.IDENTIFIERS, capacity.NOTES, capacity.LINKS}),
)
