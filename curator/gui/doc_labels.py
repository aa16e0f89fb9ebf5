"""Document-level labels (the cooperation areas of the whole document) as a checkable list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QListView, QVBoxLayout, QWidget

from .label_catalog import LabelCatalog
from .label_palette import swatch
from .open_document import OpenDocument

AnyIndex = QModelIndex | QPersistentModelIndex


class DocumentLabelModel(QAbstractListModel):
    """The labels of the schema's document layers, checked when this annotator gave them to the open
    document. Ticking asks ``request(layer, label, present)``; the check mark follows the store."""

    def __init__(self, doc: OpenDocument, catalog: LabelCatalog, request: Callable[[str, str, bool], Any]) -> None:
        super().__init__()
        self.doc = doc
        self.catalog = catalog
        self.request = request
        self._labels = [(layer.id, label.id) for layer in catalog.document_layers() for label in layer.labels]
        doc.loaded.connect(self._all_changed)
        doc.doc_labels_changed.connect(self._all_changed)

    def set_catalog(self, catalog: LabelCatalog) -> None:
        self.catalog = catalog
        self._all_changed()

    def _all_changed(self) -> None:
        if self._labels:
            self.dataChanged.emit(self.index(0), self.index(len(self._labels) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labels)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.doc.id is not None:
            flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._labels):
            return None
        layer, label = self._labels[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.catalog.name(layer, label)
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = (layer, label) in self.doc.doc_labels
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(self.catalog.color(layer, label))
        if role == Qt.ItemDataRole.ToolTipRole:
            return label
        if role == Qt.ItemDataRole.UserRole:
            return f"{layer}/{label}"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self.doc.id is None:
            return False
        layer, label = self._labels[index.row()]
        present = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.request(layer, label, present)
        return True


class DocumentLabels(QWidget):
    def __init__(self, model: DocumentLabelModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QListView()
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
