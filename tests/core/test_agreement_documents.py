"""Agreement per document, the guards (no common document, nested spans, unused layers) and agreement
with the gold layer, on small corpora whose figures are worked out here."""

from __future__ import annotations

import json

import numpy as np
import pytest

from curator.cli.main import main
from curator.records import DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.per_document import FEWER_THAN_TWO, unitizing_by_document
from curator.review.unitizing import AnnotatorSpans, unitizing_alpha
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR

TEXT = "قالت منظمة التعاون الإسلامي إن الاجتماع في جدة."
WHOLE, SHORT, END = TEXT.index("منظمة"), TEXT.index("التعاون"), TEXT.index(" إن")
CITY = (TEXT.index("جدة"), TEXT.index("جدة") + 3)


def _doc(ext: str, spans: list[tuple[str, int, int, str]], title: str = "") -> DocumentIn:
    doc = DocumentIn(source=f"{ext}.txt", line=1, text=TEXT, ext_id=ext, title=title or ext)
    doc.spans = [SpanIn("entity", label, s, e, who) for label, s, e, who in spans]
    return doc


def _corpus(db: Database) -> None:
    same = [("ORG", WHOLE, END, who) for who in ("amina", "karim")] + [("LOC", *CITY, w) for w in ("amina", "karim")]
    write_batch(
        db,
        [
            _doc("agree", same, "وثيقة متفقة"),
            _doc("differ", [("ORG", WHOLE, END, "amina"), ("ORG", SHORT, END, "karim")]),
            _doc("alone", [("LOC", *CITY, "amina")]),
        ],
        "test",
    )


def _by_ext(layer_docs: list[dict]) -> dict[str, dict]:
    return {d["document"]: d for d in layer_docs}


def test_figures_per_document_by_hand(db: Database) -> None:
    _corpus(db)
    report = compute_agreement(db, ["amina", "karim"], layers=["entity"])
    docs = _by_ext(report.to_dict()["span_layers"][0]["documents"])
    assert set(docs) == {"agree", "differ", "alone"}
    agree, differ, alone = docs["agree"], docs["differ"], docs["alone"]
    assert agree["title"] == "وثيقة متفقة" and agree["coders"] == 2
    assert (agree["exact_f1"], agree["overlap_f1"], agree["alpha_u"], agree["position_only"]) == (1.0, 1.0, 1.0, 1.0)
    # The organisation against its shorter form: exact 0, overlap 1, 0 < αU < 1, the same as αU of
    # that document alone (L = 47, worked out in test_agreement_unitizing).
    assert differ["exact_f1"] == 0.0 and differ["overlap_f1"] == 1.0
    alone_alpha = unitizing_alpha(
        {0: {"amina": [(WHOLE, END, "ORG")], "karim": [(SHORT, END, "ORG")]}}, {0: len(TEXT)}, ["amina", "karim"]
    )
    assert differ["alpha_u"] == pytest.approx(alone_alpha.overall.value)
    assert 0 < differ["alpha_u"] < 1
    # Only amina annotated it: not computable, with the reason, never 1.0.
    assert alone["coders"] == 1 and alone["alpha_u"] is None and alone["exact_f1"] is None
    assert alone["reasons"]["alpha_u"] == FEWER_THAN_TWO
    # Lowest agreement first, the uncomputable last.
    order = [row["document"] for row in report.by_document()]
    assert order == ["differ", "agree", "alone"]


def test_per_document_alpha_equals_alpha_of_each_document_alone() -> None:
    rng = np.random.default_rng(7)
    n_docs, names = 12, ["amina", "karim", "lea"]
    lengths = rng.integers(30, 90, size=n_docs).astype(np.int64)
    annotated = rng.random((3, n_docs)) < 0.8
    columns, as_dicts = [], {d: {} for d in range(n_docs)}
    for r, name in enumerate(names):
        rows = []
        for d in range(n_docs):
            if annotated[r, d]:
                as_dicts[d][name] = []
                for _ in range(int(rng.integers(0, 4))):
                    s = int(rng.integers(0, lengths[d] - 5))
                    e = s + int(rng.integers(1, 6))
                    lab = int(rng.integers(0, 2))
                    rows.append((d, lab, s, e))
                    as_dicts[d][name].append((s, e, "AB"[lab]))
        a = np.array(rows, dtype=np.int64).reshape(-1, 4)
        columns.append(AnnotatorSpans(a[:, 0], a[:, 1], a[:, 2], a[:, 3]))
    overall, position = unitizing_by_document(columns, annotated, lengths, [0, 1])
    for d in range(n_docs):
        coders = [n for n in names if n in as_dicts[d]]
        if len(coders) < 2:
            assert overall[d].value is None
            continue
        expected = unitizing_alpha({d: as_dicts[d]}, {d: int(lengths[d])}, coders)
        assert overall[d].value == pytest.approx(expected.overall.value)
        assert position[d].value == pytest.approx(expected.position_only.value)


