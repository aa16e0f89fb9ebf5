"""Parquet tables: read back with pyarrow; the span table is exact, the token table rebuilds the spans."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pq = pytest.importorskip("pyarrow.parquet")
import re  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pyarrow as pa  # noqa: E402
import yaml  # noqa: E402
from format_corpus import annotated_db, fresh_db, snapshot, stored_spans, texts_by_id  # noqa: E402
from joined_corpus import build_joined  # noqa: E402

from curator.errors import InputRejected  # noqa: E402
from curator.io.importer import import_paths  # noqa: E402
from curator.io.registry import export  # noqa: E402
from curator.store import queries  # noqa: E402
from curator.store.database import Database  # noqa: E402
from curator.store.queries import count_documents  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


@pytest.fixture(scope="module")
def tables(corpus: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    out = tmp_path_factory.mktemp("parquet") / "out"
    assert export("parquet", corpus, out) == 8
    return {
        name: pq.read_table(out / f"{name}.parquet").to_pylist()
        for name in ("tokens", "spans", "relations", "documents")
    }


def test_span_table_is_exact(corpus: Database, tables: dict[str, list[dict[str, object]]]) -> None:
    texts = texts_by_id(corpus)
    rows = tables["spans"]
    read = [(r["document"], r["annotator"], r["layer"], r["label"], r["start"], r["end"], r["text"]) for r in rows]
    assert sorted(read) == stored_spans(corpus)
    for r in rows:
        assert r["text"] == texts[r["document"]][r["start"] : r["end"]]
    docs = {r["document"]: r for r in tables["documents"]}
    assert {d: r["text"] for d, r in docs.items()} == texts


def test_tables_rebuild_the_snapshot(corpus: Database, tables: dict[str, list[dict[str, object]]]) -> None:
    """documents + spans + relations hold everything the store holds."""
    rebuilt: dict[str, tuple[object, ...]] = {}
    for d in tables["documents"]:
        spans = [r for r in tables["spans"] if r["document"] == d["document"]]
        key = {r["span_id"]: (r["annotator"], r["layer"], r["label"], r["start"], r["end"]) for r in spans}
        rebuilt[d["text"]] = (
            sorted(
                (
                    r["annotator"],
                    r["layer"],
                    r["label"],
                    r["start"],
                    r["end"],
                    json.dumps(json.loads(r["attributes"]), sort_keys=True),
                    r["note"],
                )
                for r in spans
            ),
            sorted(
                (r["annotator"], r["type"], key[r["source_span_id"]], key[r["target_span_id"]])
                for r in tables["relations"]
                if r["document"] == d["document"]
            ),
            sorted((lab["annotator"], lab["layer"], lab["label"]) for lab in d["doc_labels"]),
        )
    assert rebuilt == snapshot(corpus)


def test_token_table_aligns_and_rebuilds_the_spans(
    corpus: Database, tables: dict[str, list[dict[str, object]]]
) -> None:
    texts = texts_by_id(corpus)
    rebuilt = []
    for row in tables["tokens"]:
        text = texts[row["document"]]
        offsets = list(zip(row["token_starts"], row["token_ends"], strict=True))
        assert row["tokens"] == [text[a:b] for a, b in offsets]
        for column, layer in (("ner_tags", "entity"), ("area_tags", "area"), ("claim_tags", "claim")):
            current = None
            for (a, b), tag in zip(offsets, row[column], strict=True):
                if tag.startswith("B-"):
                    current = [a, b, tag[2:]]
                    rebuilt.append((row["document"], row["annotator"], layer, current))
                elif tag.startswith("I-"):
                    current[1] = b
    read = sorted((d, a, lay, lab, s, e, texts[d][s:e]) for d, a, lay, (s, e, lab) in rebuilt)
    expected = stored_spans(corpus)
    assert len(read) == len(expected) - 1  # the nested entity has no place in a BIO column
    assert set(read) <= set(expected)


def test_import_back_gives_identical_annotations(corpus: Database, tmp_path: Path) -> None:
    """The exact tables hold everything: nested spans, attributes, notes, relations, document labels."""
    export("parquet", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out"])
    assert [Path(f).name for f in report.files] == ["documents.parquet"]  # the other tables are read with it
    assert report.batch.documents_added == 8
    assert snapshot(fresh) == snapshot(corpus)
    assert texts_by_id(fresh) == texts_by_id(corpus)
    for table in ("spans.parquet", "relations.parquet"):  # named alone: the same dataset
        again = import_paths(fresh, [tmp_path / "out" / table])
        assert not again.batch.added_anything
    fresh.dispose()


def test_the_token_table_imports_what_bio_can_hold(corpus: Database, tmp_path: Path) -> None:
    """tokens.parquet named alone: texts and document labels from documents.parquet, spans from the
    BIO columns. Not held: the nested entity, attributes, notes, relations."""
    export("parquet", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [tmp_path / "out" / "tokens.parquet"])
    spans = stored_spans(corpus)
    nested = [s for s in spans if any(o != s and o[:3] == s[:3] and o[4] <= s[4] and s[5] <= o[5] for o in spans)]
    assert [s[6] for s in nested] == ["الأمم المتحدة"]
    assert stored_spans(fresh) == [s for s in spans if s not in nested]
    assert all(not b.relations for b in queries.iter_bundles(fresh))
    fresh.dispose()


def test_the_token_table_splits_joined_tokens_at_span_boundaries(tmp_path: Path) -> None:
    """``ONU-OCI`` with the spans ``ONU`` and ``OCI`` is three tokens in tokens.parquet, in French and
    in Arabic; read back alone, the token table gives every span a BIO column holds, exact."""
    db = fresh_db(tmp_path, "joined")
    build_joined(db, tmp_path)
    notes: list[str] = []
    export("parquet", db, tmp_path / "out", on_note=notes.append)
    assert notes[0].startswith("tokens.parquet: ") and "inside other words" in notes[0]
    rows = pq.read_table(tmp_path / "out" / "tokens.parquet").to_pylist()
    arabic = next(r for r in rows if r["document"] == "joined_ar" and r["annotator"] == "amina")
    pairs = list(zip(arabic["tokens"], arabic["ner_tags"], strict=True))
    assert pairs[2:5] == [("UNDP", "B-ORG"), ("-", "O"), ("ISDB", "B-ORG")]
    assert ("المتحدة", "I-ORG") in pairs and ("-", "O") in pairs and ("الاتحاد", "B-ORG") in pairs
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [tmp_path / "out" / "tokens.parquet"])
    spans = stored_spans(db)
    nested = [s for s in spans if any(o != s and o[:3] == s[:3] and o[4] <= s[4] and s[5] <= o[5] for o in spans)]
    assert [s[6] for s in nested] == ["ملل متحد"]
    assert stored_spans(fresh) == [s for s in spans if s not in nested]
    fresh.dispose()
    db.dispose()


def test_the_folder_loads_as_one_hugging_face_dataset(corpus: Database, tmp_path: Path) -> None:
    """README.md's front matter names each table as a ``datasets`` config (``load_dataset(FOLDER)``
    reads it), the token table first and default; exporting again over the folder still works."""
    out = tmp_path / "out"
    export("parquet", corpus, out)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    head, _, body = card[4:].partition("\n---\n")
    configs = yaml.safe_load(head)["configs"]
    assert [(c["config_name"], c["data_files"], c.get("default", False)) for c in configs] == [
        ("tokens", "tokens.parquet", True),
        ("spans", "spans.parquet", False),
        ("relations", "relations.parquet", False),
        ("documents", "documents.parquet", False),
    ]
    assert all((out / c["data_files"]).is_file() for c in configs)
    assert body.startswith("<!-- curator dataset card -->")
    export("parquet", corpus, out)  # the card is still recognised as Curator's: the folder may be replaced


def test_hugging_face_datasets_loads_every_table_with_the_tag_names(corpus: Database, tmp_path: Path) -> None:
    """What a user of the folder types: ``load_dataset(FOLDER)`` gives the token table, a config name
    the others, and the tag ids come back as ClassLabels with Curator's tag names."""
    import datasets  # in the test extra: never skipped

    out, cache = tmp_path / "out", str(tmp_path / "hf")
    export("parquet", corpus, out)
    tokens = datasets.load_dataset(str(out), cache_dir=cache)["train"]
    assert tokens.num_rows == pq.read_table(out / "tokens.parquet").num_rows > 0
    assert tokens.features["ner_tag_ids"].feature.names[:3] == ["O", "B-PER", "I-PER"]
    row = tokens[0]
    assert [tokens.features["ner_tag_ids"].feature.names[n] for n in row["ner_tag_ids"]] == row["ner_tags"]
    for name in ("spans", "relations", "documents"):
        table = datasets.load_dataset(str(out), name, cache_dir=cache)["train"]
        assert table.num_rows == pq.read_table(out / f"{name}.parquet").num_rows > 0


