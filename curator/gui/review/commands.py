"""Review decisions as ``QUndoCommand``s: the first ``redo`` makes the decision through the curation
service and keeps what it changed in the gold layer (:class:`~curator.review.curation.GoldChange`);
``undo`` and later ``redo`` apply that change backwards and forwards through the same service, op by
op, version-checked. A decision or an undo the store refuses is shown, and the command is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from curator.review.curation import GoldChange

if TYPE_CHECKING:
    from .controller import ReviewController


class DecisionCommand(QUndoCommand):
    """One decision (accept, reject, accept and edit, remove from gold, accept all agreed)."""

    def __init__(self, controller: ReviewController, document_id: int, description: str, run: Callable[[], object]):
        super().__init__(description)
        self.controller = controller
        self.document_id = document_id
        self.run = run
        self.change: GoldChange | None = None
        self.error: str | None = None

    def redo(self) -> None:
        c = self.controller
        service = c.curation
        try:
            if self.change is None:
                before = service.gold_state(self.document_id)
                try:
                    self.run()
                finally:
                    # What did get written (nothing, for a refused decision) is what undo takes back.
                    self.change = GoldChange.between(before, service.gold_state(self.document_id))
            else:
                self.change = service.apply_change(self.change, "redo")
        except Exception as exc:  # a refused decision is shown, never fatal for the window
            self._refused(str(exc))
        else:
            c.decided(self.document_id)
        if self.change is not None and self.change.empty:
            self.setObsolete(True)  # nothing to undo
        c.after_decision(self.document_id)

    def undo(self) -> None:
        c = self.controller
        assert self.change is not None
        try:
            self.change = c.curation.apply_change(self.change.inverse(), "undo").inverse()
        except Exception as exc:
            self._refused(f"cannot undo {self.text()}: {exc}")
        c.after_decision(self.document_id)

    def _refused(self, message: str) -> None:
        self.error = message
        self.setObsolete(True)
        self.controller.failed.emit(message)
