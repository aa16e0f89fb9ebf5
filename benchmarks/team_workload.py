"""B14: a team editing one corpus at once, each client's window following the others (issue 23, point 2).

Every client is a process (multiprocessing, spawned): an annotator (:class:`curator.store.editing.Editor`)
or the curator (gold spans, :class:`curator.review.curation.CurationService`), making a fixed number of
edits at a brisk annotator's pace (a pause of 50-150 ms between two), 70 % of them relabels of a span
of its own and 30 % new spans. Annotator clients come in pairs sharing a name (the same annotator in
two windows), so that the same spans are edited from two places at once: a stale edit is refused
(:class:`curator.errors.StaleEdit`), counted, and applied again on the version the store now holds,
as the window's conflict dialog does with "apply mine".

Each client also follows the others as its window would, without Qt: a thread that waits on the
LISTEN connection (:class:`curator.store.changes.ChangeListener`) on PostgreSQL, or polls the newest
history id every 1.5 s (the window's ``POLL_MS``) on SQLite, then reads :func:`changes_since`. The time
from a client's commit (when its edit returned) to another client's reading the change is measured
from the history ids each follower saw, joined afterwards with each edit's ``(span, version)``.

Lost updates: for every span, the versions the clients were told they wrote must be exactly 2..N
(no version acknowledged twice), and the stored label the one acknowledged with version N.

The floor is the same client alone (the same edits, nobody else connected).
"""

from __future__ import annotations

import json
import multiprocessing
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

DOCUMENTS = 10
SPANS_PER_NAME = 12  # the spans each annotator name starts with (a pair of clients shares them)
PACE = (0.05, 0.15)  # seconds between two edits of one client
POLL_S = 1.5  # SQLite: the window's POLL_MS
LABELS = ("PER", "ORG", "LOC", "MISC")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def _setup(url: str, names: list[str]) -> None:
    """The corpus: DOCUMENTS seed documents, each annotator name's spans spread over them."""
    from benchmarks.corpus import make_text, seed_paragraphs
    from curator.records import DocumentIn, SpanIn
    from curator.store.bulk import write_batch
    from curator.store.database import Database

    rng = random.Random(23)
    paragraphs = seed_paragraphs()
    docs = []
    for i in range(DOCUMENTS):
        text = make_text(paragraphs, i, rng)
        docs.append(DocumentIn(source="team.jsonl", line=i + 1, text=text, ext_id=f"team-{i}", title=f"team {i}"))
    for n, name in enumerate(names):
        for k in range(SPANS_PER_NAME):  # span k of name n: on document (k + n), a word of its own
            doc = docs[(k + n) % DOCUMENTS]
            words = _words(doc.text)
            start, end = words[(k * 7 + n * 13) % len(words)]
            doc.spans.append(SpanIn("entity", LABELS[k % 4], start, end, name))
    db = Database(url)
    write_batch(db, docs, "bench")
    db.dispose()


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[\u0621-\u064aA-Za-z][\u0621-\u065f\u0670A-Za-z]{3,}", text)]


class _Follower(threading.Thread):
    """What a window does to follow colleagues, without Qt: the time each history id was read."""

    def __init__(self, db: Any, stop: Any) -> None:
        super().__init__(daemon=True)
        self.db, self.stop = db, stop
        self.seen: dict[int, float] = {}
        self.errors: list[str] = []

    def run(self) -> None:
        import select

        from curator.store.changes import ChangeCursor, ChangeListener, changes_since, latest_change

        cursor = ChangeCursor(latest_change(self.db))
        listener = None if self.db.is_sqlite else ChangeListener(self.db)
        try:
            while not self.stop.is_set():
                if listener is not None:
                    select.select([listener], [], [], 0.5)
                    listener.drain()
                else:
                    self.stop.wait(POLL_S)
                    if cursor.gaps == [] and latest_change(self.db) <= cursor.seen:
                        continue
                try:
                    while changes := changes_since(self.db, cursor):
                        now = time.time()
                        for change in changes:
                            self.seen[change.id] = now
                except Exception as exc:  # counted: a follower must never fail
                    self.errors.append(f"follower: {exc!r}"[:300])
        finally:
            if listener is not None:
                listener.close()


