"""What every exporter shares: the selection, per-annotator views, figures for the card, notes.

Exporters have the signature of :class:`curator.io.formats.Exporter`; they build an
:class:`ExportRun` from their keyword arguments and report through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from curator.io.capacity import counted
from curator.io.dataset_card import CardFigures, card_text, write_card
from curator.io.export_folder import CARD_NAME
from curator.io.selection import (
    AnnotatorView,
    Progress,
    Selection,
    annotator_views,
    finished_documents,
    selected_bundles,
)
from curator.store.database import Database
from curator.store.queries import DocumentBundle

Note = Callable[[str], None]


@dataclass
class ExportRun:
    db: Database
    selection: Selection
    progress: Progress | None = None
    options: Mapping[str, object] = field(default_factory=dict)
    on_note: Note | None = None
    figures: CardFigures = field(default_factory=CardFigures)
    dropped_relations: int = 0

    def note(self, message: str) -> None:
        """Something the user must know about this export: in the card and on the command line."""
        self.figures.notes.append(message)
        if self.on_note:
            self.on_note(message)

    def bundles(self) -> Iterator[DocumentBundle]:
        return selected_bundles(self.db, self.selection, self.progress)

    def views(self) -> Iterator[tuple[DocumentBundle, list[AnnotatorView]]]:
        """Each selected document with its per-annotator views (see :func:`annotator_views`)."""
        finished = finished_documents(self.db, self.selection.annotators)
        for bundle in self.bundles():
            views, dropped = annotator_views(bundle, finished)
            self.dropped_relations += dropped
            yield bundle, views

    def finish_views(self) -> None:
        if self.dropped_relations:
            self.note(
                f"{self.dropped_relations} relations join annotations of two different annotators; this format "
                "holds one annotator per document, so they are not exported"
            )

    def write_card(
        self,
        folder: Path,
        *,
        format_name: str,
        description: str,
        files: list[str],
        details: list[str] | None = None,
        front_matter: str = "",
    ) -> Path:
        """Write README.md into ``folder`` and return its path; say on the command line what the
        format could not hold (the card counts it too)."""
        left = self.figures.left_out(format_name)
        if left and self.on_note:
            self.on_note(f"{format_name} cannot hold, so these were left out: {counted(left)}")
        text = card_text(
            format_name=format_name,
            description=description,
            files=files,
            schema=self.db.schema,
            selection=self.selection,
            figures=self.figures,
            details=details,
            front_matter=front_matter,
        )
        path = folder / CARD_NAME
        write_card(path, text)
        return path


def run_of(
    db: Database,
    *,
    annotators: list[str] | None,
    document_ids: list[int] | None,
    layers: list[str] | None,
    progress: Progress | None,
    options: Mapping[str, object] | None,
    on_note: Note | None,
) -> ExportRun:
    return ExportRun(db, Selection(annotators, document_ids, layers), progress, dict(options or {}), on_note)


def short_list(items: list[str], limit: int = 8) -> str:
    """``a, b, c`` or ``a, b, ... (and 12 more)`` for a note."""
    shown = ", ".join(items[:limit])
    return shown + (f" ... (and {len(items) - limit} more)" if len(items) > limit else "")
