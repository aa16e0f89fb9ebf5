"""Corpus statistics (``curator stats``): four grouped counts in plain SQL, run by
:func:`curator.store.queries.stats` through SQLAlchemy on any backend, and by :func:`quick_stats`
with the standard library's sqlite3 alone (a SQLite file) or with psycopg alone (PostgreSQL).

Importing SQLAlchemy, the models and the schema costs several times what Python itself takes to
start, and counting rows needs none of them. :func:`quick_stats` answers only for a database that
needs nothing done on opening (a SQLite file or a PostgreSQL database already at
:data:`~curator.store.revision.HEAD`) and returns None otherwise, so that the caller opens it the
ordinary way (migrating, refusing a newer one, installing a schema). Both run the same SQL, so their
figures cannot drift apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
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


def postgres_conninfo(url: str) -> str | None:
    """The libpq URI of a plain ``postgresql://`` (or ``postgresql+psycopg://``) URL without options;
    None for any other URL, which only SQLAlchemy reads the same way."""
    for prefix in _PG_PREFIXES:
        if url.startswith(prefix) and "?" not in url and "#" not in url:
            return "postgresql://" + url[len(prefix) :]
    return None


_PG_PREFIXES = ("postgresql://", "postgresql+psycopg://")


def quick_stats(url: str) -> dict[str, Any] | None:
    """The statistics of the SQLite file or PostgreSQL database at ``url``, read-only, or None when
    it is neither at the current revision (or cannot be read here at all)."""
    path = sqlite_file(url)
    if path is None:
        conninfo = postgres_conninfo(url)
        return _postgres_stats(conninfo) if conninfo is not None else None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
        if revision != HEAD:
            return None
        return counted(lambda sql: conn.execute(sql).fetchall())
    except sqlite3.Error:  # no version table, a locked or damaged file: the ordinary open says why
        return None
    finally:
        conn.close()


def _postgres_stats(conninfo: str) -> dict[str, Any] | None:
    """:func:`quick_stats` on PostgreSQL: psycopg alone, in a read-only transaction, as the ordinary
    read-only open does. psycopg costs about a tenth of a second to import, SQLAlchemy, the models and
    the schema several times that."""
    import importlib.util

    if importlib.util.find_spec("psycopg") is None:
        return None  # the ordinary open says what is missing
    import psycopg

    try:
        conn = psycopg.connect(conninfo, options="-c default_transaction_read_only=on")
    except psycopg.Error:  # refused, unknown database...: the ordinary open says why
        return None
    try:
        with conn.cursor() as cursor:

            def rows(sql: str) -> list[tuple[Any, ...]]:
                cursor.execute(sql)  # our own constant statements
                return cursor.fetchall()

            found = rows("SELECT version_num FROM alembic_version")
            if [tuple(row) for row in found] != [(HEAD,)]:
                return None
            return counted(rows)
    except psycopg.Error:  # no version table, no right to read: the ordinary open says why
        return None
    finally:
        conn.close()


# Runs one SQL statement, returns its rows.
Rows = Callable[[str], Sequence[Sequence[Any]]]


def counted(rows: Rows) -> dict[str, Any]:
    """The statistics, from the four grouped counts run through ``rows``."""
    return figures(
        {str(language): int(n) for language, n in rows(_BY_LANGUAGE)},
        [(str(a), str(b), str(c), int(n)) for a, b, c, n in rows(_SPANS)],
        [(str(a), str(b), int(n)) for a, b, n in rows(_DOC_LABELS)],
        [(str(a), int(n)) for a, n in rows(_RELATIONS)],
    )


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
