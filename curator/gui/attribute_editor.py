"""The attributes of one span label, as fields: the side panel's and the review dialog's.

One field per attribute of the label: a line for free text, a list for a closed choice or a label
of another layer. A stored value the schema does not list (a retired choice, a list of labels, a
value typed elsewhere) is shown as it is, marked as not in the schema, and kept: the field gives it
back unchanged unless the curator picks or types another value. Nothing here writes: the owner reads
:meth:`AttributeEditor.values`, or follows :attr:`AttributeEditor.edited` for each change the
curator makes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from curator.schema.model import Attribute, Schema
from curator.text.invisible import reveal

NONE = "—"
UNLISTED_ROLE = Qt.ItemDataRole.UserRole + 1  # on the list's item of a value the schema does not list

# (layer, label id) -> the icon (or None) and the text of that label's item in a label attribute's list
LabelItem = Callable[[str, str], tuple[QIcon | None, str]]


def _shown(value: Any) -> str:
    """A stored value as text, with bidi controls shown, not obeyed."""
    return reveal(", ".join(map(str, value)) if isinstance(value, list) else str(value))


class AttributeText(QLineEdit):
    """A free-text attribute. A stored value that is not a string keeps its type until edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored: Any = None
        self._text = ""

    def show_value(self, value: Any) -> None:
        self._stored = value
        self._text = "" if value is None else value if isinstance(value, str) else _shown(value)
        self.setText(self._text)
        self.setModified(False)

    def value(self) -> Any:
        return self._stored if self.text() == self._text else self.text()


class AttributeChoice(QComboBox):
    """A closed choice or a label of another layer: "—" (none), then the schema's values, then the
    stored value when the schema does not list it (marked, kept while chosen)."""

    def __init__(self, items: list[tuple[QIcon | None, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Sized for a dozen characters, not for the longest name (the list itself is wider).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.addItem(NONE, None)
        for icon, text, data in items:
            if icon is None:
                self.addItem(text, data)
            else:
                self.addItem(icon, text, data)
        self._listed = self.count()

    def show_value(self, value: Any) -> None:
        while self.count() > self._listed:  # another span's unlisted value
            self.removeItem(self.count() - 1)
        index = self.findData(value) if value is not None else 0
        if index < 0:
            self.addItem(self.tr("{0} (not in the schema)").format(_shown(value)), value)
            index = self.count() - 1
            font = QFont()
            font.setItalic(True)
            self.setItemData(index, font, Qt.ItemDataRole.FontRole)
            self.setItemData(index, True, UNLISTED_ROLE)
            tip = self.tr("Stored with this value, which the schema does not list; kept unless you choose another")
            self.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(index)

    def shows_unlisted(self) -> bool:
        """Whether the value shown is one the schema does not list."""
        return bool(self.currentData(UNLISTED_ROLE))

    def value(self) -> Any:
        return self.currentData()

    def choose(self, value: Any) -> None:
        """Pick ``value`` (None: none) as the curator would; ValueError when the list has no such value."""
        index = self.findData(value) if value is not None else 0
        if index < 0:
            raise ValueError(f"{value!r} is not a choice of this attribute")
        self.setCurrentIndex(index)


Field = AttributeText | AttributeChoice


class AttributeEditor(QWidget):
    """The fields of one label's ``attributes``, in a form, titled in ``language``.

    ``edited(attribute_id, value)`` follows each change the curator makes (a choice picked, a line
    confirmed); :meth:`show_values` and :meth:`choose` change fields without it.
    """

    edited = Signal(str, object)

    def __init__(
        self,
        schema: Schema,
        attributes: tuple[Attribute, ...] | list[Attribute],
        language: str = "en",
        label_item: LabelItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.schema = schema
        self.label_item = label_item or self._plain_label_item
        self.fields: dict[str, Field] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for attribute in attributes:
            field = self._field(attribute)
            self.fields[attribute.id] = field
            form.addRow(attribute.names.get(language), field)

    def show_values(self, values: Mapping[str, Any]) -> None:
        """Show a span's stored values (those the schema does not list too)."""
        for attribute_id, field in self.fields.items():
            field.show_value(values.get(attribute_id))

    def values(self) -> dict[str, Any]:
        """Every field's value as it stands (None or "" where it is empty)."""
        return {attribute_id: field.value() for attribute_id, field in self.fields.items()}

    def choose(self, attribute_id: str, value: Any) -> None:
        """Set a field as the curator would (None clears it); ValueError for a value a list lacks."""
        field = self.fields[attribute_id]
        if isinstance(field, AttributeText):
            field.setText("" if value is None else str(value))
        else:
            field.choose(value)

    def _field(self, attribute: Attribute) -> Field:
        if attribute.type == "text":
            line = AttributeText()
            line.editingFinished.connect(lambda a=attribute.id, f=line: self.edited.emit(a, f.value()))
            return line
        items: list[tuple[QIcon | None, str, str]] = []
        if attribute.type == "choice":
            items = [(None, choice.replace("_", " "), choice) for choice in attribute.values]
        elif attribute.layer:
            layer = self.schema.layer(attribute.layer)
            for label in layer.labels if layer else ():
                icon, text = self.label_item(attribute.layer, label.id)
                items.append((icon, text, label.id))
        box = AttributeChoice(items)
        box.activated.connect(lambda _i, a=attribute.id, b=box: self.edited.emit(a, b.value()))
        return box

    def _plain_label_item(self, layer_id: str, label_id: str) -> tuple[QIcon | None, str]:
        label = self.schema.label(layer_id, label_id)
        return None, f"{label_id} ({label.names.get('ar')})" if label else label_id
