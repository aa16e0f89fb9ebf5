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

import itertools
import operator
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from curator.optional_libs import MissingLibrary

try:
    import numpy
    import spacy
    from spacy.attrs import IDS, SPACY  # type: ignore[import-not-found, unused-ignore]
    from spacy.tokens import Doc, DocBin, Span
    from spacy.util import filter_spans
    from spacy.vocab import Vocab
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("spacy", "spaCy 3") from exc

from curator.io.exporting import ExportRun
from curator.io.formats.spacy.docbin import DocBinWriter, SpanGroupBytes, pack_span
from curator.io.label_names import ner_layer, qualified_name
from curator.io.selection import AnnotatorView, Selection
from curator.io.tokens import SPACE, Token, tokenize
from curator.schema.model import Schema
from curator.store.database import Database
from curator.store.entities import Registry
from curator.store.queries import DocumentBundle

FILE = "corpus.spacy"
USER_DATA_KEY = "curator"


def words_and_spaces(text: str, tokens: list[Token], starts: set[int], ends: set[int]) -> tuple[list[str], list[bool]]:
    """spaCy's ``words``/``spaces`` for ``tokens``: one plain space after a token becomes its trailing
    whitespace (spaCy's own convention) unless a span starts on that space or ends right after it;
    other white space stays a token. ``"".join(w + " " * s)`` is ``text``."""
    words: list[str] = []
    spaces: list[bool] = []
    for start, end, kind in tokens:  # unpacked: attribute access on a named tuple costs more
        piece = text[start:end]
        if (
            kind == SPACE
            and words
            and not spaces[-1]
            and piece[0] == " "
            and start not in starts
            and start + 1 not in ends
        ):
            spaces[-1] = True
            if end - start == 1:
                continue
            piece = piece[1:]
        words.append(piece)
        spaces.append(False)
    return words, spaces


