"""Read Curator's claims CSV (``claims.csv``, see :mod:`curator.io.formats.csv.write`) back as annotations.

Each row gives a claim span (layer ``claim``, label ``CLAIM``) with its ``stance``, ``type`` and
``area`` attributes and its note, and, when the ``claimant`` cells are filled, the claimant span
(layer and labels of the schema's ``claimant`` relation) and that relation. A claimant shared by
several claims is one span. A ``claimant_entity`` cell links the claimant to that registry entity;
one the registry lacks (and no ``entities.jsonl`` of the batch holds) is made from the claimant's
label and text.

The file holds no document text: rows attach to the document their ``document`` column names, found
among the documents of the same import batch, else in the database. The ``claim`` and ``claimant``
cells must be the text at their offsets, which catches a moved span and a row pointing at another
text. A claim's cue is only text in the file (no offsets) and is not read; entities that are no
claimant, areas as spans, document labels and other relations are not in the file at all.

Spreadsheet mode is recognised by the UTF-8 BOM Curator writes with it. In that mode Curator puts an
apostrophe before every cell that starts like a formula or with an apostrophe, so exactly one leading
apostrophe is taken away from such cells; a cell that starts like a formula *without* one was not
written that way (a formula typed in later, a file saved by a spreadsheet) and is refused. Plain
mode files (no BOM) are read exactly as they are.

Problems name the file, the line where the row starts and the row as a spreadsheet numbers it (the
header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from curator.errors import Problem
from curator.io.formats.csv.write import CLAIM_LABEL, CLAIM_LAYER, CLAIMANT, FORMULA_START, NEUTRALISED
from curator.io.label_names import resolve_label
from curator.io.validation import Located, line_items
from curator.records import DocumentIn, EntityIn, RelationIn, SpanIn
from curator.schema.model import Schema

MAX_BYTES = 256 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
REQUIRED = ("document", "annotator", "start", "end", "claim")
ATTRIBUTE_COLUMNS = ("stance", "type", "area")
LIST_SEPARATOR = ";"  # several values of a label attribute (areas) in one cell


@dataclass
class _Expected:
    """A cell that must be the document's text at some offsets, checked once the text is known."""

    line: int
    row: int
    column: str
    start: int
    end: int
    shown: str


class _Bad(Exception):
    pass


