"""spaCy 3 DocBin files (needs spaCy, the ``formats`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.spacy.read import read_spacy

    return read_spacy


def _writer() -> Writer:
    from curator.io.formats.spacy.write import write_spacy

    return write_spacy


FORMAT = FileFormat(
    "spacy",
    "spaCy 3 DocBin: entities as doc.ents, every layer as span groups",
    extensions=(".spacy",),
    claims=(".spacy",),
    reader=_reader,
    writer=_writer,
)
