"""Every edit of the window as a ``QUndoCommand``: ``redo``/``undo`` call the editing service (one
transaction each) and report the change to the open document; they never touch a widget.

An edit the store refuses (a colleague changed the annotation, the document is gone, a rule is
broken) marks the command obsolete, so Qt drops it from the stack, and the reason is shown. When the
refusal is a stale edit of one span, the command also describes the conflict (both versions) for
:mod:`curator.gui.conflicts`, which lets the curator choose.
Commands edit through an :class:`EditHost` (the workspace, which imports this module), so this
module does not import the workspace back.
Span ids survive undo and redo: undoing an addition deletes the span, redoing it restores the same
span (same id) with ``Editor.restore_span``, so later commands that name the span still apply.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from curator.errors import EditRefused, StaleEdit
from curator.schema.model import Schema
from curator.schema.relabel import declared_attributes
from curator.store.conflict import Conflict
from curator.store.editing import DeletedSpan, Editor
from curator.store.queries import RelationRecord, SpanRecord
from curator.text.invisible import one_line

from .open_document import OpenDocument
from .shown_names import status_name


class EditHost(Protocol):
    """What a command edits through and reports to: :class:`curator.gui.workspace.Workspace`."""

    @property
    def schema(self) -> Schema: ...

    @property
    def editor(self) -> Editor: ...

    @property
    def doc(self) -> OpenDocument: ...

    def show_document_of_edit(self, document_id: int) -> None: ...

    def report_saved(self, what: str, document_id: int) -> None: ...

    def report_refused(self, what: str, reason: str) -> None: ...

    def report_conflict(self, conflict: Conflict, reason: str) -> None: ...

    def stored_span(
        self, span_id: int, document_id: int, current: dict[str, Any] | None = None
    ) -> SpanRecord | None: ...


def undoing_text(description: str) -> str:
    """What the save state says of an undo: "undo add LOC …", in the interface language."""
    return QCoreApplication.translate("EditCommand", "undo {0}").format(description)


class EditCommand(QUndoCommand):
    """Base: runs ``do``/``undo_edit`` for ``document_id``, reports success or the refusal."""

    def __init__(self, workspace: EditHost, document_id: int, description: str) -> None:
        super().__init__(description)
        self.workspace = workspace
        self.document_id = document_id

    def redo(self) -> None:
        self._run(self.do, self.text(), undoing=False)

    def undo(self) -> None:
        self._run(self.undo_edit, undoing_text(self.text()), undoing=True)

    def _run(self, action: Any, what: str, undoing: bool) -> None:
        self._seen: SpanRecord | None = None
        try:
            self.workspace.show_document_of_edit(self.document_id)
            action()
        except StaleEdit as exc:
            self.setObsolete(True)
            wanted = self.wanted(undoing)
            if self._seen is None or wanted is False:
                self.workspace.report_refused(what, str(exc))
                return
            theirs = self.workspace.stored_span(self._seen.id, self.document_id, exc.current)
            if wanted is None and theirs is None:
                # Deleted on both sides: nothing to choose between.
                self.workspace.doc.apply_span_removed(self._seen.id)
                self.workspace.report_refused(what, "a colleague had already deleted it")
                return
            allowed = None
            if wanted is not None and "label" in wanted:
                layer = wanted.get("layer", self._seen.layer)
                allowed = declared_attributes(self.workspace.schema, layer, wanted["label"])
            conflict = Conflict(what, self.document_id, self._seen, wanted, theirs, allowed)
            self.workspace.report_conflict(conflict, str(exc))
            return
        except EditRefused as exc:
            self.setObsolete(True)
            self.workspace.report_refused(what, str(exc))
            return
        self.workspace.report_saved(what, self.document_id)

    def seen(self, span_id: int) -> SpanRecord | None:
        """The open document's version of a span, remembered as the one this edit is made against."""
        self._seen = self.workspace.doc.spans.get(span_id)
        return self._seen

    def wanted(self, undoing: bool) -> dict[str, Any] | bool | None:
        """What this edit wanted the span it names to become: field values, None for a deletion, or
        False when a stale refusal is not a conflict of one span (then it is only reported)."""
        return False

    def do(self) -> None:
        raise NotImplementedError

    def undo_edit(self) -> None:
        raise NotImplementedError


