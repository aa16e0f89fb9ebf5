"""The agreement report: an HTML page with every figure and matplotlib charts, written to a folder.

Charts are drawn with matplotlib's Agg canvas (no GUI backend, no global pyplot state). Matplotlib
neither shapes Arabic nor orders right-to-left runs, so label names drawn in a chart go through
``arabic_reshaper`` and ``python-bidi`` here, and only here; the HTML itself gets the names in
logical order (the browser shapes them).
"""

from __future__ import annotations

import functools
import html
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from curator.review.agreement import AgreementReport
from curator.schema import Schema

CHARTS = "charts"
UNDEFINED = "undefined"
UNDEFINED_NOTE = (
    "— marks an undefined figure: nothing to compare, or no variation to measure (kappa and alpha are"
    " undefined when every answer is the same); charts write “undefined” where a bar would be."
)


def format_figure(value: float | None) -> str:
    """How a figure is shown in the window, the terminal and the report: three decimals, or a dash."""
    return "—" if value is None else f"{value:.3f}"


def shape_for_chart(text: str, matplotlib_shapes: bool | None = None) -> str:
    """``text`` as matplotlib must be given it to draw it right: unchanged when the installed
    matplotlib shapes and orders Arabic itself (3.11 does, with libraqm), else shaped and in visual
    order (arabic-reshaper and python-bidi). Shaping it twice draws شخص as ﺻﺨﺶ. ``matplotlib_shapes``
    None asks :func:`matplotlib_shapes_text`. Text without Arabic passes through unchanged."""
    if not any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text):
        return text
    if matplotlib_shapes_text() if matplotlib_shapes is None else matplotlib_shapes:
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


@functools.cache
def matplotlib_shapes_text() -> bool:
    """Whether the installed matplotlib joins Arabic letters itself, found by drawing: three beh
    letters joined (initial, medial, final) are about half as wide as three isolated behs, and a
    matplotlib that does not shape draws them isolated. (One that shapes also orders the run right
    to left: both come from libraqm.) A font without Arabic draws boxes of one width: False."""
    import numpy as np
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_manager.findfont(font_manager.FontProperties()))

    def ink_width(text: str) -> int:
        font.set_size(48, 72)
        font.set_text(text)
        font.draw_glyphs_to_bitmap()
        columns = np.flatnonzero(np.asarray(font.get_image()).any(axis=0))
        return int(columns[-1] - columns[0] + 1) if columns.size else 0

    joined, isolated = ink_width("\u0628\u0628\u0628"), ink_width("\ufe8f\ufe8f\ufe8f")
    return 0 < joined < 0.8 * isolated


def label_name(schema: Schema, layer: str, label: str, language: str = "ar") -> str:
    """``LABEL (name)`` in the given language, or the id alone for a label the schema lacks."""
    found = schema.label(layer, label)
    return f"{label} ({found.names.get(language)})" if found else label


def write_report(report: AgreementReport, schema: Schema, out: Path, language: str = "ar") -> Path:
    """Write ``index.html``, ``figures.json`` and ``charts/`` into ``out``; return the page's path.

    The report is built in a folder beside ``out`` and moved into place only once complete, so a
    failure leaves ``out`` as it was (absent, or the previous report); files of ``out`` that are not
    part of a report are left alone.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkdtemp: its folder is private (0700), and the report is for colleagues to read.
    work = out.parent / f".{out.name}.partial-{secrets.token_hex(4)}"
    work.mkdir()
    try:
        _write_into(report, schema, work, language)
        _move_into_place(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out / "index.html"


def _move_into_place(work: Path, out: Path) -> None:
    """Move the complete report in ``work`` to ``out``: one rename when ``out`` is new, else the
    report's own entries one by one, the page last (a reader never sees a page without its charts)."""
    if not out.exists():
        os.replace(work, out)
        return
    old_charts = work / ".old-charts"
    if (out / CHARTS).exists():
        os.replace(out / CHARTS, old_charts)
    os.replace(work / CHARTS, out / CHARTS)
    os.replace(work / "figures.json", out / "figures.json")
    os.replace(work / "index.html", out / "index.html")


