"""The ``jsonl`` export format: interchange JSONL (as :mod:`curator.io.export_jsonl` writes it) with the
layer selection and a dataset card named ``<out stem>.README.md`` beside the file.

The card does not take the name README.md: ``--out corpus.jsonl`` in a project folder must never
overwrite that folder's own README.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from curator.io.dataset_card import card_text, write_card
from curator.io.export_jsonl import interchange_lines, write_lines
from curator.io.exporting import run_of
from curator.store.database import Database


def card_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.README.md")


def export_interchange(
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
    """Write the selection to the file ``out`` and its card; return the number of documents."""
    run = run_of(
        db,
        annotators=annotators,
        document_ids=document_ids,
        layers=layers,
        progress=progress,
        options=options,
        on_note=on_note,
    )

    count = write_lines(out, interchange_lines(db, run.selection, figures=run.figures, progress=progress))
    text = card_text(
        format_name="jsonl",
        description="Curator interchange JSONL, one document per line with its annotations, relations and "
        "document labels (see the README of Curator); `curator import` reads it back",
        files=[out.name],
        schema=db.schema,
        selection=run.selection,
        figures=run.figures,
    )
    write_card(card_path(out), text)
    return count
