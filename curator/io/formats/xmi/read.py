"""Read UIMA CAS XMI (an INCEpTION export, or Curator's) as pre-annotations, through dkpro-cassis.

The XMI is hostile until proven otherwise: the file size is checked first (over :data:`MAX_BYTES`
it is refused; cassis would need ``trusted=True``, which lifts lxml's limits), a DOCTYPE or ENTITY
declaration is refused before any parsing (UIMA XMI never has one; it is how XXE and billion-laughs
attacks come), and lxml >= 6.1 (required by the ``formats`` extra) refuses external entities and
stops entity expansion anyway.

The type system is ``TypeSystem.xml`` (or ``typesystem.xml``) in the XMI's folder or one of the two
above it. Types are read as :mod:`curator.io.formats.xmi.type_system` lays them out, plus INCEpTION's relation
layers (a type with ``Governor`` and ``Dependent`` features: the relation type is the one a string
feature names, or the layer's name) and ``NamedEntity.identifier`` (the span's ``identifier``
attribute). Tokens, sentences and metadata are not annotations and are passed over. Whatever else
the CAS holds and the schema cannot (a type with no layer, a label or a feature the schema lacks, a
relation of an unknown type or between ends the schema does not allow) is a problem naming the type,
``xmi:id`` and offsets, unless the import leaves such things out (see
:class:`curator.io.validation.LeftOut`).

The annotator is ``CASMetadata.username`` in the file, else ``--annotator``, else the file name
(INCEpTION names user CASes after the user).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.optional_libs import MissingLibrary

try:
    import lxml  # type: ignore[import-untyped, unused-ignore]
    from cassis import load_cas_from_xmi, load_typesystem  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("xmi", "dkpro-cassis") from exc

# Older lxml read local files through external entities (seen with 4.9): refuse to parse with it.
if tuple(int(part) for part in lxml.__version__.split(".")[:2]) < (6, 1):  # pragma: no cover
    raise MissingLibrary("xmi", f"lxml >= 6.1 (found {lxml.__version__})")

from curator.io.formats.xmi.type_system import (
    CAS_METADATA,
    DOCUMENT_META,
    IDENTIFIER_FEATURE,
    NOTE,
    REGISTRY_PREFIX,
    SENTENCE,
    TOKEN,
    accessor,
    build_types,
)
from curator.io.formats.xmi.write import INITIAL_CAS
from curator.io.label_names import ner_layer
from curator.io.source_text import SourceText, new_document
from curator.io.validation import LeftOut, Located
from curator.records import DocLabelIn, DocumentIn, EntityIn, RelationIn, SpanIn
from curator.schema.checks import check_label, check_relation
from curator.schema.model import IDENTIFIER, Schema
from curator.store.entities import ENTITY_LAYER

# lxml refuses single text nodes over 10 MB unless cassis is told trusted=True; stay under that.
MAX_BYTES = 10_000_000
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
TYPESYSTEM_NAMES = ("TypeSystem.xml", "typesystem.xml")


def find_typesystem(path: Path) -> Path | None:
    folder = path.parent
    for _ in range(3):
        for name in TYPESYSTEM_NAMES:
            if (folder / name).is_file():
                return folder / name
        folder = folder.parent
    return None


def _safe_bytes(path: Path) -> bytes:
    """The file's bytes after the size and declaration checks; raise ValueError with the reason."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"{size} bytes is over the {MAX_BYTES} byte limit for XML files")
    data = path.read_bytes()
    if m := _DECLARATION.search(data):
        line = data.count(b"\n", 0, m.start()) + 1
        raise ValueError(f"line {line}: an XML {m.group(1).decode().upper()} declaration is not allowed (XXE)")
    return data


def _line_of_ids(data: bytes) -> dict[int, int]:
    """xmi:id -> line, for problem messages."""
    return {int(m.group(1)): data.count(b"\n", 0, m.start()) + 1 for m in re.finditer(rb'xmi:id="(\d+)"', data)}


