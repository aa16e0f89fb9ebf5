"""The HTML report shows αU, position only, the gold comparison and a per-document chart (inline
SVG) whose Arabic titles are left in logical order for the browser to shape."""

from __future__ import annotations

import re
from pathlib import Path

from curator.records import DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.report import format_figure, write_report
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR

TEXT = "قالت منظمة التعاون الإسلامي إن الاجتماع في جدة."
WHOLE, SHORT, END = TEXT.index("منظمة"), TEXT.index("التعاون"), TEXT.index(" إن")
TITLE = "اجتماع منظمة التعاون"


def test_the_report_shows_the_new_figures_and_a_chart_per_document(db: Database, tmp_path: Path) -> None:
    differ = DocumentIn(source="d.txt", line=1, text=TEXT, ext_id="differ", title=TITLE)
    differ.spans = [SpanIn("entity", "ORG", WHOLE, END, "amina"), SpanIn("entity", "ORG", SHORT, END, "karim")]
    differ.spans.append(SpanIn("entity", "ORG", WHOLE, END, GOLD_ANNOTATOR))
    agree = DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="agree", title="agree")
    agree.spans = [SpanIn("entity", "ORG", WHOLE, END, w) for w in ("amina", "karim")]
    alone = DocumentIn(source="l.txt", line=1, text=TEXT, ext_id="alone", title="alone")
    alone.spans = [SpanIn("entity", "ORG", WHOLE, END, "amina")]
    write_batch(db, [differ, agree, alone], "test")
    report = compute_agreement(db, ["amina", "karim"], layers=["entity"])
    page = write_report(report, db.schema, tmp_path / "out").read_text(encoding="utf-8")
    layer = report.span_layers[0]
    assert layer.alpha_u is not None
    assert f"<b class='alpha-u'>{format_figure(layer.alpha_u.overall.value)}</b>" in page
    assert "class='position-only'" in page and "<table class='alpha-u-labels'>" in page
    assert "<table class='gold'>" in page  # amina and karim against the gold layer
    (svg,) = re.findall(r"<svg class='documents-chart'.*?</svg>", page)
    # Two computable documents get a bar, lowest first; the one only amina annotated says undefined.
    bars = re.findall(r"<rect [^>]*><title>(\w+): ([-0-9.]+)</title>", svg)
    assert [name for name, _ in bars] == ["differ", "agree"] and bars[1][1] == "1.000"
    assert "undefined" in svg
    # The title is in logical order, as stored: no presentation forms, nothing reshaped.
    assert TITLE in svg and not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", page)
    assert "<table class='documents'>" in page and "fewer than two of the annotators" in page
