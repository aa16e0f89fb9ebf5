"""UIMA CAS XMI with its type system, as INCEpTION and dkpro-cassis read and write it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.xmi.read import read_xmi

    return read_xmi


def _writer() -> Writer:
    from curator.io.formats.xmi.write import write_xmi

    return write_xmi


FORMAT = FileFormat(
    "xmi",
    "UIMA CAS XMI and its type system (INCEpTION, dkpro-cassis)",
    extensions=(".xmi",),
    claims=(".xmi",),
    reader=_reader,
    writer=_writer,
)