def _annotator(cas: Any, path: Path, default: str | None) -> str | None:
    for meta in cas.select(CAS_METADATA) if cas.typesystem.contains_type(CAS_METADATA) else []:
        name = getattr(meta, "username", None)
        if name:
            return str(name)
    if default:
        return default
    return None if path.stem == INITIAL_CAS else path.stem


def read_xmi(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """The document of one XMI file, or the problems found."""
    where = str(path)
    ts_path = find_typesystem(path)
    if ts_path is None:
        return [], [Problem(where, 0, "no TypeSystem.xml in its folder or the two above it")]
    try:
        ts_bytes = _safe_bytes(ts_path)
        data = _safe_bytes(path)
    except ValueError as exc:
        return [], [Problem(where, 0, str(exc))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "type" renamed "type_" by cassis
        try:
            typesystem = load_typesystem(ts_bytes.decode("utf-8"))
        except Exception as exc:  # lxml, cassis and decoding each raise their own types
            return [], [Problem(str(ts_path), 0, f"not a readable UIMA type system: {exc}")]
    with warnings.catch_warnings():
        # An offset cassis cannot map (inside a surrogate pair) is a damaged file, not a warning.
        warnings.filterwarnings("ignore", category=UserWarning)
        warnings.filterwarnings("error", message="Not mapping")  # checked first: added last
        try:
            cas = load_cas_from_xmi(data.decode("utf-8"), typesystem=typesystem, trusted=False)
        except Exception as exc:  # lxml syntax errors, cassis type errors, offset mapping
            return [], [Problem(where, 0, f"not a readable XMI CAS: {type(exc).__name__}: {exc}")]
    return _to_document(cas, path, data, schema, default_annotator)


# Types that segment or describe the text: what they hold is no annotation of a curator's (Curator
# writes its own Sentence and Token annotations on export).
_STRUCTURAL = frozenset(
    {
        DOCUMENT_META,
        CAS_METADATA,
        TOKEN,
        SENTENCE,
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.TagsetDescription",
    }
)
GOVERNOR, DEPENDENT = "Governor", "Dependent"
# Features every annotation has, and INCEpTION's own bookkeeping on relation layers.
_STANDARD = frozenset({"begin", "end", "sofa", GOVERNOR, DEPENDENT})


class _Reader:
    """One CAS turned into a document: spans, relations and document labels the schema holds, the
    problems of the file, and what the schema cannot hold (``left_out``)."""

    def __init__(self, cas: Any, path: Path, data: bytes, schema: Schema, annotator: str | None) -> None:
        self.cas, self.path, self.where, self.schema = cas, path, str(path), schema
        self.types = build_types(schema, ner_layer(schema))
        self.lines = _line_of_ids(data)
        self.annotator = annotator or ""
        self.refs = f"{self.where}#"
        self.problems: list[Problem] = []
        self.left_out: list[LeftOut] = []
        self.span_where: list[tuple[int, str]] = []
        self.rel_where: list[tuple[int, str]] = []
        self.spans: dict[int, SpanIn] = {}  # xmi:id -> span
        self.spans_with_links: list[Any] = []  # their feature structures, for the relations they hold

    def name(self, fs: Any) -> str:
        if hasattr(fs, "begin") and hasattr(fs, "end"):
            return f"{fs.type.name} xmi:id {fs.xmiID} ({fs.begin}-{fs.end})"
        return f"{fs.type.name} xmi:id {fs.xmiID}"

    def leave_out(self, fs: Any, message: str, kind: str) -> None:
        self.left_out.append(LeftOut.of(self.where, self.lines.get(fs.xmiID, 0), f"{self.name(fs)}: {message}", kind))

    def unread_features(self, fs: Any, known: set[str]) -> None:
        """Leave out (or refuse) every feature with a value that nothing reads."""
        for f in fs.type.all_features:
            if f.name in known or f.name in _STANDARD:
                continue
            value = fs.get(f.name)
            if value is None or value == "" or (hasattr(value, "elements") and not value.elements):
                continue
            shown = f"xmi:id {value.xmiID}" if hasattr(value, "xmiID") else repr(value)
            feature = f.name[:-1] if f._has_reserved_name else f.name
            self.leave_out(
                fs,
                f"feature {feature!r} ({shown[:60]}) has no place in the schema",
                f"{fs.type.name}.{feature} values",
            )

    def read(self, doc: DocumentIn, st: SourceText) -> None:
        relation_layers = []
        for fs in self.cas.select_all_fs():
            type_name = fs.type.name
            layer_id = self.types.layer_of_type(type_name)
            if layer_id is not None:
                self.span(fs, layer_id, doc, st)
            elif (doc_layer := self.types.doc_layer_of_type(type_name)) is not None:
                doc.doc_labels.append(DocLabelIn(doc_layer, str(fs.get("label") or ""), self.annotator))
                self.unread_features(fs, {"label"})
            elif type_name in _STRUCTURAL or type_name.startswith("uima."):
                continue
            elif _has_feature(fs, GOVERNOR) and _has_feature(fs, DEPENDENT):
                relation_layers.append(fs)
            else:
                self.leave_out(fs, "the schema has no layer for this type", f"{type_name} annotations")
        for fs in self.spans_with_links:
            self.links(fs, doc)
        for fs in relation_layers:
            self.relation(fs, doc)

    def span(self, fs: Any, layer_id: str, doc: DocumentIn, st: SourceText) -> None:
        types, schema = self.types, self.schema
        label_feature = types.label_features[layer_id]
        label = fs.get(label_feature)
        line = self.lines.get(fs.xmiID, 0)
        if not label:
            self.problems.append(Problem(self.where, line, f"{self.name(fs)}: no label"))
            return
        if isinstance(found := check_label(schema, layer_id, str(label), "span"), str):
            self.leave_out(fs, found, f"{fs.type.name} spans labelled {label}")
            return
        known = {label_feature, NOTE, IDENTIFIER_FEATURE}
        attributes: dict[str, Any] = {}
        for key in sorted({a.id for lab in found[0].labels for a in lab.attributes}):
            # the feature as written now (claimType), or as earlier Curators wrote it (type)
            for feature in dict.fromkeys((types.feature_of(layer_id, key), key)):
                known.update((feature, accessor(feature)))
                value = fs.get(accessor(feature)) if _has_feature(fs, feature) else None
                if value is None or key in attributes:
                    continue
                if hasattr(value, "elements"):
                    # a label attribute is a string array; one label reads back as the plain label
                    items = [str(v) for v in value.elements]
                    attributes[key] = items[0] if len(items) == 1 else items
                else:
                    attributes[key] = value
        identifier = fs.get(IDENTIFIER_FEATURE) if _has_feature(fs, IDENTIFIER_FEATURE) else None
        entity = None
        if identifier and str(identifier).startswith(REGISTRY_PREFIX) and layer_id == ENTITY_LAYER:
            # Curator's own link (as its export writes it): the registry entity, not free text
            entity = str(identifier)[len(REGISTRY_PREFIX) :]
        elif identifier:
            attributes[IDENTIFIER] = str(identifier)
        note = fs.get(NOTE) if _has_feature(fs, NOTE) else None
        span = SpanIn(
            layer=layer_id,
            label=str(label),
            start=st.offset(fs.begin),
            end=st.offset(fs.end),
            annotator=self.annotator,
            attributes=attributes,
            note=str(note or ""),
            ref=f"{self.refs}{fs.xmiID}",
            entity=entity or None,
        )
        if span.entity:
            name = st.text[span.start : span.end] if 0 <= span.start < span.end <= len(st.text) else span.entity
            line = self.lines.get(fs.xmiID, 0)
            doc.entities.append(EntityIn(span.entity, span.label, name, doc.language, line))
        doc.spans.append(span)
        self.spans[fs.xmiID] = span
        self.span_where.append((line, self.name(fs)))
        known.update(rel.id for rel in schema.relations if rel.source.layer == layer_id)
        self.unread_features(fs, known)
        self.spans_with_links.append(fs)

    def links(self, fs: Any, doc: DocumentIn) -> None:
        """Relations held as features of their source (Curator's layout)."""
        source = self.spans[fs.xmiID]
        for rel in self.schema.relations:
            if rel.source.layer != source.layer or not _has_feature(fs, rel.id):
                continue
            value = fs.get(rel.id)
            targets = [] if value is None else list(value.elements) if hasattr(value, "elements") else [value]
            for target in targets:
                doc.relations.append(RelationIn(rel.id, source.ref or "", f"{self.refs}{target.xmiID}", self.annotator))
                self.rel_where.append(
                    (self.lines.get(fs.xmiID, 0), f"{self.name(fs)}, {rel.id} → xmi:id {target.xmiID}")
                )

    def relation(self, fs: Any, doc: DocumentIn) -> None:
        """An INCEpTION relation layer annotation: ``Governor`` → ``Dependent``, its type named by
        one of its string features (``label``...) or by the layer's name (``webanno.custom.Claimant``)."""
        known: set[str] = set()
        rel_id = None
        for f in fs.type.all_features:
            value = fs.get(f.name) if f.name not in _STANDARD else None
            if isinstance(value, str) and self.schema.relation(value) is not None:
                rel_id, known = value, {f.name}
                break
        short = fs.type.name.rsplit(".", 1)[-1]
        for candidate in (short, short[:1].lower() + short[1:], short.lower()):
            if rel_id is None and self.schema.relation(candidate) is not None:
                rel_id = candidate
        if rel_id is None:
            have = ", ".join(r.id for r in self.schema.relations) or "none"
            self.leave_out(fs, f"the schema has no relation type for it (it has {have})", f"{fs.type.name} relations")
            return
        ends = []
        for role in (GOVERNOR, DEPENDENT):
            end = fs.get(role)
            span = self.spans.get(end.xmiID) if end is not None else None
            if span is None:
                what = "no annotation" if end is None else f"{end.type.name} xmi:id {end.xmiID}, not a span imported"
                self.leave_out(fs, f"its {role} is {what}", f"{fs.type.name} relations")
                return
            ends.append(span)
        source, target = ends
        wrong = check_relation(self.schema, rel_id, (source.layer, source.label), (target.layer, target.label))
        if wrong:
            self.leave_out(fs, wrong[0], f"{fs.type.name} relations")
            return
        doc.relations.append(RelationIn(rel_id, source.ref or "", target.ref or "", self.annotator))
        self.rel_where.append((self.lines.get(fs.xmiID, 0), f"{self.name(fs)} ({rel_id})"))
        self.unread_features(fs, known)


def _to_document(
    cas: Any, path: Path, data: bytes, schema: Schema, default_annotator: str | None
) -> tuple[list[Located], list[Problem]]:
    where = str(path)
    raw = cas.sofa_string or ""
    if not raw.strip():
        return [], [Problem(where, 0, "the CAS has no text")]
    st = SourceText.of(raw)
    meta = next(iter(cas.select(DOCUMENT_META)), None) if cas.typesystem.contains_type(DOCUMENT_META) else None
    doc_id = getattr(meta, "documentId", None) if meta is not None else None
    # INCEpTION: annotation/<document name>/<user>.xmi
    fallback_id = path.parent.name if path.parent.name else path.stem
    doc = new_document(
        path.name,
        0,
        st,
        ext_id=str(doc_id) if doc_id else fallback_id,
        ext_id_fixed=bool(doc_id),
        title=str(getattr(meta, "documentTitle", "") or "") if meta is not None else "",
        language=str(getattr(meta, "language", "") or "") if meta is not None else None,
    )
    annotator = _annotator(cas, path, default_annotator)
    reader = _Reader(cas, path, data, schema, annotator)
    reader.read(doc, st)
    problems = reader.problems
    if (doc.spans or doc.relations or doc.doc_labels) and not annotator:
        problems.append(Problem(where, 0, "the CAS names no annotator; give one with --annotator"))
    if problems:
        return [], problems
    span_where, rel_where = reader.span_where, reader.rel_where
    return [
        Located(
            doc,
            where,
            span_at=lambda i: span_where[i],
            relation_at=lambda i: rel_where[i],
            label_at=lambda i: (0, f"document label {i + 1}"),
            left_out=reader.left_out,
        )
    ], []


def _has_feature(fs: Any, name: str) -> bool:
    return any(f.name in (name, accessor(name)) for f in fs.type.all_features)
