"""The ``webanno`` export format: WebAnno TSV 3.3, ``<document>/<annotator>.tsv`` (INCEpTION's layout).

Tokens are those of the other token formats (:func:`curator.io.tokens.span_tokens`, split at every
span boundary), so every span starts and ends on a token and no sub-token lines are needed;
sentences are those of ``conll``, each running to the next one's first token, so the ``#Text=``
lines hold every character of the text (INCEpTION rebuilds the text from them). Offsets are UTF-16
code units. A span over several tokens, or stacked with another of its layer on a token, carries a
``[N]`` disambiguation id; relations point from the unit of their target to the unit of their
source, as TSV3 writes them (see :mod:`curator.io.formats.webanno.tsv3` for the columns).

``webanno.documents.jsonl`` at the root gives each file's document id, title, language and
annotator, and what INCEpTION's text rebuilding cannot say (white space before the first token that
is not spaces, a text not ending with a line break). Not in this format, and counted in the notes:
document labels, spans of white space only; spans starting or ending on white space are held
without it (TSV3 has no row for the space between tokens).
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left, bisect_right
from typing import IO

from curator.io.bio_columns import column_layers, describe
from curator.io.exporting import ExportRun, short_list
from curator.io.formats.webanno.tsv3 import (
    INDEX,
    NOTE,
    NULL_COLUMN,
    NULL_VALUE,
    Tsv3Columns,
    build_columns,
    escape_text,
    escape_value,
)
from curator.io.label_names import ner_layer
from curator.io.safe_names import NameAllocator, inside
from curator.io.selection import AnnotatorView
from curator.io.tokens import SPACE, Token, sentence_starts, span_tokens
from curator.store.queries import SpanRecord
from curator.text.utf16 import Utf16Offsets

INITIAL = "INITIAL_CAS"  # INCEpTION's name for a document's text without annotations


class _Lost:
    """What the files do not hold as stored, for the notes."""

    def __init__(self) -> None:
        self.empty: list[str] = []
        self.trimmed: list[str] = []
        self.doc_labels = 0
        self.relations = 0  # of a relation type TSV3 cannot name, or joining an unwritten span


def _value(span: SpanRecord, feature: str, label_feature: str) -> str:
    if feature == label_feature:
        return escape_value(span.label)
    if feature == NOTE:
        return escape_value(span.note) if span.note else NULL_VALUE
    value = span.attributes.get(feature)
    if value is None:
        return NULL_VALUE
    return escape_value(";".join(map(str, value)) if isinstance(value, list) else str(value))


def inner_tokens(visible: list[int], starts: list[int], ends: list[int], start: int, end: int) -> list[int]:
    """The indexes of the visible tokens inside ``[start, end)``; ``starts`` and ``ends`` are theirs."""
    return visible[bisect_left(starts, start) : bisect_right(ends, end)]


def document_lines(
    text: str, tokens: list[Token], firsts: list[int], view: AnnotatorView, columns: Tsv3Columns
) -> list[str]:
    """The sentences and token lines of one view (after the header and its two blank lines)."""
    u16 = Utf16Offsets(text)
    visible = [k for k, t in enumerate(tokens) if t.kind != SPACE]
    starts, ends = [tokens[k].start for k in visible], [tokens[k].end for k in visible]
    unit: dict[int, str] = {}  # token index -> "sentence-token"
    sentences: list[list[int]] = []
    for a, b in itertools.pairwise([*firsts, len(tokens)]):
        sentence = [k for k in range(a, b) if tokens[k].kind != SPACE]
        if sentence:
            sentences.append(sentence)
            for n, k in enumerate(sentence, start=1):
                unit[k] = f"{len(sentences)}-{n}"
    # each span's visible tokens (spans of white space only are not written)
    covered: dict[int, list[int]] = {}
    for s in view.spans:
        inner = inner_tokens(visible, starts, ends, s.start, s.end)
        if inner:
            covered[s.id] = inner
    on_token: dict[tuple[str, int], list[SpanRecord]] = {}
    ordered = sorted(view.spans, key=lambda s: (s.start, -s.end, s.id))
    for s in ordered:
        for k in covered.get(s.id, []):
            on_token.setdefault((s.layer, k), []).append(s)
    ids: dict[int, int] = {}
    for cols in columns.spans:
        for s in ordered:
            if s.layer != cols.layer or s.id not in covered:
                continue
            stacked = any(len(on_token[(s.layer, k)]) > 1 for k in covered[s.id])
            if len(covered[s.id]) > 1 or stacked:
                ids[s.id] = len(ids) + 1
    first_unit = {sid: unit[ks[0]] for sid, ks in covered.items()}

    def suffix(span_id: int) -> str:
        return f"[{ids[span_id]}]" if span_id in ids else ""

    links: dict[tuple[int, str], list[int]] = {}  # (source span, relation) -> target spans
    incoming: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (relation, target span) -> sources
    same_layer = {rel for rel, _, _ in columns.relation_layers}
    for r in view.relations:
        if r.source_id not in covered or r.target_id not in covered:
            continue
        if r.type in same_layer:
            incoming.setdefault((r.type, covered[r.target_id][0]), []).append((r.source_id, r.target_id))
        else:
            links.setdefault((r.source_id, r.type), []).append(r.target_id)
    lines: list[str] = []
    for number, sentence in enumerate(sentences):
        begin = tokens[sentence[0]].start
        if number + 1 < len(sentences):
            end = tokens[sentences[number + 1][0]].start
        else:
            end = len(text) - 1 if text.endswith("\n") else len(text)
        lines.append("")
        lines += ["#Text=" + escape_text(part) for part in text[begin:end].split("\n")]
        for k in sentence:
            tok = tokens[k]
            cells = [unit[k], f"{u16.to_utf16(tok.start)}-{u16.to_utf16(tok.end)}", text[tok.start : tok.end]]
            for cols in columns.spans:
                here = on_token.get((cols.layer, k), [])
                for feature in [cols.label_feature, *cols.attributes, NOTE]:
                    values = [_value(s, feature, cols.label_feature) + suffix(s.id) for s in here]
                    cells.append("|".join(values) or NULL_COLUMN)
                for rel, _ in cols.links:
                    roles, targets = [], []
                    for s in here:
                        linked = links.get((s.id, rel), [])
                        roles.append(";".join(escape_value(rel) for _ in linked) or NULL_COLUMN)
                        roles[-1] += suffix(s.id)
                        targets.append(";".join(first_unit[t] + suffix(t) for t in linked) or NULL_VALUE)
                    cells.append("|".join(roles) or NULL_COLUMN)
                    cells.append("|".join(targets) or NULL_COLUMN)
            for rel, _, _ in columns.relation_layers:
                refs = []
                for source, target in incoming.get((rel, k), []):
                    ref = first_unit[source]
                    if source in ids or target in ids:
                        ref += f"[{ids.get(source, 0)}_{ids.get(target, 0)}]"
                    refs.append(ref)
                cells.append("|".join(refs) or NULL_COLUMN)
            lines.append("\t".join(cells) + "\t")
    return lines


def write_webanno(run: ExportRun) -> int:
    """Write ``<document>/<annotator>.tsv`` per view, the index and README.md; return the number of documents."""
    db = run.db
    layers = run.selection.layers
    columns = build_columns(db.schema, column_layers(db.schema, layers, entity_last=False), ner_layer(db.schema))
    header = "\n".join(columns.header_lines()) + "\n\n"
    lost = _Lost()
    folders = NameAllocator([INDEX, "README.md"], fallback="document")
    documents = files = 0
    root = run.target
    index: IO[str] = (root / INDEX).open("w", encoding="utf-8", newline="\n")
    try:
        for bundle, views in run.views():
            d = bundle.document
            text = d.text
            ranges = [(s.start, s.end) for s in bundle.spans]
            tokens = span_tokens(text, ranges).tokens
            firsts = sentence_starts(tokens, text, ranges)
            folder = inside(root, folders.name(d.ext_id))
            folder.mkdir()
            names = NameAllocator([INITIAL], fallback="annotator")
            visible = [k for k, t in enumerate(tokens) if t.kind != SPACE]
            starts, ends = [tokens[k].start for k in visible], [tokens[k].end for k in visible]
            first_visible = starts[0] if visible else len(text)
            for view in views:
                name = INITIAL if view.annotator is None else names.name(view.annotator)
                unwritten = set()
                for s in view.spans:
                    inner = inner_tokens(visible, starts, ends, s.start, s.end)
                    if not inner:
                        unwritten.add(s.id)
                        lost.empty.append(describe(d.ext_id, text, (s.start, s.end, s.label)))
                    elif tokens[inner[0]].start != s.start or tokens[inner[-1]].end != s.end:
                        lost.trimmed.append(describe(d.ext_id, text, (s.start, s.end, s.label)))
                lost.doc_labels += len(view.doc_labels)
                lost.relations += sum(
                    r.source_id in unwritten or r.target_id in unwritten or r.type in columns.left_out
                    for r in view.relations
                )
                body = document_lines(text, tokens, firsts, view, columns)
                path = inside(folder, name + ".tsv")
                path.write_text(header + "\n".join(body) + "\n", encoding="utf-8", newline="\n")
                entry = {
                    "file": f"{folder.name}/{path.name}",
                    "document": d.ext_id,
                    "title": d.title,
                    "language": d.language,
                    "annotator": view.annotator,
                    "before_first_token": text[:first_visible],
                    "final_line_break": text.endswith("\n"),
                }
                index.write(json.dumps(entry, ensure_ascii=False) + "\n")
                run.figures.add_view(view)
                files += 1
            documents += 1
    finally:
        index.close()
    run.finish_views()
    if columns.left_out:
        run.note(f"relations {', '.join(columns.left_out)} are not in this format (a TSV3 role name has no '_')")
    if lost.trimmed:
        run.note(
            f"{len(lost.trimmed)} spans start or end with white space or invisible characters, which TSV3 has "
            f"no row for: the files hold them without those: {short_list(lost.trimmed)}"
        )
    if lost.empty:
        run.note(f"{len(lost.empty)} spans cover only white space and are not in the files: {short_list(lost.empty)}")
    if lost.relations:
        run.note(f"{lost.relations} relations are not in the files (their type or one of their spans is not)")
    run.write_card(
        description=f"WebAnno TSV 3.3, {files} files (one per document and annotator, INCEpTION's layout); "
        "offsets in the files are UTF-16 code units; layers: "
        + ", ".join(f"{c.layer} as `{c.type_name}`" for c in columns.spans)
        + "; relations across layers are link features of the source layer, relations inside one layer "
        "TSV3 relation layers; the note and the attributes are features of their layer (add them to "
        "INCEpTION's built-in NamedEntity layer before importing)",
        files=[INDEX, "<document>/<annotator>.tsv"],
    )
    return documents
