"""The ``conll`` export format: CoNLL-2003-style BIO, one token per line, a blank line between
sentences, ``-DOCSTART-`` before each document; one ``<annotator>.conll`` per annotator.

Columns, tab-separated: the token, then one BIO column per span layer, the entity layer last, where
CoNLL-2003 has its NER column and where readers (``spacy convert -c ner``, most NER loaders) take the tag.
Tokens come from :func:`curator.io.tokens.span_tokens`: split at every span boundary (after an Arabic
proclitic, inside a hyphenated word such as ``ONU-OCI``), so every span is on token boundaries;
sentences end at line breaks and at . ! ? ؟ … but never inside a span.

The ``.conll`` stays plain CoNLL-2003 (no comment lines, which CoNLL-2003 readers would take for
tokens); what is needed to find each block's document again is in ``<annotator>.documents.jsonl``
beside it, one line per ``-DOCSTART-`` block in the same order: ``{"document", "annotator",
"title", "language", "columns" (the layer of each tag column), "text" (the stored text), "tokens"
(per sentence, the code-point offsets of its tokens)}``. :mod:`curator.io.read_conll` reads both.

What BIO cannot hold is reported (notes and card): spans overlapping another of the same layer (left
out of that column), spans that start or end with white space or invisible characters (*trimmed*:
the tags hold them from their first to their last written token), spans of white space only.
Attributes, notes, relations and document labels are not in this format.
"""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from curator.io.export_folder import output_folder
from curator.io.exporting import run_of, short_list
from curator.io.label_names import ner_layer
from curator.io.safe_names import NameAllocator, inside
from curator.io.tokens import SPACE, Tagging, Token, bio_tags, sentence_starts, span_tokens
from curator.schema.model import Schema
from curator.store.database import Database
from curator.store.queries import DocumentRecord

DOCSTART = "-DOCSTART-"
INDEX_SUFFIX = ".documents.jsonl"  # <annotator>.documents.jsonl beside <annotator>.conll
NO_ANNOTATOR = "_text_only"


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


@dataclass
class DocumentTokens:
    """One document's tokens as every view of it writes them: the visible tokens' texts, the
    sentences (lengths, in visible tokens) and its line of ``<annotator>.documents.jsonl``.

    Computed once per document: the annotators' views of a document differ only in their tags."""

    tokens: list[Token]
    starts: list[int]  # each token's start offset, for :func:`bio_tags`
    visible: list[int]  # indexes of the tokens written, in order
    words: list[str]  # their texts
    sentence_lengths: list[int]
    document_id: str
    index_rest: str  # the index line after "document" and "annotator", JSON-encoded once

    def pick_visible(self, column: list[str]) -> list[str] | tuple[str, ...]:
        """The tags of the visible tokens, from the tags of all tokens."""
        if self._pick is not None:
            picked: tuple[str, ...] = self._pick(column)  # one C call, not a loop
            return picked
        return [column[k] for k in self.visible]

    def __post_init__(self) -> None:
        # itemgetter of two or more indexes returns a tuple; of one, the item alone
        self._pick: operator.itemgetter[Any] | None = (
            operator.itemgetter(*self.visible) if len(self.visible) > 1 else None
        )

    def index_line(self, annotator: str | None) -> str:
        head = json.dumps({"document": self.document_id, "annotator": annotator}, ensure_ascii=False)
        return f"{head[:-1]}, {self.index_rest[1:]}\n"

    @classmethod
    def of(cls, doc: DocumentRecord, tokens: list[Token], starts: list[int], columns: list[str]) -> DocumentTokens:
        text = doc.text
        visible: list[int] = []
        lengths: list[int] = []
        sentences: list[list[tuple[int, int]]] = []
        for a, b in itertools.pairwise([*starts, len(tokens)]):
            sentence = [k for k in range(a, b) if tokens[k].kind != SPACE]
            if not sentence:
                continue
            visible += sentence
            lengths.append(len(sentence))
            sentences.append([(tokens[k].start, tokens[k].end) for k in sentence])
        words = [text[tokens[k].start : tokens[k].end] for k in visible]
        rest = json.dumps(
            {"title": doc.title, "language": doc.language, "columns": columns, "text": text, "tokens": sentences},
            ensure_ascii=False,
        )
        return cls(tokens, [t.start for t in tokens], visible, words, lengths, doc.ext_id, rest)


