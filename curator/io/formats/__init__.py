"""The file formats, one package each (reader, writer and what only they share), and what a package
declares of its format: :class:`FileFormat`, the entry :mod:`curator.io.registry` lists.

A package's ``__init__`` holds its entry as ``FORMAT`` and imports nothing heavy: the command line
reads every entry at its start, before SQLAlchemy or pydantic is loaded. Readers and writers are
imported lazily, through the entry's ``reader`` and ``writer``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curator.errors import Problem
    from curator.io.exporting import Writer
    from curator.io.validation import Located
    from curator.schema.model import Schema

# A reader takes (path, schema, default annotator) and returns the documents and the problems found.
Reader = Callable[[Path, "Schema", "str | None"], "tuple[list[Located], list[Problem]]"]


@dataclass(frozen=True)
class ReadOptions:
    """The import's choices a reader may take (only plain text files read ``encoding``)."""

    encoding: str | None = None


@dataclass(frozen=True)
class FileFormat:
    """One format: its name (``--format NAME``), what it is, the files it reads, how to read and
    write it, and the kinds of content (:mod:`curator.io.capacity`) it has no place for.

    ``extensions`` are the files ``--format NAME`` reads; ``claims`` those read as this format when
    ``--format`` says nothing (each extension is claimed by one format). ``read_along`` tells a file
    of a folder that is read with another file of this format, and so not on its own (the ``.txt``
    beside a brat ``.ann``). ``options`` names the extra choices the format takes, with what they do.
    """

    name: str
    description: str
    extensions: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    reader: Callable[[ReadOptions], Reader] | None = None  # imported lazily: heavy libraries stay optional
    writer: Callable[[], Writer] | None = None  # see :class:`curator.io.exporting.ExportRun`
    writes_folder: bool = True  # False: the export is one file
    lacks: frozenset[str] = frozenset()
    read_along: Callable[[Path], bool] | None = None
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def imports(self) -> bool:
        return self.reader is not None

    @property
    def exports(self) -> bool:
        return self.writer is not None
