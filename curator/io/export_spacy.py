"""The ``spacy`` export format: a spaCy 3 ``DocBin`` (``corpus.spacy``), one ``Doc`` per document and
annotator.

Every layer is a span group named after the layer (``doc.spans["entity"]``...), each span carrying the
Curator span id as ``span.id_``; the entity layer is also ``doc.ents`` where its spans do not overlap
(longest first). The tokens are Curator's (:mod:`curator.io.tokens`), split wherever a span boundary
needs it, so every span keeps its exact characters. Attributes, notes, relations and document
metadata are in ``doc.user_data["curator"]``; document labels are ``doc.cats`` (1.0 for each label
given; labels not given are absent, not 0.0). ``doc.text`` is the stored text, character for character.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from curator.io.optional_libs import MissingLibrary

try:
    import spacy
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("spacy", "spaCy 3") from exc

from curator.io.docbin import DocBinWriter
from curator.io.export_folder import output_folder
from curator.io.exporting import run_of
from curator.io.label_names import ner_layer, qualified_name
from curator.io.selection import AnnotatorView
from curator.io.tokens import SPACE, Token, tokenize
from curator.store.database import Database

FILE = "corpus.spacy"
USER_DATA_KEY = "curator"


def words_and_spaces(text: str, tokens: list[Token], starts: set[int], ends: set[int]) -> tuple[list[str], list[bool]]:
    """spaCy's ``words``/``spaces`` for ``tokens``: one plain space after a token becomes its trailing
    whitespace (spaCy's own convention) unless a span starts on that space or ends right after it;
    other white space stays a token. ``"".join(w + " " * s)`` is ``text``."""
    words: list[str] = []
    spaces: list[bool] = []
    for tok in tokens:
        piece = text[tok.start : tok.end]
        if (
            tok.kind == SPACE
            and words
            and not spaces[-1]
            and piece.startswith(" ")
            and tok.start not in starts
            and tok.start + 1 not in ends
        ):
            spaces[-1] = True
            piece = piece[1:]
            if not piece:
                continue
        words.append(piece)
        spaces.append(False)
    return words, spaces


def view_to_doc(view: AnnotatorView, tokens: Doc, ents_layer: str, schema: Any) -> tuple[Doc, int]:
    """One ``Doc`` for ``view``, a copy of ``tokens`` (the document's text in words and spaces, no
    annotation); also the number of entity spans left out of ``doc.ents`` (overlaps)."""
    doc = tokens.copy()
    groups: dict[str, list[Span]] = {}
    for s in view.spans:
        span = doc.char_span(s.start, s.end, label=s.label, span_id=str(s.id))
        if span is None:  # cannot happen: the tokens were split at every span boundary
            raise AssertionError(f"span {s.start}-{s.end} of {view.document.ext_id} is not on token boundaries")
        groups.setdefault(s.layer, []).append(span)
    for layer, spans in groups.items():
        doc.spans[layer] = spans
    entities = groups.get(ents_layer, [])
    kept = filter_spans(entities)
    doc.ents = kept
    d = view.document
    doc.user_data[USER_DATA_KEY] = {
        "format": 1,
        "document": d.ext_id,
        "title": d.title,
        "language": d.language,
        "annotator": view.annotator,
        "attributes": {str(s.id): s.attributes for s in view.spans if s.attributes},
        "notes": {str(s.id): s.note for s in view.spans if s.note},
        "relations": [[r.type, str(r.source_id), str(r.target_id)] for r in view.relations],
        "doc_labels": [[layer, label] for layer, label in view.doc_labels],
    }
    doc.cats = {qualified_name(schema, layer, label, "document"): 1.0 for layer, label in view.doc_labels}
    return doc, len(entities) - len(kept)


def export_spacy(
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
    """Write ``out/corpus.spacy`` and ``out/README.md``; return the number of documents."""
    run = run_of(
        db,
        annotators=annotators,
        document_ids=document_ids,
        layers=layers,
        progress=progress,
        options=options,
        on_note=on_note,
    )
    vocab = spacy.blank("xx").vocab
    ents_layer = ner_layer(db.schema)
    documents = docs = not_in_ents = forced = 0
    with output_folder(out) as folder:
        # Docs go to the writer as they are made (their token arrays to a scratch file): the export
        # never holds more than one document's Docs.
        docbin = DocBinWriter(folder / (FILE + ".tokens"))
        try:
            for bundle, views in run.views():
                text = bundle.document.text
                starts = {s.start for s in bundle.spans}
                ends = {s.end for s in bundle.spans}
                tokenization = tokenize(text, starts | ends, force=True)
                forced += tokenization.forced_splits
                words, spaces = words_and_spaces(text, tokenization.tokens, starts, ends)
                # Doc.text is the words each followed by its space: a broken invariant must never
                # produce a silently shifted dataset (checked once per document, not per Doc).
                if "".join(w + " " if s else w for w, s in zip(words, spaces, strict=True)) != text:
                    raise AssertionError(f"the Doc of {bundle.document.ext_id} does not reproduce its text")
                # One Doc of the words per document, copied for each view (a copy is a memcpy; making
                # a Doc looks up every word in the vocabulary).
                tokens = Doc(vocab, words=words, spaces=spaces)
                for view in views:
                    doc, left_out = view_to_doc(view, tokens, ents_layer, db.schema)
                    docbin.add(doc)
                    run.figures.add_view(view)
                    not_in_ents += left_out
                    docs += 1
                documents += 1
            docbin.write(folder / FILE)
        finally:
            docbin.close()
        run.finish_views()
        if not_in_ents:
            run.note(
                f"{not_in_ents} {ents_layer} spans overlap a longer one: they are in doc.spans but not in doc.ents"
            )
        if forced:
            run.note(
                f"{forced} tokens were split inside a word so that every span starts and ends on a token "
                "(spaCy keeps exact characters only on token boundaries)"
            )
        run.write_card(
            folder,
            format_name="spacy",
            description=f"spaCy 3 DocBin, {docs} Docs (one per document and annotator); load with "
            f"`DocBin().from_disk(path).get_docs(nlp.vocab)`; span groups per layer, doc.ents = {ents_layer}",
            files=[FILE],
        )
    return documents
