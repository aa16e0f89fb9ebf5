"""The side panel of the selected span: its text, label, attributes, note, relations; delete.

The panel only asks for changes (signals); the workspace makes them as undoable commands and the
panel shows the result when the open document reports it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.schema.model import RelationType
from curator.store.queries import RelationRecord, SpanRecord

from .attribute_editor import AttributeEditor, Field
from .direction import layout_direction, reads_rtl, start_alignment
from .label_catalog import LabelCatalog
from .label_palette import swatch


def _elide(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _combo() -> QComboBox:
    box = QComboBox()
    # Sized for a dozen characters, not for the longest label name (the list itself is wider).
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    return box


class SpanPanel(QWidget):
    """Shows one span (or says that none is selected)."""

    label_change_requested = Signal(object, str, str)  # span, layer, label
    attribute_change_requested = Signal(object, str, object)  # span, attribute id, value (None clears)
    note_change_requested = Signal(object, str)  # span, note
    delete_requested = Signal(object)  # span
    relation_pick_requested = Signal(str)  # relation type id: start the link gesture
    relation_remove_requested = Signal(object)  # RelationRecord
    span_jump_requested = Signal(object)  # SpanRecord at the other end of a relation
    entity_link_requested = Signal(object)  # SpanRecord: open the entity chooser for it
    entity_unlink_requested = Signal(object)  # SpanRecord: remove its entity link
    entity_suggestion_accepted = Signal(object)  # SpanRecord: link it to its suggested entity

    def __init__(self, catalog: LabelCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.span: SpanRecord | None = None
        self._filling = False
        outer = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Select an annotation (click it) to see and edit it here."))
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        self.body = QWidget()
        outer.addWidget(self.body)
        outer.addStretch(1)
        self.form = QFormLayout(self.body)
        self.words = QLabel()
        self.words.setWordWrap(True)
        # Nothing in the panel may widen it: a wider dock would reflow the text at every click.
        self.words.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self.tr("Text"), self.words)
        self.label_box = _combo()
        self.label_box.activated.connect(self._label_picked)
        self.form.addRow(self.tr("Label"), self.label_box)
        # The entity row stays (row 2) while the rows below are rebuilt: shown for entity-layer spans.
        self.entity_row = QWidget()
        entity_rows = QVBoxLayout(self.entity_row)
        entity_rows.setContentsMargins(0, 0, 0, 0)
        entity_line = QHBoxLayout()
        entity_rows.addLayout(entity_line)
        self.entity_name = QLabel()
        self.entity_name.setObjectName("entity_name")
        self.entity_name.setWordWrap(True)
        self.entity_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.entity_link_button = QPushButton(self.tr("Link… (K)"))
        self.entity_link_button.clicked.connect(self._entity_link_clicked)
        self.unlink_button = QPushButton(self.tr("Unlink"))
        self.unlink_button.clicked.connect(self._unlink_clicked)
        entity_line.addWidget(self.entity_name, 1)
        entity_line.addWidget(self.entity_link_button)
        entity_line.addWidget(self.unlink_button)
        # A suggested link (never stored until accepted), under the entity's line.
        self.suggestion_line = QWidget()
        suggestion = QHBoxLayout(self.suggestion_line)
        suggestion.setContentsMargins(0, 0, 0, 0)
        self.entity_suggestion = QLabel()
        self.entity_suggestion.setObjectName("entity_suggestion")
        self.entity_suggestion.setWordWrap(True)
        self.entity_suggestion.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.accept_suggestion_button = QPushButton(self.tr("Accept"))
        self.accept_suggestion_button.clicked.connect(self._accept_suggestion_clicked)
        suggestion.addWidget(self.entity_suggestion, 1)
        suggestion.addWidget(self.accept_suggestion_button)
        entity_rows.addWidget(self.suggestion_line)
        self.suggestion_line.hide()
        self.form.addRow(self.tr("Entity"), self.entity_row)
        self.entity_key: str | None = None
        self.suggested_key: str | None = None
        self.attributes = AttributeEditor(catalog.schema, ())
        self.attribute_widgets: dict[str, Field] = {}  # the attributes' fields, by attribute id
        self.note = QLineEdit()
        self.delete_button = QPushButton()
        self._shape: tuple[Any, ...] | None = None  # the label and links the rows below were built for
        self._fill_labels()
        self.show_span(None, "", [])

    def set_catalog(self, catalog: LabelCatalog) -> None:
        self.catalog = catalog
        self._shape = None  # names in another language: the rows are built again
        self._fill_labels()

    def _fill_labels(self) -> None:
        self.label_box.clear()
        for style in self.catalog.span_labels():
            self.label_box.addItem(swatch(style.color), f"{style.name} ({style.label})", f"{style.layer}/{style.label}")

    # -- showing ----------------------------------------------------------------------------------

    def show_span(
        self,
        span: SpanRecord | None,
        words: str,
        relations: list[tuple[RelationRecord, SpanRecord | None, str]],
    ) -> None:
        """Show ``span`` with its stored ``words``; ``relations`` are (relation, other span, its words)."""
        self._commit_pending(span)
        self.span = span
        self.empty.setVisible(span is None)
        self.body.setVisible(span is not None)
        if span is None:
            return
        self._filling = True
        try:
            shown = _elide(words, 300)
            self.words.setText(shown)
            # Arabic starts at the right edge, French at the left; absolute, since Qt mirrors a plain
            # AlignRight of right-to-left text (or in a right-to-left widget) to the left edge.
            rtl = reads_rtl(shown)
            self.words.setLayoutDirection(layout_direction(rtl))
            self.words.setAlignment(start_alignment(rtl))
            index = self.label_box.findData(f"{span.layer}/{span.label}")
            self.label_box.setCurrentIndex(index)
            self._rebuild_rows(span, relations)
        finally:
            self._filling = False

    def _rebuild_rows(self, span: SpanRecord, relations: list[tuple[RelationRecord, SpanRecord | None, str]]) -> None:
        # Everything below the label row depends on the label and the links: rebuilt when they differ,
        # only refilled when they do not (selecting or adding spans one after another, the common case:
        # building the rows again cost more than drawing the new span).
        shape = (
            span.layer,
            span.label,
            tuple((r.id, other.label if other else None, words) for r, other, words in relations),
        )
        if shape == self._shape:
            self._refill(span)
            return
        self._shape = shape
        while self.form.rowCount() > 3:
            self.form.removeRow(3)
        definition = self.catalog.style(span.layer, span.label).definition
        self.attributes = AttributeEditor(
            self.catalog.schema, definition.attributes if definition else (), self.catalog.language, self._label_item
        )
        self.attributes.show_values(span.attributes)
        self.attributes.edited.connect(self._attribute_done)
        self.attribute_widgets = dict(self.attributes.fields)
        if self.attribute_widgets:
            self.form.addRow(self.attributes)
        self.note = QLineEdit(span.note)
        self.note.setPlaceholderText(self.tr("Note (Enter to save)"))
        self.note.editingFinished.connect(self._note_done)
        self.form.addRow(self.tr("Note"), self.note)
        links = QWidget()
        rows = QVBoxLayout(links)
        rows.setContentsMargins(0, 0, 0, 0)
        for relation, other, other_words in relations:
            rows.addWidget(self._relation_row(span, relation, other, other_words))
        for rel_type in self._relation_types_from(span):
            shortcut = f" ({rel_type.shortcut})" if rel_type.shortcut else ""
            button = QPushButton(self.tr("Link {0}…").format(self.catalog.relation_name(rel_type)) + shortcut)
            button.setToolTip(self.tr("Then click the annotation to link to (Esc cancels)"))
            button.clicked.connect(lambda _c=False, t=rel_type.id: self.relation_pick_requested.emit(t))
            rows.addWidget(button)
        self.form.addRow(self.tr("Links"), links)
        self.delete_button = QPushButton(self.tr("Delete annotation (Del)"))
        self.delete_button.clicked.connect(self._delete_clicked)
        self.form.addRow(self.delete_button)

    def _refill(self, span: SpanRecord) -> None:
        """Show ``span``'s values in the rows built for a span of the same label and links."""
        self.attributes.show_values(span.attributes)
        self.note.setText(span.note)
        self.note.setModified(False)

    def _relation_types_from(self, span: SpanRecord) -> list[RelationType]:
        return [
            r
            for r in self.catalog.schema.relations
            if r.source.layer == span.layer and (not r.source.labels or span.label in r.source.labels)
        ]

    def _relation_row(
        self, span: SpanRecord, relation: RelationRecord, other: SpanRecord | None, other_words: str
    ) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        rel_type = self.catalog.schema.relation(relation.type)
        name = self.catalog.relation_name(rel_type) if rel_type else relation.type
        outgoing = relation.source_id == span.id
        label = other.label if other else "?"
        arrow = "→" if outgoing else "←"
        link = QToolButton()
        link.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        link.setText(f"{name} {arrow} {label}: {_elide(other_words, 40)}")
        link.setToolTip(self.tr("Go to the linked annotation"))
        link.setAutoRaise(True)
        if other is not None:
            link.clicked.connect(lambda _c=False, o=other: self.span_jump_requested.emit(o))
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this link"))
        remove.clicked.connect(lambda _c=False, r=relation: self.relation_remove_requested.emit(r))
        line.addWidget(link, 1)
        line.addWidget(remove)
        return row

    def show_entity(
        self, linkable: bool, key: str | None, name: str, suggested: tuple[str, str, float] | None = None
    ) -> None:
        """The entity row: hidden for spans of other layers; the linked entity's ``name`` (and key),
        or that none is linked, with the ``suggested`` link (key, name, score 0-1) when one is offered."""
        self.form.setRowVisible(self.entity_row, linkable)
        self.suggested_key = suggested[0] if suggested and key is None else None
        self.suggestion_line.setVisible(self.suggested_key is not None)
        if suggested is not None and self.suggested_key is not None:
            _, shown, score = suggested
            self.entity_suggestion.setText(
                self.tr("Suggested: {0} ({1}) — Enter or Shift+K to accept").format(shown, f"{score:.2f}")
            )
            rtl = reads_rtl(shown)
            self.entity_suggestion.setLayoutDirection(layout_direction(rtl))
            self.entity_suggestion.setAlignment(start_alignment(rtl))
        self.entity_key = key
        if key is None:
            self.entity_name.setText(self.tr("Not linked"))
        else:
            self.entity_name.setText(f"{name} ({key})")
            rtl = reads_rtl(name)
            self.entity_name.setLayoutDirection(layout_direction(rtl))
            self.entity_name.setAlignment(start_alignment(rtl))
        self.unlink_button.setEnabled(key is not None)

    def _entity_link_clicked(self) -> None:
        if self.span is not None:
            self.entity_link_requested.emit(self.span)

    def _accept_suggestion_clicked(self) -> None:
        if self.span is not None:
            self.entity_suggestion_accepted.emit(self.span)

    def _unlink_clicked(self) -> None:
        if self.span is not None:
            self.entity_unlink_requested.emit(self.span)

    def _label_item(self, layer: str, label: str) -> tuple[QIcon | None, str]:
        style = self.catalog.style(layer, label)
        return swatch(style.color), style.name

    # -- requests ---------------------------------------------------------------------------------

    def _commit_pending(self, next_span: SpanRecord | None) -> None:
        """A note typed but not confirmed (no Enter, focus still in the field) is saved for the span it
        was typed for before the panel shows another one."""
        if self._filling or self.span is None or (next_span is not None and next_span.id == self.span.id):
            return
        if self.note.isModified() and self.note.text() != self.span.note:
            self.note.setModified(False)
            self.note_change_requested.emit(self.span, self.note.text())

    def _delete_clicked(self) -> None:
        if self.span is not None:
            self.delete_requested.emit(self.span)

    def _label_picked(self, index: int) -> None:
        if self._filling or self.span is None:
            return
        # Combo data are "layer/label" strings: Qt keeps strings intact, not Python tuples.
        layer, label = str(self.label_box.itemData(index)).split("/", 1)
        self.label_change_requested.emit(self.span, layer, label)

    def _attribute_done(self, attribute_id: str, value: Any) -> None:
        if self._filling or self.span is None:
            return
        if self.span.attributes.get(attribute_id) != (value or None):
            self.attribute_change_requested.emit(self.span, attribute_id, value or None)

    def _note_done(self) -> None:
        if self._filling or self.span is None:
            return
        note = self.note.text()
        self.note.setModified(False)
        if note != self.span.note:
            self.note_change_requested.emit(self.span, note)