def block_text(doc: DocumentTokens, columns: list[list[str]]) -> str:
    """One document's ``-DOCSTART-`` block: each visible token with its tag in every column, a blank
    line after each sentence."""
    if columns:
        pick = doc.pick_visible
        lines = list(map("\t".join, zip(doc.words, *(pick(col) for col in columns), strict=True)))
    else:
        lines = [word + "\t" for word in doc.words]
    parts = [DOCSTART + "\tO" * len(columns) + "\n\n"]
    at = 0
    for length in doc.sentence_lengths:
        parts.append("\n".join(lines[at : at + length]))
        parts.append("\n\n")
        at += length
    return "".join(parts)


def export_conll(
    db: Database,
    out: Path,
    *,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    progress: Callable[[int], None] | None = None,
    layers: list[str] | None = None,
    options: Mapping[str, object] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> int:
    """Write one ``.conll`` (and its ``.documents.jsonl``) per annotator and README.md under ``out``;
    return the number of documents. What the BIO columns do not hold is reported through ``on_note``."""
    run = run_of(
        db,
        annotators=annotators,
        document_ids=document_ids,
        layers=layers,
        progress=progress,
        options=options,
        on_note=on_note,
    )
    columns = column_layers(db.schema, layers, entity_last=True)
    report = AlignmentReport()
    names = NameAllocator(["README.md"], fallback="annotator")
    documents = 0
    with output_folder(out) as folder:
        handles: dict[str, tuple[IO[str], IO[str]]] = {}
        try:
            for bundle, views in run.views():
                d = bundle.document
                tokenization = span_tokens(d.text, [(s.start, s.end) for s in bundle.spans])
                report.proclitic_splits += tokenization.proclitic_splits
                report.forced_splits += tokenization.forced_splits
                tokens = tokenization.tokens
                starts = sentence_starts(tokens, d.text, [(s.start, s.end) for s in bundle.spans])
                doc_tokens = DocumentTokens.of(d, tokens, starts, columns)
                for view in views:
                    key = NO_ANNOTATOR if view.annotator is None else names.name(view.annotator)
                    if key not in handles:
                        handles[key] = (
                            inside(folder, key + ".conll").open("w", encoding="utf-8", newline="\n"),
                            inside(folder, key + INDEX_SUFFIX).open("w", encoding="utf-8", newline="\n"),
                        )
                    conll, index = handles[key]
                    tag_columns = []
                    for layer in columns:
                        spans = [(s.start, s.end, s.label) for s in view.spans if s.layer == layer]
                        report.spans += len(spans)
                        tagging = bio_tags(tokens, spans, doc_tokens.starts)
                        report.add(d.ext_id, d.text, tagging)
                        tag_columns.append(tagging.tags)
                    conll.write(block_text(doc_tokens, tag_columns))
                    index.write(doc_tokens.index_line(view.annotator))
                    run.figures.add_view(view)
                documents += 1
        finally:
            for conll, index in handles.values():
                conll.close()
                index.close()
        run.finish_views()
        n_written = report.spans - len(report.overlapping) - len(report.empty)
        report.notes(run.note)
        run.write_card(
            folder,
            format_name="conll",
            description="CoNLL-2003-style BIO, tab-separated columns: token, "
            + ", ".join(columns)
            + f"; {n_written} spans in BIO columns; `<annotator>.documents.jsonl` gives each `-DOCSTART-` "
            "block's document id, text and token offsets (`curator import` reads the folder back)",
            files=["<annotator>.conll", "<annotator>.documents.jsonl"],
        )
    return documents
