"""The ``jsonl`` export format: interchange JSONL (as :mod:`curator.io.formats.jsonl.lines` writes it) with
the layer selection and a dataset card named ``<out stem>.README.md`` beside the file.

The card does not take the name README.md: ``--out corpus.jsonl`` in a project folder must never
overwrite that folder's own README. Where the exported spans link to registry entities (``"entity"``
on a span), the registry is written beside too, as ``<out stem>.entities.jsonl``: ``curator import``
of both files (or of their folder) brings back the entities and the links in one batch.
"""

from __future__ import annotations

from curator.io.entity_file import REGISTRY_FILE, write_entities
from curator.io.exporting import ExportRun
from curator.io.formats.jsonl.lines import interchange_lines, write_lines_to
from curator.store.entities import Registry


def write_jsonl(run: ExportRun) -> int:
    """Write the selection to the file ``run.target`` and its card; return the number of documents."""
    linked: set[str] = set()
    lines = interchange_lines(run.db, run.selection, figures=run.figures, progress=run.progress, entities=linked)
    count = write_lines_to(run.target, lines)
    files = [run.out.name]
    if linked:
        registry_path = run.out.with_name(f"{run.out.stem}.{REGISTRY_FILE}")
        records = [r for r in Registry(run.db, "export").all() if r.key in linked]
        write_entities(records, registry_path)
        files.append(registry_path.name)
        run.figures.registry_file = registry_path.name
    run.write_card(
        description="Curator interchange JSONL, one document per line with its annotations, relations and "
        "document labels (see the README of Curator); `curator import` reads it back"
        + (", and the entities its annotations link to in the registry file beside it" if linked else ""),
        files=files,
    )
    return count
