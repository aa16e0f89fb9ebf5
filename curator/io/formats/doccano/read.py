"""Read doccano exports (JSONL, one document per line; or a JSON array) as pre-annotations.

Both shapes doccano writes are read: sequence labelling ``{"text", "label": [[start, end, "LABEL"],
...]}`` and the relation project's ``{"text", "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"from_id", "to_id", "type"}]}``; a ``label`` (or ``cats``) list of
strings is document labels. Offsets are code points (doccano counts them in Python). Labels are looked
up in the schema (``LABEL`` or ``layer-LABEL``). The annotator is the line's ``annotator``, ``user`` or
``username`` when a name, else ``--annotator``. Every other field (``doc_id``...) goes to the document's
``meta``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.io.json_tasks import BadJson, array_items, json_lines
from curator.io.label_names import resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located
from curator.records import DocLabelIn, DocumentIn, RelationIn, SpanIn
from curator.schema.model import Schema

# Read into the document; every other field of the record (doccano's metadata columns such as
# ``doc_id``, ``Comments``) goes to the document's ``meta``, as does a ``meta`` object's content.
_READ = frozenset(
    ("id", "text", "label", "labels", "cats", "entities", "relations", "annotator", "user", "username", "meta")
)


class _Bad(Exception):
    pass


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{what} must be an integer, not {value!r}")
    return value


def _annotator(record: dict[str, Any], default: str | None) -> str | None:
    for key in ("annotator", "user", "username"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return default


def record_document(record: Any, line: int, path: Path, schema: Schema, default: str | None) -> DocumentIn:
    """One doccano record as a document; raise ``_Bad``."""
    if not isinstance(record, dict):
        raise _Bad("a record must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Bad("the record has no text")
    st = SourceText.of(text)
    rid = record.get("id")
    named = isinstance(rid, str | int) and not isinstance(rid, bool)
    meta = record.get("meta")
    extra = {
        key: value
        for key, value in record.items()
        if key not in _READ or (key == "meta" and not isinstance(meta, dict))
    }
    doc = new_document(
        path.name,
        line,
        st,
        ext_id=str(rid) if named else f"{path.stem}-{line}",
        ext_id_fixed=False,
        meta={**meta, **extra} if isinstance(meta, dict) else extra,
    )
    # doccano's own id names the document (another id with the same text is another document); one
    # made from the line does not, and a text repeated in two users' exports is one document.
    doc.id_named = named
    annotator = _annotator(record, default)
    prefix = f"{path}#{line}:"
    spans: list[tuple[Any, Any, Any, Any]] = []  # (id, start, end, label)
    labels = record.get("label", record.get("labels"))
    cats = record.get("cats") or []
    if isinstance(labels, list):
        for item in labels:
            if isinstance(item, list) and len(item) == 3:
                spans.append((None, item[0], item[1], item[2]))
            elif isinstance(item, str):
                cats.append(item)
            else:
                raise _Bad(f"label {item!r} must be [start, end, label] or a category name")
    for n, ent in enumerate(record.get("entities") or [], start=1):
        if not isinstance(ent, dict):
            raise _Bad(f"entity {n} must be an object")
        spans.append((ent.get("id"), ent.get("start_offset"), ent.get("end_offset"), ent.get("label")))
    for n, (ident, start, end, label) in enumerate(spans, start=1):
        where = f"span {n}"
        s, e = _int(start, f"{where} start"), _int(end, f"{where} end")
        if problem := st.check_range(s, e):
            raise _Bad(f"{where}: {problem}")
        found = resolve_label(schema, str(label), "span")
        if isinstance(found, str):
            raise _Bad(f"{where}: {found}")
        ref = f"{prefix}{ident}" if ident is not None else None
        doc.spans.append(SpanIn(found[0], found[1], st.offset(s), st.offset(e), annotator or "", ref=ref))
    for n, rel in enumerate(record.get("relations") or [], start=1):
        if not isinstance(rel, dict):
            raise _Bad(f"relation {n} must be an object")
        doc.relations.append(
            RelationIn(
                str(rel.get("type")), f"{prefix}{rel.get('from_id')}", f"{prefix}{rel.get('to_id')}", annotator or ""
            )
        )
    for cat in cats if isinstance(cats, list) else []:
        found = resolve_label(schema, str(cat), "document")
        if isinstance(found, str):
            raise _Bad(f"category {cat!r}: {found}")
        doc.doc_labels.append(DocLabelIn(found[0], found[1], annotator or ""))
    if (doc.spans or doc.doc_labels) and not annotator:
        raise _Bad("the record names no annotator; give one with --annotator")
    return doc


def read_doccano(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """Every record of a doccano JSONL (or JSON array) file and every problem found."""
    where = str(path)
    located: list[Located] = []
    problems: list[Problem] = []

    def take(line: int, record: Any) -> None:
        try:
            located.append(Located(record_document(record, line, path, schema, default_annotator), where))
        except _Bad as exc:
            problems.append(Problem(where, line, str(exc)))

    data = path.read_bytes()
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        try:
            for line, record in array_items(data.decode("utf-8")):
                take(line, record)
        except (BadJson, UnicodeDecodeError) as exc:
            problems.append(Problem(where, getattr(exc, "line", 0), str(exc)))
    else:
        for item in json_lines(data, where):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                take(*item)
    if not located and not problems:
        problems.append(Problem(where, 0, "no documents in the file"))
    return located, problems
