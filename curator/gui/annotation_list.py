"""The annotations of the open document as a table: sortable by position, label, layer; click to jump.

The model is a thin adapter over the open document: it follows its signals with row insertions and
removals (never a reset for one edit), and sorts itself, so 10,000 rows need no proxy.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from curator.store.queries import SpanRecord
from curator.text.invisible import reveal

from .direction import TEXT_DIRECTION_ROLE, OwnDirectionDelegate, cell_alignment, layout_direction, reads_rtl
from .label_catalog import LabelCatalog
from .label_palette import swatch
from .open_document import OpenDocument
from .shown_names import QT_TRANSLATE_NOOP
from .table_model import TableModel

POSITION, TEXT, LABEL, LAYER, NOTE = range(5)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)


class AnnotationModel(TableModel):
    """One row per span of the open document (this annotator's)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TableModel", "Position"),
        QT_TRANSLATE_NOOP("TableModel", "Text"),
        QT_TRANSLATE_NOOP("TableModel", "Label"),
        QT_TRANSLATE_NOOP("TableModel", "Layer"),
        QT_TRANSLATE_NOOP("TableModel", "Note"),
    )

    def __init__(self, doc: OpenDocument, catalog: LabelCatalog) -> None:
        super().__init__()
        self.doc = doc
        self.catalog = catalog
        self._rows: list[SpanRecord] = []
        self._keys: list[tuple[Any, ...]] = []
        self._cells: dict[tuple[int, int], dict[tuple[int, int], Any]] = {}  # by (id, version); emptied by reload()
        self._column = POSITION
        self._order = Qt.SortOrder.AscendingOrder
        doc.loaded.connect(self.reload)
        doc.spans_extended.connect(self.reload)
        doc.span_added.connect(self._added)
        doc.span_removed.connect(self._removed)
        doc.span_changed.connect(self._changed)
        self.reload()

    # -- sorting ----------------------------------------------------------------------------------

    def _key(self, span: SpanRecord) -> tuple[Any, ...]:
        position = (span.start, span.end, span.id)
        if self._column == TEXT:
            key: tuple[Any, ...] = (self.doc.span_text(span), *position)
        elif self._column == LABEL:
            # By the name the curator reads, in the interface language.
            key = (self.catalog.name(span.layer, span.label), *position)
        elif self._column == LAYER:
            key = (self._layer_name(span.layer), self.catalog.name(span.layer, span.label), *position)
        elif self._column == NOTE:
            key = (span.note, *position)
        else:
            key = position
        if self._order == Qt.SortOrder.DescendingOrder:
            return _Reversed(key), span.id
        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = {id(index): index for index in self.persistentIndexList()}
        old_ids = {key: self._rows[index.row()].id for key, index in before.items() if index.isValid()}
        self._column, self._order = column, order
        pairs = sorted(((self._key(span), span) for span in self._rows), key=lambda pair: pair[0])
        self._keys = [key for key, _ in pairs]
        self._rows = [span for _, span in pairs]
        row_of = {span.id: row for row, span in enumerate(self._rows)}
        old_list, new_list = [], []
        for key, index in before.items():
            if key in old_ids:
                old_list.append(index)
                new_list.append(self.index(row_of[old_ids[key]], index.column()))
        self.changePersistentIndexList(old_list, new_list)
        self.layoutChanged.emit()

    # -- following the document -------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._cells.clear()  # another text or another catalog
        pairs = sorted(((self._key(span), span) for span in self.doc.spans), key=lambda pair: pair[0])
        self._keys = [key for key, _ in pairs]
        self._rows = [span for _, span in pairs]
        self.endResetModel()

    def _added(self, span: SpanRecord) -> None:
        key = self._key(span)
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._keys.insert(row, key)
        self._rows.insert(row, span)
        self.endInsertRows()

    def _removed(self, span: SpanRecord) -> None:
        row = self.row_of(span.id, like=span)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._cells.pop((span.id, span.version), None)
        del self._keys[row]
        del self._rows[row]
        self.endRemoveRows()

    def _changed(self, before: SpanRecord, after: SpanRecord) -> None:
        row = self.row_of(after.id, like=before)
        if row is None:
            return
        if self._key(after) == self._keys[row]:
            self._cells.pop((before.id, before.version), None)
            self._rows[row] = after
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
            return
        self._removed(self._rows[row])
        self._added(after)

    def _layer_name(self, layer_id: str) -> str:
        layer = self.catalog.schema.layer(layer_id)
        return self.catalog.layer_name(layer) if layer else layer_id

    def row_of(self, span_id: int, like: SpanRecord | None = None) -> int | None:
        """The row of span ``span_id``; ``like`` (its version as shown) finds it by bisection, which
        every edit of a 10,000-span document needs, instead of a scan."""
        if like is not None:
            key = self._key(like)
            row = bisect_left(self._keys, key)
            while row < len(self._keys) and self._keys[row] == key:
                if self._rows[row].id == span_id:
                    return row
                row += 1
        for row, span in enumerate(self._rows):
            if span.id == span_id:
                return row
        return None

    def span_at(self, row: int) -> SpanRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model ---------------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def cell(self, row: int, column: int, role: int) -> Any:
        span = self._rows[row]
        key = (span.id, span.version)  # a record holds a dict (its attributes): not hashable
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = self._cells_of(span)
        return cells.get((role, column))

    def _cells_of(self, span: SpanRecord) -> dict[tuple[int, int], Any]:
        """Every (role, column) value of ``span``'s row, made once per span: a repaint of the table
        asks each visible cell for eight roles, at every edit of the document."""
        text = self.doc.span_text(span)
        words = " ".join(text.split())
        cells: dict[tuple[int, int], Any] = {
            (_DISPLAY, POSITION): f"{span.start}–{span.end}",
            (_DISPLAY, TEXT): words if len(words) <= 80 else words[:79] + "…",
            (_DISPLAY, LABEL): self.catalog.name(span.layer, span.label),
            (_DISPLAY, LAYER): self._layer_name(span.layer),
            (_DISPLAY, NOTE): reveal(span.note),  # a note's bidi controls shown, not obeyed
            (_DECORATION, LABEL): swatch(self.catalog.color(span.layer, span.label)),
            (_TOOLTIP, TEXT): text,
        }
        # Each text cell in its own direction: an Arabic name reads from the right edge, with a Latin
        # acronym after it on its left, as in the text.
        for column, value in ((TEXT, text), (NOTE, span.note)):
            rtl = reads_rtl(value)
            cells[(_ALIGNMENT, column)] = cell_alignment(rtl)
            cells[(TEXT_DIRECTION_ROLE, column)] = layout_direction(rtl)
        for column in range(len(self.HEADERS)):
            cells[(_USER, column)] = span.id
        return cells


