"""Read brat standoff (``.ann`` with the ``.txt`` of the same name) as pre-annotations.

Refused, with the ``.ann`` line: discontinuous spans (fragments separated by anything but line
breaks, which is how brat writes a span across lines), fragments out of order or overlapping,
offsets outside the text, a text field that does not match the offsets (and, when it matches one
character further, the diagnosis that the file uses inclusive ends), repeated ids, a span repeated
with the same type and offsets, references to ids that do not exist, events and other line kinds
Curator has no place for. Types are schema labels (``LABEL`` or ``layer-LABEL``).

The annotator is the name of the ``.ann``'s folder in a Curator export (its ``annotation.conf`` says
so), else ``--annotator``; brat files name no annotator themselves.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from curator.errors import Problem
from curator.io.formats.brat.standoff import (
    A_LINE,
    CONF_MARKER,
    N_LINE,
    NO_ANNOTATOR_FOLDER,
    NOTE_LINE,
    R_LINE,
    REGISTRY_DB,
    T_LINE,
)
from curator.io.label_names import resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located, line_items
from curator.records import EntityIn, RelationIn, SpanIn
from curator.schema.model import Schema

MAX_BYTES = 64 * 1024 * 1024
_LINE_KINDS = {"E": "event", "N": "normalization", "*": "equivalence"}


def _curator_annotator(path: Path) -> str | None:
    """The folder name when the folder above holds Curator's annotation.conf."""
    conf = path.parent.parent / "annotation.conf"
    try:
        with conf.open(encoding="utf-8") as handle:
            if handle.readline().strip() != CONF_MARKER:
                return None
    except (OSError, UnicodeDecodeError):
        return None
    return None if path.parent.name == NO_ANNOTATOR_FOLDER else path.parent.name


def _read_utf8(path: Path) -> str:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8")


def _fragments(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split(" ") for part in spec.split(";"))]


def _check_fragments(raw: str, parts: list[tuple[int, int]], shown: str) -> str | None:
    """Why these fragments are not one contiguous span of ``raw`` showing ``shown``, or None."""
    for a, b in parts:
        if b > len(raw):
            return f"offsets {a}-{b} go past the end of the text ({len(raw)} characters)"
        if a >= b:
            return f"fragment {a}-{b} is empty or reversed"
    for (a1, b1), (a2, b2) in itertools.pairwise(parts):
        if a2 < b1:
            return f"fragments {a1}-{b1} and {a2}-{b2} overlap or are out of order"
        gap = raw[b1:a2]
        if gap.strip("\r\n") or not gap:
            return (
                f"discontinuous span: fragments {a1}-{b1} and {a2}-{b2} are separated by {gap!r}; "
                "Curator spans are contiguous"
            )
    expected = " ".join(raw[a:b] for a, b in parts)
    if shown == expected:
        return None
    inclusive = " ".join(raw[a : b + 1] for a, b in parts)
    if shown == inclusive:
        return (
            f"the text {shown!r} matches the offsets only with the end included ({parts[-1][1]} + 1): "
            "this file uses inclusive end offsets; brat ends are exclusive"
        )
    return f"the text {shown!r} does not match the offsets ({expected!r})"


