"""What importers produce and exporters consume: plain records, independent of the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SpanIn:
    layer: str
    label: str
    start: int
    end: int
    annotator: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    ref: str | None = None  # the file's own id for this annotation, named by relations


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
class DocumentIn:
    """One document read from a file; ``line`` is where it starts in that file (1 for a text file)."""

    source: str
    line: int
    text: str
    ext_id: str | None = None
    # False when the id was made from a file name and may take a suffix to stay unique.
    ext_id_fixed: bool = True
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
