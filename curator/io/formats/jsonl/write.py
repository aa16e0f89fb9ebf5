"""The ``jsonl`` export format: interchange JSONL (as :mod:`curator.io.formats.jsonl.lines` writes it) with
the layer selection and a dataset card named ``<out stem>.README.md`` beside the file.

The card does not take the name README.md: ``--out corpus.jsonl`` in a project folder must never
overwrite that folder's own README.
"""

from __future__ import annotations

from curator.io.exporting import ExportRun
from curator.io.formats.jsonl.lines import interchange_lines, write_lines_to


def write_jsonl(run: ExportRun) -> int:
    """Write the selection to the file ``run.target`` and its card; return the number of documents."""
    lines = interchange_lines(run.db, run.selection, figures=run.figures, progress=run.progress)
    count = write_lines_to(run.target, lines)
    run.write_card(
        description="Curator interchange JSONL, one document per line with its annotations, relations and "
        "document labels (see the README of Curator); `curator import` reads it back",
        files=[run.out.name],
    )
    return count
