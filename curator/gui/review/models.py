"""Item models of the review window: thin adapters over the core's difference list and figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from curator.gui.table_model import AnyIndex, TableModel
from curator.review.differences import Difference
from curator.review.report import format_figure
from curator.text.invisible import reveal


class DifferenceModel(QAbstractListModel):
    """One row per difference: ``✓`` once resolved, then its one-line description."""

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Difference] = []
        self._text = ""

    def set_differences(self, items: list[Difference], text: str) -> None:
        self.beginResetModel()
        self._items, self._text = list(items), text
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        diff = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # Excerpts and names with bidi controls shown, not obeyed: a line must read as stored.
            return ("✓ " if diff.resolved else "• ") + reveal(diff.describe(self._text))
        if role == Qt.ItemDataRole.ForegroundRole and diff.resolved:
            return QColor("#777777")
        if role == Qt.ItemDataRole.UserRole:
            return diff.key
        return None


PRF_KEYS = ("precision", "recall", "f1")
PRF_NAMES = {"precision": "P", "recall": "R", "f1": "F1"}


class AgreementTableModel(TableModel):
    """The figures of one layer from :meth:`AgreementReport.to_dict`: a row for the whole layer, then
    one per label; columns per pair of annotators (span layers: precision, recall and F1, exact then
    overlap; document layers: Cohen's kappa), then those over all of them."""

    TRANSLATED_HEADERS = False  # annotators' names

    def __init__(self) -> None:
        super().__init__()
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self.values: list[list[float | None]] = []  # the unformatted figures, row by row

    def set_layer(self, figures: dict[str, Any], scope: str) -> None:
        self.beginResetModel()
        pairs = figures["pairs"]
        names = [f"{p['a']}/{p['b']}" for p in pairs]
        rows: list[tuple[str, list[float | None]]] = []
        if scope == "span":
            self._headers = ["label"]
            for n in names:
                self._headers += [f"{n} {PRF_NAMES[k]} {m}" for m in ("exact", "overlap") for k in PRF_KEYS]
            self._headers.append("alpha")
            overall: list[float | None] = []
            for p in pairs:
                overall += [p[m][k] for m in ("exact", "overlap") for k in PRF_KEYS]
            rows.append(("(all labels)", [*overall, figures["alpha"]]))
            for label in figures["labels"]:
                if not any(label in p["exact_by_label"] for p in pairs):
                    continue
                cells: list[float | None] = []
                for p in pairs:
                    for which in ("exact_by_label", "overlap_by_label"):
                        found = p[which].get(label)
                        cells += [found[k] if found else None for k in PRF_KEYS]
                rows.append((label, [*cells, figures["alpha_by_label"].get(label)]))
        else:
            self._headers = ["label", *(f"{n} κ" for n in names), "Fleiss κ", "alpha"]
            rows.append(("(pooled)", [*(p["kappa"] for p in pairs), figures["fleiss"], figures["alpha"]]))
            for label in figures["labels"]:
                if label not in figures["alpha_by_label"] and all(label not in p["by_label"] for p in pairs):
                    continue
                values = [p["by_label"].get(label) for p in pairs]
                rows.append(
                    (label, [*values, figures["fleiss_by_label"].get(label), figures["alpha_by_label"].get(label)])
                )
        self._rows = [[label, *(format_figure(v) for v in vals)] for label, vals in rows]
        self.values = [vals for _, vals in rows]
        self.endResetModel()

    def headers(self) -> list[str]:
        return self._headers

    def row_count(self) -> int:
        return len(self._rows)

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ConfusionModel(TableModel):
    """The confusion matrix of one pair from a span layer's figures: ``a``'s labels as rows, ``b``'s as
    columns, counts of spans matched by overlap; ``(none)`` counts spans the other did not mark.
    Only labels either annotator used are shown."""

    TRANSLATED_HEADERS = False  # label ids

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.counts: list[list[int]] = []

    def clear(self) -> None:
        self.beginResetModel()
        self.labels, self.counts = [], []
        self.endResetModel()

    def set_pair(self, layer: dict[str, Any], a: str, b: str) -> bool:
        """Show ``a`` against ``b`` (in either order of the core's pair); False when the layer's
        figures have no such pair (the model is then empty)."""
        pair = next((p for p in layer["pairs"] if {p["a"], p["b"]} == {a, b}), None)
        self.beginResetModel()
        self.labels, self.counts = [], []
        if pair is not None:
            names: list[str] = pair["confusion"]["labels"]
            matrix: list[list[int]] = pair["confusion"]["matrix"]
            if pair["a"] != a:  # the core's rows are its pair's first annotator: turn the matrix round
                matrix = [list(row) for row in zip(*matrix, strict=True)]
            keep = [i for i in range(len(names)) if any(matrix[i]) or any(row[i] for row in matrix)]
            self.labels = [names[i] for i in keep]
            self.counts = [[matrix[i][j] for j in keep] for i in keep]
        self.endResetModel()
        return pair is not None

    def headers(self) -> list[str]:
        return self.labels

    def row_count(self) -> int:
        return len(self.labels)

    def row_header(self, section: int) -> Any:
        return self.labels[section]

    def cell(self, row: int, column: int, role: int) -> Any:
        value = self.counts[row][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and value and row == column:
            return QColor("#d8ecd8")  # agreement on the diagonal
        return None


class DocumentFiguresModel(TableModel):
    """One row per document: its id and title, review state, differences left and the agreement
    figures per document (the mean αU over span layers, then each layer's αU), from the core's rows.
    Sorting keeps documents without a figure last whichever way the column is sorted."""

    FIXED = ("document", "title", "state", "differences left", "agreement (αU)")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.layers: list[str] = []

    def set_rows(self, rows: list[dict[str, Any]], layers: list[str]) -> None:
        """``rows`` have ``document_id``, ``document``, ``title``, ``state``, ``left``, ``agreement``
        and ``layers`` (layer -> αU or None)."""
        self.beginResetModel()
        self.rows, self.layers = list(rows), list(layers)
        self.endResetModel()

    def set_left(self, document_id: int, left: int) -> None:
        for n, row in enumerate(self.rows):
            if row["document_id"] == document_id and row["left"] != left:
                row["left"] = left
                cell = self.index(n, 3)
                self.dataChanged.emit(cell, cell)

    def value(self, row: int, column: int) -> Any:
        r = self.rows[row]
        if column < len(self.FIXED):
            return r[("document", "title", "state", "left", "agreement")[column]]
        return r["layers"].get(self.layers[column - len(self.FIXED)])

    TRANSLATED_HEADERS = False  # the layers' ids are data

    def headers(self) -> list[str]:
        return [*self.FIXED, *(f"αU {layer}" for layer in self.layers)]

    def row_count(self) -> int:
        return len(self.rows)

    def cell(self, row: int, column: int, role: int) -> Any:
        value = self.value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column >= 4:
                return format_figure(value)
            return reveal(str(value)) if column < 3 else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[row]["document_id"]
        if role == Qt.ItemDataRole.BackgroundRole and column == 3 and value == 0:
            return QColor("#d8ecd8")  # nothing left: curated as far as the differences go
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self.rows[i.row()], i.column()) for i in persistent]
        known = [r for n, r in enumerate(self.rows) if self.value(n, column) is not None]
        unknown = [r for n, r in enumerate(self.rows) if self.value(n, column) is None]
        position = {id(r): n for n, r in enumerate(self.rows)}
        known.sort(
            key=lambda r: self.value(position[id(r)], column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.rows = known + unknown
        where = {id(r): n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(persistent, [self.index(where[id(r)], c) for r, c in held])
        self.layoutChanged.emit()
