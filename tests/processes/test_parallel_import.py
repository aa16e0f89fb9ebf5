"""A curator imports a large JSONL file: worker processes read it while the database opens, and the
result is exactly the ordinary import's. Anything the workers do not take is imported the ordinary
way, with the ordinary messages."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.errors import InputRejected
from curator.io.formats.jsonl import rows as jsonl_rows
from curator.io.formats.jsonl.read import _read_line
from curator.io.importer import import_paths
from curator.io.parallel_import import ParallelImport
from curator.io.validation import check_document
from curator.schema.checks import span_labels
from curator.store.database import Database
from curator.text.boundaries import inner_splits, split_chars
from curator.text.folding import fold_text

# Columns that hold the time of the import, which two imports never share.
_TIMES = {"created_at", "updated_at", "at", "loaded_at"}


def _snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (times left out), with the type SQLite holds each value as."""
    path = url.removeprefix("sqlite:///")
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'search_fts%' ORDER BY name"
            )
        ]
        out = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[1] not in _TIMES]
            picked = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
            out[table] = conn.execute(f'SELECT {picked} FROM "{table}" ORDER BY rowid').fetchall()
        out["sqlite_master"] = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        # The search index, made in the import's transaction either way (FTS5's own tables vary).
        out["search_fts"] = conn.execute(
            "SELECT rowid, folded, typeof(folded) FROM search_fts ORDER BY rowid"
        ).fetchall()
        return out
    finally:
        conn.close()


def _import(url: str, paths: list[Path], *, parallel: bool, annotator: str | None = None) -> tuple[Any, str]:
    """Import ``paths`` as the command line does (workers started before the database opens);
    return the report, or the refusal, and why the workers gave way ("" when they did the import)."""
    lane = (
        ParallelImport.start(paths, fmt=None, annotator=annotator, url=url, min_bytes=0, chunk_bytes=1500)
        if parallel
        else None
    )
    assert lane is not None or not parallel
    db = Database(url)
    try:
        try:
            result: Any = import_paths(db, paths, annotator=annotator, parallel=lane)
        except InputRejected as exc:
            result = [str(p) for p in exc.problems]
    finally:
        db.dispose()
    return result, (lane.reason if lane else "")


def _both_ways(tmp_path: Path, lines: list[str], annotator: str | None = None) -> tuple[Any, str]:
    """Import the same file with and without workers into two new databases; assert the same
    outcome and the same rows; return the outcome and why the workers gave way."""
    source = tmp_path / "batch.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    urls = [f"sqlite:///{tmp_path / name}" for name in ("workers.sqlite", "ordinary.sqlite")]
    with_workers, reason = _import(urls[0], [source], parallel=True, annotator=annotator)
    ordinary, _ = _import(urls[1], [source], parallel=False, annotator=annotator)
    assert with_workers == ordinary  # the same report, or the same problems
    assert _snapshot(urls[0]) == _snapshot(urls[1])
    return with_workers, reason


def _record(i: int, text: str, spans: list[tuple[str, int, int]], **more: Any) -> str:
    anns = [{"annotator": "pre", "layer": "entity", "label": label, "start": s, "end": e} for label, s, e in spans]
    return json.dumps({"id": f"doc-{i}", "text": text, "annotations": anns, **more}, ensure_ascii=False)


