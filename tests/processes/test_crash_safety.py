"""SQLite crash safety: an edit reported saved survives SIGKILL; two writers never see "database is locked".

Modelled on SQLite's own crash tests: kill a child at random moments during a burst of edits, many
rounds, then check every acknowledged edit and ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from curator.io.importer import import_paths
from curator.store.database import Database

CHILD = Path(__file__).parent / "edit_burst.py"
TEXT = "منظمة التعاون الإسلامي والأمم المتحدة " * 6  # 228 characters, no marks, one paragraph


def _prepare(url: str, folder: Path) -> None:
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    db = Database(url)
    import_paths(db, [folder / "doc.txt"])
    db.dispose()


def _child(url: str, annotator: str, count: int, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), url, annotator, str(count), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.mark.slow
def test_every_acknowledged_edit_survives_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    _prepare(url, tmp_path)
    rng = random.Random(20261123)
    acked_adds: dict[int, tuple[int, int]] = {}
    acked_versions: dict[int, tuple[int, str]] = {}
    rounds = 12
    for round_no in range(rounds):
        child = _child(url, "amina", 100_000, round_no)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.05, 0.6)
        lines: list[str] = []
        os.set_blocking(child.stdout.fileno(), False)
        while time.monotonic() < deadline:
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines.extend((child.stdout.read() or "").splitlines())
        assert child.returncode == -signal.SIGKILL
        for line in lines:
            parts = line.split()
            if parts[:2] == ["ack", "add"]:
                acked_adds[int(parts[2])] = (int(parts[3]), int(parts[4]))
            elif parts[:2] == ["ack", "update"]:
                acked_versions[int(parts[2])] = (int(parts[3]), parts[4])
    assert len(acked_adds) > rounds, "the children should have acknowledged many edits before being killed"
    db = Database(url)
    with db.read() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        rows = {
            span_id: (start, end, version, label)
            for span_id, start, end, version, label in session.execute(
                text('SELECT s.id, s.start, s."end", s.version, l.key FROM spans s JOIN labels l ON l.id = s.label_id')
            )
        }
    missing = [span_id for span_id in acked_adds if span_id not in rows]
    assert not missing, f"{len(missing)} acknowledged spans were lost"
    for span_id, (start, end) in acked_adds.items():
        assert rows[span_id][:2] == (start, end)
    for span_id, (version, label) in acked_versions.items():
        # a later update may have committed before the kill without being acknowledged yet
        assert rows[span_id][2] >= version
        if rows[span_id][2] == version:
            assert rows[span_id][3] == label
    db.dispose()


def test_two_processes_writing_one_file_both_finish(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    _prepare(url, tmp_path)
    children = [_child(url, name, 150, seed) for seed, name in enumerate(("amina", "yusuf"))]
    outputs = [child.communicate(timeout=180) for child in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-2000:]
        assert "database is locked" not in err
        assert out.count("ack ") == 150
    db = Database(url)
    with db.read() as session:
        per_annotator = dict(
            session.execute(
                text(
                    "SELECT a.name, count(*) FROM history h JOIN annotators a ON a.name = h.annotator "
                    "WHERE h.kind = 'span' GROUP BY a.name"
                )
            ).all()
        )
    assert per_annotator == {"amina": 150, "yusuf": 150}
    db.dispose()


def test_two_processes_opening_a_new_database_migrate_it_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    code = "import sys; from curator.store.database import Database; Database(sys.argv[1]); print('ok')"
    children = [
        subprocess.Popen([sys.executable, "-c", code, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
        assert out.strip() == "ok"
