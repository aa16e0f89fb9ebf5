"""The file formats Curator reads and writes, by name: one table that the importer, the exporter, the
command line, the export dialog and the dataset card all read.

Each format is a package of :mod:`curator.io.formats` whose ``__init__`` declares its
:class:`~curator.io.formats.FileFormat` as ``FORMAT``. :data:`FORMATS` holds them in the order the
command line and the export dialog list them. Adding a format is one package and one line below.
Nothing here loads a format package before FORMATS is first read, nor a reader or a writer until an
import or an export needs it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator.io import capacity
from curator.io.formats import FileFormat

if TYPE_CHECKING:
    from curator.store.database import Database

    FORMATS: dict[str, FileFormat]

# The format packages of curator.io.formats, in the order the command line and the export dialog list
# them. They are imported when FORMATS is first read (a command that reads or writes no file never
# imports them: see _formats).
PACKAGES = (
    "text",
    "jsonl",
    "spacy",
    "conll",
    "conllu",
    "brat",
    "xmi",
    "webanno",
    "csv",
    "parquet",
    "labelstudio",
    "doccano",
    "prodigy",
)


def _formats() -> dict[str, FileFormat]:
    """:data:`FORMATS`, made on first use and kept in this module (so that a test's ``setitem`` on
    ``registry.FORMATS`` is what every function here reads)."""
    made = globals().get("FORMATS")
    if made is None:
        made = {}
        for name in PACKAGES:
            entry: FileFormat = importlib.import_module(f"curator.io.formats.{name}").FORMAT
            made[entry.name] = entry
        globals()["FORMATS"] = made
    return made


def __getattr__(name: str) -> Any:
    """``registry.FORMATS`` (and ``from curator.io.registry import FORMATS``) before anything here used it."""
    if name == "FORMATS":
        return _formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UnknownFormat(ValueError):
    """A format name the registry does not hold."""


def named(name: str) -> FileFormat:
    """The format called ``name``; :class:`UnknownFormat` names the known ones otherwise."""
    try:
        return _formats()[name]
    except KeyError:
        raise UnknownFormat(f"unknown format {name!r}; choose one of {', '.join(_formats())}") from None


def import_names() -> list[str]:
    """The formats ``curator import --format`` takes, in the registry's order."""
    return [f.name for f in _formats().values() if f.imports]


def export_names() -> list[str]:
    """The formats ``curator export --format`` takes, in the registry's order."""
    return [f.name for f in _formats().values() if f.exports]


def export_formats() -> list[FileFormat]:
    return [f for f in _formats().values() if f.exports]


def claimed_extensions() -> dict[str, str]:
    """Extension -> the format a file of it is read as when ``--format`` says nothing."""
    claimed: dict[str, str] = {}
    for fmt in _formats().values():
        if fmt.imports:
            for extension in fmt.claims:
                claimed.setdefault(extension, fmt.name)
    return claimed


def read_along_checks() -> list[Callable[[Path], bool]]:
    """The checks of files read with another one (and so not on their own in a folder)."""
    return [f.read_along for f in _formats().values() if f.read_along is not None]


def lacking(name: str) -> list[str]:
    """The kinds of content format ``name`` has no place for, in :data:`capacity.KIND_NAMES` order."""
    return capacity.in_order(named(name).lacks)


def export(
    fmt: str | FileFormat,
    db: Database,
    out: Path,
    *,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    progress: Callable[[int], None] | None = None,
    layers: list[str] | None = None,
    options: Mapping[str, object] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> int:
    """Export the selection (every document, annotator and layer where None) as ``fmt`` to ``out``,
    with its dataset card; return the number of documents.

    The writer is loaded first (a missing optional library is one clear error before anything is
    written); then :func:`curator.io.exporting.run_export` prepares the run and opens the output."""
    entry = named(fmt) if isinstance(fmt, str) else fmt
    if entry.writer is None:
        raise UnknownFormat(f"{entry.name} is read, not written; choose one of {', '.join(export_names())}")
    writer = entry.writer()
    from curator.io.exporting import run_export

    return run_export(
        writer,
        db,
        out,
        format_name=entry.name,
        lacks=entry.lacks,
        writes_folder=entry.writes_folder,
        annotators=annotators,
        document_ids=document_ids,
        progress=progress,
        layers=layers,
        options=options,
        on_note=on_note,
    )
