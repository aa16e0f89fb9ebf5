"""Interchange JSONL lines straight to database rows, for the parallel import
(:mod:`curator.io.parallel_import`).

Only the plain case is taken: a document with text, id, title, language and metadata, and
annotations of the five plain keys (annotator, layer, label, start, end) that the schema's quick
checks accept. Anything else (relations, document labels, attributes, notes, a problem of any kind)
raises :class:`NotPlain`, and the import is made by the ordinary path instead, which reads the whole
batch again and names every problem. So every line taken here is one that :func:`curator.io.formats.jsonl.read.
read_jsonl` and :func:`curator.io.validation.check_document` accept, and its rows are the ones the
batch writer (:mod:`curator.store.bulk`) would write; ``tests/processes/test_parallel_import.py`` holds the two
paths to that.

Nothing here imports SQLAlchemy or pydantic: worker processes start before the parent has opened the
database, and read while it does.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
from array import array
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any

from curator.io.formats.jsonl.read import DOCUMENT_KEYS
from curator.io.strict_json import LAST_KEY_WINS, MAX_LINE_BYTES, SUSPECT_ESCAPE, count_strings, quoted_strings
from curator.text.boundaries import paragraph_separator, split_chars
from curator.text.folding import document_filter_key, fold_text
from curator.text.language import LANGUAGES, base_direction, detect_language
from curator.text.newlines import newline_offset_map, normalize_newlines, shift_offset
from curator.text.storable import storable, strings_in

# A record's keys the reader knows; any other one leaves the line to the ordinary import, which
# refuses it. (An annotation is taken only with its five plain keys, so an unknown one there too.)
_TAKEN_KEYS = DOCUMENT_KEYS
_BLOCK = 1 << 20  # bytes read at a time to count a file's lines
# A plain annotation's values, in one C call each (a per-key lookup in Python is most of the cost).
_PLAIN_VALUES = operator.itemgetter("annotator", "layer", "label", "start", "end")
_DEFAULT_VALUES = operator.itemgetter("layer", "label", "start", "end")
_ZWJ = "\u200d"


class NotPlain(Exception):
    """A line the parallel import does not take; the ordinary import reads the batch instead.

    ``chunk`` and ``offset`` (the line's place in its chunk) say where; the parent, which counts the
    lines, names the line (:func:`where`)."""

    def __init__(self, message: str, chunk: int = -1, offset: int = 0) -> None:
        super().__init__(message, chunk, offset)  # all three in args: a worker sends it pickled
        self.message, self.chunk, self.offset = message, chunk, offset

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Chunk:
    """The whole lines of ``path`` between byte offsets ``start`` and ``end``: ``lines`` of them from
    line ``first_line`` on, once :func:`count_lines` has counted them (0 before)."""

    index: int
    path: str
    source: str  # the file's name, as documents record it
    start: int
    end: int
    first_line: int = 0
    lines: int = 0


@dataclass(slots=True)
class ParsedDocument:
    """One line, read and checked as far as it can be without the database."""

    offset: int  # the line's place in its chunk, from 0
    ext_id: str | None
    title: str
    language: str
    direction: str
    text: str
    newline: str
    raw_length: int
    removed: list[int]
    utf8: bytes
    sha256: str
    meta_json: str
    annotations: list[Any]


@dataclass(frozen=True)
class Context:
    """What the rows need from the open database: for each label a span may take, its id and whether
    it may cross a paragraph break; the ids of the annotators known so far; the default annotator."""

    labels: dict[tuple[str, str], tuple[int, bool]]
    annotator_ids: dict[str, int]
    default_annotator: str | None
    first_lines: tuple[int, ...] = ()  # of each chunk, by index
    fold: bool = True  # make the search index's folded texts (not for an import that indexes later)


@dataclass
class ChunkRows:
    """A chunk's rows. Documents: ``(ext_id or None, title, source, language, direction, text as UTF-8,
    length, content_sha256, newline, meta, filter_key or None, history_after, folded text as UTF-8)``;
    a None ext_id is made from the hash, and the filter key from it. Spans: five numbers each,
    ``document index in the chunk, annotator id, label id, start, end``, in one flat array (which
    crosses to the parent as bytes, not as 200,000 objects); repeats inside a document are left out
    and counted in ``repeats``."""

    index: int
    documents: list[tuple[Any, ...]] = field(default_factory=list)
    spans: array[int] = field(default_factory=lambda: array("q"))
    repeats: int = 0


def split_file(path: str, source: str, parts: int, first_index: int = 0) -> list[Chunk]:
    """``path`` in about ``parts`` chunks of whole lines (found by seeking: nothing is read but the
    line at each cut)."""
    size = os.path.getsize(path)
    ends: list[int] = []
    with open(path, "rb") as handle:
        for k in range(1, parts):
            handle.seek(max(ends[-1] if ends else 0, size * k // parts))
            handle.readline()
            ends.append(handle.tell())
    ends.append(size)
    chunks: list[Chunk] = []
    start = 0
    for end in ends:
        if end > start:
            chunks.append(Chunk(first_index + len(chunks), path, source, start, end))
            start = end
    return chunks


def count_lines(chunks: list[Chunk]) -> list[Chunk]:
    """``chunks`` (of one or more files, each file's in order) with their lines counted."""
    counted: list[Chunk] = []
    block = bytearray(_BLOCK)
    line, path = 1, None
    for chunk in chunks:
        if chunk.path != path:
            line, path = 1, chunk.path
        with open(chunk.path, "rb") as handle:
            handle.seek(chunk.start)
            first, left = line, chunk.end - chunk.start
            while left:
                got = handle.readinto(memoryview(block)[: min(left, _BLOCK)])
                if not got:
                    raise OSError(f"{chunk.path} became shorter while being read")
                line += block.count(b"\n", 0, got)
                left -= got
            # a last line without its line break is a line too
            last = block[got - 1 : got] if chunk.end > chunk.start else b"\n"
        counted.append(replace(chunk, first_line=first, lines=line - first + (last != b"\n")))
    return counted


def where(chunk: Chunk, exc: NotPlain) -> str:
    """``path:line: message`` of a line the workers did not take (``chunk`` counted)."""
    return f"{chunk.path}:{chunk.first_line + exc.offset}: {exc.message}"


def read_chunk(chunk: Chunk) -> list[ParsedDocument]:
    """Every document of ``chunk``; :class:`NotPlain` at the first line the parallel import does not take."""
    with open(chunk.path, "rb") as handle:
        handle.seek(chunk.start)
        data = handle.read(chunk.end - chunk.start)
    docs: list[ParsedDocument] = []
    for offset, raw in enumerate(data.split(b"\n")):
        if len(raw) >= MAX_LINE_BYTES:
            raise NotPlain("the line is too long", chunk.index, offset)
        try:
            line = raw.decode("utf-8-sig" if chunk.start == offset == 0 else "utf-8")
        except UnicodeDecodeError as exc:
            raise NotPlain("not UTF-8", chunk.index, offset) from exc
        if line.strip():
            try:
                docs.append(_parse(line, offset))
            except NotPlain as exc:
                raise NotPlain(exc.message, chunk.index, offset) from exc
    return docs


def _parse(line: str, offset: int) -> ParsedDocument:
    raw_count = quoted_strings(line)
    if raw_count is None:
        raise NotPlain("has an escaped backslash (quotes cannot be counted)")
    try:
        obj = LAST_KEY_WINS.decode(line)
    except Exception as exc:  # malformed, too deep, NaN or Infinity (refused by the decoder's hook)
        raise NotPlain("is not plain JSON") from exc
    # An escape of a NUL or a surrogate (an emoji as a pair is fine) may spell what no database holds.
    if "\\u" in line and SUSPECT_ESCAPE.search(line) and not storable(list(strings_in(obj))):
        raise NotPlain("holds a character that cannot be stored")
    if (
        type(obj) is not dict
        or not obj.keys() <= _TAKEN_KEYS
        or obj.get("relations") not in (None, [])
        or obj.get("doc_labels") not in (None, [])
    ):
        raise NotPlain("holds more than text and annotations")
    text, ext_id, title = obj.get("text"), obj.get("id"), obj.get("title")
    language, meta, anns = obj.get("language"), obj.get("meta"), obj.get("annotations")
    # Each optional field absent, null or of its one type (a bool is no id), as jsonl._field wants.
    if (
        type(text) is not str
        or not text.strip()
        or type(ext_id) not in (str, int, type(None))
        or type(title) not in (str, type(None))
        or type(language) not in (str, type(None))
        or type(meta) not in (dict, type(None))
        or type(anns) not in (list, type(None))
    ):
        raise NotPlain("has an unusual field")
    title, meta, anns = title or "", meta or {}, anns or []
    # The strings the line's quotes promise against those parsed (see jsonl._read_line): a dropped
    # duplicate key leaves fewer. A plain annotation holds its keys and all values but the offsets.
    parsed = len(obj)
    for key, value in obj.items():
        parsed += 1 if type(value) is str else count_strings(value) if key != "annotations" else 0
    try:
        parsed += 2 * sum(map(len, anns)) - 2 * len(anns)
    except TypeError as exc:  # an annotation that is not an object
        raise NotPlain("has an unusual annotation") from exc
    if parsed != raw_count:
        raise NotPlain("may repeat a key")
    normalized, newline = normalize_newlines(text)
    utf8 = normalized.encode("utf-8")
    language = language or detect_language(normalized)
    if language not in LANGUAGES:
        raise NotPlain("names an unknown language")
    return ParsedDocument(
        offset=offset,
        ext_id=None if ext_id is None else str(ext_id),
        title=title,
        language=language,
        direction=base_direction(normalized, language),
        text=normalized,
        newline=newline,
        raw_length=len(text),
        removed=newline_offset_map(text),
        utf8=utf8,
        sha256=hashlib.sha256(utf8).hexdigest(),
        meta_json=json.dumps(meta) if meta else "{}",  # as SQLAlchemy's JSON type writes it
        annotations=anns,
    )


def chunk_rows(chunk: Chunk, docs: list[ParsedDocument], context: Context, annotator_id: Any) -> ChunkRows:
    """The rows of a chunk's documents. ``annotator_id(name)`` gives the id of an annotator the
    context does not know yet (the parent makes it)."""
    out = ChunkRows(chunk.index)
    labels, default, known = context.labels, context.default_annotator, context.annotator_ids
    marks = split_chars()
    spans, source = out.spans, json.dumps(chunk.source)
    first_line = context.first_lines[chunk.index]
    for n, doc in enumerate(docs):
        text, length, raw_length, removed = doc.text, len(doc.text), doc.raw_length, doc.removed
        separator = paragraph_separator(text)
        rows: list[tuple[int, int, int, int, int]] = []
        for ann in doc.annotations:
            # The quick paths of jsonl._document and validation.check_document together: anything
            # they would look at more closely is left to the ordinary import.
            try:
                if len(ann) == 5:  # so its keys are the five plain ones, or one is missing
                    who, layer, label, start, end = _PLAIN_VALUES(ann)
                else:  # the annotator may be the import's default
                    who, (layer, label, start, end) = default, _DEFAULT_VALUES(ann)
                    if len(ann) != 4:
                        raise KeyError
            except (KeyError, TypeError) as exc:
                raise NotPlain("has an annotation that is not a plain object", chunk.index, doc.offset) from exc
            if not (
                type(start) is int
                and type(end) is int
                and 0 <= start < end <= raw_length
                and type(layer) is str
                and type(label) is str
                and type(who) is str
                and (who := who.strip())
            ):
                raise NotPlain("has an unusual annotation", chunk.index, doc.offset)
            if removed:
                start, end = shift_offset(removed, start), shift_offset(removed, end)
                if not start < end <= length:
                    raise NotPlain("has an annotation on a line break", chunk.index, doc.offset)
            found = labels.get((layer, label))
            if (
                found is None
                or (start and (text[start] in marks or text[start - 1] == _ZWJ))
                or (end < length and (text[end] in marks or text[end - 1] == _ZWJ))
                or (not found[1] and separator in text[start:end])
            ):
                raise NotPlain("has an annotation the schema's quick check does not take", chunk.index, doc.offset)
            who_id = known.get(who)
            if who_id is None:
                who_id = known[who] = annotator_id(who)
            rows.append((n, who_id, found[0], start, end))
        # The same annotation twice in a document is written once (as the batch writer does).
        if len(set(rows)) < len(rows):
            unique = list(dict.fromkeys(rows))
            out.repeats += len(rows) - len(unique)
            rows = unique
        spans.extend(chain.from_iterable(rows))
        ext_id = doc.ext_id
        out.documents.append(
            (
                ext_id,
                doc.title,
                chunk.source,
                doc.language,
                doc.direction,
                doc.utf8,
                length,
                doc.sha256,
                doc.newline,
                doc.meta_json,
                None if ext_id is None else document_filter_key(doc.title, ext_id),
                # as json.dumps writes the history's {"source", "line", "spans"}
                f'{{"source": {source}, "line": {first_line + doc.offset}, "spans": {len(doc.annotations)}}}',
                # the search index's folded text, as UTF-8 (folded here, in the worker, not by the writer)
                fold_text(doc.text).encode() if context.fold else b"",
            )
        )
    return out
