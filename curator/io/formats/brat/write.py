"""The ``brat`` export format: ``<annotator>/<document>.txt`` and ``.ann``, with ``annotation.conf`` and
``visual.conf`` at the top (brat looks for them up the folder tree).

File and folder names come from document ids and annotator names through
:mod:`curator.io.safe_names`; documents nobody in the selection annotated are in ``_text_only/``.
See :mod:`curator.io.formats.brat.standoff` for the line syntax and what brat cannot hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.io.exporting import ExportRun
from curator.io.formats.brat.standoff import (
    NO_ANNOTATOR_FOLDER,
    REGISTRY_DB,
    annotation_conf,
    brat_type,
    visual_conf,
)
from curator.io.safe_names import NameAllocator, inside
from curator.io.selection import AnnotatorView
from curator.schema.model import Schema
from curator.store.entities import Registry


@dataclass
class _Losses:
    attributes: int = 0  # values with white space or of a type brat has no form for
    notes: int = 0  # notes whose line breaks became spaces
    doc_labels: int = 0
    empty: int = 0  # spans made of line breaks only


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks, as brat writes a span across lines (breaks left out)."""
    out: list[tuple[int, int]] = []
    piece = start
    for i in range(start, end):
        if text[i] == "\n":
            if i > piece:
                out.append((piece, i))
            piece = i + 1
    if end > piece:
        out.append((piece, end))
    return out


def ann_text(
    view: AnnotatorView, schema: Schema, losses: _Losses, links: dict[int, tuple[str, str]] | None = None
) -> str:
    """The ``.ann`` content for one annotator's view of one document; ``links`` gives the registry
    entity (key, name) of linked spans, written as normalization lines ``Reference T1 curator:KEY``."""
    text = view.document.text
    lines: list[str] = []
    ids: dict[int, str] = {}
    n_attr = n_note = n_norm = 0
    links = links or {}
    for s in view.spans:
        parts = fragments(text, s.start, s.end)
        if not parts:
            losses.empty += 1
            continue
        tid = ids[s.id] = f"T{len(ids) + 1}"
        offsets = ";".join(f"{a} {b}" for a, b in parts)
        lines.append(f"{tid}\t{brat_type(schema, s.layer, s.label)} {offsets}\t{' '.join(text[a:b] for a, b in parts)}")
        for key, value in s.attributes.items():
            for v in value if isinstance(value, list) else [value]:
                if v is None:
                    continue
                if v is True:
                    n_attr += 1
                    lines.append(f"A{n_attr}\t{key} {tid}")
                elif isinstance(v, str) and v and not any(ch.isspace() for ch in v):
                    n_attr += 1
                    lines.append(f"A{n_attr}\t{key} {tid} {v}")
                else:
                    losses.attributes += 1
        if s.id in links:
            n_norm += 1
            key, name = links[s.id]
            lines.append(f"N{n_norm}\tReference {tid} {REGISTRY_DB}:{key}\t{' '.join(name.split())}")
        if s.note:
            n_note += 1
            flat = " ".join(s.note.splitlines())
            losses.notes += flat != s.note
            lines.append(f"#{n_note}\tAnnotatorNotes {tid}\t{flat}")
    for n, r in enumerate(view.relations, start=1):
        if r.source_id in ids and r.target_id in ids:
            lines.append(f"R{n}\t{r.type} Arg1:{ids[r.source_id]} Arg2:{ids[r.target_id]}")
    losses.doc_labels += len(view.doc_labels)
    return "".join(line + "\n" for line in lines)


def write_brat(run: ExportRun) -> int:
    """Write the brat folders, the configuration and README.md under ``out``; return the number of
    documents."""
    db = run.db
    layers = run.selection.layers
    schema = db.schema
    losses = _Losses()
    documents = 0
    folders = NameAllocator([NO_ANNOTATOR_FOLDER, "README.md", "annotation.conf", "visual.conf"], fallback="annotator")
    names = NameAllocator(fallback="document")
    root = run.target
    registry = Registry(db, "export")
    (root / "annotation.conf").write_text(annotation_conf(schema, layers), encoding="utf-8", newline="\n")
    (root / "visual.conf").write_text(visual_conf(schema), encoding="utf-8", newline="\n")
    for bundle, views in run.views():
        doc_name = names.name(bundle.document.ext_id)
        links = registry.linked_names(bundle.document.id, bundle.document.language)
        for view in views:
            folder_name = NO_ANNOTATOR_FOLDER if view.annotator is None else folders.name(view.annotator)
            folder = inside(root, folder_name)
            folder.mkdir(exist_ok=True)
            inside(folder, doc_name + ".txt").write_text(view.document.text, encoding="utf-8", newline="")
            inside(folder, doc_name + ".ann").write_text(
                ann_text(view, schema, losses, links), encoding="utf-8", newline=""
            )
            run.figures.add_view(view)
        documents += 1
    run.finish_views()
    if losses.doc_labels:
        run.note(f"{losses.doc_labels} document labels are not exported: brat has no document labels")
    if losses.attributes:
        run.note(f"{losses.attributes} attribute values have spaces or no brat form and are not exported")
    if losses.notes:
        run.note(f"{losses.notes} notes had line breaks, written as spaces (an .ann note is one line)")
    if losses.empty:
        run.note(f"{losses.empty} spans hold only line breaks and are not exported")
    run.write_card(
        description="brat standoff; one folder per annotator, `.txt` (UTF-8, LF) and `.ann` per document; "
        "offsets in characters (code points), spans across lines written as fragments split at the line break",
        files=["annotation.conf", "visual.conf", "<annotator>/<document>.txt", "<annotator>/<document>.ann"],
    )
    return documents
