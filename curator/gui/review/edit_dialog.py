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
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.gui.attribute_editor import AttributeEditor, Field
from curator.schema.model import Schema
from curator.store.queries import SpanRecord
from curator.text.invisible import reveal

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
        self.setWindowTitle(self.tr("Accept and edit"))
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
        self.use_selection = QPushButton(self.tr("Use the selection"))
        self.use_selection.setToolTip(self.tr("Take the boundaries from the text selected in a pane"))
        self.excerpt = QLabel()
        self.excerpt.setWordWrap(True)
        self.attribute_box = QVBoxLayout()
        self.attributes = AttributeEditor(schema, ())
        self.attribute_widgets: dict[str, Field] = {}  # the chosen label's attributes' fields, by id
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Accept edited"))

        form = QFormLayout()
        form.addRow(self.tr("Start from"), self.source)
        form.addRow(self.tr("Label"), self.label)
        bounds = QHBoxLayout()
        bounds.addWidget(QLabel(self.tr("start")))
        bounds.addWidget(self.start)
        bounds.addWidget(QLabel(self.tr("end")))
        bounds.addWidget(self.end)
        bounds.addWidget(self.use_selection)
        form.addRow(self.tr("Boundaries"), bounds)
        form.addRow(self.tr("Text"), self.excerpt)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.attribute_box)
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
            self.excerpt.setText(self.tr("Select the text in one of the panes first."))
            return False
        self.set_bounds(*found)
        return True

    def attribute(self, attribute_id: str) -> Field:
        return self.attribute_widgets[attribute_id]

    def set_attribute(self, attribute_id: str, value: Any) -> None:
        """Choose ``value`` for an attribute (None clears it), as picking it in its field does;
        ValueError for a value its list does not hold."""
        try:
            self.attributes.choose(attribute_id, value)
        except ValueError:
            raise ValueError(f"{value!r} is not a choice of attribute {attribute_id!r}") from None

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
        return self.attributes.values()

    def _build_attributes(self, values: dict[str, Any]) -> None:
        """Fields for the chosen label's attributes, filled from ``values`` where they have one (a
        value the schema does not list is shown, marked, and kept unless changed)."""
        self.attribute_box.removeWidget(self.attributes)
        self.attributes.deleteLater()
        found = self.schema.label(self.layer, str(self.label.currentData()))
        self.attributes = AttributeEditor(self.schema, found.attributes if found else ())
        self.attributes.show_values(values)
        self.attribute_widgets = dict(self.attributes.fields)
        self.attribute_box.addWidget(self.attributes)
