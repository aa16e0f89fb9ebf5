"""Each workload runs in its own process (``python -m benchmarks.workloads ID ARGS``) and prints one
JSON object: ``{"ours": [seconds...], "floor": [seconds...] | null, "extra": {...}}``.

Running them apart keeps one workload's memory and caches out of the next one's figures, and lets the
driver read each process's peak memory from the operating system.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

CURATOR = [sys.executable, "-m", "curator"]


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def b1_import(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    """`curator import` of the corpus into a new SQLite database, against executemany of the same rows."""
    ours, floor = [], []
    db = work / "b1.sqlite"
    for _ in range(repeat):
        _fresh(db)
        ours.append(_run([*CURATOR, "--db", f"sqlite:///{db}", "import", str(corpus)]))
    rows = _rows(corpus)
    for _ in range(repeat):
        floor.append(_floor_insert(work / "floor.sqlite", rows))
    return {"ours": ours, "floor": floor}


def _rows(corpus: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    now = datetime.now(UTC).isoformat(" ")
    docs, spans = [], []
    with corpus.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle, start=1):
            record = json.loads(line)
            text = record["text"]
            docs.append(
                (
                    i,
                    record["id"],
                    record["id"],
                    corpus.name,
                    "ar",
                    "rtl",
                    text,
                    len(text),
                    hashlib.sha256(text.encode()).hexdigest(),
                    None,
                    None,
                    "lf",
                    0,
                    "{}",
                    now,
                    0,
                )
            )
            spans.extend((i, 1, 1, a["start"], a["end"], "{}", "", now, now, 1) for a in record["annotations"])
    return docs, spans


def _floor_insert(path: Path, rows: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]) -> float:
    """Plain sqlite3: the same rows into the same schema, one transaction, WAL and synchronous=FULL."""
    from curator.store.database import Database

    _fresh(path)
    Database(f"sqlite:///{path}").dispose()  # the same tables and indexes as Curator's
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("INSERT INTO annotators (id, name, created_at) VALUES (1, 'pre', '2026-01-01')")
    docs, spans = rows
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO documents (id, ext_id, title, source, language, direction, text, length, content_sha256, "
        "bytes_sha256, encoding, newline, had_bom, meta, created_at, search_indexed) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        docs,
    )
    conn.executemany(
        'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, created_at, '
        "updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?)",
        spans,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def b2_export(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """`curator export --format jsonl` against one SELECT of the same rows and json.dumps per document."""
    ours = [
        _run([*CURATOR, "--db", f"sqlite:///{db}", "export", "--format", "jsonl", "--out", str(work / "b2.jsonl")])
        for _ in range(repeat)
    ]
    floor = [_floor_export(db, work / "floor.jsonl") for _ in range(repeat)]
    return {"ours": ours, "floor": floor}


def _floor_export(db: Path, out: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    spans: dict[int, list[dict[str, Any]]] = {}
    for doc_id, s, e, label in conn.execute('SELECT document_id, start, "end", label_id FROM spans ORDER BY id'):
        spans.setdefault(doc_id, []).append({"start": s, "end": e, "label": label})
    with out.open("w", encoding="utf-8") as handle:
        for doc_id, ext_id, text in conn.execute("SELECT id, ext_id, text FROM documents ORDER BY id"):
            handle.write(
                json.dumps({"id": ext_id, "text": text, "annotations": spans.get(doc_id, [])}, ensure_ascii=False)
                + "\n"
            )
    conn.close()
    return time.perf_counter() - start


QUERIES = [
    "الامم المتحده",
    "منظمه التعاون الاسلامي",
    "خالد خياري",
    "السودان",
    "غزه",
    "كازاخستان",
    "الامن الغذائي",
    "مجلس الامن",
    "Khiari",
    "Nations unies",
    "securite",
    "الاسلاموفوبيا",
    "افغانستان",
    "التنميه المستدامه",
    "اللاجئين",
    "الصومال",
    "جنيف",
    "ميانمار",
    "التعاون",
    "2030",
]


def b6_search(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Corpus search (Arabic-insensitive) over the large database: one figure per query, index built first."""
    from curator.store.database import Database
    from curator.store.search import ensure_index, search_corpus

    database = Database(f"sqlite:///{db}")
    start = time.perf_counter()
    indexed = ensure_index(database)
    index_seconds = time.perf_counter() - start
    times, hits = [], 0
    for _ in range(repeat):
        for query in QUERIES:
            start = time.perf_counter()
            found = search_corpus(database, query, index=False)
            times.append(time.perf_counter() - start)
            hits += len(found)
    return {
        "ours": times,
        "floor": None,
        "extra": {"indexed_documents": indexed, "index_seconds": index_seconds, "hits": hits // max(repeat, 1)},
    }


def b7_agreement(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Every agreement figure (all layers) over the reviewed corpus: N documents x 3 annotators."""
    from curator.review.agreement import compute_agreement
    from curator.store.database import Database

    database = Database(f"sqlite:///{db}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = compute_agreement(database)
        times.append(time.perf_counter() - start)
    return {"ours": times, "floor": None, "extra": {"documents": report.documents, "annotators": report.annotators}}


def b8_export(db: Path, work: Path, repeat: int, fmt: str) -> dict[str, Any]:
    """`curator export --format FMT` of the reviewed corpus (every annotator)."""
    times = [
        _run([*CURATOR, "--db", f"sqlite:///{db}", "export", "--format", fmt, "--out", str(work / f"b8-{fmt}")])
        for _ in range(repeat)
    ]
    return {"ours": times, "floor": None}


WORKLOADS = {
    "B1": b1_import,
    "B2": b2_export,
    "B6": b6_search,
    "B7": b7_agreement,
    "B8-conll": lambda db, work, repeat: b8_export(db, work, repeat, "conll"),
    "B8-xmi": lambda db, work, repeat: b8_export(db, work, repeat, "xmi"),
    "B8-spacy": lambda db, work, repeat: b8_export(db, work, repeat, "spacy"),
}


if __name__ == "__main__":
    workload, source, work, repeat = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(WORKLOADS[workload](source, work, repeat)))
