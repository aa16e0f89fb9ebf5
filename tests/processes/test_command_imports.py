"""A command imports what it needs and no more (issue 23): ``curator --help`` loads no format, no
store and no Qt; ``curator stats`` on a SQLite file counts without SQLAlchemy or the schema; the
export of one jsonl document loads no other format's reader or writer. What each process imported is
read from its ``sys.modules`` at the end, so these hold whatever the machine's speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

HEAVY = ("sqlalchemy", "pydantic", "alembic", "PySide6", "curator.schema", "curator.store.models", "curator.gui")


def _curator(argv: list[str], home: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``curator ARGV`` in a fresh process; its result and the modules it had imported at the end."""
    dump = home / "modules.json"
    code = (
        "import json, sys\nfrom curator.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
        f"open({str(dump)!r}, 'w').write(json.dumps(sorted(sys.modules)))\nsys.exit(code)"
    )
    env = {"CURATOR_HOME": str(home), "CURATOR_CACHE": str(home / "cache"), "PATH": "/usr/bin:/bin"}
    env.update(PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)
    return result, set(json.loads(dump.read_text()))


def _loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The modules of ``packages`` (each a package or module name) among ``modules``."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def _corpus(tmp_path: Path) -> str:
    """A database at the current revision holding two documents, one annotated twice."""
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    spans = [
        {"annotator": who, "layer": "entity", "label": "LOC", "start": 20, "end": 26} for who in ("amina", "karim")
    ]
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(
        json.dumps({"id": "d1", "text": "Le Conseil siège à Genève.", "language": "fr", "annotations": spans})
        + "\n"
        + json.dumps({"id": "d2", "text": "مجلس الأمن في جنيف.", "language": "ar"})
        + "\n",
        encoding="utf-8",
    )
    imported, _ = _curator(["--db", url, "import", str(corpus)], tmp_path)
    assert imported.returncode == 0, imported.stderr
    return url


def test_help_lists_the_commands_without_loading_a_format_the_store_or_qt(tmp_path: Path) -> None:
    result, modules = _curator(["--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "export" in result.stdout and "stats" in result.stdout
    assert _loaded(modules, ("curator.io", "curator.store", *HEAVY)) == []


def test_import_help_still_lists_every_format_it_reads(tmp_path: Path) -> None:
    result, modules = _curator(["import", "--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "webanno" in result.stdout and "prodigy" in result.stdout
    assert _loaded(modules, ("curator.store", *HEAVY)) == []


def test_stats_counts_a_sqlite_file_without_sqlalchemy_or_the_schema(tmp_path: Path) -> None:
    url = _corpus(tmp_path)
    result, modules = _curator(["--db", url, "stats", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == {"total": 2, "by_language": {"ar": 1, "fr": 1}}
    assert figures["annotations"]["by_annotator"] == {"amina": 1, "karim": 1}
    assert figures["annotations"]["by_label"] == {"entity/LOC": 2}
    assert _loaded(modules, ("curator.io", *HEAVY)) == []


def test_stats_of_a_database_not_yet_made_opens_it_the_ordinary_way(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    result, modules = _curator(["--db", url, "stats", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"]["total"] == 0
    assert (tmp_path / "new.sqlite").is_file()  # created and migrated, as before
    assert "sqlalchemy" in modules


def test_exporting_one_jsonl_document_loads_no_other_format(tmp_path: Path) -> None:
    url = _corpus(tmp_path)
    out = tmp_path / "one.jsonl"
    result, modules = _curator(["--db", url, "export", "--documents", "d1", "--out", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["d1"]
    # Every format's declaration is read (the --format choices), but no other format's reader or writer.
    other_formats = sorted(
        m
        for m in modules
        if m.startswith("curator.io.formats.") and m.endswith((".read", ".write")) and ".jsonl." not in m
    )
    assert other_formats == []
    assert "curator.io.formats.jsonl.write" in modules
    assert _loaded(modules, ("PySide6", "curator.gui")) == []
