"""The corpus's list of disagreements, its counts per document, and its export as CSV and JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from curator.cli.main import main
from curator.records import DocumentIn, SpanIn
from curator.review.curation import CurationService
from curator.review.differences import document_differences
from curator.review.disagreement_list import differences_left, disagreement_rows, write_disagreements
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.queries import document_ids_by_ext

TEXT = "قالت منظمة التعاون الإسلامي إن الاجتماع في جدة."
WHOLE, SHORT, END = TEXT.index("منظمة"), TEXT.index("التعاون"), TEXT.index(" إن")
CITY = (TEXT.index("جدة"), TEXT.index("جدة") + 3)


def _corpus(db: Database) -> None:
    agree = DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="agree", title="متفقة")
    agree.spans = [SpanIn("entity", "ORG", WHOLE, END, w) for w in ("amina", "karim")]
    differ = DocumentIn(source="d.txt", line=1, text=TEXT, ext_id="differ", title="مختلفة")
    differ.spans = [SpanIn("entity", "ORG", WHOLE, END, "amina"), SpanIn("entity", "ORG", SHORT, END, "karim")]
    differ.spans += [SpanIn("entity", "LOC", *CITY, "amina")]
    write_batch(db, [agree, differ], "test")


def test_rows_and_counts_follow_the_window_s_differences(db: Database) -> None:
    _corpus(db)
    rows = disagreement_rows(db, ["amina", "karim"])
    (differ_id,) = document_ids_by_ext(db, ["differ"])
    expected = document_differences(db, differ_id, ["amina", "karim"])
    assert [r["document"] for r in rows] == ["differ"] * len(expected) == ["differ", "differ"]
    boundary, missing = rows
    assert boundary["kind"] == "boundary" and boundary["title"] == "مختلفة"
    assert (boundary["start"], boundary["end"]) == (WHOLE, END)
    assert boundary["texts"] == {"amina": ["منظمة التعاون الإسلامي"], "karim": ["التعاون الإسلامي"]}
    assert boundary["labels"] == {"amina": ["ORG"], "karim": ["ORG"]} and boundary["annotators"] == ["amina", "karim"]
    assert missing["kind"] == "missing" and missing["text"] == "جدة" and missing["annotators"] == ["amina"]
    left = differences_left(db, ["amina", "karim"])
    assert left[differ_id] == 2 and sum(left.values()) == 2
    # Deciding one difference leaves one.
    CurationService(db, "reviewer").accept(differ_id, expected[0], "amina")
    assert differences_left(db, ["amina", "karim"])[differ_id] == 1


def test_csv_and_json_by_extension(db: Database, tmp_path: Path) -> None:
    _corpus(db)
    rows = disagreement_rows(db, ["amina", "karim"])
    write_disagreements(rows, tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8")) == rows
    write_disagreements(rows, tmp_path / "d.csv")
    with (tmp_path / "d.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["document"] for r in table] == ["differ", "differ"]
    assert table[0]["texts"] == "amina: منظمة التعاون الإسلامي; karim: التعاون الإسلامي"
    assert table[1]["start"] == str(CITY[0]) and table[1]["resolved"] == "False"
    with pytest.raises(ValueError, match=r"\.csv or \.json"):
        write_disagreements(rows, tmp_path / "d.txt")
    assert not (tmp_path / "d.txt").exists()


def test_cli_writes_the_list(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(db)
    out = tmp_path / "list.json"
    try:
        main(["--db", db.url, "agreement", "--disagreements", "--out", str(out), "--annotators", "amina,karim"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    assert "wrote 2 disagreements" in capsys.readouterr().out
    assert [r["kind"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["boundary", "missing"]
    with pytest.raises(SystemExit) as exc:
        main(["--db", db.url, "agreement", "--disagreements", "--out", str(tmp_path / "x.xlsx")])
    assert exc.value.code == 2