def _span_words(span: SpanRecord | None, text: str) -> str:
    if span is None:
        return ""
    return f"{span.label} “{one_line(text[span.start : span.end])}”"


class AddSpan(EditCommand):
    def __init__(
        self,
        workspace: EditHost,
        document_id: int,
        layer: str,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any] | None = None,
        note: str = "",
    ) -> None:
        text = workspace.doc.text
        words = text[start:end] if workspace.doc.id == document_id else ""
        super().__init__(
            workspace,
            document_id,
            QCoreApplication.translate("EditCommand", "add {0} “{1}”").format(label, one_line(words)),
        )
        self.args = (layer, label, start, end, dict(attributes or {}))
        self.note = note
        self.span: SpanRecord | None = None
        self.deleted: DeletedSpan | None = None

    def do(self) -> None:
        editor, doc = self.workspace.editor, self.workspace.doc
        if self.deleted is None:
            layer, label, start, end, attributes = self.args
            self.span = editor.add_span(self.document_id, layer, label, start, end, attributes, self.note)
        else:
            self.span = editor.restore_span(self.deleted)
        doc.apply_span_added(self.span)
        doc.set_current_span(self.span)

    def undo_edit(self) -> None:
        assert self.span is not None
        current = self.seen(self.span.id)
        self.deleted = self.workspace.editor.delete_span(self.span.id, current.version if current else None)
        self.workspace.doc.apply_span_removed(self.span.id)

    def wanted(self, undoing: bool) -> dict[str, Any] | bool | None:
        return None if undoing else False


class AddSpans(EditCommand):
    """Several spans as one step ("annotate all occurrences"): one undo removes them all."""

    def __init__(
        self, workspace: EditHost, document_id: int, layer: str, label: str, ranges: list[tuple[int, int]]
    ) -> None:
        super().__init__(
            workspace,
            document_id,
            QCoreApplication.translate("EditCommand", "add {0} × {1}").format(len(ranges), label),
        )
        self.layer, self.label, self.ranges = layer, label, list(ranges)
        self.added: list[SpanRecord] = []
        self.deleted: list[DeletedSpan] = []

    def do(self) -> None:
        editor, doc = self.workspace.editor, self.workspace.doc
        if self.deleted:
            self.added = editor.restore_spans(self.deleted)
            for span in self.added:
                doc.apply_span_added(span)
            return
        # Each span is its own transaction: one refused occurrence must not lose the others, and the
        # ones saved are exactly the ones this command will remove again on undo.
        self.added, refused = [], []
        for start, end in self.ranges:
            try:
                span = editor.add_span(self.document_id, self.layer, self.label, start, end)
            except EditRefused as exc:
                refused.append(str(exc))
                continue
            self.added.append(span)
            doc.apply_span_added(span)
        if not self.added:
            raise EditRefused(refused[0] if refused else "nothing to add")
        if refused:
            self.setText(
                QCoreApplication.translate("EditCommand", "add {0} × {1} ({2} refused: {3})").format(
                    len(self.added), self.label, len(refused), refused[0]
                )
            )

    def undo_edit(self) -> None:
        # One version-checked transaction: if a colleague changed any of them, none is removed (and
        # the refusal says so) rather than leaving the undo half done.
        editor, doc = self.workspace.editor, self.workspace.doc
        current = [doc.spans.get(span.id) or span for span in self.added]
        self.deleted = editor.delete_spans([(span.id, span.version) for span in current])
        for span in current:
            doc.apply_span_removed(span.id)


class DeleteSpan(EditCommand):
    def __init__(self, workspace: EditHost, span: SpanRecord) -> None:
        super().__init__(
            workspace,
            span.document_id,
            QCoreApplication.translate("EditCommand", "delete {0}").format(_span_words(span, workspace.doc.text)),
        )
        self.span_id = span.id
        self.deleted: DeletedSpan | None = None

    def do(self) -> None:
        doc = self.workspace.doc
        current = self.seen(self.span_id)
        self.deleted = self.workspace.editor.delete_span(self.span_id, current.version if current else None)
        doc.apply_span_removed(self.span_id)

    def wanted(self, undoing: bool) -> dict[str, Any] | bool | None:
        return False if undoing else None

    def undo_edit(self) -> None:
        assert self.deleted is not None
        doc = self.workspace.doc
        span = self.workspace.editor.restore_span(self.deleted)
        doc.apply_span_added(span)
        if self.deleted.relations:
            doc.apply_relations()
        doc.set_current_span(span)


