"""Edit → Schema…: the layers and labels with their names in Arabic, French and English, colour and
shortcut, and the buttons that change them (issue 21). Every change is a
:class:`~curator.gui.schema_commands.SchemaCommand` on the window's undo stack: Ctrl+Z in the
window undoes it, spans included. The dialog is given the core's
:class:`~curator.store.schema_changes.SchemaEditor`, never the database; what it asks the curator
goes through :class:`SchemaForms`, which tests replace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.schema.model import Label
from curator.store.schema_changes import SchemaChange, SchemaEditor, spans_matching, spans_of_label
from curator.text.invisible import reveal

from .label_palette import swatch
from .schema_commands import SchemaCommand

# colour and key first: the three names may be long
ID, COLOUR, SHORTCUT, ARABIC, FRENCH, ENGLISH = range(6)
NAME_COLUMNS = {"ar": ARABIC, "fr": FRENCH, "en": ENGLISH}


class _Fields(QDialog):
    """A small form of line edits (and a key editor); ``values()`` after ``exec``."""

    def __init__(self, title: str, fields: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit | QKeySequenceEdit] = {}
        for key, caption, initial in fields:
            edit: QLineEdit | QKeySequenceEdit
            if key == "shortcut":
                edit = QKeySequenceEdit()
                edit.setKeySequence(QKeySequence(initial))
            else:
                edit = QLineEdit(initial)
                if key == "ar":
                    edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            self.edits[key] = edit
            form.addRow(caption, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        out = {}
        for key, edit in self.edits.items():
            out[key] = edit.keySequence().toString() if isinstance(edit, QKeySequenceEdit) else edit.text().strip()
        return out


class SchemaForms:
    """What the dialog asks: each method returns the answer, or None when the curator cancels."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def _names_fields(self, names: dict[str, str]) -> list[tuple[str, str, str]]:
        return [
            ("ar", QCoreApplication.translate("SchemaForms", "Arabic name"), names.get("ar", "")),
            ("fr", QCoreApplication.translate("SchemaForms", "French name"), names.get("fr", "")),
            ("en", QCoreApplication.translate("SchemaForms", "English name"), names.get("en", "")),
        ]

    def new_label(self, title: str) -> dict[str, str] | None:
        """id, ar, fr, en, color, shortcut."""
        fields = [
            ("id", QCoreApplication.translate("SchemaForms", "Id (stored and exported)"), ""),
            *self._names_fields({}),
        ]
        fields += [
            ("color", QCoreApplication.translate("SchemaForms", "Colour (#rrggbb)"), "#808080"),
            ("shortcut", QCoreApplication.translate("SchemaForms", "Shortcut"), ""),
        ]
        form = _Fields(title, fields, self.parent)
        return form.values() if form.exec() else None

    def names(self, current: dict[str, str]) -> dict[str, str] | None:
        form = _Fields(
            QCoreApplication.translate("SchemaForms", "Rename label"), self._names_fields(current), self.parent
        )
        return form.values() if form.exec() else None

    def merge_target(self, choices: list[tuple[str, str]]) -> str | None:
        """``choices``: (label id, shown name); the id chosen."""
        shown = [f"{name} ({label})" for label, name in choices]
        text, ok = QInputDialog.getItem(
            self.parent,
            QCoreApplication.translate("SchemaForms", "Merge label"),
            QCoreApplication.translate("SchemaForms", "Merge into:"),
            shown,
            0,
            False,
        )
        return choices[shown.index(text)][0] if ok and text in shown else None

    def colour(self, current: str) -> str | None:
        chosen = QColorDialog.getColor(
            QColor(current), self.parent, QCoreApplication.translate("SchemaForms", "Label colour")
        )
        return chosen.name() if chosen.isValid() else None

    def shortcut(self, current: str) -> str | None:
        """The new key; an empty string takes the key away."""
        form = _Fields(
            QCoreApplication.translate("SchemaForms", "Label shortcut"),
            [("shortcut", QCoreApplication.translate("SchemaForms", "Shortcut"), current)],
        )
        return form.values()["shortcut"] if form.exec() else None

    def attribute(self) -> dict[str, Any] | None:
        """id, ar, fr, en, type, values (a tuple), layer."""
        fields = [
            ("id", QCoreApplication.translate("SchemaForms", "Attribute id"), ""),
            *self._names_fields({}),
            ("values", QCoreApplication.translate("SchemaForms", "Values (a, b, c)"), ""),
        ]
        fields.append(("layer", QCoreApplication.translate("SchemaForms", "Layer of its labels (type label)"), ""))
        form = _Fields(QCoreApplication.translate("SchemaForms", "Add attribute"), fields, self.parent)
        kind = QComboBox()
        for value in ("choice", "text", "label"):
            kind.addItem(value, value)
        layout = form.layout()
        assert isinstance(layout, QFormLayout)
        layout.insertRow(4, QCoreApplication.translate("SchemaForms", "Type"), kind)
        if not form.exec():
            return None
        values = form.values()
        return {
            **values,
            "type": kind.currentData(),
            "values": tuple(v.strip() for v in values["values"].split(",") if v.strip()),
            "layer": values["layer"] or None,
        }

    def split(self, editor: SchemaEditor, layer: str, label: str) -> tuple[dict[str, str], list[int]] | None:
        dialog = SplitDialog(editor, layer, label, self.parent)
        return dialog.answer() if dialog.exec() else None


