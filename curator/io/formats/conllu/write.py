"""The ``conllu`` export format: CoNLL-U (Universal Dependencies), one ``<annotator>.conllu`` per annotator.

Ten tab-separated columns per token; Curator fills ID, FORM and MISC (the others are ``_``). Tokens
and sentences are those of the ``conll`` format (:func:`curator.io.tokens.span_tokens`: split at
every span boundary, after Arabic proclitics and inside joined words), so every span a BIO column
can hold is exact. MISC holds, ``|``-separated:

- ``NER=B-ORG`` / ``I-ORG``: the entity layer's BIO tag; every other span layer ``L`` has its own
  key, ``L`` with a capital first letter (``Claim=B-CLAIM``, ``Area=I-HUMANITARIAN``); ``O`` is not
  written;
- ``SpaceAfter=No`` where the next token follows without any space (a proclitic split off, a word
  split at a span boundary, punctuation); ``SpacesAfter=`` where what follows is not one plain
  space, escaped as UDPipe does (``\\s`` space, ``\\t`` tab, ``\\n`` line break, ``\\r``, ``\\p`` for
  ``|``, ``\\\\``; other white space such as a no-break space as ``\\u00A0``; bidi marks and other
  invisible characters as they are);
  ``SpacesBefore=`` on a document's first token when the text starts with white space.

The forms with what MISC says follows them are the stored text, character for character. Each
document starts with ``# newdoc id = <id>``; each sentence has ``# sent_id`` and ``# text`` (its text
with line breaks shown as spaces: a comment is one line).
"""

from __future__ import annotations

import itertools
from typing import IO

from curator.io.bio_columns import NO_ANNOTATOR, AlignmentReport, column_layers
from curator.io.exporting import ExportRun, short_list
from curator.io.label_names import ner_layer
from curator.io.safe_names import NameAllocator, inside
from curator.io.tokens import SPACE, bio_tags, sentence_starts, span_tokens

SUFFIX = ".conllu"
ENTITY_KEY = "NER"
_ESCAPES = {" ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r", "|": "\\p", "\\": "\\\\"}


def misc_key(layer: str, entity_layer: str) -> str:
    """The MISC key of a layer's BIO tags."""
    return ENTITY_KEY if layer == entity_layer else layer[:1].upper() + layer[1:]


def escape_spaces(gap: str) -> str:
    """A ``SpacesAfter``/``SpacesBefore`` value: UDPipe's escapes, and ``\\uXXXX`` for other white
    space (a no-break space at the end of a line would be stripped by readers)."""
    return "".join(_ESCAPES.get(ch, f"\\u{ord(ch):04X}" if ch.isspace() else ch) for ch in gap)


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _space_misc(gap: str) -> list[str]:
    if gap == " ":
        return []
    if not gap:
        return ["SpaceAfter=No"]
    return ["SpacesAfter=" + escape_spaces(gap)]


def write_conllu(run: ExportRun) -> int:
    """Write one ``.conllu`` per annotator and README.md under ``out``; return the number of documents."""
    db = run.db
    layers = run.selection.layers
    entity_layer = ner_layer(db.schema)
    columns = column_layers(db.schema, layers)
    keys = [misc_key(layer, entity_layer) for layer in columns]
    report = AlignmentReport()
    names = NameAllocator(["README.md"], fallback="annotator")
    documents = 0
    blank: list[str] = []
    folder = run.target
    handles: dict[str, IO[str]] = {}
    try:
        for bundle, views in run.views():
            d = bundle.document
            text = d.text
            ranges = [(s.start, s.end) for s in bundle.spans]
            tokenization = span_tokens(text, ranges)
            report.proclitic_splits += tokenization.proclitic_splits
            report.forced_splits += tokenization.forced_splits
            tokens = tokenization.tokens
            token_starts = [t.start for t in tokens]
            firsts = [*sentence_starts(tokens, text, ranges), len(tokens)]
            visible = [k for k, t in enumerate(tokens) if t.kind != SPACE]
            # what follows each visible token up to the next one (or the end of the text)
            after = {
                k: text[tokens[k].end : (tokens[n].start if n is not None else len(text))]
                for k, n in itertools.zip_longest(visible, visible[1:])
                if k is not None
            }
            if not visible:  # white space only: no token to write
                blank.append(d.ext_id)
                documents += 1
                continue
            before = text[: tokens[visible[0]].start]
            for view in views:
                key = NO_ANNOTATOR if view.annotator is None else names.name(view.annotator)
                if key not in handles:
                    handles[key] = inside(folder, key + SUFFIX).open("w", encoding="utf-8", newline="\n")
                tag_columns = []
                for layer in columns:
                    spans = [(s.start, s.end, s.label) for s in view.spans if s.layer == layer]
                    report.spans += len(spans)
                    tagging = bio_tags(tokens, spans, token_starts)
                    report.add(d.ext_id, text, tagging)
                    tag_columns.append(tagging.tags)
                lines = [f"# newdoc id = {_one_line(d.ext_id)}"]
                number = 0
                for a, b in itertools.pairwise(firsts):
                    sentence = [k for k in range(a, b) if tokens[k].kind != SPACE]
                    if not sentence:
                        continue
                    number += 1
                    lines.append(f"# sent_id = {documents + 1}-{number}")
                    lines.append(f"# text = {_one_line(text[tokens[sentence[0]].start : tokens[sentence[-1]].end])}")
                    for n, k in enumerate(sentence, start=1):
                        misc = [f"{mk}={tags[k]}" for mk, tags in zip(keys, tag_columns, strict=True) if tags[k] != "O"]
                        if k == visible[0] and before:
                            misc.append("SpacesBefore=" + escape_spaces(before))
                        misc += _space_misc(after[k])
                        form = text[tokens[k].start : tokens[k].end]
                        lines.append(f"{n}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{'|'.join(misc) or '_'}")
                    lines.append("")
                handles[key].write("\n".join(lines) + "\n")
                run.figures.add_view(view)
            documents += 1
    finally:
        for handle in handles.values():
            handle.close()
    run.finish_views()
    report.notes(run.note)
    if blank:
        run.note(
            f"{len(blank)} documents hold only white space, so no token, and are not in the files: " + short_list(blank)
        )
    run.write_card(
        description="CoNLL-U, one file per annotator; ID, FORM and MISC filled: BIO tags as MISC "
        + ", ".join(f"`{k}=`" for k in keys)
        + " (layers "
        + ", ".join(columns)
        + "), `SpaceAfter=No`/`SpacesAfter=` so that the forms rebuild the text exactly",
        files=["<annotator>.conllu"],
    )
    return documents
