"""The PostgreSQL server of ``python -m benchmarks --backend postgresql``: a fresh database per use,
made and dropped as tests/conftest.py does. The workloads find the server's URL in ``CURATOR_BENCH_DB``."""

from __future__ import annotations

import os
from typing import Any

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
ENV = "CURATOR_BENCH_DB"  # the server's URL, set by the driver for the workloads' processes


def server_url() -> str | None:
    """The server the workloads run on, or None for SQLite."""
    return os.environ.get(ENV) or None


def name_of(path: Any) -> str:
    """The name of the database standing for the benchmark's file ``path``: its folder (the size) and its
    stem, so that a full run never takes the small run's databases for its own."""
    return f"{path.parent.name}_{path.stem}"


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + f"/curator_bench_{name}"


def fresh_database(server: str, name: str) -> str:
    """An empty database ``curator_bench_<name>`` on ``server`` (dropped first if it exists); its URL."""
    drop_database(server, name)
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "curator_bench_{name}"')
    return database_url(server, name)


def exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (f"curator_bench_{name}",)).fetchone()
    return found is not None


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "curator_bench_{name}" WITH (FORCE)')


def b1_import(corpus: Any, work: Any, repeat: int) -> dict[str, Any]:
    """B1 on PostgreSQL: ``curator import`` of the corpus into a new database, against COPY of the same
    rows (documents, spans, the search index's folded texts) into another, back to back in each round."""
    from benchmarks.workloads import CURATOR, _rows, _run

    server = server_url() or DEFAULT_URL
    rows = _rows(corpus)
    ours, floor = [], []
    for _ in range(max(repeat, 5)):
        url = fresh_database(server, "b1")
        ours.append(_run([*CURATOR, "--db", url, "import", str(corpus)]))
        drop_database(server, "b1")
        floor.append(_copy_floor(fresh_database(server, "b1floor"), rows))
        drop_database(server, "b1floor")
    return {"ours": ours, "floor": floor}


def _copy_floor(url: str, rows: Any) -> float:
    import time

    import psycopg

    from curator.store.database import Database

    Database(url).dispose()  # the same tables and indexes as Curator's
    docs, spans, folded = rows
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO annotators (id, name, created_at) VALUES (1, 'pre', now())")
        conn.commit()
        start = time.perf_counter()
        with conn.cursor() as cursor:
            columns = (
                "id, ext_id, title, source, language, direction, text, length, content_sha256, bytes_sha256, "
                "encoding, newline, had_bom, meta, created_at, search_indexed"
            )
            with cursor.copy(f"COPY documents ({columns}) FROM STDIN") as copy:
                for row in docs:
                    copy.write_row((*row[:12], bool(row[12]), *row[13:15], bool(row[15])))
            span_columns = (
                'document_id, annotator_id, label_id, start, "end", attributes, note, created_at, updated_at, version'
            )
            with cursor.copy(f"COPY spans ({span_columns}) FROM STDIN") as copy:
                for span in spans:
                    copy.write_row(span)
            with cursor.copy("COPY search_index (document_id, folded) FROM STDIN") as copy:
                for row in folded:
                    copy.write_row(row)
        conn.commit()
        return time.perf_counter() - start


def b2_export(db: Any, work: Any, repeat: int) -> dict[str, Any]:
    """B2 on PostgreSQL: ``curator export --format jsonl`` against one SELECT of the same rows and
    json.dumps per document, back to back in each round."""
    import json
    import time

    import psycopg

    from benchmarks.workloads import CURATOR, _run, _url

    url = _url(db)
    ours, floor = [], []
    for _ in range(repeat):
        ours.append(_run([*CURATOR, "--db", url, "export", "--format", "jsonl", "--out", str(work / "b2.jsonl")]))
        start = time.perf_counter()
        with psycopg.connect(url) as conn:
            spans: dict[int, list[dict[str, Any]]] = {}
            for doc_id, s, e, label in conn.execute(
                'SELECT document_id, start, "end", label_id FROM spans ORDER BY id'
            ):
                spans.setdefault(doc_id, []).append({"start": s, "end": e, "label": label})
            with (work / "floor.jsonl").open("w", encoding="utf-8") as handle:
                for doc_id, ext_id, text in conn.execute("SELECT id, ext_id, text FROM documents ORDER BY id"):
                    record = {"id": ext_id, "text": text, "annotations": spans.get(doc_id, [])}
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        floor.append(time.perf_counter() - start)
    return {"ours": ours, "floor": floor}