class _Reversed:
    """Wraps a sort key so that ascending order of wrappers is descending order of keys."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


class AnnotationList(QWidget):
    """The table; a click on a row asks to go to that annotation."""

    span_activated = Signal(object)  # SpanRecord

    def __init__(self, model: AnnotationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setItemDelegate(OwnDirectionDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(POSITION, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        # Fixed widths, not "resize to contents", which reads every row: 10,000 of them on a long document.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((POSITION, 110), (LABEL, 160), (LAYER, 150), (NOTE, 200)):
            header.resizeSection(column, width)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        # When the current row is removed (an undo, a delete), Qt makes the next row current and
        # selects it: the table would show as selected an annotation the window does not.
        self._current: SpanRecord | None = None
        for signal in (model.rowsRemoved, model.rowsInserted, model.layoutChanged, model.modelReset):
            signal.connect(self._keep_selection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def _clicked(self, index: QModelIndex) -> None:
        span = self.model.span_at(index.row())
        if span is not None:
            self.span_activated.emit(span)

    def show_current(self, span: SpanRecord | None, *, scroll: bool = True) -> None:
        """Select the row of ``span`` (no row for None) without emitting ``span_activated``."""
        self._current = span
        row = self.model.row_of(span.id, like=span) if span else None
        if row is None:
            self.table.selectionModel().clear()  # the selection and the current row's highlight
            return
        self.table.selectRow(row)
        if scroll:
            self.table.scrollTo(self.model.index(row, 0))

    def _keep_selection(self, *_args: object) -> None:
        selected = [index.row() for index in self.table.selectionModel().selectedRows()]
        span = self._current
        wanted = self.model.row_of(span.id, like=span) if span else None
        if selected != ([] if wanted is None else [wanted]):
            self.show_current(span, scroll=False)
