"""Comments as ``QUndoCommand``s, for the annotation window and the review window alike.

A command's first ``redo`` calls one core operation (one transaction) and keeps the comment it
returned; ``undo`` and later ``redo`` take it back and put it back through the core again, under its
own id and time. An edit or an undo the store refuses (someone replied meanwhile...) is reported
through ``refused`` and the command is dropped. Commands know a comment service and two callbacks,
never the panel or controller that makes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from curator.review.comments import CommentRecord

Shown = Callable[[int], None]  # called with the document id after every redo and undo
Refused = Callable[[str], None]  # called with the store's message when an edit is refused


class CommentWriter(Protocol):
    """What a comment command needs: :class:`~curator.review.comments.CommentService` or the review
    service, which writes as its reviewer."""

    def comment(
        self, document_id: int, body: str, target_kind: str, target_id: int | None, reply_to: int | None
    ) -> CommentRecord: ...

    def withdraw_comment(self, comment_id: int) -> CommentRecord: ...

    def restore_comment(self, record: CommentRecord) -> CommentRecord: ...


class ReportedCommand(QUndoCommand):
    """A command on one document that says what it showed and what the store refused."""

    def __init__(self, description: str, document_id: int, shown: Shown, refused: Refused) -> None:
        super().__init__(description)
        self.document_id = document_id
        self.shown = shown
        self.refused = refused
        self.error: str | None = None

    def _refuse(self, message: str) -> None:
        self.error = message
        self.setObsolete(True)
        self.refused(message)


class CommentCommand(ReportedCommand):
    """A comment (or reply); undo takes it back while no one has replied to it."""

    def __init__(
        self,
        service: CommentWriter,
        document_id: int,
        body: str,
        target: tuple[str, int | None],
        reply_to: int | None,
        shown: Shown,
        refused: Refused,
    ) -> None:
        if reply_to is not None:
            what = QCoreApplication.translate("CommentCommand", "reply")
        else:
            what = QCoreApplication.translate("CommentCommand", "comment")
        super().__init__(what, document_id, shown, refused)
        self.service = service
        self.body = body
        self.target = target
        self.reply_to = reply_to
        self.record: CommentRecord | None = None

    def redo(self) -> None:
        try:
            if self.record is None:
                kind, target_id = self.target
                self.record = self.service.comment(self.document_id, self.body, kind, target_id, self.reply_to)
            else:
                self.record = self.service.restore_comment(self.record)
        except Exception as exc:
            self._refuse(str(exc))
        self.shown(self.document_id)

    def undo(self) -> None:
        assert self.record is not None
        try:
            self.record = self.service.withdraw_comment(self.record.id)
        except Exception as exc:
            self._refuse(f"cannot undo {self.text()}: {exc}")
        self.shown(self.document_id)


class DeleteCommentCommand(ReportedCommand):
    """The author deletes their own comment (refused once it has replies); undo puts it back under its
    own id and time."""

    def __init__(
        self, service: CommentWriter, document_id: int, comment_id: int, shown: Shown, refused: Refused
    ) -> None:
        super().__init__(QCoreApplication.translate("CommentCommand", "delete comment"), document_id, shown, refused)
        self.service = service
        self.comment_id = comment_id
        self.record: CommentRecord | None = None

    def redo(self) -> None:
        try:
            self.record = self.service.withdraw_comment(self.comment_id)
        except Exception as exc:
            self._refuse(str(exc))
        self.shown(self.document_id)

    def undo(self) -> None:
        assert self.record is not None
        try:
            self.record = self.service.restore_comment(self.record)
        except Exception as exc:
            self._refuse(f"cannot undo {self.text()}: {exc}")
        self.shown(self.document_id)
