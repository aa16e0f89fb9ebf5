"""The suggestion commands as a script uses them: ``curator suggest``, ``curator gazetteer import``
and ``curator import --as-suggestions``, on the seed corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor


def run(*args: str, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CURATOR_DB": db_url}
    return subprocess.run(
        [sys.executable, "-m", "curator", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def suggestions_of(annotator: str, db_url: str) -> list[dict[str, object]]:
    result = run("suggest", "--annotator", annotator, "--json", db_url=db_url)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def seeded(sqlite_url: str, seeds: Path) -> str:
    assert run("import", str(seeds), db_url=sqlite_url).returncode == 0
    return sqlite_url


def document(db: Database, prefix: str) -> queries.DocumentRecord:
    for bundle in queries.iter_bundles(db):
        if bundle.document.ext_id.startswith(prefix):
            return bundle.document
    raise AssertionError(prefix)


def test_suggest_json_prints_every_occurrence_of_a_name_labelled_once(seeded: str) -> None:
    db = Database(seeded)
    first = document(db, "000")
    at = first.text.index("الأمم المتحدة")
    Editor(db, "amina").add_span(first.id, "entity", "ORG", at, at + len("الأمم المتحدة"))
    texts = {b.document.ext_id: b.document.text for b in queries.iter_bundles(db)}
    db.dispose()
    result = run("suggest", "--annotator", "amina", "--json", db_url=seeded)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines, "the seeds name the United Nations more than once"
    for line in lines:
        assert {"document", "start", "end", "text", "label", "score", "source"} <= line.keys()
        assert texts[line["document"]][line["start"] : line["end"]] == line["text"]
        assert (line["label"], line["source"]) == ("ORG", "learned")
    assert len({line["document"] for line in lines}) > 1
    plain = run("suggest", "--annotator", "amina", db_url=seeded)
    assert f"{len(lines)} suggestion" in plain.stderr


def test_suggest_evaluate_prints_precision_recall_and_f1(seeded: str) -> None:
    db = Database(seeded)
    amina = Editor(db, "amina")
    for prefix in ("000", "001"):
        doc = document(db, prefix)
        at = doc.text.index("الأمم المتحدة")
        amina.add_span(doc.id, "entity", "ORG", at, at + len("الأمم المتحدة"))
    db.dispose()
    result = run("suggest", "--annotator", "amina", "--evaluate", "--json", db_url=seeded)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 2
    assert figures["overall"]["annotated"] == 2 and figures["overall"]["right"] == 2
    assert 0 < figures["overall"]["precision"] <= 1


def test_a_bad_gazetteer_line_fails_naming_file_and_line(seeded: str, tmp_path: Path) -> None:
    bad = tmp_path / "names.tsv"
    bad.write_text("الأمم المتحدة\tORG\nمنظمة التعاون الإسلامي\tCOMPANY\n", encoding="utf-8")
    result = run("gazetteer", "import", str(bad), db_url=seeded)
    assert result.returncode == 1
    assert result.stderr.startswith(f"curator: error: {bad}:2: unknown label 'COMPANY'")
    assert run("gazetteer", "list", db_url=seeded).stdout.strip() == "no gazetteers"
    good = tmp_path / "oic.tsv"
    good.write_text("منظمة التعاون الإسلامي\tORG\nl'OCI\tORG\n", encoding="utf-8")
    assert "2 names" in run("gazetteer", "import", str(good), db_url=seeded).stdout
    found = suggestions_of("x", seeded)
    assert {line["source"] for line in found} == {"gazetteer:oic"}
    assert any(line["document"].startswith("003") and line["text"] == "OCI" for line in found)


def test_label_studio_predictions_become_suggestions_and_never_an_export(seeded: str, tmp_path: Path) -> None:
    db = Database(seeded)
    french = document(db, "003")
    db.dispose()
    at = french.text.index("Khaled Khiari")
    task = {
        "data": {"text": french.text, "doc_id": french.ext_id},
        "predictions": [
            {
                "model_version": "camel-ner-1",
                "score": 0.7,
                "result": [
                    {
                        "id": "r1",
                        "from_name": "entity",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": at, "end": at + 13, "labels": ["PER"]},
                        "score": 0.93,
                    }
                ],
            }
        ],
    }
    path = tmp_path / "predictions.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    result = run("import", "--as-suggestions", str(path), db_url=seeded)
    assert result.returncode == 0, result.stderr
    assert "kept 1 suggestion of camel-ner-1 on 1 document" in result.stdout
    found = suggestions_of("x", seeded)
    assert [(f["text"], f["score"], f["source"]) for f in found] == [("Khaled Khiari", 0.93, "model:camel-ner-1")]
    out = tmp_path / "export.jsonl"
    assert run("export", "--format", "jsonl", "--out", str(out), db_url=seeded).returncode == 0
    assert all(not json.loads(line).get("annotations") for line in out.read_text(encoding="utf-8").splitlines())
    stats = json.loads(run("stats", "--json", db_url=seeded).stdout)
    assert stats["annotations"]["total"] == 0
    # the ordinary import of the same file keeps the annotation and says the score was not kept
    ordinary = run("import", str(path), db_url=seeded)
    assert "1 annotation came with a model's score" in ordinary.stdout