class _LineBad(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _int(value: str, column: str) -> int:
    if not value.isascii() or not value.isdigit():
        raise _Bad(f"{column} {value!r} is not a whole number")
    return int(value)


def _attribute(schema: Schema, key: str, cell: str) -> str | list[str]:
    """A cell as the attribute value Curator stores: label attributes with several values are lists."""
    claim = schema.label(CLAIM_LAYER, CLAIM_LABEL)
    attr = next((a for a in claim.attributes if a.id == key), None) if claim else None
    if attr is not None and attr.type == "label" and LIST_SEPARATOR in cell:
        return cell.split(LIST_SEPARATOR)
    return cell


def _rows(path: Path) -> tuple[list[tuple[int, int, dict[str, str]]], bool]:
    """(line, row, cells) of every data row and whether the file is in spreadsheet mode; raise
    ``_LineBad`` (with the line, 0 for the whole file) for a file that is no claims CSV."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise _LineBad(0, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    spreadsheet = data.startswith(BOM)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _LineBad(data.count(b"\n", 0, exc.start) + 1, "invalid UTF-8") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise _LineBad(0, "the file is empty") from None
    except csv.Error as exc:
        raise _LineBad(1, str(exc)) from exc
    if spreadsheet:
        header = [h.removeprefix(NEUTRALISED) for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise _LineBad(1, f"no {', '.join(repr(c) for c in missing)} column: not a Curator claims CSV")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise _LineBad(1, f"column {repeated[0]!r} appears twice")
    out: list[tuple[int, int, dict[str, str]]] = []
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _LineBad(line, str(exc)) from exc
        row = len(out) + 2
        if cells:
            if len(cells) != len(header):
                raise _LineBad(line, f"row {row} has {len(cells)} cells, the header {len(header)}")
            out.append((line, row, dict(zip(header, cells, strict=True))))
        line = reader.line_num + 1
    return out, spreadsheet


def _unneutralise(cells: dict[str, str]) -> dict[str, str]:
    """Spreadsheet mode: each cell without the apostrophe Curator put before it; raise ``_Bad`` for a
    formula-like cell that has none."""
    out = {}
    for column, cell in cells.items():
        if cell.startswith(NEUTRALISED):
            cell = cell[1:]
        elif cell.startswith(FORMULA_START):
            raise _Bad(
                f"cell {column!r} starts like a formula ({cell[:12]!r}) without the apostrophe Curator puts "
                "before it in spreadsheet mode: the file was edited or not written by Curator"
            )
        out[column] = cell
    return out


def read_csv(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """The claims of a claims CSV, by document; each :class:`Located` waits for its document's text
    (``needs_text``, see :func:`curator.io.importer.import_paths`)."""
    where = str(path)
    try:
        rows, spreadsheet = _rows(path)
    except _LineBad as exc:
        return [], [Problem(where, exc.line, str(exc))]
    claimant = schema.relation(CLAIMANT)
    problems: list[Problem] = []
    by_document: dict[str, _Claims] = {}
    for line, row, raw in rows:
        try:
            cells = _unneutralise(raw) if spreadsheet else raw
            ext_id = cells["document"]
            if not ext_id:
                raise _Bad("the document cell is empty")
            claims = by_document.get(ext_id)
            if claims is None:
                claims = by_document[ext_id] = _Claims(DocumentIn(source=path.name, line=line, text="", ext_id=ext_id))
            claims.add_row(line, row, cells, schema, claimant is not None, default_annotator, where)
        except _Bad as exc:
            problems.append(Problem(where, line, f"row {row}: {exc}"))
    if problems:
        return [], problems
    if not by_document:
        return [], [Problem(where, 0, "no claims in the file")]
    return [claims.located(where) for claims in by_document.values()], []


class _Claims:
    """One document's rows: its spans, relations, and the cells to check against its text."""

    def __init__(self, doc: DocumentIn) -> None:
        self.doc = doc
        self.expected: list[_Expected] = []
        self.span_lines: list[int] = []
        self.span_names: list[str] = []
        self.relation_lines: list[int] = []
        self.claimants: dict[tuple[str, str, int, int], str] = {}  # one span per claimant, by its ref

    def add_row(
        self,
        line: int,
        row: int,
        cells: dict[str, str],
        schema: Schema,
        with_claimants: bool,
        default_annotator: str | None,
        where: str,
    ) -> None:
        annotator = cells["annotator"].strip() or default_annotator
        if not annotator:
            raise _Bad("the row names no annotator; give one with --annotator")
        start, end = _int(cells["start"], "start"), _int(cells["end"], "end")
        attributes = {k: _attribute(schema, k, cells[k]) for k in ATTRIBUTE_COLUMNS if cells.get(k)}
        claim_ref = f"{where}#row{row}"
        self.doc.spans.append(
            SpanIn(CLAIM_LAYER, CLAIM_LABEL, start, end, annotator, attributes, cells.get("note", ""), claim_ref)
        )
        self.span_lines.append(line)
        self.span_names.append(f"row {row}: claim {start}-{end}")
        self.expected.append(_Expected(line, row, "claim", start, end, cells["claim"]))
        label = cells.get("claimant_label", "")
        entity = cells.get("claimant_entity", "").strip()
        if not (label or cells.get("claimant_start") or cells.get("claimant_end")):
            if entity:
                raise _Bad(f"claimant_entity {entity!r} names the entity of a claimant the row does not have")
            return
        if not with_claimants:
            raise _Bad("the schema has no 'claimant' relation for the claimant cells")
        rel = schema.relation(CLAIMANT)
        assert rel is not None
        found = resolve_label(schema, label, "span", rel.target.layer)
        if isinstance(found, str):
            raise _Bad(f"claimant_label: {found}")
        c_start = _int(cells.get("claimant_start", ""), "claimant_start")
        c_end = _int(cells.get("claimant_end", ""), "claimant_end")
        key = (annotator, found[1], c_start, c_end)
        ref = self.claimants.get(key)
        if ref is None:
            ref = self.claimants[key] = f"{where}#claimant{len(self.claimants) + 1}"
            span = SpanIn(found[0], found[1], c_start, c_end, annotator, ref=ref, entity=entity or None)
            self.doc.spans.append(span)
            self.span_lines.append(line)
            self.span_names.append(f"row {row}: claimant {c_start}-{c_end}")
            if entity:
                self.doc.entities.append(EntityIn(entity, found[1], cells.get("claimant", ""), None, line))
        elif entity and entity != (earlier := next(s.entity for s in self.doc.spans if s.ref == ref)):
            raise _Bad(f"claimant_entity {entity!r}: an earlier row gives this claimant {earlier or 'no entity'!r}")
        self.expected.append(_Expected(line, row, "claimant", c_start, c_end, cells.get("claimant", "")))
        self.doc.relations.append(RelationIn(CLAIMANT, claim_ref, ref, annotator))
        self.relation_lines.append(line)

    def located(self, where: str) -> Located:
        def check(text: str) -> list[Problem]:
            problems = []
            for e in self.expected:
                if e.end > len(text) or e.start > e.end:
                    message = f"{e.column} offsets {e.start}-{e.end} are outside the text ({len(text)} characters)"
                elif text[e.start : e.end] != e.shown:
                    message = (
                        f"{e.column} {e.shown[:40]!r} is not the text at {e.start}-{e.end} "
                        f"({text[e.start : e.end][:40]!r}) of document {self.doc.ext_id!r}"
                    )
                else:
                    continue
                problems.append(Problem(where, e.line, f"row {e.row}: {message}"))
            return problems

        needs_text: Callable[[str], list[Problem]] = check
        return Located(
            self.doc,
            where,
            span_at=line_items(self.span_lines, "annotation", self.span_names),
            relation_at=line_items(self.relation_lines, "relation"),
            needs_text=needs_text,
        )
