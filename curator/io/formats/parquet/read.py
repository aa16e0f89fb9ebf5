"""Read Curator's parquet export back (see :mod:`curator.io.formats.parquet.write`).

- ``documents.parquet`` (or the export's folder, or ``spans.parquet``/``relations.parquet``): the
  exact tables. Documents with their text and document labels, every span with its attributes (JSON)
  and note, every relation between span ids of one document: all of it comes back, nested and
  overlapping spans included. Each span's ``text`` cell must be the document's text at its offsets,
  which catches a moved span. A span's ``entity`` cell links it to that registry entity: one the
  registry lacks is made from its row of ``entities.parquet`` (checked as the registry file is, every
  problem with its row), else from the span's label and text (refused with the span's row when the
  label is no entity type).
- ``tokens.parquet`` named on its own: the Hugging Face style token table, with the texts from
  ``documents.parquet`` beside it. Each token must be the text at its ``token_starts``/``token_ends``;
  spans come from the BIO tag columns (``ner_tags`` is the entity layer, ``<layer>_tags`` the others).
  What a BIO column cannot hold does not come back: nested or overlapping spans of one layer,
  attributes, notes, relations, document labels.

Annotators are the table's ``annotator`` cells, else ``--annotator``. Problems name the table and
the row (counted from 1).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.optional_libs import MissingLibrary

try:
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("parquet", "pyarrow") from exc

from curator.io.entity_file import entity_from_json
from curator.io.formats.parquet.tables import DOCUMENTS, ENTITIES, RELATIONS, SPANS, TOKENS
from curator.io.label_names import ner_layer
from curator.io.source_text import SourceText, new_document
from curator.io.strict_json import parse_line
from curator.io.validation import Located
from curator.records import DocLabelIn, DocumentIn, EntityIn, RelationIn, SpanIn
from curator.schema.model import Schema
from curator.store.entities import EntityRecord, entity_problems, entity_types

MAX_BYTES = 2 * 1024 * 1024 * 1024
TABLES = (DOCUMENTS, SPANS, RELATIONS, TOKENS, ENTITIES)


class _Bad(Exception):
    pass


def _rows(path: Path) -> list[dict[str, Any]]:
    """The rows of one table; raise ``_Bad`` when it is not a readable parquet file."""
    if path.stat().st_size > MAX_BYTES:
        raise _Bad(f"{path.name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    except Exception as exc:  # pyarrow raises its own errors for every kind of damage
        raise _Bad(f"{path.name}: not a readable parquet table ({type(exc).__name__}: {exc})") from exc
    return rows


def _cell(row: dict[str, Any], key: str, kind: type, *, required: bool = True) -> Any:
    if key not in row:
        raise _Bad(f"no {key!r} column")
    value = row[key]
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        raise _Bad(f"{key!r} must be {'a string' if kind is str else 'an integer'}, not {value!r}")
    return value


class _Dataset:
    """The documents of an export, then the annotations read into them."""

    def __init__(self, folder: Path, schema: Schema, default_annotator: str | None) -> None:
        self.folder = folder
        self.schema = schema
        self.default_annotator = default_annotator
        self.problems: list[Problem] = []
        self.docs: dict[str, tuple[DocumentIn, SourceText]] = {}
        self.span_where: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        self.relation_where: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        self.label_where: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        self.entities: dict[str, tuple[int, EntityRecord]] = {}  # the entities table: key -> (row, record)
        self.named: set[str] = set()  # the keys the spans link to

    def bad(self, table: str, row: int, message: str) -> None:
        self.problems.append(Problem(str(self.folder / table), row, f"row {row}: {message}"))

    def annotator(self, row: dict[str, Any]) -> str:
        name = _cell(row, "annotator", str, required=False)
        name = (name or "").strip() or self.default_annotator
        if not name:
            raise _Bad("no annotator in the row; give one with --annotator")
        return str(name)

    def read_documents(self) -> None:
        path = self.folder / DOCUMENTS
        for n, row in enumerate(_rows(path), start=1):
            try:
                ext_id = _cell(row, "document", str)
                text = _cell(row, "text", str)
                if not ext_id or not text.strip():
                    raise _Bad("the document id or the text is empty")
                if ext_id in self.docs:
                    raise _Bad(f"document {ext_id!r} is in the table twice")
                st = SourceText.of(text)
                doc = new_document(
                    DOCUMENTS,
                    n,
                    st,
                    ext_id=ext_id,
                    ext_id_fixed=True,
                    title=_cell(row, "title", str, required=False) or "",
                    language=_cell(row, "language", str, required=False),
                )
                labels = row.get("doc_labels") or []
                if not isinstance(labels, list):
                    raise _Bad("'doc_labels' must be a list")
                for i, label in enumerate(labels, start=1):
                    if not isinstance(label, dict):
                        raise _Bad(f"document label {i} must be a struct of annotator, layer, label")
                    doc.doc_labels.append(
                        DocLabelIn(_cell(label, "layer", str), _cell(label, "label", str), self.annotator(label))
                    )
                    self.label_where[ext_id].append((n, f"row {n}: document label {i}", str(path)))
            except _Bad as exc:
                self.bad(DOCUMENTS, n, str(exc))
                continue
            self.docs[ext_id] = (doc, st)

    def read_entities(self) -> None:
        """The registry rows of ``entities.parquet``, checked as the registry file's lines are."""
        path = self.folder / ENTITIES
        if not path.is_file():
            return
        types = entity_types(self.schema)
        for n, row in enumerate(_rows(path), start=1):
            try:
                obj: dict[str, Any] = {
                    "id": _cell(row, "id", str),
                    "type": _cell(row, "type", str),
                    "names": _json_object(row, "names"),
                    "aliases": row.get("aliases") or [],
                    "description": _cell(row, "description", str, required=False) or "",
                    "external_ids": _json_object(row, "external_ids", required=False),
                }
                record, found = entity_from_json(obj)
                if record is not None:
                    found = entity_problems(record, types)
                    if record.key in self.entities:
                        found.append(f"duplicate id {record.key!r} (first in row {self.entities[record.key][0]})")
                if found or record is None:
                    raise _Bad("; ".join(found))
            except _Bad as exc:
                self.bad(ENTITIES, n, str(exc))
                continue
            self.entities[record.key] = (n, record)

    def link(self, doc: DocumentIn, span: SpanIn, key: str, row: int) -> None:
        """Link ``span`` to the entity ``key``: its registry row from the entities table, else one made
        from the span (the import makes it only when the registry lacks it)."""
        span.entity = key
        self.named.add(key)
        if key in self.entities:
            doc.entities.append(self.entity_row(key))
        else:
            name = doc.text[span.start : span.end]
            doc.entities.append(EntityIn(key, span.label, name, doc.language, row, str(self.folder / SPANS)))

    def entity_row(self, key: str) -> EntityIn:
        """The entity ``key`` as its row of the entities table gives it, whole."""
        n, r = self.entities[key]
        name = next(iter(r.names.values()))
        where = str(self.folder / ENTITIES)
        return EntityIn(key, r.type, name, None, n, where, r.names, r.aliases, r.description, r.external_ids)

    def document(self, row: dict[str, Any]) -> tuple[DocumentIn, SourceText]:
        ext_id = _cell(row, "document", str)
        if ext_id not in self.docs:
            raise _Bad(f"document {ext_id!r} is not in {DOCUMENTS}")
        return self.docs[ext_id]

    def read_spans(self) -> None:
        path = self.folder / SPANS
        for n, row in enumerate(_rows(path), start=1):
            try:
                doc, st = self.document(row)
                start, end = _cell(row, "start", int), _cell(row, "end", int)
                if problem := st.check_range(start, end):
                    raise _Bad(problem)
                shown = _cell(row, "text", str)
                if st.raw[start:end] != shown:
                    raise _Bad(f"text {shown[:40]!r} is not the document's text at {start}-{end}")
                raw_attributes = _cell(row, "attributes", str, required=False) or "{}"
                try:
                    attributes = parse_line(raw_attributes)
                except Exception as exc:  # the strict JSON parser's own error type
                    raise _Bad(f"attributes: {exc}") from exc
                if not isinstance(attributes, dict):
                    raise _Bad("attributes must be a JSON object")
                span_id = _cell(row, "span_id", int)
                layer, label = _cell(row, "layer", str), _cell(row, "label", str)
                # an export before links has no entity column
                entity = _cell(row, "entity", str, required=False) if "entity" in row else None
                span = SpanIn(
                    layer,
                    label,
                    st.offset(start),
                    st.offset(end),
                    self.annotator(row),
                    attributes,
                    _cell(row, "note", str, required=False) or "",
                    ref=str(span_id),
                )
                if entity is not None and entity.strip():
                    self.link(doc, span, entity.strip(), n)
                doc.spans.append(span)
            except _Bad as exc:
                self.bad(SPANS, n, str(exc))
                continue
            name = f"row {n}: span {span_id} ({layer} {label} {start}-{end})"
            self.span_where[doc.ext_id or ""].append((n, name, str(path)))

    def read_relations(self) -> None:
        path = self.folder / RELATIONS
        if not path.is_file():
            return
        for n, row in enumerate(_rows(path), start=1):
            try:
                doc, _ = self.document(row)
                source, target = _cell(row, "source_span_id", int), _cell(row, "target_span_id", int)
                rel_type = _cell(row, "type", str)
                doc.relations.append(RelationIn(rel_type, str(source), str(target), self.annotator(row)))
            except _Bad as exc:
                self.bad(RELATIONS, n, str(exc))
                continue
            self.relation_where[doc.ext_id or ""].append((n, f"row {n}: {rel_type} {source} → {target}", str(path)))

    def read_tokens(self) -> None:
        """Spans from the BIO columns of the token table."""
        path = self.folder / TOKENS
        entity = ner_layer(self.schema)
        span_layers = {lay.id for lay in self.schema.layers if "span" in lay.scopes}
        for n, row in enumerate(_rows(path), start=1):
            try:
                doc, st = self.document(row)
                tokens = row.get("tokens")
                starts, ends = row.get("token_starts"), row.get("token_ends")
                if not (isinstance(tokens, list) and isinstance(starts, list) and isinstance(ends, list)):
                    raise _Bad("'tokens', 'token_starts' and 'token_ends' must be lists")
                if not len(tokens) == len(starts) == len(ends):
                    raise _Bad("'tokens', 'token_starts' and 'token_ends' differ in length")
                for k, (token, start, end) in enumerate(zip(tokens, starts, ends, strict=True)):
                    if not isinstance(start, int) or not isinstance(end, int) or st.check_range(start, end):
                        raise _Bad(f"token {k + 1}: offsets {start}-{end} are not a range of the text")
                    if st.raw[start:end] != token:
                        raise _Bad(f"token {k + 1} {token!r} is not the text at {start}-{end}")
                columns = [c for c in row if c.endswith("_tags")]
                annotator: str | None = None
                for column in columns:
                    layer = entity if column == "ner_tags" else column.removesuffix("_tags")
                    if layer not in span_layers:
                        raise _Bad(f"column {column!r} is not the tags of a span layer of the schema")
                    tags = row[column]
                    if not isinstance(tags, list) or len(tags) != len(tokens):
                        raise _Bad(f"{column!r} must hold one tag per token")
                    for start, end, label in _bio(tags, starts, ends, column):
                        annotator = annotator or self.annotator(row)
                        doc.spans.append(SpanIn(layer, label, st.offset(start), st.offset(end), annotator))
                        self.span_where[doc.ext_id or ""].append(
                            (n, f"row {n}: {column} {label} {start}-{end}", str(path))
                        )
            except _Bad as exc:
                self.bad(TOKENS, n, str(exc))

    def located(self) -> list[Located]:
        out = []
        unused = sorted(set(self.entities) - self.named)
        if unused and self.docs:
            # rows no span links to (a table written by hand...): made all the same, none dropped
            first = next(iter(self.docs.values()))[0]
            first.entities.extend(self.entity_row(key) for key in unused)
        for ext_id, (doc, _) in self.docs.items():
            spans, relations, labels = self.span_where[ext_id], self.relation_where[ext_id], self.label_where[ext_id]
            out.append(
                Located(
                    doc,
                    str(self.folder / DOCUMENTS),
                    span_at=spans.__getitem__,
                    relation_at=relations.__getitem__,
                    label_at=labels.__getitem__,
                )
            )
        return out


