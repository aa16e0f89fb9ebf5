"""The label palette, which is also the legend: one button per label with its colour, name, shortcut
and how many times it is used in the open document. A click or the shortcut applies the label."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QGroupBox, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from .label_catalog import LabelCatalog


def swatch(color: QColor | str, size: int = 14) -> QIcon:
    """A small rounded square of ``color`` (made once per colour: list views ask for it on every paint)."""
    return _swatch(QColor(color).name(), size)


@lru_cache(maxsize=256)
def _swatch(name: str, size: int) -> QIcon:
    color = QColor(name)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setBrush(color)
    painter.setPen(color.darker(140))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class LabelPalette(QScrollArea):
    """Buttons for the span labels of every layer, grouped by layer."""

    label_chosen = Signal(str, str)  # layer, label

    def __init__(self, catalog: LabelCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.label_actions: dict[tuple[str, str], QAction] = {}
        self._counts: dict[tuple[str, str], int] = {}
        self._build(catalog)

    def _build(self, catalog: LabelCatalog) -> None:
        self.catalog = catalog
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        for layer in catalog.span_layers():
            group = QGroupBox(catalog.layer_name(layer))
            rows = QVBoxLayout(group)
            rows.setSpacing(1)
            rows.setContentsMargins(4, 4, 4, 4)
            for label in layer.labels:
                key = (layer.id, label.id)
                action = self.label_actions.get(key)
                if action is None:
                    action = QAction(self)
                    action.triggered.connect(lambda _checked=False, k=key: self.label_chosen.emit(*k))
                    self.label_actions[key] = action
                style = catalog.style(*key)
                action.setIcon(swatch(style.color))
                described = f"\n{label.description}" if label.description else ""
                action.setToolTip(f"{label.id} — {style.name}{described}")
                if label.shortcut:
                    action.setShortcut(QKeySequence(label.shortcut))
                button = QToolButton()
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                button.setAutoRaise(True)
                button.setIconSize(QSize(14, 14))
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                rows.addWidget(button)
            column.addWidget(group)
        column.addStretch(1)
        self.setWidget(body)
        self._refresh_texts()

    def set_catalog(self, catalog: LabelCatalog) -> None:
        """Show names in another language (the actions, and so the shortcuts, stay the same)."""
        self._build(catalog)

    def set_counts(self, counts: dict[tuple[str, str], int]) -> None:
        # Only the labels whose count changed: relabelling every button relays out the whole palette.
        changed = {key for key in self.label_actions if counts.get(key, 0) != self._counts.get(key, 0)}
        self._counts = dict(counts)
        self._refresh_texts(changed)

    def _refresh_texts(self, only: set[tuple[str, str]] | None = None) -> None:
        for (layer, label), action in self.label_actions.items():
            if only is not None and (layer, label) not in only:
                continue
            style = self.catalog.style(layer, label)
            count = self._counts.get((layer, label), 0)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = f"{style.name}  ({count})" if count else style.name
            action.setText(f"{text}\t{shortcut}" if shortcut else text)
            action.setIconText(f"{text}   [{shortcut}]" if shortcut else text)
