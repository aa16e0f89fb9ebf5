"""The document being annotated and this annotator's annotations on it, in step with the store.

Nothing here writes to the database: commands write through the editing service and then report
what changed with the ``apply_*`` methods; the views follow the signals. So every view shows what
the store holds, never an edit that was refused.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from curator.store import browse, queries
from curator.store.database import Database
from curator.store.queries import DocumentRecord, RelationRecord, SpanRecord
from curator.store.span_index import SpanIndex
from curator.text.utf16 import Utf16Offsets

# Spans starting in the first FIRST_STRETCH characters are read before the document is shown, the
# others right after the first paint: more than a screenful at any zoom, so a long document with
# thousands of spans appears at once, complete where the curator is looking.
FIRST_STRETCH = 20_000


class OpenDocument(QObject):
    """The open document (or none), its spans, relations, document labels and status for ``annotator``."""

    loaded = Signal()  # another document (or none) is open: views rebuild
    spans_extended = Signal()  # the spans after the first stretch have arrived
    span_added = Signal(object)  # SpanRecord
    span_removed = Signal(object)  # SpanRecord
    span_changed = Signal(object, object)  # before, after
    relations_changed = Signal()
    doc_labels_changed = Signal()
    status_changed = Signal(str)
    current_span_changed = Signal(object)  # SpanRecord | None

    def __init__(self, db: Database, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.annotator = annotator
        self.document: DocumentRecord | None = None
        self.offsets = Utf16Offsets("")
        self.spans = SpanIndex()
        self.relations: dict[int, RelationRecord] = {}
        self.doc_labels: set[tuple[str, str]] = set()
        self.status = "new"
        self.current_span: SpanRecord | None = None
        self._generation = 0  # which open() a late span load belongs to
        self.complete = True  # every span of the document has been read

    @property
    def id(self) -> int | None:
        return self.document.id if self.document else None

    @property
    def text(self) -> str:
        return self.document.text if self.document else ""

    # -- loading ----------------------------------------------------------------------------------

    def open(self, document_id: int) -> bool:
        """Load a document with this annotator's work on it; False when it no longer exists."""
        document = queries.document(self.db, document_id)
        if document is None:
            return False
        self.document = document
        self.offsets = Utf16Offsets(document.text)
        self._generation += 1
        rest = len(document.text) > FIRST_STRETCH
        self.spans = SpanIndex(
            browse.document_spans(self.db, document_id, self.annotator, start_before=FIRST_STRETCH if rest else None)
        )
        self._load_rest()
        self.current_span = None
        self.complete = not rest
        self.loaded.emit()
        if rest:
            generation = self._generation
            QTimer.singleShot(0, lambda: self._load_remaining_spans(generation))
        return True

    def _load_remaining_spans(self, generation: int) -> None:
        if generation != self._generation or self.document is None or self.complete:
            return  # another document was opened meanwhile, or this one is complete already
        self.spans.extend(browse.document_spans(self.db, self.document.id, self.annotator, start_from=FIRST_STRETCH))
        self.complete = True
        self.spans_extended.emit()

    def ensure_complete(self) -> None:
        """Read the spans not read yet now (for code that needs all of them before the event loop runs)."""
        self._load_remaining_spans(self._generation)

    def close(self) -> None:
        self._generation += 1
        self.document, self.offsets, self.spans = None, Utf16Offsets(""), SpanIndex()
        self.relations, self.doc_labels, self.status, self.current_span = {}, set(), "new", None
        self.loaded.emit()

    def reload(self) -> None:
        """Read everything again (after another annotator was chosen, or to see colleagues' changes)."""
        if self.document is not None:
            self.open(self.document.id)

    def sync_from_store(self) -> bool:
        """Bring the open document in step with the store after colleagues' changes, span by span
        (the view, the current span and the undo history stay); True if anything differed.

        Reads only: following a colleague's work never writes (see :mod:`curator.gui.live_updates`).
        """
        if self.document is None:
            return False
        document_id = self.document.id
        if queries.document(self.db, document_id) is None:
            self.close()
            return True
        self.ensure_complete()
        stored = {span.id: span for span in browse.document_spans(self.db, document_id, self.annotator)}
        changed = False
        for span_id in [span.id for span in self.spans if span.id not in stored]:
            self.apply_span_removed(span_id)
            changed = True
        for span in stored.values():
            mine = self.spans.get(span.id)
            if mine is None:
                self.apply_span_added(span)
                changed = True
            elif mine != span:
                self.apply_span_changed(span)
                changed = True
        relations = {r.id: r for r in queries.relations(self.db, document_id, [self.annotator])}
        if relations != self.relations:
            self.relations = relations
            self.relations_changed.emit()
            changed = True
        labels = {(lay, lab) for _, lay, lab in queries.document_labels(self.db, document_id, [self.annotator])}
        if labels != self.doc_labels:
            self.doc_labels = labels
            self.doc_labels_changed.emit()
            changed = True
        row = browse.document_row(self.db, self.annotator, document_id)
        status = row.status if row else "new"
        if status != self.status:
            self.apply_status(status)
            changed = True
        return changed

    def _load_rest(self) -> None:
        assert self.document is not None
        doc_id = self.document.id
        self.relations = {r.id: r for r in queries.relations(self.db, doc_id, [self.annotator])}
        self.doc_labels = {(lay, lab) for _, lay, lab in queries.document_labels(self.db, doc_id, [self.annotator])}
        row = browse.document_row(self.db, self.annotator, doc_id)
        self.status = row.status if row else "new"

    # -- what commands report ---------------------------------------------------------------------

    def apply_span_added(self, span: SpanRecord) -> None:
        if span.document_id != self.id:
            return
        self.spans.add(span)
        self.span_added.emit(span)

    def apply_span_removed(self, span_id: int) -> None:
        span = self.spans.remove(span_id)
        if span is None:
            return
        dropped = [r.id for r in self.relations.values() if span_id in (r.source_id, r.target_id)]
        for relation_id in dropped:
            del self.relations[relation_id]
        if self.current_span is not None and self.current_span.id == span_id:
            self.set_current_span(None)
        self.span_removed.emit(span)
        if dropped:
            self.relations_changed.emit()

    def apply_span_changed(self, span: SpanRecord) -> None:
        before = self.spans.get(span.id)
        if before is None:
            return
        self.spans.add(span)
        if self.current_span is not None and self.current_span.id == span.id:
            self.current_span = span
        self.span_changed.emit(before, span)

    def apply_relations(self) -> None:
        """Read the relations again (after a relation edit, or a span restored with its relations)."""
        if self.document is not None:
            self.relations = {r.id: r for r in queries.relations(self.db, self.document.id, [self.annotator])}
            self.relations_changed.emit()

    def apply_doc_label(self, layer: str, label: str, present: bool) -> None:
        if present:
            self.doc_labels.add((layer, label))
        else:
            self.doc_labels.discard((layer, label))
        self.doc_labels_changed.emit()

    def apply_status(self, status: str) -> None:
        self.status = status
        self.status_changed.emit(status)

    # -- the span the curator is working on -------------------------------------------------------

    def set_current_span(self, span: SpanRecord | None) -> None:
        if span is not None and span.id not in self.spans:
            span = None
        self.current_span = span
        self.current_span_changed.emit(span)

    def relations_of(self, span_id: int) -> list[RelationRecord]:
        return [r for r in self.relations.values() if span_id in (r.source_id, r.target_id)]

    def span_text(self, span: SpanRecord) -> str:
        """The stored text of a span: what every view shows for it."""
        return self.text[span.start : span.end]
