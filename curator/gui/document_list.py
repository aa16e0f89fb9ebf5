"""The document list: a lazy table over the corpus (title, language, status, annotations), with filters.

Rows arrive a page at a time as the view scrolls (``canFetchMore``/``fetchMore`` over keyset pages
from :mod:`curator.store.browse`, or :mod:`curator.review.listing` when a review state is chosen),
so a corpus of 100,000 documents opens as fast as one of ten. Titles are shown with their bidi
controls and invisible characters made visible: a title must not read as something it is not.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.review import listing
from curator.review.states import REVIEW_STATES_LABELS
from curator.store import browse
from curator.store.assignment import ReadOnly, read_only_reasons
from curator.store.browse import DocumentFilter, DocumentOrder, DocumentRow
from curator.store.database import Database
from curator.store.models import REVIEW_STATES, STATUSES
from curator.text.invisible import reveal

from .direction import TEXT_DIRECTION_ROLE, OwnDirectionDelegate, cell_alignment, layout_direction, reads_rtl
from .first_paint import after_first_paint
from .plurals import install_plurals
from .shown_names import QT_TRANSLATE_NOOP, review_state_name, status_name
from .table_model import AnyIndex, TableModel

TITLE, LANGUAGE, STATUS, COUNT = range(4)
SORT_KEY_OF_COLUMN = {TITLE: "title", LANGUAGE: "language", STATUS: "status", COUNT: "annotations"}
STATUS_NAMES = {"new": "New", "in_progress": "In progress", "done": "Done"}  # shown through status_name


def reason_text(reason: ReadOnly) -> str:
    """Why a document is read-only, in the interface language."""
    if reason.review_state is None:
        text = QCoreApplication.translate("DocumentList", "given to {0}; it is read-only for {1}")
        return text.format(", ".join(reveal(n) for n in reason.given_to), reveal(reason.annotator))
    state = review_state_name(REVIEW_STATES_LABELS.get(reason.review_state, reason.review_state))
    text = QCoreApplication.translate(
        "DocumentList",
        "locked: its curation has started ({0}); a curator reopens it by setting its review state back to not reviewed",
    )
    return text.format(state)


class DocumentListModel(TableModel):
    """Documents for one annotator, loaded page by page, in import (id) order or sorted by a column
    (:meth:`sort`: by the query, a keyset page at a time, never in Python)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TableModel", "Title"),
        QT_TRANSLATE_NOOP("TableModel", "Lang."),
        QT_TRANSLATE_NOOP("TableModel", "Status"),
        QT_TRANSLATE_NOOP("TableModel", "Spans"),
    )

    def __init__(self, db: Database, annotator: str, page: int = browse.PAGE) -> None:
        super().__init__()
        self.db = db
        self.annotator = annotator
        self.page = page
        self.filter = DocumentFilter()
        self.review_states: tuple[str, ...] = ()  # empty: any review state
        self.order = DocumentOrder()
        self._rows: list[DocumentRow] = []
        self._row_of: dict[int, int] = {}
        self._exhausted = False
        self._busy = False  # inside a reset or an insertion
        self.open_id: int | None = None
        # Why a listed document is read-only for the annotator (given to others, locked in
        # curation), read with each page: shown greyed, the reason in its tooltip (issue 21).
        self.reasons: dict[int, ReadOnly] = {}

    def read_only_reason(self, document_id: int) -> ReadOnly | None:
        """Why ``document_id`` is read-only for the annotator now, or None."""
        return read_only_reasons(self.db, self.annotator, [document_id]).get(document_id)

    def set_filter(self, flt: DocumentFilter, review_states: tuple[str, ...] = ()) -> None:
        self.filter = flt
        self.review_states = review_states
        self.reload()

    @property
    def filtered(self) -> bool:
        """Whether a filter that an edit can change (status, review state) narrows the list."""
        return self.filter.status is not None or bool(self.review_states)

    def follow_changes(self, document_ids: set[int], moved: set[int] | None = None) -> None:
        """Colleagues changed these documents: refresh their rows, show new documents, drop deleted
        ones. Where a status or review-state filter is on and ``moved`` names documents whose status,
        review state or existence changed, the list is read again (they may enter or leave it)."""
        if (self.filtered and (moved is None or moved)) or len(document_ids) > 200:
            self.reload()
            return
        last = self._rows[-1].id if self._rows else 0
        reread = reopened = False
        for document_id in sorted(document_ids):
            if document_id in self._row_of:
                reread |= not self.refresh(document_id)  # gone
            elif not self.in_id_order:
                reread = True  # a new document may belong anywhere in a sorted list
            elif document_id > last and self._exhausted:
                self._exhausted, reopened = False, True  # new documents past the end: read them
        if reread:
            self.reload()
        elif reopened:
            self.fetchMore(QModelIndex())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header was clicked: read the list again in that column's order (-1: import order)."""
        key = SORT_KEY_OF_COLUMN.get(column, "id")
        wanted = DocumentOrder(key, descending=order == Qt.SortOrder.DescendingOrder and key != "id")
        if wanted != self.order:
            self.order = wanted
            self.reload()

    @property
    def in_id_order(self) -> bool:
        return self.order == DocumentOrder()

    def set_annotator(self, annotator: str) -> None:
        self.annotator = annotator
        self.reload()

    def listed_ids(self) -> list[int]:
        """Every document the list's filter and review states let through, in id order (what an
        export of "the listed documents" takes)."""
        rows = listing.document_page(self.db, self.annotator, self.filter, self.review_states, limit=10_000_000)
        return [row.id for row in rows]

    def listed_count(self) -> int:
        return listing.count_matching(self.db, self.annotator, self.filter, self.review_states)

    def adjacent(self, document_id: int | None, forward: bool) -> int | None:
        """The next (or previous) document in the list's order and filter (from None: the first or
        last), loaded or not."""
        return listing.adjacent_document(
            self.db,
            self.annotator,
            document_id,
            forward=forward,
            flt=self.filter,
            states=self.review_states,
            order=self.order,
        )

    def reload(self) -> None:
        self._busy = True
        try:
            self.beginResetModel()
            self._rows, self._row_of, self._exhausted = [], {}, False
            self.reasons = {}
            self.endResetModel()
        finally:
            self._busy = False
        # The first page at once, so the list is never empty for a moment when it need not be.
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def refresh(self, document_id: int) -> bool:
        """Read one document's row again (its status or count changed); False if it is gone."""
        row = self._row_of.get(document_id)
        if row is None:
            return True
        fresh = browse.document_row(self.db, self.annotator, document_id)
        if fresh is None:
            return False
        reason = self.read_only_reason(document_id)
        if reason != self.reasons.get(document_id):
            self.reasons.pop(document_id, None)
            if reason:
                self.reasons[document_id] = reason
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        if fresh != self._rows[row]:
            self._rows[row] = fresh
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    def update_row(self, document_id: int, annotations: int, status: str) -> None:
        """Show new figures for a document whose figures the caller knows (the open one): no query."""
        row = self._row_of.get(document_id)
        if row is None:
            return
        current = self._rows[row]
        if (current.annotations, current.status) != (annotations, status):
            self._rows[row] = DocumentRow(
                current.id, current.title, current.language, status, annotations, current.length
            )
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def set_open(self, document_id: int | None) -> None:
        """Mark the open document (shown in bold)."""
        previous, self.open_id = self.open_id, document_id
        for doc_id in (previous, document_id):
            row = self._row_of.get(doc_id) if doc_id is not None else None
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def row_of(self, document_id: int) -> int | None:
        return self._row_of.get(document_id)

    def document_at(self, row: int) -> DocumentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- lazy loading -----------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted and not self._busy

    def fetchMore(self, parent: AnyIndex) -> None:
        # A view (or a model tester) reacting to the reset or to the insertion may ask for more while
        # the model is still announcing it: that nested insertion would break the announced counts.
        if parent.isValid() or self._exhausted or self._busy:
            return
        after = self._rows[-1].id if self._rows else 0
        page = listing.document_page(
            self.db, self.annotator, self.filter, self.review_states, after_id=after, limit=self.page, order=self.order
        )
        if len(page) < self.page:
            self._exhausted = True
        if not page:
            return
        self.reasons.update(read_only_reasons(self.db, self.annotator, [row.id for row in page]))
        first = len(self._rows)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            for offset, row in enumerate(page):
                self._row_of[row.id] = first + offset
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._busy = False

    def fetch_until(self, document_id: int, limit_pages: int = 20) -> int | None:
        """Load pages until ``document_id``'s row is there (at most ``limit_pages``); its row or None."""
        for _ in range(limit_pages):
            if document_id in self._row_of or not self.canFetchMore(QModelIndex()):
                break
            if self.in_id_order and self._rows and self._rows[-1].id > document_id:
                break  # in id order, it would have come already
            self.fetchMore(QModelIndex())
        return self._row_of.get(document_id)

    # -- Qt model ---------------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def cell(self, row_number: int, column: int, role: int) -> Any:
        row = self._rows[row_number]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return reveal(row.title)
            if column == LANGUAGE:
                return row.language
            if column == STATUS:
                return status_name(row.status)
            if column == COUNT:
                return row.annotations
        if role == TEXT_DIRECTION_ROLE and column == TITLE:
            # The stored title's direction: its revealed controls (⟦RLO⟧) are shown, not obeyed.
            return layout_direction(reads_rtl(row.title))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == TITLE:
                return cell_alignment(reads_rtl(row.title))
            if column == COUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.id == self.open_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.id in self.reasons:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            reason = self.reasons.get(row.id)
            size = self.tr("#{0} · %n character(s)", "", row.length).format(row.id)
            return f"{reveal(row.title)}\n{size}" + (f"\n{reason_text(reason)}" if reason else "")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class _DocumentTable(QTableView):
    """Enter opens the current document (double click does too, through ``activated``)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class DocumentListPanel(QWidget):
    """The list with its filters (status, language, title text) and the number of matches."""

    open_requested = Signal(int)

    def __init__(self, model: DocumentListModel, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_plurals()
        self.model = model
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("Filter by title…"))
        self.text_filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Any status"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_name(status), status)
        self.language_filter = QComboBox()
        self.language_filter.addItem(self.tr("Any language"), None)
        for language in languages:
            self.language_filter.addItem(language, language)
        self.review_filter = QComboBox()
        self.review_filter.setToolTip(self.tr("Review state (Review window)"))
        self.review_filter.addItem(self.tr("Any review state"), None)
        for state in REVIEW_STATES:
            self.review_filter.addItem(review_state_name(REVIEW_STATES_LABELS[state].capitalize()), state)
        self.count = QLabel()
        self.show_all = QCheckBox(self.tr("Show all documents"))
        self.show_all.setToolTip(self.tr("Also the documents given to other annotators (read-only for you)"))
        self.reason = QLabel()  # why the open document is read-only, when it is
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #c62828;")
        self.reason.hide()
        self.table = _DocumentTable()
        self.table.setModel(model)
        self.table.setItemDelegate(OwnDirectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # one line a title, elided by the delegate; the tooltip has it all
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        # Fixed widths: "resize to contents" would read every loaded row after each page.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        # A click on a header sorts by that column (the model asks the database); import order until then.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        for column, width in ((LANGUAGE, 44), (STATUS, 86), (COUNT, 48)):
            # Wide enough for the header in the interface language ("Segments", "المقاطع") and the sort
            # arrow (asked once sorting is on: the hint leaves room for it then).
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        self.table.activated.connect(self._activated)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.language_filter)
        filters.addWidget(self.review_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.text_filter)
        layout.addLayout(filters)
        layout.addWidget(self.show_all)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.count)
        # Typing in the filter waits for a pause before querying.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.text_filter.textChanged.connect(self._debounce.start)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.language_filter.currentIndexChanged.connect(self.apply_filter)
        self.review_filter.currentIndexChanged.connect(self.apply_filter)
        self.show_all.toggled.connect(self.apply_filter)
        # Counting a large corpus takes a moment: after the window is on screen.
        after_first_paint(self, self._update_count)  # a count over 100,000 documents need not delay the window

    def current_filter(self) -> DocumentFilter:
        return DocumentFilter(
            status=self.status_filter.currentData(),
            language=self.language_filter.currentData(),
            text=self.text_filter.text(),
            assigned_only=not self.show_all.isChecked(),
        )

    def current_review_states(self) -> tuple[str, ...]:
        state = self.review_filter.currentData()
        return (str(state),) if state else ()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter(), self.current_review_states())
        self._update_count()
        if self.model.open_id is not None:
            self.show_document(self.model.open_id)

    def _update_count(self) -> None:
        total = self.model.listed_count()
        self.count.setText(self.tr("%Ln document(s)", "", total))

    def refresh_counts(self) -> None:
        self._update_count()

    def _activated(self, index: QModelIndex) -> None:
        document = self.model.document_at(index.row())
        if document is not None:
            self.open_requested.emit(document.id)

    def show_document(self, document_id: int) -> None:
        """Mark and select ``document_id``'s row when it is in the (loaded part of the) list."""
        self.model.set_open(document_id)
        reason = self.model.read_only_reason(document_id)
        self.reason.setText(self.tr("Read-only: {0}").format(reason_text(reason)) if reason else "")
        self.reason.setVisible(bool(reason))
        row = self.model.fetch_until(document_id)
        if row is not None:
            # Not selectRow: in a mirrored window it looks for the column at the viewport's right
            # edge, finds none, and leaves the current row where it was, so ↓ went on from there.
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, TITLE), flags)
            self.table.scrollTo(self.model.index(row, 0))

    def adjacent(self, document_id: int | None, forward: bool) -> int | None:
        """The next (or previous) document in the list's order and filter (from None: the first or last)."""
        return self.model.adjacent(document_id, forward)

    def follow_changes(self, document_ids: set[int], moved: set[int] | None = None) -> None:
        """Colleagues changed these documents (see :mod:`curator.gui.live_updates`)."""
        self.model.follow_changes(document_ids, moved)
        self._update_count()
        # The open document's row again, and why it is read-only now (a curator may have just started
        # its curation, a manager given it to others).
        if self.model.open_id is not None and (self.model.filtered or self.model.open_id in document_ids):
            self.show_document(self.model.open_id)
