"""Load a schema file (YAML), reporting every fault as ``file:line: problem``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from curator.errors import SchemaError
from curator.schema.model import IDENTIFIER, Schema

if TYPE_CHECKING:
    import yaml

Path_ = tuple[str | int, ...]


def _to_data(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    """Plain data from a YAML node, recording the 1-based line of every path."""
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            out[key] = _to_data(value_node, (*path, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, i), lines) for i, item in enumerate(node.value)]
    return yaml.SafeLoader(" ").construct_object(node, deep=True) if node.tag else node.value


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


def _line_for(path: Path_, lines: dict[Path_, int]) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path) or "(top)"


def read_schema_text(path: Path) -> str:
    """The text of the schema file at ``path``; :class:`SchemaError` when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read schema: {exc}") from exc


def load_schema(path: Path) -> Schema:
    """Parse and validate the schema at ``path``; raise :class:`SchemaError` naming file and line."""
    return parse_schema(read_schema_text(path), str(path))


def parse_schema(source: str, name: str) -> Schema:
    # Imported here: the window and the command line read the validated schema from a cache and
    # need no YAML parser at start-up.
    import yaml

    lines: dict[Path_, int] = {}
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        if node is None:
            raise SchemaError(f"{name}:1: empty schema")
        data = _to_data(node, (), lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        raise SchemaError(f"{name}:{line}: invalid YAML: {exc.problem}") from exc
    except _DuplicateKey as exc:
        raise SchemaError(f"{name}:{exc.line}: duplicate key {exc.key!r}") from exc
    try:
        schema = Schema.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise SchemaError(f"{name}:{_line_for(loc, lines)}: {_dotted(loc)}: {err['msg']}") from exc
    for loc, message in cross_check(schema):
        raise SchemaError(f"{name}:{_line_for(loc, lines)}: {_dotted(loc)}: {message}")
    return schema


def cross_check(schema: Schema) -> Iterator[tuple[Path_, str]]:
    """References and uniqueness that a per-field model cannot see."""
    seen_layers: set[str] = set()
    shortcuts: dict[str, Path_] = {}

    def shortcut(key: str | None, loc: Path_) -> Iterator[tuple[Path_, str]]:
        if key is None:
            return
        norm = key.replace(" ", "").lower()
        if norm in shortcuts:
            yield loc, f"shortcut {key!r} is already used at {_dotted(shortcuts[norm])}"
        shortcuts[norm] = loc

    for li, layer in enumerate(schema.layers):
        if layer.id in seen_layers:
            yield ("layers", li, "id"), f"duplicate layer {layer.id!r}"
        seen_layers.add(layer.id)
        seen_labels: set[str] = set()
        for bi, label in enumerate(layer.labels):
            loc: Path_ = ("layers", li, "labels", bi)
            if label.id in seen_labels:
                yield (*loc, "id"), f"duplicate label {label.id!r} in layer {layer.id!r}"
            seen_labels.add(label.id)
            yield from shortcut(label.shortcut, (*loc, "shortcut"))
            for ai, attr in enumerate(label.attributes):
                aloc: Path_ = (*loc, "attributes", ai)
                if attr.id == IDENTIFIER:
                    yield (*aloc, "id"), f"{IDENTIFIER!r} is reserved: every span may carry one without declaring it"
                if attr.type == "choice" and not attr.values:
                    yield aloc, f"choice attribute {attr.id!r} needs values"
                if attr.type == "label" and (attr.layer is None or schema.layer(attr.layer) is None):
                    yield aloc, f"attribute {attr.id!r} refers to unknown layer {attr.layer!r}"
    for ri, rel in enumerate(schema.relations):
        for end_name in ("source", "target"):
            end = getattr(rel, end_name)
            loc = ("relations", ri, end_name)
            end_layer = schema.layer(end.layer)
            if end_layer is None:
                yield (*loc, "layer"), f"unknown layer {end.layer!r}"
                continue
            for label_id in end.labels:
                if end_layer.label(label_id) is None:
                    yield (*loc, "labels"), f"unknown label {label_id!r} in layer {end.layer!r}"
        yield from shortcut(rel.shortcut, ("relations", ri, "shortcut"))
