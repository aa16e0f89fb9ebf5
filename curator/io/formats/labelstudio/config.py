"""The Label Studio labeling configuration for the schema, and the control names both directions use.

- each span layer is a ``<Labels name="LAYER">`` over ``<Text name="text">``;
- each label attribute is a per-region ``<Choices name="LABEL_ATTR">`` shown for that label;
- a span's note is the per-region ``<TextArea name="span_note">``;
- each document layer is a ``<Choices name="LAYER_document" choice="multiple">``;
- relations are ``<Relations>`` labelled with the relation type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

from curator.schema.model import Schema

TEXT = "text"
NOTE = "span_note"


@dataclass
class ControlNames:
    """Control names of the schema, both ways."""

    attributes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name -> (layer, label, attribute)
    doc_layers: dict[str, str] = field(default_factory=dict)  # name -> layer
    span_layers: set[str] = field(default_factory=set)

    def attribute_name(self, layer: str, label: str, attribute: str) -> str | None:
        return next((n for n, key in self.attributes.items() if key == (layer, label, attribute)), None)

    def doc_name(self, layer: str) -> str:
        return next(n for n, lay in self.doc_layers.items() if lay == layer)


def control_names(schema: Schema) -> ControlNames:
    names = ControlNames()
    for layer in schema.layers:
        if "span" in layer.scopes:
            names.span_layers.add(layer.id)
            for label in layer.labels:
                for attr in label.attributes:
                    name = f"{label.id}_{attr.id}"
                    if name in names.attributes or name in names.span_layers:
                        name = f"{layer.id}_{label.id}_{attr.id}"
                    names.attributes[name] = (layer.id, label.id, attr.id)
        if "document" in layer.scopes:
            names.doc_layers[f"{layer.id}_document"] = layer.id
    return names


def labeling_config(schema: Schema, layers: list[str] | None) -> str:
    """The ``<View>`` XML to paste into a Label Studio project's labeling interface."""
    names = control_names(schema)
    out = ["<View>", "  <Relations>"]
    out += [f"    <Relation value={quoteattr(rel.id)}/>" for rel in schema.relations]
    out.append("  </Relations>")
    wanted = [lay for lay in schema.layers if not layers or lay.id in layers]
    for layer in wanted:
        if "span" not in layer.scopes:
            continue
        out.append(f"  <Labels name={quoteattr(layer.id)} toName={quoteattr(TEXT)}>")
        out += [
            f"    <Label value={quoteattr(lab.id)} background={quoteattr(lab.color)} hint={quoteattr(lab.names.en)}/>"
            for lab in layer.labels
        ]
        out.append("  </Labels>")
    out.append(f'  <Text name={quoteattr(TEXT)} value="$text" granularity="symbol"/>')
    for layer in wanted:
        if "document" in layer.scopes:
            out.append(
                f'  <Choices name={quoteattr(names.doc_name(layer.id))} toName={quoteattr(TEXT)} choice="multiple">'
            )
            out += [f"    <Choice value={quoteattr(lab.id)}/>" for lab in layer.labels]
            out.append("  </Choices>")
    for name, (layer_id, label_id, attr_id) in names.attributes.items():
        if layers and layer_id not in layers:
            continue
        label = schema.label(layer_id, label_id)
        attr = next((a for a in label.attributes if a.id == attr_id), None) if label else None
        if attr is None:
            continue
        target = schema.layer(attr.layer) if attr.layer else None
        values = list(attr.values) if attr.type == "choice" else [lab.id for lab in target.labels] if target else []
        if not values:
            continue  # free-text attributes have no per-region control here
        choice = "multiple" if attr.type == "label" else "single"
        out.append(
            f'  <Choices name={quoteattr(name)} toName={quoteattr(TEXT)} perRegion="true" '
            f'whenLabelValue={quoteattr(label_id)} choice="{choice}">'
        )
        out += [f"    <Choice value={quoteattr(v)}/>" for v in values]
        out.append("  </Choices>")
    out.append(f'  <TextArea name={quoteattr(NOTE)} toName={quoteattr(TEXT)} perRegion="true" editable="true"/>')
    out.append("</View>")
    return "\n".join(out) + "\n"


_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def text_keys(config: str) -> dict[str, str]:
    """The ``<Text name="N" value="$KEY"/>`` objects of a labeling config: name -> data key. Raise
    ValueError with the reason when the config is not one Curator can read (not XML, a DOCTYPE, a
    Text whose value is no ``$key``)."""
    if _DECLARATION.search(config):
        raise ValueError("a DOCTYPE or ENTITY declaration is not allowed in a labeling config")
    try:
        root = ElementTree.fromstring(config)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not XML: {exc}") from exc
    keys: dict[str, str] = {}
    for element in root.iter("Text"):
        name, value = element.get("name", ""), element.get("value", "")
        if not value.startswith("$") or len(value) < 2:
            raise ValueError(f"<Text name={name!r}> takes its text from {value!r}, not from a $key of the task data")
        keys[name] = value[1:]
    return keys
