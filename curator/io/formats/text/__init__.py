"""Plain text files: one document each, decoded as :mod:`curator.io.text_files` says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.errors import Problem
    from curator.io.validation import Located
    from curator.schema.model import Schema


def _reader(options: ReadOptions) -> Reader:
    from curator.io.text_files import read_text_file
    from curator.io.validation import Located

    def read_text(path: Path, schema: Schema, annotator: str | None) -> tuple[list[Located], list[Problem]]:
        return [Located(read_text_file(path, options.encoding), str(path))], []

    return read_text


FORMAT = FileFormat(
    "text",
    "plain text, one document per file (encoding detected, or --encoding)",
    extensions=(".txt",),
    claims=(".txt",),
    reader=_reader,
    lacks=frozenset(),  # it holds no annotation at all: there is nothing to count as left out
    options={"encoding": "decode with this encoding instead of detecting it"},
)
