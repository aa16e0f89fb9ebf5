"""The jsonl format through the export registry: layer selection, curated layer, its dataset card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from format_corpus import GOLD, annotated_db, fresh_db, snapshot

from curator.io.formats import EXPORT_FORMATS
from curator.io.importer import import_paths
from curator.io.jsonl import iter_lines
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def test_round_trip_with_card_beside_the_file(corpus: Database, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    (tmp_path / "README.md").write_text("the user's own readme", encoding="utf-8")
    assert EXPORT_FORMATS["jsonl"].load()(corpus, out) == 8
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "the user's own readme"  # never overwritten
    card = (tmp_path / "corpus.README.md").read_text(encoding="utf-8")
    assert "8 documents, 71 spans." in card
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [out])
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def test_layer_selection_keeps_relations_only_between_kept_spans(corpus: Database, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    EXPORT_FORMATS["jsonl"].load()(corpus, out, annotators=[GOLD], layers=["claim"])
    records = list(iter_lines(out))
    anns = [a for r in records for a in r["annotations"]]
    assert {(a["layer"], a["annotator"]) for a in anns} == {("claim", GOLD)}
    assert {rel["type"] for r in records for rel in r["relations"]} == {"cue"}  # claimant targets are entities
    assert not [lab for r in records for lab in r["doc_labels"]]  # area labels are another layer