def _write_into(report: AgreementReport, schema: Schema, out: Path, language: str) -> None:
    (out / CHARTS).mkdir()
    figures = report.to_dict()
    (out / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    body: list[str] = [
        f"<h1>Agreement: {_e(', '.join(report.annotators))}</h1>",
        f"<p>{report.documents} documents annotated by at least one of them.</p>",
        *([f"<p class='reason'><b>{_e(figures['reason'])}</b></p>"] if figures["reason"] else []),
        *(f"<p class='note'>{_e(note)}</p>" for note in figures["notes"]),
        "<h2>Method</h2><ul>"
        + "".join(f"<li>{_e(v)}</li>" for v in figures["method"].values())
        + f"<li class='undefined-note'>{UNDEFINED_NOTE}</li></ul>",
    ]
    for layer in figures["span_layers"]:
        body.extend(_span_section(layer, schema, out, language))
    for layer in figures["document_layers"]:
        body.extend(_document_section(layer, schema, out, language))
    data = json.dumps(figures, ensure_ascii=False).replace("</", "<\\/")
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Curator agreement</title>"
        "<style>body{font-family:'DejaVu Sans',sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}th:first-child,td:first-child"
        "{text-align:start}img{max-width:100%}</style></head><body>\n"
        + "\n".join(body)
        + f"\n<script type='application/json' id='figures'>{data}</script>\n</body></html>\n"
    )
    (out / "index.html").write_text(page, encoding="utf-8")


def _e(text: object) -> str:
    return html.escape(str(text))


def _name_cell(schema: Schema, layer: str, label: str, language: str) -> str:
    return f"<td dir='auto'>{_e(label_name(schema, layer, label, language))}</td>"


def _span_section(layer: dict[str, Any], schema: Schema, out: Path, language: str) -> list[str]:
    key = layer["layer"]
    parts = [f"<h2>Span layer {_e(key)}</h2>"]
    parts.append(
        f"<p>Krippendorff's alpha (nominal, tokens as units, {layer['alpha_units']} tokens): "
        f"<b class='alpha'>{format_figure(layer['alpha'])}</b></p>"
    )
    rows = [
        "<tr><th>pair</th><th>documents</th><th>exact P</th><th>exact R</th><th>exact F1</th>"
        "<th>overlap P</th><th>overlap R</th><th>overlap F1</th></tr>"
    ]
    for p in layer["pairs"]:
        cells = [p["exact"][k] for k in ("precision", "recall", "f1")] + [
            p["overlap"][k] for k in ("precision", "recall", "f1")
        ]
        rows.append(
            f"<tr><td>{_e(p['a'])} / {_e(p['b'])}</td><td>{p['documents']}</td>"
            + "".join(f"<td>{format_figure(c)}</td>" for c in cells)
            + "</tr>"
        )
    parts.append("<table class='pairs'>" + "".join(rows) + "</table>")
    labels = [lab for lab in layer["labels"] if any(lab in p["exact_by_label"] for p in layer["pairs"])]
    if labels:
        head = "<tr><th>label</th>" + "".join(
            f"<th>{_e(p['a'])}/{_e(p['b'])} exact F1</th><th>{_e(p['a'])}/{_e(p['b'])} overlap F1</th>"
            for p in layer["pairs"]
        )
        head += "<th>alpha</th></tr>"
        body = []
        for lab in labels:
            cells = []
            for p in layer["pairs"]:
                for which in ("exact_by_label", "overlap_by_label"):
                    found = p[which].get(lab)
                    cells.append(format_figure(found["f1"] if found else None))
            cells.append(format_figure(layer["alpha_by_label"].get(lab)))
            body.append(
                "<tr>" + _name_cell(schema, key, lab, language) + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
            )
        parts.append("<table class='labels'>" + head + "".join(body) + "</table>")
        chart = _bar_chart(
            f"{key}-f1.png",
            out,
            [label_name(schema, key, lab, language) for lab in labels],
            {
                f"{p['a']}/{p['b']}": [(p["overlap_by_label"].get(lab) or {}).get("f1") for lab in labels]
                for p in layer["pairs"]
            },
            f"{key}: overlap F1 per label",
        )
        parts.append(_chart_or_note(chart, f"F1 per label, layer {key}"))
    parts.extend(_unitizing_section(layer, schema, language))
    parts.extend(_gold_section(layer, schema, language))
    parts.extend(_documents_section(layer))
    for n, p in enumerate(layer["pairs"][:3]):
        matrix = p["confusion"]["matrix"]
        names = p["confusion"]["labels"]
        keep = [i for i in range(len(names)) if any(matrix[i]) or any(row[i] for row in matrix)]
        if len(keep) < 2:
            continue
        chart = _confusion_chart(
            f"{key}-confusion-{n + 1}.png",
            out,
            [label_name(schema, key, names[i], language) for i in keep],
            [[matrix[i][j] for j in keep] for i in keep],
            p["a"],
            p["b"],
        )
        parts.append(f"<img src='{CHARTS}/{_e(chart)}' alt='confusion {_e(p['a'])}/{_e(p['b'])}'>")
    return parts


