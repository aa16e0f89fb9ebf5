"""The command-line contract scripts rely on: exit codes, one-line errors, JSON stats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CURATOR_DB": db_url}
    return subprocess.run(
        [sys.executable, "-m", "curator", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_import_seeds_then_stats_reports_four_arabic_and_one_french(db_url: str, seeds: Path) -> None:
    first = run("import", str(seeds), db_url=db_url)
    assert first.returncode == 0, first.stderr
    assert "imported 5 documents" in first.stdout
    second = run("import", str(seeds), db_url=db_url)
    assert second.returncode == 0
    assert "nothing new" in second.stdout and "5 documents were already in the database" in second.stdout
    stats = run("stats", "--json", db_url=db_url)
    figures = json.loads(stats.stdout)
    assert figures["documents"] == {"total": 5, "by_language": {"ar": 4, "fr": 1}}


def test_bad_input_exits_non_zero_with_one_line_naming_the_file(db_url: str, samples: Path) -> None:
    result = run("import", str(samples), db_url=db_url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == f"curator: error: {samples}/empty.txt: empty file; nothing was imported"
    assert json.loads(run("stats", "--json", db_url=db_url).stdout)["documents"]["total"] == 0


def test_check_lists_every_problem(db_url: str, samples: Path) -> None:
    result = run("import", "--check", str(samples / "empty.txt"), str(samples / "not_text.bin"), db_url=db_url)
    assert result.returncode == 1
    assert f"{samples}/not_text.bin:1: binary data" in result.stderr


def test_export_jsonl_with_annotator_filter(db_url: str, samples: Path, tmp_path: Path) -> None:
    assert run("import", str(samples / "preannotated.jsonl"), db_url=db_url).returncode == 0
    out = tmp_path / "out.jsonl"
    result = run(
        "--db",
        db_url,
        "export",
        "--format",
        "jsonl",
        "--out",
        str(out),
        "--annotator",
        "sample",
        db_url="sqlite:///ignored",
    )
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    unknown = run("export", "--out", str(out), "--annotator", "nobody", db_url=db_url)
    assert unknown.returncode == 1 and "no annotator named 'nobody'" in unknown.stderr


@pytest.mark.parametrize("args", [("export", "--format", "docx", "--out", "x"), ("import", "/no/such/file.txt")])
def test_usage_errors_are_one_line(db_url: str, args: tuple[str, ...]) -> None:
    result = run(*args, db_url=db_url)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("curator: error: ")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql://postgres@127.0.0.1:5999/none", "Connection refused"),
        ("foo://x", "Can't load plugin"),
        ("sqlite:///{tmp}/no/such/folder/x.sqlite", "unable to open database file"),
        ("sqlite:///{tmp}/not-a-database.sqlite", "file is not a database"),
    ],
)
def test_a_database_that_cannot_be_opened_is_one_line_naming_it(url: str, reason: str, tmp_path: Path) -> None:
    (tmp_path / "not-a-database.sqlite").write_text("a shopping list, not a database\n" * 200)
    url = url.format(tmp=tmp_path)
    result = run("stats", db_url=url)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"curator: error: cannot open the database {url}: ")
    assert reason in line


def test_batch_commands_collect_garbage_at_their_own_pace_and_then_at_python_s() -> None:
    import gc

    from curator.cli.batch_gc import BATCH_THRESHOLD, batch_pace

    before = gc.get_threshold()
    with batch_pace():
        assert gc.get_threshold() == BATCH_THRESHOLD
        assert gc.get_freeze_count() > 0  # what was alive at the start is not walked again
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


_PROGRESS = (
    "import sys\n"
    "from curator.cli.progress import progress_bar\n"
    "with progress_bar('Importing') as (set_total, advance):\n"
    "    set_total(2); advance(1); advance(1)\n"
    "print('rich' in sys.modules)\n"
)


def test_a_piped_command_shows_no_progress_and_loads_no_progress_library() -> None:
    done = subprocess.run([sys.executable, "-c", _PROGRESS], capture_output=True, text=True, check=True)
    assert (done.stdout.strip(), done.stderr) == ("False", "")


def test_a_command_on_a_terminal_shows_its_progress() -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PROGRESS], stdout=subprocess.PIPE, stderr=follower, text=True, check=True
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other side is closed: everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.stdout.strip() == "True"
    assert b"Importing" in shown


def test_a_batch_command_ends_quickly_with_its_output_whole_and_the_database_closed(
    sqlite_url: str, seeds: Path, tmp_path: Path
) -> None:
    """Batch commands skip Python's teardown (curator.cli.main.run): the output must still be all
    there, and the database closed as after an ordinary exit (no WAL files left beside it)."""
    assert run("import", str(seeds), db_url=sqlite_url).returncode == 0
    out = tmp_path / "out.jsonl"
    exported = run("export", "--format", "jsonl", "--out", str(out), db_url=sqlite_url)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    assert sorted(p.name for p in database.parent.glob(database.name + "*")) == [database.name]
    failed = run("export", "--format", "nope", "--out", str(out), db_url=sqlite_url)
    assert failed.returncode == 2 and failed.stderr.startswith("curator: error: ")
