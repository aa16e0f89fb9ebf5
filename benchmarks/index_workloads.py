"""B13: the search index made by the import itself (issue 23, point 1).

B13-import: ``curator import`` of the B1 corpus into a new database, which indexes its documents in its
transaction, against the same command with ``--index-later`` (no index), back to back in each round.
B13-index: a fresh index of every document of the large database (what an older Curator stored, or an
``--index-later`` import: :func:`curator.store.search.ensure_index`), against a floor that inserts the
same folded texts, folded beforehand, into the same table in one transaction.

Both run on SQLite or on PostgreSQL (``--backend postgresql``: see :mod:`benchmarks.postgres`).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.workloads import CURATOR, _fresh, _run


def b13_import(corpus: Path, work: Path, repeat: int, url: str | None = None) -> dict[str, Any]:
    """The import with its index (ours) against the import without (``--index-later``, the floor)."""
    from benchmarks import postgres

    ours, floor = [], []
    db = work / "b13.sqlite"
    for _ in range(max(repeat, 5)):
        for args, into in (([], ours), (["--index-later"], floor)):
            if url is None:
                _fresh(db)
                target = f"sqlite:///{db}"
            else:
                target = postgres.fresh_database(url, "b13")
            into.append(_run([*CURATOR, "--db", target, "import", *args, str(corpus)]))
            if url is not None:
                postgres.drop_database(url, "b13")
    return {"ours": ours, "floor": floor, "extra": {"index_cost_s": statistics.median(ours) - statistics.median(floor)}}


def _clear(database: Any) -> int:
    """Empty the search index and mark every document unindexed; the number of documents."""
    from sqlalchemy import text

    with database.write() as session:
        session.execute(text("DELETE FROM search_fts" if database.is_sqlite else "TRUNCATE search_index"))
        session.execute(text("UPDATE documents SET search_indexed = FALSE"))
        return int(session.execute(text("SELECT count(*) FROM documents")).scalar() or 0)


def b13_index(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """``ensure_index`` of every document against the floor, each round: the floor, then ours (which
    leaves the database indexed, as it was). One round at 100,000 documents (a round is minutes)."""
    from sqlalchemy import select, text

    from benchmarks.workloads import _url
    from curator.store.database import Database
    from curator.store.models import Document
    from curator.store.search import ensure_index
    from curator.text.folding import fold_text

    database = Database(_url(db))  # on PostgreSQL, the database named after ``db`` (not the server's own)
    with database.read() as session:
        folded = [(doc_id, fold_text(body)) for doc_id, body in session.execute(select(Document.id, Document.text))]
    rounds = 1 if len(folded) > 20_000 else max(repeat, 3)
    ours, floor = [], []
    documents = 0
    for _ in range(rounds):
        _clear(database)
        raw = database.engine.raw_connection()
        try:
            cursor = raw.cursor()
            start = time.perf_counter()
            if database.is_sqlite:
                cursor.execute("BEGIN IMMEDIATE")
                cursor.executemany("INSERT INTO search_fts(rowid, folded) VALUES (?, ?)", folded)
            else:
                cursor.executemany("INSERT INTO search_index(document_id, folded) VALUES (%s, %s)", folded)
            raw.commit()
            floor.append(time.perf_counter() - start)
        finally:
            raw.close()
        documents = _clear(database)
        start = time.perf_counter()
        indexed = ensure_index(database)
        ours.append(time.perf_counter() - start)
        if indexed != documents:
            raise SystemExit(f"B13-index: {indexed} documents indexed, {documents} stored")
    with database.read() as session:
        table = "search_fts" if database.is_sqlite else "search_index"
        rows = int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
    database.dispose()
    return {"ours": ours, "floor": floor, "extra": {"documents": documents, "index_rows": rows, "rounds": rounds}}