def _why(value: float | None, reason: str | None) -> str:
    """A figure, or the dash with the reason it is not computable as its tooltip and after it."""
    if value is not None or not reason:
        return format_figure(value)
    return f"<span title='{_e(reason)}'>—</span> <small class='reason'>{_e(reason)}</small>"


def _unitizing_section(layer: dict[str, Any], schema: Schema, language: str) -> list[str]:
    """αU of every annotator, overall, per label and position only; then each pair's."""
    key, unitizing = layer["layer"], layer["alpha_u"]
    if unitizing is None:
        return []
    parts = [
        "<h3>Unitizing alpha (αU)</h3>",
        f"<p>All of them, on {unitizing['documents']} documents ({unitizing['length']} code points): "
        f"<b class='alpha-u'>{_why(unitizing['overall'], unitizing['reason'])}</b>; position only "
        f"<b class='position-only'>{_why(layer['position_only']['alpha_u'], layer['position_only']['reason'])}</b></p>",
    ]
    rows = ["<tr><th>pair</th><th>αU</th><th>position only</th></tr>"]
    for p in layer["pairs"]:
        u = p["alpha_u"] or {}
        where = u.get("position_only") or {}
        rows.append(
            f"<tr><td>{_e(p['a'])} / {_e(p['b'])}</td><td>{_why(u.get('overall'), u.get('reason'))}</td>"
            f"<td>{_why(where.get('alpha_u'), where.get('reason'))}</td></tr>"
        )
    parts.append("<table class='alpha-u-pairs'>" + "".join(rows) + "</table>")
    if unitizing["by_label"]:
        parts.append(
            "<table class='alpha-u-labels'><tr><th>label</th><th>αU</th></tr>"
            + "".join(
                "<tr>"
                + _name_cell(schema, key, lab, language)
                + f"<td>{_why(v, unitizing['reasons'].get(lab))}</td></tr>"
                for lab, v in unitizing["by_label"].items()
            )
            + "</table>"
        )
    return parts


def _gold_section(layer: dict[str, Any], schema: Schema, language: str) -> list[str]:
    """Each annotator against the gold layer (the reference), overall and per label."""
    key = layer["layer"]
    parts = ["<h3>Against the gold layer</h3>"]
    if layer["gold"] is None:
        return [*parts, f"<p class='no-gold'>{_e(layer['gold_reason'])}</p>"]
    rows = ["<tr><th>annotator</th><th>documents</th><th>exact F1</th><th>overlap F1</th><th>αU</th></tr>"]
    for g in layer["gold"]:
        u = g["alpha_u"] or {}
        rows.append(
            f"<tr><td>{_e(g['b'])}</td><td>{g['documents']}</td><td>{format_figure(g['exact']['f1'])}</td>"
            f"<td>{format_figure(g['overlap']['f1'])}</td><td>{_why(u.get('overall'), u.get('reason'))}</td></tr>"
        )
    parts.append("<table class='gold'>" + "".join(rows) + "</table>")
    labels = [lab for lab in layer["labels"] if any(lab in g["overlap_by_label"] for g in layer["gold"])]
    if labels:
        head = "<tr><th>label</th>" + "".join(f"<th>{_e(g['b'])} overlap F1</th>" for g in layer["gold"]) + "</tr>"
        body = [
            "<tr>"
            + _name_cell(schema, key, lab, language)
            + "".join(
                f"<td>{format_figure((g['overlap_by_label'].get(lab) or {}).get('f1'))}</td>" for g in layer["gold"]
            )
            + "</tr>"
            for lab in labels
        ]
        parts.append("<table class='gold-labels'>" + head + "".join(body) + "</table>")
    return parts


