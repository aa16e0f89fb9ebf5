"""Changes of a schema as pure functions: each takes a :class:`Schema` and returns the changed one
(version one higher), or raises :class:`SchemaEditRefused` saying what is wrong, so nothing is
written for bad input. The store applies them to the database and the annotations
(:mod:`curator.store.schema_changes`); the file is written back by :mod:`curator.schema.file_text`.

A label's ``id`` is what annotations are stored, exported and imported by: it never changes. A
rename changes the label's names (Arabic, French, English); to change what exports write, add a
label with the new id and merge the old one into it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from curator.errors import EditRefused
from curator.schema.loader import cross_check
from curator.schema.model import IDENTIFIER, Names, Schema

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
LANGUAGES = ("ar", "fr", "en")


class SchemaEditRefused(EditRefused):
    """A schema change that cannot be made (unknown label, a name or shortcut already used...)."""


def _data(schema: Schema) -> dict[str, Any]:
    data = schema.model_dump(mode="json")
    data["version"] = schema.version + 1
    return data


def _validated(data: dict[str, Any]) -> Schema:
    try:
        schema = Schema.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise SchemaEditRefused(f"{where}: {err['msg']}") from exc
    for loc, message in cross_check(schema):
        raise SchemaEditRefused(f"{'.'.join(str(p) for p in loc)}: {message}")
    return schema


def _layer(data: dict[str, Any], schema: Schema, layer: str) -> dict[str, Any]:
    for entry in data["layers"]:
        if entry["id"] == layer:
            return dict(entry)
    known = ", ".join(lay.id for lay in schema.layers)
    raise SchemaEditRefused(f"unknown layer {layer!r} (the schema has {known})")


def _label_index(layer: dict[str, Any], label: str) -> int:
    for index, entry in enumerate(layer["labels"]):
        if entry["id"] == label:
            return index
    known = ", ".join(entry["id"] for entry in layer["labels"])
    raise SchemaEditRefused(f"unknown label {label!r} in layer {layer['id']!r} (it has {known})")


def _put_layer(data: dict[str, Any], layer: dict[str, Any]) -> None:
    data["layers"] = [layer if entry["id"] == layer["id"] else entry for entry in data["layers"]]


def _check_names(layer: dict[str, Any], names: dict[str, str], skip: str | None = None) -> None:
    """Two labels of one layer may not share a name in one language: the palette could not tell them apart."""
    for entry in layer["labels"]:
        if entry["id"] == skip:
            continue
        for language in LANGUAGES:
            if names.get(language, "").strip().casefold() == entry["names"][language].strip().casefold():
                raise SchemaEditRefused(
                    f"label {entry['id']!r} of layer {layer['id']!r} is already named {entry['names'][language]!r}"
                    f" ({language})"
                )


def _names(names: dict[str, str]) -> dict[str, str]:
    missing = [language for language in LANGUAGES if not names.get(language, "").strip()]
    if missing:
        raise SchemaEditRefused(f"a label needs a name in Arabic, French and English (missing: {', '.join(missing)})")
    return {language: names[language].strip() for language in LANGUAGES}


def add_label(
    schema: Schema,
    layer: str,
    label: str,
    names: dict[str, str],
    color: str,
    shortcut: str | None = None,
    *,
    attributes: tuple[dict[str, Any], ...] = (),
) -> Schema:
    """``schema`` with a new label ``label`` in ``layer``."""
    data = _data(schema)
    entry = _layer(data, schema, layer)
    if not _ID.match(label):
        raise SchemaEditRefused(f"a label id is a letter followed by letters, digits or _, not {label!r}")
    if any(existing["id"] == label for existing in entry["labels"]):
        raise SchemaEditRefused(f"layer {layer!r} already has a label {label!r}")
    clean = _names(names)
    _check_names(entry, clean)
    new: dict[str, Any] = {"id": label, "names": clean, "color": color, "shortcut": shortcut or None}
    new["description"], new["attributes"] = "", list(attributes)
    entry["labels"] = [*entry["labels"], new]
    _put_layer(data, entry)
    return _validated(data)


def rename_label(schema: Schema, layer: str, label: str, names: dict[str, str]) -> Schema:
    """``schema`` with ``label``'s names changed in the languages ``names`` gives (its id stays)."""
    data = _data(schema)
    entry = _layer(data, schema, layer)
    index = _label_index(entry, label)
    old = entry["labels"][index]
    given = {language: value.strip() for language, value in names.items() if value is not None}
    unknown = sorted(set(given) - set(LANGUAGES))
    if unknown:
        raise SchemaEditRefused(f"names are given in ar, fr and en, not {', '.join(unknown)}")
    if not given:
        raise SchemaEditRefused("give at least one new name (ar, fr or en)")
    if any(not value for value in given.values()):
        raise SchemaEditRefused("a label's name cannot be empty")
    merged = {**old["names"], **given}
    if merged == old["names"]:
        raise SchemaEditRefused(f"label {label!r} already has these names")
    _check_names(entry, given, skip=label)
    entry["labels"] = [*entry["labels"]]
    entry["labels"][index] = {**old, "names": merged}
    _put_layer(data, entry)
    return _validated(data)


