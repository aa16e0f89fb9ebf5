"""Accept and edit: the reviewer takes one colleague's span of the current difference into the gold
layer with another label, other boundaries or other attributes (a claim's stance, type, area).

Boundaries are code-point offsets, as everywhere in the core; "Use the selection" takes them from
the text selected in one of the review window's panes. The dialog only collects the choice
(:meth:`AcceptEditDialog.edited`); the controller makes the decision through the curation service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.schema.model import Attribute, Schema
from curator.store.queries import SpanRecord
from curator.text.invisible import reveal

NONE = "—"
EXCERPT = 60


@dataclass(frozen=True)
class EditedSpan:
    """What to put in the gold layer: ``source``'s span (a colleague's) with these fields."""

    source: SpanRecord
    label: str
    start: int
    end: int
    attributes: dict[str, Any] = field(default_factory=dict)


class AcceptEditDialog(QDialog):
    """The spans of one difference (``candidates``, of one layer) to start from, and the label,
    start, end and attributes to give the gold copy. ``selection()`` is the text selected in the
    review window, as code-point offsets, or None."""

    def __init__(
        self,
        schema: Schema,
        text: str,
        candidates: list[SpanRecord],
        selection: Callable[[], tuple[int, int] | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not candidates:
            raise ValueError("accept and edit needs a span to start from")
        self.setWindowTitle("Accept and edit")
        self.schema = schema
        self.text = text
        self.candidates = list(candidates)
        self.selection = selection
        self.layer = candidates[0].layer
        self.source = QComboBox()
        for span in self.candidates:
            excerpt = self._excerpt(span.start, span.end)
            self.source.addItem(f"{reveal(span.annotator)}: {span.label} {span.start}-{span.end} «{excerpt}»")
        self.label = QComboBox()
        layer = schema.layer(self.layer)
        for lab in layer.labels if layer else ():
            self.label.addItem(f"{lab.id} ({lab.names.get('ar')}, {lab.names.get('fr')})", lab.id)
        self.start = QSpinBox()
        self.end = QSpinBox()
        for box in (self.start, self.end):
            box.setRange(0, len(text))
        self.use_selection = QPushButton("Use the selection")
        self.use_selection.setToolTip("Take the boundaries from the text selected in a pane")
        self.excerpt = QLabel()
        self.excerpt.setWordWrap(True)
        self.attribute_form = QFormLayout()
        self.attribute_widgets: dict[str, QWidget] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Accept edited")

        form = QFormLayout()
        form.addRow("Start from", self.source)
        form.addRow("Label", self.label)
        bounds = QHBoxLayout()
        bounds.addWidget(QLabel("start"))
        bounds.addWidget(self.start)
        bounds.addWidget(QLabel("end"))
        bounds.addWidget(self.end)
        bounds.addWidget(self.use_selection)
        form.addRow("Boundaries", bounds)
        form.addRow("Text", self.excerpt)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.attribute_form)
        layout.addWidget(self.buttons)

        self.source.currentIndexChanged.connect(lambda i: self.start_from(self.candidates[i]))
        self.label.currentIndexChanged.connect(lambda _i: self._build_attributes(self._attributes()))
        self.start.valueChanged.connect(lambda _v: self._bounds_changed())
        self.end.valueChanged.connect(lambda _v: self._bounds_changed())
        self.use_selection.clicked.connect(self.take_selection)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.start_from(self.candidates[0])

    # -- choices ----------------------------------------------------------------------------------

    def start_from(self, span: SpanRecord) -> None:
        """Fill every field from ``span``."""
        self.label.blockSignals(True)
        self.label.setCurrentIndex(max(0, self.label.findData(span.label)))
        self.label.blockSignals(False)
        self.set_bounds(span.start, span.end)
        self._build_attributes(dict(span.attributes))

    def set_bounds(self, start: int, end: int) -> None:
        self.start.setValue(start)
        self.end.setValue(end)
        self._bounds_changed()

    def take_selection(self) -> bool:
        """Boundaries from the selected text; False (nothing changes) when none is selected."""
        found = self.selection()
        if found is None or found[1] <= found[0]:
            self.excerpt.setText("Select the text in one of the panes first.")
            return False
        self.set_bounds(*found)
        return True

    def attribute(self, attribute_id: str) -> QWidget:
        return self.attribute_widgets[attribute_id]

    def set_attribute(self, attribute_id: str, value: Any) -> None:
        """Choose ``value`` for an attribute (None clears it), as picking it in its field does."""
        widget = self.attribute_widgets[attribute_id]
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0:
                raise ValueError(f"{value!r} is not a choice of attribute {attribute_id!r}")
            widget.setCurrentIndex(index)

    def edited(self) -> EditedSpan:
        """The choice as it stands."""
        return EditedSpan(
            self.candidates[self.source.currentIndex()],
            str(self.label.currentData()),
            self.start.value(),
            self.end.value(),
            {k: v for k, v in self._attributes().items() if v not in (None, "")},
        )

    # -- helpers ----------------------------------------------------------------------------------

    def _excerpt(self, start: int, end: int) -> str:
        part = self.text[start:end].replace("\n", " ")
        return reveal(part if len(part) <= EXCERPT else part[: EXCERPT - 1] + "…")

    def _bounds_changed(self) -> None:
        start, end = self.start.value(), self.end.value()
        ok = end > start
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.excerpt.setText(f"«{self._excerpt(start, end)}»" if ok else "The end must come after the start.")

    def _attributes(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, widget in self.attribute_widgets.items():
            if isinstance(widget, QLineEdit):
                values[key] = widget.text()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
        return values

    def _build_attributes(self, values: dict[str, Any]) -> None:
        """Fields for the chosen label's attributes, filled from ``values`` where they have one."""
        while self.attribute_form.rowCount():
            self.attribute_form.removeRow(0)
        self.attribute_widgets = {}
        found = self.schema.label(self.layer, str(self.label.currentData()))
        for attribute in found.attributes if found else ():
            widget = self._attribute_widget(attribute, values.get(attribute.id))
            self.attribute_widgets[attribute.id] = widget
            self.attribute_form.addRow(attribute.names.get("en"), widget)

    def _attribute_widget(self, attribute: Attribute, value: Any) -> QWidget:
        if attribute.type == "text":
            return QLineEdit("" if value is None else str(value))
        box = QComboBox()
        box.addItem(NONE, None)
        if attribute.type == "choice":
            for choice in attribute.values:
                box.addItem(choice.replace("_", " "), choice)
        elif attribute.layer:
            layer = self.schema.layer(attribute.layer)
            for lab in layer.labels if layer else ():
                box.addItem(f"{lab.id} ({lab.names.get('ar')})", lab.id)
        index = box.findData(value)
        if value is not None and index < 0:
            # A value the fields cannot show (a list of labels, a retired choice) is kept as it is.
            box.addItem(reveal(", ".join(value) if isinstance(value, list) else str(value)), value)
            index = box.count() - 1
        box.setCurrentIndex(max(0, index))
        return box