def test_a_large_file_read_by_workers_lands_exactly_as_the_ordinary_import(tmp_path: Path, samples: Path) -> None:
    lines = (samples / "preannotated.jsonl").read_text(encoding="utf-8").splitlines()
    lines += [
        _record(1, "الأمم المتحدة\r\nومنظمة التعاون الإسلامي", [("ORG", 0, 13), ("ORG", 15, 38)]),  # CRLF
        _record(2, "Le Conseil de sécurité\n\nSommet de l'OCI", [("ORG", 3, 22), ("ORG", 3, 22)]),  # a repeat
        json.dumps({"id": 7, "text": "Guterres à Djeddah", "title": "Visite", "language": "fr", "meta": {"k": [1]}}),
        json.dumps({"text": "OCI 🤝 ONU", "annotations": [{"end": 3, "start": 0, "label": "ORG", "layer": "entity"}]}),
        "",  # a blank line is skipped, and the numbering goes on
        _record(3, "🌍 غزة والسودان", [("LOC", 2, 5), ("LOC", 6, 13)], relations=[], doc_labels=[]),
    ]
    lines += [
        _record(100 + i, f"تقرير {i}: الأمم المتحدة", [("ORG", len(f"تقرير {i}: "), len(f"تقرير {i}: ") + 13)])
        for i in range(60)
    ]
    report, reason = _both_ways(tmp_path, ["\ufeff" + lines[0], *lines[1:]], annotator="reader")
    assert reason == ""  # the workers made it
    assert report.batch.documents_added == len([line for line in lines if line]) and report.batch.spans_existing == 1
    conn = sqlite3.connect(tmp_path / "workers.sqlite")
    index = dict(conn.execute("SELECT rowid, folded FROM search_fts"))
    texts = conn.execute("SELECT id, text, search_indexed FROM documents").fetchall()
    conn.close()
    assert index == {doc_id: fold_text(body) for doc_id, body, _ in texts} and {f for *_, f in texts} == {1}


def test_the_database_is_left_in_wal_mode(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    source = tmp_path / "batch.jsonl"
    source.write_text(_record(1, "الأمم المتحدة", [("ORG", 0, 13)]) + "\n", encoding="utf-8")
    _, reason = _import(url, [source], parallel=True)
    assert reason == ""
    conn = sqlite3.connect(tmp_path / "corpus.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spans'")}
    assert {"ix_spans_document_annotator", "ix_spans_label"} <= names


GIVES_WAY = {
    "duplicate key": '{"id": "a", "text": "OCI", "annotations": [{"annotator": "p", "layer": "entity", '
    '"label": "ORG", "start": 0, "start": 1, "end": 3}]}',
    "relations": _record(1, "OCI et ONU", [("ORG", 0, 3)])[:-1] + ', "relations": [{"type": "x", "source": 1}]}',
    "unknown label": _record(1, "OCI et ONU", [("NOPE", 0, 3)]),
    "mark split": _record(1, "قَالَ", [("PER", 1, 3)]),
    "across a paragraph": _record(1, "OCI\n\nONU", [("ORG", 0, 8)]),
    "a note": '{"text": "OCI", "annotations": [{"annotator": "p", "layer": "entity", "label": "ORG", '
    '"start": 0, "end": 3, "note": "x"}]}',
    "escaped backslash": json.dumps({"text": "a \\ b OCI", "annotations": []}),
    "NUL escape": '{"text": "OCI\\u0000"}',
    "bad JSON": '{"text": "OCI"',
    "NaN": '{"text": "OCI", "meta": {"score": NaN}}',
    "offsets past the end": _record(1, "OCI", [("ORG", 0, 9)]),
    "a boolean offset": '{"text": "OCI", "annotations": [{"annotator": "p", "layer": "entity", "label": "ORG", '
    '"start": false, "end": 3}]}',
    "meta not an object": json.dumps({"text": "OCI", "meta": []}),
    "an unknown key": json.dumps({"text": "OCI", "annotatons": []}),
    "an unknown annotation key": '{"text": "OCI", "annotations": [{"annotator": "p", "layer": "entity", '
    '"label": "ORG", "start": 0, "end": 3, "lable": "PER"}]}',
}


@pytest.mark.parametrize("line", GIVES_WAY.values(), ids=GIVES_WAY.keys())
def test_a_line_the_workers_do_not_take_is_imported_the_ordinary_way(tmp_path: Path, line: str) -> None:
    lines = [_record(i, f"الأمم المتحدة {i}", [("ORG", 0, 13)]) for i in range(40)]
    _, reason = _both_ways(tmp_path, [*lines[:25], line, *lines[25:]])
    assert reason.startswith(f"{tmp_path / 'batch.jsonl'}:26: "), reason


