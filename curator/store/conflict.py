"""A refused stale edit of one span, described with both versions (plain data, no Qt).

A colleague changed (or deleted) an annotation after the window read it; the store refused the edit
(:class:`~curator.errors.StaleEdit`). The refused command describes the conflict, and the window's
:mod:`curator.gui.conflicts` shows it and lets the curator keep theirs or apply theirs plus mine.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from curator.schema.relabel import kept_attributes
from curator.store.queries import SpanRecord


@dataclass(frozen=True)
class Conflict:
    """One refused edit of one span.

    ``seen`` is the version the edit was made against; ``mine`` the fields the curator set (None: the
    curator deleted the span); ``theirs`` what the store holds now (None: a colleague deleted it).
    """

    what: str
    document_id: int
    seen: SpanRecord
    mine: dict[str, Any] | None
    theirs: SpanRecord | None
    allowed: frozenset[str] | None = None  # for a relabel: the attributes the new label has

    @property
    def span_id(self) -> int:
        return self.seen.id

    def yours(self) -> SpanRecord | None:
        """The span as the curator wanted it (None when they deleted it)."""
        if self.mine is None:
            return None
        return replace(self.seen, **{k: v for k, v in self.mine.items() if k in _FIELDS})

    def merged(self) -> dict[str, Any]:
        """The curator's changes as they apply on top of ``theirs``. A relabel's attributes were
        derived from the version it was made on (those the new label has): they are derived from
        theirs instead, so a colleague's attribute change is not undone by a relabel."""
        changes = {k: v for k, v in (self.mine or {}).items() if k in _FIELDS}
        relabel = "label" in changes or "layer" in changes
        if self.theirs is not None and relabel and "attributes" in changes and self.allowed is not None:
            changes["attributes"] = kept_attributes(self.theirs.attributes, self.allowed)
        return changes

    def outcome_of_mine(self) -> SpanRecord | None:
        """What "apply mine" would store: the colleague's version with the curator's changes on top
        (fields the curator did not touch keep the colleague's values)."""
        if self.theirs is None or self.mine is None:
            return self.yours()
        return replace(self.theirs, **self.merged())

    def reapplied(self) -> dict[str, Any]:
        """The curator's changes to apply on top of ``theirs`` (only what differs from it)."""
        if self.mine is None or self.theirs is None:
            return {}
        return {k: v for k, v in self.merged().items() if getattr(self.theirs, k) != v}


_FIELDS = {"layer", "label", "start", "end", "attributes", "note"}
