"""The ``csv`` export format: ``claims.csv``, one row per claim, for reading claims in a spreadsheet.

A claim is a span labelled ``CLAIM`` in the ``claim`` layer; its row gives the document, annotator,
offsets, the claim's text, its claimant (the target of its ``claimant`` relation) with the id of the
registry entity the claimant is linked to (``claimant_entity``, empty when none), its cue, its
attributes (stance, type, area; several areas joined by ``;``) and note. The rows of the entities
named there are written beside as ``entities.jsonl`` (the registry file ``curator import`` reads
with the folder). A row is a claim, and claims are no entity: links of entities that are no
claimant are not in the table (the card counts them with the spans it has no place for).

Two modes (option ``csv_mode``):
- ``spreadsheet`` (default): a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
  is a formula to Excel, LibreOffice and Google Sheets (OWASP "CSV injection"); such cells get a
  leading apostrophe, which spreadsheets show as text. A cell that starts with an apostrophe of its
  own gets one too (a spreadsheet shows it as it is), so that every leading apostrophe of the file is
  one Curator added and :mod:`curator.io.formats.csv.read` can take exactly those away. The file starts with
  a UTF-8 BOM, so that Excel reads Arabic right and readers know the mode.
- ``plain``: every cell exactly as stored, no BOM, for scripts and ML pipelines.
"""

from __future__ import annotations

import csv

from curator.errors import CuratorError
from curator.io.exporting import ExportRun
from curator.store.entities import Registry
from curator.store.queries import DocumentBundle, SpanRecord

FILE = "claims.csv"
CLAIM_LAYER, CLAIM_LABEL = "claim", "CLAIM"  # the schema's names for claims and their links
CLAIMANT, CUE = "claimant", "cue"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISED = "'"  # what spreadsheet mode puts before a formula-like cell (and before a leading ')
MODES = ("spreadsheet", "plain")
COLUMNS = [
    "document",
    "annotator",
    "claim_id",
    "start",
    "end",
    "claim",
    "claimant",
    "claimant_label",
    "claimant_start",
    "claimant_end",
    "claimant_entity",
    "cue",
    "stance",
    "type",
    "area",
    "note",
    "title",
]


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a leading apostrophe before a formula start, and
    before an apostrophe (so that a reader can always take the first leading apostrophe away)."""
    return NEUTRALISED + cell if cell.startswith((*FORMULA_START, NEUTRALISED)) else cell


def _attribute(span: SpanRecord, key: str) -> str:
    value = span.attributes.get(key)
    if value is None:
        return ""
    return ";".join(str(v) for v in value) if isinstance(value, list) else str(value)


def claim_rows(bundle: DocumentBundle, links: dict[int, str] | None = None) -> list[dict[str, str]]:
    """The rows of one document's claims, in text order; ``links`` gives the entity key of linked spans."""
    links = links or {}
    text = bundle.document.text
    spans = {s.id: s for s in bundle.spans}
    linked: dict[tuple[int, str], SpanRecord] = {}
    for r in bundle.relations:
        if r.target_id in spans:
            linked.setdefault((r.source_id, r.type), spans[r.target_id])
    rows = []
    for s in bundle.spans:
        if (s.layer, s.label) != (CLAIM_LAYER, CLAIM_LABEL):
            continue
        who = linked.get((s.id, CLAIMANT))
        cue = linked.get((s.id, CUE))
        rows.append(
            {
                "document": bundle.document.ext_id,
                "annotator": s.annotator,
                "claim_id": str(s.id),
                "start": str(s.start),
                "end": str(s.end),
                "claim": text[s.start : s.end],
                "claimant": text[who.start : who.end] if who else "",
                "claimant_label": who.label if who else "",
                "claimant_start": str(who.start) if who else "",
                "claimant_end": str(who.end) if who else "",
                "claimant_entity": links.get(who.id, "") if who else "",
                "cue": text[cue.start : cue.end] if cue else "",
                "stance": _attribute(s, "stance"),
                "type": _attribute(s, "type"),
                "area": _attribute(s, "area"),
                "note": s.note,
                "title": bundle.document.title,
            }
        )
    return rows


def _claimant_ids(bundle: DocumentBundle) -> set[int]:
    """The spans that are the claimant of a claim (the only spans besides claims the table holds)."""
    claims = {s.id for s in bundle.spans if (s.layer, s.label) == (CLAIM_LAYER, CLAIM_LABEL)}
    return {r.target_id for r in bundle.relations if r.type == CLAIMANT and r.source_id in claims}


def write_csv(run: ExportRun) -> int:
    """Write ``claims.csv`` and README.md under ``out``; return the number of documents."""
    mode = str(run.options.get("csv_mode", "spreadsheet"))
    if mode not in MODES:
        raise CuratorError(f"csv_mode must be one of {', '.join(MODES)}, not {mode!r}")
    documents = rows = neutralised = 0
    folder = run.target
    encoding = "utf-8-sig" if mode == "spreadsheet" else "utf-8"
    registry = Registry(run.db, "export")
    linked: set[str] = set()
    unheld = 0  # links of entities that are no claimant: a claims table has no row for them
    with (folder / FILE).open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)  # RFC 4180: CRLF rows, quoted as needed
        writer.writeheader()
        for bundle in run.bundles():
            documents += 1
            run.figures.add_bundle(bundle)
            links = registry.links_of(bundle.document.id) if run.figures.linked else {}
            if links:
                unheld += len(set(links) - _claimant_ids(bundle))
            for row in claim_rows(bundle, links):
                if row["claimant_entity"]:
                    linked.add(row["claimant_entity"])
                if mode == "spreadsheet":
                    safe = {k: neutralise(v) for k, v in row.items()}
                    neutralised += sum(safe[k] != row[k] for k in row)
                    row = safe
                writer.writerow(row)
                rows += 1
    registry_file = run.write_registry(linked)
    if unheld:
        run.note(f"{unheld} entity links are on spans that are no claimant, which a claims table has no place for")
    if neutralised:
        run.note(f"{neutralised} cells started like a formula (or with ') and were prefixed with ' (spreadsheet mode)")
    run.write_card(
        description=f"{rows} claims, one per row; mode {mode}"
        + (
            " (cells that would run as formulas, or that start with an apostrophe, get one more in front; "
            "UTF-8 with BOM)"
            if mode == "spreadsheet"
            else " (cells exact; UTF-8 without BOM)"
        ),
        files=[FILE, *([registry_file] if registry_file else [])],
        details=[f"Columns: {', '.join(COLUMNS)}; offsets are code points, end exclusive"],
    )
    return documents
