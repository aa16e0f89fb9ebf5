"""The annotation schema: model and loader."""

from curator.schema.loader import load_schema, parse_schema, read_schema_text
from curator.schema.model import Attribute, Label, Layer, Names, RelationType, Schema

__all__ = [
    "Attribute",
    "Label",
    "Layer",
    "Names",
    "RelationType",
    "Schema",
    "load_schema",
    "parse_schema",
    "read_schema_text",
]
