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
import statistics
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


def _url(path: Path) -> str:
    """The database ``path`` names on the benchmark's backend: the SQLite file, or on PostgreSQL
    (``--backend postgresql``) the database named after the file (see :mod:`benchmarks.postgres`)."""
    from benchmarks.postgres import database_url, name_of, server_url

    server = server_url()
    return database_url(server, name_of(path)) if server else f"sqlite:///{path}"


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def b1_import(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    """`curator import` of the corpus into a new SQLite database, against executemany of the same rows.

    Each round times ours, then the floor, back to back, so that a slow spell of the machine falls on
    both; five rounds at least (the ratio of two medians of three moved by a quarter between runs)."""
    ours, floor, fixed = [], [], []
    db = work / "b1.sqlite"
    # What any import into a new database costs, whatever its size (the process, its imports, the
    # new database): the same command on the corpus's first document alone. Reported, not subtracted.
    single = work / "b1-one-document.jsonl"
    with corpus.open(encoding="utf-8") as handle:
        single.write_text(handle.readline(), encoding="utf-8")
    rows = _rows(corpus)
    for _ in range(max(repeat, 5)):
        _fresh(db)
        ours.append(_run([*CURATOR, "--db", f"sqlite:///{db}", "import", str(corpus)]))
        floor.append(_floor_insert(work / "floor.sqlite", rows))
        _fresh(db)
        fixed.append(_run([*CURATOR, "--db", f"sqlite:///{db}", "import", str(single)]))
    return {"ours": ours, "floor": floor, "extra": {"one_document_import_s": statistics.median(fixed)}}


Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[int, str]]]


def _rows(corpus: Path) -> Rows:
    """The documents', spans' and search index's rows of ``corpus`` (texts folded here, beforehand)."""
    from curator.text.folding import fold_text

    now = datetime.now(UTC).isoformat(" ")
    docs, spans, folded = [], [], []
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
                    1,
                )
            )
            folded.append((i, fold_text(text)))
            spans.extend((i, 1, 1, a["start"], a["end"], "{}", "", now, now, 1) for a in record["annotations"])
    return docs, spans, folded


