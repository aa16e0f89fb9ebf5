"""Label Studio JSON tasks with their annotations (and JSON-MIN), and the labeling config."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.labelstudio.read import read_labelstudio

    return read_labelstudio


def _writer() -> Writer:
    from curator.io.formats.labelstudio.write import write_labelstudio

    return write_labelstudio


FORMAT = FileFormat(
    "labelstudio",
    "Label Studio JSON tasks with annotations, and the labeling config",
    extensions=(".json",),
    claims=(".json",),
    reader=_reader,
    writer=_writer,
    lacks=frozenset({capacity.IDENTIFIERS}),
)
