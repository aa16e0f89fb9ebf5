"""CoNLL-2003-style BIO columns: Curator's export (with its ``.documents.jsonl``) and other tools'."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions
from curator.io.formats.conll.files import INDEX_SUFFIX

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.conll.read import read_conll

    return read_conll


def _writer() -> Writer:
    from curator.io.formats.conll.write import write_conll

    return write_conll


def _read_along(path: Path) -> bool:
    """The ``.documents.jsonl`` beside a ``.conll``: the texts of its blocks."""
    return path.name.endswith(INDEX_SUFFIX) and path.with_name(path.name[: -len(INDEX_SUFFIX)] + ".conll").is_file()


FORMAT = FileFormat(
    "conll",
    "CoNLL-2003-style BIO columns, one file per annotator",
    extensions=(".conll", ".txt"),  # CoNLL files of other tools are often named .txt
    claims=(".conll",),
    reader=_reader,
    writer=_writer,
    lacks=capacity.BIO_LACKS,
    read_along=_read_along,
)