def _floor_insert(path: Path, rows: Rows) -> float:
    """Plain sqlite3: the same rows into the same schema, one transaction, WAL and synchronous=FULL;
    the search index's rows too (the import indexes its documents), their texts folded beforehand."""
    from curator.store.database import Database

    _fresh(path)
    Database(f"sqlite:///{path}").dispose()  # the same tables and indexes as Curator's
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("INSERT INTO annotators (id, name, created_at) VALUES (1, 'pre', '2026-01-01')")
    docs, spans, folded = rows
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
    conn.executemany("INSERT INTO search_fts(rowid, folded) VALUES (?, ?)", folded)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def b2_export(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """`curator export --format jsonl` against one SELECT of the same rows and json.dumps per document,
    back to back in each round (as B1)."""
    ours, floor = [], []
    for _ in range(repeat):
        ours.append(_run([*CURATOR, "--db", _url(db), "export", "--format", "jsonl", "--out", str(work / "b2.jsonl")]))
        floor.append(_floor_export(db, work / "floor.jsonl"))
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

    database = Database(_url(db))
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
    """Every agreement figure (all layers) over the reviewed corpus: N documents x 3 annotators, with
    αU (overall, per label, per pair, position only) and every figure per document."""
    from curator.review.agreement import compute_agreement
    from curator.store.database import Database

    database = Database(_url(db))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = compute_agreement(database)
        times.append(time.perf_counter() - start)
    per_document = sum(len(layer.documents) for layer in report.span_layers)
    return {
        "ours": times,
        "floor": None,
        "extra": {"documents": report.documents, "annotators": report.annotators, "per_document_rows": per_document},
    }


def b12_bulk_majority(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Accept into the gold layer what 2 of the 3 annotators made identically, over the whole reviewed
    corpus: the preview and the one transaction that writes it (spans, relations, document labels,
    history, decisions, review states), each round on a fresh copy of the database. The floor inserts
    as many span rows and history rows with sqlite3's executemany in one transaction on another copy."""
    import shutil

    from curator.review.curation import CurationService
    from curator.store.database import Database

    ours, floor, extra = [], [], {}
    for n in range(repeat):
        copy = work / f"b10-{n}.sqlite"
        _fresh(copy)
        shutil.copyfile(db, copy)
        database = Database(f"sqlite:///{copy}")
        curation = CurationService(database, "bench")
        start = time.perf_counter()
        plan = curation.preview_majority(["ann1", "ann2", "ann3"], 2)
        previewed = time.perf_counter()
        added, changes = curation.accept_bulk(plan)
        ours.append(time.perf_counter() - start)
        extra = {
            "added": added.summary(),
            "documents": len(changes),
            "preview_s": previewed - start,
            "write_s": ours[-1] - (previewed - start),
        }
        database.dispose()
        spans = added.counts()[0]
        _fresh(copy)
        shutil.copyfile(db, copy)
        floor.append(_floor_gold_rows(copy, spans))
        _fresh(copy)
    return {"ours": ours, "floor": floor, "extra": extra}


def _floor_gold_rows(db: Path, count: int) -> float:
    now = datetime.now(UTC).isoformat(" ")
    conn = sqlite3.connect(db)
    try:
        gold = conn.execute("INSERT INTO annotators (name, created_at) VALUES ('floor-gold', ?)", (now,)).lastrowid
        label = conn.execute("SELECT id FROM labels LIMIT 1").fetchone()[0]
        docs = [d for (d,) in conn.execute("SELECT id FROM documents ORDER BY id")]
        conn.commit()
        span_rows = [
            (docs[i % len(docs)], gold, label, i // len(docs), i // len(docs) + 1, "{}", "", now, now, 1)
            for i in range(count)
        ]
        history_rows = [
            (now, "bench", "accept_majority", "gold_span", i, docs[i % len(docs)], None, "{}") for i in range(count)
        ]
        start = time.perf_counter()
        conn.executemany(
            'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, created_at,'
            " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            span_rows,
        )
        conn.executemany(
            "INSERT INTO history (at, annotator, action, kind, object_id, document_id, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            history_rows,
        )
        conn.commit()
        return time.perf_counter() - start
    finally:
        conn.close()


def b8_export(db: Path, work: Path, repeat: int, fmt: str) -> dict[str, Any]:
    """`curator export --format FMT` of the reviewed corpus (every annotator)."""
    times = [
        _run([*CURATOR, "--db", _url(db), "export", "--format", fmt, "--out", str(work / f"b8-{fmt}")])
        for _ in range(repeat)
    ]
    return {"ours": times, "floor": None}


# -- the window (B3, B4, B5): QT_QPA_PLATFORM=offscreen, set below for every workload ---------------

LONG_BYTES = 1_000_000  # B3/B4: a 1 MB (UTF-8) Arabic document
LONG_SPANS = 10_000
B4_EDITS = 60


def _long_text() -> str:
    from benchmarks.corpus import seed_paragraphs

    arabic = [p for p in seed_paragraphs() if sum("\u0600" <= ch <= "\u06ff" for ch in p) > len(p) / 2]
    parts: list[str] = []
    size = 0
    while size < LONG_BYTES:
        paragraph = arabic[len(parts) % len(arabic)]
        parts.append(paragraph)
        size += len(paragraph.encode()) + 1
    return "\n".join(parts)


def _long_database(path: Path) -> tuple[int, list[tuple[int, int]]]:
    """The long document with LONG_SPANS spans on Arabic words (built once); its id and the words
    left free for B4 to label."""
    import re

    from curator.records import DocumentIn, SpanIn
    from curator.store.bulk import write_batch
    from curator.store.database import Database
    from curator.store.queries import document_ids_by_ext

    text = _long_text()
    words = [(m.start(), m.end()) for m in re.finditer(r"[\u0621-\u064a]{4,}", text)]
    step = len(words) / (LONG_SPANS + B4_EDITS)
    chosen = [words[int(i * step)] for i in range(LONG_SPANS + B4_EDITS)]
    # Every (LONG_SPANS / B4_EDITS)-th chosen word is left free for B4, spread through the text.
    stride = len(chosen) // B4_EDITS
    free = chosen[stride // 2 :: stride][:B4_EDITS]
    taken = sorted(set(chosen) - set(free))[:LONG_SPANS]
    from benchmarks import postgres

    server, url = postgres.server_url(), _url(path)
    stored = postgres.exists(server, postgres.name_of(path)) if server else path.exists()
    # A run stopped half-way may have left spans behind: start again from the intended state.
    if not stored or _span_count(url) != LONG_SPANS:
        if server:
            postgres.fresh_database(server, postgres.name_of(path))
        else:
            _fresh(path)
        labels = ("LOC", "PER", "ORG", "MISC")
        spans = [SpanIn("entity", labels[i % 4], s, e, "bench") for i, (s, e) in enumerate(taken)]
        db = Database(url)
        long_document = DocumentIn(source="long.txt", line=1, text=text, ext_id="long", title="طويل", spans=spans)
        write_batch(db, [long_document], "b")
        write_batch(db, [DocumentIn(source="short.txt", line=1, text="نص قصير.", ext_id="short", title="قصير")], "b")
        db.dispose()
    db = Database(url)
    (doc_id,) = document_ids_by_ext(db, ["long"])
    db.dispose()
    return doc_id, free


def _span_count(url: str) -> int:
    from sqlalchemy import func, select

    from curator.store.database import Database
    from curator.store.models import Span

    db = Database(url)
    with db.read() as session:
        count = int(session.scalar(select(func.count(Span.id))) or 0)
    db.dispose()
    return count


def _window(db_path: Path, work: Path) -> Any:
    """The main window on ``db_path``, shown, settings kept in the work folder."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from curator.gui.main_window import MainWindow
    from curator.gui.settings import Preferences
    from curator.store.database import Database

    app = QApplication.instance() or QApplication([])
    prefs = Preferences(QSettings(str(work / "bench-window.ini"), QSettings.Format.IniFormat))
    database = Database(_url(db_path))
    prefs.set_last_document(database.url, None)  # the window opens on no document
    window = MainWindow(database, "bench", prefs)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    app.processEvents()
    window.live.stop()  # no poll in the middle of a measurement
    window.backups.stop()  # nor a backup
    return window


def _settle(until: Any, limit: float = 10.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + limit
    while not until() and time.perf_counter() < end:
        QApplication.processEvents()


def b3_open(db_path: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Open the 1 MB document with its 10,000 spans until the view is painted, against the same text
    set into a bare QTextEdit of the same size and painted."""
    from PySide6.QtWidgets import QApplication, QTextEdit

    doc_id, _free = _long_database(db_path)
    window = _window(db_path, work)
    doc, view = window.workspace.doc, window.text_view
    _settle(lambda: doc.id is not None)
    ours, complete, suggested = [], [], []
    for _ in range(max(5, repeat * 2) + 1):
        doc.close()
        QApplication.processEvents()
        start = time.perf_counter()
        window.open_document(doc_id)
        view.viewport().repaint()
        ours.append(time.perf_counter() - start)
        _settle(lambda: doc.complete)
        complete.append(time.perf_counter() - start)
        _settle(lambda: window.suggestions._pending is None)  # (made after the first paint)
        suggested.append(time.perf_counter() - start)
    spans, text = len(doc.spans), doc.text
    suggestions = len(window.suggestions.suggestions)
    size = view.viewport().size()
    window.close()
    edit = QTextEdit()
    edit.resize(view.size())
    edit.show()
    QApplication.processEvents()
    floor = []
    for _ in range(max(5, repeat * 2) + 1):
        edit.clear()
        QApplication.processEvents()
        start = time.perf_counter()
        edit.setPlainText(text)
        edit.viewport().repaint()
        floor.append(time.perf_counter() - start)
    # The first open of each is a warm-up (font caches, first queries), not counted.
    return {
        "ours": ours[1:],
        "floor": floor[1:],
        "extra": {
            "characters": len(text),
            "utf8_bytes": len(text.encode()),
            "spans": spans,
            "all_spans_read_s": sorted(complete[1:])[len(complete[1:]) // 2],
            "suggestions": suggestions,
            "suggestions_shown_s": sorted(suggested[1:])[len(suggested[1:]) // 2],
            "viewport": f"{size.width()}x{size.height()}",
        },
    }


def b4_add_span(db_path: Path, work: Path, repeat: int) -> dict[str, Any]:
    """On the open long document: a word selected, the label's shortcut pressed, until the span is
    saved (committed) and the view repainted; one figure per span."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from curator.store.queries import spans as stored_spans

    doc_id, free = _long_database(db_path)
    window = _window(db_path, work)
    doc, view = window.workspace.doc, window.text_view
    window.open_document(doc_id)
    _settle(lambda: doc.complete)
    # Qt lays a long text out in the background in slices of tens of milliseconds (part of opening it,
    # B3): B4 measures edits once that is over, and says how long it took.
    laid_out = time.perf_counter()
    _settle(lambda: view.document().lastBlock().layout().lineCount() > 0, limit=60.0)
    laid_out = time.perf_counter() - laid_out
    before = len(doc.spans)
    times, painting, storing = [], [], []
    editor = window.workspace.editor
    add_span = editor.add_span

    def timed_add_span(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return add_span(*args, **kwargs)
        finally:
            storing.append(time.perf_counter() - t)

    editor.add_span = timed_add_span  # the store's share of each figure, reported beside it
    paints = _PaintCounter()
    view.viewport().installEventFilter(paints)
    full_repaint = []
    for start, end in free:
        view.select_offsets(start, end)
        QApplication.processEvents()
        paints.count = 0
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_L)
        t1 = time.perf_counter()
        # Until repainted: the event loop paints what the window asked to repaint (the paragraph).
        QApplication.processEvents()
        t2 = time.perf_counter()
        if paints.count == 0:
            raise SystemExit("B4: the view was not repainted after the span was added")
        times.append(t2 - t0)
        painting.append(t2 - t1)
        t3 = time.perf_counter()
        view.viewport().repaint()  # for comparison only: a repaint of the whole view
        full_repaint.append(time.perf_counter() - t3)
    editor.add_span = add_span
    added = len(doc.spans) - before
    db = window.workspace.db
    in_store = len(stored_spans(db, doc_id, ["bench"])) - before
    # Leave the database as it was for the next run: undo every addition (not measured).
    for _ in range(added):
        window.workspace.undo_stack.undo()
    window.close()
    if added != len(free) or in_store != len(free):
        raise SystemExit(f"B4: {added} spans shown, {in_store} stored, {len(free)} expected")
    return {
        "ours": times,
        "floor": None,
        "extra": {
            "spans_before": before,
            "background_layout_s": laid_out,
            "added": added,
            "store_median_s": statistics.median(storing),
            "repaint_median_s": statistics.median(painting),
            "full_view_repaint_median_s": statistics.median(full_repaint),
        },
    }


class _PaintCounter:
    """An event filter counting paint events (made a QObject when first used: Qt is imported late)."""

    def __new__(cls) -> Any:
        from PySide6.QtCore import QEvent, QObject

        class Counter(QObject):
            count = 0

            def eventFilter(self, watched: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        return Counter()


def _first_paint(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Start ``args``; seconds until it reported its first paint, and its peak memory in MB."""
    started = time.time()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"B5: {args[:4]} failed (status {status})")
    line = next(line for line in output.splitlines() if line.startswith("{"))
    return json.loads(line)["shown_at"] - started, usage.ru_maxrss / 1024


FLOOR_WINDOW = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)


class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(json.dumps({"shown_at": time.time()}), flush=True)
            QTimer.singleShot(0, app.quit)
        return False


painted = FirstPaint()
window = QMainWindow()
window.installEventFilter(painted)  # as the app does: on its window, not on every object
window.resize(1400, 900)
window.show()
app.exec()
"""


def b5_start(db_path: Path, work: Path, repeat: int) -> dict[str, Any]:
    """`python -m curator gui` on the large database until its window is first painted, against
    Python importing PySide6 and painting an empty window; peak memory of the app's process."""
    from curator.gui.app import EXIT_WHEN_SHOWN

    home = work / "b5-home"
    env = {
        **os.environ,
        EXIT_WHEN_SHOWN: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "CURATOR_HOME": str(home),
        "XDG_CONFIG_HOME": str(work / "b5-config"),  # the window's settings, not the user's
    }
    app = [*CURATOR, "--db", _url(db_path), "gui", "--annotator", "bench"]
    _first_paint(app, env)  # warm-up: the operating system's file cache, Python's bytecode cache
    ours, peaks = [], []
    for _ in range(max(3, repeat)):
        seconds, peak = _first_paint(app, env)
        ours.append(seconds)
        peaks.append(peak)
    _first_paint([sys.executable, "-c", FLOOR_WINDOW], env)
    floor, floor_peaks = [], []
    for _ in range(max(3, repeat)):
        seconds, peak = _first_paint([sys.executable, "-c", FLOOR_WINDOW], env)
        floor.append(seconds)
        floor_peaks.append(peak)
    from curator.store.database import Database

    database = Database(_url(db_path), read_only=True)
    with database.read() as session:
        from sqlalchemy import func, select

        from curator.store.models import Document, Span

        documents = session.scalar(select(func.count(Document.id)))
        annotations = session.scalar(select(func.count(Span.id)))
    database.dispose()
    return {
        "ours": ours,
        "floor": floor,
        "extra": {
            "peak_mb": max(peaks),
            "floor_peak_mb": max(floor_peaks),
            "documents": documents,
            "annotations": annotations,
        },
    }


# B9: how long a command takes to start, against Python starting and importing sqlite3 (issue 23).
START_FLOOR = [sys.executable, "-c", "import sqlite3"]


def b9_start(db: Path, work: Path, repeat: int, command: str) -> dict[str, Any]:
    """``curator --help``, ``curator stats`` or the export of one document (``export``), each round
    back to back with :data:`START_FLOOR`; seven rounds at least (a start is a tenth of a second, and
    one slow spell of the machine moves a median of five)."""
    if command == "export":
        args = ["--db", f"sqlite:///{db}", "export", "--documents", _first_document(db), "--out"]
        args.append(str(work / "b9-one-document.jsonl"))
    else:
        args = {"help": ["--help"], "stats": ["--db", _url(db), "stats"]}[command]
    ours, floor = [], []
    _run([*CURATOR, *args])  # the first run reads every module from disk; the rounds find them cached
    for _ in range(max(repeat, 7)):
        ours.append(_run([*CURATOR, *args]))
        floor.append(_run(START_FLOOR))
    return {"ours": ours, "floor": floor}


def _first_document(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        (ext_id,) = conn.execute("SELECT ext_id FROM documents ORDER BY id LIMIT 1").fetchone()
    finally:
        conn.close()
    return str(ext_id)


def _registry_database(path: Path, entities: int) -> float:
    """A database holding ``entities`` registry entities (built once per size); seconds to import them."""
    from benchmarks.entities import registry_records, write_registry

    if path.exists():
        return 0.0
    source = path.with_suffix(".entities.jsonl")
    write_registry(source, registry_records(entities))
    partial = path.with_suffix(".part")
    _fresh(partial)
    seconds = _run([*CURATOR, "--db", f"sqlite:///{partial}", "entities", "import", str(source)])
    partial.rename(path)
    return seconds


def b11_candidates(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Candidates for a mention among the registry's entities (Khiari's mentions and 300 others), index
    built first; the floor is an indexed SELECT of one entity by its id."""
    from benchmarks.entities import mention_queries, registry_records
    from curator.store.database import Database
    from curator.store.entities import Registry

    entities = int(os.environ.get("CURATOR_BENCH_ENTITIES", "100000"))
    import_seconds = _registry_database(db, entities)
    registry = Registry(Database(f"sqlite:///{db}"), "bench")
    start = time.perf_counter()
    registry.index()
    build_seconds = time.perf_counter() - start
    queries = mention_queries(registry_records(entities), 300)
    times, first_right = [], 0
    for _ in range(repeat):
        for query in queries:
            start = time.perf_counter()
            found = registry.candidates(query)
            times.append(time.perf_counter() - start)
    for query in ("خياري", "M. Khiari"):
        first_right += registry.candidates(query)[0].key == "khiari"
    conn = sqlite3.connect(db)
    floor = []
    for i in range(len(queries)):
        start = time.perf_counter()
        conn.execute("SELECT id, names FROM entities WHERE key = ?", (f"e{i + 10}",)).fetchall()
        floor.append(time.perf_counter() - start)
    conn.close()
    return {
        "ours": times,
        "floor": floor,
        "extra": {
            "entities": entities,
            "queries": len(queries),
            "index_build_s": round(build_seconds, 2),
            "registry_import_s": round(import_seconds, 2),
            "khiari_first_for_both": first_right == 2,
            "median_s": statistics.median(times),
            "last_found": len(found),
        },
    }


def b11_mentions(db: Path, work: Path, repeat: int) -> dict[str, Any]:
    """The mentions of an entity named 10,000 times (1,000 documents x 10); the floor is the indexed
    SELECT of the same links with their offsets (no join, no text)."""
    from benchmarks.entities import KHIARI, write_mention_corpus, write_registry
    from curator.store.database import Database
    from curator.store.mentions import mentions

    if not db.exists():
        corpus = work / "mentions.jsonl"
        write_mention_corpus(corpus, 1000, 10)
        registry = work / "mentions.entities.jsonl"
        write_registry(registry, [KHIARI])
        partial = db.with_suffix(".part")
        _fresh(partial)
        _run([*CURATOR, "--db", f"sqlite:///{partial}", "import", str(corpus), str(registry)])
        partial.rename(db)
    database = Database(f"sqlite:///{db}")
    times, found = [], []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        found = mentions(database, "khiari")
        times.append(time.perf_counter() - start)
    conn = sqlite3.connect(db)
    floor = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        conn.execute(
            'SELECT s.id, s.start, s."end" FROM entity_links l JOIN spans s ON s.id = l.span_id '
            "WHERE l.entity_id = (SELECT id FROM entities WHERE key = 'khiari')"
        ).fetchall()
        floor.append(time.perf_counter() - start)
    conn.close()
    return {"ours": times, "floor": floor, "extra": {"mentions": len(found)}}


def _suggest_workloads() -> dict[str, Any]:
    from benchmarks import suggest_workloads as b10

    return {"B10-match": b10.b10_match, "B10-refresh": b10.b10_refresh, "B10-corpus": b10.b10_corpus}


def _index_workloads() -> dict[str, Any]:
    from benchmarks import index_workloads as b13
    from benchmarks.postgres import server_url

    return {
        "B13-import": lambda corpus, work, repeat: b13.b13_import(corpus, work, repeat, server_url()),
        "B13-index": lambda db, work, repeat: b13.b13_index(db, work, repeat),
    }


def _team_workloads() -> dict[str, Any]:
    from benchmarks import team_workload as b14

    return {"B14-postgresql": b14.b14_postgres, "B14-sqlite": b14.b14_sqlite}


WORKLOADS = {
    "B1": b1_import,
    "B2": b2_export,
    "B6": b6_search,
    "B7": b7_agreement,
    "B12": b12_bulk_majority,
    "B8-conll": lambda db, work, repeat: b8_export(db, work, repeat, "conll"),
    "B8-xmi": lambda db, work, repeat: b8_export(db, work, repeat, "xmi"),
    "B8-spacy": lambda db, work, repeat: b8_export(db, work, repeat, "spacy"),
    "B3": b3_open,
    "B4": b4_add_span,
    "B5": b5_start,
    "B9-help": lambda db, work, repeat: b9_start(db, work, repeat, "help"),
    "B9-stats": lambda db, work, repeat: b9_start(db, work, repeat, "stats"),
    "B9-export": lambda db, work, repeat: b9_start(db, work, repeat, "export"),
    "B11-candidates": b11_candidates,
    "B11-mentions": b11_mentions,
    **_suggest_workloads(),
    **_index_workloads(),
    **_team_workloads(),
}


def _on_postgresql() -> None:
    """``--backend postgresql``: B1 and B2 have floors of their own there (COPY, psycopg's SELECT)."""
    from benchmarks import postgres

    if postgres.server_url():
        WORKLOADS.update({"B1": postgres.b1_import, "B2": postgres.b2_export})


if __name__ == "__main__":
    _on_postgresql()
    workload, source, work, repeat = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(WORKLOADS[workload](source, work, repeat)))
