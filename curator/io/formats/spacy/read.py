"""Read a spaCy 3 ``DocBin`` (``.spacy``) as pre-annotations.

A ``DocBin`` Curator wrote carries the document id, annotator, attributes, notes and relations in
``doc.user_data["curator"]`` (see :mod:`curator.io.formats.spacy.write`). Any other ``DocBin`` works too:
span groups named after a schema layer hold that layer's spans, other span groups and ``doc.ents``
(when no group holds the entity layer) have their labels looked up in the schema, ``doc.cats`` of 0.5
or more are document labels. The annotator is the one in the file, else ``--annotator``.
Problems name the Doc by its position in the file (``document 3``), there being no lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.optional_libs import MissingLibrary

try:
    import spacy
    from spacy.tokens import Doc, DocBin
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("spacy", "spaCy 3") from exc

from curator.io.formats.spacy.write import USER_DATA_KEY
from curator.io.label_names import ner_layer, resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located
from curator.records import DocLabelIn, EntityIn, RelationIn, SpanIn
from curator.schema.model import Schema
from curator.store.entities import ENTITY_LAYER

MAX_BYTES = 512 * 1024 * 1024


def _doc_to_record(
    doc: Doc, n: int, path: Path, schema: Schema, default_annotator: str | None
) -> tuple[Located | None, list[str]]:
    meta: dict[str, Any] = doc.user_data.get(USER_DATA_KEY) or {}
    if not isinstance(meta, dict):
        meta = {}
    annotator = meta.get("annotator") or default_annotator
    st = SourceText.of(doc.text)
    ext_id = meta.get("document")
    doc_in = new_document(
        path.name,
        0,
        st,
        ext_id=str(ext_id) if ext_id else f"{path.stem}-{n}",
        ext_id_fixed=bool(ext_id),
        title=str(meta.get("title") or ""),
        language=str(meta.get("language") or "") or None,
    )
    errors: list[str] = []
    attributes = meta.get("attributes") or {}
    notes = meta.get("notes") or {}
    layers = {lay.id for lay in schema.layers if "span" in lay.scopes}
    ents_layer = ner_layer(schema)
    groups: list[tuple[str | None, Any]] = [(key, doc.spans[key]) for key in doc.spans]
    if ents_layer not in doc.spans and doc.ents:
        groups.append((ents_layer, doc.ents))
    annotated = False
    for key, spans in groups:
        layer = key if key in layers else None
        for span in spans:
            annotated = True
            found = resolve_label(schema, span.label_, "span", layer)
            if isinstance(found, str):
                errors.append(f"span group {key!r}, span {span.start_char}-{span.end_char}: {found}")
                continue
            key_id = span.id_ or None
            # Refs are made unique per Doc: Docs of one text (one per annotator) merge into one document.
            ref = f"{n}:{key_id}" if key_id else None
            # A knowledge-base id on an entity span is its registry entity (Curator's export writes
            # the entity's key there); a span of doc.ents repeats one of the span group's.
            entity = span.kb_id_ if span.kb_id_ and found[0] == ENTITY_LAYER else None
            doc_in.spans.append(
                SpanIn(
                    layer=found[0],
                    label=found[1],
                    start=st.offset(span.start_char),
                    end=st.offset(span.end_char),
                    annotator=annotator or "",
                    attributes=dict(attributes.get(key_id, {})) if key_id else {},
                    note=str(notes.get(key_id, "")) if key_id else "",
                    ref=ref,
                    entity=entity,
                )
            )
            if entity:
                doc_in.entities.append(EntityIn(entity, found[1], span.text, doc_in.language, 0))
    for rel in meta.get("relations") or []:
        annotated = True
        if not (isinstance(rel, list | tuple) and len(rel) == 3):
            errors.append(f"relation {rel!r} must be [type, source id, target id]")
            continue
        doc_in.relations.append(RelationIn(str(rel[0]), f"{n}:{rel[1]}", f"{n}:{rel[2]}", annotator or ""))
    for name, score in doc.cats.items():
        if score >= 0.5:
            annotated = True
            found = resolve_label(schema, name, "document")
            if isinstance(found, str):
                errors.append(f"doc.cats {name!r}: {found}")
                continue
            doc_in.doc_labels.append(DocLabelIn(found[0], found[1], annotator or ""))
    if annotated and not annotator:
        errors.append("the Doc names no annotator; give one with --annotator")
    return (None if errors else Located(doc_in, str(path))), errors


def read_spacy(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """Every Doc of the ``DocBin`` at ``path`` and every problem found."""
    if path.stat().st_size > MAX_BYTES:
        return [], [Problem(str(path), 0, f"larger than {MAX_BYTES // (1024 * 1024)} MB")]
    try:
        docbin = DocBin().from_bytes(path.read_bytes())
        docs = list(docbin.get_docs(spacy.blank("xx").vocab))
    except (ValueError, KeyError, TypeError) as exc:
        return [], [Problem(str(path), 0, f"not a spaCy DocBin: {exc}")]
    except Exception as exc:  # msgpack and zlib raise their own error types on a damaged file
        return [], [Problem(str(path), 0, f"not a readable spaCy DocBin ({type(exc).__name__}: {exc})")]
    located: list[Located] = []
    problems: list[Problem] = []
    for n, doc in enumerate(docs, start=1):
        if not doc.text.strip():
            problems.append(Problem(str(path), 0, f"document {n}: the text is empty"))
            continue
        item, errors = _doc_to_record(doc, n, path, schema, default_annotator)
        problems.extend(Problem(str(path), 0, f"document {n}: {e}") for e in errors)
        if item is not None:
            item.span_at = lambda i, n=n, item=item: (0, _span_name(n, item, i))
            item.relation_at = lambda i, n=n: (0, f"document {n}, relation {i + 1}")
            item.label_at = lambda i, n=n: (0, f"document {n}, document label {i + 1}")
            located.append(item)
    if not docs:
        problems.append(Problem(str(path), 0, "no documents in the file"))
    return located, problems


def _span_name(n: int, item: Located, i: int) -> str:
    s = item.doc.spans[i]
    return f"document {n}, span {s.layer}/{s.label} {s.start}-{s.end}"
