"""Keys that take the focus to where a curator types or chooses, so that no part of the window needs
the mouse: the document list (Ctrl+O), the selected annotation's attributes (F2), the comment box
(Ctrl+M), the document's status (Ctrl+Shift+D). Esc brings the focus back to the text (the window's
Cancel). Relating by keys is :mod:`.relate_keys`; the other keys are the menus' (:mod:`.window_actions`)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from .comments_panel import CommentsPanel
from .document_list import DocumentListPanel
from .span_panel import SpanPanel
from .status_box import StatusBox


class KeyboardReach(QObject):
    """The focus keys of one window; ``hint`` says why a key did nothing."""

    hint = Signal(str)

    def __init__(
        self,
        window: QWidget,
        docks: dict[str, QDockWidget],
        documents: DocumentListPanel,
        span_panel: SpanPanel,
        comments: CommentsPanel,
        status_box: StatusBox,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.docks = docks
        self.documents = documents
        self.span_panel = span_panel
        self.comments = comments
        self.status_box = status_box
        self.actions: list[QAction] = []

    def add_to(self, edit_menu: QMenu, go_menu: QMenu) -> None:
        """Put the keys in the menus (after what is there), where Help → Keyboard shortcuts finds them."""
        go_menu.addSeparator()
        self._action(self.tr("Choose a document…"), self.focus_documents, QKeySequence.StandardKey.Open, go_menu)
        edit_menu.addSeparator()
        self._action(self.tr("Edit the annotation's attributes"), self.focus_attributes, "F2", edit_menu)
        self._action(self.tr("Comment…"), self.focus_comment, "Ctrl+M", edit_menu)
        self._action(self.tr("My status of this document…"), self.focus_status, "Ctrl+Shift+D", edit_menu)

    def _action(self, text: str, slot: object, key: QKeySequence.StandardKey | str, menu: QMenu) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.window.addAction(action)
        menu.addAction(action)
        self.actions.append(action)
        return action

    def _show(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    def focus_documents(self) -> None:
        """The document list, on the open document's row: arrows move, Enter opens."""
        self._show("documents")
        table = self.documents.table
        model = table.model()
        if not table.currentIndex().isValid() and model.rowCount() > 0:
            # (selectRow would find no column in a mirrored window and set no current row.)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            table.selectionModel().setCurrentIndex(model.index(0, 0), flags)
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_attributes(self) -> None:
        """The selected annotation's first attribute (its label when it has none): Tab goes on to
        the note and the links; F4 or Alt+↓ opens a list, arrows choose, Enter confirms."""
        if self.span_panel.span is None:
            self.hint.emit(self.tr("Select an annotation first (Ctrl+. steps to the next one)"))
            return
        self._show("annotation")
        fields = list(self.span_panel.attribute_widgets.values())
        target = fields[0] if fields else self.span_panel.label_box
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_comment(self) -> None:
        """The comment box (on the selected annotation when one is selected): Enter saves."""
        self._show("comments")
        self.comments.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_status(self) -> None:
        """The toolbar's status of the open document: ↓ / ↑ set it (new, in progress, done)."""
        if not self.status_box.isEnabled():
            self.hint.emit(self.tr("Open a document first"))
            return
        self.status_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