def read_brat(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """The document of one ``.ann`` file and its ``.txt``, or the problems found."""
    where = str(path)
    txt = path.with_suffix(".txt")
    problems: list[Problem] = []
    try:
        ann_source = _read_utf8(path)
        raw = _read_utf8(txt)
    except FileNotFoundError as exc:
        return [], [Problem(where, 0, f"no {Path(exc.filename).name} beside it: brat needs the text of the .ann")]
    except (UnicodeDecodeError, ValueError) as exc:
        return [], [Problem(where, 0, f"cannot read {path.name} or {txt.name} as UTF-8: {exc}")]
    if not raw.strip():
        return [], [Problem(str(txt), 0, "the text is empty")]
    annotator = _curator_annotator(path) or default_annotator
    st = SourceText.of(raw)
    doc = new_document(path.name, 1, st, ext_id=path.stem, ext_id_fixed=False)
    refs = f"{where}#"  # ids are per file; documents of one text merge, so refs must not collide
    span_lines: list[int] = []
    span_names: list[str] = []
    rel_lines: list[int] = []
    rel_names: list[str] = []
    seen: dict[str, int] = {}
    by_position: dict[tuple[str, int, int], str] = {}
    spans_by_id: dict[str, SpanIn] = {}
    pending_attrs: list[tuple[int, str, str, str | None]] = []
    pending_notes: list[tuple[int, str, str]] = []
    pending_links: list[tuple[int, str, str, str]] = []  # line, span id, entity key, its name

    def bad(line: int, message: str) -> None:
        problems.append(Problem(where, line, message))

    def new_id(line: int, ident: str) -> bool:
        if ident in seen:
            bad(line, f"id {ident} is used twice (first on line {seen[ident]})")
            return False
        seen[ident] = line
        return True

    for number, line in enumerate(ann_source.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if m := T_LINE.match(line):
            ident, type_name, spec, shown = m.groups()
            if not new_id(number, ident):
                continue
            parts = _fragments(spec)
            reason = _check_fragments(raw, parts, shown)
            if reason:
                bad(number, f"{ident}: {reason}")
                continue
            found = resolve_label(schema, type_name, "span")
            if isinstance(found, str):
                bad(number, f"{ident}: {found}")
                continue
            start, end = parts[0][0], parts[-1][1]
            key = (type_name, start, end)
            if key in by_position:
                bad(number, f"{ident} repeats {by_position[key]} (same type and offsets)")
                continue
            by_position[key] = ident
            span = SpanIn(found[0], found[1], st.offset(start), st.offset(end), annotator or "", ref=refs + ident)
            spans_by_id[ident] = span
            doc.spans.append(span)
            span_lines.append(number)
            span_names.append(f"{ident} ({type_name} {start}-{end})")
        elif m := A_LINE.match(line):
            if new_id(number, m.group(1)):
                pending_attrs.append((number, m.group(2), m.group(3), m.group(4)))
        elif m := R_LINE.match(line):
            ident, rel_type, _, source, _, target = m.groups()
            if new_id(number, ident):
                doc.relations.append(RelationIn(rel_type, refs + source, refs + target, annotator or ""))
                rel_lines.append(number)
                rel_names.append(f"{ident} ({rel_type} {source} → {target})")
        elif m := N_LINE.match(line):
            ident, target, database, entity_key, name = m.groups()
            if not new_id(number, ident):
                continue
            if database != REGISTRY_DB:
                bad(number, f"{ident}: normalizations to {database!r} are not read, only {REGISTRY_DB}:ID")
                continue
            pending_links.append((number, target, entity_key, name))
        elif m := NOTE_LINE.match(line):
            if m.group(2) == "AnnotatorNotes":
                pending_notes.append((number, m.group(3), m.group(4)))
        else:
            kind = _LINE_KINDS.get(line[:1])
            bad(number, f"brat {kind}s are not supported" if kind else f"not a brat annotation line: {line[:60]!r}")
    for number, name, target, value in pending_attrs:
        owner = spans_by_id.get(target)
        if owner is None:
            if target not in seen:
                bad(number, f"attribute {name} is on {target}, which is not a text-bound annotation here")
            continue
        given: object = True if value is None else value
        if name in owner.attributes:  # brat writes one line per value of a multi-valued attribute
            previous = owner.attributes[name]
            owner.attributes[name] = [*(previous if isinstance(previous, list) else [previous]), given]
        else:
            owner.attributes[name] = given
    for number, target, note in pending_notes:
        owner = spans_by_id.get(target)
        if owner is None:
            if target not in seen:
                bad(number, f"note on {target}, which is not a text-bound annotation here")
            continue
        owner.note = f"{owner.note}\n{note}" if owner.note else note
    for number, target, entity_key, name in pending_links:
        owner = spans_by_id.get(target)
        if owner is None:
            bad(number, f"normalization of {target}, which is not a text-bound annotation here")
        elif owner.entity is not None and owner.entity != entity_key:
            bad(number, f"{target} is normalized to two entities ({owner.entity!r} and {entity_key!r})")
        else:
            owner.entity = entity_key
            doc.entities.append(EntityIn(entity_key, owner.label, name.strip(), doc.language, number))
    if (doc.spans or doc.relations) and not annotator:
        bad(0, "brat files name no annotator; give one with --annotator")
    if problems:
        return [], problems
    located = Located(
        doc,
        where,
        span_at=line_items(span_lines, "annotation", span_names),
        relation_at=line_items(rel_lines, "relation", rel_names),
    )
    return [located], []
