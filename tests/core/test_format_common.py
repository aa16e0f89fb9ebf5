"""What every format shares: safe file names, the output folder, the dataset card, the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from format_corpus import GOLD, annotated_db, snapshot

from curator.cli.main import cli
from curator.errors import CuratorError
from curator.io import registry
from curator.io.dataset_card import is_card
from curator.io.export_folder import OutputRefused
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.io.safe_names import inside, safe_file_name, unique_names
from curator.optional_libs import INSTALL_HINT
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../x", "_.._x"),
        ("/etc/passwd", "etc_passwd"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("a\u202etxt.exe", "atxt.exe"),
        ("..", "document"),
        ("C:\\Windows\\system32", "C_Windows_system32"),
        ("trailing dots...", "trailing_dots"),
        ("بيان الأمم المتحدة: «السلام»؟", "بيان_الأمم_المتحدة_«السلام»؟"),
        ("e\u0301t\u00e9", "\u00e9t\u00e9"),  # NFC
    ],
)
def test_safe_file_names(title: str, expected: str, tmp_path: Path) -> None:
    name = safe_file_name(title)
    assert name == expected
    assert inside(tmp_path, name).parent == tmp_path


def test_long_arabic_titles_stay_under_the_byte_limit_without_splitting_a_letter() -> None:
    title = "مُنَظَّمَةَ " * 60  # 300+ Arabic characters with marks, 2 bytes each
    name = safe_file_name(title)
    assert len(name.encode("utf-8")) <= 200
    assert name == name.strip("_") and not name.endswith("\u064e")
    assert len((name + ".README.md").encode("utf-8")) < 255


def test_unique_names_ignore_case_and_inside_refuses_escapes(tmp_path: Path) -> None:
    assert unique_names(["Doc", "doc", "DOC", "CON"]) == ["Doc", "doc~2", "DOC~3", "_CON"]
    for bad in ("../x", "/etc/passwd", "..", "a/../../b"):
        with pytest.raises(ValueError, match="would leave the output folder"):
            inside(tmp_path / "out", bad)


def test_a_foreign_folder_is_refused_and_a_previous_export_replaced(corpus: Database, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("do not delete", encoding="utf-8")
    with pytest.raises(OutputRefused, match="not empty and holds no Curator export"):
        export("brat", corpus, mine)
    assert (mine / "thesis.docx").read_text(encoding="utf-8") == "do not delete"
    out = tmp_path / "out"
    export("brat", corpus, out)
    export("brat", corpus, out, annotators=[GOLD])  # replaces the previous export as a whole
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["_text_only", GOLD]
    with pytest.raises(OutputRefused, match="is a file"):
        export("brat", corpus, mine / "thesis.docx")


@pytest.mark.parametrize("fmt", sorted(registry.export_names()))
def test_a_cancelled_export_leaves_the_previous_one_and_no_debris(corpus: Database, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("data.jsonl" if fmt == "jsonl" else "data")
    export(fmt, corpus, out)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    seen = []

    def progress(n: int) -> None:
        seen.append(n)
        if len(seen) == 3:
            raise KeyboardInterrupt  # what a Cancel button does

    with pytest.raises(KeyboardInterrupt):
        export(fmt, corpus, out, progress=progress)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("fmt", sorted(registry.export_names()))
def test_every_export_has_a_dataset_card(corpus: Database, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("data.jsonl" if fmt == "jsonl" else "data")
    assert export(fmt, corpus, out) == 8
    card_path = tmp_path / "data.README.md" if fmt == "jsonl" else out / "README.md"
    card = card_path.read_text(encoding="utf-8")
    assert is_card(card_path)  # the marker first, or right after the front matter (parquet's configs)
    assert card.startswith("<!-- curator dataset card -->\n" if fmt != "parquet" else "---\nconfigs:\n")
    assert f"Format: **{fmt}**" in card
    assert "by Curator 0.1.0" in card and "Written 20" in card
    # counts per label and annotator, of the spans the files hold: CoNLL leaves out an ORG nested in
    # another (as CoNLL-U does), the claims CSV every ORG that is not a claimant
    bio = "| 21 | 0 | 3 | 24 |"
    org = {"conll": bio, "conllu": bio, "csv": "| 2 | 0 | 2 |"}.get(fmt, "| 22 | 0 | 3 | 25 |")
    assert f"| entity | ORG {org}" in card
    assert "| 003_b923d6f7b2ab459c | fr |" in card  # documents
    assert "<U+202E>" in card and "\u202e" not in card  # a bidi override in an id cannot reorder the card
    assert "relation **claimant**: claim CLAIM → entity PER/ORG" in card  # schema


def test_import_format_names_agree() -> None:
    choices = {p.name: p.type for p in cli.commands["import"].params}["fmt"]
    assert isinstance(choices, click.Choice)
    assert list(choices.choices) == registry.import_names()


def test_a_missing_library_is_one_clear_line(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['spacy'] = None\n"
        "from curator.io import registry\n"
        "from curator.errors import CuratorError\n"
        "try:\n    registry.named('spacy').writer()\nexcept CuratorError as e:\n    print(e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == (
        "the spacy format needs spaCy 3, which is not installed: python3 -m pip install 'curator[formats]'"
    )
    assert issubclass(OutputRefused, CuratorError)


@pytest.mark.parametrize(
    ("hidden", "fmt", "package", "suffix"),
    [
        ("spacy", "spacy", "spaCy 3", ".spacy"),
        ("pyarrow", "parquet", "pyarrow", ".parquet"),
        ("cassis", "xmi", "dkpro-cassis", ".xmi"),
    ],
)
def test_without_its_library_a_format_exports_and_imports_nothing_and_says_what_to_install(
    tmp_path: Path, seeds: Path, hidden: str, fmt: str, package: str, suffix: str
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    assert _cli("--db", url, "import", str(seeds), home=tmp_path).returncode == 0
    (tmp_path / f"x{suffix}").write_bytes(b"not read")
    expected = f"curator: error: the {fmt} format needs {package}, which is not installed: {INSTALL_HINT}"
    for args in (["export", "--format", fmt, "--out", str(tmp_path / "out")], ["import", str(tmp_path / f"x{suffix}")]):
        argv = ["--db", url, *args]
        code = f"import sys; sys.modules[{hidden!r}] = None\nfrom curator.cli.main import main\nmain({argv!r})"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert (result.returncode, result.stderr.strip()) == (1, expected), args
    assert not (tmp_path / "out").exists()


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        env={"CURATOR_HOME": str(home), "CURATOR_CACHE": str(home / "cache"), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_command_line_export_and_import(tmp_path: Path, samples: Path, seeds: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert _cli("--db", url, "import", str(seeds), str(samples / "preannotated.jsonl"), home=tmp_path).returncode == 0
    result = _cli(
        "--db", url, "export", "--format", "conll", "--out", str(tmp_path / "c"), "--layer", "entity", home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "tokens were split so that every span starts and ends on a token" in result.stdout
    assert "exported 7 documents" in result.stdout
    result = _cli("--db", url, "export", "--format", "brat", "--out", str(tmp_path / "b"), "--curated", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "curator: error: no annotator named 'curation' in the database: nothing has been curated yet"
    )
    result = _cli(
        "--db", url, "export", "--format", "csv", "--out", str(tmp_path / "x"), "--layer", "claims", home=tmp_path
    )
    assert result.returncode == 2 and "no layer 'claims' in the schema" in result.stderr
    doccano = tmp_path / "pre.jsonl"
    doccano.write_text(
        json.dumps({"text": "L’OCI à Jeddah.", "label": [[2, 5, "ORG"], [8, 14, "LOC"]]}) + "\n", "utf-8"
    )
    result = _cli("--db", url, "import", str(doccano), "--format", "doccano", "--annotator", "model", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "imported 1 document, 2 annotations" in result.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "L’OCI", "label": [[2, 9, "ORG"]]}) + "\n", "utf-8")
    result = _cli("--db", url, "import", str(bad), "--format", "doccano", "--annotator", "model", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"curator: error: {bad}:1: span 1: end 9 is past the end of the text (5 characters); nothing was imported"
    )


@pytest.mark.parametrize("fmt", ["brat", "xmi", "spacy", "labelstudio", "parquet"])
def test_import_into_every_supported_database(corpus: Database, tmp_path: Path, db: Database, fmt: str) -> None:
    """The importers write through the same one-transaction path on SQLite and PostgreSQL."""
    out = tmp_path / "out"
    export(fmt, corpus, out)
    import_paths(db, [out])
    assert snapshot(db, doc_labels=fmt != "brat") == snapshot(corpus, doc_labels=fmt != "brat")


def test_command_line_round_trip_of_conll_csv_and_parquet(tmp_path: Path, seeds: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    pre = tmp_path / "pre.jsonl"
    text = (seeds / "003_b923d6f7b2ab459c.txt").read_text(encoding="utf-8")
    start = text.index("Jeddah")
    record = {
        "id": "d",
        "text": text,
        "annotations": [{"layer": "entity", "label": "LOC", "start": start, "end": start + 6}],
    }
    pre.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _cli("--db", url, "import", str(pre), "--annotator", "model", home=tmp_path).returncode == 0
    for fmt in ("conll", "parquet"):
        out = tmp_path / fmt
        assert _cli("--db", url, "export", "--format", fmt, "--out", str(out), home=tmp_path).returncode == 0
        fresh = f"sqlite:///{tmp_path / (fmt + '.sqlite')}"
        result = _cli("--db", fresh, "import", str(out), home=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "imported 1 document, 1 annotation" in result.stdout
    claims = tmp_path / "claims.csv"
    claims.write_text("document,annotator,start,end,claim\r\nd,model,0,3,xyz\r\n", encoding="utf-8")
    result = _cli("--db", url, "import", str(claims), "--format", "csv", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"curator: error: {claims}:2: row 2: claim 'xyz' is not the text at 0-3 ({text[:3]!r}) of document 'd'; "
        "nothing was imported"
    )
