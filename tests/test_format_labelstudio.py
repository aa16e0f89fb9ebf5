"""Label Studio JSON tasks: exported, read back with json, imported; UTF-16 offsets of old versions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from format_corpus import AMINA, GOLD, annotated_db, fresh_db, snapshot, stored_spans, texts_by_id

from curator.errors import InputRejected
from curator.io.export_labelstudio import export_labelstudio
from curator.io.importer import import_paths
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _tasks(folder: Path) -> list[dict[str, Any]]:
    return json.loads((folder / "tasks.json").read_text(encoding="utf-8"))


def test_every_region_equals_the_stored_span(corpus: Database, tmp_path: Path) -> None:
    assert export_labelstudio(corpus, tmp_path / "out") == 8
    texts = texts_by_id(corpus)
    read = []
    relations = 0
    for task in _tasks(tmp_path / "out"):
        text = task["data"]["text"]
        assert text == texts[task["data"]["doc_id"]]
        for n, annotation in enumerate(task["annotations"]):
            annotator = task["meta"]["curator_annotators"][n]
            assert annotation["ground_truth"] == (annotator == GOLD)
            for item in annotation["result"]:
                if item["type"] == "labels":
                    v = item["value"]
                    assert v["text"] == text[v["start"] : v["end"]]
                    read += [
                        (task["data"]["doc_id"], annotator, item["from_name"], lab, v["start"], v["end"], v["text"])
                        for lab in v["labels"]
                    ]
                relations += item["type"] == "relation"
    assert sorted(read) == stored_spans(corpus)
    assert relations == 14


def test_the_labeling_config_is_xml_naming_every_control_used(corpus: Database, tmp_path: Path) -> None:
    export_labelstudio(corpus, tmp_path / "out")
    root = ElementTree.parse(tmp_path / "out" / "labeling_config.xml").getroot()
    controls = {el.get("name") for el in root.iter() if el.get("name")}
    used = {item.get("from_name") for t in _tasks(tmp_path / "out") for a in t["annotations"] for item in a["result"]}
    assert used - {None} <= controls
    assert {"entity", "area", "claim", "CLAIM_stance", "area_document", "span_note"} <= controls


def test_import_back_gives_identical_annotations(corpus: Database, tmp_path: Path) -> None:
    export_labelstudio(corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out"])
    assert report.batch.documents_added == 8
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def _one_task(corpus: Database, tmp_path: Path, doc_id: int) -> tuple[Path, list[dict[str, Any]]]:
    export_labelstudio(corpus, tmp_path / "out", annotators=[AMINA], document_ids=[doc_id])
    path = tmp_path / "out" / "tasks.json"
    return path, _tasks(tmp_path / "out")


def test_utf16_offsets_of_older_label_studio_are_converted(
    corpus: Database, tmp_path: Path, sqlite_db: Database
) -> None:
    path, tasks = _one_task(corpus, tmp_path, 6)  # emoji_ar
    for item in tasks[0]["annotations"][0]["result"]:
        v = item.get("value", {})
        if "start" in v:  # rewrite as JavaScript counted: one more unit per emoji before
            prefix = tasks[0]["data"]["text"][: v["start"]]
            inner = tasks[0]["data"]["text"][v["start"] : v["end"]]
            v["start"] += sum(ord(c) > 0xFFFF for c in prefix)
            v["end"] = v["start"] + len(inner.encode("utf-16-le")) // 2
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    import_paths(sqlite_db, [path])
    assert stored_spans(sqlite_db) == [s for s in stored_spans(corpus, [AMINA]) if s[0] == "emoji_ar"]
    assert ("emoji_ar", AMINA, "entity", "MISC", 91, 93, "🇺🇳") in stored_spans(sqlite_db)


def test_a_region_whose_text_does_not_match_is_refused_with_its_line(
    corpus: Database, tmp_path: Path, sqlite_db: Database
) -> None:
    path, tasks = _one_task(corpus, tmp_path, 4)
    tasks[0]["annotations"][0]["result"][0]["value"]["start"] += 1
    other = {"data": {"text": "Un autre texte."}, "annotations": [{"completed_by": 3, "result": []}]}
    path.write_text("[\n" + json.dumps(other) + ",\n" + json.dumps(tasks[0], ensure_ascii=False) + "\n]\n", "utf-8")
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [path])
    assert str(err.value.problems[0]).startswith(f"{path}:3: task: annotation 1, result 1: text ")
    assert sqlite_db.annotator_names() == []


def test_annotators_from_completed_by_or_the_command_line(tmp_path: Path, sqlite_db: Database) -> None:
    region = {
        "id": "a",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 2, "end": 5, "text": "OCI", "labels": ["ORG"]},
    }
    tasks = [
        {"data": {"text": "L’OCI à Jeddah."}, "annotations": [{"completed_by": 10, "result": [region]}]},
        {
            "data": {"text": "L’OCI à Genève."},
            "annotations": [{"completed_by": {"email": "x@y.org"}, "result": [region]}],
        },
        {"data": {"text": "L’OCI à Dakar."}, "predictions": [{"model_version": "ner-v2", "result": [region]}]},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    import_paths(sqlite_db, [path])
    assert sorted({s[1] for s in stored_spans(sqlite_db)}) == ["labelstudio-user-10", "ner-v2", "x@y.org"]


def test_duplicate_keys_and_nan_are_refused(tmp_path: Path, sqlite_db: Database) -> None:
    path = tmp_path / "export.json"
    path.write_text('[\n{"data": {"text": "a", "text": "b"}},\n{"data": {"text": NaN}}\n]', encoding="utf-8")
    with pytest.raises(InputRejected, match=r"export.json:2: invalid JSON: duplicate key 'text'"):
        import_paths(sqlite_db, [path])
