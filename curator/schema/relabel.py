"""What a span keeps of its attributes when it takes another label: those the new label declares,
and its knowledge-base identifier.

The store refuses a span whose attributes its label does not declare, so a relabel drops the others.
The window's relabel and a conflict's "apply mine" (which derives them again from the colleague's
version) both use these, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from curator.schema.model import IDENTIFIER, Schema


def declared_attributes(schema: Schema, layer: str, label: str) -> frozenset[str]:
    """The ids of the attributes ``label`` of ``layer`` declares (none for an unknown label)."""
    definition = schema.label(layer, label)
    return frozenset(attr.id for attr in definition.attributes) if definition else frozenset()


def kept_attributes(attributes: Mapping[str, Any], declared: Set[str]) -> dict[str, Any]:
    """``attributes`` without those not in ``declared`` (a new label's :func:`declared_attributes`).
    The reserved knowledge-base identifier is kept: every label may carry it, and it names the entity
    whatever the label (dropping it on a relabel lost an imported link)."""
    return {key: value for key, value in attributes.items() if key in declared or key == IDENTIFIER}
