"""Read CoNLL-2003 files written by other tools: no ``.documents.jsonl`` beside them, so no text.

Each non-blank line is a token and its columns, separated by spaces or tabs: 2 columns (token, NER
tag) or 4 (token, POS, chunk, NER tag, as in the CoNLL-2003 shared task); the tag is the last
column. A blank line ends a sentence; a ``-DOCSTART-`` line starts a new document (a file without
one is one document).

The text is rebuilt from the tokens: the tokens of a sentence joined by one space, the sentences of a
document joined by a line break (and ending with one). The documents' ids are the file's name, with
``-1``, ``-2``... when the file holds several ``-DOCSTART-`` blocks.

Tags may be IOB1 (``I-`` starts a span unless it continues one of the same label; ``B-`` only
separates two adjacent spans of one label) or IOB2 (every span starts with ``B-``): the same spans
come out of both. A label is one of the schema's span labels (``PER``...) or ``layer-label``.
Anything else (a line with another number of columns, a tag that is not ``O``, ``B-X`` or ``I-X``,
an unknown label) refuses the file with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from curator.errors import Problem
from curator.io.label_names import resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located, line_items
from curator.records import SpanIn
from curator.schema.model import Schema

DOCSTART = "-DOCSTART-"
COLUMNS = (2, 4)


class _Bad(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class _Span:
    line: int
    layer: str
    label: str
    start: int
    end: int
    tag_label: str  # as the tags write it, which I- tags continue


@dataclass
class _Document:
    line: int  # where it starts (its -DOCSTART- line, or its first token)
    sentences: list[list[tuple[int, str, str]]] = field(default_factory=list)  # (line, token, tag)


def _documents(source: str) -> list[_Document]:
    """The documents of the file, their sentences and tokens; raise ``_Bad`` at the first bad line."""
    docs: list[_Document] = []
    sentence: list[tuple[int, str, str]] = []
    width: tuple[int, int] | None = None  # (columns, line of the first token)

    def close() -> None:
        nonlocal sentence
        if sentence:
            docs[-1].sentences.append(sentence)
            sentence = []

    for number, line in enumerate(source.split("\n"), start=1):
        line = line.removesuffix("\r")
        fields = line.split()
        if not fields:
            close()
            continue
        if fields[0] == DOCSTART:
            if "\t" in line and len(fields) > 2 and all(f == "O" for f in fields[1:]):
                # the other tools write "-DOCSTART- -X- -X- O"; with several layers' columns, the
                # tags cannot be told from POS and chunk columns without the index
                raise _Bad(
                    number,
                    f"written by Curator's conll export with {len(fields) - 1} tag columns: the "
                    ".documents.jsonl written beside it is needed to read them",
                )
            close()
            docs.append(_Document(number))
            continue
        if width is None:
            if len(fields) not in COLUMNS:
                raise _Bad(
                    number,
                    f"{len(fields)} columns: a CoNLL-2003 file has 2 (token, tag) or 4 (token, POS, chunk, tag); "
                    "a file of Curator's conll export needs its .documents.jsonl beside it",
                )
            width = (len(fields), number)
        elif len(fields) != width[0]:
            raise _Bad(number, f"{len(fields)} columns, but the file's first token (line {width[1]}) has {width[0]}")
        if not docs:
            docs.append(_Document(number))
        sentence.append((number, fields[0], fields[-1]))
    close()
    return [d for d in docs if d.sentences]


def _spans(doc: _Document, schema: Schema) -> tuple[str, list[_Span]]:
    """The rebuilt text and every tagged span."""
    parts: list[str] = []
    found: list[_Span] = []
    pos = 0
    for sentence in doc.sentences:
        current: _Span | None = None  # spans never cross a sentence
        for k, (number, token, tag) in enumerate(sentence):
            start = pos + (1 if k else 0)
            end = start + len(token)
            pos = end
            if tag == "O":
                current = None
                continue
            kind, _, label = tag.partition("-")
            if kind not in ("B", "I") or not label:
                raise _Bad(number, f"tag {tag!r} is not O, B-LABEL or I-LABEL")
            if kind == "I" and current is not None and current.tag_label == label:
                current.end = end
                continue
            resolved = resolve_label(schema, label, "span")
            if isinstance(resolved, str):
                raise _Bad(number, resolved)
            current = _Span(number, resolved[0], resolved[1], start, end, label)
            found.append(current)
        parts.append(" ".join(token for _, token, _ in sentence))
        pos += 1  # the line break after the sentence
    return "\n".join(parts) + "\n", found


def read_conll2003(
    path: Path, source: str, schema: Schema, annotator: str | None
) -> tuple[list[Located], list[Problem]]:
    """The documents of a foreign CoNLL-2003 file (its decoded ``source``) and the problems found."""
    where = str(path)
    try:
        docs = _documents(source)
    except _Bad as exc:
        return [], [Problem(where, exc.line, str(exc))]
    if not docs:
        return [], [Problem(where, 0, "no tokens in the file")]
    located: list[Located] = []
    problems: list[Problem] = []
    for n, doc in enumerate(docs, start=1):
        try:
            text, spans = _spans(doc, schema)
        except _Bad as exc:
            problems.append(Problem(where, exc.line, str(exc)))
            continue
        if spans and not annotator:
            problems.append(Problem(where, doc.line, "a CoNLL-2003 file names no annotator; give one with --annotator"))
            continue
        st = SourceText.of(text)
        ext_id = path.stem if len(docs) == 1 else f"{path.stem}-{n}"
        record = new_document(path.name, doc.line, st, ext_id=ext_id, ext_id_fixed=False)
        record.spans = [SpanIn(s.layer, s.label, s.start, s.end, annotator or "") for s in spans]
        names = [f"{s.layer} {s.label} {s.start}-{s.end}" for s in spans]
        located.append(Located(record, where, span_at=line_items([s.line for s in spans], "annotation", names)))
    if problems:
        return [], problems
    return located, []
