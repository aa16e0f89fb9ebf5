"""The benchmark's generated corpus is what it claims: 2-6 KB documents whose pre-annotations cover
exactly the entity names, and which Curator imports and exports without loss."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.corpus import NAMES, documents, write_jsonl
from curator.io.formats.jsonl.lines import export_jsonl
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


def test_the_readme_table_is_made_from_the_results_file() -> None:
    from benchmarks.table import table

    results = {
        "size": "full",
        "seconds": 612.4,
        "machine": {"cpus": 2, "machine": "x86_64", "python": "3.11.7", "system": "Linux"},
        "figures": [
            {
                "id": "B1",
                "workload": "import",
                "statistic": "median",
                "ours": 14.9,
                "floor": 2.377,
                "ratio": 6.27,
                "peak_mb": 354.2,
                "target": "ratio <= 2",
                "met": False,
            },
            {
                "id": "B4",
                "workload": "add a span",
                "statistic": "p95",
                "ours": 0.0123,
                "floor": None,
                "ratio": None,
                "peak_mb": 188.7,
                "target": "p95 <= 0.016 s",
                "met": True,
            },
        ],
    }
    lines = table(results).splitlines()
    assert lines[0] == "Last `--size full` run: 612 s on 2 cores, x86_64, Python 3.11.7 (Linux)."
    assert lines[4] == "| B1 | import | median 14.90 s | 2.38 s | 6.27 | 354 MB | ratio <= 2 | **no** |"
    assert lines[5] == "| B4 | add a span | p95 12 ms | — | — | 189 MB | p95 <= 0.016 s | yes |"
