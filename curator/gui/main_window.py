"""The main window: assembles the panels and wires their signals; holds no logic of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow, QSplitter, QTextEdit

from curator.store import queries
from curator.store.database import Database


class MainWindow(QMainWindow):
    def __init__(self, db: Database, annotator: str) -> None:
        super().__init__()
        self.db = db
        self.annotator = annotator
        self.setWindowTitle(f"Curator — {annotator}")
        self.documents = QListWidget()
        self.text = QTextEdit(readOnly=True)
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)
        for bundle in queries.iter_bundles(db, annotators=[annotator]):
            item = QListWidgetItem(bundle.document.title)
            item.setData(Qt.ItemDataRole.UserRole, bundle.document.id)
            self.documents.addItem(item)
        self.documents.currentItemChanged.connect(self._open)
        self.documents.setCurrentRow(0)
        self.resize(1200, 800)

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        doc = queries.document(self.db, int(item.data(Qt.ItemDataRole.UserRole)))
        if doc is not None:
            self.text.setPlainText(doc.text)
