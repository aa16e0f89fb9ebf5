"""Engines with the transaction behaviour Curator relies on.

SQLite: foreign keys on every connection, WAL journal with ``synchronous=FULL`` (a committed edit
survives a crash and a power loss), a busy timeout, and pysqlite's own transaction handling turned
off so SQLAlchemy emits ``BEGIN`` itself: ``BEGIN IMMEDIATE`` for writers, so two processes queue for
the write lock instead of failing with "database is locked" (SQLAlchemy's SQLite dialect documentation,
"Serializable isolation / Savepoints / Transactional DDL").
"""

from __future__ import annotations

import contextlib
import importlib.util
import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

from curator.optional_libs import MissingModule

BUSY_TIMEOUT_MS = 30_000
WRITE = {"curator_begin": "IMMEDIATE"}
# The import's batch writer: foreign keys are not checked row by row during the transaction. It
# makes every id it writes inside that same transaction (tests/core/test_import.py checks the result with
# PRAGMA foreign_key_check); checking 200,000 spans against three tables is a fifth of an import.
BULK_WRITE = {**WRITE, "curator_foreign_keys": False}


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_store_engine(url: str, *, echo: bool = False, read_only: bool = False) -> Engine:
    """An engine for ``url``; for PostgreSQL the ``psycopg`` driver is chosen when none is named.

    ``read_only`` opens an SQLite file with ``mode=ro`` and PostgreSQL sessions as read-only
    transactions, so not even a bug could write to it.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        if parsed.drivername == "postgresql+psycopg" and importlib.util.find_spec("psycopg") is None:
            raise MissingModule("a PostgreSQL database", "psycopg")
        options = {"options": "-c default_transaction_read_only=on"} if read_only else {}
        return create_engine(parsed, echo=echo, pool_pre_ping=True, connect_args=options)
    if parsed.database in (None, "", ":memory:"):
        raise ValueError("Curator needs an SQLite file, not an in-memory database")
    # A small pool of kept-open connections: an idle SQLite connection outside a transaction holds no
    # lock, and closing the last connection to a WAL database makes SQLite checkpoint (11 ms an edit here).
    if read_only:
        parsed = parsed.set(database=f"file:{parsed.database}?mode=ro", query={"uri": "true"})
    engine = create_engine(
        parsed,
        echo=echo,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, decides when BEGIN happens
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        # a file opened read-only keeps the journal mode it has
        with contextlib.suppress(sqlite3.OperationalError):
            cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    # Set at every transaction (SQLite ignores it inside one), so a pooled connection used by a bulk
    # writer checks foreign keys again in the next transaction.
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if options.get('curator_foreign_keys', True) else 'OFF'}")
    connection.exec_driver_sql(f"BEGIN {options.get('curator_begin', 'DEFERRED')}")
