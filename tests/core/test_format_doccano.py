"""doccano JSONL (import only): both of doccano's shapes, written here from the stored spans, come back
identical; a bad span names its file and line and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from format_corpus import AMINA, annotated_db, fresh_db, stored_spans

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _write_doccano(corpus: Database, path: Path, relation_shape: bool) -> None:
    """What doccano exports for amina's entity and claim spans (doccano's labels carry no layer)."""
    with path.open("w", encoding="utf-8") as handle:
        for b in queries.iter_bundles(corpus, [AMINA]):
            spans = [s for s in b.spans if s.layer != "area"]  # HUMANITARIAN etc. are also document labels
            record: dict[str, object] = {"id": b.document.ext_id, "text": b.document.text}
            if relation_shape:
                record["entities"] = [
                    {"id": s.id, "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in spans
                ]
                record["relations"] = [
                    {"id": r.id, "from_id": r.source_id, "to_id": r.target_id, "type": r.type} for r in b.relations
                ]
            else:
                record["label"] = [[s.start, s.end, s.label] for s in spans]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("relation_shape", [False, True])
def test_doccano_export_comes_back_identical(corpus: Database, tmp_path: Path, relation_shape: bool) -> None:
    path = tmp_path / "doccano.jsonl"
    _write_doccano(corpus, path, relation_shape)
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [path], annotator=AMINA, fmt="doccano")
    expected = [s for s in stored_spans(corpus, [AMINA]) if s[2] != "area"]
    assert stored_spans(fresh) == expected
    if relation_shape:
        rels = [(r.type, r.annotator) for b in queries.iter_bundles(fresh) for r in b.relations]
        assert len(rels) == 10
    fresh.dispose()


def test_a_doccano_jsonl_without_format_doccano_is_refused_naming_it(db_url: str, tmp_path: Path) -> None:
    from test_cli import run

    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"text": "L’OCI à Jeddah.", "label": [[2, 5, "ORG"]]}) + "\n", encoding="utf-8")
    # .jsonl is Curator's interchange form: read as that, the labels would be gone
    for check in (["--check"], []):
        refused = run("import", *check, "--annotator", "x", str(path), db_url=db_url)
        assert refused.returncode == 1
        assert f"{path}:1: this is a doccano record ('label' holds [start, end, label] lists)" in refused.stderr
        assert "import the file with --format doccano" in refused.stderr
    assert json.loads(run("stats", "--json", db_url=db_url).stdout)["documents"]["total"] == 0
    done = run("import", "--format", "doccano", "--annotator", "x", str(path), db_url=db_url)
    assert done.returncode == 0, done.stderr
    assert "imported 1 document, 1 annotation," in done.stdout


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "L’OCI", "label": [[2, 9, "ORG"]]}', "span 1: end 9 is past the end of the text (5 characters)"),
        ('{"text": "L’OCI", "label": [[2, 5, "THING"]]}', "span 1: unknown label 'THING'"),
        ('{"text": "L’OCI", "label": [[2, true, "ORG"]]}', "span 1 end must be an integer, not True"),
        ('{"text": "L’OCI", "text": "x"}', "duplicate key 'text'"),
        ('{"text": "قَالَ", "label": [[0, 1, "PER"]]}', "span 0-1 ends between a letter and its marks"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, sqlite_db: Database, line: str, message: str) -> None:
    path = tmp_path / "doccano.jsonl"
    good = json.dumps({"text": "Khaled Khiari", "label": [[0, 13, "PER"]]})
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [path], annotator="x", fmt="doccano")
    assert any(str(p).startswith(f"{path}:2: ") and message in str(p) for p in err.value.problems), err.value.problems
    assert sqlite_db.annotator_names() == []


def test_a_record_without_annotator_needs_one(tmp_path: Path, sqlite_db: Database) -> None:
    path = tmp_path / "doccano.json"
    path.write_text(json.dumps([{"text": "Khaled Khiari", "label": [[0, 13, "PER"]]}]), encoding="utf-8")
    with pytest.raises(InputRejected, match=r"doccano.json:1: the record names no annotator"):
        import_paths(sqlite_db, [path], fmt="doccano")
    path.write_text(json.dumps([{"text": "Khaled Khiari", "label": [[0, 13, "PER"]], "user": "admin"}]), "utf-8")
    import_paths(sqlite_db, [path], fmt="doccano")
    assert [s[1] for s in stored_spans(sqlite_db)] == ["admin"]


def test_a_doccano_json_array_without_format_doccano_is_refused_naming_it(db_url: str, tmp_path: Path) -> None:
    from test_cli import run

    path = tmp_path / "doccano.json"  # .json is read as Label Studio tasks unless told otherwise
    records = [{"id": 1, "text": "L’OCI à Jeddah.", "label": [[2, 5, "ORG"]]}]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    refused = run("import", "--annotator", "x", str(path), db_url=db_url)
    assert refused.returncode == 1
    assert f"{path}:2: this is a doccano record ('label' holds [start, end, label] lists), not a Label Studio task" in (
        refused.stderr
    )
    assert "--format doccano" in refused.stderr


def test_label_studio_tasks_written_one_per_line_are_refused_naming_label_studio(db_url: str, tmp_path: Path) -> None:
    from test_cli import run

    path = tmp_path / "tasks.jsonl"
    task = {"id": 3, "data": {"text": "L’OCI"}, "annotations": [{"result": [{"type": "labels"}]}]}
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    refused = run("import", str(path), db_url=db_url)
    assert refused.returncode == 1
    assert f"{path}:1: this is a Label Studio task (its text under 'data')" in refused.stderr
    assert "--format labelstudio" in refused.stderr
