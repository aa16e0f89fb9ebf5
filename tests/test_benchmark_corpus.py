"""The benchmark's generated corpus is what it claims: 2-6 KB documents whose pre-annotations cover
exactly the entity names, and which Curator imports and exports without loss."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.corpus import NAMES, documents, write_jsonl
from curator.io.export_jsonl import export_jsonl
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database


def test_generated_documents_have_the_promised_size_and_exact_annotations() -> None:
    for record in documents(30, per_doc=20):
        text = str(record["text"])
        assert 2048 <= len(text.encode("utf-8")) <= 6144 + 2048
        for ann in record["annotations"]:  # type: ignore[attr-defined]
            assert NAMES[text[ann["start"] : ann["end"]]] == ann["label"]


def test_the_benchmark_corpus_round_trips(sqlite_db: Database, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    docs, spans = write_jsonl(corpus, 40, 20, annotators=("a", "b"))
    report = import_paths(sqlite_db, [corpus])
    assert (report.batch.documents_added, report.batch.spans_added) == (docs, spans)
    out = tmp_path / "out.jsonl"
    export_jsonl(sqlite_db, out)
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["annotations"]) for r in exported) == spans
    assert queries.stats(sqlite_db)["annotations"]["by_annotator"] == {"a": spans // 2, "b": spans // 2}
