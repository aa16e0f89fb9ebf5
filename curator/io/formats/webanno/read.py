"""Read WebAnno TSV 3.2/3.3 files (INCEpTION's ``ctsv3``): Curator's ``webanno`` export and INCEpTION's.

The header's layers must be the schema's, named as :mod:`curator.io.formats.webanno.tsv3` names them (the entity
layer ``NamedEntity``, others ``webanno.custom.L``; features: the label, ``note``, the label
attributes, link features named after cross-layer relations; relation layers named after relations
inside one layer); chain layers and other features are refused with their line. The text is rebuilt
from the ``#Text=`` lines as INCEpTION does (a gap before a sentence's first token padded with
spaces); ``webanno.documents.jsonl`` at the export's root, when there, gives the document id, title,
language, annotator and the white space INCEpTION's rebuilding cannot say. Offsets are UTF-16 code
units, converted; each token and sub-token must be the text at its offsets. The annotator is the
index's, else ``--annotator``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from curator.errors import Problem
from curator.io.formats.webanno.tsv3 import (
    BASE_TYPE_PREFIX,
    CHAIN_PREFIX,
    CUSTOM,
    FORMAT_PATTERN,
    INDEX,
    NAMED_ENTITY,
    NOTE,
    NULL_COLUMN,
    NULL_VALUE,
    RELATION_PREFIX,
    ROLE_PREFIX,
    SENTENCE_ID_PREFIX,
    SPAN_PREFIX,
    TEXT_PREFIX,
    split_suffix,
    split_unescaped,
    unescape_text,
    unescape_value,
)
from curator.io.label_names import ner_layer
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located, line_items
from curator.records import RelationIn, SpanIn
from curator.schema.model import Schema
from curator.text.utf16 import Utf16Offsets

MAX_BYTES = 256 * 1024 * 1024


class _Bad(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class _Column:
    kind: str  # feature, role, target, relation
    layer: str  # the span layer (for a relation: the layer it joins)
    name: str  # the feature, or the relation id


@dataclass
class _Annotation:
    layer: str
    line: int
    unit: str  # its first unit, which relations and links name
    begin: int  # UTF-16
    end: int
    features: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (relation, target reference)


@dataclass
class _Unit:
    line: int
    begin: int
    end: int
    form: str


def _layer_of_type(schema: Schema, type_name: str, line: int) -> str:
    span_layers = [lay.id for lay in schema.layers if "span" in lay.scopes]
    if type_name == NAMED_ENTITY and ner_layer(schema) in span_layers:
        return ner_layer(schema)
    name = type_name.removeprefix(CUSTOM).casefold() if type_name.startswith(CUSTOM) else None
    found = [lay for lay in span_layers if lay.casefold() == name]
    if not found:
        raise _Bad(line, f"layer {type_name!r} is not a span layer of the schema")
    return found[0]


def _header(lines: list[str], schema: Schema) -> tuple[list[_Column], int]:
    """The columns the header declares and the index of the first body line."""
    if not lines or not FORMAT_PATTERN.fullmatch(lines[0]):
        raise _Bad(1, "not WebAnno TSV 3: the first line must be '#FORMAT=WebAnno TSV 3.3'")
    columns: list[_Column] = []
    k = 1
    while k < len(lines) and lines[k]:
        line, number = lines[k], k + 1
        if line.startswith(CHAIN_PREFIX):
            raise _Bad(number, "chain layers (coreference) are not in Curator's schema")
        if line.startswith(SPAN_PREFIX):
            type_name, *features = line.removeprefix(SPAN_PREFIX).split("|")
            layer = _layer_of_type(schema, type_name, number)
            lay = schema.layer(layer)
            assert lay is not None
            attributes = {a.id for label in lay.labels for a in label.attributes}
            label_feature = "value" if type_name == NAMED_ENTITY else "label"
            if label_feature not in features:
                raise _Bad(number, f"layer {type_name!r} has no {label_feature!r} feature to hold the label")
            f = 0
            while f < len(features):
                feature = features[f]
                if feature.startswith(ROLE_PREFIX):
                    parts = feature.split("_")
                    rel_id = parts[1].partition(":")[2] if len(parts) == 3 else ""
                    rel = schema.relation(rel_id)
                    if rel is None or rel.source.layer != layer or f + 1 >= len(features):
                        raise _Bad(number, f"link feature {feature!r} is not a relation of layer {layer!r}")
                    target = _layer_of_type(schema, features[f + 1], number)
                    if target != rel.target.layer:
                        raise _Bad(number, f"relation {rel_id!r} points at {rel.target.layer!r}, not {target!r}")
                    columns += [_Column("role", layer, rel_id), _Column("target", layer, rel_id)]
                    f += 2
                    continue
                if feature != label_feature and feature != NOTE and feature not in attributes:
                    raise _Bad(number, f"layer {type_name!r}: feature {feature!r} is not in the schema")
                columns.append(_Column("feature", layer, "label" if feature == label_feature else feature))
                f += 1
        elif line.startswith(RELATION_PREFIX):
            type_name, *features = line.removeprefix(RELATION_PREFIX).split("|")
            name = type_name.removeprefix(CUSTOM).casefold()
            rels = [r for r in schema.relations if name in (r.id.casefold(), r.id.casefold() + "relation")]
            if not type_name.startswith(CUSTOM) or not rels:
                raise _Bad(number, f"relation layer {type_name!r} is not a relation of the schema")
            rel = rels[0]
            if len(features) != 1 or not features[0].startswith(BASE_TYPE_PREFIX):
                raise _Bad(number, f"relation layer {type_name!r}: features other than {BASE_TYPE_PREFIX} are not held")
            base = _layer_of_type(schema, features[0].removeprefix(BASE_TYPE_PREFIX), number)
            if base != rel.source.layer or base != rel.target.layer:
                raise _Bad(number, f"relation {rel.id!r} does not join two spans of layer {base!r}")
            columns.append(_Column("relation", base, rel.id))
        else:
            raise _Bad(number, f"not a layer declaration: {line[:40]!r}")
        k += 1
    return columns, k


class _Reader:
    """One file's units, annotations and text, read line by line."""

    def __init__(self, columns: list[_Column]) -> None:
        self.columns = columns
        self.units: dict[str, _Unit] = {}
        self.annotations: list[_Annotation] = []
        self.by_id: dict[str, _Annotation] = {}
        self.stacks: dict[tuple[str, str], list[_Annotation]] = {}  # (unit, layer) -> stacked annotations
        self.relations: list[tuple[int, str, str, str, str]] = []  # (line, relation, layer, unit, reference)
        self.text: list[str] = []
        self.length = 0  # UTF-16 units in ``text``

    def append(self, piece: str) -> None:
        self.text.append(piece)
        self.length += len(piece.encode("utf-16-le")) // 2

    def start_sentence(self, lines: list[str], begin: int, number: int) -> None:
        if self.length > begin:  # the line break after the last sentence is not in the text
            if self.length != begin + 1 or not self.text or not self.text[-1].endswith("\n"):
                raise _Bad(number, f"the sentence starts at {begin}, inside the text before it")
            self.text[-1] = self.text[-1][:-1]
            self.length -= 1
        if self.length < begin:
            self.append(" " * (begin - self.length))
        for line in lines:
            self.append(line + "\n")

    def unit(self, fields: list[str], number: int) -> None:
        width = len(self.columns) + 3
        if len(fields) != width + 1 or fields[-1] != "":  # every line ends with a tab
            raise _Bad(number, f"{len(fields) - 1} columns, but the header declares {width}, each followed by a tab")
        fields = fields[:-1]
        unit_id, offsets, form = fields[:3]
        begin_s, _, end_s = offsets.partition("-")
        if not (begin_s.isdigit() and end_s.isdigit()) or int(begin_s) > int(end_s):
            raise _Bad(number, f"offsets {offsets!r} are not begin-end")
        if unit_id in self.units:
            raise _Bad(number, f"unit {unit_id} appears twice")
        self.units[unit_id] = _Unit(number, int(begin_s), int(end_s), form)
        for column, cell in zip(self.columns, fields[3:], strict=True):
            if cell == NULL_COLUMN:
                continue
            for index, value in enumerate(split_unescaped(cell, "|")):
                self.value(column, unit_id, index, value, number)

    def value(self, column: _Column, unit_id: str, index: int, value: str, number: int) -> None:
        unit = self.units[unit_id]
        if column.kind == "relation":
            self.relations.append((number, column.name, column.layer, unit_id, value))
            return
        raw, ref = (value, None) if column.kind == "target" else split_suffix(value)
        stack = self.stacks.setdefault((unit_id, column.layer), [])
        if index < len(stack):
            annotation = stack[index]
            if ref is not None and self.by_id.get(ref) is not annotation:
                raise _Bad(number, f"[{ref}] is not the annotation stacked at position {index + 1}")
        elif index == len(stack):
            found = self.by_id.get(ref) if ref is not None else None
            if found is not None and found.layer == column.layer:
                found.end = unit.end  # a multi-token annotation goes on
                annotation = found
            else:
                annotation = _Annotation(column.layer, number, unit_id, unit.begin, unit.end)
                self.annotations.append(annotation)
                if ref is not None:
                    if not ref.isdigit():
                        raise _Bad(number, f"[{ref}] is not a disambiguation id")
                    self.by_id[ref] = annotation
            stack.append(annotation)
        else:
            raise _Bad(number, f"stacked value {index + 1} has no annotation before it")
        if column.kind == "feature":
            annotation.features.setdefault(column.name, raw)
        elif column.kind == "role" and raw != NULL_COLUMN and annotation.unit == unit_id:
            roles = split_unescaped(raw, ";")
            if any(unescape_value(role) != column.name for role in roles):
                raise _Bad(number, f"link roles {raw!r} are not {column.name!r}")
            annotation.links += [(column.name, "") for _ in roles]
        elif column.kind == "target" and raw != NULL_VALUE and annotation.unit == unit_id:
            targets = split_unescaped(raw, ";")
            mine = [k for k, (rel, _) in enumerate(annotation.links) if rel == column.name]
            if len(targets) != len(mine):
                raise _Bad(number, f"{len(targets)} link targets for {len(mine)} roles")
            for k, target in zip(mine, targets, strict=True):
                annotation.links[k] = (column.name, target)

    def resolve(self, reference: str, layer: str, unit_id: str, ref: str | None, number: int) -> _Annotation:
        """The annotation a relation or link names: by its id, else the one of ``layer`` starting at ``unit_id``."""
        if ref not in (None, "0"):
            found = self.by_id.get(ref or "")
            if found is None or found.layer != layer:
                raise _Bad(number, f"{reference} names no {layer} annotation [{ref}]")
            return found
        here = [a for a in self.stacks.get((unit_id, layer), []) if a.unit == unit_id]
        if len(here) != 1:
            raise _Bad(number, f"{reference} names {len(here)} {layer} annotations: a [N] id is needed")
        return here[0]