class SplitDialog(QDialog):
    """The spans of a label, each with a box: the checked ones take the new label. A text ticks the
    spans with that text (folded as corpus search folds)."""

    def __init__(self, editor: SchemaEditor, layer: str, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Split label {0}").format(label))
        self.editor, self.layer, self.label = editor, layer, label
        captions = {
            "id": self.tr("New label id"),
            "ar": self.tr("Arabic name"),
            "fr": self.tr("French name"),
            "en": self.tr("English name"),
            "color": self.tr("Colour (#rrggbb)"),
            "shortcut": self.tr("Shortcut"),
        }
        self.edits = {key: QLineEdit("#808080" if key == "color" else "") for key in captions}
        self.edits["ar"].setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.spans = QListWidget()
        for span in spans_of_label(editor.db, layer, label):
            item = QListWidgetItem(f"{reveal(span.text)} — {reveal(span.title)} ({span.annotator}) #{span.id}")
            item.setData(Qt.ItemDataRole.UserRole, span.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.spans.addItem(item)
        self.matching = QLineEdit()
        self.matching.setPlaceholderText(self.tr("Tick the spans with this text…"))
        self.matching.returnPressed.connect(lambda: self.tick_matching(self.matching.text()))
        form = QFormLayout()
        for key, edit in self.edits.items():
            form.addRow(captions[key], edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.matching)
        column.addWidget(self.spans, 1)
        column.addWidget(buttons)

    def tick_matching(self, text: str) -> int:
        wanted = set(spans_matching(self.editor.db, self.layer, self.label, text))
        for row in range(self.spans.count()):
            item = self.spans.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)
        return len(wanted)

    def checked(self) -> list[int]:
        return [
            int(self.spans.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.spans.count())
            if self.spans.item(row).checkState() == Qt.CheckState.Checked
        ]

    def answer(self) -> tuple[dict[str, str], list[int]]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}, self.checked()


