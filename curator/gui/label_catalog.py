"""The schema's labels as the window shows them: names in the interface language, colours, shortcuts.

Names pass through :func:`curator.text.invisible.reveal`: a schema file is input like any other, and a
bidi control in a label name (``Per⟦RLO⟧son``) could make one label pass for another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from curator.schema.model import Label, Layer, RelationType, Schema
from curator.text.invisible import reveal

LANGUAGES = ("en", "fr", "ar")


@dataclass(frozen=True)
class LabelStyle:
    layer: str
    label: str
    name: str
    color: QColor
    shortcut: str | None
    definition: Label | None  # None for a label retired from the schema


class LabelCatalog:
    """Lookups over ``schema`` with names in ``language`` (en, fr or ar)."""

    def __init__(self, schema: Schema, language: str = "en") -> None:
        self.schema = schema
        self.language = language if language in LANGUAGES else "en"
        self._styles: dict[tuple[str, str], LabelStyle] = {}
        for layer in schema.layers:
            for label in layer.labels:
                self._styles[(layer.id, label.id)] = LabelStyle(
                    layer.id,
                    label.id,
                    reveal(label.names.get(self.language)),
                    QColor(label.color),
                    label.shortcut,
                    label,
                )

    def style(self, layer: str, label: str) -> LabelStyle:
        found = self._styles.get((layer, label))
        if found is None:
            # A label retired from the schema but still stored: shown in grey, never hidden.
            return LabelStyle(layer, label, reveal(label), QColor("#999999"), None, None)
        return found

    def color(self, layer: str, label: str) -> QColor:
        return self.style(layer, label).color

    def name(self, layer: str, label: str) -> str:
        return self.style(layer, label).name

    def layer_name(self, layer: Layer) -> str:
        return reveal(layer.names.get(self.language))

    def relation_name(self, relation: RelationType) -> str:
        return reveal(relation.names.get(self.language))

    def text(self, names: Any) -> str:
        """Any other schema name (an attribute's, a value's) in the interface language, revealed."""
        return reveal(names.get(self.language))

    def span_layers(self) -> list[Layer]:
        return self.schema.span_layers()

    def document_layers(self) -> list[Layer]:
        return self.schema.document_layers()

    def span_labels(self) -> list[LabelStyle]:
        return [self._styles[(layer.id, label.id)] for layer in self.span_layers() for label in layer.labels]
