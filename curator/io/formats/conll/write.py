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
(per sentence, the code-point offsets of its tokens)}``. :mod:`curator.io.formats.conll.read` reads both.

What BIO cannot hold is reported (notes and card): spans overlapping another of the same layer (left
out of that column), spans that start or end with white space or invisible characters (*trimmed*:
the tags hold them from their first to their last written token), spans of white space only.
Attributes, notes, relations and document labels are not in this format.
"""

from __future__ import annotations

import itertools
import json
import operator
from dataclasses import dataclass
from typing import IO, Any

from curator.io.bio_columns import NO_ANNOTATOR, AlignmentReport, column_layers
from curator.io.exporting import ExportRun
from curator.io.formats.conll.files import DOCSTART, INDEX_SUFFIX
from curator.io.safe_names import NameAllocator, inside
from curator.io.tokens import SPACE, Token, bio_tags, sentence_starts, span_tokens
from curator.store.queries import DocumentRecord


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


def write_conll(run: ExportRun) -> int:
    """Write one ``.conll`` (and its ``.documents.jsonl``) per annotator and README.md under ``out``;
    return the number of documents. What the BIO columns do not hold is reported through ``on_note``."""
    db = run.db
    layers = run.selection.layers
    columns = column_layers(db.schema, layers, entity_last=True)
    report = AlignmentReport()
    names = NameAllocator(["README.md"], fallback="annotator")
    documents = 0
    folder = run.target
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
        description="CoNLL-2003-style BIO, tab-separated columns: token, "
        + ", ".join(columns)
        + f"; {n_written} spans in BIO columns; `<annotator>.documents.jsonl` gives each `-DOCSTART-` "
        "block's document id, text and token offsets (`curator import` reads the folder back)",
        files=["<annotator>.conll", "<annotator>.documents.jsonl"],
    )
    return documents
