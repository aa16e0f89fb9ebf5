"""Rules every annotation must follow, shared by the importers and the editing service.

Each check returns a list of problems in plain words (empty when all is well).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from curator.schema.model import IDENTIFIER, Label, Layer, Schema
from curator.text.boundaries import crosses_paragraph, is_boundary

T = TypeVar("T")

_PER_SCHEMA: dict[tuple[str, int], tuple[Schema, Any]] = {}


def _per_schema(kind: str, schema: Schema, build: Callable[[Schema], T]) -> T:
    """``build(schema)``, made once per schema object: imports check hundreds of thousands of spans."""
    cached = _PER_SCHEMA.get((kind, id(schema)))
    if cached is None or cached[0] is not schema:
        cached = _PER_SCHEMA[(kind, id(schema))] = (schema, build(schema))
    return cast(T, cached[1])


def _label_index(schema: Schema) -> dict[tuple[str, str], tuple[Layer, Label]]:
    """(layer, label) -> objects."""
    return _per_schema(
        "labels",
        schema,
        lambda s: {(layer.id, label.id): (layer, label) for layer in s.layers for label in layer.labels},
    )


def span_labels(schema: Schema) -> dict[tuple[str, str], bool]:
    """(layer, label) -> may it cross a paragraph break, for every label a span may take: the
    importers' quick path over every span (:func:`check_span` says what is wrong)."""
    return _per_schema(
        "span labels",
        schema,
        lambda s: {key: layer.cross_paragraph for key, (layer, _) in _label_index(s).items() if "span" in layer.scopes},
    )


def check_label(schema: Schema, layer_id: str, label_id: str, scope: str) -> tuple[Layer, Label] | str:
    found = _label_index(schema).get((layer_id, label_id))
    if found is not None and scope in found[0].scopes:
        return found
    layer = schema.layer(layer_id)
    if layer is None:
        return f"unknown layer {layer_id!r} (the schema has {', '.join(lay.id for lay in schema.layers)})"
    if scope not in layer.scopes:
        return f"layer {layer_id!r} is not used on {'spans' if scope == 'span' else 'whole documents'}"
    label = layer.label(label_id)
    if label is None:
        return f"unknown label {label_id!r} in layer {layer_id!r}"
    return layer, label


def check_span(
    schema: Schema,
    text: str,
    layer_id: str,
    label_id: str,
    start: int,
    end: int,
    attributes: dict[str, Any],
    *,
    window_start: int = 0,
    text_length: int | None = None,
    paragraph_separator: str | None = None,
) -> list[str]:
    """Problems with a span ``[start, end)`` labelled ``layer_id/label_id``.

    ``text`` is the whole text, or a window of it beginning at offset ``window_start`` that holds the
    span and one character on each side (``text_length`` then gives the whole text's length, and
    ``paragraph_separator`` what separates its paragraphs): offsets and messages are always in
    whole-text coordinates.
    """
    found = check_label(schema, layer_id, label_id, "span")
    if isinstance(found, str):
        return [found]
    layer, label = found
    length = len(text) if text_length is None else text_length
    if start < 0 or end > length or start > end:
        if start <= end:
            return [f"span {start}-{end} is outside the text (0-{length})"]
        return [f"span {start}-{end} is reversed (start after end)"]
    if start == end:
        return [f"span {start}-{end} is empty"]
    problems: list[str] = []
    local_start, local_end = start - window_start, end - window_start
    # At the edges of the whole text a window's edge is no boundary problem; inside it, ask the window.
    if start > 0 and not is_boundary(text, local_start):
        problems.append(f"span {start}-{end} starts inside a character's marks (U+{ord(text[local_start]):04X})")
    if end < length and not is_boundary(text, local_end):
        problems.append(f"span {start}-{end} ends between a letter and its marks (U+{ord(text[local_end]):04X})")
    if not layer.cross_paragraph and crosses_paragraph(text, local_start, local_end, paragraph_separator):
        problems.append(f"span {start}-{end} crosses a paragraph break, which layer {layer_id!r} does not allow")
    if attributes:
        problems.extend(check_attributes(schema, label, attributes))
    return problems


def check_attributes(schema: Schema, label: Label, attributes: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    known = {attr.id: attr for attr in label.attributes}
    for key, value in attributes.items():
        attr = known.get(key)
        if attr is None and key == IDENTIFIER:
            if not isinstance(value, str) or not value.strip():
                problems.append(f"attribute {IDENTIFIER!r} must be non-empty text")
            continue
        if attr is None:
            problems.append(f"label {label.id!r} has no attribute {key!r}")
            continue
        if value is None:
            continue
        if attr.type == "choice" and value not in attr.values:
            problems.append(f"attribute {key!r} must be one of {', '.join(attr.values)}, not {value!r}")
        elif attr.type == "text" and not isinstance(value, str):
            problems.append(f"attribute {key!r} must be text")
        elif attr.type == "label":
            values = value if isinstance(value, list) else [value]
            for v in values:
                if not isinstance(v, str) or attr.layer is None or schema.label(attr.layer, v) is None:
                    problems.append(f"attribute {key!r} must name a label of layer {attr.layer!r}, not {v!r}")
    return problems


def check_relation(schema: Schema, type_id: str, source: tuple[str, str], target: tuple[str, str]) -> list[str]:
    """Problems with a relation of ``type_id`` from a span labelled ``source`` to one labelled ``target``."""
    rel = schema.relation(type_id)
    if rel is None:
        known = ", ".join(r.id for r in schema.relations)
        return [f"unknown relation type {type_id!r} (the schema has {known})"]
    problems = []
    for end_name, (layer_id, label_id), spec in (("source", source, rel.source), ("target", target, rel.target)):
        if layer_id != spec.layer or (spec.labels and label_id not in spec.labels):
            allowed = "/".join(spec.labels) if spec.labels else "any label"
            problems.append(
                f"a {type_id!r} relation's {end_name} must be {spec.layer} {allowed}, not {layer_id} {label_id}"
            )
    return problems