def _parse(source: str, schema: Schema) -> tuple[_Reader, str]:
    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    columns, k = _header(lines, schema)
    reader = _Reader(columns)
    header: list[str] = []  # the #Text= lines of the sentence being read
    in_sentence = False
    for number in range(k + 1, len(lines) + 1):
        line = lines[number - 1].removesuffix("\r")
        if not line:
            if header:
                raise _Bad(number, "a sentence without tokens")
            in_sentence = False
        elif line.startswith("#") and not in_sentence:
            if line.startswith(TEXT_PREFIX):
                header.append(unescape_text(line.removeprefix(TEXT_PREFIX)))
            elif not line.startswith(SENTENCE_ID_PREFIX):
                raise _Bad(number, f"not a sentence header: {line[:40]!r}")
        else:
            fields = line.split("\t")
            if not in_sentence:
                if not header or "." in fields[0]:
                    raise _Bad(number, "a token line before its sentence's #Text= line")
                begin = fields[1].partition("-")[0] if len(fields) > 1 else ""
                reader.start_sentence(header, int(begin) if begin.isdigit() else 0, number)
                header, in_sentence = [], True
            reader.unit(fields, number)
    if header:
        raise _Bad(len(lines), "a sentence without tokens")
    return reader, "".join(reader.text)


