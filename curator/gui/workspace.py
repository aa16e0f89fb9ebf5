"""One annotator at work on one database: the open document, the editing service and the undo stack.

Panels ask the workspace for edits (``add_span``, ``set_status``...); each becomes an undoable
command, is saved at once in its own transaction, and is reported with ``saved`` or ``refused``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from curator.errors import EditRefused
from curator.schema.model import Schema
from curator.schema.relabel import declared_attributes, kept_attributes
from curator.store import queries
from curator.store.conflict import Conflict
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.queries import RelationRecord, SpanRecord

from . import commands
from .open_document import OpenDocument


class Workspace(QObject):
    """The annotator's session on ``db``: edits go through here, as commands on ``undo_stack``."""

    saved = Signal(str)  # a line for the status bar: the edit is in the database
    refused = Signal(str)  # a line for the status bar: the edit was not saved, and why
    annotator_changed = Signal(str)
    document_touched = Signal(int)  # a document's counts or status changed (the list refreshes its row)
    conflicted = Signal(object)  # Conflict: a stale edit was refused; the curator chooses (curator.gui.conflicts)

    def __init__(self, db: Database, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.editor = Editor(db, annotator)
        self.doc = OpenDocument(db, self.editor.annotator, self)
        self.undo_stack = QUndoStack(self)
        self.last_error: str | None = None

    @property
    def annotator(self) -> str:
        return self.editor.annotator

    @property
    def schema(self) -> Schema:
        return self.db.schema

    def set_annotator(self, name: str) -> None:
        """Work as ``name`` from now on: their annotations, their statuses; the undo history is theirs
        alone, so it starts empty."""
        self.editor = Editor(self.db, name)
        self.undo_stack.clear()
        self.doc.annotator = self.editor.annotator
        self.doc.reload()
        self.annotator_changed.emit(self.editor.annotator)

    # -- called by commands -----------------------------------------------------------------------

    def show_document_of_edit(self, document_id: int) -> None:
        """Undo and redo bring the curator back to the document the edit belongs to."""
        if self.doc.id != document_id and not self.doc.open(document_id):
            raise EditRefused(f"document {document_id} no longer exists")
        # Every span must be known before an edit names one (their versions, their relations).
        self.doc.ensure_complete()

    def report_saved(self, what: str, document_id: int) -> None:
        self.saved.emit(self.tr("Saved {0} — {1}").format(f"{datetime.now():%H:%M:%S}", what))
        self.document_touched.emit(document_id)

    def report_refused(self, what: str, reason: str) -> None:
        self.last_error = reason
        self.refused.emit(self.tr("Not saved — {0}: {1}").format(what, reason))

    def report_conflict(self, conflict: Conflict, reason: str) -> None:
        """A stale edit: reported as refused now, and as a conflict once the undo stack is at rest
        (the choice may push a new edit, which must not happen inside the refused one)."""
        self.report_refused(conflict.what, reason)
        QTimer.singleShot(0, lambda: self.conflicted.emit(conflict))

    def stored_span(self, span_id: int, document_id: int, current: dict[str, Any] | None = None) -> SpanRecord | None:
        """The store's version of a span (``current`` when a refusal carried it), None if it is gone."""
        if current is not None:
            return SpanRecord(**current)
        return next((s for s in queries.spans(self.db, document_id, [self.annotator]) if s.id == span_id), None)

    # -- conflicts (curator.gui.conflicts) --------------------------------------------------------

    def show_stored_version(self, span_id: int, stored: SpanRecord | None) -> None:
        """Make the open document show the store's version of a span (a colleague's change)."""
        if stored is None:
            self.doc.apply_span_removed(span_id)
        elif span_id in self.doc.spans:
            self.doc.apply_span_changed(stored)
        else:
            self.doc.apply_span_added(stored)

    def reapply(self, stored: SpanRecord, what: str, changes: dict[str, Any]) -> bool:
        """Apply the curator's ``changes`` again, on top of the stored version (a new undoable edit)."""
        return self.push(commands.UpdateSpan(self, stored, self.tr("{0} (again)").format(what), **changes))

    def recreate(self, span: SpanRecord) -> bool:
        """Add again a span a colleague deleted, as the curator had it (a new undoable edit)."""
        command = commands.AddSpan(
            self, span.document_id, span.layer, span.label, span.start, span.end, span.attributes, span.note
        )
        return self.push(command)

    # -- edits ------------------------------------------------------------------------------------

    def push(self, command: commands.EditCommand) -> bool:
        """Run ``command`` (Qt calls its redo) and keep it for undo; False when the store refused it."""
        self.last_error = None
        self.undo_stack.push(command)
        return self.last_error is None

    def _doc_id(self) -> int:
        if self.doc.id is None:
            raise EditRefused("no document is open")
        return self.doc.id

    def add_span(
        self, layer: str, label: str, start: int, end: int, attributes: dict[str, Any] | None = None
    ) -> SpanRecord | None:
        """Add a span to the open document; the new span (now current), or None when refused."""
        command = commands.AddSpan(self, self._doc_id(), layer, label, start, end, attributes)
        return command.span if self.push(command) else None

    def add_spans(self, layer: str, label: str, ranges: list[tuple[int, int]]) -> bool:
        return bool(ranges) and self.push(commands.AddSpans(self, self._doc_id(), layer, label, ranges))

    def delete_span(self, span: SpanRecord) -> bool:
        return self.push(commands.DeleteSpan(self, span))

    def change_label(self, span: SpanRecord, layer: str, label: str) -> bool:
        if (span.layer, span.label) == (layer, label):
            return True
        # Attributes the new label does not have would make the store refuse the change.
        attributes = kept_attributes(span.attributes, declared_attributes(self.schema, layer, label))
        return self.push(
            commands.UpdateSpan(
                self,
                span,
                self.tr("relabel {0} → {1}").format(span.label, label),
                layer=layer,
                label=label,
                attributes=attributes,
            )
        )

    def set_attribute(self, span: SpanRecord, key: str, value: Any) -> bool:
        attributes = dict(span.attributes)
        if value in (None, ""):
            attributes.pop(key, None)
        else:
            attributes[key] = value
        if attributes == span.attributes:
            return True
        return self.push(
            commands.UpdateSpan(self, span, self.tr("set {0} of {1}").format(key, span.label), attributes=attributes)
        )

    def set_note(self, span: SpanRecord, note: str) -> bool:
        if note == span.note:
            return True
        return self.push(commands.UpdateSpan(self, span, self.tr("note on {0}").format(span.label), note=note))

    def add_relation(self, type_id: str, source: SpanRecord, target: SpanRecord) -> bool:
        return self.push(commands.AddRelation(self, source.document_id, type_id, source.id, target.id))

    def delete_relation(self, relation: RelationRecord) -> bool:
        return self.push(commands.DeleteRelation(self, relation))

    def set_document_label(self, layer: str, label: str, present: bool) -> bool:
        if ((layer, label) in self.doc.doc_labels) == present:
            return True
        return self.push(commands.SetDocumentLabel(self, self._doc_id(), layer, label, present))

    def set_status(self, status: str) -> bool:
        if status == self.doc.status:
            return True
        return self.push(commands.SetStatus(self, self._doc_id(), status))
