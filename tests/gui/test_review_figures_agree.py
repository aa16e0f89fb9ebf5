"""One small case computed by hand: the review window, `curator agreement --json` and the report
(figures.json and the page) all show these figures, label by label.

Document 1, "Ali rencontre Omar à Rabat et Paris.":
  amina: PER Ali, PER Omar, LOC Rabat, LOC Paris          (4 spans)
  karim: PER Ali, ORG Omar, LOC "Rab" (of Rabat)          (3 spans)
Exact matches: Ali only -> P 1/3, R 1/4, F1 2·1/(4+3) = 2/7.
Overlap matches (same label): Ali, Rabat/Rab -> P 2/3, R 2/4, F1 4/7.
Per label: PER exact = overlap: P 1/1, R 1/2, F1 2/3; ORG: P 0/1, R undefined (amina has none), F1 0;
LOC exact: P 0/1, R 0/2, F1 0; LOC overlap: P 1/1, R 1/2, F1 2/3.
Alpha on tokens (13: 7 in document 1, "Document", "n" in each of the 3 others; all "outside" but
Ali PER/PER, Omar PER/ORG, Rabat LOC/LOC, Paris LOC/outside): coincidences n_PER 3, n_ORG 1, n_LOC 3,
n_out 19, n 26, 4 off-diagonal -> 1 - 25·4/(26² - 380) = 49/74; PER (and LOC) against the rest:
n_yes 3, n_no 23, 2 off-diagonal -> 1 - 25·2/(2·3·23) = 44/69; ORG: 1 - 25·2/(2·1·25) = 0.

Cooperation areas on documents 1-4:
  amina: HEALTH; HEALTH+ECONOMY; ECONOMY; HEALTH
  karim: HEALTH; HEALTH;         ECONOMY; ECONOMY
HEALTH yes/no: amina 1101, karim 1100: p_o 3/4, p_e 3/4·1/2 + 1/4·1/2 = 1/2 -> kappa 1/2.
ECONOMY: amina 0110, karim 0011: p_o 1/2, p_e 1/2 -> kappa 0.
Pooled over the 8 document × label units: p_o 5/8, p_e 5/8·1/2 + 3/8·1/2 = 1/2 -> kappa 1/4.
Alpha: HEALTH n_yes 5, n_no 3, 2 off-diagonal of 8 -> 1 - 7·2/(2·5·3) = 8/15; ECONOMY 4/4, 4 off of 8
-> 1 - 7·4/(2·4·4) = 1/8; pooled n_yes 9, n_no 7, 6 off of 16 -> 1 - 15·6/(2·9·7) = 2/7.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from curator.cli.main import main
from curator.gui.review import ReviewWindow, open_review_window
from curator.records import DocLabelIn, DocumentIn, SpanIn
from curator.review.report import format_figure
from curator.store.bulk import write_batch
from curator.store.database import Database

pytestmark = pytest.mark.gui

TEXT = "Ali rencontre Omar à Rabat et Paris."
PRF = tuple[float | None, float | None, float | None]
EXACT: PRF = (1 / 3, 1 / 4, 2 / 7)
OVERLAP: PRF = (2 / 3, 2 / 4, 4 / 7)
BY_LABEL: dict[str, tuple[PRF, PRF]] = {  # label: (exact, overlap)
    "PER": ((1.0, 1 / 2, 2 / 3), (1.0, 1 / 2, 2 / 3)),
    "ORG": ((0.0, None, 0.0), (0.0, None, 0.0)),
    "LOC": ((0.0, 0.0, 0.0), (1.0, 1 / 2, 2 / 3)),
}
SPAN_ALPHA = 49 / 74
SPAN_ALPHA_BY_LABEL = {"PER": 44 / 69, "ORG": 0.0, "LOC": 44 / 69}
KAPPA = 1 / 4
KAPPA_BY_LABEL = {"ECONOMY": 0.0, "HEALTH": 1 / 2}  # in schema order
DOC_ALPHA = 2 / 7
DOC_ALPHA_BY_LABEL = {"ECONOMY": 1 / 8, "HEALTH": 8 / 15}
AREAS = {
    "amina": [{"HEALTH"}, {"HEALTH", "ECONOMY"}, {"ECONOMY"}, {"HEALTH"}],
    "karim": [{"HEALTH"}, {"HEALTH"}, {"ECONOMY"}, {"ECONOMY"}],
}


def _at(word: str, length: int | None = None) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + (length or len(word))


@pytest.fixture
def hand(db: Database) -> Database:
    docs = [DocumentIn(source="h1.txt", line=1, text=TEXT, ext_id="h1")]
    docs[0].spans = [
        SpanIn("entity", "PER", *_at("Ali"), "amina"),
        SpanIn("entity", "PER", *_at("Omar"), "amina"),
        SpanIn("entity", "LOC", *_at("Rabat"), "amina"),
        SpanIn("entity", "LOC", *_at("Paris"), "amina"),
        SpanIn("entity", "PER", *_at("Ali"), "karim"),
        SpanIn("entity", "ORG", *_at("Omar"), "karim"),
        SpanIn("entity", "LOC", *_at("Rabat", 3), "karim"),
    ]
    docs += [DocumentIn(source=f"h{n}.txt", line=1, text=f"Document {n}.", ext_id=f"h{n}") for n in (2, 3, 4)]
    for i, doc in enumerate(docs):
        for annotator, areas in AREAS.items():
            doc.doc_labels += [DocLabelIn("area", area, annotator) for area in sorted(areas[i])]
    write_batch(db, docs, "hand")
    return db


def _f(values: tuple[float | None, ...]) -> list[str]:
    return [format_figure(v) for v in values]


def _window_rows(window: ReviewWindow, layer: str) -> dict[str, list[str]]:
    window.layer_choice.setCurrentIndex(window.layer_choice.findText(layer))
    model = window.agreement_model
    return {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, model.columnCount())]
        for r in range(model.rowCount())
    }


def _section(page: str, title: str) -> str:
    start = page.index(f"<h2>{title}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start : end if end > 0 else len(page)]


def _table(section: str, cls: str) -> dict[str, list[str]]:
    """The rows of ``<table class=cls>`` as first cell -> the other cells, tags stripped."""
    found = re.search(rf"<table class='{cls}'>(.*?)</table>", section, re.S)
    assert found is not None, cls
    rows: dict[str, list[str]] = {}
    for row in re.findall(r"<tr>(.*?)</tr>", found.group(1)):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        rows[cells[0]] = cells[1:]
    return rows


def _run(*args: str) -> None:
    try:
        main(list(args))
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code


def test_window_cli_and_report_show_the_hand_computed_figures(
    hand: Database, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- the command line ------------------------------------------------------------------------
    _run("--db", hand.url, "agreement", "--json")
    cli: dict[str, Any] = json.loads(capsys.readouterr().out)
    entity = next(s for s in cli["span_layers"] if s["layer"] == "entity")
    (pair,) = entity["pairs"]
    assert (pair["a"], pair["b"], pair["documents"]) == ("amina", "karim", 4)
    for which, expected in (("exact", EXACT), ("overlap", OVERLAP)):
        assert tuple(pair[which][k] for k in ("precision", "recall", "f1")) == pytest.approx(expected)
        found = pair[f"{which}_by_label"]
        assert list(found) == list(BY_LABEL)
        for label, (exact, overlap) in BY_LABEL.items():
            got = tuple(found[label][k] for k in ("precision", "recall", "f1"))
            assert got == pytest.approx(exact if which == "exact" else overlap), (which, label)
    assert entity["alpha"] == pytest.approx(SPAN_ALPHA) and entity["alpha_units"] == 13
    assert entity["alpha_by_label"] == pytest.approx(SPAN_ALPHA_BY_LABEL)
    area = next(d for d in cli["document_layers"] if d["layer"] == "area")
    (kappa,) = area["pairs"]
    assert kappa["kappa"] == pytest.approx(KAPPA) and kappa["by_label"] == pytest.approx(KAPPA_BY_LABEL)
    assert area["alpha"] == pytest.approx(DOC_ALPHA) and area["alpha_by_label"] == pytest.approx(DOC_ALPHA_BY_LABEL)

    # -- the window: the table of each layer, row by row -----------------------------------------
    window = open_review_window(hand, "reviewer")
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.compute_button, Qt.MouseButton.LeftButton)
    assert window.report is not None and json.loads(json.dumps(window.report.to_dict())) == cli
    expected_rows = {"(all labels)": [*_f(EXACT), *_f(OVERLAP), format_figure(SPAN_ALPHA)]}
    for label, (exact, overlap) in BY_LABEL.items():
        expected_rows[label] = [*_f(exact), *_f(overlap), format_figure(SPAN_ALPHA_BY_LABEL[label])]
    assert _window_rows(window, "entity (spans)") == expected_rows
    assert expected_rows["ORG"][1] == "—"  # recall with nothing of amina's to recall: undefined
    expected_doc_rows = {"(pooled)": [format_figure(KAPPA), "—", format_figure(DOC_ALPHA)]}
    for label, value in KAPPA_BY_LABEL.items():
        expected_doc_rows[label] = [format_figure(value), "—", format_figure(DOC_ALPHA_BY_LABEL[label])]
    assert _window_rows(window, "area (documents)") == expected_doc_rows

    # -- the report: figures.json and the page ---------------------------------------------------
    out = tmp_path / "report"
    _run("--db", hand.url, "report", "--out", str(out), "--language", "en")
    assert json.loads((out / "figures.json").read_text(encoding="utf-8")) == cli
    page = (out / "index.html").read_text(encoding="utf-8")
    spans = _section(page, "Span layer entity")
    assert f"<b class='alpha'>{format_figure(SPAN_ALPHA)}</b>" in spans
    assert _table(spans, "pairs")["amina / karim"] == ["4", *_f(EXACT), *_f(OVERLAP)]
    names = {"PER": "PER (Person)", "ORG": "ORG (Organisation)", "LOC": "LOC (Place)"}
    labels = _table(spans, "labels")
    for label, (exact, overlap) in BY_LABEL.items():
        assert labels[names[label]] == [*_f((exact[2], overlap[2])), format_figure(SPAN_ALPHA_BY_LABEL[label])]
    documents = _section(page, "Document labels area")
    overall = _table(documents, "doc-overall")
    assert overall["Cohen's kappa amina / karim"] == ["4", format_figure(KAPPA)]
    assert overall["Krippendorff's alpha"] == ["4", format_figure(DOC_ALPHA)]
    per_label = _table(documents, "doc-labels")
    assert per_label["HEALTH (Health)"] == [format_figure(1 / 2), "—", format_figure(8 / 15)]
    assert per_label["ECONOMY (Economy, trade and finance)"] == [format_figure(0.0), "—", format_figure(1 / 8)]