def test_annotators_without_a_common_document_are_not_computable(db: Database) -> None:
    write_batch(db, [_doc("a", [("ORG", WHOLE, END, "amina")]), _doc("b", [("ORG", WHOLE, END, "karim")])], "t")
    figures = compute_agreement(db, ["amina", "karim"], layers=["entity"]).to_dict()
    assert figures["common_documents"] == 0 and "not computable" in figures["reason"]
    (entity,) = figures["span_layers"]
    (pair,) = entity["pairs"]
    assert pair["exact"]["f1"] is None and pair["overlap"]["f1"] is None
    assert pair["reason"] == "amina and karim annotated no document in common"
    assert entity["alpha"] is None and entity["alpha_reason"]
    assert entity["alpha_u"]["overall"] is None and entity["alpha_u"]["reason"]
    assert all(d["alpha_u"] is None and d["exact_f1"] is None for d in entity["documents"])


def test_nested_and_overlapping_spans_of_one_annotator_do_not_halve_a_score(db: Database) -> None:
    # Each annotator marks the organisation, the nested shorter form and an overlapping stretch:
    # identical work must score 1 everywhere, not 0.5 from spans matched twice or units counted twice.
    overlapping = (TEXT.index("الإسلامي"), TEXT.index("الاجتماع") + 3)
    spans = [("ORG", WHOLE, END, w) for w in ("amina", "karim")]
    spans += [("ORG", SHORT, END, w) for w in ("amina", "karim")]
    spans += [("ORG", *overlapping, w) for w in ("amina", "karim")]
    write_batch(db, [_doc("nested", spans)], "t")
    layer = compute_agreement(db, ["amina", "karim"], layers=["entity"]).to_dict()["span_layers"][0]
    (pair,) = layer["pairs"]
    assert pair["exact"]["f1"] == 1.0 and pair["overlap"]["f1"] == 1.0
    assert layer["alpha_u"]["overall"] == 1.0 and layer["position_only"]["alpha_u"] == 1.0
    (doc,) = layer["documents"]
    assert (doc["exact_f1"], doc["overlap_f1"], doc["alpha_u"], doc["position_only"]) == (1.0, 1.0, 1.0, 1.0)
    # One of them adds a nested duplicate of her own: the merge keeps αU at 1 and F1 drops only
    # for the extra span (2 * 3 / (4 + 3)), not by half.
    write_batch(db, [_doc("nested2", [*spans, ("ORG", SHORT + 1, END, "amina")])], "t")
    layer = compute_agreement(db, ["amina", "karim"], layers=["entity"]).to_dict()["span_layers"][0]
    second = _by_ext(layer["documents"])["nested2"]
    assert second["alpha_u"] == 1.0 and second["exact_f1"] == pytest.approx(6 / 7)


def test_a_layer_nobody_used_is_left_out_with_a_note(db: Database) -> None:
    _corpus(db)
    report = compute_agreement(db, ["amina", "karim"])
    used = [layer.layer for layer in report.span_layers]
    assert used == ["entity"]
    unused = [layer.id for layer in db.schema.layers if layer.id != "entity"]
    assert unused, "the test schema has other layers"
    for layer_id in unused:
        assert any(
            note.startswith(f"span layer {layer_id}:") or note.startswith(f"document layer {layer_id}:")
            for note in report.notes
        ), layer_id
    assert all(d.layer not in unused or d.alpha is not None for d in report.document_layers)


def test_each_annotator_against_the_gold_layer_per_label(db: Database) -> None:
    # Gold: the whole organisation and the city. amina has both; karim the short form only.
    gold = [("ORG", WHOLE, END, GOLD_ANNOTATOR), ("LOC", *CITY, GOLD_ANNOTATOR)]
    mine = [("ORG", WHOLE, END, "amina"), ("LOC", *CITY, "amina"), ("ORG", SHORT, END, "karim")]
    write_batch(db, [_doc("g", gold + mine)], "t")
    layer = compute_agreement(db, ["amina", "karim"], layers=["entity"]).to_dict()["span_layers"][0]
    assert layer["gold_reason"] is None
    against = {g["b"]: g for g in layer["gold"]}
    assert set(against) == {"amina", "karim"} and all(g["a"] == GOLD_ANNOTATOR for g in layer["gold"])
    assert against["amina"]["exact"]["f1"] == 1.0 and against["amina"]["alpha_u"]["overall"] == 1.0
    karim = against["karim"]
    # Gold is the reference: recall 0/2 exact, 1/2 by overlap; precision 1/1 by overlap.
    assert karim["exact"]["recall"] == 0.0 and karim["overlap"]["recall"] == 0.5
    assert karim["overlap"]["precision"] == 1.0
    assert karim["overlap_by_label"]["ORG"]["f1"] == 1.0 and karim["overlap_by_label"]["LOC"]["f1"] == 0.0


def test_without_a_gold_layer_the_gold_figures_say_why(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(db)
    try:
        main(["--db", db.url, "agreement", "--json", "--annotators", "amina,karim"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    figures = json.loads(capsys.readouterr().out)
    (entity,) = figures["span_layers"]
    assert entity["gold"] is None and entity["gold_reason"]
    assert {d["document"] for d in entity["documents"]} == {"agree", "differ", "alone"}
    assert figures["by_document"][0]["document"] == "differ"
