"""Write an import batch that arrives as chunks of rows (the parallel import of
:mod:`curator.io.parallel_import`), in the one transaction of :func:`chunk_transaction`.

Only new documents are taken: a text or an id already in the database or earlier in the batch raises
:class:`Unusual`, which rolls the transaction back, and the ordinary batch writer
(:mod:`curator.store.bulk`) imports the batch instead, with its rules for repeats. The rows written
are the ones that writer would write; ``tests/processes/test_parallel_import.py`` compares the two.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.store import search_index, sqlite_bulk
from curator.store.bulk import _DOCUMENT_COLUMNS as _BULK_DOCUMENT_COLUMNS
from curator.store.bulk import _HISTORY_COLUMNS, CHUNK, BatchReport, _bulk_load, _next_id, _table
from curator.store.database import Database
from curator.store.models import Annotator, Document, HistoryEntry, Span, utcnow
from curator.text.folding import document_filter_key


class Unusual(Exception):
    """The batch needs the ordinary writer (a repeated text or id); nothing was written."""


# The batch writer's columns, with the id first (see write()).
_DOCUMENT_COLUMNS = ("id", *_BULK_DOCUMENT_COLUMNS)


@contextmanager
def chunk_transaction(db: Database, who: str, *, index: bool = True) -> Iterator[ChunkWriter]:
    """A :class:`ChunkWriter` inside one write transaction, committed when the block ends without an
    exception (:class:`Unusual` included, which rolls it back).

    A first import into an empty SQLite database is written with a rollback journal, then the file is
    put back in WAL mode: every page is then written once, where WAL writes it twice (to the log,
    then to the database at the checkpoint), a fifth of the import. A database that another
    connection holds open stays in WAL mode (SQLite refuses the switch)."""
    journal = "wal"
    if db.is_sqlite:
        raw = db.engine.raw_connection()
        try:
            dbapi = raw.driver_connection
            assert dbapi is not None
            if dbapi.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
                with contextlib.suppress(sqlite3.OperationalError):
                    journal = dbapi.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            raw.close()
    try:
        with db.write(bulk=True) as session, _bulk_load(session):
            yield ChunkWriter(db, session, who, index=index)
    finally:
        if journal != "wal":
            raw = db.engine.raw_connection()
            try:
                assert raw.driver_connection is not None
                with contextlib.suppress(Exception):  # busy: the next connection sets it (engine.py)
                    raw.driver_connection.execute("PRAGMA journal_mode=WAL")
            finally:
                raw.close()


class ChunkWriter:
    """Writes chunks of rows (:class:`curator.io.formats.jsonl.rows.ChunkRows`) in the order given."""

    def __init__(self, db: Database, session: Session, who: str, *, index: bool = True) -> None:
        self.db, self.session, self.who = db, session, who
        self.index = index  # for search, in this transaction (else at the first search)
        self.report = BatchReport()
        self.conn = session.connection()
        if self.conn.dialect.name != "sqlite":
            raise Unusual("chunks are written to SQLite only")
        # Annotators with an id from this one on are this batch's (the writer holds the write lock).
        self._first_new_annotator = _next_id(self.conn, _table(Annotator))
        self._new_annotators: dict[str, int] = {}  # name -> id, in the order they were made
        self._hashes: set[str] = set()
        self._ext_ids: set[str] = set()
        self._stored = self.conn.exec_driver_sql("SELECT 1 FROM documents LIMIT 1").first() is not None
        now = utcnow()
        self._when = sqlite_bulk.bind_processor(self.conn, _table(Document), "created_at")(now)
        self._null = sqlite_bulk.bind_processor(self.conn, _table(HistoryEntry), "before")(None)
        empty = sqlite_bulk.bind_processor(self.conn, _table(Span), "attributes")({})
        stamp = sqlite_bulk.bind_processor(self.conn, _table(Span), "created_at")(now)
        self._next_document = _next_id(self.conn, _table(Document))
        # The text comes as its UTF-8 bytes, which SQLite takes as they are for the text of a UTF-8
        # database (CAST of a BLOB): the parent neither decodes it from the worker nor encodes it again.
        if self.conn.exec_driver_sql("PRAGMA encoding").scalar() != "UTF-8":
            raise Unusual("the database does not store UTF-8")
        marks = ", ".join("CAST(? AS TEXT)" if name == "text" else "?" for name in _DOCUMENT_COLUMNS)
        names = ", ".join(f'"{name}"' for name in _DOCUMENT_COLUMNS)
        self._insert_documents = f"INSERT INTO documents ({names}) VALUES ({marks})"
        # Span rows carry only what varies; the document id is the chunk's index plus its first id,
        # and the rest is in the statement, once (see write()).
        self._span_constants = f"{_literal(empty)}, '', {_literal(stamp)}, {_literal(stamp)}, 1"

    def annotator_id(self, name: str) -> int:
        """The id of annotator ``name``, made in this transaction on first use (see :meth:`finish`)."""
        found = self.db.annotator_id(self.session, name)
        if found >= self._first_new_annotator:
            self._new_annotators.setdefault(name, found)
        return found

    def finish(self) -> None:
        """Give the annotators made by this batch their ids in the order of their names, as the batch
        writer does: workers ask for names as they meet them, in an order that varies from run to run.
        When more than one is new and they came out of order, their spans follow them."""
        made = list(self._new_annotators.items())
        wanted = dict(zip(sorted(name for name, _ in made), sorted(i for _, i in made), strict=True))
        moves = {old: wanted[name] for name, old in made if wanted[name] != old}
        if not moves:
            return
        cases = " ".join(f"WHEN {int(old)} THEN {int(new)}" for old, new in moves.items())
        self.conn.exec_driver_sql(
            f"UPDATE spans SET annotator_id = CASE annotator_id {cases} END "
            f"WHERE annotator_id IN ({', '.join(str(int(old)) for old in moves)})"
        )
        table = _table(Annotator)
        stamps = dict(self.conn.execute(select(table.c.id, table.c.created_at).where(table.c.id.in_(moves))).all())
        self.conn.execute(table.delete().where(table.c.id.in_(moves)))
        self.conn.execute(
            table.insert(),
            [{"id": wanted[name], "name": name, "created_at": stamps[old]} for name, old in made if old in moves],
        )

    def write(self, documents: list[tuple[Any, ...]], spans: Sequence[int], repeats: int) -> None:
        """One chunk: documents and spans as :class:`curator.io.formats.jsonl.rows.ChunkRows` holds them."""
        hashes = [row[7] for row in documents]
        ext_ids = [row[0] or row[7][:16] for row in documents]
        if self._seen(hashes, self._hashes, Document.content_sha256) or self._seen(
            ext_ids, self._ext_ids, Document.ext_id
        ):
            raise Unusual("a text or an id repeats")
        base = self._next_document
        rows = [
            (
                base + n,
                ext_id,
                *row[1:8],  # title, source, language, direction, text, length, content_sha256
                None,  # bytes_sha256 and encoding: the text was read from JSON, not decoded from bytes
                None,
                row[8],  # newline
                0,  # had_bom
                row[9],  # meta
                self._when,
                row[10] if row[10] is not None else document_filter_key(row[1], ext_id),
                int(self.index),  # search_indexed: the folded text the worker made goes in below
            )
            for n, (row, ext_id) in enumerate(zip(documents, ext_ids, strict=True))
        ]
        self.conn.exec_driver_sql(self._insert_documents, rows)
        if self.index:
            search_index.add_folded(self.conn, [(base + n, row[12]) for n, row in enumerate(documents)])
        if spans:
            # Straight to the driver, which takes the rows as zip makes them, one at a time: SQLAlchemy
            # wants a list, which would hold 200,000 tuples at once (same connection, same transaction).
            numbers = iter(spans)
            dbapi = self.conn.connection.driver_connection
            assert dbapi is not None
            dbapi.executemany(
                'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, '
                f"created_at, updated_at, version) VALUES (?+{int(base)}, ?, ?, ?, ?, {self._span_constants})",
                zip(numbers, numbers, numbers, numbers, numbers, strict=True),
            )
        history = [
            (self._when, self.who, "import", "document", base + n, base + n, self._null, row[11])
            for n, row in enumerate(documents)
        ]
        sqlite_bulk.insert_rows(self.conn, _table(HistoryEntry), _HISTORY_COLUMNS, history)
        self._next_document += len(documents)
        self.report.documents_added += len(documents)
        self.report.spans_added += len(spans) // 5
        self.report.spans_existing += repeats

    def _seen(self, values: list[str], batch: set[str], column: Any) -> bool:
        """Whether any of ``values`` repeats, in them, in the batch so far or in the database; the
        values join the batch's."""
        fresh = set(values)
        if len(fresh) < len(values) or not fresh.isdisjoint(batch):
            return True
        batch.update(fresh)
        if not self._stored:
            return False
        ordered = sorted(fresh)
        for i in range(0, len(ordered), CHUNK):
            found = self.session.execute(select(column).where(column.in_(ordered[i : i + CHUNK])).limit(1)).first()
            if found is not None:
                return True
        return False


def _literal(value: Any) -> str:
    """An SQL literal of a value made here (a time stamp, JSON text, a number)."""
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    return "'" + value.replace("'", "''") + "'"