def _index_entry(path: Path) -> tuple[dict[str, object] | None, Problem | None]:
    """The line of ``webanno.documents.jsonl`` that describes ``path``, when the export has one."""
    for root, key in ((path.parent.parent, f"{path.parent.name}/{path.name}"), (path.parent, path.name)):
        index = root / INDEX
        if not index.is_file():
            continue
        for number, raw in enumerate(index.read_text(encoding="utf-8").split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError as exc:
                return None, Problem(str(index), number, f"not JSON: {exc.msg}")
            if isinstance(entry, dict) and entry.get("file") == key:
                for name, kind in (("document", str), ("before_first_token", str), ("final_line_break", bool)):
                    if not isinstance(entry.get(name), kind):
                        return None, Problem(str(index), number, f"{name!r} is missing or not a {kind.__name__}")
                return entry, None
    return None, None


def _spans_and_relations(
    reader: _Reader, text: str, schema: Schema, annotator: str, prefix: str
) -> tuple[list[tuple[int, SpanIn]], list[tuple[int, RelationIn]]]:
    """The spans and relations read, with refs starting with ``prefix`` (the annotators' files of one
    document become one document: refs must not meet)."""
    u16 = Utf16Offsets(text)

    def offset(position: int, number: int) -> int:
        if position > u16.utf16_length or u16.is_inside_pair(position):
            raise _Bad(number, f"offset {position} is not a character boundary of the text")
        return u16.to_codepoint(position)

    for unit in reader.units.values():
        start, end = offset(unit.begin, unit.line), offset(unit.end, unit.line)
        if text[start:end] != unit.form:
            raise _Bad(
                unit.line, f"token {unit.form!r} is not the text at {unit.begin}-{unit.end} ({text[start:end]!r})"
            )
    refs = {id(a): f"{prefix}#{n}" for n, a in enumerate(reader.annotations, start=1)}
    spans: list[tuple[int, SpanIn]] = []
    for a in reader.annotations:
        label = a.features.get("label", NULL_VALUE)
        if label == NULL_VALUE:
            raise _Bad(a.line, f"a {a.layer} annotation without a label")
        lay = schema.layer(a.layer)
        assert lay is not None
        lists = {attr.id for lab in lay.labels for attr in lab.attributes if attr.type == "label"}
        attributes: dict[str, object] = {}
        for name, raw in a.features.items():
            if name in ("label", NOTE) or raw == NULL_VALUE:
                continue
            value = unescape_value(raw)
            attributes[name] = value.split(";") if name in lists and ";" in value else value
        note = a.features.get(NOTE, NULL_VALUE)
        span = SpanIn(
            a.layer,
            unescape_value(label),
            offset(a.begin, a.line),
            offset(a.end, a.line),
            annotator,
            attributes,
            "" if note == NULL_VALUE else unescape_value(note),
            refs[id(a)],
        )
        spans.append((a.line, span))
    relations: list[tuple[int, RelationIn]] = []
    for a in reader.annotations:
        for rel_id, target in a.links:
            rel = schema.relation(rel_id)
            assert rel is not None
            unit_id, ref = split_suffix(target)
            found = reader.resolve(target, rel.target.layer, unit_id, ref, a.line)
            relations.append((a.line, RelationIn(rel_id, refs[id(a)], refs[id(found)], annotator)))
    for number, rel_id, layer, unit_id, value in reader.relations:
        source_unit, ids = split_suffix(value)
        source_ref, _, target_ref = (ids or "0_0").partition("_")
        source = reader.resolve(value, layer, source_unit, source_ref, number)
        dependent = reader.resolve(value, layer, unit_id, target_ref or "0", number)
        relations.append((number, RelationIn(rel_id, refs[id(source)], refs[id(dependent)], annotator)))
    return spans, relations


def read_webanno(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """The document of one TSV3 file and the problems found."""
    where = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [Problem(where, 0, f"larger than {MAX_BYTES // (1024 * 1024)} MB")]
        source = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [Problem(where, 0, f"cannot read as UTF-8: {exc}")]
    entry, problem = _index_entry(path)
    if problem is not None:
        return [], [problem]
    try:
        reader, text = _parse(source, schema)
        if entry is not None:
            before = str(entry["before_first_token"])
            if before and text.startswith(" " * len(before)):  # INCEpTION pads the gap with spaces
                text = before + text[len(before) :]
            if not entry["final_line_break"]:
                text = text.removesuffix("\n")
        annotator = (entry or {}).get("annotator") or default_annotator
        if reader.annotations and not annotator:
            raise _Bad(0, "the file names no annotator; give one with --annotator")
        spans, relations = _spans_and_relations(reader, text, schema, str(annotator or ""), where)
    except _Bad as exc:
        return [], [Problem(where, exc.line, str(exc))]
    if not text.strip():
        return [], [Problem(where, 0, "no text in the file")]
    st = SourceText.of(text)
    ext_id = str(entry["document"]) if entry else path.parent.name if path.stem == "INITIAL_CAS" else path.stem
    doc = new_document(
        path.name,
        1,
        st,
        ext_id=ext_id,
        ext_id_fixed=entry is not None,
        title=str((entry or {}).get("title") or ""),
        language=str((entry or {}).get("language") or "") or None,
    )
    for _, s in spans:  # a line break written as CR LF in a foreign file is one character here
        s.start, s.end = st.offset(s.start), st.offset(s.end)
    doc.spans = [s for _, s in spans]
    doc.relations = [r for _, r in relations]
    names = [f"{s.layer} {s.label}" for _, s in spans]
    return [
        Located(
            doc,
            where,
            span_at=line_items([n for n, _ in spans], "annotation", names),
            relation_at=line_items([n for n, _ in relations], "relation"),
        )
    ], []
