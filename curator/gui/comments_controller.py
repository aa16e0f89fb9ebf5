"""The annotation window's comments between its panel and the core: reads through a
:class:`~curator.review.comments.CommentService`, and every comment, reply or deletion as a command
on the window's undo stack (so Ctrl+Z takes a comment back as it takes back an annotation)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from curator.review.comments import CommentService, Thread

from .comment_commands import CommentCommand, DeleteCommentCommand, ReportedCommand


class CommentsController(QObject):
    """Comments written as ``service.author``, as commands on ``undo_stack``.

    ``changed(document_id)`` follows every write, undo and redo (the panel reads that document's
    threads again); ``refused(message)`` says why the store refused one.
    """

    changed = Signal(int)
    refused = Signal(str)

    def __init__(self, service: CommentService, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self._error: str | None = None

    @property
    def author(self) -> str:
        return self.service.author

    def set_author(self, name: str) -> None:
        self.service.author = name

    def threads(self, document_id: int) -> list[Thread]:
        return self.service.threads(document_id)

    def comment(
        self, document_id: int, body: str, target: tuple[str, int | None], reply_to: int | None = None
    ) -> str | None:
        """Comment on ``target`` (kind, id) of the document, or reply to ``reply_to``'s thread; None
        once stored, else why not."""
        command = CommentCommand(self.service, document_id, body, target, reply_to, self.changed.emit, self._refused)
        return self._push(command)

    def delete(self, document_id: int, comment_id: int) -> str | None:
        """Delete the author's own comment (refused once it has replies); None once done, else why not."""
        return self._push(DeleteCommentCommand(self.service, document_id, comment_id, self.changed.emit, self._refused))

    def _push(self, command: ReportedCommand) -> str | None:
        # Qt runs its redo at once; a refused command is obsolete and Qt deletes it, so its error is
        # kept here, not read from it.
        self._error = None
        self.undo_stack.push(command)
        return self._error

    def _refused(self, message: str) -> None:
        self._error = message
        self.refused.emit(message)