def test_a_text_repeated_in_the_batch_or_already_stored_is_left_to_the_ordinary_import(tmp_path: Path) -> None:
    lines = [_record(i, f"نص {i}", []) for i in range(30)]
    report, reason = _both_ways(tmp_path, [*lines, _record(99, "نص 3", [])])
    assert reason == "a text or an id repeats"
    # another id: its own document, either way
    assert report.batch.documents_added == 31 and report.batch.documents_sharing_text == 2
    url = f"sqlite:///{tmp_path / 'again.sqlite'}"
    first = tmp_path / "first.jsonl"
    first.write_text(lines[5] + "\n", encoding="utf-8")
    _import(url, [first], parallel=False)
    report, reason = _import(url, [tmp_path / "batch.jsonl"], parallel=True)
    assert reason == "a text or an id repeats" and report.batch.documents_existing == ["batch.jsonl:6"]


def test_a_worker_that_fails_leaves_the_import_to_the_ordinary_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(chunk: jsonl_rows.Chunk) -> list[jsonl_rows.ParsedDocument]:
        raise MemoryError

    monkeypatch.setattr("curator.io.parallel_import.read_chunk", broken)  # the workers are forked with it
    report, reason = _both_ways(tmp_path, [_record(i, f"نص {i}", []) for i in range(10)])
    assert "MemoryError" in reason and report.batch.documents_added == 10


