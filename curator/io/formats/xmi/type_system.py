"""The UIMA type system Curator's XMI uses, built from the annotation schema, and its reverse map.

- the entity layer is DKPro Core's ``NamedEntity`` (feature ``value``), INCEpTION's built-in layer;
  every other span layer ``L`` is ``webanno.custom.L`` (INCEpTION's custom layers) with ``label``;
- each label attribute is a feature of its layer's type (a string, or a string array for a list),
  named after the attribute, except where UIMA reserves the name: ``type`` (every feature structure
  has one; dkpro-cassis renames it ``type_`` with a warning) becomes ``<layer>Type`` (``claimType``),
  and the reader takes both; ``note`` holds the span's note, ``identifier`` the span's
  knowledge-base identifier (DKPro's ``NamedEntity.identifier``, on every span type);
- a relation ``R`` is a feature ``R`` of the source layer's type pointing at the target annotation
  (an array when a source may have several), as INCEpTION does for links across layers;
- document labels of layer ``L`` are ``webanno.custom.LDocumentLabel`` (a document-level type);
- ``DocumentMetaData`` carries the document id and title, ``CASMetadata.username`` the annotator;
- DKPro ``Sentence`` and ``Token`` annotations segment the text (tokens split at every span
  boundary, so every span starts and ends on tokens, as INCEpTION's token-anchored layers need).

dkpro-cassis converts offsets between UIMA's UTF-16 code units and Python code points itself.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

from curator.optional_libs import MissingLibrary

try:
    from cassis import TypeSystem  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("xmi", "dkpro-cassis") from exc

from curator.schema.model import Schema

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DOCUMENT_META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
CAS_METADATA = "de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
CUSTOM = "webanno.custom."
ANNOTATION = "uima.tcas.Annotation"
STRING = "uima.cas.String"
STRING_ARRAY = "uima.cas.StringArray"
FS_ARRAY = "uima.cas.FSArray"
NOTE = "note"
IDENTIFIER_FEATURE = "identifier"
# A span linked to a registry entity is written with the identifier ``curator:KEY`` (INCEpTION writes a
# knowledge base's IRI there); the reader takes that form back as the link, any other as free text.
REGISTRY_PREFIX = "curator:"
# cassis renames accessors of features whose names Python reserves ("type" -> "type_").
_RESERVED_ACCESSORS = {"self", "type"}


def accessor(feature: str) -> str:
    return feature + "_" if feature in _RESERVED_ACCESSORS else feature


def attribute_feature(layer: str, attribute: str) -> str:
    """The feature holding ``attribute`` of spans of ``layer``: the attribute's id, or
    ``<layer><Attribute>`` where UIMA or cassis reserve the id (``claimType`` for ``type``)."""
    if attribute not in _RESERVED_ACCESSORS:
        return attribute
    return layer + attribute[:1].upper() + attribute[1:]


def layer_type_name(layer: str, entity_layer: str) -> str:
    return NAMED_ENTITY if layer == entity_layer else CUSTOM + layer[:1].upper() + layer[1:]


def doc_label_type_name(layer: str) -> str:
    return CUSTOM + layer[:1].upper() + layer[1:] + "DocumentLabel"


@dataclass
class XmiTypes:
    """The type system and where each schema element lives in it."""

    typesystem: Any
    span_types: dict[str, str] = field(default_factory=dict)  # layer -> type name
    label_features: dict[str, str] = field(default_factory=dict)  # layer -> feature holding the label
    attribute_lists: set[tuple[str, str]] = field(default_factory=set)  # (layer, attribute) held as arrays
    # (layer, attribute) -> feature name, for the attributes whose feature is not named after them
    attribute_features: dict[tuple[str, str], str] = field(default_factory=dict)
    relation_arrays: set[str] = field(default_factory=set)  # relation ids held as FSArray
    doc_label_types: dict[str, str] = field(default_factory=dict)  # layer -> type name

    def layer_of_type(self, type_name: str) -> str | None:
        return next((layer for layer, name in self.span_types.items() if name == type_name), None)

    def doc_layer_of_type(self, type_name: str) -> str | None:
        return next((layer for layer, name in self.doc_label_types.items() if name == type_name), None)

    def feature_of(self, layer: str, attribute: str) -> str:
        """The feature name written for ``attribute`` of ``layer``."""
        return self.attribute_features.get((layer, attribute), attribute)


@dataclass(frozen=True)
class Segments:
    """A document's sentences and tokens, ``(start, end)`` in code points, in text order."""

    sentences: list[tuple[int, int]]
    tokens: list[tuple[int, int]]


def build_types(schema: Schema, entity_layer: str) -> XmiTypes:
    """A fresh type system for ``schema``."""
    with warnings.catch_warnings():
        # cassis warns when it renames a reserved feature name; attribute_feature avoids them, a
        # schema's own layer names might not
        warnings.simplefilter("ignore", UserWarning)
        ts = TypeSystem()
        types = XmiTypes(ts)
        meta = ts.create_type(DOCUMENT_META, supertypeName="uima.tcas.DocumentAnnotation")
        for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
            ts.create_feature(meta, name, STRING)
        cas_meta = ts.create_type(CAS_METADATA, supertypeName="uima.cas.TOP")
        ts.create_feature(cas_meta, "username", STRING)
        ts.create_type(SENTENCE, supertypeName=ANNOTATION)
        ts.create_type(TOKEN, supertypeName=ANNOTATION)
        created: dict[str, Any] = {}
        for layer in schema.layers:
            if "span" in layer.scopes:
                name = layer_type_name(layer.id, entity_layer)
                t = created[layer.id] = ts.create_type(name, supertypeName=ANNOTATION)
                types.span_types[layer.id] = name
                types.label_features[layer.id] = "value" if name == NAMED_ENTITY else "label"
                ts.create_feature(t, types.label_features[layer.id], STRING)
                ts.create_feature(t, IDENTIFIER_FEATURE, STRING)
                ts.create_feature(t, NOTE, STRING)
                seen: set[str] = set()
                for label in layer.labels:
                    for attr in label.attributes:
                        if attr.id in seen:
                            continue
                        seen.add(attr.id)
                        feature = attribute_feature(layer.id, attr.id)
                        if feature != attr.id:
                            types.attribute_features[(layer.id, attr.id)] = feature
                        if attr.type == "label":
                            # a label-typed attribute may hold several labels
                            types.attribute_lists.add((layer.id, attr.id))
                            ts.create_feature(t, feature, STRING_ARRAY, elementType=STRING)
                        else:
                            ts.create_feature(t, feature, STRING)
            if "document" in layer.scopes:
                name = doc_label_type_name(layer.id)
                t = ts.create_type(name, supertypeName="uima.cas.AnnotationBase")
                ts.create_feature(t, "label", STRING)
                types.doc_label_types[layer.id] = name
        for rel in schema.relations:
            source, target = created.get(rel.source.layer), created.get(rel.target.layer)
            if source is None or target is None:
                continue
            if rel.max_per_source == 1:
                ts.create_feature(source, rel.id, target.name)
            else:
                types.relation_arrays.add(rel.id)
                ts.create_feature(source, rel.id, FS_ARRAY, elementType=target.name)
    return types
