"""``python -m benchmarks --size small|full``: Curator's performance figures beside floors measured in
the same run. Results go to ``benchmarks/results/<size>.json``; a missed target is said plainly.

Not part of the test suite: tests check the correctness of these paths on small data.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import postgres
from benchmarks.corpus import write_jsonl, write_reviewed_jsonl

HERE = Path(__file__).resolve().parent
SIZES = {
    # documents and annotations of the import corpus; documents and annotations of the large database
    "small": {
        "import_docs": 1_000,
        "import_spans": 20,
        "big_docs": 5_000,
        "big_spans": 10,
        "reviewed": 100,
        "repeat": 2,
    },
    "full": {
        "import_docs": 10_000,
        "import_spans": 20,
        "big_docs": 100_000,
        "big_spans": 10,
        "reviewed": 1_000,
        "repeat": 3,
    },
}


@dataclass
class Figure:
    id: str
    workload: str
    ours: float
    floor: float | None
    ratio: float | None
    statistic: str
    target: str
    met: bool | None
    peak_mb: float
    extra: dict[str, Any]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _workload(workload: str, source: Path, work: Path, repeat: int) -> tuple[dict[str, Any], float]:
    """Run one workload in its own process; return its result and its peak memory in MB."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.workloads", workload, str(source), str(work), str(repeat)],
        stdout=subprocess.PIPE,
        cwd=HERE.parent,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"benchmark {workload} failed (status {status})")
    return json.loads(output), usage.ru_maxrss / 1024


def _import(db: Path, corpus: Path) -> None:
    """Import ``corpus`` into the database ``db`` names: the SQLite file, or on PostgreSQL a new
    database named after it (dropped again if the import fails)."""
    server = postgres.server_url()
    url = postgres.fresh_database(server, postgres.name_of(db)) if server else f"sqlite:///{db}"
    try:
        subprocess.run(
            [sys.executable, "-m", "curator", "--db", url, "import", str(corpus)], check=True, stdout=subprocess.DEVNULL
        )
    except BaseException:
        if server:
            postgres.drop_database(server, postgres.name_of(db))
        raise


def _built(db: Path) -> bool:
    server = postgres.server_url()
    return postgres.exists(server, postgres.name_of(db)) if server else db.exists()


# What runs on PostgreSQL (``--backend postgresql``): B1-B8, the start of a command, B13, B14's team.
ON_POSTGRESQL = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9-help", "B9-stats", "B13", "B14-postgresql")


def _figure(
    fid: str, name: str, result: dict[str, Any], peak: float, statistic: str, target: str, check: Any
) -> Figure:
    ours_values = result["ours"]
    ours = _percentile(ours_values, 0.95) if statistic == "p95" else statistics.median(ours_values)
    floor = statistics.median(result["floor"]) if result.get("floor") else None
    ratio = ours / floor if floor else None
    extra = result.get("extra", {})
    # A workload that runs the program in a child process (B5) reports that process's peak itself;
    # a check with three parameters also judges the peak.
    peak = float(extra.get("peak_mb", peak))
    arguments = (ours, ratio, peak, extra)[: check.__code__.co_argcount]  # a fourth: the workload's extra
    met = check(*arguments)
    return Figure(fid, name, ours, floor, ratio, statistic, target, met, peak, extra)


