"""Links to registry entities through interchange JSONL (issue 19): a span carries ``"entity"``, the
registry is written beside the file as ``<stem>.entities.jsonl``, and importing both brings back the
entities and the links; a link to an entity neither in the batch nor in the database is refused with
file:line, nothing written. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.errors import InputRejected
from curator.io.entity_file import parse_entities
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry, entity_types
from curator.store.mentions import mentions
from curator.store.queries import count_documents

KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",), "", {"wikidata": "Q1"})
TEXT = "Le secrétaire général adjoint Khaled Khiari a salué l'OCI."


def _linked_corpus(db: Database, tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": TEXT, "language": "fr"}) + "\n", encoding="utf-8")
    import_paths(db, [source])
    registry = Registry(db, "amina")
    registry.create(KHIARI)
    registry.create(EntityRecord("unused", "ORG", {"fr": "Personne"}))
    start = TEXT.index("Khaled Khiari")
    span = Editor(db, "amina").add_span(1, "entity", "PER", start, start + len("Khaled Khiari"))
    registry.link(span.id, "khiari")
    Editor(db, "amina").add_span(1, "entity", "ORG", TEXT.index("OCI"), TEXT.index("OCI") + 3)
    return tmp_path


def test_links_go_out_with_the_registry_beside_and_come_back(db: Database, tmp_path: Path) -> None:
    _linked_corpus(db, tmp_path)
    out = tmp_path / "out" / "corpus.jsonl"
    out.parent.mkdir()
    export("jsonl", db, out)
    spans = json.loads(out.read_text(encoding="utf-8").splitlines()[0])["annotations"]
    assert [s.get("entity") for s in spans] == ["khiari", None]
    beside = out.with_name("corpus.entities.jsonl")
    assert [json.loads(line) for line in beside.read_text(encoding="utf-8").splitlines()] == [KHIARI.to_json()]
    assert "corpus.entities.jsonl" in out.with_name("corpus.README.md").read_text(encoding="utf-8")

    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        report = import_paths(other, [out.parent])
        assert (report.batch.entities_added, report.batch.links_added) == (1, 1)
        assert Registry(other, "karim").get("khiari") == KHIARI
        assert [(m.document, m.text) for m in mentions(other, "khiari")] == [("d1", "Khaled Khiari")]
        again = import_paths(other, [out.parent])
        assert (again.batch.entities_added, again.batch.links_added) == (0, 0)
    finally:
        other.dispose()


def test_a_link_to_an_unknown_entity_is_refused_with_file_and_line(db: Database, tmp_path: Path) -> None:
    start = TEXT.index("Khaled Khiari")
    span = {"annotator": "amina", "layer": "entity", "label": "PER", "start": start, "end": start + 13}
    path = tmp_path / "linked.jsonl"
    lines = [
        {"id": "d0", "text": "Rien.", "language": "fr"},
        {"id": "d1", "text": TEXT, "language": "fr", "annotations": [{**span, "entity": "khiari"}]},
    ]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    with pytest.raises(InputRejected) as refused:
        import_paths(db, [path])
    assert str(refused.value.problems[0]).startswith(f"{path}:2: annotation 1: no entity with id 'khiari'")
    assert count_documents(db) == 0
    registry_file = tmp_path / "entities.jsonl"
    registry_file.write_text(json.dumps(KHIARI.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(db, [path, registry_file])
    assert [m.text for m in mentions(db, "khiari")] == ["Khaled Khiari"]


def test_a_link_on_a_span_of_another_layer_is_refused(db: Database, tmp_path: Path) -> None:
    Registry(db, "amina").create(KHIARI)
    cue = TEXT.index("a salué")
    ann = {"annotator": "amina", "layer": "claim", "label": "CUE", "start": cue, "end": cue + 7, "entity": "khiari"}
    path = tmp_path / "cue.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": TEXT, "annotations": [ann]}) + "\n", encoding="utf-8")
    with pytest.raises(InputRejected, match=r"cue.jsonl:1: annotation 1: only entity annotations link"):
        import_paths(db, [path])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{"id": "a", "type": "PER", "names": {"fr": "A"}}\n{"id": "a", "type": "PER", "names": {"fr": "B"}}',
            "f.jsonl:2: duplicate id 'a' (first on line 1)",
        ),
        ('{"id": "a", "type": "PERSON", "names": {"fr": "A"}}', "f.jsonl:1: unknown type 'PERSON'"),
        ('{"id": "a", "type": "PER", "names": {"fr": ""}}', "f.jsonl:1: names: the fr name is empty"),
        ('{"id": "a", "type": "PER", "names": {"fr": "A"}', "f.jsonl:1: malformed JSON"),
        ('{"id": "a", "type": "PER", "names": {"fr": "A"}, "wikidata": "Q1"}', "f.jsonl:1: unknown key 'wikidata'"),
        ('{"id": "a", "names": {"fr": "A"}}', "f.jsonl:1: missing 'type'"),
        ('{"id": "a", "type": "PER", "names": {"fr": "A"}, "aliases": "A"}', "f.jsonl:1: 'aliases' must be a list"),
    ],
)
def test_a_bad_registry_file_is_refused_line_by_line(db: Database, line: str, message: str) -> None:
    with pytest.raises(InputRejected) as refused:
        parse_entities(line.splitlines(), "f.jsonl", entity_types(db.schema))
    assert str(refused.value.problems[0]).startswith(message)


def test_a_bad_registry_file_in_a_batch_writes_nothing(db: Database, tmp_path: Path) -> None:
    doc = tmp_path / "d.jsonl"
    doc.write_text(json.dumps({"id": "d1", "text": TEXT}) + "\n", encoding="utf-8")
    bad = tmp_path / "entities.jsonl"
    bad.write_text('{"id": "a", "type": "PER", "names": {"fr": "A"}}\n{"id": "a", "type": "PER"}\n', encoding="utf-8")
    with pytest.raises(InputRejected, match=r"entities\.jsonl:2: missing 'names'"):
        import_paths(db, [tmp_path])
    assert count_documents(db) == 0 and Registry(db, "amina").all() == []
