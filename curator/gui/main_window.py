"""The main window: assembles the panels and wires their signals; the work is done by the panels,
the annotation controller and the workspace; the menus and toolbar are :mod:`.window_actions`.

(About 690 lines: the view settings below change several panels at once, and kept here they need no
second object that reaches into all of them; the suggestions, entity and interface-language wiring
and the team tools' openers (issue 21) added to it. Moving the docks' assembly out is the next step.)"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFontDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from curator.optional_libs import missing_module
from curator.review.comments import CommentService
from curator.store.assignment import AssignmentService
from curator.store.database import Database
from curator.store.entities import Registry
from curator.store.queries import SpanRecord
from curator.store.schema_changes import SchemaChange, SchemaEditor
from curator.store.search import CorpusSearch
from curator.store.stories import StoryService
from curator.suggest.links import LinkCandidate
from curator.text.invisible import reveal
from curator.text.language import LANGUAGES

from .annotating import AnnotationController
from .annotation_list import AnnotationList, AnnotationModel
from .annotator_dialog import choose_annotator
from .backups import Backups
from .comments_controller import CommentsController
from .comments_panel import CommentsPanel
from .conflicts import ConflictResolver
from .doc_labels import DocumentLabelModel, DocumentLabels
from .document_list import DocumentListModel, DocumentListPanel
from .entity_chooser import EntityChooser, choose_and_link
from .entity_links import EntityLinks
from .find import AnnotateAllDialog, CorpusSearchPanel, FindBar
from .first_paint import after_first_paint
from .keyboard_reach import KeyboardReach
from .label_catalog import LabelCatalog
from .label_palette import LabelPalette
from .live_updates import POLL_MS, LiveUpdates
from .mentions_panel import MentionsPanel
from .parallel_view import ParallelView
from .plurals import install_plurals
from .relate_keys import RelateKeys
from .settings import Preferences
from .span_panel import SpanPanel
from .status_box import StatusBox
from .suggestion_panel import SuggestionPanel
from .suggestions import SuggestionController
from .team_panels import TeamPanels
from .text_view import TextView
from .translations import UI_LANGUAGE_NAMES, current_ui_language
from .window_actions import WindowActions
from .workspace import Workspace

if TYPE_CHECKING:
    from .assignment_dialog import AssignmentDialog
    from .export_dialog import ExportDialog
    from .schema_dialog import SchemaDialog


class MainWindow(QMainWindow):
    """Curator's window for ``annotator`` on ``db``.

    ``review_menu`` is the hook for the review tools (``curator.gui.review``): this window only
    creates the menu and an entry that opens their window when that package provides one.
    """

    # Made by WindowActions: the entries the panels, the tests and the review tools reach.
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
    suggestion_actions: list[QAction]
    review_menu: QMenu

    def __init__(
        self, db: Database, annotator: str, preferences: Preferences | None = None, poll_ms: int = POLL_MS
    ) -> None:
        """``poll_ms``: how often colleagues' changes are looked for on SQLite (tests pass a short one)."""
        super().__init__()
        install_plurals()
        self.setObjectName("MainWindow")
        self.prefs = preferences or Preferences()
        self.catalog = LabelCatalog(db.schema, self.prefs.label_language)
        self.workspace = Workspace(db, annotator, self)
        doc = self.workspace.doc

        # -- panels -------------------------------------------------------------------------------
        self.text_view = TextView()
        self.text_view.exact_mode = self.prefs.exact_selection
        self.text_view.show_invisible = self.prefs.show_invisible
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.controller = AnnotationController(self.workspace, self.text_view, self.catalog)
        self.suggestions = SuggestionController(self.workspace, self.text_view, self.catalog)
        self.suggestion_panel = SuggestionPanel(self.suggestions, self.catalog)
        self.document_model = DocumentListModel(db, annotator)
        self.documents = DocumentListPanel(self.document_model, list(LANGUAGES))
        self.label_palette = LabelPalette(self.catalog)
        self.span_panel = SpanPanel(self.catalog)
        self.doc_label_model = DocumentLabelModel(doc, self.catalog, self.workspace.set_document_label)
        self.doc_labels = DocumentLabels(self.doc_label_model)
        self.annotation_model = AnnotationModel(doc, self.catalog)
        self.annotations = AnnotationList(self.annotation_model)
        self.corpus_search = CorpusSearchPanel(CorpusSearch(db))
        comments = CommentsController(CommentService(db, annotator), self.workspace.undo_stack, self)
        self.comments = CommentsPanel(comments, self._span_text)
        self.entity_links = EntityLinks(self.workspace, Registry(db, annotator), self)
        self.mentions_panel = MentionsPanel(self.entity_links)
        self.parallel_views: list[ParallelView] = []
        self.status_box = StatusBox()
        self.save_state = QLabel()
        self.conflicts = ConflictResolver(self.workspace, self)
        self.live = LiveUpdates(db, doc, self, poll_ms)
        self.backups = Backups(db, self)
        self.export_dialog: ExportDialog | None = None

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.text_view, 1)
        self.setCentralWidget(centre)
        self.docks = {
            "documents": self._dock(
                "documents", self.tr("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea
            ),
            "labels": self._dock(
                "labels", self.tr("Labels"), self.label_palette, Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "annotation": self._dock(
                "annotation", self.tr("Annotation"), _scrolling(self.span_panel), Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "areas": self._dock(
                "areas", self.tr("Cooperation areas"), self.doc_labels, Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "annotations": self._dock(
                "annotations", self.tr("Annotations"), self.annotations, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "corpus": self._dock(
                "corpus", self.tr("Find in corpus"), self.corpus_search, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "suggestions": self._dock(
                "suggestions", self.tr("Suggestions"), self.suggestion_panel, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "mentions": self._dock(
                "mentions", self.tr("Entity mentions"), self.mentions_panel, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "comments": self._dock(
                "comments", self.tr("Comments"), self.comments, Qt.DockWidgetArea.RightDockWidgetArea
            ),
        }
        self.tabifyDockWidget(self.docks["annotations"], self.docks["corpus"])
        self.tabifyDockWidget(self.docks["annotations"], self.docks["suggestions"])
        self.tabifyDockWidget(self.docks["annotations"], self.docks["mentions"])
        self.docks["annotations"].raise_()
        self.tabifyDockWidget(self.docks["annotation"], self.docks["areas"])
        # Below the annotation's panel, not behind it: selecting an annotation raises that panel.
        self.splitDockWidget(self.docks["annotation"], self.docks["comments"], Qt.Orientation.Vertical)
        self.docks["annotation"].raise_()
        self.statusBar().addPermanentWidget(self.save_state)
        # The side columns run the window's full height and the bottom panels sit under the text alone:
        # the labels of every layer need the height more than the annotation list needs the width.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        # First-run proportions: the text gets most of the window (a saved layout replaces these).
        self.resizeDocks([self.docks["documents"], self.docks["labels"]], [330, 440], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["annotations"]], [190], Qt.Orientation.Vertical)
        # The labels over the annotation's panel: every layer's labels in view at 1600×1000.
        self.resizeDocks([self.docks["labels"], self.docks["annotation"]], [580, 320], Qt.Orientation.Vertical)

        self.team = TeamPanels(self)  # guidelines (Ctrl+G), dashboard, active time (issue 21)
        self.actions_ = WindowActions(self, self)
        self.keyboard = KeyboardReach(self, self.docks, self.documents, self.span_panel, self.comments, self.status_box)
        self.keyboard.add_to(self.actions_.edit_menu, self.actions_.go_menu)
        self.relate_keys = RelateKeys(self.text_view, doc, self)
        self.team.add_menu_entries(self.menuBar())
        self.entity_links.changed.connect(self.actions_.update_deciding_keys)
        self._wire()
        self._apply_font()
        self._restore()
        self._update_title()
        self.live.start()
        self.backups.start()

    # -- assembly ---------------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        if self.isRightToLeft():  # dock areas are absolute sides: a mirrored window swaps them
            area = _MIRRORED.get(area, area)
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def install_review_entry(self) -> None:
        # Looked up, not imported: the review tools load their own libraries, which would slow the start.
        if importlib.util.find_spec("curator.gui.review") is None:
            placeholder = self.review_menu.addAction(self.tr("Review tools are not installed"))
            placeholder.setEnabled(False)
            return
        entry = self.review_menu.addAction(self.tr("Open review window…"), self.open_review)
        entry.setShortcut(QKeySequence("Ctrl+Shift+R"))

    def open_review(self) -> None:
        """Open the review tools' window (``curator.gui.review.open_review_window(db, reviewer)``)."""
        try:
            review = importlib.import_module("curator.gui.review")
        except ModuleNotFoundError as exc:  # a partial install: say what to install, in the window
            message = str(missing_module("The review window", exc))
            self.statusBar().showMessage(message, 15000)
            QMessageBox.warning(self, "Curator", message)
            return
        factory = getattr(review, "open_review_window", None)
        if factory is None:
            QMessageBox.information(self, "Curator", self.tr("The review window is not available yet."))
            return
        window = factory(self.workspace.db, self.workspace.annotator)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self._review_window = window

    def _wire(self) -> None:
        ws, doc = self.workspace, self.workspace.doc
        ws.saved.connect(self._saved)
        ws.refused.connect(self._refused)
        ws.document_touched.connect(self._document_touched)
        ws.annotator_changed.connect(self._annotator_changed)
        doc.loaded.connect(self._document_loaded)
        doc.status_changed.connect(self.status_box.show_status)
        # A status change can move the document in or out of a filtered list.
        doc.status_changed.connect(lambda _status: self.documents.refresh_counts())
        doc.current_span_changed.connect(self._current_span_changed)
        doc.span_changed.connect(lambda _b, after: self._span_edited(after))
        doc.relations_changed.connect(lambda: self._current_span_changed(doc.current_span))
        self.controller.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.controller.counts_changed.connect(self.label_palette.set_counts)
        self.label_palette.label_chosen.connect(self.apply_label)
        self.suggestions.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.relate_keys.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.keyboard.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.documents.open_requested.connect(self.open_document)
        self.status_box.status_requested.connect(ws.set_status)
        self.annotations.span_activated.connect(self.controller.jump_to)
        self.span_panel.label_change_requested.connect(ws.change_label)
        self.span_panel.attribute_change_requested.connect(ws.set_attribute)
        self.span_panel.note_change_requested.connect(ws.set_note)
        self.span_panel.delete_requested.connect(ws.delete_span)
        self.span_panel.relation_pick_requested.connect(self.controller.start_link)
        self.span_panel.relation_remove_requested.connect(ws.delete_relation)
        self.span_panel.span_jump_requested.connect(self.controller.jump_to)
        self.find_bar.hits_changed.connect(self.text_view.set_hits)
        self.find_bar.go_to.connect(lambda s, e: self.text_view.reveal_offsets(s, e))
        self.find_bar.annotate_all_requested.connect(self.annotate_all)
        self.corpus_search.hit_activated.connect(self.open_hit)
        self.corpus_search.hit_clicked.connect(lambda d, s, e: self.open_hit(d, s, e, focus=False))
        self.live.documents_changed.connect(self.documents.follow_changes)
        self.live.corpus_changed.connect(self.documents.refresh_counts)
        self.live.open_document_synced.connect(self._synced)
        self.live.schema_changed.connect(self.schema_changed)  # a colleague's schema change
        # the manager's assignment changes an annotator's own list (not read again once the window is closed)
        self.live.assignments_changed.connect(lambda: self.documents.apply_filter() if self.isVisible() else None)
        self.backups.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.backups.restored.connect(self.reopen_database)
        # Comments: the open document's threads, regrouped around the selected annotation.
        doc.loaded.connect(lambda: self.comments.show_document(doc.id))
        doc.current_span_changed.connect(self.comments.show_span)
        doc.span_removed.connect(self.comments.annotation_removed_or_back)
        doc.span_added.connect(self.comments.annotation_removed_or_back)
        ws.annotator_changed.connect(self.comments.set_author)
        self.live.documents_changed.connect(
            lambda changed, _moved: self.comments.refresh() if doc.id in changed else None
        )
        self.comments.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        # Entity links: the side panel's entity row, the mentions panel, colleagues' links.
        links = self.entity_links
        links.changed.connect(lambda: self._show_entity(doc.current_span))
        links.changed.connect(self.mentions_panel.refresh)
        links.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.span_panel.entity_link_requested.connect(self.choose_entity)
        self.span_panel.entity_unlink_requested.connect(links.unlink)
        self.span_panel.entity_suggestion_accepted.connect(links.accept_suggested)
        self.mentions_panel.mention_activated.connect(self.open_hit)
        self.live.documents_changed.connect(
            lambda changed, _moved: links.refresh() if doc.id in changed else self.mentions_panel.refresh()
        )

    # -- documents --------------------------------------------------------------------------------

    def open_document(self, document_id: int) -> bool:
        if self.workspace.doc.id == document_id:
            return True
        if not self.workspace.doc.open(document_id):
            self.statusBar().showMessage(self.tr("That document no longer exists"), 6000)
            return False
        return True

    def apply_label(self, layer: str, label: str) -> None:
        """A label key: accepts the suggestion at hand as that label, else labels the selection (or
        relabels the annotation at hand)."""
        if self.suggestions.at_hand() is not None and self.text_view.selection_offsets() is None:
            self.suggestions.accept(layer, label)
        else:
            self.controller.apply_label(layer, label)

    def escape(self) -> None:
        if self.text_view.picking:
            self.controller.cancel_link()
        elif not self.text_view.hasFocus():  # from a panel (F2, Ctrl+M, Ctrl+O): back to the text
            self.text_view.setFocus()
        else:
            self.text_view.clear_selection()

    def step_document(self, forward: bool) -> None:
        target = self.documents.adjacent(self.workspace.doc.id, forward)
        if target is None:
            self.statusBar().showMessage(self.tr("No more documents this way"), 4000)
            return
        self.open_document(target)

    def open_hit(self, document_id: int, start: int, end: int, *, focus: bool = True) -> None:
        if self.open_document(document_id):
            self.text_view.select_offsets(start, end)
            if focus:
                self.text_view.setFocus()

    def _document_touched(self, document_id: int) -> None:
        doc = self.workspace.doc
        if doc.id == document_id and doc.complete:
            # The open document's figures are known here: no query on every keystroke.
            self.document_model.update_row(document_id, len(doc.spans), doc.status)
        else:
            self.document_model.refresh(document_id)

    def _document_loaded(self) -> None:
        doc = self.workspace.doc
        self.find_bar.set_document_text(doc.text)
        self.status_box.show_status(doc.status)
        self.status_box.setEnabled(doc.id is not None)
        if doc.id is not None:
            self.documents.show_document(doc.id)
            self.prefs.set_last_document(self.workspace.db.url, doc.id)
        self._current_span_changed(None)
        self._update_title()

    def _update_title(self) -> None:
        # Bidi controls in a title or a name are shown, never obeyed: a title must not read as another.
        document = self.workspace.doc.document
        where = f"{reveal(document.title)} — " if document else ""
        self.setWindowTitle(f"{where}Curator — {reveal(self.workspace.annotator)}")

    def _synced(self, changed: bool) -> None:
        if changed:
            self.statusBar().showMessage(self.tr("Updated with changes saved elsewhere"), 6000)
            self._current_span_changed(self.workspace.doc.current_span)

    # -- export, backups --------------------------------------------------------------------------

    def open_export(self) -> ExportDialog:
        """File → Export…: the export dialog (window-modal; the export runs in the background)."""
        if self.export_dialog is None:
            from curator.io.export_service import ExportService

            from .export_dialog import ExportDialog  # on first use: not needed to show the window

            model = self.document_model
            self.export_dialog = ExportDialog(
                ExportService(self.workspace.db), self.workspace.doc.id, model.listed_ids, self, model.listed_count
            )
            self.export_dialog.exported.connect(
                lambda count, out: self.statusBar().showMessage(
                    self.tr("Exported %Ln document(s) to {0}", "", count).format(out), 8000
                )
            )
        self.export_dialog.open_document = self.workspace.doc.id
        self.export_dialog.show_planned_count()
        self.export_dialog.open()
        return self.export_dialog

    def reopen_database(self) -> None:
        """After a restore: the same window, opened again on the restored database."""
        db = Database(self.workspace.db.url)
        window = MainWindow(db, self.workspace.annotator, self.prefs, self.live.poll_ms)
        REOPENED.append(window)
        window.show()
        self.close()

    # -- the current span -------------------------------------------------------------------------

    def _current_span_changed(self, span: SpanRecord | None) -> None:
        doc = self.workspace.doc
        links = []
        if span is not None:
            for relation in doc.relations_of(span.id):
                other_id = relation.target_id if relation.source_id == span.id else relation.source_id
                other = doc.spans.get(other_id)
                links.append((relation, other, doc.span_text(other) if other else ""))
        self.span_panel.show_span(span, doc.span_text(span) if span else "", links)
        self._show_entity(span)
        self.annotations.show_current(span)
        if span is not None and self.docks["annotation"].visibleRegion().isEmpty() and not self._commenting():
            self.docks["annotation"].raise_()  # only when hidden behind its tab: raising repaints the window

    def _show_entity(self, span: SpanRecord | None) -> None:
        record = self.entity_links.entity_of(span)
        name = ""
        if record is not None:
            language = self.workspace.doc.document.language if self.workspace.doc.document else "en"
            name = record.names.get(language) or next(iter(record.names.values()), record.key)
        found = self.entity_links.suggested(span) if record is None else None
        suggested = (found.key, found.name, found.score) if found else None
        self.span_panel.show_entity(self.entity_links.linkable(span), record.key if record else None, name, suggested)
        if record is not None:
            self.mentions_panel.show_entity(record.key)

    # -- entities ---------------------------------------------------------------------------------

    def accept_at_hand(self) -> None:
        """Enter: accepts the suggestion at hand, else the suggested link of the annotation at hand."""
        if self.suggestions.at_hand() is not None or self.suggested_link() is None:
            self.suggestions.accept()
        else:
            self.accept_suggested_link()

    def accept_suggested_link(self) -> None:
        """Shift+K: link the annotation at hand to its suggested entity (one undoable edit)."""
        self.entity_links.accept_suggested(self.workspace.doc.current_span)

    def suggested_link(self) -> LinkCandidate | None:
        """The link suggested for the annotation at hand (None when none is offered)."""
        return self.entity_links.suggested(self.workspace.doc.current_span)

    def choose_entity(self, span: SpanRecord | None = None) -> EntityChooser | None:
        """The link key (K): the chooser for the annotation at hand; its choice is one undoable edit."""
        return choose_and_link(self.entity_links, span or self.workspace.doc.current_span, self)

    def open_side_by_side(self, left: int | None = None, right: int | None = None) -> ParallelView:
        """View → Open side by side…: the open document (or ``left``) beside a report of the same story."""
        view = ParallelView(
            StoryService(self.workspace.db, self.workspace.annotator),
            self.catalog,
            left if left is not None else self.workspace.doc.id,
            right,
        )
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.destroyed.connect(lambda _o=None, v=view: self._forget_view(v))
        self.parallel_views.append(view)
        view.show()
        return view

    def _forget_view(self, view: ParallelView) -> None:
        if view in self.parallel_views:
            self.parallel_views.remove(view)

    def _commenting(self) -> bool:
        """Whether the Comments panel is the tab shown in front of the annotation's panel: the
        curator is commenting on the annotation they click, and keeps that tab."""
        comments = self.docks["comments"]
        return comments in self.tabifiedDockWidgets(self.docks["annotation"]) and not comments.visibleRegion().isEmpty()

    def _span_text(self, span_id: int) -> str | None:
        span = self.workspace.doc.spans.get(span_id)
        return self.workspace.doc.span_text(span) if span else None

    def _span_edited(self, span: SpanRecord) -> None:
        current = self.workspace.doc.current_span
        if current is not None and current.id == span.id:
            self._current_span_changed(span)

    # -- find -------------------------------------------------------------------------------------

    def open_find(self) -> None:
        selection = self.text_view.selection_offsets()
        query = self.workspace.doc.text[selection[0] : selection[1]] if selection else ""
        self.find_bar.open_bar(query if "\n" not in query else "")

    def open_corpus_search(self) -> None:
        self.docks["corpus"].show()
        self.docks["corpus"].raise_()
        self.corpus_search.query.setFocus()

    def annotate_all(self, query: str | None = None) -> None:
        """Label every occurrence of ``query`` (or of the selection) after showing what will be added."""
        doc = self.workspace.doc
        if doc.id is None:
            return
        current = doc.current_span
        # The label proposed is the current annotation's: typically the one just given to this word.
        default = (current.layer, current.label) if current else None
        if not query:
            selection = self.text_view.selection_offsets()
            if selection is None and current is not None:
                selection = (current.start, current.end)
            query = doc.text[selection[0] : selection[1]] if selection else ""
        if not query.strip():
            self.statusBar().showMessage(self.tr("Select a word or an annotation first"), 6000)
            return
        dialog = AnnotateAllDialog(doc.text, query, doc.spans, self.catalog, default, self)
        if dialog.exec() and dialog.chosen():
            layer, label = dialog.label()
            self.workspace.add_spans(layer, label, dialog.chosen())

    # -- the team's tools: schema and assignment (issue 21) -----------------------------------------

    def may_manage(self) -> bool:
        """A manager's login changes the schema and assigns; on SQLite (no roles) anyone does."""
        login = self.workspace.db.login
        return login is None or login.may("manager")

    def open_schema_editor(self) -> SchemaDialog:
        """Edit → Schema…: every change one undoable command on this window's stack. One dialog per
        window, kept when closed: the commands it pushed report to it when undone later."""
        from .schema_dialog import SchemaDialog

        dialog: SchemaDialog | None = getattr(self, "_schema_dialog", None)
        if dialog is None:
            editor = SchemaEditor(self.workspace.db, self.workspace.annotator)
            dialog = SchemaDialog(
                editor, self.workspace.undo_stack, self.schema_changed, self.workspace.report_refused, self
            )
            self._schema_dialog = dialog
        dialog.fill()
        dialog.show()
        dialog.raise_()
        return dialog

    def schema_changed(self, change: SchemaChange | None = None) -> None:
        """A schema change made or undone here (``change``) or by a colleague (None): the palette, the
        panels and the text repaint with it."""
        # The catalog again, for every part; the label language stays as chosen (or not chosen, so that
        # it keeps following the interface language).
        self._build_catalog(self.prefs.label_language)
        self.workspace.doc.reload()  # a merge or a split relabelled spans
        if change is not None:
            self.workspace.report_saved(change.description, self.workspace.doc.id or 0)
        else:
            self.statusBar().showMessage(self.tr("The schema was changed elsewhere"), 8000)

    def open_assignment(self) -> AssignmentDialog:
        """Edit → Assign documents…: preview the spread, then assign (as `curator assign`)."""
        from .assignment_dialog import AssignmentDialog

        service = AssignmentService(self.workspace.db, self.workspace.annotator)
        dialog = AssignmentDialog(service, self, self.document_model.listed_ids)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.assigned.connect(lambda _report: self.documents.apply_filter())  # the annotator's own list changed
        dialog.show()
        return dialog

    # -- annotator --------------------------------------------------------------------------------

    def switch_annotator(self) -> None:
        login = self.workspace.db.login
        if login is not None:  # the server knows the annotator as the login (issue 21)
            self.statusBar().showMessage(
                self.tr("You annotate as your server login, {0}; log in as another user to switch.").format(login.name),
                8000,
            )
            return
        name = choose_annotator(self, self.workspace.db.annotator_names(), self.workspace.annotator)
        if name and name != self.workspace.annotator:
            self.workspace.set_annotator(name)

    def _annotator_changed(self, name: str) -> None:
        self.prefs.annotator = name
        self.document_model.set_annotator(name)
        self.documents.refresh_counts()
        if self.workspace.doc.id is not None:
            self.documents.show_document(self.workspace.doc.id)
        self._update_title()
        self.statusBar().showMessage(self.tr("Now annotating as {0}").format(name), 6000)

    # -- status bar -------------------------------------------------------------------------------

    def _saved(self, message: str) -> None:
        self._show_save_state(message, "color: #2e7d32;")

    def _refused(self, message: str) -> None:
        # Once, in the save state (red): the same words also as a temporary message were drawn over it.
        self._show_save_state(message, "color: #c62828;")

    def _show_save_state(self, message: str, style: str) -> None:
        # Restyling a widget polishes it again, and a label that changes width lays out the status
        # bar: at every edit, so only when the colour changes, and the label only ever widens, up to
        # half the bar; a longer message is cut there with an ellipsis, whole in the tooltip.
        if self.save_state.styleSheet() != style:
            self.save_state.setStyleSheet(style)
        room = max(200, self.statusBar().width() // 2)
        metrics = self.save_state.fontMetrics()
        shown = metrics.elidedText(message, Qt.TextElideMode.ElideRight, room)
        self.save_state.setText(shown)
        self.save_state.setToolTip(message if shown != message else "")
        width = min(self.save_state.sizeHint().width(), room)
        if width > self.save_state.minimumWidth():
            self.save_state.setMinimumWidth(width)

    # -- view settings ----------------------------------------------------------------------------

    def _apply_font(self) -> None:
        font = self.prefs.text_font()
        font.setPointSize(max(6, font.pointSize() + self.prefs.zoom))
        self.text_view.set_text_font(font)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.prefs.text_font(), self, self.tr("Font of the text"))
        if ok:
            self.prefs.set_text_font(font)
            self.prefs.zoom = 0
            self._apply_font()

    def zoom(self, steps: int | None) -> None:
        self.prefs.zoom = 0 if steps is None else self.prefs.zoom + steps
        self._apply_font()

    def set_show_invisible(self, show: bool) -> None:
        self.prefs.show_invisible = show
        self.text_view.set_show_invisible(show)

    def set_exact(self, exact: bool) -> None:
        self.prefs.exact_selection = exact
        self.text_view.exact_mode = exact

    def set_label_language(self, language: str) -> None:
        """The curator chose the language of label names: remembered, and every part repainted."""
        self.prefs.label_language = language
        self._build_catalog(language)

    def _build_catalog(self, language: str) -> None:
        self.catalog = LabelCatalog(self.workspace.db.schema, language)
        for part in (self.label_palette, self.span_panel, self.doc_label_model, self.controller):
            part.set_catalog(self.catalog)
        self.annotation_model.catalog = self.catalog
        self.annotation_model.reload()
        self.label_palette.set_counts(dict(self.controller.counts))
        self._current_span_changed(self.workspace.doc.current_span)

    def ui_language(self) -> str:
        """The language the interface is in now (the application's default locale, set at start)."""
        return current_ui_language()

    def set_ui_language(self, language: str) -> None:
        """Remember ``language`` for the interface; it applies at the next start."""
        self.prefs.ui_language = language
        self.statusBar().showMessage(
            self.tr("The interface will be in {0} from the next start").format(UI_LANGUAGE_NAMES[language]), 8000
        )

    # -- session ----------------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry, state = self.prefs.window_geometry(), self.prefs.window_state(self.isRightToLeft())
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state is not None:
            self.restoreState(state)
        last = self.prefs.last_document(self.workspace.db.url)
        # After the window is painted: the start is not slowed down by opening a long document.
        after_first_paint(self, lambda: self._open_first(last))
        after_first_paint(self, self._hide_stale_tab_bars)

    def _hide_stale_tab_bars(self) -> None:
        """Hide the dock tab bars Qt no longer uses. Tabifying the annotation's dock and then splitting
        it leaves the first tab bar shown where the group was: under the text in a left-to-right
        window, over the labels in a mirrored one. A bar is in use when its tabs are a group's docks."""
        titles = {dock.windowTitle(): dock for dock in self.docks.values()}
        for bar in self.findChildren(QTabBar):
            if bar.parent() is not self or not bar.isVisible():
                continue
            shown = {bar.tabText(i) for i in range(bar.count())}
            first = titles.get(bar.tabText(0)) if bar.count() else None
            group = (
                {first.windowTitle(), *(d.windowTitle() for d in self.tabifiedDockWidgets(first))} if first else set()
            )
            if shown != group:
                bar.hide()

    def _open_first(self, last: int | None) -> None:
        if self.workspace.doc.id is not None:
            return
        # Quietly: a remembered document deleted since is no reason for a message.
        if last is not None and self.workspace.doc.open(last):
            return
        first = self.documents.adjacent(None, forward=True)
        if first is not None:
            self.open_document(first)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.prefs.save_window(self.saveGeometry(), self.saveState(), self.isRightToLeft())
        self.prefs.sync()
        self.live.stop()
        self.backups.stop()
        self.team.stop()
        self.corpus_search.shutdown()
        if self.export_dialog is not None:
            self.export_dialog.close()
        super().closeEvent(event)


# Windows opened again after a restore (kept referenced: a window without a parent lives as long as
# a Python reference does).
REOPENED: list[MainWindow] = []


_MIRRORED = {
    Qt.DockWidgetArea.LeftDockWidgetArea: Qt.DockWidgetArea.RightDockWidgetArea,
    Qt.DockWidgetArea.RightDockWidgetArea: Qt.DockWidgetArea.LeftDockWidgetArea,
}


def _scrolling(panel: QWidget) -> QScrollArea:
    """``panel`` in a frameless scroll area: a panel whose rows change with the selection (the span
    panel) would otherwise resize its dock at each new selection, and the window would lay out and
    repaint every dock; a scroll area keeps its child's layout changes to itself."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(panel)
    return area
