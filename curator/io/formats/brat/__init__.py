"""brat standoff: a ``.txt`` and an ``.ann`` per document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.brat.read import read_brat

    return read_brat


def _writer() -> Writer:
    from curator.io.formats.brat.write import write_brat

    return write_brat


def _read_along(path: Path) -> bool:
    """The ``.txt`` beside an ``.ann`` of the same name: the brat document's text."""
    return path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file()


FORMAT = FileFormat(
    "brat",
    "brat standoff: .txt and .ann per document, one folder per annotator",
    extensions=(".ann",),
    claims=(".ann",),
    reader=_reader,
    writer=_writer,
    lacks=frozenset({capacity.DOC_LABELS}),
    read_along=_read_along,
)
