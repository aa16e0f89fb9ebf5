"""Interchange JSONL (the form :mod:`curator.io.formats.jsonl.read` reads back), written straight from the store's rows.

Each line is ``json.dumps(record, ensure_ascii=False, separators=(",", ":"))`` of
``{"id", "title", "language", "text", "meta"?, "annotations", "relations", "doc_labels"}``, but put
together from pieces: names are encoded once per export and each span is one f-string, so a corpus
of a million spans is not a million dicts for ``json`` to walk. The tests hold the lines to
``json.dumps`` of the records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path

from curator.io.dataset_card import CardFigures
from curator.io.export_folder import output_file
from curator.io.selection import Selection
from curator.store import export_rows
from curator.store.database import Database
from curator.store.export_rows import RowBatch, stored_json

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_encode = _JSON.encode
_LABEL_AND_ANNOTATOR = itemgetter(3, 2)  # of a span row


class _Encoded:
    """The JSON text of every annotator, label and relation type name, made once."""

    def __init__(self, names: export_rows.Names) -> None:
        self.names = names
        self.annotators = {i: _encode(name) for i, name in names.annotators.items()}
        self.labels = {
            i: f'"layer":{_encode(layer)},"label":{_encode(label)}' for i, (layer, label) in names.labels.items()
        }
        self.types = {i: _encode(name) for i, name in names.relation_types.items()}


def interchange_lines(
    db: Database,
    selection: Selection,
    *,
    figures: CardFigures | None = None,
    progress: Callable[[int], None] | None = None,
    entities: set[str] | None = None,
) -> Iterator[str]:
    """One line (with its ``\\n``) per selected document, in id order; ``figures`` counts what is
    written; ``progress(1)`` after each document (it may raise to stop); ``entities`` receives the key
    of every registry entity a written span links to."""
    names = export_rows.names(db)
    encoded = _Encoded(names)
    annotator_ids = None
    if selection.annotators is not None:
        wanted = set(selection.annotators)
        annotator_ids = [i for i, name in names.annotators.items() if name in wanted]
    label_ids = None
    if selection.layers is not None:
        layers = set(selection.layers)
        label_ids = [i for i, (layer, _) in names.labels.items() if layer in layers]
    span_counts: Counter[tuple[int, int]] = Counter()
    relation_counts: Counter[tuple[int, int]] = Counter()
    label_counts: Counter[tuple[int, int]] = Counter()
    for batch in export_rows.row_batches(
        db, annotator_ids=annotator_ids, label_ids=label_ids, document_ids=selection.document_ids
    ):
        if batch.entities and (entities is not None or figures is not None):
            kept = {s[1] for spans in batch.spans.values() for s in spans}
            written = [span_id for span_id in batch.entities if span_id in kept]
            if entities is not None:
                entities.update(batch.entities[span_id] for span_id in written)
            if figures is not None:
                figures.add_links(written)
        for doc in batch.documents:
            yield _line(doc, batch, encoded)
            if progress:
                progress(1)
        if figures is not None:
            for doc in batch.documents:
                figures.add_document(doc[0], doc[1], doc[3], doc[2])
            for doc_id, spans in batch.spans.items():
                span_counts.update(map(_LABEL_AND_ANNOTATOR, spans))
                relations = batch.relations.get(doc_id)
                if relations:
                    kept = {s[1] for s in spans}
                    relation_counts.update((r[2], r[1]) for r in relations if r[3] in kept and r[4] in kept)
            for labels in batch.doc_labels.values():
                label_counts.update((lab[2], lab[1]) for lab in labels)
    if figures is not None:
        for (label_id, who), n in span_counts.items():
            figures.spans[(*names.labels[label_id], names.annotators[who])] += n
        for (type_id, who), n in relation_counts.items():
            figures.relations[(names.relation_types[type_id], names.annotators[who])] += n
        for (label_id, who), n in label_counts.items():
            figures.doc_labels[(*names.labels[label_id], names.annotators[who])] += n


def _line(doc: export_rows.DocumentRow, batch: RowBatch, encoded: _Encoded) -> str:
    doc_id, ext_id, title, language, text, raw_meta = doc
    parts = [f'{{"id":{_encode(ext_id)},"title":{_encode(title)},"language":{_encode(language)},"text":{_encode(text)}']
    meta = stored_json(raw_meta)
    if meta:
        parts.append(f',"meta":{_encode(meta)}')
    who, labels = encoded.annotators, encoded.labels
    spans = batch.spans.get(doc_id, ())
    entities = batch.entities
    annotations = []
    for _, span_id, annotator_id, label_id, start, end, raw_attributes, note in spans:
        item = f'{{"id":"{span_id}","annotator":{who[annotator_id]},{labels[label_id]},"start":{start},"end":{end}'
        if span_id in entities:
            item += f',"entity":{_encode(entities[span_id])}'
        if raw_attributes not in ("{}", None):
            attributes = stored_json(raw_attributes)
            if attributes:
                item += f',"attributes":{_encode(attributes)}'
        if note:
            item += f',"note":{_encode(note)}'
        annotations.append(item + "}")
    parts.append(f',"annotations":[{",".join(annotations)}]')
    relations = []
    found = batch.relations.get(doc_id)
    if found:
        kept = {s[1] for s in spans}
        relations = [
            f'{{"annotator":{who[annotator_id]},"type":{encoded.types[type_id]},'
            f'"source":"{source}","target":"{target}"}}'
            for _, annotator_id, type_id, source, target in found
            if source in kept and target in kept
        ]
    parts.append(f',"relations":[{",".join(relations)}]')
    doc_labels = [
        f'{{"annotator":{who[annotator_id]},{labels[label_id]}}}'
        for _, annotator_id, label_id in batch.doc_labels.get(doc_id, ())
    ]
    parts.append(f',"doc_labels":[{",".join(doc_labels)}]}}\n')
    return "".join(parts)


def export_jsonl(
    db: Database,
    out: Path,
    *,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the documents (with annotations by ``annotators``, all when None) to ``out``; return the count.

    The file is written beside ``out`` and renamed over it at the end, so a failed export leaves no
    half-written dataset behind.
    """
    return write_lines(out, interchange_lines(db, Selection(annotators, document_ids), progress=progress))


def write_lines(out: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` to ``out`` (beside it first, renamed over it at the end); return how many."""
    with output_file(out) as tmp:
        return write_lines_to(tmp, lines)


def write_lines_to(path: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` to ``path`` as they come (UTF-8, LF); return how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)
            count += 1
    return count
