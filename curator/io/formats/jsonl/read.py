"""The interchange JSONL form: one document per line, with its annotations, relations and labels.

``{"id", "text", "title"?, "language"?, "meta"?, "annotations": [{"id"?, "annotator", "layer", "label",
"start", "end", "attributes"?, "note"?, "text"?, "entity"?}], "relations": [{"annotator", "type", "source", "target"}],
"doc_labels": [{"annotator", "layer", "label"}]}``. Offsets are code points, end exclusive. Any other
key is refused (a misspelt one would lose what it holds): a user's own data goes under ``meta``.

Python's ``json`` is lenient (NaN, duplicate keys, ``true`` where an int is expected); the reader here
refuses all of that explicitly.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.io.foreign_shapes import use_format
from curator.io.strict_json import MAX_LINE_BYTES, count_strings, parse_line, quoted_strings
from curator.io.strict_json import RefusedJson as _Bad
from curator.records import DocLabelIn, DocumentIn, RelationIn, SpanIn
from curator.text.language import LANGUAGES, base_direction, detect_language
from curator.text.newlines import newline_offset_map, normalize_newlines, shift_offset

# The keys of each object of the interchange form (the parallel reader takes the same document keys).
DOCUMENT_KEYS = frozenset(("id", "text", "title", "language", "meta", "annotations", "relations", "doc_labels"))
ANNOTATION_KEYS = frozenset(
    ("id", "annotator", "layer", "label", "start", "end", "attributes", "note", "text", "entity", "score")
)
RELATION_KEYS = frozenset(("annotator", "type", "source", "target"))
DOC_LABEL_KEYS = frozenset(("annotator", "layer", "label"))


def unknown_keys(obj: dict[str, Any], known: frozenset[str], where: str) -> str | None:
    """The message for the keys of ``obj`` not in ``known`` (each with the known key it was probably
    meant to be, where one is close), or None when there are none."""
    if obj.keys() <= known:  # the usual case: one C-level test
        return None
    names = []
    for key in obj:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            names.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    keys = "an unknown key" if len(names) == 1 else "unknown keys"
    return f"{where} has {keys} {', '.join(names)}"


def _field(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, required: bool = True) -> Any:
    if key not in obj:
        if required:
            raise _Bad(f"{where} has no {key!r}")
        return None
    value = obj[key]
    if value is None and not required:
        return None
    # bool is an int in Python; JSON true is never an offset
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise _Bad(f"{where} {key!r} must be {_kind_name(kind)}, not a boolean")
    if not isinstance(value, kind):
        raise _Bad(f"{where} {key!r} must be {_kind_name(kind)}, not {type(value).__name__}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {int: "an integer", str: "a string", dict: "an object", list: "a list"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _annotator(obj: dict[str, Any], default: str | None, where: str) -> str:
    name = _field(obj, "annotator", str, where, required=default is None)
    name = (name or default or "").strip()
    if not name:
        raise _Bad(f"{where} has an empty annotator")
    return str(name)


def _span_checked(ann: Any, i: int, raw_text: str, removed: list[int], default_annotator: str | None) -> SpanIn:
    where = f"annotation {i + 1}"
    if not isinstance(ann, dict):
        raise _Bad(f"{where} must be an object")
    if problem := unknown_keys(ann, ANNOTATION_KEYS, where):
        raise _Bad(problem)
    start = _field(ann, "start", int, where)
    end = _field(ann, "end", int, where)
    if start < 0 or end < 0:
        raise _Bad(f"{where} has a negative offset ({start}-{end})")
    if start > end:
        raise _Bad(f"{where} is reversed: start {start} is after end {end}")
    if end > len(raw_text):
        raise _Bad(f"{where} ends at {end}, past the end of the text ({len(raw_text)} characters)")
    expected = _field(ann, "text", str, where, required=False)
    if expected is not None and raw_text[start:end] != expected:
        raise _Bad(f"{where}: text {expected!r} does not match offsets {start}-{end} ({raw_text[start:end]!r})")
    ref = _field(ann, "id", (str, int), where, required=False)
    entity = _field(ann, "entity", str, where, required=False)
    if entity is not None and not entity.strip():
        raise _Bad(f"{where} has an empty entity")
    score = ann.get("score")
    if score is not None and (type(score) not in (int, float) or not 0 <= score <= 1):
        raise _Bad(f"{where} has score {score!r}: a score is a number from 0 to 1")
    return SpanIn(
        layer=_field(ann, "layer", str, where),
        label=_field(ann, "label", str, where),
        start=shift_offset(removed, start),
        end=shift_offset(removed, end),
        annotator=_annotator(ann, default_annotator, where),
        attributes=_field(ann, "attributes", dict, where, required=False) or {},
        note=_field(ann, "note", str, where, required=False) or "",
        ref=None if ref is None else str(ref),
        entity=None if entity is None else entity.strip(),
        score=None if score is None else float(score),
    )


def document_from_json(obj: Any, source: str, line: int, default_annotator: str | None) -> DocumentIn:
    """One interchange record as a :class:`DocumentIn`; raise ``_Bad`` for a structural problem."""
    return _document(obj, source, line, default_annotator)[0]


def _document(obj: Any, source: str, line: int, default_annotator: str | None) -> tuple[DocumentIn, int]:
    """:func:`document_from_json`, and how many strings (keys included) the record holds."""
    if not isinstance(obj, dict):
        raise _Bad("a line must be a JSON object")
    if problem := unknown_keys(obj, DOCUMENT_KEYS, "the document"):
        raise _Bad(use_format(obj) or f"{problem}; keep other data under 'meta'")
    raw_text = _field(obj, "text", str, "the document")
    if not raw_text.strip():
        raise _Bad("the document's text is empty")
    ext_id = _field(obj, "id", (str, int), "the document", required=False)
    text, newline = normalize_newlines(raw_text)
    removed = newline_offset_map(raw_text)
    language = _field(obj, "language", str, "the document", required=False) or detect_language(text)
    if language not in LANGUAGES:
        raise _Bad(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    meta = _field(obj, "meta", dict, "the document", required=False) or {}
    doc = DocumentIn(
        source=source,
        line=line,
        text=text,
        ext_id=None if ext_id is None else str(ext_id),
        title=_field(obj, "title", str, "the document", required=False) or "",
        language=language,
        direction=base_direction(text, language),
        meta=meta,
        newline=newline,
    )
    anns = _field(obj, "annotations", list, "the document", required=False) or []
    strings = len(obj) + sum(count_strings(value) for key, value in obj.items() if key != "annotations")
    spans = doc.spans
    length = len(raw_text)
    for i, ann in enumerate(anns):
        # The common well-formed case is checked inline (imports of 200,000 spans); anything unusual
        # goes through _span_checked for a precise message.
        if (
            type(ann) is dict
            and type(start := ann.get("start")) is int
            and type(end := ann.get("end")) is int
            and 0 <= start <= end <= length
            and type(layer := ann.get("layer")) is str
            and type(label := ann.get("label")) is str
            and type(annotator := ann.get("annotator", default_annotator)) is str
            and annotator.strip()
            and len(ann) == 4 + ("annotator" in ann)  # only the five plain keys: anything else is checked slowly
        ):
            strings += 2 * len(ann) - 2  # the keys, and the values but the two offsets
            if removed:
                start, end = shift_offset(removed, start), shift_offset(removed, end)
            spans.append(SpanIn(layer, label, start, end, annotator.strip()))
        else:
            strings += count_strings(ann)
            spans.append(_span_checked(ann, i, raw_text, removed, default_annotator))
    for i, rel in enumerate(_field(obj, "relations", list, "the document", required=False) or []):
        where = f"relation {i + 1}"
        if not isinstance(rel, dict):
            raise _Bad(f"{where} must be an object")
        if problem := unknown_keys(rel, RELATION_KEYS, where):
            raise _Bad(problem)
        doc.relations.append(
            RelationIn(
                type=_field(rel, "type", str, where),
                source=str(_field(rel, "source", (str, int), where)),
                target=str(_field(rel, "target", (str, int), where)),
                annotator=_annotator(rel, default_annotator, where),
            )
        )
    for i, lab in enumerate(_field(obj, "doc_labels", list, "the document", required=False) or []):
        where = f"document label {i + 1}"
        if not isinstance(lab, dict):
            raise _Bad(f"{where} must be an object")
        if problem := unknown_keys(lab, DOC_LABEL_KEYS, where):
            raise _Bad(problem)
        doc.doc_labels.append(
            DocLabelIn(
                layer=_field(lab, "layer", str, where),
                label=_field(lab, "label", str, where),
                annotator=_annotator(lab, default_annotator, where),
            )
        )
    return doc, strings


def _read_line(line: str, source: str, number: int, default_annotator: str | None) -> DocumentIn:
    """One line's document; ``_Bad`` for anything refused, duplicate keys included.

    Python's ``json`` keeps the last of duplicate keys. Asking it to report them costs a Python call
    per object, as much as the parse itself over 200,000 annotations, so the line is parsed plainly
    and its strings are counted instead: a key dropped as a duplicate leaves the parsed record with
    fewer strings than the line has between quotes. Only then, or when quotes cannot be counted, is
    the line parsed again with duplicates looked for, which names the key (a refused line is too, so
    that a duplicate is what its message names first)."""
    raw = quoted_strings(line)
    if raw is not None:
        try:
            doc, parsed = _document(parse_line(line, duplicates_checked=False), source, number, default_annotator)
        except _Bad:
            parsed = -1
        if parsed == raw:
            return doc
    return document_from_json(parse_line(line), source, number, default_annotator)


def read_jsonl(path: Path, default_annotator: str | None = None) -> tuple[list[DocumentIn], list[Problem]]:
    """Every document of a JSONL file and every problem found (the caller refuses the batch if any)."""
    docs: list[DocumentIn] = []
    problems: list[Problem] = []
    source = path.name
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > MAX_LINE_BYTES:
                problems.append(Problem(str(path), number, f"line longer than {MAX_LINE_BYTES} bytes"))
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                problems.append(Problem(str(path), number, f"invalid UTF-8 at byte {exc.start} of the line"))
                continue
            if not line.strip():
                continue
            try:
                docs.append(_read_line(line, source, number, default_annotator))
            except _Bad as exc:
                problems.append(Problem(str(path), number, str(exc)))
    if not docs and not problems:
        problems.append(Problem(str(path), 0, "no documents in the file"))
    return docs, problems


def iter_lines(path: Path) -> Iterator[dict[str, Any]]:
    """Parsed lines of a JSONL file written by Curator (for tests and tools that trust the file)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
