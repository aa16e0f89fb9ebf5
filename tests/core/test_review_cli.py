"""`curator agreement` and `curator report` show the figures the core computes, and the same ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from curator.cli.main import main
from curator.review.agreement import compute_agreement
from curator.review.report import format_figure, shape_for_chart
from curator.store.database import Database
from curator.store.queries import document_ids_by_ext


def _run(db: Database, *args: str) -> None:
    try:
        main(["--db", db.url, *args])
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code


@pytest.fixture
def corpus(db: Database) -> Database:
    from review_corpus import build_corpus

    build_corpus(db, 12, ["amina", "karim", "lea"])
    return db


def test_cli_json_report_and_core_figures_are_the_same(
    corpus: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    core = json.loads(json.dumps(compute_agreement(corpus).to_dict()))
    _run(corpus, "agreement", "--json")
    cli = json.loads(capsys.readouterr().out)
    assert cli == core
    _run(corpus, "report", "--out", str(tmp_path / "report"))
    assert "index.html" in capsys.readouterr().out
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    embedded = re.search(r"<script type='application/json' id='figures'>(.*?)</script>", page, re.S)
    assert embedded is not None
    assert json.loads(embedded.group(1).replace("<\\/", "</")) == core
    assert json.loads((tmp_path / "report" / "figures.json").read_text(encoding="utf-8")) == core
    # The numbers a reader sees in the page are the core's, rounded the one shared way.
    entity = next(s for s in core["span_layers"] if s["layer"] == "entity")
    assert f"<b class='alpha'>{format_figure(entity['alpha'])}</b>" in page
    first = entity["pairs"][0]
    assert f"<td>{format_figure(first['exact']['f1'])}</td>" in page
    area = next(d for d in core["document_layers"] if d["layer"] == "area")
    assert f"<td>{format_figure(area['fleiss'])}</td>" in page
    charts = sorted(p.name for p in (tmp_path / "report" / "charts").glob("*.png"))
    assert "entity-f1.png" in charts and "area-documents-kappa.png" in charts
    assert all((tmp_path / "report" / "charts" / c).stat().st_size > 1000 for c in charts)
    # Label names in the page are in logical order (the browser shapes them); only charts get shaped text.
    assert "PER (شخص)" in page


def test_cli_filters_and_table_output(corpus: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _run(corpus, "agreement", "--json", "--layer", "entity", "--annotators", "amina,lea", "--documents", "syn0,syn1")
    figures = json.loads(capsys.readouterr().out)
    ids = document_ids_by_ext(corpus, ["syn0", "syn1"])
    expected = compute_agreement(corpus, ["amina", "lea"], layers=["entity"], document_ids=ids).to_dict()
    assert figures == json.loads(json.dumps(expected))
    assert figures["annotators"] == ["amina", "lea"] and figures["documents"] == 2
    assert [s["layer"] for s in figures["span_layers"]] == ["entity"] and figures["document_layers"] == []
    _run(corpus, "agreement")
    out = capsys.readouterr().out
    assert "karim / lea" in out  # without --annotators, everyone but the gold layer is compared
    assert format_figure(compute_agreement(corpus).span_layers[0].pairs[0].exact.f1) in out


def test_cli_refuses_a_single_annotator_with_one_line(corpus: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", corpus.url, "agreement", "--annotators", "amina"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["curator: error: agreement needs two or more annotators"]


def test_arabic_is_shaped_for_charts_only_where_matplotlib_does_not_shape_it() -> None:
    shaped = shape_for_chart("شخص", matplotlib_shapes=False)
    assert shaped != "شخص" and all("\ufe70" <= ch <= "\ufeff" for ch in shaped)
    assert shape_for_chart("شخص", matplotlib_shapes=True) == "شخص"
    assert shape_for_chart("Personne", matplotlib_shapes=False) == "Personne"


def test_the_review_window_command_is_there(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["review", "--help"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    assert "--reviewer" in capsys.readouterr().out


@pytest.fixture
def unanimous(db: Database) -> Database:
    """One document, the same area from both annotators: every kappa and alpha is undefined."""
    from curator.records import DocLabelIn, DocumentIn
    from curator.store.bulk import write_batch

    doc = DocumentIn(source="u.txt", line=1, text="La santé avant tout.", ext_id="u1")
    doc.doc_labels = [DocLabelIn("area", "HEALTH", "amina"), DocLabelIn("area", "HEALTH", "karim")]
    write_batch(db, [doc], "test")
    return db


def test_a_report_of_undefined_figures_is_written_and_says_so(
    unanimous: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    _run(unanimous, "report", "--out", str(out))
    assert capsys.readouterr().out.strip() == f"wrote {out / 'index.html'}"
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    area = next(d for d in figures["document_layers"] if d["layer"] == "area")
    assert area["pairs"][0]["kappa"] is None and area["alpha_by_label"] == {"HEALTH": None}
    page = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr><td dir='auto'>HEALTH \(الصحة\)</td>(.*?)</tr>", page)
    assert row is not None and row.group(1) == "<td>—</td>" * 3
    assert "— marks an undefined figure" in page
    assert "<p class='no-chart'>No chart: every figure it would show is undefined.</p>" in page
    assert not (out / "charts" / "area-documents-kappa.png").exists()
    assert [p.name for p in tmp_path.glob("*report*")] == ["report"]  # nothing left aside


def test_a_report_that_fails_leaves_no_half_written_folder(
    corpus: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator.review import report

    def broken(*args: object) -> list[str]:
        raise RuntimeError("the chart library gave up")

    out = tmp_path / "report"
    monkeypatch.setattr(report, "_document_section", broken)  # after figures.json and the span charts
    with pytest.raises(SystemExit) as exc:
        main(["--db", corpus.url, "report", "--out", str(out)])
    assert exc.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["curator: error: the report could not be written (RuntimeError: the chart library gave up)"]
    assert list(tmp_path.glob("*report*")) == []  # neither the folder nor the one it was built in
    # Over a previous report: the previous one stays whole, and files of the folder are kept.
    monkeypatch.undo()
    _run(corpus, "report", "--out", str(out))
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(report, "_document_section", broken)
    with pytest.raises(SystemExit):
        main(["--db", corpus.url, "report", "--out", str(out)])
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    # And a new report replaces the old one's files, keeping the folder's others.
    monkeypatch.undo()
    _run(corpus, "report", "--out", str(out), "--layer", "area")
    assert not (out / "charts" / "entity-f1.png").exists() and (out / "charts" / "area-documents-kappa.png").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "Span layer entity" not in (out / "index.html").read_text(encoding="utf-8")
