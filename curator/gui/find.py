"""Finding text: in the open document (a find bar), in the whole corpus (a results panel), and
"annotate all occurrences" of a selection with a preview of what it will add.

Matching is Arabic-insensitive (tashkeel, tatweel, alef forms, yeh, teh marbuta) and accent- and
case-insensitive for French, through :mod:`curator.text.folding`; offsets are those of the stored text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from curator.store.search import CorpusSearch, Hit
from curator.store.span_index import SpanIndex
from curator.text.folding import find_all
from curator.text.invisible import reveal
from curator.text.language import line_direction
from curator.text.selection import occurrence_is_whole_word

from .background import Job
from .direction import TEXT_DIRECTION_ROLE, OwnDirectionDelegate, cell_alignment, layout_direction, reads_rtl
from .label_catalog import LabelCatalog
from .label_palette import swatch
from .plurals import install_plurals
from .shown_names import QT_TRANSLATE_NOOP
from .table_model import TableModel


class FindBar(QWidget):
    """Find in the open document: every match outlined, Enter and Shift+Enter step through them."""

    hits_changed = Signal(list, int)  # [(start, end)], index of the current one
    go_to = Signal(int, int)  # a match to show: start, end (code points)
    annotate_all_requested = Signal(str)  # the query

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Find in document (ignores tashkeel, hamza forms, accents)"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.status = QLabel()
        previous_button, next_button = QToolButton(), QToolButton()
        previous_button.setText("▲")
        next_button.setText("▼")
        previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        next_button.setToolTip(self.tr("Next match (Enter)"))
        previous_button.clicked.connect(lambda: self.step(-1))
        next_button.clicked.connect(lambda: self.step(1))
        self.annotate_button = QPushButton(self.tr("Annotate all…"))
        self.annotate_button.setToolTip(self.tr("Label every occurrence, after a preview"))
        self.annotate_button.clicked.connect(lambda: self.annotate_all_requested.emit(self.query.text()))
        close = QToolButton()
        close.setText("✕")
        close.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.query, 1)
        row.addWidget(self.status)
        row.addWidget(previous_button)
        row.addWidget(next_button)
        row.addWidget(self.annotate_button)
        row.addWidget(close)
        self._text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.search)
        self.query.textChanged.connect(self._debounce.start)
        # Escape closes the bar only while the focus is in it; elsewhere it cancels a link gesture.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_document_text(self, text: str) -> None:
        self._text = text
        if self.isVisible() and self.query.text():
            self.search()
        else:
            self.hits, self.current = [], -1

    def open_bar(self, query: str = "") -> None:
        self.show()
        if query:
            self.query.setText(query)
        self.query.setFocus()
        self.query.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.hits, self.current = [], -1
        self.hits_changed.emit([], -1)

    def search(self) -> None:
        self._debounce.stop()
        query = self.query.text()
        self.hits = find_all(self._text, query) if query.strip() and self._text else []
        self.current = 0 if self.hits else -1
        self._report()

    def step(self, delta: int) -> None:
        if self._debounce.isActive():
            self.search()
        if not self.hits:
            return
        self.current = (self.current + delta) % len(self.hits)
        self._report()

    def _report(self) -> None:
        total = len(self.hits)
        if total:
            self.status.setText(f"{self.current + 1} / {total}")
        else:
            self.status.setText(self.tr("no match") if self.query.text() else "")
        self.hits_changed.emit(self.hits, self.current)
        if self.current >= 0:
            self.go_to.emit(*self.hits[self.current])

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return True
        return super().eventFilter(watched, event)


def occurrences(text: str, query: str, *, article: bool = False) -> list[tuple[int, int]]:
    """Matches of ``query`` that are whole words (a proclitic, article or elision may come before)."""
    return [(s, e) for s, e in find_all(text, query) if occurrence_is_whole_word(text, s, e, article=article)]


class AnnotateAllDialog(QDialog):
    """Shows every occurrence of a query with the label to give it; the curator unticks what should
    not be labelled. ``chosen()`` gives the label and the ranges to add."""

    def __init__(
        self,
        text: str,
        query: str,
        spans: SpanIndex,
        catalog: LabelCatalog,
        default: tuple[str, str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        install_plurals()
        self.setWindowTitle(self.tr("Annotate all occurrences"))
        self.resize(760, 480)
        self.text, self.query, self.spans, self.catalog = text, query, spans, catalog
        self.label_box = QComboBox()
        for style in catalog.span_labels():
            self.label_box.addItem(swatch(style.color), f"{style.name} ({style.label})", f"{style.layer}/{style.label}")
        if default is not None:
            self.label_box.setCurrentIndex(max(0, self.label_box.findData("/".join(default))))
        self.label_box.currentIndexChanged.connect(self._fill)
        self.summary = QLabel()
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Add"), self.tr("Position"), self.tr("In context")])
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(OwnDirectionDelegate(self.view))
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.model.itemChanged.connect(self._update_summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add these"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Label every occurrence of “{0}” as").format(query)))
        top.addWidget(self.label_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._fill()

    def label(self) -> tuple[str, str]:
        layer, label = str(self.label_box.currentData()).split("/", 1)
        return layer, label

    def _fill(self) -> None:
        layer_id, label = self.label()
        layer = self.catalog.schema.layer(layer_id)
        article = layer is not None and not layer.article_in_span
        self.model.removeRows(0, self.model.rowCount())
        for start, end in occurrences(self.text, self.query, article=article):
            exists = self.spans.find(layer_id, label, start, end) is not None
            # Inside a longer span of the same label (خياري in خالد خياري): offered, not ticked,
            # as a nested span of one label is rarely what the curator means.
            inside = not exists and self._inside_same_label(layer_id, label, start, end)
            check = QStandardItem()
            check.setCheckable(True)
            check.setCheckState(Qt.CheckState.Unchecked if exists or inside else Qt.CheckState.Checked)
            check.setEnabled(not exists)
            check.setData((start, end), Qt.ItemDataRole.UserRole)
            note = self.tr(" (already)") if exists else self.tr(" (inside a {0})").format(label) if inside else ""
            position = QStandardItem(f"{start}–{end}{note}")
            before = self.text[max(0, start - 30) : start].split("\n")[-1]
            after = self.text[end : end + 30].split("\n")[0]
            context = QStandardItem(f"{before}【{self.text[start:end]}】{after}")
            # In the direction of its line, as the text view shows it.
            rtl = line_direction(self.text, start) == "rtl"
            context.setTextAlignment(Qt.AlignmentFlag(cell_alignment(rtl)))
            context.setData(layout_direction(rtl), TEXT_DIRECTION_ROLE)
            for item in (check, position, context):
                item.setEditable(False)
            self.model.appendRow([check, position, context])
        self._update_summary()

    def _inside_same_label(self, layer: str, label: str, start: int, end: int) -> bool:
        return any(
            span.layer == layer and span.label == label and span.start <= start and end <= span.end
            for span in self.spans.overlapping(start, end)
        )

    def chosen(self) -> list[tuple[int, int]]:
        ranges = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 0)
            if item.isEnabled() and item.checkState() == Qt.CheckState.Checked:
                start, end = item.data(Qt.ItemDataRole.UserRole)
                ranges.append((int(start), int(end)))
        return ranges

    def _update_summary(self) -> None:
        total = self.model.rowCount()
        self.summary.setText(self.tr("{0} of %Ln occurrence(s) will be added", "", total).format(len(self.chosen())))


class HitModel(TableModel):
    """Corpus search results: document and the match in its context."""

    HEADERS = (QT_TRANSLATE_NOOP("TableModel", "Document"), QT_TRANSLATE_NOOP("TableModel", "Match in context"))

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.hits)

    def cell(self, row: int, column: int, role: int) -> Any:
        hit = self.hits[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return reveal(hit.title)  # a title's bidi controls shown, not obeyed
            before = hit.before.split("\n")[-1]
            after = hit.after.split("\n")[0]
            return f"{before}【{hit.match}】{after}"
        if role in (Qt.ItemDataRole.TextAlignmentRole, TEXT_DIRECTION_ROLE):
            # The title in its own direction; the context in its line's, as the text view shows it.
            rtl = reads_rtl(hit.title) if column == 0 else hit.direction == "rtl"
            return layout_direction(rtl) if role == TEXT_DIRECTION_ROLE else cell_alignment(rtl)
        return None

    def hit_at(self, row: int) -> Hit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None


class CorpusSearchPanel(QWidget):
    """Find in the whole corpus through ``search`` (the core's, never the database itself);
    activating a result opens the document on the match."""

    hit_activated = Signal(int, int, int)  # document id, start, end: Enter or double click, to work there
    hit_clicked = Signal(int, int, int)  # a single click: show the match, the focus stays in the results

    def __init__(self, search: CorpusSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_plurals()
        self.corpus = search
        self._indexing: Job | None = None
        self._indexing_label = ""
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Find in the corpus (Arabic- and accent-insensitive), Enter"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search)
        self.status = QLabel()
        self.model = HitModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(OwnDirectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._clicked)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def search(self) -> None:
        """Search at once when the index is complete (an import indexes its documents); otherwise
        index the documents an older Curator stored, or ``import --index-later``, in the background
        first, then search."""
        query = self.query.text()
        if not query.strip():
            self._show([])
            return
        if self._indexing is not None:
            return  # the search runs when the index is ready
        missing = self.corpus.pending()
        if missing:
            self._index_then_search(missing)
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            hits = self.corpus.search(query)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show(hits)

    def _show(self, hits: list[Hit]) -> None:
        self.model.set_hits(hits)
        documents = len({hit.document_id for hit in hits})
        matches = self.tr("%Ln match(es)", "", len(hits))
        self.status.setText(self.tr("{0} in %Ln document(s)", "", documents).format(matches))

    def _index_then_search(self, missing: int) -> None:
        job = Job(self.corpus.index, self)
        self._indexing = job
        self._indexing_label = self.tr("Indexing {0} of %Ln document(s) for search…", "", missing)
        self.status.setText(self._indexing_label.format(0))
        # Methods of this widget, not lambdas: PySide runs a lambda in the emitting thread, and a label
        # changed from the indexing thread crashes Qt now and then.
        job.progressed.connect(self._index_progressed)
        job.failed.connect(self._index_failed)
        job.finished.connect(self._indexed)
        job.start()

    def _index_progressed(self, done: int) -> None:
        self.status.setText(self._indexing_label.format(f"{done:,}"))

    def _index_failed(self, message: str) -> None:
        self.status.setText(self.tr("Search index: {0}").format(message))

    def _indexed(self) -> None:
        job, self._indexing = self._indexing, None
        if job is not None:
            # The finished job stays a child of this panel, deleted with it: deleting it here (even
            # after wait()) crashed in ~QObject one run in five. One job is left per indexing run.
            job.wait()
            if job.outcome == "succeeded":
                self.search()

    def shutdown(self) -> None:
        """Stop indexing (between two batches, each saved) before the window goes."""
        if self._indexing is not None:
            self._indexing.cancel()
            self._indexing.wait()

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row())
        if hit is not None:
            self.hit_activated.emit(hit.document_id, hit.start, hit.end)

    def _clicked(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row())
        if hit is not None:
            self.hit_clicked.emit(hit.document_id, hit.start, hit.end)
