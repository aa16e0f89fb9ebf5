"""The label palette, which is also the legend: one button per label with its colour, name, shortcut
and how many times it is used in the open document. A click or the shortcut applies the label."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QGridLayout, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from .label_catalog import LabelCatalog

SHORT_NAME = 16  # characters: labels with names this short sit two to a row


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
    """Buttons for the span labels of every layer, in a section per layer that its header folds."""

    label_chosen = Signal(str, str)  # layer, label

    def __init__(self, catalog: LabelCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.label_actions: dict[tuple[str, str], QAction] = {}
        self._counts: dict[tuple[str, str], int] = {}
        # Each label's definition from the guidelines, in the interface language (issue 21).
        self._definitions: dict[tuple[str, str], str] = {}
        self._build(catalog)

    def _build(self, catalog: LabelCatalog) -> None:
        self.catalog = catalog
        collapsed = {
            layer for layer, (header, _body) in getattr(self, "sections", {}).items() if not header.isChecked()
        }
        self.sections: dict[str, tuple[QToolButton, QWidget]] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 2, 4, 2)
        column.setSpacing(0)
        for layer in catalog.span_layers():
            # A section per layer, its header folding it away: every layer's header stays in view.
            header = QToolButton()
            header.setText(catalog.layer_name(layer))
            header.setCheckable(True)
            header.setChecked(layer.id not in collapsed)
            header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            header.setAutoRaise(True)
            header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            header.setFixedHeight(header.fontMetrics().height() + 6)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            group = QWidget()
            rows = QGridLayout(group)
            rows.setSpacing(1)
            rows.setContentsMargins(8, 0, 2, 2)
            names = [catalog.style(layer.id, label.id).name for label in layer.labels]
            # Short names two to a row (the entity labels): the palette then fits without scrolling.
            columns = 2 if len(layer.labels) > 1 and max(len(name) for name in names) <= SHORT_NAME else 1
            for index, label in enumerate(layer.labels):
                key = (layer.id, label.id)
                action = self.label_actions.get(key)
                if action is None:
                    action = QAction(self)
                    action.triggered.connect(lambda _checked=False, k=key: self.label_chosen.emit(*k))
                    self.label_actions[key] = action
                style = catalog.style(*key)
                action.setIcon(swatch(style.color))
                action.setToolTip(self._tooltip(key))
                # a schema change may take a key away (curator.gui.schema_dialog)
                action.setShortcut(QKeySequence(label.shortcut) if label.shortcut else QKeySequence())
                button = QToolButton()
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                button.setAutoRaise(True)
                button.setIconSize(QSize(14, 14))
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                # One text line high, without the style's padding: 22 labels fit a laptop's dock.
                button.setFixedHeight(button.fontMetrics().height() + 4)
                rows.addWidget(button, index // columns, index % columns)
            header.setArrowType(Qt.ArrowType.DownArrow if header.isChecked() else Qt.ArrowType.RightArrow)
            group.setVisible(header.isChecked())
            header.toggled.connect(lambda shown, h=header, g=group: self._fold(h, g, shown))
            column.addWidget(header)
            column.addWidget(group)
            self.sections[layer.id] = (header, group)
        present = {(layer.id, label.id) for layer in catalog.span_layers() for label in layer.labels}
        for gone in [key for key in self.label_actions if key not in present]:  # merged away
            self.label_actions.pop(gone).deleteLater()
        column.addStretch(1)
        self.setWidget(body)
        self._refresh_texts()

    def _tooltip(self, key: tuple[str, str]) -> str:
        """The label's id and name, then its definition from the guidelines (or the schema's description)."""
        style = self.catalog.style(*key)
        label = style.definition
        described = self._definitions.get(key) or (label.description if label is not None else "")
        return f"{key[1]} — {style.name}" + (f"\n\n{described}" if described else "")

    def set_definitions(self, definitions: dict[tuple[str, str], str]) -> None:
        """Show these definitions (``(layer, label)`` -> text) in the labels' tooltips."""
        self._definitions = dict(definitions)
        for key, action in self.label_actions.items():
            action.setToolTip(self._tooltip(key))

    @staticmethod
    def _fold(header: QToolButton, group: QWidget, shown: bool) -> None:
        header.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        group.setVisible(shown)

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
