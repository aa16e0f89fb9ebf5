"""Bulk loading on SQLite: rows straight through the driver, and a new table's indexes built once.

Used by the import's batch writer (:mod:`curator.store.bulk`), always inside its one write
transaction, so a failure rolls all of it back, the dropped indexes included (SQLite's DDL is
transactional).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection


def bind_processor(conn: Connection, table: Table, column: str) -> Callable[[Any], Any]:
    """What SQLAlchemy does to a value of ``column`` before it reaches the driver (JSON to text,
    datetime to SQLite's string form): rows sent straight to the driver are stored exactly as the
    ORM would store them."""
    found = table.c[column].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return found if found is not None else (lambda value: value)


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """``executemany`` of ``rows`` (values already processed, in ``columns`` order) into ``table``.

    SQLAlchemy's per-value processing costs more than SQLite's own insert at 200,000 rows."""
    if rows:
        names = ", ".join(f'"{name}"' for name in columns)
        marks = ", ".join("?" * len(columns))
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


@contextmanager
def indexes_built_after(conn: Connection, table: Table) -> Iterator[None]:
    """Inside the caller's transaction: when ``table`` is empty, drop its secondary indexes, and
    create them again on leaving (once, over sorted data, instead of row by row). A table holding
    rows keeps its indexes: rebuilding them could cost more than the batch."""
    if conn.exec_driver_sql(f'SELECT 1 FROM "{table.name}" LIMIT 1').first() is not None:
        yield
        return
    indexes = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"),
        {"t": table.name},
    ).all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)


@contextmanager
def large_cache(conn: Connection, mebibytes: int = 64) -> Iterator[None]:
    """A page cache of ``mebibytes`` for one bulk write (index pages stay in memory), then the
    connection's own size again: the pool keeps the connection for small edits."""
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{mebibytes * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")
