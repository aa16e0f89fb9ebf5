"""CoNLL-U with BIO tags in MISC (written, not read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.io import capacity
from curator.io.formats import FileFormat

if TYPE_CHECKING:
    from curator.io.exporting import Writer


def _writer() -> Writer:
    from curator.io.formats.conllu.write import write_conllu

    return write_conllu


FORMAT = FileFormat(
    "conllu",
    "CoNLL-U with BIO tags and SpaceAfter in MISC, one file per annotator",
    writer=_writer,
    lacks=capacity.BIO_LACKS,
)
