"""What an export screen needs of a database: whose work and which layers there are, how many
documents a choice covers, and the export itself (:func:`curator.io.registry.export`).

The window's export dialog is given an :class:`ExportService`, never the database: every call is a
short read of its own (or, for :meth:`ExportService.export`, the exporter's own reads), so the
service may be used from the export thread while the dialog reads counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from curator.io import registry
from curator.io.formats import FileFormat
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR
from curator.store.queries import count_documents, document_ids_by_ext


class ExportService:
    """Exports of ``db``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def annotators(self) -> list[str]:
        """Everyone whose annotations can be chosen, by name; the gold layer is offered apart."""
        return [name for name in self._db.annotator_names() if name != GOLD_ANNOTATOR]

    def has_gold(self) -> bool:
        """Whether a curated gold layer exists to export."""
        return GOLD_ANNOTATOR in self._db.annotator_names()

    def layer_ids(self) -> list[str]:
        return [layer.id for layer in self._db.schema.layers]

    def count_documents(self) -> int:
        return count_documents(self._db)

    def document_ids(self, ext_ids: list[str]) -> list[int]:
        """The ids of the documents imported with these ids (those unknown are left out)."""
        return document_ids_by_ext(self._db, ext_ids)

    def export(
        self,
        fmt: FileFormat,
        out: Path,
        *,
        annotators: list[str] | None,
        document_ids: list[int] | None,
        progress: Callable[[int], None],
        layers: list[str] | None,
        options: Mapping[str, object],
        on_note: Callable[[str], None],
    ) -> int:
        """Export as ``fmt`` to ``out`` (see :func:`curator.io.registry.export`); the number written."""
        return registry.export(
            fmt,
            self._db,
            out,
            annotators=annotators,
            document_ids=document_ids,
            progress=progress,
            layers=layers,
            options=options,
            on_note=on_note,
        )
