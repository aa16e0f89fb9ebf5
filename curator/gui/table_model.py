"""The row, column and header code every flat table model of the window shares.

A :class:`TableModel` is a flat table (no children): its rows come from :meth:`row_count`, its
columns from :meth:`headers`, and its cells from :meth:`cell`, which is only ever asked for an index
inside the table. Subclasses hold the data and say when it changes (``beginResetModel``,
``beginInsertRows``...); this class only answers Qt's questions about shape and headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from .shown_names import header

AnyIndex = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    """A flat table whose horizontal headers are :meth:`headers` (translated with ``tr`` when
    :attr:`TRANSLATED_HEADERS`) and whose vertical headers are :meth:`row_header` (none by default)."""

    HEADERS: Sequence[str] = ()
    TRANSLATED_HEADERS = True  # False for headers made of data (annotator or label names)

    # -- what subclasses give ---------------------------------------------------------------------

    def headers(self) -> Sequence[str]:
        """The column titles; their number is the number of columns."""
        return self.HEADERS

    def row_count(self) -> int:
        raise NotImplementedError

    def cell(self, row: int, column: int, role: int) -> Any:
        """The data of an index inside the table, for ``role`` (None: nothing for that role)."""
        raise NotImplementedError

    def row_header(self, section: int) -> Any:
        """The vertical header of row ``section`` (shown only by views that show it)."""
        return None

    # -- Qt's questions ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.row_header(section) if 0 <= section < self.row_count() else None
        headers = self.headers()
        if not 0 <= section < len(headers):
            return None
        return header(headers[section]) if self.TRANSLATED_HEADERS else headers[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < self.row_count() or not 0 <= column < len(self.headers()):
            return None
        return self.cell(row, column, int(role))
