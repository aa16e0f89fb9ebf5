"""Prodigy JSONL (import only): a curator imports what ``prodigy db-out`` wrote, spans to the layer
of their label, accepted choices to document labels; read as Curator's own JSONL it is refused naming
``--format prodigy``, and nothing Prodigy holds is lost without a word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from format_corpus import stored_spans
from test_cli import run

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database

TEXT = "قال خياري إن منظمة التعاون الإسلامي تعمل في غزة."


def _task(**more: Any) -> dict[str, Any]:
    """A task as Prodigy's ner.manual stores it (token spans and tokens included)."""
    org_start = TEXT.index("منظمة")
    return {
        "text": TEXT,
        "meta": {"source": "wire-2024"},
        "_input_hash": 1234567,
        "_task_hash": -98765,
        "tokens": [{"text": "قال", "start": 0, "end": 3, "id": 0, "ws": True}],
        "spans": [
            {"start": 4, "end": 9, "label": "PER", "token_start": 1, "token_end": 1},
            {"start": org_start, "end": org_start + 22, "label": "ORG", "text": "منظمة التعاون الإسلامي"},
        ],
        "_view_id": "ner_manual",
        "answer": "accept",
        "_timestamp": 1718000000,
        "_annotator_id": "news-amina",
        "_session_id": "news-amina",
        **more,
    }


def _write(path: Path, *tasks: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    return path


def test_a_prodigy_file_without_format_prodigy_is_refused_naming_it_then_imported_with_it(
    db_url: str, tmp_path: Path
) -> None:
    path = _write(tmp_path / "news.jsonl", _task())
    refused = run("import", str(path), db_url=db_url)
    assert refused.returncode == 1
    assert f"{path}:1: this is a Prodigy record" in refused.stderr and "--format prodigy" in refused.stderr
    done = run("import", "--format", "prodigy", str(path), db_url=db_url)
    assert done.returncode == 0, done.stderr
    assert "imported 1 document, 2 annotations" in done.stdout


def test_spans_land_on_their_characters_and_prodigy_fields_are_kept_in_meta(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = _write(tmp_path / "news.jsonl", _task(), _task(_annotator_id="news-karim", _session_id="news-karim"))
    import_paths(sqlite_db, [path], fmt="prodigy")
    spans = [s[1:] for s in stored_spans(sqlite_db)]
    assert ("news-amina", "entity", "PER", 4, 9, "خياري") in spans
    assert ("news-karim", "entity", "ORG", 13, 35, "منظمة التعاون الإسلامي") in spans
    (doc,) = [b.document for b in queries.iter_bundles(sqlite_db)]  # one input, two annotators: one document
    assert doc.ext_id == "prodigy-1234567" and doc.language == "ar"
    assert doc.meta["source"] == "wire-2024"
    assert doc.meta["prodigy"]["_task_hash"] == -98765 and doc.meta["prodigy"]["answer"] == "accept"


def test_accepted_choices_become_document_labels(sqlite_db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "areas.jsonl", _task(spans=[], accept=["HUMANITARIAN"], options=[{"id": "HUMANITARIAN"}]))
    report = import_paths(sqlite_db, [path], fmt="prodigy")
    assert report.batch.doc_labels_added == 1
    (bundle,) = list(queries.iter_bundles(sqlite_db))
    assert bundle.doc_labels == [("news-amina", "area", "HUMANITARIAN")]


@pytest.mark.parametrize(
    ("task", "message"),
    [
        (_task(spans=[{"start": 4, "end": 9, "label": "PERSON"}]), "span 1: unknown label 'PERSON'"),
        (_task(spans=[{"start": 4, "end": 90, "label": "PER"}]), "span 1: end 90 is past the end of the text"),
        (_task(spans=[{"start": 4, "end": 9, "label": "PER", "text": "غزة"}]), "span 1: text 'غزة' does not match"),
        (_task(answer="reject"), "the task was answered 'reject'"),
        (_task(relations=[{"head": 0, "child": 1, "label": "claimant"}]), "Prodigy relations are not read"),
        (_task(_annotator_id=None, _session_id=None), "the task names no annotator"),
    ],
)
def test_a_task_that_cannot_be_read_whole_refuses_the_batch_naming_its_line(
    sqlite_db: Database, tmp_path: Path, task: dict[str, Any], message: str
) -> None:
    other = _task(text="Khaled Khiari", spans=[{"start": 0, "end": 13, "label": "PER"}], _input_hash=1)
    path = _write(tmp_path / "news.jsonl", other, task)
    with pytest.raises(InputRejected) as caught:
        import_paths(sqlite_db, [path], fmt="prodigy")
    assert any(str(p).startswith(f"{path}:2: {message}") for p in caught.value.problems), caught.value.problems
    assert queries.count_documents(sqlite_db) == 0