def test_an_empty_table_is_left_out_of_the_configs_and_the_card_says_so(tmp_path: Path) -> None:
    """``datasets`` cannot load a table without rows: a corpus without relations offers no
    ``relations`` config (the file is still written), and the folder still loads."""
    import datasets  # in the test extra: never skipped

    db = fresh_db(tmp_path)
    (tmp_path / "a.txt").write_text("L’OCI se réunit à Rabat.\n", encoding="utf-8")
    import_paths(db, [tmp_path / "a.txt"])
    out = tmp_path / "out"
    export("parquet", db, out)
    card = (out / "README.md").read_text(encoding="utf-8")
    configs = [c["config_name"] for c in yaml.safe_load(card[4:].partition("\n---\n")[0])["configs"]]
    assert configs == ["tokens", "documents"] and (out / "relations.parquet").is_file()
    assert "spans.parquet, relations.parquet: no rows in this export" in card
    assert datasets.load_dataset(str(out), "documents", cache_dir=str(tmp_path / "hf"))["train"].num_rows == 1


def test_tags_are_also_class_label_integers_with_their_names(
    tables: dict[str, list[dict[str, object]]], corpus: Database, tmp_path: Path
) -> None:
    """``ner_tag_ids`` holds each tag's index in the names the table's Hugging Face features give its
    ``ClassLabel`` (``datasets`` reads them from the parquet schema when the types match: int64)."""
    export("parquet", corpus, tmp_path / "out")
    schema = pq.read_schema(tmp_path / "out" / "tokens.parquet")
    features = json.loads(schema.metadata[b"huggingface"])["info"]["features"]
    for tag_column, id_column in (
        ("ner_tags", "ner_tag_ids"),
        ("claim_tags", "claim_tag_ids"),
        ("area_tags", "area_tag_ids"),
    ):
        feature = features[id_column]
        assert (feature["_type"], feature["feature"]["_type"]) == ("List", "ClassLabel")
        names = feature["feature"]["names"]
        assert names[0] == "O" and len(names) == len(set(names))
        assert schema.field(id_column).type == pa.list_(pa.int64())
        for row in tables["tokens"]:
            assert [names[n] for n in row[id_column]] == row[tag_column]
    assert features["ner_tag_ids"]["feature"]["names"][:5] == ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    for field in schema:  # every other column described as its type, so datasets keeps the ClassLabels
        if not field.name.endswith("_ids"):
            kind = features[field.name]
            dtype = kind["feature"]["dtype"] if kind["_type"] == "List" else kind["dtype"]
            assert str(field.type.value_type if kind["_type"] == "List" else field.type) == dtype


