"""WebAnno TSV 3 (INCEpTION): one ``.tsv`` per document and annotator."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions
from curator.io.formats.webanno.tsv3 import INDEX

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.webanno.read import read_webanno

    return read_webanno


def _writer() -> Writer:
    from curator.io.formats.webanno.write import write_webanno

    return write_webanno


def _read_along(path: Path) -> bool:
    """The export's index of documents: read with the ``.tsv`` files it describes."""
    return path.name == INDEX


FORMAT = FileFormat(
    "webanno",
    "WebAnno TSV 3.3 (INCEpTION), one file per document and annotator",
    extensions=(".tsv",),
    claims=(".tsv",),
    reader=_reader,
    writer=_writer,
    lacks=frozenset({capacity.DOC_LABELS, capacity.EMPTY, capacity.LINKS}),
    read_along=_read_along,
)
