"""One export, prepared once for its writer: the selection, per-annotator views, figures and notes
for the card, progress, and the output that replaces ``out`` only when complete.

:func:`run_export` (through :func:`curator.io.registry.export`) builds the :class:`ExportRun`, opens
the output (a fresh folder, or the file beside ``out``: see :mod:`curator.io.export_folder`) and
calls the format's writer with the run alone. ``progress(1)`` is called per document and may raise
to cancel: nothing is left behind then. ``on_note`` receives what the user must know (spans a
format cannot hold, spans widened to tokens); the same notes are in the dataset card written beside
the data. ``options`` carries format-specific choices (``csv_mode``: ``spreadsheet`` or ``plain``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from curator.io.capacity import counted
from curator.io.dataset_card import CardFigures, card_text, write_card
from curator.io.entity_file import REGISTRY_FILE, write_entities
from curator.io.export_folder import CARD_NAME, output_file, output_folder
from curator.io.selection import (
    AnnotatorView,
    Progress,
    Selection,
    annotator_views,
    finished_documents,
    selected_bundles,
)
from curator.store.database import Database
from curator.store.entities import linked_entities, records_of
from curator.store.guidelines import current_guidelines
from curator.store.queries import DocumentBundle

Note = Callable[[str], None]


@dataclass
class ExportRun:
    """What a writer needs of its export. It writes into ``target``: a fresh folder (or, for a
    one-file format, the file beside ``out``) that becomes ``out`` once the writer has returned."""

    db: Database
    selection: Selection
    progress: Progress | None = None
    options: Mapping[str, object] = field(default_factory=dict)
    on_note: Note | None = None
    format_name: str = ""
    lacks: frozenset[str] = frozenset()  # the kinds of content the format has no place for
    out: Path = Path()
    target: Path = Path()
    writes_folder: bool = True
    figures: CardFigures = field(default_factory=CardFigures)
    dropped_relations: int = 0

    def __post_init__(self) -> None:
        # Counted as the spans are: a format says how many links it wrote, or could not write.
        self.figures.linked = linked_entities(self.db)

    def write_registry(self, keys: Iterable[str], name: str = REGISTRY_FILE) -> str | None:
        """Write the registry rows of the entities ``keys`` name as ``name`` in the export's folder
        (the registry file ``curator import`` reads with the folder); its name, None when no key."""
        records = records_of(self.db, keys)
        if not records:
            return None
        write_entities(records, self.target / name)
        self.figures.registry_file = name
        return name

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

    @property
    def card_path(self) -> Path:
        """README.md in the folder; beside a one-file export, ``<out stem>.README.md`` (never README.md:
        ``--out corpus.jsonl`` in a project folder must not overwrite that folder's own README)."""
        if self.writes_folder:
            return self.target / CARD_NAME
        return self.out.with_name(f"{self.out.stem}.README.md")

    def write_card(
        self,
        *,
        description: str,
        files: list[str],
        details: list[str] | None = None,
        front_matter: str = "",
    ) -> Path:
        """Write the dataset card and return its path; say on the command line what the format
        could not hold (the card counts it too)."""
        left = self.figures.left_out(self.lacks)
        if left and self.on_note:
            self.on_note(f"{self.format_name} cannot hold, so these were left out: {counted(left)}")
        guidelines = current_guidelines(self.db)
        text = card_text(
            format_name=self.format_name,
            lacks=self.lacks,
            description=description,
            files=files,
            schema=self.db.schema,
            selection=self.selection,
            figures=self.figures,
            details=details,
            front_matter=front_matter,
            guidelines=guidelines.stamp if guidelines is not None else None,
        )
        write_card(self.card_path, text)
        return self.card_path


# A writer fills ``run.target``, writes the card through the run and returns the number of documents.
Writer = Callable[[ExportRun], int]


def run_export(
    writer: Writer,
    db: Database,
    out: Path,
    *,
    format_name: str,
    lacks: frozenset[str] = frozenset(),
    writes_folder: bool = True,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    progress: Progress | None = None,
    layers: list[str] | None = None,
    options: Mapping[str, object] | None = None,
    on_note: Note | None = None,
) -> int:
    """Prepare the run, open the output and let ``writer`` fill it; return the number of documents.
    A writer that raises (a cancelled progress included) leaves the previous ``out``, or nothing."""
    run = ExportRun(
        db,
        Selection(annotators, document_ids, layers),
        progress,
        dict(options or {}),
        on_note,
        format_name=format_name,
        lacks=lacks,
        out=out,
        writes_folder=writes_folder,
    )
    with output_folder(out) if writes_folder else output_file(out) as target:
        run.target = target
        return writer(run)


def short_list(items: list[str], limit: int = 8) -> str:
    """``a, b, c`` or ``a, b, ... (and 12 more)`` for a note."""
    shown = ", ".join(items[:limit])
    return shown + (f" ... (and {len(items) - limit} more)" if len(items) > limit else "")