def _team_ok(extra: dict[str, Any]) -> bool:
    """B14: nothing lost, nothing failed (refused stale edits are counted, not failures)."""
    return extra["lost_updates"] == 0 and extra["errors"] == 0 and extra["database_locked"] == 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--only", help="comma-separated workload ids (B1,B2,B3,B6,B9)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--db", help=f"with --backend postgresql: the server's URL (default {postgres.DEFAULT_URL})")
    args = parser.parse_args()
    if args.backend == "postgresql":
        # The workloads' processes find the server here; each makes its databases on it.
        os.environ[postgres.ENV] = args.db or postgres.DEFAULT_URL
    size = SIZES[args.size]
    only = set(args.only.split(",")) if args.only else None
    work = HERE / "work" / args.size
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # An installed Curator has its bytecode compiled (pip does it at install). A checkout gets it at
    # the first import, unless PYTHONDONTWRITEBYTECODE is set (as on the machine of the README's
    # figures): every workload's process would then compile Curator's modules again, a fifth of B5.
    compileall.compile_dir(HERE.parent / "curator", quiet=1)
    corpus = work / "import.jsonl"
    docs, spans = write_jsonl(corpus, size["import_docs"], size["import_spans"])
    print(f"corpus: {docs} documents, {spans} annotations ({corpus.stat().st_size / 1e6:.1f} MB)")
    big = work / "big.sqlite"
    reviewed = work / "reviewed.sqlite"

    def build_big() -> None:
        big_corpus = work / "big.jsonl"
        n_docs, n_spans = write_jsonl(big_corpus, size["big_docs"], size["big_spans"], annotators=("a", "b"))
        print(f"building the large database: {n_docs} documents, {n_spans} annotations ...", flush=True)
        _import(big, big_corpus)

    def build_reviewed() -> None:
        reviewed_corpus = work / "reviewed.jsonl"
        write_reviewed_jsonl(reviewed_corpus, size["reviewed"], ("ann1", "ann2", "ann3"))
        print(f"building the reviewed database: {size['reviewed']} documents x 3 annotators ...", flush=True)
        _import(reviewed, reviewed_corpus)

    builders = {big: build_big, reviewed: build_reviewed}
    long_document = work / "long.sqlite"  # B3, B4: built by the workload itself (one document)
    registry_db = work / "registry.sqlite"  # B11-candidates: 100,000 entities, built by the workload itself
    mentions_db = work / "mentions.sqlite"  # B11: one entity named 10,000 times, likewise
    figures: list[Figure] = []
    plan = [
        (
            "B1",
            f"import of the corpus into a new {'PostgreSQL' if args.backend == 'postgresql' else 'SQLite'} database",
            corpus,
            "median",
            "ratio <= 2",
            lambda ours, ratio: ratio <= 2,
        ),
        ("B2", "export --format jsonl of that database", big, "median", "ratio <= 2", lambda ours, ratio: ratio <= 2),
        (
            "B3",
            "open a 1 MB Arabic document with 10,000 spans until painted",
            long_document,
            "median",
            "ratio <= 3 and < 0.300 s",
            lambda ours, ratio: ratio <= 3 and ours < 0.3,
        ),
        (
            "B4",
            "add one span with a shortcut until saved and repainted",
            long_document,
            "p95",
            "p95 <= 0.016 s",
            lambda ours, ratio: ours <= 0.016,
        ),
        (
            "B5",
            "start the app on the large database until the window is shown",
            big,
            "median",
            "<= 1.5 s and peak <= 300 MB",
            lambda ours, ratio, peak: ours <= 1.5 and peak <= 300,
        ),
        ("B6", "corpus search, Arabic-insensitive", big, "p95", "p95 <= 0.100 s", lambda ours, ratio: ours <= 0.1),
        (
            "B7",
            "agreement, every layer, 3 annotators, with αU and per-document figures",
            reviewed,
            "median",
            "<= 2 s",
            lambda ours, ratio: ours <= 2,
        ),
        (
            "B12",
            "bulk accept of what 2 of 3 agree on, 1,000 documents (preview and write)",
            reviewed,
            "median",
            "<= 2 s",
            lambda ours, ratio: ours <= 2,
        ),
        *[
            (
                f"B8-{fmt}",
                f"export --format {fmt} of the reviewed corpus",
                reviewed,
                "median",
                "<= 10 s",
                lambda ours, ratio: ours <= 10,
            )
            for fmt in ("conll", "xmi", "spacy")
        ],
        # The floor of B9 is `python -c "import sqlite3"`: Python's start with the one library a
        # command on SQLite cannot do without.
        ("B9-help", "curator --help", reviewed, "median", "ratio <= 2", lambda ours, ratio: ratio <= 2),
        (
            "B9-stats",
            "curator stats of the reviewed corpus",
            reviewed,
            "median",
            "<= floor + 0.200 s",
            lambda ours, ratio: ours - ours / ratio <= 0.2,
        ),
        (
            "B9-export",
            "export of one document of the reviewed corpus",
            reviewed,
            "median",
            "none (reported)",
            lambda ours, ratio: None,
        ),
        (
            "B10-match",
            "suggestions for a 1 MB Arabic document, 10,000-name gazetteer",
            long_document,
            "median",
            "<= 0.100 s",
            lambda ours, ratio: ours <= 0.1,
        ),
        (
            "B10-refresh",
            "suggestions of the open 1 MB document again after an accept",
            long_document,
            "p95",
            "p95 <= 0.016 s",
            lambda ours, ratio: ours <= 0.016,
        ),
        (
            "B10-corpus",
            "curator suggest --json over the large database (s per MB)",
            big,
            "median",
            "ratio <= 3",
            lambda ours, ratio: ratio <= 3,
        ),
        (
            "B13-import",
            "import of the corpus with its search index (floor: the same import with --index-later)",
            corpus,
            "median",
            "ratio <= 1.3",
            lambda ours, ratio: ratio <= 1.3,
        ),
        (
            "B13-index",
            "a fresh search index of the large database (floor: the folded texts inserted in one transaction)",
            big,
            "median",
            "ratio <= 2",
            lambda ours, ratio: ratio <= 2,
        ),
        (
            "B14-postgresql",
            "ten annotators and the curator editing one corpus on PostgreSQL, windows following (edit commit)",
            corpus,
            "p95",
            "p95 <= 0.020 s, p95 commit->seen <= 0.5 s, no lost update, no error",
            lambda ours, ratio, peak, extra: ours <= 0.02 and _team_ok(extra) and extra["p95_commit_to_seen_s"] <= 0.5,
        ),
        (
            "B14-sqlite",
            "four clients editing one SQLite file at once, windows following (edit commit)",
            corpus,
            "p95",
            "p95 <= 0.030 s, no 'database is locked', no lost update, no error",
            lambda ours, ratio, peak, extra: ours <= 0.03 and _team_ok(extra),
        ),
        (
            "B11-candidates",
            "entity candidates for a mention among 100,000 entities",
            registry_db,
            "p95",
            "p95 <= 0.020 s",
            lambda ours, ratio: ours <= 0.02,
        ),
        (
            "B11-mentions",
            "mentions of an entity named 10,000 times",
            mentions_db,
            "median",
            "<= 0.100 s",
            lambda ours, ratio: ours <= 0.1,
        ),
    ]
    for fid, name, source, statistic, target, check in plan:
        if only and fid not in only and fid.split("-")[0] not in only:
            continue
        on_postgresql = fid in ON_POSTGRESQL or fid.split("-")[0] in ON_POSTGRESQL
        if (not on_postgresql) if args.backend == "postgresql" else fid == "B14-postgresql":
            continue
        if source in builders and not _built(source):
            builders[source]()
        repeat = size["repeat"] if fid not in ("B6", "B7", "B12") else 3
        result, peak = _workload(fid, source, work, repeat)
        figure = _figure(fid, name, result, peak, statistic, target, check)
        figures.append(figure)
        _print(figure)
    elapsed = time.perf_counter() - started
    out = HERE / "results" / (f"{args.size}.json" if args.backend == "sqlite" else f"{args.size}-{args.backend}.json")
    out.parent.mkdir(exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "system": platform.platform(),
    }
    out.write_text(
        json.dumps(
            {
                "size": args.size,
                "backend": args.backend,
                "seconds": elapsed,
                "machine": machine,
                "figures": [asdict(f) for f in figures],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    missed = [f.id for f in figures if f.met is False]
    print(f"\n{len(figures)} figures in {elapsed:.0f} s; results in {out}")
    print(f"TARGETS MISSED: {', '.join(missed)}" if missed else "all targets met")


def _print(f: Figure) -> None:
    floor = f"{f.floor:.3f} s" if f.floor is not None else "—"
    ratio = f"{f.ratio:.2f}" if f.ratio is not None else "—"
    verdict = "—" if f.met is None else "met" if f.met else "MISSED"
    print(
        f"{f.id} {f.workload}: ours {f.statistic} {f.ours:.3f} s | floor {floor} | ratio {ratio} | "
        f"peak {f.peak_mb:.0f} MB | target {f.target}: {verdict} {f.extra or ''}",
        flush=True,
    )


if __name__ == "__main__":
    main()
