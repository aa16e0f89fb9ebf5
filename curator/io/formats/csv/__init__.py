"""The claims table: one row per claim with claimant (and its registry entity), cue, stance, type and area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.io import capacity
from curator.io.formats import FileFormat, Reader, ReadOptions

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _reader(options: ReadOptions) -> Reader:
    from curator.io.formats.csv.read import read_csv

    return read_csv


def _writer() -> Writer:
    from curator.io.formats.csv.write import write_csv

    return write_csv


FORMAT = FileFormat(
    "csv",
    "one row per claim with claimant (and its entity), stance, type and area",
    extensions=(".csv",),
    claims=(".csv",),
    reader=_reader,
    writer=_writer,
    lacks=frozenset({capacity.SPANS, capacity.CUES, capacity.IDENTIFIERS, capacity.DOC_LABELS}),
    options={"csv_mode": "spreadsheet (cells a spreadsheet would run as formulas neutralised) or plain"},
)
