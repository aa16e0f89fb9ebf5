"""The main window's menus, shortcuts and toolbar: every action a curator triggers, what it calls on
the window's panels and controllers, and where its keys act. The window only assembles panels."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QMenuBar, QToolBar, QWidget

from .annotating import AnnotationController
from .annotation_list import AnnotationList
from .backups import Backups
from .label_catalog import LabelCatalog
from .label_palette import LabelPalette
from .shortcuts_dialog import ShortcutsDialog
from .status_box import StatusBox
from .suggestion_panel import SuggestionPanel
from .suggestions import SuggestionController
from .text_view import TextView
from .translations import UI_LANGUAGE_NAMES
from .workspace import Workspace

Shortcut = QKeySequence | QKeySequence.StandardKey | Qt.Key | str | None


class ActionHost(Protocol):
    """What the actions reach on the window (the main window is one; a protocol, so that this module
    does not import the window that imports it)."""

    workspace: Workspace
    controller: AnnotationController
    catalog: LabelCatalog
    text_view: TextView
    label_palette: LabelPalette
    annotations: AnnotationList
    status_box: StatusBox
    backups: Backups
    docks: dict[str, QDockWidget]
    suggestions: SuggestionController
    suggestion_panel: SuggestionPanel
    # set here
    suggestion_actions: list[QAction]
    export_action: QAction
    backup_action: QAction
    restore_action: QAction
    undo_action: QAction
    redo_action: QAction
    delete_action: QAction
    link_actions: dict[str, QAction]
    exact_action: QAction
    annotate_all_action: QAction
    next_document_action: QAction
    previous_document_action: QAction
    invisible_action: QAction
    entity_action: QAction
    accept_link_action: QAction
    review_menu: QMenu

    def menuBar(self) -> QMenuBar: ...
    def addAction(self, action: QAction, /) -> None: ...
    def removeAction(self, action: QAction, /) -> None: ...
    def addToolBar(self, toolbar: QToolBar, /) -> None: ...
    def close(self) -> bool: ...
    def install_review_entry(self) -> None: ...
    def escape(self) -> None: ...
    def step_document(self, forward: bool) -> None: ...
    def open_export(self) -> object: ...
    def open_find(self) -> None: ...
    def open_corpus_search(self) -> None: ...
    def annotate_all(self, query: str | None = None) -> None: ...
    def switch_annotator(self) -> None: ...
    def choose_font(self) -> None: ...
    def zoom(self, steps: int | None) -> None: ...
    def set_show_invisible(self, show: bool) -> None: ...
    def set_exact(self, exact: bool) -> None: ...
    def set_label_language(self, language: str) -> None: ...
    def set_ui_language(self, language: str) -> None: ...
    def ui_language(self) -> str: ...
    def choose_entity(self) -> object: ...
    def accept_at_hand(self) -> None: ...
    def accept_suggested_link(self) -> None: ...
    def suggested_link(self) -> object | None: ...
    def open_side_by_side(self) -> object: ...
    def open_schema_editor(self) -> object: ...
    def open_assignment(self) -> object: ...
    def may_manage(self) -> bool: ...


class WindowActions(QObject):
    """Builds the menus and the toolbar of ``window`` and keeps the actions on it (``window.undo_action``
    and the others the window declares)."""

    def __init__(self, window: ActionHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self._build()

    def _action(self, text: str, slot: Any, shortcut: Shortcut = None, menu: QMenu | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build(self) -> None:
        w = self.window
        bar = w.menuBar()
        stack = w.workspace.undo_stack
        file_menu = bar.addMenu(self.tr("&File"))
        w.export_action = self._action(self.tr("Export…"), w.open_export, "Ctrl+Shift+E", file_menu)
        file_menu.addSeparator()
        w.backup_action = self._action(self.tr("Back up now…"), w.backups.back_up_now, None, file_menu)
        w.restore_action = self._action(self.tr("Restore from backup…"), w.backups.restore_from_backup, None, file_menu)
        for action in (w.backup_action, w.restore_action):
            action.setEnabled(w.backups.available)
        file_menu.addSeparator()
        self._action(self.tr("Switch annotator…"), w.switch_annotator, "Ctrl+Shift+A", file_menu)
        file_menu.addSeparator()
        self._action(self.tr("Quit"), w.close, QKeySequence.StandardKey.Quit, file_menu)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu = edit_menu
        w.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        w.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        w.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        # Both redo keys users of either platform expect, with the platform's own: GNOME's binds only
        # Ctrl+Shift+Z, Windows' only Ctrl+Y.
        redo_keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        redo_keys.append(QKeySequence("Ctrl+Y"))
        w.redo_action.setShortcuts(list({key.toString(): key for key in redo_keys}.values()))
        for action in (w.undo_action, w.redo_action):
            w.addAction(action)
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        w.delete_action = self._action(
            self.tr("Delete annotation"), w.controller.delete_current, QKeySequence.StandardKey.Delete, edit_menu
        )
        self._action(self.tr("Cancel"), w.escape, Qt.Key.Key_Escape)
        w.link_actions = {}
        for relation in w.catalog.schema.relations:
            name = w.catalog.relation_name(relation)
            action = self._action(
                self.tr("Link {0}…").format(name),
                lambda _c=False, r=relation.id: w.controller.start_link(r),
                relation.shortcut,
                edit_menu,
            )
            w.link_actions[relation.id] = action
        # K: no label, relation or suggestion key uses it (labels P O L D E A M C Q, R relates).
        w.entity_action = self._action(self.tr("Link to an entity…"), lambda: w.choose_entity(), "K", edit_menu)
        w.accept_link_action = self._action(
            self.tr("Accept the suggested link"),
            w.accept_suggested_link,
            "Shift+K",
            edit_menu,
        )
        edit_menu.addSeparator()
        w.exact_action = self._action(self.tr("Exact characters (no word snapping)"), w.set_exact, "Ctrl+E", edit_menu)
        w.exact_action.setCheckable(True)
        w.exact_action.setChecked(w.text_view.exact_mode)
        w.exact_action.setToolTip(self.tr("Keep selections character-exact; holding Alt while selecting does it once"))
        edit_menu.addSeparator()
        self._action(self.tr("Find in document…"), w.open_find, QKeySequence.StandardKey.Find, edit_menu)
        self._action(self.tr("Find in corpus…"), w.open_corpus_search, "Ctrl+Shift+F", edit_menu)
        w.annotate_all_action = self._action(
            self.tr("Annotate all occurrences…"), lambda: w.annotate_all(), "Ctrl+Shift+L", edit_menu
        )
        edit_menu.addSeparator()  # the team's tools (issue 21): a manager's, anyone's on SQLite
        for text, slot in (
            (self.tr("Schema…"), w.open_schema_editor),
            (self.tr("Assign documents…"), w.open_assignment),
        ):
            self._action(text, lambda _c=False, s=slot: s(), None, edit_menu).setEnabled(w.may_manage())

        go_menu = bar.addMenu(self.tr("&Go"))
        self.go_menu = go_menu
        w.next_document_action = self._action(
            self.tr("Next document"), lambda: w.step_document(True), "Ctrl+PgDown", go_menu
        )
        w.previous_document_action = self._action(
            self.tr("Previous document"), lambda: w.step_document(False), "Ctrl+PgUp", go_menu
        )
        self._action(self.tr("Next annotation"), lambda: w.controller.step(True), "Ctrl+.", go_menu)
        self._action(self.tr("Previous annotation"), lambda: w.controller.step(False), "Ctrl+,", go_menu)

        self._suggestion_menu(bar.addMenu(self.tr("&Suggestions")))

        view_menu = bar.addMenu(self.tr("&View"))
        self._action(self.tr("Font…"), w.choose_font, None, view_menu)
        zoom_in = self._action(self.tr("Zoom in"), lambda: w.zoom(1), QKeySequence.StandardKey.ZoomIn, view_menu)
        # Ctrl+= too: on most keyboards "+" needs Shift.
        zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self._action(self.tr("Zoom out"), lambda: w.zoom(-1), QKeySequence.StandardKey.ZoomOut, view_menu)
        self._action(self.tr("Actual size"), lambda: w.zoom(None), "Ctrl+0", view_menu)
        w.invisible_action = self._action(
            self.tr("Show invisible characters"), w.set_show_invisible, "Ctrl+Shift+I", view_menu
        )
        w.invisible_action.setCheckable(True)
        w.invisible_action.setChecked(w.text_view.show_invisible)
        names_menu = view_menu.addMenu(self.tr("Label names"))
        group = QActionGroup(self)
        for language, title in (("en", "English"), ("fr", "Français"), ("ar", "العربية")):
            action = names_menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(language == w.catalog.language)
            action.triggered.connect(lambda _c=False, lang=language: w.set_label_language(lang))
            group.addAction(action)
        # Applied at the next start: the language is set before any widget exists (Qt mirrors and
        # translates as each widget is made), so the entry says so.
        ui_menu = view_menu.addMenu(self.tr("Interface language (at next start)"))
        ui_group = QActionGroup(self)
        for language, title in UI_LANGUAGE_NAMES.items():
            action = ui_menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(language == w.ui_language())
            action.triggered.connect(lambda _c=False, lang=language: w.set_ui_language(lang))
            ui_group.addAction(action)
        view_menu.addSeparator()
        self._action(self.tr("Open side by side…"), lambda: w.open_side_by_side(), "Ctrl+Shift+B", view_menu)
        view_menu.addSeparator()
        for dock in w.docks.values():
            view_menu.addAction(dock.toggleViewAction())

        # The hook for the review tools: they add their entries to this menu.
        w.review_menu = bar.addMenu(self.tr("&Review"))
        w.install_review_entry()

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(
            self.tr("Keyboard shortcuts…"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, help_menu
        )

        toolbar = QToolBar(self.tr("Document"))
        toolbar.setObjectName("toolbar_document")
        w.addToolBar(toolbar)
        toolbar.addAction(w.previous_document_action)
        toolbar.addAction(w.next_document_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" Status: ")))
        toolbar.addWidget(w.status_box)
        toolbar.addSeparator()
        # The toolbar's buttons keep a fixed text (the menu entries say what they undo): a button that
        # changed width at every edit would lay out and repaint the whole window each time.
        stack = w.workspace.undo_stack
        undo_button = QAction(self.tr("Undo"), self)
        undo_button.setEnabled(stack.canUndo())
        stack.canUndoChanged.connect(undo_button.setEnabled)
        stack.undoTextChanged.connect(undo_button.setToolTip)
        undo_button.triggered.connect(stack.undo)
        redo_button = QAction(self.tr("Redo"), self)
        redo_button.setEnabled(stack.canRedo())
        stack.canRedoChanged.connect(redo_button.setEnabled)
        stack.redoTextChanged.connect(redo_button.setToolTip)
        redo_button.triggered.connect(stack.redo)
        toolbar.addAction(undo_button)
        toolbar.addAction(redo_button)
        toolbar.addSeparator()
        toolbar.addAction(w.exact_action)
        toolbar.addAction(w.invisible_action)
        # Label keys, link keys and Delete act in the text and the annotation list only: keys typed
        # into another panel (a comment, a note, the document list) stay in that panel.
        keys = (
            *w.label_palette.label_actions.values(),
            *w.link_actions.values(),
            w.delete_action,
            w.entity_action,
            w.accept_link_action,
        )
        for action in keys:
            w.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.text_view.addAction(action)
            w.annotations.addAction(action)
        # The suggestion keys act in the text and the suggestions panel (a label key there accepts the
        # suggestion at hand as that label).
        for action in (*w.suggestion_actions, *w.label_palette.label_actions.values()):
            w.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.text_view.addAction(action)
            w.suggestion_panel.addAction(action)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Open Help → Keyboard shortcuts: the menus' keys, then the keys of the text and the lists
        (labels, links, Esc) that sit in no menu."""
        w = self.window
        in_menus = {id(a) for menu_action in w.menuBar().actions() if (m := menu_action.menu()) for a in _all(m)}
        others = [a for a in (*w.text_view.actions(), *self.findChildren(QAction)) if id(a) not in in_menus]
        unique = list({id(a): a for a in others}.values())
        dialog = ShortcutsDialog(w.menuBar(), unique, w.text_view.window(), text_keys=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _suggestion_menu(self, menu: QMenu) -> None:
        """Step through the suggestions and decide them from the keyboard: N / Shift+N, Enter, X."""
        w = self.window
        s = w.suggestions
        w.suggestion_actions = [
            self._action(self.tr("Next suggestion"), lambda: s.step(True), "N", menu),
            self._action(self.tr("Previous suggestion"), lambda: s.step(False), "Shift+N", menu),
            self._action(self.tr("Accept suggestion"), lambda: s.accept(), None, menu),
            self._action(self.tr("Reject suggestion"), s.reject, "X", menu),
        ]
        # Enter accepts only in the text and the suggestions panel: an action in a menu answers its
        # shortcut in the whole window, and Enter must still send a comment or close a dialog. So the
        # keys are on an action of their own, in no menu (the menu entry names them).
        accept = w.suggestion_actions[2]
        accept.setText(self.tr("Accept suggestion (Enter)"))
        enter = QAction(self.tr("Accept suggestion"), self)
        enter.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        enter.triggered.connect(w.accept_at_hand)  # a suggestion, else the annotation's suggested link
        w.suggestion_actions.append(enter)
        deciding = (accept, w.suggestion_actions[3])

        def at_hand() -> None:
            # Disabled, the keys are free for the widget that has the focus (Enter in a dialog).
            for action in deciding:
                action.setEnabled(s.at_hand() is not None)
            enter.setEnabled(s.at_hand() is not None or w.suggested_link() is not None)

        s.changed.connect(at_hand)
        w.workspace.doc.current_span_changed.connect(lambda _span: at_hand())
        self.update_deciding_keys = at_hand  # the window calls it when the open document's links change
        at_hand()
        w.suggestion_actions.append(
            self._action(
                self.tr("Accept all of a label above a score…"),
                w.suggestion_panel.open_accept_above,
                "Ctrl+Shift+Return",
                menu,
            )
        )
        menu.addSeparator()
        shown = self._action(self.tr("Show suggestions"), s.set_enabled, None, menu)
        shown.setCheckable(True)
        shown.setChecked(s.enabled)
        self._action(self.tr("Reload suggestions (gazetteers, models, gold)"), s.reload, None, menu)


def _all(menu: object) -> list[QAction]:
    """Every action of ``menu`` and of its submenus."""
    if not isinstance(menu, QMenu):
        return []
    found: list[QAction] = []
    for action in menu.actions():
        found.append(action)
        found.extend(_all(action.menu()))
    return found
