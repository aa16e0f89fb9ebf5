"""WebAnno TSV 3.3 (INCEpTION's ``ctsv3``): escaping, and where Curator's schema lives in its columns.

Names follow Curator's XMI (:mod:`curator.io.formats.xmi.type_system`), so one INCEpTION project takes both: the
entity layer is DKPro Core's ``NamedEntity`` (label in ``value``), every other span layer ``L`` is
``webanno.custom.L`` (label in ``label``); each label attribute and the note are features of the
layer. A relation between two layers (``claimant``: claim → entity) is a link feature (slot) of the
source layer, as INCEpTION links across layers; a relation inside one layer (``cue``: claim → claim)
is a relation layer ``webanno.custom.R`` attached to that layer (``#T_RL=...|BT_...``), the only
kind TSV3 relation layers hold. Offsets in the files are UTF-16 code units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curator.schema.model import Schema

FORMAT_LINE = "#FORMAT=WebAnno TSV 3.3"
FORMAT_PATTERN = re.compile(r"#FORMAT=WebAnno TSV 3\.([23])")
SPAN_PREFIX, RELATION_PREFIX, CHAIN_PREFIX = "#T_SP=", "#T_RL=", "#T_CH="
TEXT_PREFIX, SENTENCE_ID_PREFIX = "#Text=", "#Sentence.id="
ROLE_PREFIX, BASE_TYPE_PREFIX = "ROLE_", "BT_"
NULL_COLUMN, NULL_VALUE = "_", "*"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
CUSTOM = "webanno.custom."
NOTE = "note"
INDEX = "webanno.documents.jsonl"  # at the export's root: document id, title, language, annotator per file

# TSV3's reserved characters in feature values, "->" counting as one; escaped with a backslash.
_VALUE_ESCAPES = [("\\", "\\\\"), ("[", "\\["), ("]", "\\]"), ("|", "\\|"), ("_", "\\_"), ("->", "\\->")]
_VALUE_ESCAPES += [(";", "\\;"), ("\t", "\\t"), ("\n", "\\n"), ("*", "\\*")]
_VALUE_PATTERN = re.compile("|".join(re.escape(raw) for raw, _ in _VALUE_ESCAPES))
_VALUE_OUT = dict(_VALUE_ESCAPES)
_VALUE_IN = {esc: raw for raw, esc in _VALUE_ESCAPES}
_VALUE_ESCAPED = re.compile("|".join(re.escape(esc) for _, esc in sorted(_VALUE_ESCAPES, key=lambda e: -len(e[1]))))
# In #Text= lines: C0 controls other than \b \t \n \v \f \r as backslash + the character itself
# (INCEpTION's rule), the usual escapes for \t \n \f \r \b, and the backslash.
_TEXT_OUT = {chr(i): "\\" + chr(i) for i in range(32) if not 7 < i < 14}
_TEXT_OUT.update({"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\b": "\\b", "\\": "\\\\"})
_TEXT_IN = {esc: raw for raw, esc in _TEXT_OUT.items()}


def escape_value(value: str) -> str:
    return _VALUE_PATTERN.sub(lambda m: _VALUE_OUT[m.group()], value)


def unescape_value(value: str) -> str:
    return _VALUE_ESCAPED.sub(lambda m: _VALUE_IN[m.group()], value)


def escape_text(text: str) -> str:
    return "".join(_TEXT_OUT.get(ch, ch) for ch in text)


def unescape_text(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _TEXT_IN:
            out.append(_TEXT_IN[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def split_unescaped(value: str, separator: str) -> list[str]:
    """``value`` split at each ``separator`` not escaped by a backslash (escapes kept)."""
    parts, start, i = [], 0, 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == separator:
            parts.append(value[start:i])
            start = i + 1
        i += 1
    parts.append(value[start:])
    return parts


def split_suffix(value: str) -> tuple[str, str | None]:
    """``value`` and its ``[...]`` disambiguation suffix (None without one)."""
    if value.endswith("]") and not value.endswith("\\]"):
        at = value.rfind("[")
        if at >= 0:
            return value[:at], value[at + 1 : -1]
    return value, None


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


@dataclass
class SpanLayerColumns:
    """The columns of one span layer, in order: the label, the attributes, the note, then a role and
    a target column per link (cross-layer relation)."""

    layer: str
    type_name: str
    label_feature: str
    attributes: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (relation, target layer)

    def header(self, columns: Tsv3Columns) -> str:
        fields = [self.type_name, self.label_feature, *self.attributes, NOTE]
        for rel, target in self.links:
            link_type = f"{self.type_name}{_capital(rel)}Link"
            fields += [f"{ROLE_PREFIX}{self.type_name}:{rel}_{link_type}", columns.span_type[target]]
        return SPAN_PREFIX + "|".join(fields)

    @property
    def width(self) -> int:
        return 2 + len(self.attributes) + 2 * len(self.links)


@dataclass
class Tsv3Columns:
    """Where each schema element is in the TSV3 columns."""

    spans: list[SpanLayerColumns] = field(default_factory=list)
    relation_layers: list[tuple[str, str, str]] = field(default_factory=list)  # (relation, type, layer)
    span_type: dict[str, str] = field(default_factory=dict)  # layer -> type name
    left_out: list[str] = field(default_factory=list)  # relation types TSV3 cannot name

    def header_lines(self) -> list[str]:
        lines = [FORMAT_LINE] + [c.header(self) for c in self.spans]
        for _, type_name, layer in self.relation_layers:
            lines.append(f"{RELATION_PREFIX}{type_name}|{BASE_TYPE_PREFIX}{self.span_type[layer]}")
        return lines


def build_columns(schema: Schema, layers: list[str], entity_layer: str) -> Tsv3Columns:
    """The columns for the span ``layers`` (in this order) of ``schema``."""
    columns = Tsv3Columns()
    by_layer: dict[str, SpanLayerColumns] = {}
    for layer_id in layers:
        layer = schema.layer(layer_id)
        assert layer is not None
        type_name = NAMED_ENTITY if layer_id == entity_layer else CUSTOM + _capital(layer_id)
        attributes = sorted({a.id for label in layer.labels for a in label.attributes} - {NOTE})
        cols = SpanLayerColumns(layer_id, type_name, "value" if type_name == NAMED_ENTITY else "label", attributes)
        columns.spans.append(cols)
        columns.span_type[layer_id] = type_name
        by_layer[layer_id] = cols
    taken = set(columns.span_type.values())
    for rel in schema.relations:
        source, target = rel.source.layer, rel.target.layer
        if source not in by_layer or target not in by_layer:
            continue
        if source == target:
            name = CUSTOM + _capital(rel.id)
            columns.relation_layers.append((rel.id, name + "Relation" if name in taken else name, source))
        elif "_" in rel.id:  # a role column is split at underscores
            columns.left_out.append(rel.id)
        else:
            by_layer[source].links.append((rel.id, target))
    return columns