def test_small_files_other_formats_and_postgresql_get_no_workers(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text(_record(1, "OCI", []) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    assert ParallelImport.start([small], fmt=None, annotator=None, url=url) is None  # under MIN_BYTES
    forced = {"min_bytes": 0}
    assert ParallelImport.start([small], fmt="doccano", annotator=None, url=url, **forced) is None
    assert ParallelImport.start([tmp_path], fmt=None, annotator=None, url=url, **forced) is None
    assert ParallelImport.start([small, small], fmt=None, annotator=None, url=url, **forced) is None
    assert ParallelImport.start([small], fmt=None, annotator=None, url="postgresql://x/y", **forced) is None
    assert ParallelImport.start([small], fmt=None, annotator=None, url=url, workers=1, **forced) is None
    lane = ParallelImport.start([small], fmt="jsonl", annotator=None, url=url, **forced)
    assert lane is not None
    lane.close()


def test_the_workers_start_before_sqlalchemy_is_imported() -> None:
    code = (
        "import sys\n"
        "import curator.cli.main, curator.io.parallel_import\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'pydantic', 'yaml'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_the_command_line_imports_a_large_file_with_workers_as_without(tmp_path: Path) -> None:
    """Above the size where workers start: the same database and the same words either way."""
    body = "تقرير دولي: الأمم المتحدة ومنظمة التعاون الإسلامي تعززان التعاون في غزة والسودان. " * 40
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for i in range(1600):
            text = f"[{i}] {body}"
            out.write(_record(i, text, [("ORG", len(f"[{i}] ") + 12, len(f"[{i}] ") + 25)]) + "\n")
    assert source.stat().st_size > 8 * 1024 * 1024
    outputs = []
    for name, workers in (("workers.sqlite", "2"), ("ordinary.sqlite", "1")):
        result = subprocess.run(
            [sys.executable, "-m", "curator", "--db", f"sqlite:///{tmp_path / name}", "import", str(source)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "CURATOR_IMPORT_WORKERS": workers},
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and "imported 1600 documents, 1600 annotations" in outputs[0]
    assert _snapshot(f"sqlite:///{tmp_path / 'workers.sqlite'}") == _snapshot(
        f"sqlite:///{tmp_path / 'ordinary.sqlite'}"
    )


# -- the rows of one line, against the ordinary reader and checks ---------------------------------------

_TEXT = st.text(alphabet=st.sampled_from("ab \n\r\u064e\u0640\u200d🌍اب"), min_size=1, max_size=12)
_SPAN = st.fixed_dictionaries(
    {
        "annotator": st.sampled_from(["pre", " pre ", ""]),
        "layer": st.sampled_from(["entity", "claim", "nope"]),
        "label": st.sampled_from(["ORG", "PER", "CLAIM"]),
        "start": st.integers(-1, 13),
        "end": st.integers(-1, 13),
    }
)


@pytest.fixture(scope="module")
def _context(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, jsonl_rows.Context]:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('rows') / 'c.sqlite'}")
    labels = {key: (db.ids.labels[key], crosses) for key, crosses in span_labels(db.schema).items()}
    return db, jsonl_rows.Context(labels, {"pre": 1}, None, first_lines=(7,))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, spans=st.lists(_SPAN, max_size=4))
def test_a_line_the_workers_take_is_one_the_ordinary_import_takes_with_the_same_rows(
    _context: tuple[Database, jsonl_rows.Context], text: str, spans: list[dict[str, Any]]
) -> None:
    db, context = _context
    line = json.dumps({"id": "x", "text": text, "annotations": spans}, ensure_ascii=False)
    chunk = jsonl_rows.Chunk(0, "batch.jsonl", "batch.jsonl", 0, 0, 7)
    try:
        rows = jsonl_rows.chunk_rows(chunk, [jsonl_rows._parse(line, 0)], context, lambda name: 1)
    except jsonl_rows.NotPlain:
        return  # the ordinary import decides, and says why
    doc = _read_line(line, "batch.jsonl", 7, None)
    assert check_document(db.schema, doc, "batch.jsonl") == []
    ((_ext_id, _title, _source, language, direction, utf8, length, *_rest),) = rows.documents
    assert (utf8.decode(), length, language, direction) == (doc.text, len(doc.text), doc.language, doc.direction)
    expected = list(dict.fromkeys((0, 1, db.ids.labels[(s.layer, s.label)], s.start, s.end) for s in doc.spans))
    numbers = list(rows.spans)
    assert [tuple(numbers[i : i + 5]) for i in range(0, len(numbers), 5)] == expected


@given(st.text(alphabet=st.sampled_from("ab\u064e\u0640\u200d\u20dd🌍\U0001d167"), max_size=10))
def test_the_split_characters_tell_the_same_offsets_as_inner_splits(text: str) -> None:
    marks = split_chars()
    told = {o for o in range(1, len(text)) if text[o] in marks or text[o - 1] == "\u200d"}
    assert told == inner_splits(text)


def test_the_progress_bar_counts_the_lines_written(tmp_path: Path) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(_record(i, f"نص {i}", []) for i in range(50)), encoding="utf-8")  # no last newline
    lane = ParallelImport.start(
        [source], fmt=None, annotator=None, url=f"sqlite:///{tmp_path / 'c.sqlite'}", min_bytes=0, chunk_bytes=300
    )
    assert lane is not None and len(lane.chunks) > 4
    totals: list[int] = []
    steps: list[int] = []
    db = Database(f"sqlite:///{tmp_path / 'c.sqlite'}")
    report = lane.run(db, "import", on_total=totals.append, progress=steps.append)
    db.dispose()
    assert report is not None and report.documents_added == 50
    assert totals == [50] and sum(steps) == 50 and len(steps) == len(lane.chunks)


def test_a_second_file_into_a_corpus_and_two_files_in_one_batch_land_as_without_workers(tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text("".join(_record(i, f"الأمم المتحدة {i}", [("ORG", 0, 13)]) + "\n" for i in range(20)), "utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text("".join(_record(100 + i, f"OCI {i}", [("ORG", 0, 3)]) + "\n" for i in range(30)), "utf-8")
    third = tmp_path / "third.jsonl"
    third.write_text("\n" + "".join(_record(200 + i, f"ONU {i}", [("ORG", 0, 3)]) + "\n" for i in range(30)), "utf-8")
    urls = [f"sqlite:///{tmp_path / name}" for name in ("workers.sqlite", "ordinary.sqlite")]
    for url in urls:  # a corpus already there: the workers add to it, indexes kept
        _import(url, [first], parallel=False)
    with_workers, reason = _import(urls[0], [second, third], parallel=True)
    ordinary, _ = _import(urls[1], [second, third], parallel=False)
    assert reason == "" and with_workers == ordinary and with_workers.batch.documents_added == 60
    assert _snapshot(urls[0]) == _snapshot(urls[1])
    history = sqlite3.connect(tmp_path / "workers.sqlite").execute("SELECT after FROM history ORDER BY id").fetchall()
    assert json.loads(history[-1][0]) == {"source": "third.jsonl", "line": 31, "spans": 1}  # lines count per file


def test_workers_stop_when_the_command_stops_reading(tmp_path: Path) -> None:
    """A command that dies mid-import (killed, out of memory) leaves no reader running: a worker whose
    rows nobody reads any more ends, even with its outbox full."""
    source = tmp_path / "batch.jsonl"
    body = "تقرير دولي عن التعاون بين الأمم المتحدة ومنظمة التعاون الإسلامي. " * 20
    source.write_text("".join(_record(i, f"{i} {body}", []) + "\n" for i in range(400)), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    lane = ParallelImport.start([source], fmt=None, annotator=None, url=url, min_bytes=0, chunk_bytes=4000)
    assert lane is not None and len(lane.chunks) > 20
    db = Database(url)
    labels = {key: (db.ids.labels[key], crosses) for key, crosses in span_labels(db.schema).items()}
    db.dispose()
    context = jsonl_rows.Context(labels, {}, None, tuple(chunk.first_line for chunk in lane.chunks))
    for conn in lane._conns:
        conn.send(context)  # then nothing is read: the workers' rows fill the pipes
    for process in lane._processes:
        process.join(0.5)
        assert process.is_alive()  # waiting for the parent to read
    for conn in lane._conns:
        conn.close()
    for process in lane._processes:
        process.join(10)
        assert not process.is_alive() and process.exitcode == 0


def test_a_command_killed_mid_import_leaves_all_or_nothing_and_no_reader(tmp_path: Path) -> None:
    """SIGKILL at moments across a parallel import (before, while and after its transaction): the
    database holds every document or none, passes its integrity check, is in WAL mode again once
    Curator opens it, and no worker outlives the command."""
    body = "تقرير دولي: الأمم المتحدة ومنظمة التعاون الإسلامي تعززان التعاون في غزة والسودان. " * 40
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for i in range(1600):
            out.write(_record(i, f"[{i}] {body}", [("ORG", len(f"[{i}] ") + 12, len(f"[{i}] ") + 25)]) + "\n")
    counts = set()
    for round_, delay in enumerate((0.3, 0.6, 0.9, 1.2)):
        path = tmp_path / f"killed-{round_}.sqlite"
        child = subprocess.Popen(
            [sys.executable, "-m", "curator", "--db", f"sqlite:///{path}", "import", str(source)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _readers_of(path):
            time.sleep(0.1)
        assert not _readers_of(path), f"a worker outlived the command (round {round_})"
        if not path.exists():
            counts.add(0)
            continue
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # Killed before the store's tables were committed (a loaded machine starts slowly): nothing.
        has_documents = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone()
        counts.add(conn.execute("SELECT count(*) FROM documents").fetchone()[0] if has_documents else 0)
        conn.close()
        db = Database(f"sqlite:///{path}")
        db.dispose()
        assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert counts <= {0, 1600}


def _readers_of(path: Path) -> list[str]:
    """Processes whose command line names ``path`` (the command and its forked workers)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if str(path).encode() in cmdline:
            found.append(proc.name)
    return found
