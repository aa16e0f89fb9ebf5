"""Read UIMA CAS XMI (an INCEpTION export, or Curator's) as pre-annotations, through dkpro-cassis.

The XMI is hostile until proven otherwise: the file size is checked first (over :data:`MAX_BYTES`
it is refused; cassis would need ``trusted=True``, which lifts lxml's limits), a DOCTYPE or ENTITY
declaration is refused before any parsing (UIMA XMI never has one; it is how XXE and billion-laughs
attacks come), and lxml >= 6.1 (required by the ``formats`` extra) refuses external entities and
stops entity expansion anyway.

The type system is ``TypeSystem.xml`` (or ``typesystem.xml``) in the XMI's folder or one of the two
above it. Types are read as :mod:`curator.io.xmi_types` lays them out; other types (tokens,
sentences, INCEpTION internals) are ignored. The annotator is ``CASMetadata.username`` in the file,
else ``--annotator``, else the file name (INCEpTION names user CASes after the user).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.io.optional_libs import MissingLibrary

try:
    import lxml  # type: ignore[import-untyped, unused-ignore]
    from cassis import load_cas_from_xmi, load_typesystem  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("xmi", "dkpro-cassis") from exc

# Older lxml read local files through external entities (seen with 4.9): refuse to parse with it.
if tuple(int(part) for part in lxml.__version__.split(".")[:2]) < (6, 1):  # pragma: no cover
    raise MissingLibrary("xmi", f"lxml >= 6.1 (found {lxml.__version__})")

from curator.io.export_xmi import INITIAL_CAS
from curator.io.label_names import ner_layer
from curator.io.records import DocLabelIn, RelationIn, SpanIn
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located
from curator.io.xmi_types import CAS_METADATA, DOCUMENT_META, NOTE, accessor, build_types
from curator.schema.model import Schema

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


def _to_document(
    cas: Any, path: Path, data: bytes, schema: Schema, default_annotator: str | None
) -> tuple[list[Located], list[Problem]]:
    where = str(path)
    raw = cas.sofa_string or ""
    if not raw.strip():
        return [], [Problem(where, 0, "the CAS has no text")]
    types = build_types(schema, ner_layer(schema))
    lines = _line_of_ids(data)
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
    problems: list[Problem] = []
    refs = f"{where}#"
    span_where: list[tuple[int, str]] = []
    rel_where: list[tuple[int, str]] = []
    by_layer = {
        layer: cas.select(name) for layer, name in types.span_types.items() if cas.typesystem.contains_type(name)
    }
    for layer_id, found in by_layer.items():
        layer = schema.layer(layer_id)
        assert layer is not None
        attribute_ids = {a.id for lab in layer.labels for a in lab.attributes}
        for fs in found:
            # select() also returns subtypes; only this exact type is this layer
            if fs.type.name != types.span_types[layer_id]:
                continue
            name = f"xmi:id {fs.xmiID} ({fs.type.name.rsplit('.', 1)[-1]} {fs.begin}-{fs.end})"
            line = lines.get(fs.xmiID, 0)
            label = fs.get(types.label_features[layer_id])
            if not label:
                problems.append(Problem(where, line, f"{name}: no label"))
                continue
            attributes: dict[str, Any] = {}
            for key in sorted(attribute_ids):
                if not _has_feature(fs, key):
                    continue
                value = fs.get(accessor(key))
                if value is None:
                    continue
                if hasattr(value, "elements"):
                    # a label attribute is a string array; one label reads back as the plain label
                    items = [str(v) for v in value.elements]
                    attributes[key] = items[0] if len(items) == 1 else items
                else:
                    attributes[key] = value
            note = fs.get(NOTE) if _has_feature(fs, NOTE) else None
            doc.spans.append(
                SpanIn(
                    layer=layer_id,
                    label=str(label),
                    start=st.offset(fs.begin),
                    end=st.offset(fs.end),
                    annotator=annotator or "",
                    attributes=attributes,
                    note=str(note or ""),
                    ref=f"{refs}{fs.xmiID}",
                )
            )
            span_where.append((line, name))
            for rel in schema.relations:
                if rel.source.layer != layer_id or not _has_feature(fs, rel.id):
                    continue
                value = fs.get(rel.id)
                targets = [] if value is None else list(value.elements) if hasattr(value, "elements") else [value]
                for target in targets:
                    doc.relations.append(
                        RelationIn(rel.id, f"{refs}{fs.xmiID}", f"{refs}{target.xmiID}", annotator or "")
                    )
                    rel_where.append((line, f"{name}, {rel.id} → xmi:id {target.xmiID}"))
    for layer_id, type_name in types.doc_label_types.items():
        if cas.typesystem.contains_type(type_name):
            for fs in cas.select(type_name):
                doc.doc_labels.append(DocLabelIn(layer_id, str(fs.get("label") or ""), annotator or ""))
    if (doc.spans or doc.relations or doc.doc_labels) and not annotator:
        problems.append(Problem(where, 0, "the CAS names no annotator; give one with --annotator"))
    if problems:
        return [], problems
    return [
        Located(
            doc,
            where,
            span_at=lambda i: span_where[i],
            relation_at=lambda i: rel_where[i],
            label_at=lambda i: (0, f"document label {i + 1}"),
        )
    ], []


def _has_feature(fs: Any, name: str) -> bool:
    return any(f.name in (name, accessor(name)) for f in fs.type.all_features)
