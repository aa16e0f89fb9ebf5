"""`curator backup`, `restore` and `doctor` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CURATOR_DB": url}
    return subprocess.run(
        [sys.executable, "-m", "curator", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_backup_doctor_and_restore(sqlite_url: str, seeds: Path, tmp_path: Path) -> None:
    assert run("import", str(seeds), url=sqlite_url).returncode == 0
    backup = run("backup", str(tmp_path / "copy.sqlite"), url=sqlite_url)
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "copy.sqlite").is_file()
    doctor = run("doctor", url=sqlite_url)
    assert doctor.returncode == 0 and "no problems found" in doctor.stdout
    restored = run("restore", "--yes", str(tmp_path / "copy.sqlite"), url=sqlite_url)
    assert restored.returncode == 0, restored.stderr
    assert "previous state is kept" in restored.stdout


def test_doctor_exits_non_zero_on_problems(sqlite_url: str, seeds: Path) -> None:
    import sqlite3

    assert run("import", str(seeds), url=sqlite_url).returncode == 0
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE documents SET text = 'x' WHERE id = 1")
    conn.close()
    doctor = run("doctor", url=sqlite_url)
    assert doctor.returncode == 1
    assert "problem: document 000_f694274a42498c38: text changed outside Curator" in doctor.stdout


def test_backup_of_a_server_database_says_to_use_pg_dump(db_url: str) -> None:
    result = run("backup", "/tmp/never-written.sqlite", url=db_url)
    if db_url.startswith("sqlite"):
        assert result.returncode == 0
        Path("/tmp/never-written.sqlite").unlink()
    else:
        assert result.returncode == 1
        assert result.stderr.strip() == (
            "curator: error: backups are for SQLite databases; back up a PostgreSQL server with pg_dump"
        )