DOCUMENTS_CHARTED = 40


def _documents_section(layer: dict[str, Any]) -> list[str]:
    """The per-document figures: a table and an inline SVG bar chart of αU, lowest first (the
    browser shapes the titles: they are written in logical order, never reshaped here)."""
    rows = sorted(
        layer["documents"],
        key=lambda d: (d["alpha_u"] is None, d["alpha_u"] if d["alpha_u"] is not None else 0.0, d["document"]),
    )
    if not rows:
        return []
    parts = [f"<h3>Per document ({len(rows)}), lowest αU first</h3>", _documents_chart(rows[:DOCUMENTS_CHARTED])]
    head = "<tr><th>document</th><th>title</th><th>coders</th><th>exact F1</th><th>overlap F1</th><th>αU</th>"
    head += "<th>position only</th></tr>"
    body = []
    for d in rows:
        why = d["reasons"]
        body.append(
            f"<tr><td>{_e(d['document'])}</td><td dir='auto'>{_e(d['title'])}</td><td>{d['coders']}</td>"
            + "".join(
                f"<td>{_why(d[k], why.get(k))}</td>" for k in ("exact_f1", "overlap_f1", "alpha_u", "position_only")
            )
            + "</tr>"
        )
    parts.append("<table class='documents'>" + head + "".join(body) + "</table>")
    return parts


def _documents_chart(rows: list[dict[str, Any]]) -> str:
    """Horizontal bars of αU per document on an axis from -1 to 1 (values below -1 drawn at -1);
    a document whose αU is not computable gets the word "undefined" instead of a bar."""
    bar, gap, label_w, plot_w = 14, 4, 260, 400
    zero = label_w + plot_w / 2
    height = len(rows) * (bar + gap) + 24
    out = [
        f"<svg class='documents-chart' xmlns='http://www.w3.org/2000/svg' width='{label_w + plot_w + 60}'"
        f" height='{height}' role='img' aria-label='alpha U per document'>",
        f"<line x1='{zero}' y1='0' x2='{zero}' y2='{height - 20}' stroke='#999'/>",
    ]
    for x, text in ((label_w, "-1"), (zero, "0"), (label_w + plot_w, "1")):
        out.append(f"<text x='{x}' y='{height - 6}' font-size='11' text-anchor='middle'>{text}</text>")
    for n, d in enumerate(rows):
        y = n * (bar + gap)
        name = f"{d['document']} {d['title']}".strip() if d["title"] != d["document"] else d["document"]
        out.append(
            f"<text x='{label_w - 6}' y='{y + bar - 3}' font-size='11' text-anchor='end'"
            f" direction='ltr' unicode-bidi='plaintext'>{_e(name[:40])}</text>"
        )
        value = d["alpha_u"]
        if value is None:
            out.append(f"<text x='{zero + 4}' y='{y + bar - 3}' font-size='11' fill='#666'>{UNDEFINED}</text>")
            continue
        width = abs(max(value, -1.0)) * plot_w / 2
        left = zero if value >= 0 else zero - width
        colour = "#4c78a8" if value >= 0 else "#e45756"
        out.append(
            f"<rect x='{left:.1f}' y='{y}' width='{width:.1f}' height='{bar}' fill='{colour}'>"
            f"<title>{_e(d['document'])}: {format_figure(value)}</title></rect>"
        )
    out.append("</svg>")
    return "".join(out)