class UpdateSpan(EditCommand):
    """Change a span's label, attributes or note; undo puts the previous values back."""

    def __init__(self, workspace: EditHost, span: SpanRecord, description: str, **changes: Any) -> None:
        super().__init__(workspace, span.document_id, description)
        self.span_id = span.id
        self.after = changes
        self.before = {key: getattr(span, key) for key in changes}

    def _apply(self, values: dict[str, Any]) -> None:
        doc = self.workspace.doc
        current = self.seen(self.span_id)
        if current is None:
            raise EditRefused("this annotation is no longer in the open document")
        span = self.workspace.editor.update_span(self.span_id, current.version, **values)
        doc.apply_span_changed(span)

    def do(self) -> None:
        self._apply(self.after)

    def undo_edit(self) -> None:
        self._apply(self.before)

    def wanted(self, undoing: bool) -> dict[str, Any] | bool | None:
        return dict(self.before if undoing else self.after)


class AddRelation(EditCommand):
    """A relation is named by (type, source, target): its row id changes when undo and redo recreate it."""

    def __init__(self, workspace: EditHost, document_id: int, type_id: str, source_id: int, target_id: int) -> None:
        super().__init__(workspace, document_id, QCoreApplication.translate("EditCommand", "link {0}").format(type_id))
        self.key = (type_id, source_id, target_id)

    def do(self) -> None:
        self.workspace.editor.add_relation(*self.key)
        self.workspace.doc.apply_relations()

    def undo_edit(self) -> None:
        _delete_relation(self.workspace, self.key)


class DeleteRelation(EditCommand):
    def __init__(self, workspace: EditHost, relation: RelationRecord) -> None:
        super().__init__(
            workspace,
            relation.document_id,
            QCoreApplication.translate("EditCommand", "remove {0} link").format(relation.type),
        )
        self.key = (relation.type, relation.source_id, relation.target_id)

    def do(self) -> None:
        _delete_relation(self.workspace, self.key)

    def undo_edit(self) -> None:
        self.workspace.editor.add_relation(*self.key)
        self.workspace.doc.apply_relations()


def _delete_relation(workspace: EditHost, key: tuple[str, int, int]) -> None:
    doc = workspace.doc
    for relation in doc.relations.values():
        if (relation.type, relation.source_id, relation.target_id) == key:
            workspace.editor.delete_relation(relation.id)
            doc.apply_relations()
            return
    raise EditRefused("that link no longer exists")


class SetDocumentLabel(EditCommand):
    def __init__(self, workspace: EditHost, document_id: int, layer: str, label: str, present: bool) -> None:
        super().__init__(
            workspace,
            document_id,
            (
                QCoreApplication.translate("EditCommand", "tick {0}")
                if present
                else QCoreApplication.translate("EditCommand", "untick {0}")
            ).format(label),
        )
        self.layer, self.label, self.present = layer, label, present

    def _set(self, present: bool) -> None:
        self.workspace.editor.set_document_label(self.document_id, self.layer, self.label, present)
        self.workspace.doc.apply_doc_label(self.layer, self.label, present)

    def do(self) -> None:
        self._set(self.present)

    def undo_edit(self) -> None:
        self._set(not self.present)


class SetStatus(EditCommand):
    def __init__(self, workspace: EditHost, document_id: int, status: str) -> None:
        super().__init__(
            workspace,
            document_id,
            QCoreApplication.translate("EditCommand", "mark {0}").format(status_name(status).lower()),
        )
        self.status = status
        self.previous: str | None = None

    def do(self) -> None:
        self.previous = self.workspace.editor.set_status(self.document_id, self.status)
        self.workspace.doc.apply_status(self.status)

    def undo_edit(self) -> None:
        assert self.previous is not None
        self.workspace.editor.set_status(self.document_id, self.previous)
        self.workspace.doc.apply_status(self.previous)
