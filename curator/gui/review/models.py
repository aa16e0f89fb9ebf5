"""Item models of the review window: thin adapters over the core's difference list and figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from curator.review.differences import Difference
from curator.review.report import format_figure
from curator.text.invisible import reveal

AnyIndex = QModelIndex | QPersistentModelIndex


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
        if role == Qt.ItemDataRole.DisplayRole:
            # Excerpts and names with bidi controls shown, not obeyed: a line must read as stored.
            return ("✓ " if diff.resolved else "• ") + reveal(diff.describe(self._text))
        if role == Qt.ItemDataRole.ForegroundRole and diff.resolved:
            return QColor("#777777")
        if role == Qt.ItemDataRole.UserRole:
            return diff.key
        return None


class AgreementTableModel(QAbstractTableModel):
    """The figures of one layer from :meth:`AgreementReport.to_dict`: a row for the whole layer, then
    one per label; columns per pair of annotators, then those over all of them."""

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
                self._headers += [f"{n} F1 exact", f"{n} F1 overlap"]
            self._headers.append("alpha")
            overall: list[float | None] = []
            for p in pairs:
                overall += [p["exact"]["f1"], p["overlap"]["f1"]]
            rows.append(("(all labels)", [*overall, figures["alpha"]]))
            for label in figures["labels"]:
                if not any(label in p["exact_by_label"] for p in pairs):
                    continue
                cells: list[float | None] = []
                for p in pairs:
                    for which in ("exact_by_label", "overlap_by_label"):
                        found = p[which].get(label)
                        cells.append(found["f1"] if found else None)
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

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
