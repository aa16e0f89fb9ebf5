"""The suggestions panel: the open document's suggestions (sortable by score), the buttons that decide
them, "accept all of a label above a score" with its preview, and how good the learned suggestions
are (precision, recall, F1, leaving one document out at a time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.store.models import GOLD_ANNOTATOR
from curator.suggest.evaluation import Evaluation, evaluate
from curator.suggest.model import Suggestion
from curator.suggest.open_places import Splice
from curator.text.invisible import one_line

from .direction import TEXT_DIRECTION_ROLE, OwnDirectionDelegate, cell_alignment, layout_direction, reads_rtl
from .label_catalog import LabelCatalog
from .shown_names import QT_TRANSLATE_NOOP
from .suggestions import SuggestionController
from .table_model import TableModel

TEXT, LABEL, SCORE, SOURCE = range(4)
_FEW_SPLICES = 32  # more than that many changed stretches: the rows are laid out again at once


class SuggestionModel(TableModel):
    """One row per suggestion of the open document, sorted by the model itself (:meth:`sort`).

    A document can hold hundreds of thousands of suggestions (every other occurrence of thousands of
    names labelled in a long text): a sort proxy asked Python for two cells per comparison, millions
    of calls (40 s for 206,000 rows); here each row's key is made once and sorted by Python.
    :meth:`suggestion_index` and :meth:`row_of` map rows to the controller's order and back."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TableModel", "Text"),
        QT_TRANSLATE_NOOP("TableModel", "Label"),
        QT_TRANSLATE_NOOP("TableModel", "Score"),
        QT_TRANSLATE_NOOP("TableModel", "Source"),
    )

    def __init__(self, controller: SuggestionController, catalog: LabelCatalog) -> None:
        super().__init__()
        self.controller = controller
        self.catalog = catalog
        self.source: list[Suggestion] = []  # the controller's suggestions, in its order
        self.rows: list[Suggestion] = []  # as shown
        # row -> index in ``source``, and back; None: the same (in text order, the controller's)
        self.order: list[int] | None = None
        self._row_of: dict[int, int] = {}
        self.sort_column, self.sort_order = TEXT, Qt.SortOrder.AscendingOrder
        controller.spliced.connect(self._spliced)
        controller.changed.connect(self.reload)

    def reload(self) -> None:
        if self.source is self.controller.suggestions:
            return
        self.beginResetModel()
        self.source = self.controller.suggestions
        self._arrange()
        self.endResetModel()

    def _spliced(self, splices: list[Splice[Suggestion]]) -> None:
        """A few rows went and came: in text order, only those rows change (the view keeps its place)."""
        if self.order is not None or len(splices) > _FEW_SPLICES:
            return  # sorted otherwise, or many: :meth:`reload` arranges them again
        for s in reversed(splices):
            if s.stop > s.start:
                self.beginRemoveRows(QModelIndex(), s.start, s.stop - 1)
                del self.rows[s.start : s.stop]
                self.endRemoveRows()
            if s.fresh:
                self.beginInsertRows(QModelIndex(), s.start, s.start + len(s.fresh) - 1)
                self.rows[s.start : s.start] = s.fresh
                self.endInsertRows()
        self.source = self.rows = self.controller.suggestions

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        before = [(self.suggestion_index(index.row()), index.column()) for index in kept]
        self._arrange()
        self.changePersistentIndexList(kept, [self.index(self.row_of(i), column) for i, column in before])
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        if self.sort_column == TEXT and self.sort_order == Qt.SortOrder.AscendingOrder:
            # The controller's order is text order already: nothing to sort or map.
            self.order, self.rows, self._row_of = None, self.source, {}
            return
        key = self._key(self.sort_column)
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        # Stable both ways: suggestions that compare equal keep the controller's order.
        order = sorted(range(len(self.source)), key=lambda i: key(self.source[i]), reverse=descending)
        self.order = order
        self.rows = [self.source[i] for i in order]
        self._row_of = {i: row for row, i in enumerate(order)}

    def _key(self, column: int) -> Any:
        if column == SCORE:
            return lambda s: -1.0 if s.score is None else s.score
        if column == TEXT:
            return lambda s: (s.start << 32) + s.end  # text order, as one number (cheaper than a tuple)
        if column == LABEL:
            names: dict[tuple[str, str], str] = {}
            return lambda s: (
                names.get((s.layer, s.label))
                or names.setdefault((s.layer, s.label), f"{self.catalog.name(s.layer, s.label)} ({s.label})")
            )
        return lambda s: s.source

    def suggestion_index(self, row: int) -> int:
        """The index in the controller's suggestions of the suggestion shown in ``row``."""
        return row if self.order is None else self.order[row]

    def row_of(self, index: int) -> int:
        """The row showing the controller's suggestion ``index`` (-1: none)."""
        if self.order is None:
            return index if 0 <= index < len(self.rows) else -1
        return self._row_of.get(index, -1)

    def row_count(self) -> int:
        return len(self.rows)

    def cell(self, row: int, column: int, role: int) -> Any:
        s = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TEXT:
                return one_line(s.text)
            if column == LABEL:
                return f"{self.catalog.name(s.layer, s.label)} ({s.label})"
            if column == SCORE:
                return "—" if s.score is None else f"{s.score:.2f}"
            return s.source
        if role == TEXT_DIRECTION_ROLE and column == TEXT:
            return layout_direction(reads_rtl(s.text))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TEXT:
            return cell_alignment(reads_rtl(s.text))
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL:
            return self.catalog.color(s.layer, s.label)
        return None


