"""The ``parquet`` export format: Hugging Face style tables, readable by ``datasets`` and pandas.

- ``tokens.parquet``: one row per sentence and annotator: ``id``, ``document``, ``annotator``,
  ``sentence``, ``tokens``, ``ner_tags`` (BIO label names of the entity layer), ``<layer>_tags`` for
  the other span layers, the same tags as integers in ``ner_tag_ids``/``<layer>_tag_ids`` (indexes
  into :func:`tag_names`, ``O`` first, the same for every export of one schema; the table's Hugging
  Face features make them ``ClassLabel`` sequences), ``token_starts``/``token_ends`` (code points into the
  document text);
- ``spans.parquet``: one row per span, exact: document, annotator, span_id, layer, label, start, end,
  text, attributes (JSON), note, entity (the registry id of the entity it links to, else null);
- ``relations.parquet``: document, annotator, type, source and target span ids;
- ``documents.parquet``: document, title, language, direction, text, and document labels;
- ``entities.parquet`` (when a span is linked): the registry rows of the entities linked, as the
  registry file has them: id, type, names (JSON object language -> name), aliases, description,
  external_ids (JSON object).

README.md's front matter names each table as a ``configs:`` entry, so ``datasets.load_dataset(FOLDER)``
gives the token table and ``load_dataset(FOLDER, "spans")`` the others.

Tokens and sentences are those of the ``conll`` format (split at every span boundary); the token
table reports the same spans BIO cannot hold (see :mod:`curator.io.formats.conll.write`), the span table is
always exact.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curator.optional_libs import MissingLibrary

try:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("parquet", "pyarrow") from exc

import itertools

import yaml

from curator.io.bio_columns import AlignmentReport, column_layers
from curator.io.exporting import ExportRun
from curator.io.formats.parquet.tables import DOCUMENTS, ENTITIES, RELATIONS, SPANS, TOKENS
from curator.io.label_names import ner_layer
from curator.io.tokens import SPACE, bio_tags, sentence_starts, span_tokens
from curator.schema.model import Schema
from curator.store.entities import EntityRecord, Registry, records_of

OFFSETS_NOTE = {b"offsets": b"unicode code points into the document text, end exclusive"}


def tag_column(layer: str, entity_layer: str) -> str:
    return "ner_tags" if layer == entity_layer else f"{layer}_tags"


def id_column(tag_name: str) -> str:
    """The integer column of a tag column: ``ner_tags`` -> ``ner_tag_ids``."""
    return tag_name.removesuffix("_tags") + "_tag_ids"


def tag_names(schema: Schema, layer: str) -> list[str]:
    """The names of a layer's tags, in the order of their integers: ``O``, then ``B-`` and ``I-`` of
    each label in schema order."""
    found = schema.layer(layer)
    assert found is not None
    return ["O"] + [f"{prefix}-{label.id}" for label in found.labels for prefix in ("B", "I")]


def _hf_features(schema: Any, names: dict[str, list[str]]) -> bytes:
    """The ``huggingface`` metadata of a table: its features as ``datasets`` reads them from a parquet
    file's schema, the tag id columns as sequences of ``ClassLabel``."""
    kinds = {"string": "string", "int32": "int32", "int64": "int64"}
    features: dict[str, Any] = {}
    for f in schema:
        if f.name in names:
            features[f.name] = {"feature": {"names": names[f.name], "_type": "ClassLabel"}, "_type": "List"}
        elif pa.types.is_list(f.type):
            features[f.name] = {"feature": {"dtype": kinds[str(f.type.value_type)], "_type": "Value"}, "_type": "List"}
        else:
            features[f.name] = {"dtype": kinds[str(f.type)], "_type": "Value"}
    return json.dumps({"info": {"features": features}}).encode()


def front_matter(tables: list[str]) -> str:
    """The card's YAML front matter: one ``datasets`` config per table, the token table first and default."""
    configs = [
        {"config_name": table.removesuffix(".parquet"), "data_files": table, **({"default": True} if k == 0 else {})}
        for k, table in enumerate(tables)
    ]
    return yaml.safe_dump({"configs": configs}, sort_keys=False, allow_unicode=True)


