"""A feature whose library is missing says, in the CLI and in the window, exactly what to install."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _curator_without(module: str, argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """``curator ARGV`` in a process where importing ``module`` fails, as on a machine without it."""
    code = f"import sys; sys.modules[{module!r}] = None\nfrom curator.cli.main import main\nmain({argv!r})"
    env = {"CURATOR_HOME": str(home), "CURATOR_CACHE": str(home / "cache"), "PATH": "/usr/bin:/bin"}
    env.update(PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)


@pytest.mark.parametrize(
    ("module", "argv", "expected"),
    [
        (
            "numpy",
            ["agreement"],
            "agreement needs numpy, which is not installed: python3 -m pip install 'numpy>=1.26'",
        ),
        (
            "matplotlib",
            ["report", "--out", "OUT"],
            "the report's charts needs matplotlib, which is not installed: python3 -m pip install 'matplotlib>=3.8'",
        ),
        (
            "numpy",
            ["review", "--reviewer", "lea"],
            "the review window needs numpy, which is not installed: python3 -m pip install 'numpy>=1.26'",
        ),
    ],
)
def test_the_review_commands_name_the_missing_package(
    module: str, argv: list[str], expected: str, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    two = tmp_path / "two.jsonl"  # two annotators' work, so there is agreement to compute
    spans = [
        {"annotator": who, "layer": "entity", "label": "LOC", "start": 20, "end": 26} for who in ("amina", "karim")
    ]
    two.write_text(json.dumps({"id": "d1", "text": "Le Conseil siège à Genève.", "annotations": spans}) + "\n")
    imported = _curator_without("nothing_hidden", ["--db", url, "import", str(two)], tmp_path)
    assert imported.returncode == 0, imported.stderr
    argv = [a.replace("OUT", str(tmp_path / "report")) for a in argv]
    result = _curator_without(module, ["--db", url, *argv], tmp_path)
    assert (result.returncode, result.stderr.strip()) == (1, f"curator: error: {expected}")
    assert not (tmp_path / "report").exists()


def test_a_postgresql_database_without_its_driver_says_what_to_install(tmp_path: Path) -> None:
    result = _curator_without("psycopg", ["--db", "postgresql://nobody@127.0.0.1:9/none", "stats"], tmp_path)
    assert (result.returncode, result.stderr.strip()) == (
        1,
        "curator: error: a PostgreSQL database needs psycopg, which is not installed: "
        "python3 -m pip install 'psycopg[binary]>=3.1'",
    )


@pytest.mark.gui
def test_review_open_review_window_says_what_to_install(
    sqlite_db: object, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from curator.gui import main_window
    from curator.gui.main_window import MainWindow

    real_import = importlib.import_module

    def without_numpy(name: str, package: str | None = None) -> object:
        if name == "curator.gui.review":
            raise ModuleNotFoundError("No module named 'numpy'", name="numpy")
        return real_import(name, package)

    monkeypatch.setattr(main_window.importlib, "import_module", without_numpy)
    window = MainWindow(sqlite_db, "amina")  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    (entry,) = [a for a in window.review_menu.actions() if a.text() == "Open review window…"]
    entry.trigger()
    expected = "The review window needs numpy, which is not installed: python3 -m pip install 'numpy>=1.26'"
    assert shown == [expected] and window.statusBar().currentMessage() == expected
