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
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store import queries
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _tasks(folder: Path) -> list[dict[str, Any]]:
    return json.loads((folder / "tasks.json").read_text(encoding="utf-8"))


def test_every_region_equals_the_stored_span(corpus: Database, tmp_path: Path) -> None:
    assert export("labelstudio", corpus, tmp_path / "out") == 8
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
    export("labelstudio", corpus, tmp_path / "out")
    root = ElementTree.parse(tmp_path / "out" / "labeling_config.xml").getroot()
    controls = {el.get("name") for el in root.iter() if el.get("name")}
    used = {item.get("from_name") for t in _tasks(tmp_path / "out") for a in t["annotations"] for item in a["result"]}
    assert used - {None} <= controls
    assert {"entity", "area", "claim", "CLAIM_stance", "area_document", "span_note"} <= controls


def test_import_back_gives_identical_annotations(corpus: Database, tmp_path: Path) -> None:
    export("labelstudio", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out"])
    assert report.batch.documents_added == 8
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def _one_task(corpus: Database, tmp_path: Path, doc_id: int) -> tuple[Path, list[dict[str, Any]]]:
    export("labelstudio", corpus, tmp_path / "out", annotators=[AMINA], document_ids=[doc_id])
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
    assert str(err.value.problems[0]).startswith(f"{path}:3: task 2: annotation 1, result 1: text ")
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


def test_every_annotation_names_its_annotator_in_completed_by_as_label_studio_does(
    corpus: Database, tmp_path: Path
) -> None:
    """Label Studio's JSON export gives ``completed_by`` as a user id; the SDK's converter reads it
    (an int, or a user object's e-mail); the same annotator has the same id in every task."""
    export("labelstudio", corpus, tmp_path / "out")
    ids: dict[str, set[int]] = {}
    for task in _tasks(tmp_path / "out"):
        for name, annotation in zip(
            task.get("meta", {}).get("curator_annotators", []), task["annotations"], strict=True
        ):
            assert isinstance(annotation["completed_by"], int) and not isinstance(annotation["completed_by"], bool)
            ids.setdefault(name, set()).add(annotation["completed_by"])
    assert set(ids) == set(corpus.annotator_names()) == {AMINA, GOLD, "sample"}
    assert all(len(v) == 1 for v in ids.values())
    assert len({next(iter(v)) for v in ids.values()}) == len(ids)
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert f"{next(iter(ids[AMINA]))} {AMINA}" in card


REGION = {"start": 2, "end": 5, "text": "OCI", "labels": ["ORG"]}


def test_the_text_is_the_data_key_the_labeling_config_names(tmp_path: Path, sqlite_db: Database) -> None:
    (tmp_path / "labeling_config.xml").write_text(
        '<View><Labels name="ner" toName="article"><Label value="ORG"/></Labels>'
        '<Text name="article" value="$body"/></View>',
        encoding="utf-8",
    )
    task = {
        "data": {"headline": "Sommet", "body": "L’OCI à Jeddah."},
        "annotations": [
            {
                "completed_by": 4,
                "result": [{"id": "a", "from_name": "ner", "to_name": "article", "type": "labels", "value": REGION}],
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    import_paths(sqlite_db, [path])
    assert [s[2:] for s in stored_spans(sqlite_db)] == [("entity", "ORG", 2, 5, "OCI")]
    assert list(texts_by_id(sqlite_db).values()) == ["L’OCI à Jeddah."]


def test_without_a_config_a_task_whose_text_key_is_unclear_is_refused_with_its_number(
    tmp_path: Path, sqlite_db: Database
) -> None:
    path = tmp_path / "export.json"
    tasks = [{"data": {"text": "Un texte."}}, {"data": {"headline": "Sommet", "body": "L’OCI à Jeddah."}}]
    path.write_text("[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]", encoding="utf-8")
    with pytest.raises(InputRejected) as refused:
        import_paths(sqlite_db, [path])
    assert [str(p) for p in refused.value.problems] == [
        f"{path}:3: task 2: the task has no data.text and its data keys (body, headline) do not say which holds "
        "the text: put the project's labeling config beside the file as labeling_config.xml"
    ]
    assert sqlite_db.annotator_names() == []


def test_a_single_task_object_is_read(tmp_path: Path, sqlite_db: Database) -> None:
    task = {
        "id": 7,
        "data": {"text": "L’OCI à Jeddah."},
        "annotations": [
            {"completed_by": 2, "result": [{"id": "a", "from_name": "entity", "type": "labels", "value": REGION}]}
        ],
    }
    path = tmp_path / "task.json"
    path.write_text(json.dumps(task, ensure_ascii=False, indent=2), encoding="utf-8")
    import_paths(sqlite_db, [path], annotator="nadia")
    assert [s[1:] for s in stored_spans(sqlite_db)] == [("nadia", "entity", "ORG", 2, 5, "OCI")]


def test_a_json_min_export_is_read(tmp_path: Path, sqlite_db: Database) -> None:
    """JSON_MIN, as the SDK's converter writes it: data keys, one key per control with its regions'
    values (their control type added), a single document choice as a plain string, the annotator."""
    records = [
        {
            "text": "Le porte-parole a dit que l’OCI soutient la paix.",
            "id": 1,
            "entity": [{"start": 28, "end": 31, "text": "OCI", "labels": ["ORG"], "type": "Labels"}],
            "claim": [
                {"start": 26, "end": 48, "text": "l’OCI soutient la paix", "labels": ["CLAIM"], "type": "Labels"}
            ],
            "area_document": "PEACE_SECURITY",
            "annotator": "x@y.org",
            "annotation_id": 3,
            "created_at": "2026-01-01T10:00:00Z",
            "updated_at": "2026-01-01T10:00:00Z",
            "lead_time": 4.2,
        }
    ]
    path = tmp_path / "min.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    import_paths(sqlite_db, [path])
    assert [s[1:] for s in stored_spans(sqlite_db)] == [
        ("x@y.org", "claim", "CLAIM", 26, 48, "l’OCI soutient la paix"),
        ("x@y.org", "entity", "ORG", 28, 31, "OCI"),
    ]
    (bundle,) = list(queries.iter_bundles(sqlite_db))
    assert bundle.doc_labels == [("x@y.org", "area", "PEACE_SECURITY")]


def test_a_json_min_attribute_without_its_region_is_refused(tmp_path: Path, sqlite_db: Database) -> None:
    record = {
        "text": "l’OCI soutient la paix",
        "claim": [{"start": 0, "end": 22, "text": "l’OCI soutient la paix", "labels": ["CLAIM"], "type": "Labels"}],
        "CLAIM_stance": "support",
        "annotator": 1,
    }
    path = tmp_path / "min.json"
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputRejected, match=r"min.json:1: task 1: JSON_MIN wrote 'CLAIM_stance' without its region"):
        import_paths(sqlite_db, [path])


def test_a_result_type_the_schema_cannot_hold_is_refused_or_left_out_on_request(
    tmp_path: Path, sqlite_db: Database
) -> None:
    rating = {"id": "r", "from_name": "quality", "to_name": "text", "type": "rating", "value": {"rating": 4}}
    task = {
        "data": {"text": "L’OCI à Jeddah."},
        "annotations": [
            {
                "completed_by": 2,
                "result": [{"id": "a", "from_name": "entity", "type": "labels", "value": REGION}, rating],
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputRejected, match=r"export.json:1: task 1: annotation 1, result 2: a 'rating' result has no"):
        import_paths(sqlite_db, [path])
    report = import_paths(sqlite_db, [path], leave_out_unsupported=True)
    assert dict(report.left_out) == {"rating results": 1}
    assert len(stored_spans(sqlite_db)) == 1