class SuggestionPanel(QWidget):
    """Lists the open document's suggestions; a click makes one the one at hand."""

    def __init__(self, controller: SuggestionController, catalog: LabelCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = SuggestionModel(controller, catalog)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TEXT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(TEXT, OwnDirectionDelegate(self.table))
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.count = QLabel(self)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.all_button = QPushButton(self.tr("Accept all above…"), self)
        self.accept_button.clicked.connect(lambda: self.controller.accept())
        self.reject_button.clicked.connect(self.controller.reject)
        self.all_button.clicked.connect(self.open_accept_above)
        self.quality = QLabel(self.tr("Quality of the learned suggestions: not measured yet"), self)
        self.quality.setWordWrap(True)
        self.measure_button = QPushButton(self.tr("Measure"), self)
        self.measure_button.clicked.connect(self.measure)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.all_button):
            buttons.addWidget(button)
        quality = QHBoxLayout()
        quality.addWidget(self.quality, 1)
        quality.addWidget(self.measure_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(quality)
        controller.changed.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        n = len(self.controller.suggestions)
        self.count.setText(self.tr("%n suggestion(s) in this document", "", n))
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(self.controller.at_hand() is not None)
        self.all_button.setEnabled(n > 0)
        at_hand = self.controller.current
        if at_hand >= 0:
            self.table.selectRow(self.model.row_of(at_hand))
        else:
            self.table.clearSelection()

    def _clicked(self, index: QModelIndex) -> None:
        self.controller.focus_index(self.model.suggestion_index(index.row()))

    def open_accept_above(self) -> AcceptAboveDialog | None:
        """The preview of "accept all of a label above a score"; accepting it is one undoable step."""
        if not self.controller.suggestions:
            return None
        dialog = AcceptAboveDialog(self.controller, self.model.catalog, self)
        dialog.accepted.connect(lambda: self.controller.accept_all(dialog.chosen()))
        dialog.open()
        return dialog

    def measure(self) -> None:
        """Precision, recall and F1 of the learned suggestions on the annotator's spans and on the gold
        layer, one document left out at a time."""
        db = self.controller.workspace.db
        lines = [self._line(self.tr("your annotations"), evaluate(db, self.controller.workspace.annotator))]
        if GOLD_ANNOTATOR in db.annotator_names():
            lines.append(self._line(self.tr("the gold layer"), evaluate(db, GOLD_ANNOTATOR)))
        self.quality.setText("\n".join(lines))

    def _line(self, whose: str, figures: Evaluation) -> str:
        o = figures.overall

        def shown(value: float | None) -> str:
            return "—" if value is None else f"{value:.2f}"

        return self.tr("Learned, on {0} ({1} documents, one left out at a time): P {2} · R {3} · F1 {4}").format(
            whose, figures.documents, shown(o.precision), shown(o.recall), shown(o.f1)
        )


class AcceptAboveDialog(QDialog):
    """Choose a label and a lowest score; the list shows exactly what will be accepted."""

    def __init__(self, controller: SuggestionController, catalog: LabelCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accept all suggestions of a label"))
        self.controller = controller
        self.label_box = QComboBox(self)
        labels = sorted({(s.layer, s.label) for s in controller.suggestions})
        at_hand = controller.at_hand()
        for layer, label in labels:
            self.label_box.addItem(f"{catalog.name(layer, label)} ({label})", (layer, label))
        if at_hand is not None:
            self.label_box.setCurrentIndex(labels.index((at_hand.layer, at_hand.label)))
        self.score_box = QDoubleSpinBox(self)
        self.score_box.setRange(0.0, 1.0)
        self.score_box.setSingleStep(0.05)
        self.score_box.setDecimals(2)
        self.score_box.setValue(0.8)
        self.preview = QListWidget(self)
        self.summary = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Label"), self.label_box)
        form.addRow(self.tr("Lowest score"), self.score_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.label_box.currentIndexChanged.connect(self._update)
        self.score_box.valueChanged.connect(self._update)
        self._update()

    def chosen(self) -> list[Suggestion]:
        layer, label = self.label_box.currentData()
        return self.controller.preview_above(layer, label, self.score_box.value())

    def _update(self) -> None:
        chosen = self.chosen()
        self.preview.clear()
        for s in chosen:
            self.preview.addItem(f"{one_line(s.text)}    {s.score:.2f}    {s.source}")
        self.summary.setText(self.tr("%n suggestion(s) will be accepted, as one step (one undo)", "", len(chosen)))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(chosen))
