"""Parquet tables: read back with pyarrow; the span table is exact, the token table rebuilds the spans."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pq = pytest.importorskip("pyarrow.parquet")
from format_corpus import annotated_db, snapshot, stored_spans, texts_by_id  # noqa: E402

from curator.io.export_parquet import export_parquet  # noqa: E402
from curator.store.database import Database  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


@pytest.fixture(scope="module")
def tables(corpus: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    out = tmp_path_factory.mktemp("parquet") / "out"
    assert export_parquet(corpus, out) == 8
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
