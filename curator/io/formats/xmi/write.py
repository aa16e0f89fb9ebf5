"""The ``xmi`` export format: UIMA CAS XMI through dkpro-cassis, laid out as INCEpTION exports it:
``TypeSystem.xml`` at the top and ``<document>/<annotator>.xmi`` (``INITIAL_CAS.xmi`` for a document
nobody in the selection annotated). See :mod:`curator.io.formats.xmi.type_system` for the types.

Every CAS of a document has the same DKPro ``Sentence`` and ``Token`` annotations: the tokens of
:func:`curator.io.tokens.tokenize` split at every span boundary of the document (all annotators'),
so INCEpTION finds each span on token boundaries, and sentences that never cut a span.
"""

from __future__ import annotations

from typing import Any

from curator.optional_libs import MissingLibrary

try:
    from cassis import Cas  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("xmi", "dkpro-cassis") from exc

from curator.io.exporting import ExportRun
from curator.io.formats.xmi.type_system import (
    CAS_METADATA,
    DOCUMENT_META,
    FS_ARRAY,
    NOTE,
    SENTENCE,
    STRING_ARRAY,
    TOKEN,
    Segments,
    XmiTypes,
    accessor,
    build_types,
)
from curator.io.formats.xmi.xmi_writer import XmiWriter
from curator.io.label_names import ner_layer
from curator.io.safe_names import NameAllocator, inside
from curator.io.selection import AnnotatorView
from curator.io.tokens import SPACE, sentence_starts, tokenize
from curator.store.entities import Registry

TYPESYSTEM_FILE = "TypeSystem.xml"
INITIAL_CAS = "INITIAL_CAS"


def segments_of(text: str, spans: list[tuple[int, int]]) -> Segments:
    """The sentences and tokens of ``text``: tokens split at every span boundary (white space and
    invisible characters are no tokens), sentences that hold every span whole."""
    tokens = tokenize(text, {a for a, _ in spans} | {b for _, b in spans}, force=True).tokens
    starts = sentence_starts(tokens, text, spans)
    sentences: list[tuple[int, int]] = []
    for first, after in zip(starts, [*starts[1:], len(tokens)], strict=True):
        visible = [t for t in tokens[first:after] if t.kind != SPACE]
        if visible:
            sentences.append((visible[0].start, visible[-1].end))
    return Segments(sentences, [(t.start, t.end) for t in tokens if t.kind != SPACE])


def view_to_cas(view: AnnotatorView, types: XmiTypes, segments: Segments | None = None) -> Any:
    """One CAS holding ``view``'s text and annotations.

    The export writes the same bytes with :class:`curator.io.formats.xmi.xmi_writer.XmiWriter`, without
    building the CAS; this is the reference the tests compare it with."""
    ts = types.typesystem
    d = view.document
    cas = Cas(typesystem=ts)
    cas.sofa_string = d.text
    cas.sofa_mime = "text"
    cas.add(
        ts.get_type(DOCUMENT_META)(
            begin=0, end=len(d.text), language=d.language, documentId=d.ext_id, documentTitle=d.title
        )
    )
    if view.annotator:
        cas.add(ts.get_type(CAS_METADATA)(username=view.annotator))
    if segments is not None:
        for kind, pieces in ((SENTENCE, segments.sentences), (TOKEN, segments.tokens)):
            make = ts.get_type(kind)
            for a, b in pieces:
                cas.add(make(begin=a, end=b))
    annotations: dict[int, Any] = {}
    for s in view.spans:
        t = ts.get_type(types.span_types[s.layer])
        fs = t(begin=s.start, end=s.end)
        fs.set(types.label_features[s.layer], s.label)
        if s.note:
            fs.set(NOTE, s.note)
        for key, value in s.attributes.items():
            if value is None:
                continue
            feature = types.feature_of(s.layer, key)
            if (s.layer, key) in types.attribute_lists:
                values = value if isinstance(value, list) else [value]
                fs.set(feature, ts.get_type(STRING_ARRAY)(elements=[str(v) for v in values]))
            else:
                fs.set(accessor(feature), str(value))
        cas.add(fs)
        annotations[s.id] = fs
    linked: dict[tuple[int, str], list[Any]] = {}
    for r in view.relations:
        linked.setdefault((r.source_id, r.type), []).append(annotations[r.target_id])
    for (source_id, rel_type), targets in linked.items():
        if rel_type in types.relation_arrays:
            annotations[source_id].set(rel_type, ts.get_type(FS_ARRAY)(elements=targets))
        else:
            annotations[source_id].set(rel_type, targets[0])
    for layer, label in view.doc_labels:
        cas.add(ts.get_type(types.doc_label_types[layer])(label=label))
    return cas


def write_xmi(run: ExportRun) -> int:
    """Write the type system, one XMI per document and annotator, and README.md; return the number of
    documents."""
    db = run.db
    types = build_types(db.schema, ner_layer(db.schema))
    writer = XmiWriter(types)
    folders = NameAllocator([TYPESYSTEM_FILE, "README.md"], fallback="document")
    documents = cases = 0
    root = run.target
    registry = Registry(db, "export")
    types.typesystem.to_xml(root / TYPESYSTEM_FILE)
    for bundle, views in run.views():
        folder = inside(root, folders.name(bundle.document.ext_id))
        folder.mkdir()
        names = NameAllocator([INITIAL_CAS], fallback="annotator")
        segments = segments_of(bundle.document.text, [(s.start, s.end) for s in bundle.spans])
        links = {span: key for span, (key, _) in registry.linked_names(bundle.document.id, "").items()}
        for view in views:
            name = INITIAL_CAS if view.annotator is None else names.name(view.annotator)
            writer.write(view, inside(folder, name + ".xmi"), segments, links)
            run.figures.add_view(view)
            cases += 1
        documents += 1
    run.finish_views()
    run.write_card(
        description=f"UIMA CAS XMI 2.0, {cases} CASes (one per document and annotator, INCEpTION's layout); "
        "offsets in the files are UTF-16 code units as UIMA counts them (dkpro-cassis converts); "
        "entities are DKPro NamedEntity, other layers webanno.custom types, relations are features "
        "of the source annotation, the annotator is CASMetadata.username; DKPro Sentence and Token "
        "annotations, tokens split at every span boundary",
        files=[TYPESYSTEM_FILE, "<document>/<annotator>.xmi"],
    )
    return documents