def _client(url: str, name: str, seed: int, edits: int, go: Any, stop: Any, out: Any) -> None:
    """One client's process: its edits, then what its follower saw (sent through ``out``)."""
    from sqlalchemy import select

    from curator.errors import StaleEdit
    from curator.store.database import Database
    from curator.store.models import Annotator, Document, Span

    db = Database(url)
    rng = random.Random(seed)
    curator = name == "curator"
    if curator:
        from curator.review.curation import CurationService

        service: Any = CurationService(db, "curator")
    else:
        from curator.store.editing import Editor

        service = Editor(db, name)
    with db.read() as session:
        rows = session.execute(
            select(Span.id, Span.document_id, Span.start, Span.end, Span.version, Span.label_id)
            .join(Annotator, Annotator.id == Span.annotator_id)
            .where(Annotator.name == name)
        ).all()
        words = {doc_id: _words(body) for doc_id, body in session.execute(select(Document.id, Document.text))}
    mine: dict[int, int] = {row.id: row.version for row in rows}  # span id -> the version this client saw
    follower = _Follower(db, stop)
    follower.start()
    commits: list[float] = []
    acked: list[tuple[int, int, str, float]] = []  # (span id, version, label, wall time after commit)
    stale = errors = locked = 0
    messages: list[str] = []
    out.put(("ready", name))
    go.wait()
    for _ in range(edits):
        time.sleep(rng.uniform(*PACE))
        label = rng.choice(LABELS)
        relabel = bool(mine) and rng.random() < 0.7
        span_id = rng.choice(sorted(mine)) if relabel else 0
        for _attempt in range(5):
            start = time.perf_counter()
            try:
                if relabel and curator:
                    record = service.edit_gold_span(span_id, mine[span_id], label=label)
                elif relabel:
                    record = service.update_span(span_id, mine[span_id], label=label)
                else:
                    doc_id = rng.choice(sorted(words))
                    at, end = rng.choice(words[doc_id])
                    add = service.add_gold_span if curator else service.add_span
                    record = add(doc_id, "entity", label, at, end)
            except StaleEdit:
                # Refused, never applied over the colleague's version: counted, then applied again on
                # the version the store holds now ("apply mine" in the window's conflict dialog).
                commits.append(time.perf_counter() - start)
                stale += 1
                with db.read() as session:
                    mine[span_id] = int(session.scalar(select(Span.version).where(Span.id == span_id)) or 0)
                continue
            except Exception as exc:
                commits.append(time.perf_counter() - start)
                errors += 1
                locked += "database is locked" in str(exc)
                messages.append(repr(exc)[:300])
                break
            commits.append(time.perf_counter() - start)
            acked.append((record.id, record.version, record.label, time.time()))
            mine[record.id] = record.version
            break
    out.put(("edits done", name))
    stop.wait()
    follower.join(timeout=10)
    db.dispose()
    out.put(
        (
            "result",
            {
                "name": name,
                "commits": commits,
                "acked": acked,
                "stale": stale,
                "errors": errors + len(follower.errors),
                "locked": locked,
                "messages": (messages + follower.errors)[:5],
                "seen": follower.seen,
            },
        )
    )


def _run(url: str, names: list[str], edits: int) -> list[dict[str, Any]]:
    """The clients ``names`` (a name twice: two clients of one annotator) at once; their results."""
    context = multiprocessing.get_context("spawn")
    go, stop, out = context.Event(), context.Event(), context.Queue()
    processes = [
        context.Process(target=_client, args=(url, name, 1000 + i, edits, go, stop, out), daemon=True)
        for i, name in enumerate(names)
    ]
    for process in processes:
        process.start()
    results: list[dict[str, Any]] = []
    ready = done = 0
    while ready < len(names):
        kind, _ = out.get(timeout=120)
        ready += kind == "ready"
    go.set()
    while done < len(names):
        kind, _ = out.get(timeout=600)
        done += kind == "edits done"
    time.sleep(POLL_S * 2 + 1)  # the last changes reach every follower
    stop.set()
    while len(results) < len(names):
        kind, payload = out.get(timeout=120)
        if kind == "result":
            results.append(payload)
    for process in processes:
        process.join(timeout=30)
    return results


def _history(url: str, since: int) -> dict[int, tuple[int, int]]:
    """History id -> (span id, version) of the span edits after ``since``."""
    from sqlalchemy import select

    from curator.store.database import Database
    from curator.store.models import HistoryEntry

    db = Database(url)
    with db.read() as session:
        rows = session.execute(
            select(HistoryEntry.id, HistoryEntry.object_id, HistoryEntry.after).where(HistoryEntry.id > since)
        ).all()
    db.dispose()
    out = {}
    for history_id, object_id, after in rows:
        after = json.loads(after) if isinstance(after, str) else after
        if isinstance(after, dict) and "version" in after and object_id is not None:
            out[history_id] = (int(object_id), int(after["version"]))
    return out


