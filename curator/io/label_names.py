"""Labels named without their layer (brat types, spaCy entity labels, doccano labels) mapped to the
schema's (layer, label), and back."""

from __future__ import annotations

from curator.schema.model import Schema

# Layer ids and label ids match [A-Za-z][A-Za-z0-9_]*, so these never occur inside either.
LAYER_SEPARATORS = ("-", ":", "/", ".")


def resolve_label(schema: Schema, name: str, scope: str = "span", layer: str | None = None) -> tuple[str, str] | str:
    """``(layer, label)`` for ``name``, or a message saying why it cannot be resolved.

    ``name`` is a bare label (it must then belong to exactly one layer used on ``scope``) or
    ``layer-label`` (also ``:``, ``/`` or ``.`` as separator). ``layer`` restricts the search.
    """
    for sep in LAYER_SEPARATORS:
        if sep in name:
            layer_id, _, label_id = name.partition(sep)
            if schema.label(layer_id, label_id) is not None and (layer is None or layer == layer_id):
                return layer_id, label_id
    layers = [lay for lay in schema.layers if scope in lay.scopes and (layer is None or lay.id == layer)]
    found = [(lay.id, name) for lay in layers if lay.label(name) is not None]
    if len(found) == 1:
        return found[0]
    if not found:
        where = f"layer {layer!r}" if layer else f"the schema's {scope} layers"
        return f"unknown label {name!r} (not in {where})"
    return f"label {name!r} is in several layers ({', '.join(lay for lay, _ in found)}); write it as layer-label"


def qualified_name(schema: Schema, layer: str, label: str, scope: str = "span") -> str:
    """The label alone when it names one label among the ``scope`` layers, else ``layer-label``."""
    owners = [lay.id for lay in schema.layers if scope in lay.scopes and lay.label(label) is not None]
    return label if owners == [layer] else f"{layer}-{label}"


def ner_layer(schema: Schema) -> str:
    """The layer token formats treat as named entities (spaCy ``doc.ents``, ``ner_tags``): ``entity``
    when the schema has it, else its first span layer."""
    span_layers = [lay.id for lay in schema.layers if "span" in lay.scopes]
    if "entity" in span_layers or not span_layers:
        return "entity"
    return span_layers[0]