def _document_section(layer: dict[str, Any], schema: Schema, out: Path, language: str) -> list[str]:
    key = layer["layer"]
    parts = [f"<h2>Document labels {_e(key)}</h2>"]
    parts.append(
        "<table class='doc-overall'><tr><th>measure</th><th>documents</th><th>pooled</th></tr>"
        + "".join(
            f"<tr><td>Cohen's kappa {_e(p['a'])} / {_e(p['b'])}</td><td>{p['documents']}</td>"
            f"<td>{format_figure(p['kappa'])}</td></tr>"
            for p in layer["pairs"]
        )
        + (
            f"<tr><td>Fleiss' kappa</td><td>{layer['fleiss_documents']}</td>"
            f"<td>{format_figure(layer['fleiss'])}</td></tr>"
            if len(layer["pairs"]) >= 3
            else ""
        )
        + f"<tr><td>Krippendorff's alpha</td><td>{layer['alpha_documents']}</td>"
        f"<td>{format_figure(layer['alpha'])}</td></tr></table>"
    )
    labels = [lab for lab in layer["labels"] if lab in layer["alpha_by_label"]]
    if not labels:
        return parts
    head = "<tr><th>label</th>" + "".join(f"<th>κ {_e(p['a'])}/{_e(p['b'])}</th>" for p in layer["pairs"])
    head += "<th>Fleiss κ</th><th>alpha</th></tr>"
    rows = []
    for lab in labels:
        cells = [format_figure(p["by_label"].get(lab)) for p in layer["pairs"]]
        cells.append(format_figure(layer["fleiss_by_label"].get(lab)))
        cells.append(format_figure(layer["alpha_by_label"].get(lab)))
        rows.append("<tr>" + _name_cell(schema, key, lab, language) + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    parts.append("<table class='doc-labels'>" + head + "".join(rows) + "</table>")
    chart = _bar_chart(
        f"{key}-documents-kappa.png",
        out,
        [label_name(schema, key, lab, language) for lab in labels],
        {f"{p['a']}/{p['b']}": [p["by_label"].get(lab) for lab in labels] for p in layer["pairs"]},
        f"{key}: Cohen's kappa per label (documents)",
    )
    parts.append(_chart_or_note(chart, f"kappa per label, layer {key}"))
    return parts


def _bar_chart(
    name: str, out: Path, labels: list[str], series: dict[str, list[float | None]], title: str
) -> str | None:
    """Draw one bar per label and series into ``charts/name``; an undefined value gets the word
    "undefined" instead of a bar. None, and no file, when every value is undefined."""
    defined = [v for vs in series.values() for v in vs if v is not None]
    if not defined:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = max(2.5, 0.45 * len(labels) * max(1, len(series)) ** 0.5 + 1)
    fig = Figure(figsize=(8, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    n = max(1, len(series))
    bar = 0.8 / n
    left = min([0.0, *defined])
    for k, (pair, values) in enumerate(series.items()):
        ys = [i + k * bar - 0.4 + bar / 2 for i in range(len(labels))]
        ax.barh(ys, [v if v is not None else 0.0 for v in values], height=bar, label=pair)
        for y, v in zip(ys, values, strict=True):
            if v is None:
                ax.text(left + 0.01, y, UNDEFINED, va="center", fontsize="small", color="#666666")
    ax.set_yticks(range(len(labels)), [shape_for_chart(lab) for lab in labels])
    ax.invert_yaxis()
    ax.set_xlim(left, 1.0)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize="small")
    fig.savefig(out / CHARTS / name, dpi=90)
    return name


def _chart_or_note(chart: str | None, alt: str) -> str:
    if chart is None:
        return f"<p class='no-chart'>No chart: every figure it would show is {UNDEFINED}.</p>"
    return f"<img src='{CHARTS}/{_e(chart)}' alt='{_e(alt)}'>"


def _confusion_chart(name: str, out: Path, labels: list[str], matrix: list[list[int]], a: str, b: str) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    size = max(4.0, 0.6 * len(labels) + 2)
    fig = Figure(figsize=(size, size), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.imshow(matrix, cmap="Blues")
    shaped = [shape_for_chart(lab) for lab in labels]
    ax.set_xticks(range(len(labels)), shaped, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), shaped)
    ax.set_xlabel(shape_for_chart(b))  # annotators' names may be Arabic too
    ax.set_ylabel(shape_for_chart(a))
    top = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    # on two lines: one line of both names is wider than a chart of three labels
    ax.set_title(f"labels on matched spans\n{shape_for_chart(a)} / {shape_for_chart(b)}")
    fig.savefig(out / CHARTS / name, dpi=90)
    return name
