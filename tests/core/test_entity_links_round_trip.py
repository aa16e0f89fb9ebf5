"""Every format that carries registry links (issue 19), on seeds 000 (Arabic) and 003 (French) with
خالد خياري and Khaled Khiari linked to one entity: the export carries the link, a reimport into a
fresh database brings back both links and the entity (whole where the format writes the registry
rows beside its files: interchange JSONL, Label Studio, parquet, CSV); the dataset card lists the
registry. Bad links in Label Studio, parquet and CSV files are refused with file:line, nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry
from curator.store.mentions import mentions
from curator.store.models import Document
from curator.store.queries import count_documents

ARABIC = "000_f694274a42498c38"
FRENCH = "003_b923d6f7b2ab459c"
KHIARI = EntityRecord(
    "khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",), "UN official", {"wikidata": "Q0"}
)
UNUSED = EntityRecord("oci", "ORG", {"fr": "l'Organisation de la coopération islamique"}, ("OCI",))
CLAIM_ATTRS = {"stance": "support", "type": "assessment", "area": "PEACE_SECURITY"}
# Where each seed names Khiari, and the claim he makes there (the claims CSV holds claimants only).
NAMES = {ARABIC: ("خالد خياري", "إن منظمة", "، بحسب الموقع"), FRENCH: ("Khaled Khiari", "l’OCI reste", ", confirmer")}
BOTH = {(ARABIC, "ar", "خالد خياري"), (FRENCH, "fr", "Khaled Khiari")}


def _texts(db: Database) -> dict[str, tuple[int, str]]:
    with db.read() as session:
        return {e: (i, t) for i, e, t in session.execute(select(Document.id, Document.ext_id, Document.text))}


def _linked_seeds(db: Database, seeds: Path) -> None:
    """Both seeds imported; amina's PER span on Khiari's name in each, claimant of a claim, linked to
    one entity; an unlinked ORG span and an entity no span links to."""
    import_paths(db, [seeds / f"{ARABIC}.txt", seeds / f"{FRENCH}.txt"])
    registry = Registry(db, "amina")
    registry.create(KHIARI)
    registry.create(UNUSED)
    editor = Editor(db, "amina")
    for ext_id, (doc_id, text) in _texts(db).items():
        name, claim_from, claim_to = NAMES[ext_id]
        start = text.index(name)
        person = editor.add_span(doc_id, "entity", "PER", start, start + len(name))
        claim = editor.add_span(doc_id, "claim", "CLAIM", text.index(claim_from), text.index(claim_to), CLAIM_ATTRS)
        editor.add_relation("claimant", claim.id, person.id)
        registry.link(person.id, "khiari")
    doc_id, text = _texts(db)[FRENCH]
    oci = text.index("OCI")
    editor.add_span(doc_id, "entity", "ORG", oci, oci + 3)


# format -> (what to export to, relative to the test folder; whether the registry rows go with it)
FORMATS = {
    "jsonl": ("out/corpus.jsonl", True),
    "labelstudio": ("out", True),
    "parquet": ("out", True),
    "csv": ("out", True),
    "brat": ("out", False),
    "xmi": ("out", False),
    "spacy": ("out", False),
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_links_go_out_and_come_back_into_a_fresh_database(db: Database, seeds: Path, tmp_path: Path, fmt: str) -> None:
    _linked_seeds(db, seeds)
    target, with_rows = FORMATS[fmt]
    out = tmp_path / target
    out.parent.mkdir(exist_ok=True)
    notes: list[str] = []
    export(fmt, db, out, on_note=notes.append)
    assert not any("entity links" in n for n in notes), notes
    folder = out if out.is_dir() else out.parent
    card = next(folder.glob("*README.md")).read_text(encoding="utf-8")
    assert "## Entity registry" in card
    assert "- Linked spans: 2, to 1 entity of the registry (PER: 1)" in card
    assert ("- Registry rows of these entities" in card) == with_rows

    other = Database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        # the claims CSV holds no text: its documents come in the same batch
        texts = [seeds / f"{ARABIC}.txt", seeds / f"{FRENCH}.txt"] if fmt == "csv" else []
        import_paths(other, [*texts, folder])
        found = {(m.document, m.language, m.text) for m in mentions(other, "khiari")}
        if fmt in ("brat", "xmi"):  # one folder per document named by its file: the ids stay
            found = {(d.removesuffix(".txt"), lang, text) for d, lang, text in found}
        assert found == BOTH
        made = Registry(other, "karim").get("khiari")
        if with_rows:
            assert made == KHIARI
            assert Registry(other, "karim").get("oci") is None  # only the rows of the entities linked
        else:  # made from the first linked span read: its label and text
            assert made is not None and made.type == "PER" and len(made.names) == 1
            assert set(made.names.items()) <= {("ar", "خالد خياري"), ("fr", "Khaled Khiari")}
    finally:
        other.dispose()


def test_label_studio_writes_the_entity_in_the_region_meta(db: Database, seeds: Path, tmp_path: Path) -> None:
    _linked_seeds(db, seeds)
    export("labelstudio", db, tmp_path / "ls")
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    regions = [r for t in tasks for a in t["annotations"] for r in a["result"] if r["type"] == "labels"]
    assert {(r["value"]["text"], r.get("meta", {}).get("entity")) for r in regions if r["from_name"] == "entity"} == {
        ("خالد خياري", "khiari"),
        ("Khaled Khiari", "khiari"),
        ("OCI", None),
    }
    rows = (tmp_path / "ls" / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in rows] == [KHIARI.to_json()]


def test_parquet_has_an_entity_column_and_an_entities_table(db: Database, seeds: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    _linked_seeds(db, seeds)
    export("parquet", db, tmp_path / "pq")
    spans = pq.read_table(tmp_path / "pq" / "spans.parquet").to_pylist()
    assert sorted((s["text"], s["entity"]) for s in spans if s["layer"] == "entity") == [
        ("Khaled Khiari", "khiari"),
        ("OCI", None),
        ("خالد خياري", "khiari"),
    ]
    (row,) = pq.read_table(tmp_path / "pq" / "entities.parquet").to_pylist()
    assert row["id"] == "khiari" and json.loads(row["names"]) == KHIARI.names and row["aliases"] == ["خياري"]
    assert "configs:" in (tmp_path / "pq" / "README.md").read_text(encoding="utf-8")


def test_a_parquet_entity_row_no_span_links_to_is_made_too(db: Database, seeds: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from curator.io.formats.parquet.write import ENTITY_SCHEMA, entity_table

    _linked_seeds(db, seeds)
    export("parquet", db, tmp_path / "pq")
    # a table written by hand (or edited) may hold rows no span links to: nothing is dropped silently
    pq.write_table(
        pa.Table.from_pydict(entity_table([KHIARI, UNUSED]), ENTITY_SCHEMA), tmp_path / "pq" / "entities.parquet"
    )
    other = Database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        import_paths(other, [tmp_path / "pq" / "documents.parquet"])  # the tables beside are read with it
        assert Registry(other, "karim").all() == [KHIARI, UNUSED]
        assert {(m.document, m.language, m.text) for m in mentions(other, "khiari")} == BOTH
    finally:
        other.dispose()


def test_csv_gives_the_claimants_entity(db: Database, seeds: Path, tmp_path: Path) -> None:
    import csv

    _linked_seeds(db, seeds)
    export("csv", db, tmp_path / "csv", options={"csv_mode": "plain"})
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((r["claimant"], r["claimant_entity"]) for r in rows) == [
        ("Khaled Khiari", "khiari"),
        ("خالد خياري", "khiari"),
    ]


def test_csv_counts_the_links_of_entities_that_are_no_claimant(db: Database, seeds: Path, tmp_path: Path) -> None:
    _linked_seeds(db, seeds)
    doc_id, text = _texts(db)[FRENCH]
    start = text.index("M. Khiari") + 3
    other = Editor(db, "amina").add_span(doc_id, "entity", "PER", start, start + 6)
    Registry(db, "amina").link(other.id, "khiari")
    notes: list[str] = []
    export("csv", db, tmp_path / "csv", on_note=notes.append)
    assert "1 entity links are on spans that are no claimant, which a claims table has no place for" in notes
    card = (tmp_path / "csv" / "README.md").read_text(encoding="utf-8")
    assert "- Linked spans: 2, to 1 entity of the registry (PER: 1)" in card
    assert "- Linked spans of the selection whose link is not in the files: 1" in card


def test_a_format_without_links_counts_them_in_the_card(db: Database, seeds: Path, tmp_path: Path) -> None:
    _linked_seeds(db, seeds)
    export("conll", db, tmp_path / "conll")
    card = (tmp_path / "conll" / "README.md").read_text(encoding="utf-8")
    assert "- Linked spans of the selection whose link is not in the files: 2" in card
    assert "- 2 entity links" in card


# -- bad input: refused with file:line, nothing written ----------------------------------------------


def _nothing_written(db: Database) -> None:
    assert count_documents(db) == 0
    assert Registry(db, "amina").all() == []


TEXT = "Le secrétaire général adjoint Khaled Khiari a salué le rôle de l'OCI."


def _ls_task(tmp_path: Path, region: dict[str, object]) -> Path:
    task = {"id": 1, "data": {"text": TEXT, "doc_id": "d1", "language": "fr"}, "annotations": [{"result": [region]}]}
    path = tmp_path / "tasks.json"
    path.write_text("[\n" + json.dumps({"id": 0, "data": {"text": "Rien."}}) + ",\n" + json.dumps(task) + "\n]\n")
    return path


def _region(start: int, end: int, layer: str, label: str, meta: object) -> dict[str, object]:
    value = {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}
    return {"id": "r1", "from_name": layer, "to_name": "text", "type": "labels", "value": value, "meta": meta}


def test_label_studio_meta_on_a_span_of_another_layer_is_refused(db: Database, tmp_path: Path) -> None:
    cue = TEXT.index("a salué")
    path = _ls_task(tmp_path, _region(cue, cue + 7, "claim", "CUE", {"entity": "salue"}))
    with pytest.raises(InputRejected) as refused:
        import_paths(db, [path], annotator="amina")
    said = [str(p) for p in refused.value.problems]
    assert f"{path}:3: entity 'salue': unknown type 'CUE'" in said[0]
    assert any(s.startswith(f"{path}:3: annotation 1, result 1") and "only entity annotations link" in s for s in said)
    _nothing_written(db)


def test_label_studio_meta_that_is_no_entity_id_is_refused(db: Database, tmp_path: Path) -> None:
    start = TEXT.index("Khaled Khiari")
    path = _ls_task(tmp_path, _region(start, start + 13, "entity", "PER", {"entity": 42}))
    with pytest.raises(InputRejected, match=r"tasks\.json:3: task 2: annotation 1, result 1: meta\.entity must be"):
        import_paths(db, [path], annotator="amina")
    _nothing_written(db)


def _parquet_export(db: Database, seeds: Path, tmp_path: Path) -> Path:
    _linked_seeds(db, seeds)
    export("parquet", db, tmp_path / "pq")
    return tmp_path / "pq"


def _rewrite(path: Path, change: dict[str, object], where: dict[str, object]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    rows = [{**r, **change} if all(r[k] == v for k, v in where.items()) else r for r in table.to_pylist()]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)


def test_parquet_entity_of_an_unknown_type_is_refused_with_its_row(db: Database, seeds: Path, tmp_path: Path) -> None:
    folder = _parquet_export(db, seeds, tmp_path)
    _rewrite(folder / "entities.parquet", {"type": "CITY"}, {"id": "khiari"})
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        with pytest.raises(InputRejected) as refused:
            import_paths(fresh, [folder])
        assert str(refused.value.problems[0]).startswith(f"{folder / 'entities.parquet'}:1: row 1: unknown type 'CITY'")
        _nothing_written(fresh)
    finally:
        fresh.dispose()


def test_parquet_link_on_a_span_of_another_layer_is_refused_with_its_row(
    db: Database, seeds: Path, tmp_path: Path
) -> None:
    folder = _parquet_export(db, seeds, tmp_path)
    _rewrite(folder / "spans.parquet", {"entity": "khiari"}, {"layer": "claim", "document": FRENCH})
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        with pytest.raises(InputRejected) as refused:
            import_paths(fresh, [folder])
        said = [str(p) for p in refused.value.problems]
        assert any(
            s.startswith(f"{folder / 'spans.parquet'}:") and "only entity annotations link to an entity" in s
            for s in said
        ), said
        _nothing_written(fresh)
    finally:
        fresh.dispose()


def test_csv_entity_on_a_row_without_a_claimant_is_refused(db: Database, seeds: Path, tmp_path: Path) -> None:
    import_paths(db, [seeds / f"{FRENCH}.txt"])
    _, text = _texts(db)[FRENCH]
    start, end = text.index("l’OCI reste"), text.index(", confirmer")
    path = tmp_path / "claims.csv"
    header = "document,annotator,start,end,claim,claimant,claimant_label,claimant_start,claimant_end,claimant_entity"
    path.write_text(
        f'{header}\n{FRENCH},amina,{start},{end},"{text[start:end]}",,,,,khiari\n', encoding="utf-8", newline=""
    )
    with pytest.raises(InputRejected, match=r"claims\.csv:2: row 2: claimant_entity 'khiari' names the entity of a"):
        import_paths(db, [path])
    assert Registry(db, "amina").all() == []


def test_csv_claimant_entity_with_a_bad_id_is_refused(db: Database, seeds: Path, tmp_path: Path) -> None:
    import_paths(db, [seeds / f"{FRENCH}.txt"])
    _, text = _texts(db)[FRENCH]
    start, end = text.index("l’OCI reste"), text.index(", confirmer")
    who = text.index("Khaled Khiari")
    path = tmp_path / "claims.csv"
    header = "document,annotator,start,end,claim,claimant,claimant_label,claimant_start,claimant_end,claimant_entity"
    row = f'{FRENCH},amina,{start},{end},"{text[start:end]}",Khaled Khiari,PER,{who},{who + 13},not an id'
    path.write_text(f"{header}\n{row}\n", encoding="utf-8", newline="")
    with pytest.raises(InputRejected) as refused:
        import_paths(db, [path])
    assert str(refused.value.problems[0]).startswith(f"{path}:2: entity 'not an id': ")
    assert Registry(db, "amina").all() == []
