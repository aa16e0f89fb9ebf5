"""A schema file's text after a change, keeping the file as its author wrote it.

Only what changed is rewritten: the ``version``, the labels added, changed or removed, and the label
lists of relations. Everything else (comments, key order, quoting, flow or block style) stays byte
for byte. The result is parsed again and must give exactly the changed schema; when it does not (a
layout this editor does not know), the whole file is written out plainly instead, and the caller is
told so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from curator.schema.loader import parse_schema
from curator.schema.model import Attribute, Label, Schema


@dataclass(frozen=True)
class EditedText:
    text: str
    # False when the file had to be written out whole (its comments and layout lost).
    layout_kept: bool


def _q(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def _names(names: Any) -> str:
    return "{" + ", ".join(f"{lang}: {_q(getattr(names, lang))}" for lang in ("ar", "fr", "en")) + "}"


def _attribute(attr: Attribute) -> str:
    parts = [f"id: {attr.id}", f"type: {attr.type}", f"names: {_names(attr.names)}"]
    if attr.values:
        parts.append("values: [" + ", ".join(_q(v) for v in attr.values) + "]")
    if attr.layer is not None:
        parts.append(f"layer: {attr.layer}")
    return "{" + ", ".join(parts) + "}"


def _label_fields(label: Label) -> list[tuple[str, str]]:
    fields = [("id", label.id), ("names", _names(label.names))]
    if label.description:
        fields.append(("description", _q(label.description)))
    fields.append(("color", _q(label.color)))
    if label.shortcut is not None:
        fields.append(("shortcut", _q(label.shortcut)))
    return fields


def _flow_label(label: Label) -> str:
    fields = [f"{key}: {value}" for key, value in _label_fields(label)]
    if label.attributes:
        fields.append("attributes: [" + ", ".join(_attribute(a) for a in label.attributes) + "]")
    return "{" + ", ".join(fields) + "}"


def _block_label(label: Label, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{key}: {value}" for key, value in _label_fields(label)]
    if label.attributes:
        lines.append("attributes:")
        lines.extend(f"  - {_attribute(a)}" for a in label.attributes)
    return [lines[0], *(pad + line for line in lines[1:])]


def _mapping(node: Any) -> dict[str, Any]:
    return {key.value: value for key, value in node.value}


def _last_line(lines: list[str], start: int, end_mark: Any) -> int:
    """The last line with content of a block item that starts on line ``start`` and ends at ``end_mark``
    (the next token: the following item's dash, or the end of the file)."""
    limit = end_mark.line
    if limit < len(lines) and end_mark.column > 0 and lines[limit][: end_mark.column].strip():
        limit += 1
    last = start
    for index in range(start, min(limit, len(lines))):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            last = index
    return last


def edited_text(text: str, before: Schema, after: Schema, source: str = "schema") -> EditedText:
    """``text`` (the file ``before`` was read from) changed to say ``after``."""
    try:
        new = _surgery(text, before, after)
        if parse_schema(new, source) == after:
            return EditedText(new, True)
    except Exception:  # any layout this editor cannot follow: written out whole below
        pass
    return EditedText(plain_text(after), False)


def plain_text(schema: Schema) -> str:
    """The whole schema as YAML, one label per line, names in the three languages."""
    lines = [
        "# Curator annotation schema (written out by the schema editor).",
        f"name: {_q(schema.name)}",
        f"version: {schema.version}",
        "",
        "layers:",
    ]
    for layer in schema.layers:
        lines.append(f"  - id: {layer.id}")
        lines.append(f"    names: {_names(layer.names)}")
        lines.append("    scopes: [" + ", ".join(layer.scopes) + "]")
        lines.append(f"    cross_paragraph: {str(layer.cross_paragraph).lower()}")
        lines.append(f"    article_in_span: {str(layer.article_in_span).lower()}")
        lines.append("    labels:")
        lines.extend(f"      - {_flow_label(label)}" for label in layer.labels)
        lines.append("")
    if schema.relations:
        lines.append("relations:")
        for rel in schema.relations:
            lines.append(f"  - id: {rel.id}")
            lines.append(f"    names: {_names(rel.names)}")
            for end_name in ("source", "target"):
                end = getattr(rel, end_name)
                lines.append(f"    {end_name}: {{layer: {end.layer}, labels: [{', '.join(end.labels)}]}}")
            if rel.max_per_source is not None:
                lines.append(f"    max_per_source: {rel.max_per_source}")
            if rel.shortcut is not None:
                lines.append(f"    shortcut: {_q(rel.shortcut)}")
    return "\n".join(lines) + "\n"


def _surgery(text: str, before: Schema, after: Schema) -> str:
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    top = _mapping(root)
    # Edits as (start index, end index, replacement), applied from the end so indexes stay valid.
    edits: list[tuple[int, int, str]] = []
    lines = text.splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    bare = [line.rstrip("\n").rstrip("\r") for line in lines]

    version = top["version"]
    if before.version != after.version:
        edits.append((version.start_mark.index, version.end_mark.index, str(after.version)))

    for layer_node in top["layers"].value:
        fields = _mapping(layer_node)
        layer_id = fields["id"].value
        old_layer, new_layer = before.layer(layer_id), after.layer(layer_id)
        if old_layer is None or new_layer is None:
            raise ValueError(f"layer {layer_id} added or removed")
        seq = fields["labels"]
        items = {_mapping(item)["id"].value: item for item in seq.value}
        last_item = seq.value[-1]
        for label_id, item in items.items():
            old, new = old_layer.label(label_id), new_layer.label(label_id)
            if old == new:
                continue
            start_line = item.start_mark.line
            if item.flow_style:
                if new is None:  # the whole line goes
                    edits.append((line_starts[start_line], line_starts[start_line + 1], ""))
                else:
                    edits.append((item.start_mark.index, item.end_mark.index, _flow_label(new)))
                continue
            last = _last_line(bare, start_line, item.end_mark)
            if new is None:
                edits.append((line_starts[start_line], line_starts[last + 1], ""))
            else:
                block = _block_label(new, item.start_mark.column)
                edits.append((item.start_mark.index, line_starts[last] + len(bare[last]), "\n".join(block)))
        added = [label for label in new_layer.labels if label.id not in items]
        if added:
            column = last_item.start_mark.column
            if last_item.flow_style:
                at = line_starts[last_item.start_mark.line + 1]
                new_lines = "".join(f"{' ' * (column - 2)}- {_flow_label(label)}\n" for label in added)
            else:
                last = _last_line(bare, last_item.start_mark.line, last_item.end_mark)
                at = line_starts[last + 1]
                new_lines = "".join(
                    f"{' ' * (column - 2)}- " + "\n".join(_block_label(label, column)) + "\n" for label in added
                )
            edits.append((at, at, new_lines))

    if "relations" in top:
        for rel_node in top["relations"].value:
            fields = _mapping(rel_node)
            rel_id = fields["id"].value
            old_rel, new_rel = before.relation(rel_id), after.relation(rel_id)
            if old_rel is None or new_rel is None:
                raise ValueError(f"relation {rel_id} added or removed")
            for end_name in ("source", "target"):
                old_end, new_end = getattr(old_rel, end_name), getattr(new_rel, end_name)
                if old_end.labels == new_end.labels:
                    continue
                labels_node = _mapping(fields[end_name])["labels"]
                edits.append(
                    (labels_node.start_mark.index, labels_node.end_mark.index, "[" + ", ".join(new_end.labels) + "]")
                )

    out = text
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + replacement + out[end:]
    return out
