"""What an export holds: the chosen documents, annotators and layers, and per-annotator views.

Several formats hold one annotator's work per document (a spaCy ``Doc``, a CAS, a brat folder, a BIO
column): :func:`annotator_views` cuts a document's annotations into those views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from curator.store import queries
from curator.store.database import Database
from curator.store.queries import DocumentBundle, DocumentRecord, RelationRecord, SpanRecord

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Selection:
    """Documents (all when None), annotators (all when None) and layers (all when None) to export."""

    annotators: list[str] | None = None
    document_ids: list[int] | None = None
    layers: list[str] | None = None


def only_layers(bundle: DocumentBundle, layers: list[str] | None) -> DocumentBundle:
    """The bundle with only the spans and document labels of ``layers``, and the relations between
    spans that are kept."""
    if layers is None:
        return bundle
    wanted = set(layers)
    spans = [s for s in bundle.spans if s.layer in wanted]
    kept = {s.id for s in spans}
    return DocumentBundle(
        document=bundle.document,
        spans=spans,
        relations=[r for r in bundle.relations if r.source_id in kept and r.target_id in kept],
        doc_labels=[lab for lab in bundle.doc_labels if lab[1] in wanted],
    )


def selected_bundles(db: Database, selection: Selection, progress: Progress | None = None) -> Iterator[DocumentBundle]:
    """The selected documents in id order, with the selected annotations; ``progress(1)`` per document
    (it may raise to cancel the export)."""
    for bundle in queries.iter_bundles(db, selection.annotators, selection.document_ids):
        if progress:
            progress(1)
        yield only_layers(bundle, selection.layers)


@dataclass
class AnnotatorView:
    """One annotator's annotations of one document; ``annotator`` is None for a document nobody in
    the selection annotated (exported as text only)."""

    document: DocumentRecord
    annotator: str | None
    spans: list[SpanRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    doc_labels: list[tuple[str, str]] = field(default_factory=list)  # (layer, label)


def finished_documents(db: Database, annotators: list[str] | None) -> dict[str, set[int]]:
    """Per annotator, the documents they marked done (a view exists for them even when empty)."""
    names = annotators if annotators is not None else db.annotator_names()
    return {name: {doc for doc, status in queries.statuses(db, name).items() if status == "done"} for name in names}


def annotator_views(bundle: DocumentBundle, finished: dict[str, set[int]]) -> tuple[list[AnnotatorView], int]:
    """The bundle cut by annotator, in name order, and how many relations were left out because their
    two ends belong to different annotators' views.

    An annotator gets a view of a document when they annotated something in it or marked it done (an
    empty view then says "nothing to annotate here", a useful negative example). A document with no
    view at all gets one text-only view, so the dataset still lists every selected document.
    """
    doc = bundle.document
    names = (
        {s.annotator for s in bundle.spans}
        | {r.annotator for r in bundle.relations}
        | {a for a, _, _ in bundle.doc_labels}
        | {name for name, docs in finished.items() if doc.id in docs}
    )
    views = {name: AnnotatorView(doc, name) for name in sorted(names)}
    owner: dict[int, str] = {}
    for s in bundle.spans:
        views[s.annotator].spans.append(s)
        owner[s.id] = s.annotator
    dropped = 0
    for r in bundle.relations:
        # A relation lives with its source; its target must be in the same view to be written there.
        source_owner = owner.get(r.source_id)
        if source_owner is None or owner.get(r.target_id) != source_owner:
            dropped += 1
            continue
        views[source_owner].relations.append(r)
    for annotator, layer, label in bundle.doc_labels:
        views[annotator].doc_labels.append((layer, label))
    if not views:
        return [AnnotatorView(doc, None)], dropped
    return list(views.values()), dropped
