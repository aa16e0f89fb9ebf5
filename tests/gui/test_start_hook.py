"""The start-up benchmark's hook (B5): with CURATOR_EXIT_WHEN_SHOWN=1 the app quits once its window is
painted and says when; a first start on an empty database still loads the demo corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curator.gui.app import EXIT_WHEN_SHOWN
from curator.store.database import Database
from curator.store.queries import count_documents

pytestmark = pytest.mark.gui


def test_the_app_reports_its_first_paint_and_quits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'start.sqlite'}"
    env = {
        **os.environ,
        EXIT_WHEN_SHOWN: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "CURATOR_HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "curator", "--db", url, "gui", "--annotator", "amina"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))
    assert started < report["shown_at"] < time.time() and report["peak_mb"] > 0
    db = Database(url)
    assert count_documents(db) > 0  # the demo corpus, on a first start
    db.dispose()
