"""The review window's menus and keys: every decision, step and choice a reviewer makes has a key and
an entry in a menu, so that Help → Keyboard shortcuts (the window's own, made from the menus) lists
them all and no part of the window needs the mouse.

Curate: J / K next and previous difference, N / Shift+N the unresolved ones, 1-9 accept that
annotator's version, X reject, E accept and edit, R remove from the gold layer, Ctrl+Shift+A accept
everything agreed, Ctrl+Shift+B bulk accept. Agreement: Ctrl+Shift+G compute it, Ctrl+Shift+D per
document, Ctrl+Shift+E export the disagreements, Ctrl+Shift+W write the report in the interface's
language. Go: Ctrl+PgDown / Ctrl+PgUp next and previous document, Ctrl+O the document chooser,
Ctrl+Shift+O the annotators, Ctrl+Shift+S the review state, Ctrl+M the comment box, F6 back to the
differences, Ctrl+1 / 2 / 3 the tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QMenuBar, QStatusBar, QTabWidget, QWidget

from curator.gui.review.annotator_chooser import AnnotatorChooser
from curator.gui.review.controller import ReviewController
from curator.gui.shortcuts_dialog import ShortcutsDialog


class ReviewKeysHost(Protocol):
    """What the keys reach on the review window (a protocol: this module does not import the window)."""

    controller: ReviewController
    documents: QComboBox
    annotators: AnnotatorChooser
    review_state: QComboBox
    comment_text: QLineEdit
    difference_view: QListView
    tabs: QTabWidget

    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def addAction(self, action: QAction, /) -> None: ...
    def accept_and_edit(self) -> None: ...
    def accept_all_agreed(self) -> None: ...
    def write_report(self) -> object: ...
    def bulk_accept(self) -> None: ...
    def compute_agreement(self) -> None: ...
    def compute_document_figures(self) -> object: ...
    def export_disagreements(self) -> None: ...


class ReviewKeys(QObject):
    """Builds the Curate, Go and Help menus of ``window`` (after its Edit menu)."""

    def __init__(self, window: ReviewKeysHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self._build()

    def _action(self, text: str, slot: Callable[[], Any], key: str | QKeySequence.StandardKey, menu: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        menu.addAction(action)
        return action

    def _build(self) -> None:
        w, c = self.window, self.window.controller
        bar = w.menuBar()
        curate = bar.addMenu(self.tr("&Curate"))
        self._action(self.tr("Next difference"), lambda: c.step(True), "J", curate)
        self._action(self.tr("Previous difference"), lambda: c.step(False), "K", curate)
        self._action(self.tr("Next unresolved difference"), lambda: c.step(True, unresolved_only=True), "N", curate)
        self._action(
            self.tr("Previous unresolved difference"), lambda: c.step(False, unresolved_only=True), "Shift+N", curate
        )
        curate.addSeparator()
        for n in range(1, 10):
            text = self.tr("Accept the version of annotator {0}").format(n)
            self._action(text, partial(c.accept_nth, n - 1), str(n), curate)
        self._action(self.tr("Reject"), c.reject, "X", curate)
        self._action(self.tr("Accept and edit…"), w.accept_and_edit, "E", curate)
        self._action(self.tr("Remove from gold"), c.remove_from_gold, "R", curate)
        self._action(self.tr("Accept all agreed…"), w.accept_all_agreed, "Ctrl+Shift+A", curate)
        self._action(self.tr("Bulk accept…"), w.bulk_accept, "Ctrl+Shift+B", curate)

        figures = bar.addMenu(self.tr("&Agreement"))
        self._action(
            self.tr("Compute agreement"), lambda: self._figures(1, w.compute_agreement), "Ctrl+Shift+G", figures
        )
        self._action(
            self.tr("Compute per-document figures"),
            lambda: self._figures(2, w.compute_document_figures),
            "Ctrl+Shift+D",
            figures,
        )
        self._action(self.tr("Export disagreements…"), w.export_disagreements, "Ctrl+Shift+E", figures)
        self._action(self.tr("Write the agreement report…"), w.write_report, "Ctrl+Shift+W", figures)

        go = bar.addMenu(self.tr("&Go"))
        self._action(self.tr("Next document"), lambda: self.step_document(True), "Ctrl+PgDown", go)
        self._action(self.tr("Previous document"), lambda: self.step_document(False), "Ctrl+PgUp", go)
        go.addSeparator()
        self._action(self.tr("Choose a document…"), lambda: self._focus(w.documents), QKeySequence.StandardKey.Open, go)
        self._action(self.tr("Choose the annotators…"), w.annotators.showMenu, "Ctrl+Shift+O", go)
        self._action(self.tr("Review state…"), lambda: self._focus(w.review_state), "Ctrl+Shift+S", go)
        self._action(self.tr("Comment…"), lambda: self._focus(w.comment_text), "Ctrl+M", go)
        self._action(self.tr("Back to the differences"), self.back_to_differences, "F6", go)
        go.addSeparator()
        for index, name in enumerate((self.tr("Compare and curate"), self.tr("Agreement"), self.tr("Documents"))):
            self._action(name, partial(w.tabs.setCurrentIndex, index), f"Ctrl+{index + 1}", go)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(
            self.tr("Keyboard shortcuts…"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, help_menu
        )

    def step_document(self, forward: bool) -> None:
        """The next (or previous) document of the chooser, compared at once."""
        box = self.window.documents
        index = box.currentIndex() + (1 if forward else -1)
        if 0 <= index < box.count():
            box.setCurrentIndex(index)  # the chooser's change compares it
        else:
            self.window.statusBar().showMessage(self.tr("No more documents this way"), 4000)

    def _figures(self, tab: int, compute: Callable[[], Any]) -> None:
        self.window.tabs.setCurrentIndex(tab)
        compute()

    def back_to_differences(self) -> None:
        self.window.tabs.setCurrentIndex(0)
        self._focus(self.window.difference_view)

    @staticmethod
    def _focus(widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard shortcuts of the review window: its menus' keys."""
        dialog = ShortcutsDialog(self.window.menuBar(), [], self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
