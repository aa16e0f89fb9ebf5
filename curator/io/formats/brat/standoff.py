"""What the brat exporter and reader share: type names, the configuration files, the line syntax.

brat standoff: a ``.txt`` (UTF-8) and an ``.ann`` per document. ``T`` lines are text-bound
annotations ``T1<TAB>TYPE START END[;START END...]<TAB>TEXT`` (offsets in characters of the ``.txt``,
end exclusive; a span across a line break is written as fragments split at the break, as brat does),
``A`` attributes, ``R`` relations ``Arg1:T1 Arg2:T2``, ``#`` notes ``AnnotatorNotes T1``.
brat has no annotator and no document label: an export has one folder per annotator, and document
labels are left out (the card says so).
"""

from __future__ import annotations

import re

from curator.io.label_names import qualified_name
from curator.schema.model import Schema

# First line of annotation.conf in a Curator export: its sub-folders are named after annotators.
CONF_MARKER = "# brat configuration written by Curator; one folder per annotator"
NO_ANNOTATOR_FOLDER = "_text_only"

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
A_LINE = re.compile(r"^([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?$")
R_LINE = re.compile(r"^(R\d+)\t(\S+) (\S+):(T\d+) (\S+):(T\d+)$")
NOTE_LINE = re.compile(r"^(#\d*)\t(\S+) (\S+)\t(.*)$")
# A normalization: ``N1<TAB>Reference T1 curator:khiari<TAB>Khaled Khiari``; Curator's registry is the
# database named ``curator``.
N_LINE = re.compile(r"^(N\d+)\tReference (T\d+) ([^\s:]+):(\S+)\t(.*)$")
REGISTRY_DB = "curator"


def brat_type(schema: Schema, layer: str, label: str) -> str:
    """The label alone when unique among the span layers, else ``layer-label``."""
    return qualified_name(schema, layer, label, "span")


def annotation_conf(schema: Schema, layers: list[str] | None) -> str:
    """``annotation.conf`` for the schema: entities grouped by layer, relations, attributes."""
    lines = [CONF_MARKER, "", "[entities]"]
    span_layers = [lay for lay in schema.layers if "span" in lay.scopes and (not layers or lay.id in layers)]
    for layer in span_layers:
        lines.append(f"!{layer.id}")
        lines += [f"\t{brat_type(schema, layer.id, label.id)}" for label in layer.labels]
    lines += ["", "[relations]"]
    for rel in schema.relations:
        ends = []
        for spec in (rel.source, rel.target):
            end_layer = schema.layer(spec.layer)
            ids = spec.labels or (tuple(lab.id for lab in end_layer.labels) if end_layer else ())
            ends.append("|".join(brat_type(schema, spec.layer, lab) for lab in ids))
        lines.append(f"{rel.id}\tArg1:{ends[0]}, Arg2:{ends[1]}")
    lines += ["", "[events]", "", "[attributes]"]
    for layer in span_layers:
        for label in layer.labels:
            for attr in label.attributes:
                target = schema.layer(attr.layer) if attr.type == "label" and attr.layer else None
                if attr.type == "choice":
                    values = "|".join(attr.values)
                elif target is not None:
                    values = "|".join(lab.id for lab in target.labels)
                else:
                    continue  # free text cannot be a brat attribute value
                lines.append(f"{attr.id}\tArg:{brat_type(schema, layer.id, label.id)}, Value:{values}")
    return "\n".join(lines) + "\n"


def visual_conf(schema: Schema) -> str:
    """``visual.conf``: the schema's colours and English names."""
    lines = ["[labels]"]
    for layer in schema.layers:
        if "span" in layer.scopes:
            lines += [f"{brat_type(schema, layer.id, lab.id)} | {lab.names.en}" for lab in layer.labels]
    lines += ["", "[drawing]"]
    for layer in schema.layers:
        if "span" in layer.scopes:
            lines += [f"{brat_type(schema, layer.id, lab.id)}\tbgColor:{lab.color}" for lab in layer.labels]
    return "\n".join(lines) + "\n"
