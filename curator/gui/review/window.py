"""The review window: choose a document and two or more annotators, see each one's spans on the
text side by side with the gold layer, step through the differences with the keyboard, decide, and
see the agreement figures as a table and a chart.

Keys: J / K next and previous difference, N / Shift+N next and previous unresolved one, 1-9 accept
that annotator's version, X reject, E accept and edit (label, boundaries, attributes), R take it out of
the gold layer again, Ctrl+Shift+A accept everything the annotators agree on (after a preview); Ctrl+Z and
Ctrl+Shift+Z (or Ctrl+Y) undo and redo decisions, review states and comments. Every key is an entry
of the Curate, Go or Help menu (:mod:`curator.gui.review.keys`), Help → Keyboard shortcuts lists them.

The window lays out widgets and wires them to :class:`ReviewController`, which calls the core through
its :class:`~curator.review.service.ReviewService` (made by ``open_review_window``); nothing here sees the database.

(Over 500 lines: one window of many panes, whose layout and key wiring read best in one place; the
decisions themselves are in the controller and the core.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.gui.comments_panel import comment_line
from curator.gui.plurals import install_plurals
from curator.gui.review.annotator_chooser import AnnotatorChooser
from curator.gui.review.bulk_dialog import BulkAcceptDialog
from curator.gui.review.chart import BarChart
from curator.gui.review.controller import ReviewController
from curator.gui.review.edit_dialog import AcceptEditDialog
from curator.gui.review.keys import ReviewKeys
from curator.gui.review.models import AgreementTableModel, ConfusionModel, DifferenceModel, DocumentFiguresModel
from curator.gui.review.panes import AnnotatorPane
from curator.gui.shown_names import review_state_name
from curator.gui.translations import current_ui_language
from curator.review.agreed import AgreedPlan
from curator.review.bulk import BulkPlan
from curator.review.states import REVIEW_STATES_LABELS
from curator.store.models import GOLD_ANNOTATOR, REVIEW_STATES
from curator.text.invisible import reveal

if TYPE_CHECKING:
    from curator.review.agreement import AgreementReport

TITLE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # a document chooser entry's title, without its state


class ReviewWindow(QMainWindow):
    """Review of colleagues through ``controller`` (which the window adopts as its child)."""

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_plurals()
        self.controller = controller
        controller.setParent(self)
        self.service = controller.service
        # Names, titles and comments are shown with bidi controls made visible (reveal): a reviewer
        # must never read a title or a comment as something other than what is stored.
        self.setWindowTitle(self.tr("Curator review — {0}").format(reveal(controller.reviewer)))
        # Dialog hooks, replaced in tests so that no modal dialog blocks them.
        self.confirm: Callable[[str, str], bool] = self._confirm
        # Runs the accept-and-edit dialog; True when the reviewer confirmed it.
        self.run_dialog: Callable[[QDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        # Asks where to write the disagreement list ("" when cancelled).
        self.choose_save_path: Callable[[], str] = self._choose_save_path
        # Asks for the folder of the agreement report ("" when cancelled).
        self.choose_report_folder: Callable[[], str] = self._choose_report_folder
        self.last_error = ""
        self.report: AgreementReport | None = None
        self.document_rows: list[dict[str, Any]] = []  # the per-document figures last computed
        self.panes: dict[str, AnnotatorPane] = {}

        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("all documents"), None)
        for state in REVIEW_STATES:
            self.state_filter.addItem(review_state_name(REVIEW_STATES_LABELS[state]), state)
        self.documents = QComboBox()
        self.documents.setMinimumWidth(260)
        self.document_order = QComboBox()
        self.document_order.addItem(self.tr("in id order"), "id")
        self.document_order.addItem(self.tr("lowest agreement first"), "agreement")
        self.annotators = AnnotatorChooser()
        self.annotator_list = self.annotators.names  # the list the chooser opens (what the tests tick)
        self.compare_button = QPushButton(self.tr("Compare"))
        top = QHBoxLayout()
        top_widgets = (
            QLabel(self.tr("Show")),
            self.state_filter,
            self.document_order,
            QLabel(self.tr("Document")),
            self.documents,
        )
        for widget in (*top_widgets, QLabel(self.tr("Annotators"))):
            top.addWidget(widget)
        top.addWidget(self.annotators)
        top.addStretch(1)
        top.addWidget(self.compare_button)

        self.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.difference_model = DifferenceModel()
        self.difference_view = QListView()
        self.difference_view.setModel(self.difference_model)
        self.difference_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A difference names both sides (a link difference both entities): wrapped, never cut off.
        self.difference_view.setWordWrap(True)
        self.difference_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.difference_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.accept_row = QHBoxLayout()
        self.accept_buttons: dict[str, QPushButton] = {}
        self.reject_button = QPushButton(self.tr("Reject (X)"))
        self.edit_button = QPushButton(self.tr("Accept and edit… (E)"))
        self.remove_button = QPushButton(self.tr("Remove from gold (R)"))
        self.agreed_button = QPushButton(self.tr("Accept all agreed… (Ctrl+Shift+A)"))
        self.bulk_button = QPushButton(self.tr("Bulk accept (majority, one annotator)…"))
        self.review_state = QComboBox()
        for state in REVIEW_STATES:
            self.review_state.addItem(review_state_name(REVIEW_STATES_LABELS[state]), state)
        self.comments = QListWidget()
        self.comment_text = QLineEdit()
        self.comment_text.setPlaceholderText(self.tr("Comment…"))
        self.comment_on_current = QCheckBox(self.tr("on the current annotation"))
        self.comment_button = QPushButton(self.tr("Comment"))
        self.reply_button = QPushButton(self.tr("Reply"))

        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Differences (J/K, N/Shift+N)")))
        side.addWidget(self.difference_view, 3)
        side.addLayout(self.accept_row)
        buttons = QHBoxLayout()
        for button in (self.reject_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        side.addLayout(buttons)
        side.addWidget(self.agreed_button)
        side.addWidget(self.bulk_button)
        state_row = QHBoxLayout()
        state_row.addWidget(QLabel(self.tr("Review state")))
        state_row.addWidget(self.review_state, 1)
        side.addLayout(state_row)
        side.addWidget(QLabel(self.tr("Comments")))
        side.addWidget(self.comments, 2)
        side.addWidget(self.comment_text)
        comment_row = QHBoxLayout()
        for control in (self.comment_on_current, self.comment_button, self.reply_button):
            comment_row.addWidget(control)
        side.addLayout(comment_row)
        side_widget = QWidget()
        side_widget.setLayout(side)
        compare = QSplitter(Qt.Orientation.Horizontal)
        compare.addWidget(self.pane_splitter)
        compare.addWidget(side_widget)
        compare.setStretchFactor(0, 3)
        compare.setStretchFactor(1, 1)

        self.layer_choice = QComboBox()
        self.compute_button = QPushButton(self.tr("Compute agreement"))
        self.export_button = QPushButton(self.tr("Export disagreements…"))
        self.agreement_model = AgreementTableModel()
        self.agreement_table = QTableView()
        self.agreement_table.setModel(self.agreement_model)
        self.agreement_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = BarChart()
        # Confusion of two annotators' labels on the spans matched by overlap (span layers only).
        self.confusion_a = QComboBox()
        self.confusion_b = QComboBox()
        self.confusion_model = ConfusionModel()
        self.confusion_table = QTableView()
        self.confusion_table.setModel(self.confusion_model)
        self.confusion_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.confusion_note = QLabel()
        confusion = QVBoxLayout()
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Confusion of labels on matched spans: rows")))
        pick.addWidget(self.confusion_a, 1)
        pick.addWidget(QLabel(self.tr("columns")))
        pick.addWidget(self.confusion_b, 1)
        confusion.addLayout(pick)
        confusion.addWidget(self.confusion_table, 1)
        confusion.addWidget(self.confusion_note)
        self.confusion_box = QWidget()
        self.confusion_box.setLayout(confusion)
        figures_tabs = QTabWidget()
        figures_tabs.addTab(self.chart, self.tr("Chart"))
        figures_tabs.addTab(self.confusion_box, self.tr("Confusion matrix"))
        self.figure_tabs = figures_tabs
        agreement_layout = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Layer")))
        row.addWidget(self.layer_choice, 1)
        row.addWidget(self.compute_button)
        row.addWidget(self.export_button)
        agreement_layout.addLayout(row)
        agreement_layout.addWidget(self.agreement_table, 2)
        agreement_layout.addWidget(figures_tabs, 1)
        agreement_widget = QWidget()
        agreement_widget.setLayout(agreement_layout)

        # Every document's figures and differences left, lowest agreement first (sortable by any column).
        self.document_figures = DocumentFiguresModel()
        self.document_table = QTableView()
        self.document_table.setModel(self.document_figures)
        self.document_table.setSortingEnabled(True)
        self.document_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.document_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.figures_button = QPushButton(self.tr("Compute per-document figures"))
        documents_layout = QVBoxLayout()
        documents_layout.addWidget(self.figures_button)
        documents_layout.addWidget(self.document_table, 1)
        documents_widget = QWidget()
        documents_widget.setLayout(documents_layout)

        self.tabs = QTabWidget()
        self.tabs.addTab(compare, self.tr("Compare and curate"))
        self.tabs.addTab(agreement_widget, self.tr("Agreement"))
        self.tabs.addTab(documents_widget, self.tr("Documents"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1400, 850)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            edit_menu.addAction(action)

        self._wire()
        self._fill_annotators()
        self._fill_documents()

    # -- wiring -----------------------------------------------------------------------------------

    def _wire(self) -> None:
        c = self.controller
        c.changed.connect(self._redraw)
        c.current_changed.connect(self._show_current)
        c.failed.connect(self._failed)
        # Undo and redo bring the reviewer back to the decision's document: the chooser follows.
        c.undo_stack.indexChanged.connect(lambda _i: self._show_chosen_document())
        self.state_filter.currentIndexChanged.connect(lambda _i: self._fill_documents())
        self.compare_button.clicked.connect(self.compare)
        self.documents.currentIndexChanged.connect(lambda _i: self.compare())
        self.difference_view.selectionModel().currentChanged.connect(lambda index, _old: c.go_to(index.row()))
        self.reject_button.clicked.connect(c.reject)
        self.edit_button.clicked.connect(self.accept_and_edit)
        self.remove_button.clicked.connect(c.remove_from_gold)
        self.agreed_button.clicked.connect(self.accept_all_agreed)
        self.review_state.activated.connect(lambda i: c.set_state(str(self.review_state.itemData(i))))
        self.comment_button.clicked.connect(lambda: self._comment(reply=False))
        self.reply_button.clicked.connect(lambda: self._comment(reply=True))
        self.compute_button.clicked.connect(self.compute_agreement)
        self.export_button.clicked.connect(self.export_disagreements)
        self.bulk_button.clicked.connect(self.bulk_accept)
        self.figures_button.clicked.connect(self.compute_document_figures)
        self.document_order.currentIndexChanged.connect(lambda _i: self._fill_documents())
        self.document_table.doubleClicked.connect(
            lambda index: self.select_document(int(self.document_figures.data(index, Qt.ItemDataRole.UserRole)))
        )
        self.layer_choice.currentIndexChanged.connect(lambda _i: self._show_layer())
        self.confusion_a.currentIndexChanged.connect(lambda _i: self._show_confusion())
        self.confusion_b.currentIndexChanged.connect(lambda _i: self._show_confusion())
        self.comment_text.returnPressed.connect(lambda: self._comment(reply=False))
        # Every key is a menu entry (Curate, Go, Help), listed by Help → Keyboard shortcuts.
        self.keys = ReviewKeys(self, self)

    def _fill_annotators(self) -> None:
        self.annotators.fill(self.service.annotators())

    def _fill_documents(self) -> None:
        state = self.state_filter.currentData()
        listed = self.service.documents([state] if state else None)
        if self.document_order.currentData() == "agreement":
            rank = {row["document_id"]: n for n, row in enumerate(self.compute_document_figures())}
            listed.sort(key=lambda d: (rank.get(d[0], len(rank)), d[0]))
        self.documents.blockSignals(True)
        self.documents.clear()
        for doc_id, ext_id, title, doc_state in listed:
            shown = reveal(title or ext_id)
            self.documents.addItem(f"{shown}  [{review_state_name(REVIEW_STATES_LABELS[doc_state])}]", doc_id)
            self.documents.setItemData(self.documents.count() - 1, shown, TITLE_ROLE)
        self.documents.blockSignals(False)
        self.compare()

    # -- actions (also what the tests drive) ------------------------------------------------------

    def chosen_annotators(self) -> list[str]:
        return self.annotators.chosen()

    def set_annotators(self, names: list[str]) -> None:
        self.annotators.set_chosen(names)

    def _show_chosen_document(self) -> None:
        document = self.controller.document
        if document is None or self.documents.currentData() == document.id:
            return
        index = self.documents.findData(document.id)
        if index >= 0:
            self.documents.blockSignals(True)
            self.documents.setCurrentIndex(index)
            self.documents.blockSignals(False)

    def select_document(self, document_id: int) -> None:
        index = self.documents.findData(document_id)
        if index >= 0:
            self.documents.setCurrentIndex(index)
            self.compare()

    def compare(self) -> None:
        doc_id = self.documents.currentData()
        names = self.chosen_annotators()
        if doc_id is None:
            return
        if len(names) < 2:
            self._failed("choose two or more annotators to compare")
        self._build_panes(names)
        self.controller.open(int(doc_id), names)

    def accept_and_edit(self) -> None:
        """Accept a span of the current difference with another label, other boundaries or other
        attributes, chosen in :class:`AcceptEditDialog` (started from the first annotator's span)."""
        diff = self.controller.current
        document = self.controller.document
        if diff is None or diff.scope != "span" or document is None:
            return
        candidates = [span for name in self.controller.annotators for span in diff.spans.get(name, ())]
        if not candidates:
            return
        dialog = AcceptEditDialog(self.service.schema, document.text, candidates, self.selected_offsets, self)
        try:
            if self.run_dialog(dialog):
                self.controller.accept_edited(dialog.edited())
        finally:
            dialog.deleteLater()

    def selected_offsets(self) -> tuple[int, int] | None:
        """The text selected in a pane (the focused one first), as code-point offsets, or None."""
        panes = sorted(self.panes.values(), key=lambda pane: not pane.text.hasFocus())
        return next((found for pane in panes if (found := pane.selected_offsets()) is not None), None)

    def accept_all_agreed(self) -> None:
        plan = self.controller.preview_agreed()
        if plan is None:
            return
        if plan.empty:
            self.statusBar().showMessage(self.tr("nothing agreed is missing from the gold layer"), 5000)
            return
        lines = [s.describe() for s in plan.spans[:20]]
        lines += [f"{r.type}: {r.source[1]} {r.source[2]}-{r.source[3]} → {r.target[1]}" for r in plan.relations[:10]]
        lines += [f"document: {layer}/{label}" for layer, label in plan.doc_labels]
        if self.confirm(
            self.tr("Accept all agreed"),
            self.tr("This adds {0} to the gold layer:").format(self._counted(plan)) + "\n" + "\n".join(lines),
        ):
            added = self.controller.accept_agreed(plan)
            if added is not None:
                self.statusBar().showMessage(self.tr("added {0}").format(self._counted(added)), 5000)

    def _counted(self, plan: AgreedPlan | BulkPlan) -> str:
        """A plan's spans, relations and document labels, counted in the interface language (and for a
        bulk plan its documents and the spans the schema refused)."""
        spans, relations, labels = plan.counts()
        text = ", ".join(
            (
                self.tr("%Ln span(s)", "", spans),
                self.tr("%Ln relation(s)", "", relations),
                self.tr("%Ln document label(s)", "", labels),
            )
        )
        if isinstance(plan, BulkPlan):
            text += " " + self.tr("on %Ln document(s)", "", len(plan.documents))
            if plan.refused:
                text += "; " + self.tr("%Ln span(s) refused by the schema", "", len(plan.refused))
        return text

    def compute_document_figures(self) -> list[dict[str, Any]]:
        """Every document's figures between the chosen annotators and its differences left, shown in
        the Documents tab lowest agreement first; returned in that order."""
        names = self.chosen_annotators()
        if len(names) < 2:
            self._failed("choose two or more annotators to compare")
            return []
        try:
            report = self.service.agreement(names)
            left = self.service.differences_left(names)
        except ValueError as exc:
            self._failed(str(exc))
            return []
        states = {
            doc_id: review_state_name(REVIEW_STATES_LABELS[state]) for doc_id, _, _, state in self.service.documents()
        }
        rows = []
        for row in report.by_document():
            rows.append({**row, "state": states.get(row["document_id"], ""), "left": left.get(row["document_id"], 0)})
        self.document_rows = rows
        self.document_figures.set_rows(rows, [layer.layer for layer in report.span_layers])
        return rows

    def export_disagreements(self) -> None:
        """Write the corpus's disagreements between the chosen annotators to a .csv or .json file."""
        names = self.chosen_annotators()
        path = self.choose_save_path()
        if not path:
            return
        try:
            count = self.service.export_disagreements(names, Path(path))
        except (ValueError, OSError) as exc:
            self._failed(str(exc))
            return
        self.statusBar().showMessage(self.tr("wrote %Ln disagreement(s) to {0}", "", count).format(path), 8000)

    def write_report(self, language: str | None = None) -> Path | None:
        """Write the HTML agreement report of the chosen annotators into a folder the reviewer
        chooses, label names in ``language``: by default the interface's (``curator report
        --language`` on the command line)."""
        folder = self.choose_report_folder()
        if not folder:
            return None
        try:
            page = self.service.write_report(self.chosen_annotators(), Path(folder), language or current_ui_language())
        except (ValueError, OSError, ModuleNotFoundError) as exc:
            self._failed(str(exc))
            return None
        self.statusBar().showMessage(self.tr("Report written to {0}").format(str(page)), 8000)
        return page

    def bulk_accept(self) -> None:
        """Preview and make one bulk acceptance (a majority, or one annotator's work) in
        :class:`BulkAcceptDialog`; one command on the undo stack."""
        document = self.controller.document
        if document is None or len(self.controller.annotators) < 2:
            self._failed("open a document with two or more annotators first")
            return
        layers = [layer.id for layer in self.service.schema.layers]
        dialog = BulkAcceptDialog(self.controller.annotators, layers, document.id, self.controller.preview_bulk, self)
        try:
            if self.run_dialog(dialog) and dialog.plan is not None and not dialog.plan.empty:
                added = self.controller.accept_bulk(dialog.plan)
                if added is not None:
                    self.statusBar().showMessage(self.tr("added {0}").format(self._counted(added)), 8000)
        finally:
            dialog.deleteLater()

    def compute_agreement(self) -> None:
        names = self.chosen_annotators()
        try:
            self.report = self.service.agreement(names)
        except ValueError as exc:
            self._failed(str(exc))
            return
        figures = self.report.to_dict()
        self.layer_choice.blockSignals(True)
        self.layer_choice.clear()
        for layer in figures["span_layers"]:
            self.layer_choice.addItem(self.tr("{0} (spans)").format(layer["layer"]), ("span", layer))
        for layer in figures["document_layers"]:
            self.layer_choice.addItem(self.tr("{0} (documents)").format(layer["layer"]), ("document", layer))
        self.layer_choice.blockSignals(False)
        for box in (self.confusion_a, self.confusion_b):
            box.blockSignals(True)
            box.clear()
            for name in self.report.annotators:
                box.addItem(reveal(name), name)
            box.blockSignals(False)
        self.confusion_b.setCurrentIndex(min(1, self.confusion_b.count() - 1))
        self._show_layer()

    # -- drawing ----------------------------------------------------------------------------------

    def _build_panes(self, names: list[str]) -> None:
        wanted = [*names, GOLD_ANNOTATOR]
        if list(self.panes) == wanted:
            return
        for pane in self.panes.values():
            pane.setParent(None)
            pane.deleteLater()
        self.panes = {name: AnnotatorPane(name, self.service.schema) for name in wanted}
        for pane in self.panes.values():
            self.pane_splitter.addWidget(pane)
        while self.accept_row.count():
            item = self.accept_row.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.accept_buttons = {}
        for n, name in enumerate(names[:9], start=1):
            button = QPushButton(self.tr("Accept {0} ({1})").format(reveal(name), n))
            button.clicked.connect(lambda _checked=False, name=name: self.controller.accept(name))
            self.accept_row.addWidget(button)
            self.accept_buttons[name] = button

    def _redraw(self) -> None:
        c = self.controller
        if c.document is None:
            return
        text = c.document.text
        for name, pane in self.panes.items():
            if pane.text.toPlainText() == "" or getattr(pane, "_doc_id", None) != c.document.id:
                pane.set_text(text)
                pane._doc_id = c.document.id  # type: ignore[attr-defined]
            pane.show_spans([s for s in c.spans if s.annotator == name], c.links)
        self.difference_model.set_differences(c.differences, text)
        state = c.state()
        index = self.review_state.findData(state)
        self.review_state.setCurrentIndex(max(index, 0))
        # The chooser tells the state as it is now (the first decision puts a document in review).
        row = self.documents.findData(c.document.id)
        if row >= 0:
            shown = f"{self.documents.itemData(row, TITLE_ROLE)}  [{review_state_name(REVIEW_STATES_LABELS[state])}]"
            if self.documents.itemText(row) != shown:
                self.documents.setItemText(row, shown)
        self.comments.clear()
        for thread in c.threads():
            for n, comment in enumerate([thread.root, *thread.replies]):
                where = "" if comment.target_kind == "document" else f" on {comment.target_kind} {comment.target_id}"
                item = QListWidgetItem(("    ↳ " if n else "") + comment_line(comment, where))
                item.setData(Qt.ItemDataRole.UserRole, thread.root.id)
                self.comments.addItem(item)
        resolved = sum(d.resolved for d in c.differences)
        self.document_figures.set_left(c.document.id, len(c.differences) - resolved)
        differences = self.tr("%Ln difference(s)", "", len(c.differences))
        message = self.tr("{0}, %Ln resolved", "", resolved).format(differences)
        if c.agreed_missing is not None and resolved == len(c.differences):
            message += " — " + self.tr("agreed, not in the gold layer yet: {0} (Ctrl+Shift+A)").format(
                self._counted(c.agreed_missing)
            )
        self.statusBar().showMessage(message)

    def _show_current(self, index: int) -> None:
        diff = self.controller.current
        if diff is None:
            return
        model_index = self.difference_model.index(index, 0)
        selection = self.difference_view.selectionModel()
        if selection.currentIndex().row() != index:
            selection.setCurrentIndex(model_index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.difference_view.scrollTo(model_index)
        for pane in self.panes.values():
            pane.focus_on(diff.start, diff.end)

    def _show_layer(self) -> None:
        data = self.layer_choice.currentData()
        if not data:
            return
        scope, figures = data
        self.agreement_model.set_layer(figures, scope)
        labels = [self.agreement_model.index(r, 0).data() for r in range(1, self.agreement_model.rowCount())]
        names = []
        for label in labels:
            found = self.service.schema.label(figures["layer"], label)
            names.append(f"{label} {found.names.get('ar')}" if found else label)
        if scope == "span":
            series = {
                f"{p['a']}/{p['b']}": [(p["overlap_by_label"].get(lab) or {}).get("f1") for lab in labels]
                for p in figures["pairs"]
            }
        else:
            series = {f"{p['a']}/{p['b']}": [p["by_label"].get(lab) for lab in labels] for p in figures["pairs"]}
        self.chart.set_data(names, series)
        self.confusion_box.setEnabled(scope == "span")
        self._show_confusion()

    def set_confusion_pair(self, a: str, b: str) -> None:
        """Show the confusion matrix of ``a``'s labels (rows) against ``b``'s (columns)."""
        self.confusion_a.setCurrentIndex(self.confusion_a.findData(a))
        self.confusion_b.setCurrentIndex(self.confusion_b.findData(b))

    def _show_confusion(self) -> None:
        data = self.layer_choice.currentData()
        a, b = self.confusion_a.currentData(), self.confusion_b.currentData()
        if not data or data[0] != "span":
            self.confusion_model.clear()
            self.confusion_note.setText(self.tr("A confusion matrix is for span layers."))
            return
        if a is None or b is None or a == b:
            self.confusion_model.clear()
            self.confusion_note.setText(self.tr("Choose two different annotators."))
            return
        shown = self.confusion_model.set_pair(data[1], str(a), str(b))
        self.confusion_note.setText(
            "Spans matched by overlap whatever their labels; (none): the other annotator has no span there."
            if shown
            else "These two annotators are not compared here."
        )

    # -- helpers ----------------------------------------------------------------------------------

    def _comment(self, reply: bool) -> None:
        body = self.comment_text.text().strip()
        if not body:
            return
        reply_to = None
        if reply:
            item = self.comments.currentItem()
            if item is None:
                self._failed("choose the comment to reply to")
                return
            reply_to = int(item.data(Qt.ItemDataRole.UserRole))
        self.controller.comment(body, self.comment_on_current.isChecked(), reply_to)
        self.comment_text.clear()

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.statusBar().showMessage(message, 8000)

    def _choose_save_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export disagreements"), "disagreements.csv", "CSV (*.csv);;JSON (*.json)"
        )
        return path

    def _choose_report_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Folder of the agreement report"))

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return bool(answer == QMessageBox.StandardButton.Yes)
