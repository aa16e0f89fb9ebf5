"""ruff and mypy are part of the test suite, so CI fails on a lint or type error like on a test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_lint_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "curator", "tests", "db", "benchmarks")
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_format_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "curator", "tests", "db", "benchmarks")
    assert result.returncode == 0, result.stdout[-4000:]


def test_mypy_strict_on_the_package_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout[-6000:]


def test_the_tests_read_only_files_of_the_repository() -> None:
    """A bare clone must pass: no test may reach for the steering folder beside the checkout."""
    offenders = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ('parent / "shared"', "../shared", "parent.parent.parent"):
            if needle in text and path.name != "test_quality.py":
                offenders.append(f"{path.relative_to(REPO)}: {needle}")
    assert offenders == []
    assert (REPO / "tests" / "data" / "samples" / "preannotated.jsonl").is_file()
