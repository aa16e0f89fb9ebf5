"""What importers produce and exporters consume: plain records, independent of the database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)  # an import may hold 200,000 of them
class SpanIn:
    layer: str
    label: str
    start: int
    end: int
    annotator: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    ref: str | None = None  # the file's own id for this annotation, named by relations
    entity: str | None = None  # the registry entity it names (its key), for an entity-layer span
    # A model's confidence, 0..1, where the file gives one: kept by ``import --as-suggestions``;
    # an annotation has none (an ordinary import counts the scores it does not keep).
    score: float | None = None


@dataclass
class RelationIn:
    type: str
    source: str
    target: str
    annotator: str


@dataclass
class DocLabelIn:
    layer: str
    label: str
    annotator: str


@dataclass
class EntityIn:
    """A registry entity a file names for a link (a brat normalization, an XMI identifier): made by the
    import when the registry has no entity of that ``key``, of type ``type`` and named ``name`` in
    ``language``; ``line`` is where the file names it, in ``source`` when that is another file than
    the document's (a row of a parquet table).

    A file that holds the registry row itself (parquet's entities table) gives ``names`` in every
    language, and ``aliases``, ``description``, ``external_ids``: the entity is made from those."""

    key: str
    type: str
    name: str
    language: str | None
    line: int
    source: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    description: str = ""
    external_ids: dict[str, str] = field(default_factory=dict)


@dataclass
class DocumentIn:
    """One document read from a file; ``line`` is where it starts in that file (1 for a text file)."""

    source: str
    line: int
    text: str
    ext_id: str | None = None
    # False when the id was made from a file name and may take a suffix to stay unique.
    ext_id_fixed: bool = True
    # Whether the file names the id itself (None: it does when the id is given and fixed). A document
    # that names its id is another document than one with the same text and another id.
    id_named: bool | None = None
    title: str = ""
    language: str | None = None
    direction: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    newline: str = "lf"
    had_bom: bool = False
    bytes_sha256: str | None = None
    spans: list[SpanIn] = field(default_factory=list)
    relations: list[RelationIn] = field(default_factory=list)
    doc_labels: list[DocLabelIn] = field(default_factory=list)
    entities: list[EntityIn] = field(default_factory=list)  # named by links, made when new
    _sha256: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def names_id(self) -> bool:
        """Whether ``ext_id`` is the document's own (from the file), not made up or absent."""
        if self.id_named is not None:
            return self.id_named and self.ext_id is not None
        return self.ext_id is not None and self.ext_id_fixed

    def content_sha256(self) -> str:
        """SHA-256 of the text's UTF-8, worked out once per text (the import asks several times)."""
        if self._sha256 is None or self._sha256[0] is not self.text:
            self._sha256 = (self.text, hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        return self._sha256[1]
