"""Read Curator's CoNLL export back: ``<annotator>.conll`` with ``<annotator>.documents.jsonl`` beside it.

A ``.conll`` without that file was written by another tool: :mod:`curator.io.formats.conll.conll2003` reads it.

A CoNLL file holds tokens, not the text: the white space between tokens (tabs, no-break spaces,
line breaks, bidi marks) is gone. The ``.documents.jsonl`` line of each ``-DOCSTART-`` block (same
order) gives the document id, its text, the layer of each tag column and the annotator (see
:mod:`curator.io.formats.conll.write`). Each token is found again in the text, in order, with only white
space and invisible format characters between tokens, so a token edited into something the text
does not have is refused with its line; BIO tags then give exact character offsets.

Tags are IOB2 as Curator writes them: ``O``, ``B-LABEL``, ``I-LABEL`` continuing a span of the same
label in the same sentence. Labels belong to their column's layer. The annotator is the one the
``.documents.jsonl`` line names, else ``--annotator``.

What BIO cannot hold, and so never comes back: a span nested in or overlapping another of the same
layer (one column per layer), attributes, notes, relations, document labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.io.formats.conll.conll2003 import read_conll2003
from curator.io.formats.conll.files import DOCSTART, INDEX_SUFFIX
from curator.io.label_names import resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.strict_json import parse_line
from curator.io.tokens import invisible
from curator.io.validation import Located, line_items
from curator.records import SpanIn
from curator.schema.model import Schema

MAX_BYTES = 512 * 1024 * 1024


def index_path(path: Path) -> Path:
    """The ``.documents.jsonl`` that goes with a ``.conll`` file."""
    return path.with_name(path.stem + INDEX_SUFFIX)


@dataclass
class _Block:
    line: int  # of -DOCSTART-
    header: list[str]
    sentences: list[list[tuple[int, str, list[str]]]] = field(default_factory=list)  # (line, token, tags)


class _Bad(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _read_text(path: Path) -> str:
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes().decode("utf-8-sig")


def _blocks(source: str) -> list[_Block]:
    """The ``-DOCSTART-`` blocks of a CoNLL file; raise ``_Bad`` at the first malformed line."""
    blocks: list[_Block] = []
    sentence: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(source.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.startswith(DOCSTART):
            if sentence:
                blocks[-1].sentences.append(sentence)
                sentence = []
            blocks.append(_Block(number, line.split("\t")[1:]))
        elif not line.strip():
            if sentence:
                blocks[-1].sentences.append(sentence)
                sentence = []
        else:
            if not blocks:
                raise _Bad(number, f"a token before the first {DOCSTART} line")
            token, *tags = line.split("\t")
            if not token or any(ch.isspace() for ch in token):
                raise _Bad(number, f"{token!r} is not a token (empty, or white space in it)")
            sentence.append((number, token, tags))
    if sentence:
        blocks[-1].sentences.append(sentence)
    return blocks


def _entry(raw: str, schema: Schema) -> dict[str, Any]:
    """One ``.documents.jsonl`` line, checked; raise ValueError with the reason."""
    obj = parse_line(raw)
    if not isinstance(obj, dict):
        raise ValueError("a line must be a JSON object")
    for key, kinds in (("document", (str,)), ("text", (str,)), ("columns", (list,))):
        if not isinstance(obj.get(key), kinds):
            raise ValueError(f"{key!r} is missing or not a {kinds[0].__name__}")
    for key in ("annotator", "title", "language"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ValueError(f"{key!r} must be a string")
    if not obj["text"].strip():
        raise ValueError("the text is empty")
    layers = {lay.id for lay in schema.layers if "span" in lay.scopes}
    for column in obj["columns"]:
        if column not in layers:
            raise ValueError(f"column {column!r} is not a span layer of the schema")
    return obj


def _align(text: str, block: _Block) -> list[list[tuple[int, int]]]:
    """The offsets of the block's tokens, found in order in ``text`` with only white space and
    invisible characters between them; raise ``_Bad`` at the first token that is not there."""
    pos, n = 0, len(text)
    out: list[list[tuple[int, int]]] = []
    for sentence in block.sentences:
        offsets = []
        for number, token, _ in sentence:
            while pos < n and invisible(text[pos]):
                pos += 1
            if not text.startswith(token, pos):
                found = text[pos : pos + len(token)]
                raise _Bad(number, f"token {token!r} is not the text at offset {pos} ({found!r})")
            offsets.append((pos, pos + len(token)))
            pos += len(token)
        out.append(offsets)
    rest = text[pos:]
    if any(not invisible(ch) for ch in rest):
        raise _Bad(block.line, f"the text goes on after the block's last token: {rest.strip()[:40]!r}")
    return out


def read_conll(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """The documents of one ``.conll`` file (with its ``.documents.jsonl``) and the problems found."""
    where = str(path)
    index = index_path(path)
    try:
        source = _read_text(path)
    except (UnicodeDecodeError, ValueError) as exc:
        return [], [Problem(where, 0, f"cannot read as UTF-8 CoNLL: {exc}")]
    try:
        index_source = _read_text(index)
    except FileNotFoundError:  # written by another tool: the text is rebuilt from the tokens
        return read_conll2003(path, source, schema, default_annotator)
    except (UnicodeDecodeError, ValueError) as exc:
        return [], [Problem(str(index), 0, f"cannot read as UTF-8: {exc}")]
    try:
        blocks = _blocks(source)
    except _Bad as exc:
        return [], [Problem(where, exc.line, str(exc))]
    entries: list[tuple[int, dict[str, Any]]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(index_source.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            entries.append((number, _entry(raw, schema)))
        except Exception as exc:  # the strict JSON parser's errors and the checks' ValueError
            problems.append(Problem(str(index), number, str(exc)))
    if problems:
        return [], problems
    if len(entries) != len(blocks):
        return [], [Problem(where, 0, f"{len(blocks)} {DOCSTART} blocks but {len(entries)} documents in {index.name}")]
    located: list[Located] = []
    for block, (entry_line, entry) in zip(blocks, entries, strict=True):
        columns: list[str] = entry["columns"]
        if len(block.header) != len(columns):
            problems.append(
                Problem(where, block.line, f"{len(block.header)} tag columns, but {index.name} names {len(columns)}")
            )
            continue
        try:
            for sentence in block.sentences:
                for number, _, tags in sentence:
                    if tags == [""] and not columns:
                        tags.clear()  # "token\t" when no layer has a column
                    if len(tags) != len(columns):
                        raise _Bad(number, f"{len(tags)} tags, but the block has {len(columns)} columns")
            offsets = _align(entry["text"], block)
            spans = _bio_spans(block, offsets, columns, schema)
        except _Bad as exc:
            problems.append(Problem(where, exc.line, str(exc)))
            continue
        annotator = entry.get("annotator") or default_annotator
        if spans and not annotator:
            message = "the document names no annotator; give one with --annotator"
            problems.append(Problem(str(index), entry_line, message))
            continue
        st = SourceText.of(entry["text"])
        doc = new_document(
            path.name,
            block.line,
            st,
            ext_id=entry["document"],
            ext_id_fixed=True,
            title=entry.get("title") or "",
            language=entry.get("language"),
        )
        for _, layer, label, start, end in spans:
            doc.spans.append(SpanIn(layer, label, st.offset(start), st.offset(end), annotator or ""))
        names = [f"{layer} {label} {start}-{end}" for _, layer, label, start, end in spans]
        located.append(Located(doc, where, span_at=line_items([s[0] for s in spans], "annotation", names)))
    if problems:
        return [], problems
    if not located:
        return [], [Problem(where, 0, f"no {DOCSTART} blocks in the file")]
    return located, []


def _bio_spans(
    block: _Block, offsets: list[list[tuple[int, int]]], columns: list[str], schema: Schema
) -> list[tuple[int, str, str, int, int]]:
    """(line, layer, label, start, end) of every BIO span, in order of their first token; raise
    ``_Bad`` at a tag that is not IOB2 or names a label its column's layer does not have."""
    found: list[list[Any]] = []  # [line, layer, label, start, end, tag label], ends moved by I- tags
    for sentence, places in zip(block.sentences, offsets, strict=True):
        open_spans: list[list[Any] | None] = [None] * len(columns)  # spans do not cross sentences
        for (number, _, tags), (start, end) in zip(sentence, places, strict=True):
            for c, (tag, layer) in enumerate(zip(tags, columns, strict=True)):
                if tag == "O":
                    open_spans[c] = None
                    continue
                kind, _, label = tag.partition("-")
                if kind not in ("B", "I") or not label:
                    raise _Bad(number, f"tag {tag!r} in column {layer!r} is not O, B-LABEL or I-LABEL")
                current = open_spans[c]
                if kind == "I":
                    if current is None or current[5] != label:
                        message = f"{tag} in column {layer!r} continues no {label} span (a span starts with B-)"
                        raise _Bad(number, message)
                    current[4] = end
                    continue
                resolved = resolve_label(schema, label, "span", layer)
                if isinstance(resolved, str):
                    raise _Bad(number, f"column {layer!r}: {resolved}")
                span = [number, layer, resolved[1], start, end, label]
                open_spans[c] = span
                found.append(span)
    return [(s[0], s[1], s[2], s[3], s[4]) for s in found]