def _write(
    table_rows: dict[str, list[Any]], schema: Any, path: Path, names: dict[str, list[str]] | None = None
) -> None:
    if names is not None:
        schema = schema.with_metadata({**OFFSETS_NOTE, b"huggingface": _hf_features(schema, names)})
    else:
        schema = schema.with_metadata(OFFSETS_NOTE)
    pq.write_table(pa.Table.from_pydict(table_rows, schema=schema), path)


ENTITY_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("names", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("description", pa.string()),
        ("external_ids", pa.string()),
    ]
)


def entity_table(records: list[EntityRecord]) -> dict[str, list[Any]]:
    """The columns of ``entities.parquet``: one registry row per entity, names and external ids as JSON."""
    return {
        "id": [r.key for r in records],
        "type": [r.type for r in records],
        "names": [json.dumps(r.names, ensure_ascii=False, sort_keys=True) for r in records],
        "aliases": [list(r.aliases) for r in records],
        "description": [r.description for r in records],
        "external_ids": [json.dumps(r.external_ids, ensure_ascii=False, sort_keys=True) for r in records],
    }


def write_parquet(run: ExportRun) -> int:
    """Write the four tables (five with the entities linked) and README.md under ``out``; return the
    number of documents."""
    db = run.db
    layers = run.selection.layers
    entity_layer = ner_layer(db.schema)
    columns = column_layers(db.schema, layers)
    tag_cols = [tag_column(layer, entity_layer) for layer in columns]
    id_cols = [id_column(name) for name in tag_cols]
    names = {id_col: tag_names(db.schema, layer) for id_col, layer in zip(id_cols, columns, strict=True)}
    number = {id_col: {tag: n for n, tag in enumerate(names[id_col])} for id_col in id_cols}
    tok: dict[str, list[Any]] = {
        k: []
        for k in [
            "id",
            "document",
            "annotator",
            "sentence",
            "tokens",
            *tag_cols,
            *id_cols,
            "token_starts",
            "token_ends",
        ]
    }
    spans: dict[str, list[Any]] = {
        k: []
        for k in [
            "document",
            "annotator",
            "span_id",
            "layer",
            "label",
            "start",
            "end",
            "text",
            "attributes",
            "note",
            "entity",
        ]
    }
    registry = Registry(db, "export")
    rels: dict[str, list[Any]] = {k: [] for k in ["document", "annotator", "type", "source_span_id", "target_span_id"]}
    docs: dict[str, list[Any]] = {k: [] for k in ["document", "title", "language", "direction", "text", "doc_labels"]}
    report = AlignmentReport()
    for bundle, views in run.views():
        d = bundle.document
        docs["document"].append(d.ext_id)
        docs["title"].append(d.title)
        docs["language"].append(d.language)
        docs["direction"].append(d.direction)
        docs["text"].append(d.text)
        docs["doc_labels"].append([{"annotator": a, "layer": lay, "label": lab} for a, lay, lab in bundle.doc_labels])
        links = registry.links_of(d.id) if run.figures.linked else {}
        for s in bundle.spans:
            for key, value in (
                ("document", d.ext_id),
                ("annotator", s.annotator),
                ("span_id", s.id),
                ("layer", s.layer),
                ("label", s.label),
                ("start", s.start),
                ("end", s.end),
                ("text", d.text[s.start : s.end]),
                ("attributes", json.dumps(s.attributes, ensure_ascii=False, sort_keys=True)),
                ("note", s.note),
                ("entity", links.get(s.id)),
            ):
                spans[key].append(value)
        for r in bundle.relations:
            for key, value in (
                ("document", d.ext_id),
                ("annotator", r.annotator),
                ("type", r.type),
                ("source_span_id", r.source_id),
                ("target_span_id", r.target_id),
            ):
                rels[key].append(value)
        tokenization = span_tokens(d.text, [(s.start, s.end) for s in bundle.spans])
        report.proclitic_splits += tokenization.proclitic_splits
        report.forced_splits += tokenization.forced_splits
        tokens = tokenization.tokens
        starts = [*sentence_starts(tokens, d.text, [(s.start, s.end) for s in bundle.spans]), len(tokens)]
        for view in views:
            taggings = []
            for layer in columns:
                tagging = bio_tags(tokens, [(s.start, s.end, s.label) for s in view.spans if s.layer == layer])
                report.add(d.ext_id, d.text, tagging)
                taggings.append(tagging.tags)
            for n, (a, b) in enumerate(itertools.pairwise(starts)):
                visible = [k for k in range(a, b) if tokens[k].kind != SPACE]
                if not visible:
                    continue
                tok["id"].append(f"{d.ext_id}/{view.annotator or ''}/{n}")
                tok["document"].append(d.ext_id)
                tok["annotator"].append(view.annotator)
                tok["sentence"].append(n)
                tok["tokens"].append([d.text[tokens[k].start : tokens[k].end] for k in visible])
                for name, id_col, tags in zip(tag_cols, id_cols, taggings, strict=True):
                    tok[name].append([tags[k] for k in visible])
                    tok[id_col].append([number[id_col][tags[k]] for k in visible])
                tok["token_starts"].append([tokens[k].start for k in visible])
                tok["token_ends"].append([tokens[k].end for k in visible])
            run.figures.add_view(view)
    run.finish_views()
    report.notes(run.note, f"{TOKENS}: ")
    str_list = pa.list_(pa.string())
    int_list = pa.list_(pa.int32())
    token_schema = pa.schema(
        [
            ("id", pa.string()),
            ("document", pa.string()),
            ("annotator", pa.string()),
            ("sentence", pa.int32()),
            ("tokens", str_list),
            *[(name, str_list) for name in tag_cols],
            # int64, the type of a ClassLabel: ``datasets`` takes the metadata's features only when
            # they match the columns' types
            *[(name, pa.list_(pa.int64())) for name in id_cols],
            ("token_starts", int_list),
            ("token_ends", int_list),
        ]
    )
    span_schema = pa.schema(
        [
            ("document", pa.string()),
            ("annotator", pa.string()),
            ("span_id", pa.int64()),
            ("layer", pa.string()),
            ("label", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
            ("attributes", pa.string()),
            ("note", pa.string()),
            ("entity", pa.string()),
        ]
    )
    relation_schema = pa.schema(
        [
            ("document", pa.string()),
            ("annotator", pa.string()),
            ("type", pa.string()),
            ("source_span_id", pa.int64()),
            ("target_span_id", pa.int64()),
        ]
    )
    label_struct = pa.struct([("annotator", pa.string()), ("layer", pa.string()), ("label", pa.string())])
    document_schema = pa.schema(
        [
            ("document", pa.string()),
            ("title", pa.string()),
            ("language", pa.string()),
            ("direction", pa.string()),
            ("text", pa.string()),
            ("doc_labels", pa.list_(label_struct)),
        ]
    )
    folder = run.target
    rows = {
        TOKENS: len(tok["id"]),
        SPANS: len(spans["span_id"]),
        RELATIONS: len(rels["type"]),
        DOCUMENTS: len(docs["document"]),
    }
    # `datasets` cannot load a table without rows: only the others are offered as configs.
    loadable = [table for table, n in rows.items() if n]
    empty = [table for table, n in rows.items() if not n]
    _write(tok, token_schema, folder / TOKENS, names)
    _write(spans, span_schema, folder / SPANS)
    _write(rels, relation_schema, folder / RELATIONS)
    _write(docs, document_schema, folder / DOCUMENTS)
    entities = records_of(db, {key for key in spans["entity"] if key is not None})
    if entities:
        _write(entity_table(entities), ENTITY_SCHEMA, folder / ENTITIES)
        run.figures.registry_file = ENTITIES
        loadable.append(ENTITIES)
    run.write_card(
        description=f"Parquet tables; {len(tok['id'])} token rows (one per sentence and annotator, "
        f"columns {', '.join(tag_cols)} hold BIO label names, {', '.join(id_cols)} the same as ClassLabel "
        f"integers), {len(spans['span_id'])} spans",
        files=[TOKENS, SPANS, RELATIONS, DOCUMENTS, *([ENTITIES] if entities else [])],
        details=[
            "Load with `datasets.load_dataset(FOLDER, NAME)`, NAME one of "
            + ", ".join(f"`'{table.removesuffix('.parquet')}'`" for table in loadable)
            + " (the first is the default), or with `pandas.read_parquet`",
            *(
                [
                    f"{', '.join(empty)}: no rows in this export, so not offered as a `datasets` config "
                    "(`datasets` cannot load an empty table); the file is there for pandas and pyarrow"
                ]
                if empty
                else []
            ),
            *(f"`{col}`: " + ", ".join(f"{n} {tag}" for n, tag in enumerate(names[col])) for col in id_cols),
        ],
        front_matter=front_matter(loadable),
    )
    return len(docs["document"])
