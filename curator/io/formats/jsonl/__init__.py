"""Curator's interchange JSONL: one document per line with its annotations, relations and labels."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.errors import Problem
    from curator.io.exporting import Writer
    from curator.io.validation import Located
    from curator.schema.model import Schema


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.jsonl.read import read_jsonl
    from curator.io.validation import Located

    def read(path: Path, schema: Schema, annotator: str | None) -> tuple[list[Located], list[Problem]]:
        docs, problems = read_jsonl(path, annotator)
        return [Located(d, str(path)) for d in docs], problems

    return read


def _writer() -> Writer:
    from curator.io.formats.jsonl.write import write_jsonl

    return write_jsonl


FORMAT = FileFormat(
    "jsonl",
    "Curator interchange JSONL (one document per line)",
    extensions=(".jsonl",),
    claims=(".jsonl",),
    reader=_reader,
    writer=_writer,
    writes_folder=False,
)
