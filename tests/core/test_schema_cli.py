"""`curator schema ...` (issue 21): each command one change, the file given with --schema written
back, bad input one line on stderr and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator.cli.main import main
from curator.paths import default_schema_path
from curator.records import DocumentIn, SpanIn
from curator.schema import load_schema
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database

TEXT = "Paris et Rome, puis Paris."


@pytest.fixture
def project(sqlite_url: str, tmp_path: Path) -> tuple[str, Path, int]:
    schema_file = tmp_path / "schema.yaml"
    shutil.copyfile(default_schema_path(), schema_file)
    db = Database(sqlite_url, schema_path=schema_file)
    doc = DocumentIn(source="t.jsonl", line=1, text=TEXT, ext_id="t1", title="T")
    doc.spans = [SpanIn("entity", "LOC", 0, 5, "amina"), SpanIn("entity", "LOC", 9, 13, "karim")]
    doc.spans.append(SpanIn("entity", "LOC", 20, 25, "karim"))
    write_batch(db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(db, ["t1"])
    db.dispose()
    return sqlite_url, schema_file, doc_id


def _run(url: str, schema_file: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(["--db", url, "--schema", str(schema_file), "schema", *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _labels(url: str, doc_id: int) -> list[str]:
    db = Database(url)
    try:
        return [s.label for s in queries.spans(db, doc_id)]
    finally:
        db.dispose()


def test_each_schema_command_changes_the_schema_and_writes_the_file_back(
    project: tuple[str, Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    url, schema_file, doc_id = project
    code, out, _ = _run(url, schema_file, "rename-label", "entity", "LOC", "--en", "Location", capsys=capsys)
    assert code == 0 and "rename label entity-LOC (schema version 2)" in out and f"written back to {schema_file}" in out
    assert load_schema(schema_file).label("entity", "LOC").names.en == "Location"  # type: ignore[union-attr]
    code, out, _ = _run(
        url, schema_file, "split-label", "entity", "LOC", "CITY", "--ar", "مدينة", "--fr", "Ville", "--en", "City",
        "--color", "#112233", "--text", "paris", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and "2 span(s) changed" in out
    assert _labels(url, doc_id) == ["CITY", "LOC", "CITY"]
    code, out, _ = _run(url, schema_file, "merge-labels", "entity", "CITY", "LOC", capsys=capsys)
    assert code == 0 and _labels(url, doc_id) == ["LOC", "LOC", "LOC"]
    code, out, _ = _run(url, schema_file, "set-label", "entity", "LOC", "--color", "#000000", "--no-shortcut",
                        capsys=capsys)  # fmt: skip
    assert code == 0
    code, out, _ = _run(
        url, schema_file, "add-attribute", "entity", "LOC", "kind", "--ar", "نوع", "--fr", "Type", "--en", "Kind",
        "--type", "choice", "--values", "city,country", capsys=capsys,
    )  # fmt: skip
    assert code == 0
    code, out, _ = _run(
        url, schema_file, "add-label", "entity", "NORP", "--ar", "جماعة", "--fr", "Groupe", "--en", "Group",
        "--color", "#abcdef", "--shortcut", "G", capsys=capsys,
    )  # fmt: skip
    assert code == 0
    schema = load_schema(schema_file)
    loc = schema.label("entity", "LOC")
    assert loc is not None and (loc.color, loc.shortcut) == ("#000000", None)
    assert [a.values for a in loc.attributes] == [("city", "country")]
    assert schema.label("entity", "NORP") is not None and schema.version == 7
    assert "# Every layer and label has names in Arabic, French and English" in schema_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rename-label", "entity", "NOPE", "--en", "x"), "unknown label 'NOPE'"),
        (("rename-label", "entity", "LOC", "--en", "Person"), "already named 'Person'"),
        (("merge-labels", "entity", "LOC", "LOC"), "merged with itself"),
        (("split-label", "entity", "LOC", "CITY", "--ar", "a", "--fr", "b", "--en", "c", "--color", "#000000"),
         "--spans IDS or --text TEXT"),
        (("split-label", "entity", "LOC", "CITY", "--ar", "a", "--fr", "b", "--en", "c", "--color", "#000000",
          "--text", "Londres"), "no span of entity-LOC has the text"),
        (("set-label", "entity", "LOC"), "give --color, --shortcut or --no-shortcut"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_writes_nothing(
    project: tuple[str, Path, int], capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    url, schema_file, doc_id = project
    before = schema_file.read_text(encoding="utf-8")
    code, _out, err = _run(url, schema_file, *args, capsys=capsys)
    assert code != 0 and err.startswith("curator: error: ") and message in err and len(err.strip().splitlines()) == 1
    assert schema_file.read_text(encoding="utf-8") == before
    assert _labels(url, doc_id) == ["LOC", "LOC", "LOC"]


def _exported_labels(url: str, out: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    import json

    main(["--db", url, "export", "--format", "jsonl", "--out", str(out)])
    capsys.readouterr()
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return sorted(a["label"] for a in record["annotations"])


def test_exports_name_labels_by_their_stable_id_through_a_rename_and_by_the_target_after_a_merge(
    project: tuple[str, Path, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, schema_file, _doc = project
    assert _exported_labels(url, tmp_path / "before.jsonl", capsys) == ["LOC", "LOC", "LOC"]
    _run(url, schema_file, "rename-label", "entity", "LOC", "--en", "Location", "--fr", "Endroit", capsys=capsys)
    assert _exported_labels(url, tmp_path / "renamed.jsonl", capsys) == ["LOC", "LOC", "LOC"]
    _run(url, schema_file, "merge-labels", "entity", "LOC", "ORG", capsys=capsys)
    assert _exported_labels(url, tmp_path / "merged.jsonl", capsys) == ["ORG", "ORG", "ORG"]