# A keyword left at this value leaves the field as it is (``None`` takes a shortcut away).
UNCHANGED: Any = object()


def set_label(schema: Schema, layer: str, label: str, *, color: str | None = None, shortcut: Any = UNCHANGED) -> Schema:
    """``schema`` with ``label``'s colour and/or shortcut changed (``shortcut=None`` removes it)."""
    data = _data(schema)
    entry = _layer(data, schema, layer)
    index = _label_index(entry, label)
    old = entry["labels"][index]
    new = dict(old)
    if color is not None:
        new["color"] = color
    if shortcut is not UNCHANGED:
        new["shortcut"] = shortcut or None
    if new == old:
        raise SchemaEditRefused(f"label {label!r} already has this colour and shortcut")
    entry["labels"] = [*entry["labels"]]
    entry["labels"][index] = new
    _put_layer(data, entry)
    return _validated(data)


def add_attribute(
    schema: Schema,
    layer: str,
    label: str,
    attribute: str,
    names: dict[str, str],
    kind: str,
    values: tuple[str, ...] = (),
    of_layer: str | None = None,
) -> Schema:
    """``schema`` with a new attribute on ``label`` (``kind``: choice, text or label)."""
    data = _data(schema)
    entry = _layer(data, schema, layer)
    index = _label_index(entry, label)
    old = entry["labels"][index]
    if not _ID.match(attribute):
        raise SchemaEditRefused(f"an attribute id is a letter followed by letters, digits or _, not {attribute!r}")
    if attribute == IDENTIFIER:
        raise SchemaEditRefused(f"{IDENTIFIER!r} is reserved: every span may carry one without declaring it")
    if any(existing["id"] == attribute for existing in old["attributes"]):
        raise SchemaEditRefused(f"label {label!r} already has an attribute {attribute!r}")
    if kind not in ("choice", "text", "label"):
        raise SchemaEditRefused(f"an attribute's type is choice, text or label, not {kind!r}")
    new_attr: dict[str, Any] = {"id": attribute, "names": _names(names), "type": kind, "values": list(values)}
    new_attr["layer"] = of_layer
    entry["labels"] = [*entry["labels"]]
    entry["labels"][index] = {**old, "attributes": [*old["attributes"], new_attr]}
    _put_layer(data, entry)
    return _validated(data)


def merge_labels(schema: Schema, layer: str, source: str, target: str) -> Schema:
    """``schema`` without ``source``, whose place in relations ``target`` takes (the annotations are
    moved by the store)."""
    if source == target:
        raise SchemaEditRefused(f"a label cannot be merged with itself ({source!r})")
    data = _data(schema)
    entry = _layer(data, schema, layer)
    index = _label_index(entry, source)
    _label_index(entry, target)
    entry["labels"] = [lab for i, lab in enumerate(entry["labels"]) if i != index]
    _put_layer(data, entry)
    for relation in data["relations"]:
        for end_name in ("source", "target"):
            end = relation[end_name]
            if end["layer"] == layer and source in end["labels"]:
                kept = [lab if lab != source else target for lab in end["labels"]]
                end["labels"] = list(dict.fromkeys(kept))
    return _validated(data)


def split_label(
    schema: Schema, layer: str, label: str, new_label: str, names: dict[str, str], color: str, shortcut: str | None
) -> Schema:
    """``schema`` with ``new_label`` beside ``label``: the same attributes, and wherever a relation
    accepts ``label`` it accepts ``new_label`` too (the chosen spans are moved by the store)."""
    old = schema.label(layer, label)
    if old is None:
        _label_index(_layer(_data(schema), schema, layer), label)
    assert old is not None
    attributes = tuple(attr.model_dump(mode="json") for attr in old.attributes)
    added = add_label(schema, layer, new_label, names, color, shortcut, attributes=attributes)
    data = added.model_dump(mode="json")
    data["version"] = schema.version + 1
    for relation in data["relations"]:
        for end_name in ("source", "target"):
            end = relation[end_name]
            if end["layer"] == layer and label in end["labels"] and new_label not in end["labels"]:
                end["labels"] = [*end["labels"], new_label]
    return _validated(data)


def label_names(schema: Schema, layer: str, label: str) -> Names:
    found = schema.label(layer, label)
    if found is None:
        raise SchemaEditRefused(f"unknown label {label!r} in layer {layer!r}")
    return found.names
