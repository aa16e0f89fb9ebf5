"""Parquet tables as a Hugging Face dataset: tokens, spans, relations, documents, entities (needs pyarrow)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.io.formats import FileFormat, Reader, ReadOptions
from curator.io.formats.parquet.tables import DOCUMENTS, ENTITIES, RELATIONS, SPANS, TOKENS

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.parquet.read import read_parquet

    return read_parquet


def _writer() -> Writer:
    from curator.io.formats.parquet.write import write_parquet

    return write_parquet


def _read_along(path: Path) -> bool:
    """A table beside ``documents.parquet``: the dataset is read from that one, which reads the rest."""
    return path.name in (SPANS, RELATIONS, TOKENS, ENTITIES) and (path.parent / DOCUMENTS).is_file()


FORMAT = FileFormat(
    "parquet",
    "Hugging Face style token table and span-level tables (Parquet)",
    extensions=(".parquet",),
    claims=(".parquet",),
    reader=_reader,
    writer=_writer,
    read_along=_read_along,
)
