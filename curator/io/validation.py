"""Schema checks of one imported document, every problem named by file and line.

Readers of line-based formats (brat ``.ann``, JSON tasks) pass where each annotation came from, so a
bad span names its own line, not the document's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from curator.errors import Problem
from curator.records import DocumentIn
from curator.schema.checks import check_label, check_relation, check_span, span_labels
from curator.schema.model import Schema
from curator.text.boundaries import inner_splits, paragraph_separator
from curator.text.storable import first_unstorable, storable, strings_in

# index -> (line, name of the item for the message) or (line, name, file) when the item comes from
# another file than the document (the span table of a parquet export...)
Where = Callable[[int], tuple[int, str] | tuple[int, str, str]]


def _default(kind: str, line: int) -> Where:
    return lambda i: (line, f"{kind} {i + 1}")


def check_document(
    schema: Schema,
    doc: DocumentIn,
    path: str,
    *,
    span_at: Where | None = None,
    relation_at: Where | None = None,
    label_at: Where | None = None,
) -> list[Problem]:
    """Every schema problem of ``doc``'s annotations, relations and document labels."""
    span_at = span_at or _default("annotation", doc.line)
    relation_at = relation_at or _default("relation", doc.line)
    label_at = label_at or _default("document label", doc.line)
    problems: list[Problem] = []
    if not storable(_plain_strings(doc)):
        bad = first_unstorable(_named_strings(doc))
        if bad is not None:
            problems.append(Problem(path, doc.line, f"{bad[0]} contains {bad[1]}"))
    refs: dict[str, tuple[str, str]] = {}
    text = doc.text
    length = len(text)
    labels = span_labels(schema)
    splits = inner_splits(text) if doc.spans else frozenset()
    separator = paragraph_separator(text) if doc.spans else ""
    for i, s in enumerate(doc.spans):
        # The quick path: a known label, offsets inside the text on boundaries, no paragraph break
        # where the layer allows none. Anything else asks check_span, which says what is wrong.
        start, end = s.start, s.end
        crosses = labels.get((s.layer, s.label))
        if (
            crosses is None
            or s.attributes
            or not 0 <= start < end <= length
            or start in splits
            or end in splits
            or (not crosses and separator in text[start:end])
        ):
            line, name, source = _place(span_at(i), path)
            for message in check_span(schema, text, s.layer, s.label, start, end, s.attributes):
                problems.append(Problem(source, line, f"{name}: {message}"))
        if s.ref is not None:
            if s.ref in refs:
                line, name, source = _place(span_at(i), path)
                problems.append(Problem(source, line, f"{name}: id {s.ref!r} is used twice"))
            refs[s.ref] = (s.layer, s.label)
    per_source: dict[tuple[str, str], int] = {}
    for i, r in enumerate(doc.relations):
        line, name, source = _place(relation_at(i), path)
        missing = [end for end in (r.source, r.target) if end not in refs]
        if missing:
            problems.append(Problem(source, line, f"{name}: no annotation with id {missing[0]!r} in this document"))
            continue
        for message in check_relation(schema, r.type, refs[r.source], refs[r.target]):
            problems.append(Problem(source, line, f"{name}: {message}"))
        rel = schema.relation(r.type)
        per_source[(r.source, r.type)] = count = per_source.get((r.source, r.type), 0) + 1
        if rel is not None and rel.max_per_source is not None and count == rel.max_per_source + 1:
            problems.append(
                Problem(source, line, f"{name}: an annotation has at most {rel.max_per_source} {r.type!r} relation(s)")
            )
    for i, lab in enumerate(doc.doc_labels):
        line, name, source = _place(label_at(i), path)
        found = check_label(schema, lab.layer, lab.label, "document")
        if isinstance(found, str):
            problems.append(Problem(source, line, f"{name}: {found}"))
    return problems


def _plain_strings(doc: DocumentIn) -> list[str]:
    """The document's strings for one quick search: each annotator name once, notes and attributes
    only where there are any (an import of 200,000 annotations must not walk them one by one)."""
    names = {s.annotator for s in doc.spans}
    names.update(r.annotator for r in doc.relations)
    names.update(lab.annotator for lab in doc.doc_labels)
    strings = [doc.text, doc.title, doc.ext_id or "", *names, *strings_in(doc.meta)]
    for s in doc.spans:
        if s.note:
            strings.append(s.note)
        if s.attributes:
            strings.extend(strings_in(s.attributes))
    return strings


def _named_strings(doc: DocumentIn) -> Iterator[tuple[str, str]]:
    yield "the text", doc.text
    yield "the title", doc.title
    if doc.ext_id is not None:
        yield "the id", doc.ext_id
    for value in strings_in(doc.meta):
        yield "the metadata", value
    for i, s in enumerate(doc.spans):
        yield f"annotation {i + 1}'s annotator", s.annotator
        if s.note:
            yield f"annotation {i + 1}'s note", s.note
        if s.attributes:
            for value in strings_in(s.attributes):
                yield f"annotation {i + 1}'s attributes", value
    for i, r in enumerate(doc.relations):
        yield f"relation {i + 1}'s annotator", r.annotator
    for i, lab in enumerate(doc.doc_labels):
        yield f"document label {i + 1}'s annotator", lab.annotator


def _place(where: tuple[int, str] | tuple[int, str, str], path: str) -> tuple[int, str, str]:
    return (where[0], where[1], where[2]) if len(where) == 3 else (where[0], where[1], path)


LEAVE_OUT_HINT = "(--leave-out-unsupported leaves such things out and counts them)"


@dataclass(frozen=True)
class LeftOut:
    """Something a file holds that the schema has no place for: refused as ``problem`` unless the
    user asked to leave such things out, and then counted under ``kind`` (``"webanno.custom.Dep
    relations"``) in the import summary."""

    problem: Problem
    kind: str

    @classmethod
    def of(cls, source: str, line: int, message: str, kind: str) -> LeftOut:
        return cls(Problem(source, line, f"{message} {LEAVE_OUT_HINT}"), kind)


@dataclass
class Located:
    """A document read from a file, with the file and where each annotation, relation and document
    label came from (the document's own line when a reader gives nothing finer).

    ``needs_text`` is set by readers of files that hold annotations but no text (the claims CSV):
    ``doc.text`` is then empty and the document is the one named ``doc.ext_id``, in the same batch or
    in the database. The importer fills ``doc`` from it and calls ``needs_text(text)``, which returns
    the problems of the file's offsets against that text.

    ``left_out`` lists what the file holds and the schema cannot (see :class:`LeftOut`); ``doc``
    holds the rest."""

    doc: DocumentIn
    path: str
    span_at: Where | None = None
    relation_at: Where | None = None
    label_at: Where | None = None
    needs_text: Callable[[str], list[Problem]] | None = None
    left_out: list[LeftOut] = field(default_factory=list)

    def problems(self, schema: Schema) -> list[Problem]:
        return check_document(
            schema, self.doc, self.path, span_at=self.span_at, relation_at=self.relation_at, label_at=self.label_at
        )


def line_items(lines: list[int], kind: str, names: list[str] | None = None) -> Where:
    """A :data:`Where` over per-item line numbers (and optional per-item names such as brat ids)."""

    def where(i: int) -> tuple[int, str]:
        name = names[i] if names is not None else f"{kind} {i + 1}"
        return (lines[i] if i < len(lines) else 0), name

    return where
