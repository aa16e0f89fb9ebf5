"""Keeping the corpus search index in step with the documents, inside the writer's own transaction.

The index (:mod:`curator.store.search`) holds the folded copy of each document's text
(:func:`curator.text.folding.fold_text`): the FTS5 table ``search_fts`` on SQLite (rowid = document
id), the table ``search_index`` on PostgreSQL (pg_trgm-indexed). The import's writers
(:mod:`curator.store.bulk`, :mod:`curator.store.chunk_writer`) add their documents' rows here in the
batch's transaction, so a search right after an import needs no indexing; a document whose text is
changed through the ORM is indexed again in the same flush (:func:`_text_changed`). A deleted
document leaves the index with it (a trigger on SQLite, ``ON DELETE CASCADE`` on PostgreSQL).
Documents stored by an older Curator (``search_indexed`` false) are indexed at the first search.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper
from sqlalchemy.orm.attributes import set_committed_value

from curator.store.models import Document
from curator.text.folding import fold_text


def add_folded(conn: Connection, rows: Sequence[tuple[int, Any]], *, replace: bool = False) -> None:
    """Index documents in the caller's transaction: ``rows`` of ``(document id, folded text)``, the
    folded text a ``str`` or its UTF-8 bytes (SQLite only: taken as they are, see chunk_writer).
    ``replace`` removes the documents' earlier rows first (a text changed, an index made again).

    The documents' ``search_indexed`` flag is the caller's: the import writes it with the row."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        dbapi = conn.connection.driver_connection
        assert dbapi is not None
        if replace:
            dbapi.executemany("DELETE FROM search_fts WHERE rowid = ?", [(doc_id,) for doc_id, _ in rows])
        # Straight to the driver: SQLAlchemy's per-row processing costs a tenth of the insert here.
        dbapi.executemany("INSERT INTO search_fts(rowid, folded) VALUES (?, CAST(? AS TEXT))", rows)
        return
    params = [{"id": doc_id, "folded": folded} for doc_id, folded in rows]
    if replace:
        conn.execute(text("DELETE FROM search_index WHERE document_id = :id"), params)
    conn.execute(text("INSERT INTO search_index(document_id, folded) VALUES (:id, :folded)"), params)


def add_texts(conn: Connection, rows: Iterable[tuple[int, str]], *, replace: bool = False) -> None:
    """:func:`add_folded` of ``(document id, text)`` rows, folded here."""
    add_folded(conn, [(doc_id, fold_text(body)) for doc_id, body in rows], replace=replace)


def mark_indexed(conn: Connection, doc_ids: Sequence[int]) -> None:
    """Set ``search_indexed`` on ``doc_ids`` (documents indexed after they were stored)."""
    for i in range(0, len(doc_ids), 500):
        part = ", ".join(str(int(doc_id)) for doc_id in doc_ids[i : i + 500])
        conn.exec_driver_sql(f"UPDATE documents SET search_indexed = TRUE WHERE id IN ({part})")


@event.listens_for(Document, "after_insert")
def _document_added(mapper: Mapper[Any], conn: Connection, target: Document) -> None:
    """A document added through the ORM (not the import's bulk rows): indexed in its flush."""
    add_texts(conn, [(target.id, target.text)], replace=True)
    mark_indexed(conn, [target.id])
    set_committed_value(target, "search_indexed", True)


@event.listens_for(Document, "after_update")
def _text_changed(mapper: Mapper[Any], conn: Connection, target: Document) -> None:
    """A text changed through the ORM: its index row changes in the same flush."""
    if inspect(target).attrs.text.history.has_changes():
        add_texts(conn, [(target.id, target.text)], replace=True)
        mark_indexed(conn, [target.id])
