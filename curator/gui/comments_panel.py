"""The comments of the open document in the annotation window: its threads and those on the selected
annotation, with who wrote them and when, and a field to comment or reply.

Threads are read and written through a :class:`~curator.gui.comments_controller.CommentsController`:
each comment, reply or deletion is a command on the window's undo stack and one core call, one
transaction, as in the review window; the panel never sees the database. Names and bodies are
shown with bidi controls made visible (:func:`~curator.text.invisible.reveal`): a comment must read
as it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.review.comments import CommentRecord, Thread
from curator.store.queries import SpanRecord
from curator.text.invisible import reveal

from .comments_controller import CommentsController

# The three groups of threads, in the order shown.
ON_SELECTED, ON_DOCUMENT, ON_OTHERS = "selected", "document", "others"
GROUP_TITLES = {
    ON_SELECTED: "On the selected annotation",
    ON_DOCUMENT: "On the document",
    ON_OTHERS: "On other annotations",
}
EXCERPT = 30
THREAD_ROLE = Qt.ItemDataRole.UserRole + 1  # on a comment's item: the id of its thread
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 2  # the comment's own id


def comment_time(stamp: datetime) -> str:
    """When a comment was written, in local time (the store keeps UTC; a naive time is UTC)."""
    aware = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def comment_line(comment: CommentRecord, where: str = "") -> str:
    """``author, time[where]: body``, with bidi controls shown, not obeyed."""
    return f"{reveal(comment.author)}, {comment_time(comment.created_at)}{where}: {reveal(comment.body)}"


class CommentsPanel(QWidget):
    """Comment threads of the open document, written through ``comments`` as its author.

    :meth:`show_document` reads the threads of a document (None: no document); :meth:`show_span`
    says which annotation is selected (no reading). ``span_text(span_id)`` gives the text of an
    annotation of the open document, or None when it is not one of those the window knows.
    ``message`` carries a line for the status bar (saved, or why not).
    """

    message = Signal(str)

    def __init__(
        self,
        comments: CommentsController,
        span_text: Callable[[int], str | None] = lambda _id: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.comments = comments
        self.span_text = span_text
        self.document_id: int | None = None
        self.span: SpanRecord | None = None
        self.threads: list[Thread] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setObjectName("comments")
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Comment…"))
        self.on_annotation = QCheckBox(self.tr("on the selected annotation"))
        self.comment_button = QPushButton(self.tr("Comment"))
        self.reply_button = QPushButton(self.tr("Reply"))
        self.reply_button.setToolTip(self.tr("Reply to the thread of the chosen comment"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete your chosen comment (while no one has replied to it)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.on_annotation, 1)
        row.addWidget(self.comment_button)
        row.addWidget(self.reply_button)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self.comment_button.clicked.connect(lambda: self.submit(reply=False))
        self.reply_button.clicked.connect(lambda: self.submit(reply=True))
        self.delete_button.clicked.connect(self.delete_chosen)
        comments.changed.connect(self._changed)
        comments.refused.connect(self.message.emit)
        self.text.returnPressed.connect(lambda: self.submit(reply=False))
        self.tree.currentItemChanged.connect(lambda _item, _old: self._update_buttons())
        self.show_document(None)

    # -- what is shown ----------------------------------------------------------------------------

    @property
    def author(self) -> str:
        return self.comments.author

    def set_author(self, name: str) -> None:
        self.comments.set_author(name)
        self._update_buttons()

    def show_document(self, document_id: int | None) -> None:
        """Read and show the threads of ``document_id``; the selection is cleared."""
        self.document_id = document_id
        self.span = None
        self.refresh()

    def show_span(self, span: SpanRecord | None) -> None:
        """The selected annotation changed: regroup the threads (its own come first)."""
        if span is not None and span.document_id != self.document_id:
            span = None
        if (span and span.id) == (self.span and self.span.id):
            self.span = span
            return
        self.span = span
        self.on_annotation.setChecked(span is not None)
        self._fill()

    def refresh(self) -> None:
        """Read the threads again (after a comment here, or a colleague's)."""
        try:
            self.threads = self.comments.threads(self.document_id) if self.document_id is not None else []
        except Exception as exc:  # a store that cannot be read now: the window goes on
            self.threads = []
            self.message.emit(self.tr("Comments could not be read: {0}").format(exc))
        self._fill()

    def annotation_removed_or_back(self, span: SpanRecord) -> None:
        """An annotation of the open document was deleted or put back (undo): its threads, if it has
        any, are read again (they are then on a deleted annotation, or on it again)."""
        if any(t.root.target_kind == "span" and t.root.target_id == span.id for t in self.threads):
            self.refresh()

    def group_of(self, thread: Thread) -> str:
        root = thread.root
        if root.target_kind == "document":
            return ON_DOCUMENT
        if (
            self.span is not None
            and root.target_kind == "span"
            and root.target_id == self.span.id
            and not root.target_gone
        ):
            return ON_SELECTED
        return ON_OTHERS

    def shown(self) -> dict[str, list[list[str]]]:
        """The lines shown, by group: each thread as its root's line then its replies' (for tests)."""
        out: dict[str, list[list[str]]] = {}
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            key = str(group.data(0, Qt.ItemDataRole.UserRole))
            out[key] = [_lines(group.child(t)) for t in range(group.childCount())]
        return out

    def chosen_thread(self) -> int | None:
        """The id of the thread whose comment (or reply) is chosen in the list."""
        item = self.tree.currentItem()
        value = item.data(0, THREAD_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def chosen_comment(self) -> CommentRecord | None:
        """The comment (or reply) chosen in the list."""
        item = self.tree.currentItem()
        value = item.data(0, COMMENT_ROLE) if item is not None else None
        if value is None:
            return None
        found = (c for t in self.threads for c in (t.root, *t.replies) if c.id == int(value))
        return next(found, None)

    def _changed(self, document_id: int) -> None:
        if document_id == self.document_id:
            self.refresh()

    # -- writing ----------------------------------------------------------------------------------

    def submit(self, reply: bool) -> bool:
        """Store the typed text as a new comment (on the selected annotation when ticked, else on the
        document) or as a reply to the chosen thread; True once stored."""
        body = self.text.text().strip()
        if self.document_id is None or not body:
            return False
        reply_to = self.chosen_thread() if reply else None
        if reply and reply_to is None:
            self.message.emit(self.tr("Choose the comment to reply to"))
            return False
        on_span = self.span is not None and self.on_annotation.isChecked() and reply_to is None
        target = ("span", self.span.id) if on_span and self.span else ("document", None)
        # Refused (empty, gone) or the store failed: said, never fatal. Stored: the threads are read
        # again through ``changed``.
        error = self.comments.comment(self.document_id, body, target, reply_to)
        if error is not None:
            self.message.emit(self.tr("Comment not saved: {0}").format(error))
            return False
        self.text.clear()
        self.message.emit(self.tr("Reply saved") if reply_to is not None else self.tr("Comment saved"))
        return True

    def delete_chosen(self) -> bool:
        """Delete the chosen comment, when it is the author's own; True once deleted (undo puts it back)."""
        chosen = self.chosen_comment()
        if self.document_id is None or chosen is None or chosen.author != self.author:
            return False
        error = self.comments.delete(self.document_id, chosen.id)
        if error is not None:
            self.message.emit(self.tr("Comment not deleted: {0}").format(error))
            return False
        self.message.emit(self.tr("Comment deleted"))
        return True

    # -- drawing ----------------------------------------------------------------------------------

    def _fill(self) -> None:
        chosen = self.chosen_thread()
        self.tree.clear()
        groups: dict[str, list[Thread]] = {ON_SELECTED: [], ON_DOCUMENT: [], ON_OTHERS: []}
        for thread in self.threads:
            groups[self.group_of(thread)].append(thread)
        for key, found in groups.items():
            if not found and not (key == ON_SELECTED and self.span is not None):
                continue
            group = QTreeWidgetItem([f"{GROUP_TITLES[key]} ({len(found)})"])
            group.setData(0, Qt.ItemDataRole.UserRole, key)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for thread in found:
                item = self._item(thread.root, thread.root.id, self._where(thread.root, key))
                group.addChild(item)
                for reply in thread.replies:
                    item.addChild(self._item(reply, thread.root.id, ""))
                if thread.root.id == chosen:
                    self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.on_annotation.setEnabled(self.span is not None)
        if self.span is None:
            self.on_annotation.setChecked(False)
        self._update_buttons()

    def _where(self, root: CommentRecord, group: str) -> str:
        if group != ON_OTHERS or root.target_id is None:
            return ""
        if root.target_gone:
            return self.tr(" on a deleted annotation")
        text = self.span_text(root.target_id) if root.target_kind == "span" else None
        if text is None:
            return f" on {root.target_kind} {root.target_id}"
        text = text.replace("\n", " ")
        return f" on «{reveal(text if len(text) <= EXCERPT else text[: EXCERPT - 1] + '…')}»"

    def _item(self, comment: CommentRecord, thread_id: int, where: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([comment_line(comment, where)])
        item.setData(0, THREAD_ROLE, thread_id)
        item.setData(0, COMMENT_ROLE, comment.id)
        item.setToolTip(0, reveal(comment.body))
        return item

    def _update_buttons(self) -> None:
        has_document = self.document_id is not None
        self.text.setEnabled(has_document)
        self.comment_button.setEnabled(has_document)
        self.reply_button.setEnabled(has_document and self.chosen_thread() is not None)
        chosen = self.chosen_comment()
        self.delete_button.setEnabled(has_document and chosen is not None and chosen.author == self.author)


def _lines(item: QTreeWidgetItem | None) -> list[str]:
    """An item's line, then its children's."""
    if item is None:
        return []
    children = [item.child(n) for n in range(item.childCount())]
    return [item.text(0), *(child.text(0) for child in children if child is not None)]
