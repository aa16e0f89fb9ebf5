"""Corpus statistics read straight from a SQLite file with the standard library, for ``curator stats``.

Importing SQLAlchemy, the models and the schema costs several times what Python itself takes to
start, and counting rows needs none of them. :func:`quick_stats` answers only for a database that
needs nothing done on opening (a SQLite file already at :data:`~curator.store.revision.HEAD`) and
returns None otherwise, so that the caller opens it the ordinary way (migrating, refusing a newer
one, installing a schema). Its figures are those of :func:`curator.store.queries.stats`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from curator.store.revision import HEAD

_PREFIX = "sqlite:///"

_BY_LANGUAGE = "SELECT language, count(*) FROM documents GROUP BY language"
_SPANS = (
    "SELECT layers.key, labels.key, annotators.name, count(*) FROM spans"
    " JOIN labels ON labels.id = spans.label_id JOIN layers ON layers.id = labels.layer_id"
    " JOIN annotators ON annotators.id = spans.annotator_id"
    " GROUP BY layers.key, labels.key, annotators.name"
)
_DOC_LABELS = (
    "SELECT labels.key, annotators.name, count(*) FROM document_labels"
    " JOIN labels ON labels.id = document_labels.label_id"
    " JOIN annotators ON annotators.id = document_labels.annotator_id"
    " GROUP BY labels.key, annotators.name"
)
_RELATIONS = (
    "SELECT relation_types.key, count(*) FROM relations"
    " JOIN relation_types ON relation_types.id = relations.type_id GROUP BY relation_types.key"
)


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL that exists; None for any other URL (a driver,
    options, escapes, memory, another backend), which only SQLAlchemy reads the same way."""
    if not url.startswith(_PREFIX) or "?" in url or "%" in url:
        return None
    path = Path(url[len(_PREFIX) :])
    return path if path.name and path.name != ":memory:" and path.is_file() else None


def quick_stats(url: str) -> dict[str, Any] | None:
    """The statistics of the SQLite file at ``url``, read-only, or None when the database is not a
    SQLite file at the current revision (or cannot be read here at all)."""
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
        if revision != HEAD:
            return None
        by_language = dict(conn.execute(_BY_LANGUAGE).fetchall())
        span_rows = conn.execute(_SPANS).fetchall()
        label_rows = conn.execute(_DOC_LABELS).fetchall()
        relation_rows = conn.execute(_RELATIONS).fetchall()
    except sqlite3.Error:  # no version table, a locked or damaged file: the ordinary open says why
        return None
    finally:
        conn.close()
    return figures(by_language, span_rows, label_rows, relation_rows)


def figures(
    by_language: dict[str, int],
    span_rows: list[tuple[str, str, str, int]],
    label_rows: list[tuple[str, str, int]],
    relation_rows: list[tuple[str, int]],
) -> dict[str, Any]:
    """The statistics from the grouped counts: documents by language; spans by (layer, label,
    annotator); document labels by (label, annotator); relations by type."""
    by_layer: dict[str, int] = {}
    by_label: dict[str, int] = {}
    by_annotator: dict[str, int] = {}
    for layer, label, annotator, n in span_rows:
        by_layer[layer] = by_layer.get(layer, 0) + n
        by_label[f"{layer}/{label}"] = by_label.get(f"{layer}/{label}", 0) + n
        by_annotator[annotator] = by_annotator.get(annotator, 0) + n
    return {
        "documents": {"total": sum(by_language.values()), "by_language": dict(sorted(by_language.items()))},
        "annotations": {
            "total": sum(by_layer.values()),
            "by_layer": dict(sorted(by_layer.items())),
            "by_label": dict(sorted(by_label.items())),
            "by_annotator": dict(sorted(by_annotator.items())),
        },
        "relations": {key: n for key, n in sorted(relation_rows)},
        "document_labels": {f"{lab}/{a}": n for lab, a, n in sorted(label_rows)},
    }