def user_data(view: AnnotatorView) -> dict[str, Any]:
    """``doc.user_data["curator"]`` of ``view``'s Doc: plain JSON."""
    d = view.document
    return {
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


def cats(view: AnnotatorView, schema: Schema) -> dict[str, float]:
    return {qualified_name(schema, layer, label, "document"): 1.0 for layer, label in view.doc_labels}


def view_to_doc(
    view: AnnotatorView, tokens: Doc, ents_layer: str, schema: Schema, links: dict[int, str] | None = None
) -> tuple[Doc, int]:
    """One ``Doc`` for ``view``, a copy of ``tokens`` (the document's text in words and spaces, no
    annotation); also the number of entity spans left out of ``doc.ents`` (overlaps). A span linked
    to a registry entity (``links``: span id -> entity key) has the key as ``kb_id_``.

    The export writes the same message without making this Doc (:class:`DocumentTokens`); this is the
    reference the tests compare it with."""
    doc = tokens.copy()
    groups: dict[str, list[Span]] = {}
    for s in view.spans:
        kb_id = (links or {}).get(s.id, "")
        span = doc.char_span(s.start, s.end, label=s.label, span_id=str(s.id), kb_id=kb_id)
        if span is None:  # cannot happen: the tokens were split at every span boundary
            raise AssertionError(f"span {s.start}-{s.end} of {view.document.ext_id} is not on token boundaries")
        groups.setdefault(s.layer, []).append(span)
    for layer, spans in groups.items():
        doc.spans[layer] = spans
    entities = groups.get(ents_layer, [])
    kept = filter_spans(entities)
    doc.ents = kept
    doc.user_data[USER_DATA_KEY] = user_data(view)
    doc.cats = cats(view, schema)
    return doc, len(entities) - len(kept)


def filter_entities(spans: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """``spacy.util.filter_spans`` over (start token, end token, label, id) tuples: the longest spans
    first, then the earliest, each kept unless its first or last token is taken; in text order."""
    ordered = sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True)
    kept = []
    taken: set[int] = set()
    for span in ordered:
        if span[0] not in taken and span[1] - 1 not in taken:
            kept.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(kept, key=lambda span: span[0])


class DocumentTokens:
    """One document's words as spaCy's token array, made once and shared by the Docs of its views.

    The export does not make a ``Doc`` per view: it copies this array, sets the entity columns as
    ``doc.ents`` would, and packs the span groups itself, which is what :meth:`DocBinWriter.add`
    reads from a Doc that :func:`view_to_doc` made. The token array of the words comes from a real
    ``Doc`` (texts, norms, sentence start as spaCy sets them)."""

    def __init__(self, vocab: Vocab, words: list[str], spaces: list[bool], writer: DocBinWriter) -> None:
        doc = Doc(vocab, words=words, spaces=spaces)
        attrs = writer.attrs
        self.vocab = vocab
        self.array = doc.to_array(attrs)
        self.spaces = numpy.asarray(doc.to_array(SPACY), dtype=bool).tobytes("C")
        self.iob, self.type, self.id, self.kb = (
            attrs.index(IDS[name]) for name in ("ENT_IOB", "ENT_TYPE", "ENT_ID", "ENT_KB_ID")
        )
        lengths = list(map(len, words))
        self.starts = [0, *itertools.accumulate(map(operator.add, lengths, spaces))][:-1]  # token offsets
        self.ends = list(map(operator.add, self.starts, lengths))
        # The strings of the words' columns (texts, norms, empty lemmas...): the views' arrays differ
        # only in the entity columns, whose strings are span labels and ids, given with the spans.
        writer.add_token_strings(self.array, vocab)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens ``[first, last + 1)`` exactly covering characters ``[start, end)``, if any."""
        first = bisect_left(self.starts, start)
        last = bisect_left(self.ends, end)
        if (
            first < len(self.starts)
            and self.starts[first] == start
            and last < len(self.ends)
            and self.ends[last] == end
        ):
            return first, last + 1
        return None

    def view_parts(
        self, view: AnnotatorView, ents_layer: str, links: dict[int, str] | None = None
    ) -> tuple[Any, list[SpanGroupBytes], set[str], int]:
        """The token array, span groups and span strings of ``view``'s Doc, and the number of its
        entity spans left out of ``doc.ents``; ``links`` as for :func:`view_to_doc`."""
        links = links or {}
        add = self.vocab.strings.add
        groups: dict[str, list[bytes]] = {}
        strings = {""}  # the empty knowledge-base id of every span
        entities = []
        kb_of: dict[tuple[int, int, int, int], int] = {}
        for s in view.spans:
            tokens = self.token_range(s.start, s.end)
            if tokens is None:  # cannot happen: the tokens were split at every span boundary
                raise AssertionError(f"span {s.start}-{s.end} of {view.document.ext_id} is not on token boundaries")
            start, end = tokens
            span_id = str(s.id)
            label_hash, id_hash = add(s.label), add(span_id)
            kb_id = links.get(s.id)
            kb_hash = add(kb_id) if kb_id else 0
            groups.setdefault(s.layer, []).append(pack_span(id_hash, kb_hash, label_hash, start, end, s.start, s.end))
            strings.add(s.label)
            strings.add(span_id)
            if kb_id:
                strings.add(kb_id)
            if s.layer == ents_layer:
                entities.append((start, end, label_hash, id_hash))
                kb_of[(start, end, label_hash, id_hash)] = kb_hash
        kept = filter_entities(entities)
        array = self.array.copy()
        array[:, self.iob] = 2  # outside, as doc.ents = ... leaves every other token
        for start, end, label_hash, id_hash in kept:
            array[start, self.iob] = 3
            array[start + 1 : end, self.iob] = 1
            array[start:end, self.type] = label_hash
            array[start:end, self.id] = id_hash
            array[start:end, self.kb] = kb_of[(start, end, label_hash, id_hash)]  # 0 where unlinked
        span_groups = [SpanGroupBytes(layer, layer, {}, spans) for layer, spans in groups.items()]
        return array, span_groups, strings, len(entities) - len(kept)


def _documents(run: ExportRun) -> Iterator[tuple[DocumentBundle, list[AnnotatorView], list[str], list[bool], int]]:
    """Each selected document with its views, its words and spaces, and how many tokens had to be
    split inside a word."""
    for bundle, views in run.views():
        text = bundle.document.text
        starts = {s.start for s in bundle.spans}
        ends = {s.end for s in bundle.spans}
        tokenization = tokenize(text, starts | ends, force=True)
        words, spaces = words_and_spaces(text, tokenization.tokens, starts, ends)
        # Doc.text is the words each followed by its space: a broken invariant must never produce a
        # silently shifted dataset.
        if "".join(w + " " if s else w for w, s in zip(words, spaces, strict=True)) != text:
            raise AssertionError(f"the Doc of {bundle.document.ext_id} does not reproduce its text")
        yield bundle, views, words, spaces, tokenization.forced_splits


def reference_docbin(
    db: Database,
    *,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    layers: list[str] | None = None,
) -> DocBin:
    """The export's Docs made as spaCy objects (:func:`view_to_doc`) in spaCy's own ``DocBin``: what
    the tests compare the export's file with."""
    run = ExportRun(db, Selection(annotators, document_ids, layers))
    vocab = spacy.blank("xx").vocab
    docbin = DocBin(store_user_data=True)
    registry = Registry(db, "export")
    for bundle, views, words, spaces, _ in _documents(run):
        tokens = Doc(vocab, words=words, spaces=spaces)
        links = registry.links_of(bundle.document.id)
        for view in views:
            docbin.add(view_to_doc(view, tokens, ner_layer(db.schema), db.schema, links)[0])
    return docbin


def write_spacy(run: ExportRun) -> int:
    """Write ``out/corpus.spacy`` and ``out/README.md``; return the number of documents."""
    db = run.db
    vocab = spacy.blank("xx").vocab
    ents_layer = ner_layer(db.schema)
    documents = docs = not_in_ents = forced = 0
    folder = run.target
    # Each view goes to the writer as it is made (its token array to a scratch file): the export
    # never holds more than one document's tokens.
    docbin = DocBinWriter(folder / (FILE + ".tokens"))
    registry = Registry(db, "export")
    try:
        for bundle, views, words, spaces, forced_splits in _documents(run):
            forced += forced_splits
            tokens = DocumentTokens(vocab, words, spaces, docbin)
            links = registry.links_of(bundle.document.id)
            for view in views:
                array, groups, strings, left_out = tokens.view_parts(view, ents_layer, links)
                docbin.add_strings(strings)
                docbin.add_arrays(
                    array,
                    tokens.spaces,
                    cats=cats(view, db.schema),
                    user_data={USER_DATA_KEY: user_data(view)},
                    span_groups=groups,
                )
                run.figures.add_view(view)
                not_in_ents += left_out
                docs += 1
            documents += 1
        docbin.write(folder / FILE)
    finally:
        docbin.close()
    run.finish_views()
    if not_in_ents:
        run.note(f"{not_in_ents} {ents_layer} spans overlap a longer one: they are in doc.spans but not in doc.ents")
    if forced:
        run.note(
            f"{forced} tokens were split inside a word so that every span starts and ends on a token "
            "(spaCy keeps exact characters only on token boundaries)"
        )
    run.write_card(
        description=f"spaCy 3 DocBin, {docs} Docs (one per document and annotator); load with "
        f"`DocBin().from_disk(path).get_docs(nlp.vocab)`; span groups per layer, doc.ents = {ents_layer}",
        files=[FILE],
    )
    return documents
