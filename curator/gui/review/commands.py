"""The review window's edits as ``QUndoCommand``s: decisions, review states and comments.

A command's first ``redo`` calls one core operation (one transaction) and keeps what it returned;
``undo`` and later ``redo`` apply that, backwards and forwards, through the core again. For a
decision that is the :class:`~curator.review.gold_change.GoldChange` the decision reported from its
own transaction, so a colleague's change to another gold span is never part of an undo. An edit or
an undo the store refuses is reported through ``refused`` and the command is dropped.

Commands know the core and two callbacks, never the controller that makes them. The comment
commands are shared with the annotation window (:mod:`curator.gui.comment_commands`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from curator.gui.comment_commands import CommentCommand, Refused, ReportedCommand, Shown
from curator.gui.shown_names import review_state_name
from curator.review.curation import CurationService
from curator.review.gold_change import GoldChange
from curator.review.service import ReviewService
from curator.review.states import REVIEW_STATES_LABELS


class DecisionCommand(ReportedCommand):
    """One decision (accept, reject, accept and edit, remove from gold, accept all agreed)."""

    def __init__(
        self,
        curation: CurationService,
        document_id: int,
        description: str,
        decide: Callable[[], GoldChange],
        shown: Shown,
        refused: Refused,
    ) -> None:
        super().__init__(description, document_id, shown, refused)
        self.curation = curation
        self.decide = decide
        self.change: GoldChange | None = None

    def redo(self) -> None:
        try:
            if self.change is None:
                self.change = self.decide()  # refused: nothing was written, nothing to undo
            else:
                self.change = self.curation.apply_change(self.change, "redo")
        except Exception as exc:  # a refused decision is shown, never fatal for the window
            self._refuse(str(exc))
        if self.change is not None and self.change.empty:
            self.setObsolete(True)
        self.shown(self.document_id)

    def undo(self) -> None:
        assert self.change is not None
        try:
            self.change = self.curation.apply_change(self.change.inverse(), "undo").inverse()
        except Exception as exc:
            self._refuse(f"cannot undo {self.text()}: {exc}")
        self.shown(self.document_id)


class BulkDecisionCommand(ReportedCommand):
    """One bulk acceptance over many documents (a majority, or one annotator's work): the first redo
    writes the previewed plan; undo applies the inverse of every document's change in one
    transaction, redo the changes again."""

    def __init__(
        self,
        curation: CurationService,
        document_id: int,
        description: str,
        decide: Callable[[], tuple[GoldChange, ...]],
        shown: Shown,
        refused: Refused,
    ) -> None:
        super().__init__(description, document_id, shown, refused)
        self.curation = curation
        self.decide = decide
        self.changes: tuple[GoldChange, ...] | None = None

    def redo(self) -> None:
        try:
            if self.changes is None:
                self.changes = self.decide()
            else:
                self.changes = self.curation.apply_changes(self.changes, "redo")
        except Exception as exc:  # refused: nothing was written
            self._refuse(str(exc))
        if self.changes is not None and not self.changes:
            self.setObsolete(True)
        self.shown(self.document_id)

    def undo(self) -> None:
        assert self.changes is not None
        try:
            undone = self.curation.apply_changes([c.inverse() for c in self.changes], "undo")
            self.changes = tuple(c.inverse() for c in undone)
        except Exception as exc:
            self._refuse(f"cannot undo {self.text()}: {exc}")
        self.shown(self.document_id)


class ReviewStateCommand(ReportedCommand):
    """The reviewer sets the document's review state; undo puts the previous one back, unless a
    colleague changed the state meanwhile (then the undo is refused and theirs stays)."""

    def __init__(self, service: ReviewService, document_id: int, state: str, shown: Shown, refused: Refused) -> None:
        label = review_state_name(REVIEW_STATES_LABELS.get(state, state))
        super().__init__(
            QCoreApplication.translate("ReviewCommand", "mark as {0}").format(label), document_id, shown, refused
        )
        self.service = service
        self.state = state
        self.previous: str | None = None

    def redo(self) -> None:
        try:
            self.previous = self.service.set_state(self.document_id, self.state, self.previous)
        except Exception as exc:
            self._refuse(str(exc))
        self.shown(self.document_id)

    def undo(self) -> None:
        assert self.previous is not None
        try:
            self.service.set_state(self.document_id, self.previous, expected=self.state)
        except Exception as exc:
            self._refuse(f"cannot undo {self.text()}: {exc}")
        self.shown(self.document_id)


__all__ = ["CommentCommand", "DecisionCommand", "ReviewStateCommand"]
