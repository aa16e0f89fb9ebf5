"""The annotation schema: layers, labels, attributes and relation types (validated, immutable)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_ID = r"^[A-Za-z][A-Za-z0-9_]*$"
# A span attribute every label may carry without the schema declaring it: the id of the entity a span
# names in a knowledge base (INCEpTION's ``NamedEntity.identifier``, a Wikidata URI...), free text.
IDENTIFIER = "identifier"
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Names(_Frozen):
    """A name in each interface language."""

    ar: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return str(getattr(self, language, self.en))


class Attribute(_Frozen):
    """An attribute of a span label: a closed choice, free text, or a label of another layer."""

    id: str = Field(pattern=_ID)
    names: Names
    type: Literal["choice", "text", "label"]
    values: tuple[str, ...] = ()
    layer: str | None = None


class Label(_Frozen):
    id: str = Field(pattern=_ID)
    names: Names
    color: str
    shortcut: str | None = None
    description: str = ""
    attributes: tuple[Attribute, ...] = ()

    @field_validator("color")
    @classmethod
    def _check_color(cls, value: str) -> str:
        if not _COLOR.match(value):
            raise ValueError(f"colour must look like #rrggbb, not {value!r}")
        return value


class Layer(_Frozen):
    id: str = Field(pattern=_ID)
    names: Names
    scopes: tuple[Literal["span", "document"], ...] = ("span",)
    cross_paragraph: bool = False
    article_in_span: bool = True
    labels: tuple[Label, ...] = Field(min_length=1)

    def label(self, label_id: str) -> Label | None:
        return next((lab for lab in self.labels if lab.id == label_id), None)


class RelationEnd(_Frozen):
    layer: str
    labels: tuple[str, ...] = ()


class RelationType(_Frozen):
    id: str = Field(pattern=_ID)
    names: Names
    source: RelationEnd
    target: RelationEnd
    max_per_source: int | None = Field(default=None, ge=1)
    shortcut: str | None = None


class Schema(_Frozen):
    """A whole schema. Cross-references are checked by :func:`curator.schema.loader.load_schema`."""

    name: str = Field(min_length=1)
    version: int = Field(ge=1)
    layers: tuple[Layer, ...] = Field(min_length=1)
    relations: tuple[RelationType, ...] = ()

    def layer(self, layer_id: str) -> Layer | None:
        return next((lay for lay in self.layers if lay.id == layer_id), None)

    def label(self, layer_id: str, label_id: str) -> Label | None:
        layer = self.layer(layer_id)
        return layer.label(label_id) if layer else None

    def relation(self, relation_id: str) -> RelationType | None:
        return next((rel for rel in self.relations if rel.id == relation_id), None)

    def span_layers(self) -> list[Layer]:
        return [lay for lay in self.layers if "span" in lay.scopes]

    def document_layers(self) -> list[Layer]:
        return [lay for lay in self.layers if "document" in lay.scopes]