def _rewrite(path: Path, edit: Callable[[list[dict[str, Any]]], None]) -> None:
    table = pq.read_table(path)
    rows = table.to_pylist()
    edit(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)


def _first(rows: list[dict[str, Any]], **where: Any) -> dict[str, Any]:
    return next(r for r in rows if all(r[k] == v for k, v in where.items()))


def _move(rows: list[dict[str, Any]]) -> None:
    _first(rows, label="LOC")["start"] += 1


def _bad_json(rows: list[dict[str, Any]]) -> None:
    _first(rows, label="CLAIM")["attributes"] = '{"stance": "support", "stance": NaN}'


def _unknown_target(rows: list[dict[str, Any]]) -> None:
    rows[0]["target_span_id"] = 999999


def _unknown_document(rows: list[dict[str, Any]]) -> None:
    rows[-1]["document"] = "elsewhere"


def _edited_token(rows: list[dict[str, Any]]) -> None:
    row = next(r for r in rows if "B-LOC" in r["ner_tags"])
    row["tokens"][row["ner_tags"].index("B-LOC")] += "x"


def _orphan_inside(rows: list[dict[str, Any]]) -> None:
    row = next(r for r in rows if "B-LOC" in r["ner_tags"])
    row["ner_tags"][row["ner_tags"].index("B-LOC")] = "I-LOC"


@pytest.mark.parametrize(
    ("table", "edit", "message"),
    [
        ("spans", _move, r"spans.parquet:(\d+): row \1: text '.+' is not the document's text at"),
        (
            "spans",
            _bad_json,
            r"spans.parquet:(\d+): row \1: attributes: (duplicate key 'stance'|NaN is not valid JSON)",
        ),
        ("relations", _unknown_target, r"relations.parquet:1: row 1: .*no annotation with id '999999'"),
        ("relations", _unknown_document, r"relations.parquet:(\d+): row \1: document 'elsewhere' is not in"),
        ("tokens", _edited_token, r"tokens.parquet:(\d+): row \1: token \d+ '.+x' is not the text at"),
        ("tokens", _orphan_inside, r"tokens.parquet:(\d+): row \1: 'ner_tags' token \d+: I-LOC continues no LOC"),
    ],
)
def test_a_broken_table_is_refused_with_its_row(
    corpus: Database, tmp_path: Path, sqlite_db: Database, table: str, edit: Callable[..., None], message: str
) -> None:
    export("parquet", corpus, tmp_path / "out")
    _rewrite(tmp_path / "out" / f"{table}.parquet", edit)
    target = tmp_path / "out" / ("tokens.parquet" if table == "tokens" else "documents.parquet")
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [target])
    assert re.search(message, str(err.value.problems[0])), str(err.value.problems[0])
    assert count_documents(sqlite_db) == 0  # nothing written


def test_a_damaged_or_foreign_file_is_refused(corpus: Database, tmp_path: Path, sqlite_db: Database) -> None:
    export("parquet", corpus, tmp_path / "out")
    spans = tmp_path / "out" / "spans.parquet"
    spans.write_bytes(spans.read_bytes()[:200])
    with pytest.raises(InputRejected, match=r"spans.parquet: not a readable parquet table"):
        import_paths(sqlite_db, [tmp_path / "out"])
    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1]}), other)
    with pytest.raises(InputRejected, match=r"not one of the tables of Curator's parquet export"):
        import_paths(sqlite_db, [other])
    (tmp_path / "out" / "documents.parquet").unlink()
    with pytest.raises(InputRejected, match=r"no documents.parquet beside it"):
        import_paths(sqlite_db, [tmp_path / "out" / "relations.parquet"])
