"""A schema change as an undoable command: ``redo`` runs the core operation (one transaction, every
annotation it moves included), ``undo`` applies the inverse of the change it returned
(:meth:`curator.store.schema_changes.SchemaEditor.undo`), so one undo puts back every span.

A refused change (bad input, a login that is not a manager, a colleague's edit since) marks the
command obsolete, so Qt drops it from the stack, and the reason is reported.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from curator.errors import EditRefused
from curator.store.schema_changes import SchemaChange, SchemaEditor

from .commands import undoing_text


class SchemaCommand(QUndoCommand):
    """``operation`` (a call of ``editor``) made undoable; ``applied`` is told of every change made,
    forward or back, so the window repaints; ``refused(what, reason)`` of every refusal."""

    def __init__(
        self,
        editor: SchemaEditor,
        operation: Callable[[], SchemaChange],
        description: str,
        applied: Callable[[SchemaChange], None],
        refused: Callable[[str, str], None],
    ) -> None:
        super().__init__(description)
        self.editor = editor
        self.operation = operation
        self.applied = applied
        self.refused = refused
        self.change: SchemaChange | None = None
        self.refusal: str | None = None

    def redo(self) -> None:
        try:
            self.change = self.operation()
        except EditRefused as exc:
            self._refuse(self.text(), str(exc))
            return
        self.applied(self.change)

    def undo(self) -> None:
        if self.change is None:
            return
        try:
            inverse = self.editor.undo(self.change)
        except EditRefused as exc:
            self._refuse(undoing_text(self.text()), str(exc))
            return
        self.change = None
        self.applied(inverse)

    def _refuse(self, what: str, reason: str) -> None:
        self.refusal = reason
        self.setObsolete(True)
        self.refused(what, reason)