class SchemaDialog(QDialog):
    """The schema editor: layers and their labels; each button one undoable change on ``stack``.
    ``applied`` is told of every change (the window repaints the palette and the views)."""

    def __init__(
        self,
        editor: SchemaEditor,
        stack: QUndoStack,
        applied: Callable[[SchemaChange], None],
        refused: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Schema"))
        self.resize(820, 560)
        self.editor, self.stack = editor, stack
        self._applied, self._refused = applied, refused
        self.forms = SchemaForms(self)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [self.tr("Label"), self.tr("Colour"), self.tr("Shortcut"), self.tr("Arabic"), self.tr("French"),
             self.tr("English")]
        )  # fmt: skip
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", self.tr("Add label…"), self.add_label),
            ("rename", self.tr("Rename…"), self.rename_label),
            ("merge", self.tr("Merge into…"), self.merge_label),
            ("split", self.tr("Split…"), self.split_label),
            ("colour", self.tr("Colour…"), self.change_colour),
            ("shortcut", self.tr("Shortcut…"), self.change_shortcut),
            ("attribute", self.tr("Add attribute…"), self.add_attribute),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.tree, 1)
        column.addLayout(row)
        column.addWidget(self.message)
        column.addWidget(close)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.fill()

    # -- the list ---------------------------------------------------------------------------------

    def fill(self) -> None:
        current = self.selected()
        self.tree.clear()
        for layer in self.editor.db.schema.layers:
            top = QTreeWidgetItem(
                [layer.id, "", "", reveal(layer.names.ar), reveal(layer.names.fr), reveal(layer.names.en)]
            )
            top.setTextAlignment(ARABIC, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            top.setData(ID, Qt.ItemDataRole.UserRole, (layer.id, None))
            self.tree.addTopLevelItem(top)
            for label in layer.labels:
                item = QTreeWidgetItem(
                    [label.id, label.color, label.shortcut or "", reveal(label.names.ar), reveal(label.names.fr),
                     reveal(label.names.en)]
                )  # fmt: skip
                item.setIcon(COLOUR, swatch(label.color))
                item.setData(ID, Qt.ItemDataRole.UserRole, (layer.id, label.id))
                # Arabic names read from the right, whatever the interface language
                item.setTextAlignment(ARABIC, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                top.addChild(item)
                if current == (layer.id, label.id):
                    self.tree.setCurrentItem(item)
            top.setExpanded(True)
        for column in range(6):
            self.tree.resizeColumnToContents(column)
        self._enable()

    def selected(self) -> tuple[str, str | None] | None:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        if item is None:
            return None
        layer, label = item.data(ID, Qt.ItemDataRole.UserRole)
        return str(layer), label

    def select(self, layer: str, label: str | None = None) -> None:
        """Make ``layer`` (or its ``label``) the current row."""
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is None or top.data(ID, Qt.ItemDataRole.UserRole)[0] != layer:
                continue
            children = [top.child(i) for i in range(top.childCount())]
            wanted = [c for c in children if c is not None and c.data(ID, Qt.ItemDataRole.UserRole)[1] == label]
            self.tree.setCurrentItem(wanted[0] if wanted else top)

    def _enable(self) -> None:
        chosen = self.selected()
        on_label = chosen is not None and chosen[1] is not None
        for key, button in self.buttons.items():
            button.setEnabled(chosen is not None if key == "add" else on_label)

    # -- changes ----------------------------------------------------------------------------------

    def run(self, description: str, operation: Callable[[], SchemaChange]) -> bool:
        """Push ``operation`` as one undoable command; False (and the reason shown) when refused."""
        command = SchemaCommand(self.editor, operation, description, self._done, self._refuse)
        self.stack.push(command)
        return command.refusal is None

    def _done(self, change: SchemaChange) -> None:
        note = f" — {change.note}" if change.note else ""
        self.message.setText(self.tr("Saved: {0}").format(change.description) + note)
        self.message.setStyleSheet("color: #2e7d32;")
        self._applied(change)
        self.fill()

    def _refuse(self, what: str, reason: str) -> None:
        self.message.setText(self.tr("Not saved — {0}: {1}").format(what, reason))
        self.message.setStyleSheet("color: #c62828;")
        self._refused(what, reason)

    def _label(self) -> tuple[str, str] | None:
        chosen = self.selected()
        if chosen is None or chosen[1] is None:
            return None
        return chosen[0], chosen[1]

    def _chosen_label(self) -> tuple[str, str, Label] | None:
        """The selected label's layer, id and definition; None when no label is selected."""
        chosen = self._label()
        if chosen is None:
            return None
        definition = self.editor.db.schema.label(*chosen)
        assert definition is not None  # the tree lists the schema's own labels
        return chosen[0], chosen[1], definition

    def add_label(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        layer = chosen[0]
        answer = self.forms.new_label(self.tr("Add a label to {0}").format(layer))
        if answer is None:
            return False
        names = {key: answer[key] for key in ("ar", "fr", "en")}
        done = self.run(
            f"add label {layer}-{answer['id']}",
            lambda: self.editor.add_label(layer, answer["id"], names, answer["color"], answer.get("shortcut") or None),
        )
        if done:
            self.select(layer, answer["id"])
        return done

    def rename_label(self) -> bool:
        chosen = self._chosen_label()
        if chosen is None:
            return False
        layer, label, definition = chosen
        names = self.forms.names(definition.names.model_dump())
        if names is None:
            return False
        changed = {k: v for k, v in names.items() if v != getattr(definition.names, k)}
        return self.run(f"rename label {layer}-{label}", lambda: self.editor.rename_label(layer, label, changed))

    def merge_label(self) -> bool:
        chosen = self._label()
        if chosen is None:
            return False
        layer, label = chosen
        definition = self.editor.db.schema.layer(layer)
        assert definition is not None
        choices = [(lab.id, lab.names.get(self._language())) for lab in definition.labels if lab.id != label]
        target = self.forms.merge_target(choices)
        if target is None:
            return False
        return self.run(
            f"merge label {layer}-{label} into {target}", lambda: self.editor.merge_labels(layer, label, target)
        )

    def split_label(self) -> bool:
        chosen = self._label()
        if chosen is None:
            return False
        layer, label = chosen
        answer = self.forms.split(self.editor, layer, label)
        if answer is None:
            return False
        values, span_ids = answer
        names = {key: values.get(key, "") for key in ("ar", "fr", "en")}
        return self.run(
            f"split label {layer}-{label} into {values.get('id', '')}",
            lambda: self.editor.split_label(
                layer,
                label,
                values.get("id", ""),
                span_ids,
                names,
                values.get("color", ""),
                values.get("shortcut") or None,
            ),
        )

    def change_colour(self) -> bool:
        chosen = self._chosen_label()
        if chosen is None:
            return False
        layer, label, definition = chosen
        colour = self.forms.colour(definition.color)
        if colour is None:
            return False
        return self.run(f"change label {layer}-{label}", lambda: self.editor.set_label(layer, label, color=colour))

    def change_shortcut(self) -> bool:
        chosen = self._chosen_label()
        if chosen is None:
            return False
        layer, label, definition = chosen
        key = self.forms.shortcut(definition.shortcut or "")
        if key is None:
            return False
        return self.run(
            f"change label {layer}-{label}", lambda: self.editor.set_label(layer, label, shortcut=key or None)
        )

    def add_attribute(self) -> bool:
        chosen = self._label()
        if chosen is None:
            return False
        layer, label = chosen
        answer = self.forms.attribute()
        if answer is None:
            return False
        names = {key: answer[key] for key in ("ar", "fr", "en")}
        return self.run(
            f"add attribute {answer['id']} to {layer}-{label}",
            lambda: self.editor.add_attribute(
                layer, label, answer["id"], names, answer["type"], answer["values"], answer["layer"]
            ),
        )

    def _language(self) -> str:
        parent = self.parentWidget()
        prefs = getattr(parent, "prefs", None)
        return str(getattr(prefs, "label_language", "en"))