def _stored(url: str) -> dict[int, tuple[int, str]]:
    """Span id -> (version, label) of every stored span."""
    from sqlalchemy import select

    from curator.store.database import Database
    from curator.store.models import LabelRow, Span

    db = Database(url)
    with db.read() as session:
        rows = session.execute(select(Span.id, Span.version, LabelRow.key).join(LabelRow, LabelRow.id == Span.label_id))
        stored = {span_id: (version, label) for span_id, version, label in rows}
    db.dispose()
    return stored


def _lost_updates(url: str, results: list[dict[str, Any]], before: dict[int, tuple[int, str]]) -> int:
    """Spans whose acknowledged versions are not exactly those after the one stored ``before`` the
    run up to the stored one, N, or whose stored label is not the one acknowledged with N."""
    by_span: dict[int, list[tuple[int, str]]] = {}
    for result in results:
        for span_id, version, label, _ in result["acked"]:
            by_span.setdefault(span_id, []).append((version, label))
    stored = _stored(url)
    lost = 0
    for span_id, acks in by_span.items():
        first = before.get(span_id, (0, ""))[0] + 1
        versions = sorted(v for v, _ in acks)
        final = stored.get(span_id)
        if final is None:
            lost += 1
            continue
        if versions != list(range(first, final[0] + 1)) or dict(acks)[final[0]] != final[1]:
            lost += 1
            print(f"B14: span {span_id} lost an update: {sorted(acks)}, stored {final}", file=sys.stderr)
    return lost


def team(url: str, clients: int, edits: int) -> dict[str, Any]:
    """``clients`` clients (the curator, then annotators in pairs of a name) on the fresh database
    ``url``; the floor is one annotator client alone first."""
    from sqlalchemy import func, select

    from curator.store.database import Database
    from curator.store.models import HistoryEntry

    annotators = clients - 1
    names = [f"ann{i // 2}" for i in range(annotators)]
    _setup(url, sorted(set(names)))
    alone = _run(url, [names[0]], edits)
    db = Database(url)
    with db.read() as session:
        since = int(session.scalar(select(func.max(HistoryEntry.id))) or 0)
    db.dispose()
    before = _stored(url)
    started = time.perf_counter()
    results = _run(url, ["curator", *names], edits)
    wall = time.perf_counter() - started
    history = _history(url, since)
    # commit time of each (span, version), and who made it
    made: dict[tuple[int, int], tuple[float, str]] = {}
    for index, result in enumerate(results):
        for span_id, version, _, at in result["acked"]:
            made[(span_id, version)] = (at, str(index))
    delays: list[float] = []
    for index, result in enumerate(results):
        for history_id, seen_at in result["seen"].items():
            key = history.get(int(history_id))
            if key is None or key not in made or made[key][1] == str(index):
                continue
            delays.append(seen_at - made[key][0])
    commits = [t for result in results for t in result["commits"]]
    return {
        "ours": commits,
        "floor": alone[0]["commits"],
        "extra": {
            "clients": len(results),
            "edits": len(commits),
            "wall_s": round(wall, 1),
            "p95_commit_to_seen_s": round(_percentile(delays, 0.95), 3),
            "median_commit_to_seen_s": round(statistics.median(delays), 3) if delays else None,
            "deliveries": len(delays),
            "stale_refused": sum(r["stale"] for r in results),
            "lost_updates": _lost_updates(url, results, before),
            "errors": sum(r["errors"] for r in results),
            "database_locked": sum(r["locked"] for r in results),
            "messages": [m for r in results for m in r["messages"]][:5],
        },
    }


def b14_postgres(source: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Ten annotators and the curator on a fresh PostgreSQL database (dropped after)."""
    from benchmarks import postgres

    server = postgres.server_url() or postgres.DEFAULT_URL
    url = postgres.fresh_database(server, "team")
    try:
        return team(url, 11, 40 * repeat)
    finally:
        postgres.drop_database(server, "team")


def b14_sqlite(source: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Four clients (the curator and three annotators, two of them one name) on one SQLite file."""
    from benchmarks.workloads import _fresh

    path = work / "team.sqlite"
    _fresh(path)
    try:
        return team(f"sqlite:///{path}", 4, 40 * repeat)
    finally:
        _fresh(path)
