"""XMI files of annotator views, written straight from the records: the bytes dkpro-cassis writes for
the CAS :func:`curator.io.formats.xmi.write.view_to_cas` builds, without building it.

cassis is general: for every feature of every feature structure its serializer asks the type system
what the feature is (about a hundred microseconds per annotation), and each new CAS maps every
character of the text to UTF-16 in Python. Curator's CASes are always the same few shapes, so this
module asks the type system once per type (:class:`XmiWriter`), gives the feature structures the ids
``Cas.add`` would give them, converts offsets only for texts with characters outside the BMP, and
writes the XML lxml would write for the element tree cassis builds (namespaces declared in cassis'
order, attributes in feature order, values escaped as libxml2 escapes them), as text.

``tests/core/test_format_xmi.py`` checks that both write the same bytes for every view of the test corpus
and for values that need escaping, and that a value XML cannot hold is refused the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.optional_libs import MissingLibrary

try:
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("xmi", "dkpro-cassis") from exc

from curator.io.formats.xmi.type_system import (
    CAS_METADATA,
    DOCUMENT_META,
    FS_ARRAY,
    IDENTIFIER_FEATURE,
    NOTE,
    REGISTRY_PREFIX,
    SENTENCE,
    STRING_ARRAY,
    TOKEN,
    Segments,
    XmiTypes,
)
from curator.io.selection import AnnotatorView
from curator.schema.model import IDENTIFIER
from curator.text.utf16 import Utf16Offsets

XMI_NS = "http://www.omg.org/XMI"
CAS_NS = "http:///uima/cas.ecore"
_XMI_ID = f"{{{XMI_NS}}}id"
_ANNOTATION = "uima.tcas.Annotation"
# The ids ``Cas.add`` gives: the sofa is created with the CAS, then each feature structure in turn.
SOFA_ID = 1

# How each feature is written (the branches of cassis' CasXmiSerializer that Curator's types reach).
SOFA, OFFSET, STRING, STRINGS, REFERENCE, REFERENCES = "sofa", "offset", "string", "strings", "ref", "refs"


@dataclass(frozen=True)
class _Feature:
    name: str  # in the XML and in the values given to :meth:`XmiWriter.write` (cassis' accessor without "_")
    kind: str


@dataclass(frozen=True)
class _TypePlan:
    url: str  # XML namespace of the type's package
    prefix: str  # the prefix cassis derives from it
    local: str
    features: tuple[_Feature, ...]
    names: frozenset[str]


@dataclass
class _Structure:
    """One feature structure to write: its type and feature values (None: not set)."""

    type_name: str
    values: dict[str, Any] = field(default_factory=dict)


class XmiWriter:
    """Writes one XMI file per annotator view, for the type system of ``types``."""

    def __init__(self, types: XmiTypes) -> None:
        self.types = types
        self._plans: dict[str, _TypePlan] = {}

    def _offsets_template(self, plan: _TypePlan, prefix: str) -> str:
        """The XML of an annotation of ``plan`` holding only its offsets, for ``str.format(id, begin, end)``."""
        attributes = ""
        for f in plan.features:
            if f.kind == SOFA:
                attributes += f' {f.name}="{SOFA_ID}"'
            elif f.name == "begin":
                attributes += ' begin="{1}"'
            elif f.name == "end":
                attributes += ' end="{2}"'
        return f'<{prefix}:{plan.local} xmi:id="{{0}}"{attributes}/>'

    def _plan(self, type_name: str) -> _TypePlan:
        plan = self._plans.get(type_name)
        if plan is None:
            plan = self._plans[type_name] = self._make_plan(type_name)
        return plan

    def _make_plan(self, type_name: str) -> _TypePlan:
        ts = self.types.typesystem
        t = ts.get_type(type_name)
        is_annotation = ts.is_instance_of(type_name, _ANNOTATION)
        features = []
        for f in t.all_features:
            if f.name in ("xmiID", "type"):
                continue
            name = f.name[:-1] if f._has_reserved_name else f.name
            if f.multipleReferencesAllowed:
                raise NotImplementedError(f"{type_name}.{name}: features shared by reference are not written")
            range_name = f.rangeType.name
            if name == "sofa":
                kind = SOFA
            elif is_annotation and name in ("begin", "end"):
                kind = OFFSET
            elif range_name == STRING_ARRAY:
                kind = STRINGS
            elif range_name == FS_ARRAY:
                kind = REFERENCES
            elif range_name == "uima.cas.String":
                kind = STRING
            elif ts.is_primitive(f.rangeType) or ts.is_array(f.rangeType) or ts.is_list(f.rangeType):
                raise NotImplementedError(f"{type_name}.{name}: {range_name} features are not written")
            else:
                kind = REFERENCE
            features.append(_Feature(name, kind))
        parts = type_name.split(".")
        url = "http:///" + "/".join(parts[:-1]) + ".ecore"
        return _TypePlan(url, parts[-2], parts[-1], tuple(features), frozenset(f.name for f in features))

    def structures(
        self,
        view: AnnotatorView,
        segments: Segments | None = None,
        links: dict[int, str] | None = None,
        *,
        segments_as_one: bool = False,
    ) -> list[_Structure]:
        """The feature structures of ``view``'s CAS in id order (ids from 2), as view_to_cas adds them;
        ``segments_as_one``: the sentences and tokens as one :class:`_Segments` in their place (their
        ids still counted), for :meth:`elements` to write in one go."""
        types = self.types
        d = view.document
        out = [
            _Structure(
                DOCUMENT_META,
                {
                    "begin": 0,
                    "end": len(d.text),
                    "language": d.language,
                    "documentId": d.ext_id,
                    "documentTitle": d.title,
                },
            )
        ]
        if view.annotator:
            out.append(_Structure(CAS_METADATA, {"username": view.annotator}))
        segment_count = 0
        if segments is not None and segments_as_one:
            out.append(_Segments(SENTENCE, {}, segments))
            segment_count = len(segments.sentences) + len(segments.tokens) - 1
        elif segments is not None:
            out += [_Structure(SENTENCE, {"begin": a, "end": b}) for a, b in segments.sentences]
            out += [_Structure(TOKEN, {"begin": a, "end": b}) for a, b in segments.tokens]
        first_span = SOFA_ID + 1 + len(out) + segment_count
        ids = {s.id: first_span + n for n, s in enumerate(view.spans)}
        spans = []
        for s in view.spans:
            values: dict[str, Any] = {"begin": s.start, "end": s.end, types.label_features[s.layer]: s.label}
            if s.note:
                values[NOTE] = s.note
            if links and s.id in links and not s.attributes.get(IDENTIFIER):
                values[IDENTIFIER_FEATURE] = REGISTRY_PREFIX + links[s.id]
            for key, value in s.attributes.items():
                if value is None:
                    continue
                feature = types.feature_of(s.layer, key)
                if (s.layer, key) in types.attribute_lists:
                    values[feature] = [str(v) for v in (value if isinstance(value, list) else [value])]
                else:
                    values[feature] = str(value)
            spans.append(_Structure(types.span_types[s.layer], values))
        linked: dict[tuple[int, str], list[int]] = {}
        for r in view.relations:
            linked.setdefault((r.source_id, r.type), []).append(ids[r.target_id])
        for (source_id, rel_type), targets in linked.items():
            source = spans[ids[source_id] - first_span].values
            source[rel_type] = targets if rel_type in types.relation_arrays else targets[0]
        out += spans
        out += [_Structure(types.doc_label_types[layer], {"label": label}) for layer, label in view.doc_labels]
        return out

    def elements(
        self,
        view: AnnotatorView,
        segments: Segments | None = None,
        links: dict[int, str] | None = None,
        *,
        raw_segments: bool = False,
    ) -> tuple[dict[str, str], list[_Element]]:
        """The namespaces (prefix -> URL, in the order cassis declares them) and the elements of
        ``view``'s XMI between ``cas:NULL`` and ``cas:Sofa``, in id order; ``raw_segments``: the
        sentences and tokens as their XML text already (:attr:`_Element.raw`)."""
        text = view.document.text
        utf16 = Utf16Offsets(text)
        # Offsets differ from code points only after a character outside the BMP.
        convert = utf16.to_utf16 if utf16.utf16_length != len(text) else None
        nsmap = {"xmi": XMI_NS, "cas": CAS_NS}
        prefixes: dict[str, str] = {}  # url -> prefix, given in order of first use as cassis does
        repeats: defaultdict[str, int] = defaultdict(int)
        out = []

        def declared(plan: _TypePlan) -> str:
            if plan.url not in prefixes:
                prefix = plan.prefix
                if prefix in nsmap:
                    prefix += str(repeats[plan.prefix])
                    repeats[plan.prefix] += 1
                nsmap[prefix] = plan.url
                prefixes[plan.url] = prefix
            return prefixes[plan.url]

        xmi_id = SOFA_ID
        for fs in self.structures(view, segments, links, segments_as_one=raw_segments):
            xmi_id += 1
            if isinstance(fs, _Segments):
                # Hundreds per document, each only its offsets: one template per type, the same
                # bytes as the general way below.
                for type_name, stretches in ((SENTENCE, fs.segments.sentences), (TOKEN, fs.segments.tokens)):
                    plan = self._plan(type_name)
                    template = self._offsets_template(plan, declared(plan))
                    for a, b in stretches:
                        if convert:
                            a, b = convert(a), convert(b)
                        out.append(_Element("", "", "", [], [], template.format(xmi_id, a, b)))
                        xmi_id += 1
                xmi_id -= 1
                continue
            plan = self._plan(fs.type_name)
            declared(plan)
            if not plan.names >= fs.values.keys():  # cassis refuses to set a feature its type lacks
                unknown = sorted(fs.values.keys() - plan.names)
                raise ValueError(f"{fs.type_name} has no feature {unknown[0]!r}")
            attributes = [("xmi:id", str(xmi_id))]
            children: list[tuple[str, str]] = []
            for f in plan.features:
                if f.kind == SOFA:
                    attributes.append((f.name, str(SOFA_ID)))
                    continue
                value = fs.values.get(f.name)
                if value is None:
                    continue
                if f.kind == STRING:
                    attributes.append((f.name, value))
                elif f.kind == OFFSET:
                    attributes.append((f.name, str(convert(value) if convert else value)))
                elif f.kind == STRINGS:
                    if value:
                        children += [(f.name, v) for v in value]
                    else:
                        attributes.append((f.name, ""))
                elif f.kind == REFERENCES:
                    attributes.append((f.name, " ".join(map(str, value))))
                else:
                    attributes.append((f.name, str(value)))
            out.append(_Element(prefixes[plan.url], plan.url, plan.local, attributes, children))
        return nsmap, out

    def write(
        self, view: AnnotatorView, path: Path, segments: Segments | None = None, links: dict[int, str] | None = None
    ) -> None:
        """Write ``view``'s XMI to ``path``, with the sentences and tokens of ``segments``.

        The XML is written as text: building an lxml tree (as cassis does) costs more than all the
        rest. A value lxml would refuse (a control character...) goes the lxml way, to be refused
        as cassis refuses it."""
        nsmap, elements = self.elements(view, segments, links, raw_segments=True)
        text = view.document.text
        members = " ".join(str(i) for i in range(SOFA_ID + 1, SOFA_ID + 1 + len(elements)))
        # One pass over every value at once (joined, in C), not a search per value.
        values = "\x20".join(
            [text, *(v for e in elements for _, v in e.attributes), *(v for e in elements for _, v in e.children)]
        )
        if _NOT_XML.search(values):
            _write_lxml(nsmap, self.elements(view, segments, links)[1], text, members, path)
            return
        declarations = "".join(f' xmlns:{prefix}="{_attribute(url)}"' for prefix, url in nsmap.items())
        parts = [f"<?xml version='1.0' encoding='UTF-8'?>\n<xmi:XMI{declarations} xmi:version=\"2.0\">"]
        parts.append('<cas:NULL xmi:id="0"/>')
        for e in elements:
            if e.raw:
                parts.append(e.raw)
                continue
            tag = f"{e.prefix}:{e.local}"
            attributes = "".join(f' {name}="{_attribute(value)}"' for name, value in e.attributes)
            if e.children:
                inner = "".join(f"<{name}>{_text(value)}</{name}>" for name, value in e.children)
                parts.append(f"<{tag}{attributes}>{inner}</{tag}>")
            else:
                parts.append(f"<{tag}{attributes}/>")
        parts.append(
            f'<cas:Sofa xmi:id="{SOFA_ID}" sofaNum="1" sofaID="_InitialView" mimeType="text" '
            f'sofaString="{_attribute(text)}"/>'
        )
        parts.append(f'<cas:View sofa="{SOFA_ID}" members="{members}"/></xmi:XMI>')
        path.write_bytes("".join(parts).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class _Element:
    prefix: str
    url: str
    local: str
    attributes: list[tuple[str, str]]  # "xmi:id" first, then the features in the type's order
    children: list[tuple[str, str]]  # string array elements, written as child elements
    raw: str = ""  # the element's XML already (a sentence or a token), or ""


@dataclass
class _Segments(_Structure):
    """The sentences and tokens of a CAS, in the place of their feature structures."""

    segments: Segments = field(default_factory=lambda: Segments([], []))


# What XML cannot hold and lxml refuses to write.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What libxml2 escapes in an attribute value and in a text node (how lxml writes for cassis).
_ESCAPED_IN_ATTRIBUTES = re.compile('[&<>"\n\r\t]')
_ESCAPED_IN_TEXT = re.compile("[&<>\r]")


def _attribute(value: str) -> str:
    # Most values need nothing, and looking costs less than escaping; replace() runs in C, where
    # translate() looks every character up in a dict (the texts are long).
    if not _ESCAPED_IN_ATTRIBUTES.search(value):
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _text(value: str) -> str:
    if not _ESCAPED_IN_TEXT.search(value):
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _write_lxml(nsmap: dict[str, str], elements: list[_Element], text: str, members: str, path: Path) -> None:
    """The same XMI through an lxml tree, as cassis writes it."""
    root = etree.Element(f"{{{XMI_NS}}}XMI", {f"{{{XMI_NS}}}version": "2.0"}, nsmap={"xmi": XMI_NS, "cas": CAS_NS})
    etree.SubElement(root, f"{{{CAS_NS}}}NULL", {_XMI_ID: "0"})
    for e in elements:
        attrib = {(_XMI_ID if name == "xmi:id" else name): value for name, value in e.attributes}
        element = etree.SubElement(root, f"{{{e.url}}}{e.local}", attrib)
        for name, value in e.children:
            etree.SubElement(element, name).text = value
    etree.SubElement(
        root,
        f"{{{CAS_NS}}}Sofa",
        {_XMI_ID: str(SOFA_ID), "sofaNum": "1", "sofaID": "_InitialView", "mimeType": "text", "sofaString": text},
    )
    etree.SubElement(root, f"{{{CAS_NS}}}View", {"sofa": str(SOFA_ID), "members": members})
    tree = etree.ElementTree(root)
    etree.cleanup_namespaces(tree, top_nsmap=nsmap)
    with path.open("wb") as handle:
        tree.write(handle, xml_declaration=True, pretty_print=False, encoding="UTF-8")
