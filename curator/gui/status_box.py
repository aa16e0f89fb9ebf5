"""This annotator's status of the open document (new, in progress, done), set from the toolbar."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from curator.store.models import STATUSES

from .shown_names import status_name


class StatusBox(QComboBox):
    """Shows the status; choosing another asks for it with ``status_requested``."""

    status_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for status in STATUSES:
            self.addItem(status_name(status), status)
        self.setToolTip(self.tr("Your status for this document"))
        self.activated.connect(lambda index: self.status_requested.emit(self.itemData(index)))

    def show_status(self, status: str) -> None:
        self.setCurrentIndex(max(0, self.findData(status)))