def _json_object(row: dict[str, Any], key: str, *, required: bool = True) -> Any:
    """A cell holding a JSON object (an entity's names or external ids), parsed strictly."""
    cell = _cell(row, key, str, required=required)
    if cell is None:
        return {}
    try:
        return parse_line(cell)
    except Exception as exc:  # the strict JSON parser's own error type
        raise _Bad(f"{key}: {exc}") from exc


def _bio(tags: list[Any], starts: list[int], ends: list[int], column: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the spans of one BIO column (IOB2); raise ``_Bad`` for a bad tag."""
    spans: list[list[Any]] = []
    current: list[Any] | None = None
    for k, tag in enumerate(tags):
        if tag == "O":
            current = None
            continue
        kind, _, label = tag.partition("-") if isinstance(tag, str) else ("", "", "")
        if kind not in ("B", "I") or not label:
            raise _Bad(f"{column!r} token {k + 1}: tag {tag!r} is not O, B-LABEL or I-LABEL")
        if kind == "I":
            if current is None or current[2] != label:
                raise _Bad(f"{column!r} token {k + 1}: {tag} continues no {label} span (a span starts with B-)")
            current[1] = ends[k]
            continue
        current = [starts[k], ends[k], label]
        spans.append(current)
    return [(s[0], s[1], s[2]) for s in spans]


def read_parquet(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """The documents and annotations of a parquet export (see the module's description)."""
    if path.name not in TABLES:
        names = ", ".join(TABLES)
        return [], [Problem(str(path), 0, f"not one of the tables of Curator's parquet export ({names})")]
    data = _Dataset(path.parent, schema, default_annotator)
    if not (path.parent / DOCUMENTS).is_file():
        return [], [Problem(str(path), 0, f"no {DOCUMENTS} beside it: the texts of the documents are there")]
    try:
        data.read_documents()
        if data.problems:
            return [], data.problems
        if path.name == TOKENS or not (path.parent / SPANS).is_file():
            if (path.parent / TOKENS).is_file():
                data.read_tokens()
        else:
            data.read_entities()
            data.read_spans()
            data.read_relations()
    except _Bad as exc:  # a table that cannot be read at all
        return [], [Problem(str(path.parent), 0, str(exc))]
    if data.problems:
        return [], data.problems
    if not data.docs:
        return [], [Problem(str(path.parent / DOCUMENTS), 0, "no documents in the table")]
    return data.located(), []
