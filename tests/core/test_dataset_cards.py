"""Dataset cards say exactly what their format could not hold, with counts, and count only what the
files hold; the export and import summaries say the same."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from format_corpus import annotated_db

from curator.io import capacity, registry
from curator.io.registry import export
from curator.store import queries
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _section(card: str, title: str) -> list[str]:
    start = card.index(f"## {title}\n")
    end = card.find("\n## ", start + 1)
    return [line for line in card[start : end if end != -1 else None].splitlines()[1:] if line]


def _totals(db: Database) -> dict[str, int]:
    """What the corpus holds, counted here from the store, independently of the card."""
    spans = relations = doc_labels = attributes = notes = claims_or_claimants = cues = 0
    for b in queries.iter_bundles(db):
        claims = {s.id for s in b.spans if (s.layer, s.label) == ("claim", "CLAIM")}
        claimants = {r.target_id for r in b.relations if r.type == "claimant" and r.source_id in claims}
        spans += len(b.spans)
        relations += len(b.relations)
        doc_labels += len(b.doc_labels)
        attributes += sum(v is not None for s in b.spans for v in s.attributes.values())
        notes += sum(bool(s.note) for s in b.spans)
        cues += sum((s.layer, s.label) == ("claim", "CUE") for s in b.spans)
        claims_or_claimants += len(claims | claimants)
    return {
        "spans": spans,
        "relations": relations,
        "doc_labels": doc_labels,
        "attributes": attributes,
        "notes": notes,
        "cues": cues,
        "other_spans": spans - claims_or_claimants - cues,
        "claims_or_claimants": claims_or_claimants,
    }


def test_every_format_says_what_it_cannot_hold_in_known_kinds() -> None:
    assert registry.export_names() and all(f.lacks <= capacity.ALL for f in registry.FORMATS.values())


def test_the_csv_card_counts_the_spans_it_leaves_out(corpus: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    export("csv", corpus, tmp_path / "csv", on_note=notes.append)
    card = (tmp_path / "csv" / "README.md").read_text(encoding="utf-8")
    t = _totals(corpus)
    assert t["other_spans"] == 45 and t["cues"] == 8
    left = [
        f"- {t['other_spans']} spans other than claims and their claimants",
        f"- {t['cues']} cues",
        f"- {t['doc_labels']} document labels",
    ]
    assert _section(card, "What this format could not hold")[: len(left)] == left
    counts = _section(card, "Counts")
    assert counts[0] == f"{queries.count_documents(corpus)} documents, {t['claims_or_claimants']} spans."
    assert not any(line.startswith("Document labels:") for line in counts)
    assert not any("| claim | CUE |" in line or "| area |" in line for line in counts)
    assert any(n.startswith("csv cannot hold, so these were left out: 45 spans") for n in notes)


def test_the_conll_card_lists_no_relations_or_document_labels_and_counts_them_as_left_out(
    corpus: Database, tmp_path: Path
) -> None:
    notes: list[str] = []
    export("conll", corpus, tmp_path / "conll", on_note=notes.append)
    card = (tmp_path / "conll" / "README.md").read_text(encoding="utf-8")
    t = _totals(corpus)
    counts = _section(card, "Counts")
    assert not any(line.startswith(("Relations:", "Document labels:")) for line in counts)
    (overlap_note,) = [n for n in notes if "overlap a longer or earlier span" in n]
    overlapping = int(overlap_note.split()[0])
    assert counts[0] == f"8 documents, {t['spans'] - overlapping} spans."
    assert _section(card, "What this format could not hold")[:5] == [
        f"- {overlapping} spans overlapping another of their layer",
        f"- {t['attributes']} attribute values",
        f"- {t['notes']} notes",
        f"- {t['relations']} relations",
        f"- {t['doc_labels']} document labels",
    ]
    assert t["relations"] == 14 and t["doc_labels"] == 4


def test_a_format_that_holds_everything_says_so(corpus: Database, tmp_path: Path) -> None:
    export("jsonl", corpus, tmp_path / "all.jsonl")
    card = (tmp_path / "all.README.md").read_text(encoding="utf-8")
    assert _section(card, "What this format could not hold") == [
        "Nothing: every annotation of the selection is in the files."
    ]
    t = _totals(corpus)
    assert _section(card, "Counts")[0] == f"8 documents, {t['spans']} spans."


def test_an_import_says_what_its_format_could_not_carry(corpus: Database, tmp_path: Path) -> None:
    export("conll", corpus, tmp_path / "conll", annotators=["amina"])
    env = {**os.environ, "CURATOR_DB": f"sqlite:///{tmp_path / 'cli.sqlite'}"}
    done = subprocess.run(
        [sys.executable, "-m", "curator", "import", str(tmp_path / "conll")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "conll files cannot carry spans overlapping another of their layer, spans covering only white space, "
        "attribute values, identifiers, notes, relations, document labels, entity links: none were read from them"
    ) in done.stdout
