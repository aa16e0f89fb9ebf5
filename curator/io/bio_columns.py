"""BIO columns over tokens, shared by the token formats (CoNLL, CoNLL-U, WebAnno TSV3, parquet):
which span layers get a column, and what aligning spans to tokens changed or left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from curator.io.exporting import short_list
from curator.io.label_names import ner_layer
from curator.io.tokens import Tagging
from curator.schema.model import Schema

NO_ANNOTATOR = "_text_only"  # the file of the documents nobody in the selection annotated


@dataclass
class AlignmentReport:
    """What did not fit in BIO columns, for the notes and the caller's checks."""

    spans: int = 0
    unaligned: list[str] = field(default_factory=list)  # "doc start-end LABEL 'text'"
    overlapping: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    trimmed: list[str] = field(default_factory=list)
    proclitic_splits: int = 0
    forced_splits: int = 0

    def add(self, doc_id: str, text: str, tagging: Tagging) -> None:
        """Take in what one BIO column of ``doc_id`` could not hold."""
        for found, spans in (
            (self.unaligned, tagging.unaligned),
            (self.overlapping, tagging.overlapping),
            (self.empty, tagging.empty),
            (self.trimmed, tagging.trimmed),
        ):
            found += [describe(doc_id, text, s) for s in spans]

    def notes(self, note: Callable[[str], None], format_part: str = "") -> None:
        """Tell the user how tokens were split and what the BIO columns do not hold as stored."""
        note(
            f"{format_part}{self.proclitic_splits + self.forced_splits} tokens were split so that every span "
            f"starts and ends on a token ({self.proclitic_splits} after an Arabic proclitic, "
            f"{self.forced_splits} inside other words such as hyphenated ones)"
        )
        if self.unaligned:  # only a tokenization without forced splits leaves any
            note(f"{format_part}{len(self.unaligned)} spans were widened to whole tokens: {short_list(self.unaligned)}")
        if self.overlapping:
            note(
                f"{format_part}{len(self.overlapping)} spans overlap a longer or earlier span of the same layer "
                f"and are not in its BIO column: {short_list(self.overlapping)}"
            )
        if self.trimmed:
            note(
                f"{format_part}{len(self.trimmed)} spans start or end with white space or invisible characters, "
                f"which tokens leave out: the tags hold them without those: {short_list(self.trimmed)}"
            )
        if self.empty:
            note(
                f"{format_part}{len(self.empty)} spans cover only white space or invisible characters and are "
                f"not in the BIO columns: {short_list(self.empty)}"
            )


def column_layers(schema: Schema, layers: list[str] | None, *, entity_last: bool = False) -> list[str]:
    """The span layers that get a BIO column, the entity layer first (or last)."""
    span_layers = [lay.id for lay in schema.layers if "span" in lay.scopes and (not layers or lay.id in layers)]
    entity = ner_layer(schema)
    return sorted(span_layers, key=lambda lay: (lay == entity) == entity_last)


def describe(doc_id: str, text: str, span: tuple[int, int, str]) -> str:
    """A span as the notes name it: ``doc start-end LABEL 'text'``."""
    start, end, label = span
    return f"{doc_id} {start}-{end} {label} {text[start:end]!r}"
