"""Agreement figures against small cases computed by hand (the arithmetic is written out here)."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest

from curator.records import DocLabelIn, DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.coefficients import cohen_kappa_binary, fleiss_kappa, fold_units, nominal_alpha
from curator.review.matching import SpanArrays, match_spans
from curator.review.tokens import Corpus
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.editing import Editor


def _arrays(rows: list[tuple[int, int, int, int]]) -> SpanArrays:
    a = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return SpanArrays(a[:, 0], a[:, 1], a[:, 2], a[:, 3])


# -- coefficients ----------------------------------------------------------------------------------


def test_nominal_alpha_of_two_coders_on_four_units_by_hand() -> None:
    # Coder 1: a a b b; coder 2: a b b b. Coincidences (each pairable unit adds 1/(m-1) = 1 per
    # ordered pair): o_aa = 2, o_ab = o_ba = 1, o_bb = 2 + 2 = 4. n_a = 3, n_b = 5, n = 8.
    # alpha = 1 - (n - 1) * (o_ab + o_ba) / (n_a n_b + n_b n_a) = 1 - 7 * 2 / 30 = 16/30.
    counts = [[2, 0], [1, 1], [0, 2], [0, 2]]
    assert nominal_alpha(counts) == pytest.approx(16 / 30)
    assert krippendorff.alpha(reliability_data=[[0, 0, 1, 1], [0, 1, 1, 1]], level_of_measurement="nominal") == (
        pytest.approx(16 / 30)
    )


def test_nominal_alpha_equals_the_krippendorff_package_with_missing_values() -> None:
    rng = np.random.default_rng(5)
    values = rng.integers(0, 4, size=(3, 300)).astype(float)
    values[rng.random(values.shape) < 0.2] = np.nan
    values[:, :150] = values[0, :150]  # some agreement, so alpha is far from 0
    expected = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
    codes = np.where(np.isnan(values), -1, values).astype(np.int64)
    rows, weights = fold_units(codes, 4)
    assert weights.sum() == 300
    assert nominal_alpha(rows, weights) == pytest.approx(expected)


def test_nominal_alpha_is_undefined_without_variation() -> None:
    assert math.isnan(nominal_alpha([[2, 0], [2, 0]]))
    assert math.isnan(nominal_alpha([[1, 0]]))  # no unit has two values


def test_cohen_kappa_by_hand() -> None:
    # Ten documents: A says yes on 1-5, B on 1-4 and 6. Observed agreement 8/10; both say yes half
    # the time, so chance agreement is .5 * .5 + .5 * .5 = .5; kappa = (.8 - .5) / (1 - .5) = .6.
    a = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0]
    assert cohen_kappa_binary(a, b) == pytest.approx(0.6)
    assert math.isnan(cohen_kappa_binary([1, 1], [1, 1]))  # chance agreement 1: undefined


def test_fleiss_kappa_by_hand() -> None:
    # Three raters, four units, yes/no counts (3,0) (0,3) (2,1) (1,2).
    # P_i = (sum n_ij^2 - 3) / 6 = 1, 1, 1/3, 1/3 -> mean 2/3; p_yes = 6/12 = .5, P_e = .25 + .25 = .5;
    # kappa = (2/3 - 1/2) / (1 - 1/2) = 1/3.
    assert fleiss_kappa([[3, 0], [0, 3], [2, 1], [1, 2]]) == pytest.approx(1 / 3)
    with pytest.raises(ValueError):
        fleiss_kappa([[3, 0], [1, 1]])


# -- matching and tokens ---------------------------------------------------------------------------


def test_overlap_matching_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    a = _arrays([(0, 0, 0, 10)])
    b = _arrays([(0, 0, 0, 2), (0, 0, 1, 9), (0, 0, 20, 25)])
    ia, ib = match_spans(a, b, exact=False, by_label=True)
    assert ia.tolist() == [0] and ib.tolist() == [1]
    ia, ib = match_spans(a, b, exact=True, by_label=True)
    assert ia.tolist() == []
    # Other documents and other labels never match.
    assert match_spans(a, _arrays([(1, 0, 0, 10), (0, 1, 0, 10)]), exact=False, by_label=True)[0].tolist() == []


def test_tokens_keep_arabic_marks_and_proclitics_inside_words() -> None:
    corpus = Corpus(["قَالَ والسودان، ok", "x"])
    words = [("قَالَ والسودان، ok\nx")[s:e] for s, e in zip(corpus.token_start, corpus.token_end, strict=True)]
    assert words == ["قَالَ", "والسودان", "ok", "x"]
    assert corpus.token_doc.tolist() == [0, 0, 0, 1]


# -- whole reports on a database -------------------------------------------------------------------

TEXT = "Ali met Omar in Rabat"  # tokens: Ali 0-3, met 4-7, Omar 8-12, in 13-15, Rabat 16-21


def _spans_db(db: Database) -> None:
    a = [("PER", 0, 3), ("PER", 8, 12), ("LOC", 16, 21)]
    b = [("PER", 0, 3), ("ORG", 8, 12)]
    doc = DocumentIn(source="t.txt", line=1, text=TEXT, ext_id="t1")
    doc.spans = [SpanIn("entity", lab, s, e, "amina") for lab, s, e in a]
    doc.spans += [SpanIn("entity", lab, s, e, "karim") for lab, s, e in b]
    second = DocumentIn(source="u.txt", line=1, text="Le Conseil de sécurité siège à Genève.", ext_id="t2")
    # amina: ORG 3-22 "Conseil de sécurité", LOC 31-37; karim: ORG 3-10 "Conseil" (overlap), DATE 23-28.
    second.spans = [SpanIn("entity", "ORG", 3, 22, "amina"), SpanIn("entity", "LOC", 31, 37, "amina")]
    second.spans += [SpanIn("entity", "ORG", 3, 10, "karim"), SpanIn("entity", "DATE", 23, 28, "karim")]
    write_batch(db, [doc, second], "test")


def test_span_figures_by_hand(db: Database) -> None:
    _spans_db(db)
    report = compute_agreement(db, ["amina", "karim"], layers=["entity"])
    (layer,) = report.span_layers
    (pair,) = layer.pairs
    assert (pair.a, pair.b, pair.documents) == ("amina", "karim", 2)
    # amina (the reference) 5 spans, karim 4. Exact (same label and offsets): PER 0-3 only ->
    # P = 1/4, R = 1/5, F1 = 2 * 1 / (5 + 4) = 2/9.
    assert (pair.exact.matched, pair.exact.a, pair.exact.b) == (1, 5, 4)
    assert (pair.exact.precision, pair.exact.recall) == (0.25, 0.2)
    assert pair.exact.f1 == pytest.approx(2 / 9)
    # Overlap, same label: PER 0-3 and ORG 3-22 ~ 3-10 -> 2 matches; P = 2/4, R = 2/5, F1 = 4/9.
    assert pair.overlap.matched == 2
    assert (pair.overlap.precision, pair.overlap.recall) == (0.5, 0.4)
    assert pair.overlap.f1 == pytest.approx(4 / 9)
    # Per label, exact: PER matched 1; amina has 2 PER, karim 1 -> P = 1, R = 1/2, F1 = 2/3.
    per = pair.exact_by_label["PER"]
    assert (per.precision, per.recall, per.f1) == (1.0, 0.5, pytest.approx(2 / 3))
    assert pair.overlap_by_label["ORG"].f1 == pytest.approx(2 * 1 / (1 + 2))
    # Confusion on spans matched by position whatever the label: PER/PER, PER/ORG (Omar), ORG/ORG;
    # LOC Rabat and LOC Genève have no partner in karim, karim's DATE none in amina.
    labels = pair.confusion_labels
    m = {(labels[i], labels[j]): v for i, row in enumerate(pair.confusion) for j, v in enumerate(row) if v}
    assert m == {("PER", "PER"): 1, ("PER", "ORG"): 1, ("ORG", "ORG"): 1, ("LOC", "(none)"): 2, ("(none)", "DATE"): 1}


def test_token_alpha_by_hand(db: Database) -> None:
    doc = DocumentIn(source="t.txt", line=1, text=TEXT, ext_id="t1")
    doc.spans = [SpanIn("entity", lab, s, e, "amina") for lab, s, e in [("PER", 0, 3), ("PER", 8, 12), ("LOC", 16, 21)]]
    doc.spans += [SpanIn("entity", lab, s, e, "karim") for lab, s, e in [("PER", 0, 3), ("ORG", 8, 12)]]
    write_batch(db, [doc], "test")
    layer = compute_agreement(db, ["amina", "karim"], layers=["entity"]).span_layers[0]
    # Tokens (amina, karim): Ali (PER, PER), met (O, O), Omar (PER, ORG), in (O, O), Rabat (LOC, O).
    # Coincidences: PER-PER 2, O-O 4, PER-ORG and ORG-PER 1 each, LOC-O and O-LOC 1 each.
    # n_PER = 3, n_ORG = 1, n_LOC = 1, n_O = 5, n = 10; off-diagonal 4; sum over c != k of n_c n_k =
    # 100 - (9 + 1 + 1 + 25) = 64. alpha = 1 - 9 * 4 / 64 = 28/64.
    assert layer.alpha_units == 5
    assert layer.alpha == pytest.approx(28 / 64)
    # PER against the rest: Ali (1,1), Omar (1,0), three tokens (0,0): o_11 = 2, o_00 = 6, o_10 = o_01 = 1;
    # n_1 = 3, n_0 = 7: alpha = 1 - 9 * 2 / (2 * 21) = 24/42.
    assert layer.alpha_by_label["PER"] == pytest.approx(24 / 42)
    reliability = [[0, 7, 0, 7, 2], [0, 7, 1, 7, 7]]
    assert layer.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    )


def test_document_label_figures_by_hand(db: Database) -> None:
    # HEALTH on d1 by A, B, C; on d3 by A, B; on d4 by A. ECONOMY on d2 by all three (so every
    # document has a label of the layer); C marks d3 and d4 done without labels, B marks d4 done.
    docs = [DocumentIn(source=f"d{i}.txt", line=1, text=f"Texte numéro {i}.", ext_id=f"d{i}") for i in range(1, 5)]
    health = {0: "ABC", 2: "AB", 3: "A"}
    for i, who in health.items():
        docs[i].doc_labels = [DocLabelIn("area", "HEALTH", name) for name in who]
    docs[1].doc_labels = [DocLabelIn("area", "ECONOMY", name) for name in "ABC"]
    write_batch(db, docs, "test")
    ids = {d.ext_id: d for d in docs}
    from curator.store.queries import document_ids_by_ext

    d3, d4 = document_ids_by_ext(db, ["d3"])[0], document_ids_by_ext(db, ["d4"])[0]
    Editor(db, "C").set_status(d3, "done")
    Editor(db, "C").set_status(d4, "done")
    Editor(db, "B").set_status(d4, "done")
    assert ids
    layer = compute_agreement(db, ["A", "B", "C"], layers=["area"]).document_layers[0]
    ab = layer.pairs[0]
    # A/B on HEALTH: yes/yes d1, no/no d2, yes/yes d3, yes/no d4 -> observed 3/4; A says yes 3/4, B 1/2:
    # chance = 3/4 * 1/2 + 1/4 * 1/2 = 1/2; kappa = (3/4 - 1/2) / (1/2) = 1/2.
    assert (ab.a, ab.b, ab.documents) == ("A", "B", 4)
    assert ab.by_label["HEALTH"] == pytest.approx(0.5)
    # Fleiss on HEALTH: counts (3,0) (0,3) (2,1) (1,2) -> 1/3, as in test_fleiss_kappa_by_hand.
    assert layer.fleiss_documents == 4
    assert layer.fleiss_by_label["HEALTH"] == pytest.approx(1 / 3)
    # Alpha on HEALTH, three coders per unit: each ordered pair adds 1/2. d1: yy 3; d2: nn 3;
    # d3 (y,y,n): yy 1, yn 1, ny 1; d4 (y,n,n): nn 1, yn 1, ny 1. o_yy = 4, o_nn = 4, o_yn = o_ny = 2;
    # n_y = n_n = 6, n = 12: alpha = 1 - 11 * 4 / (2 * 36) = 28/72.
    assert layer.alpha_by_label["HEALTH"] == pytest.approx(28 / 72)
    # ECONOMY: everyone agrees on every document (yes on d2, no elsewhere): kappa 1.
    assert ab.by_label["ECONOMY"] == pytest.approx(1.0)


def test_two_annotators_are_needed(db: Database) -> None:
    _spans_db(db)
    with pytest.raises(ValueError, match="two or more"):
        compute_agreement(db, ["amina"])
    with pytest.raises(ValueError, match="no annotator named"):
        compute_agreement(db, ["amina", "nobody"])


def test_agreement_on_a_generated_corpus_of_three_annotators(db: Database) -> None:
    from review_corpus import build_corpus

    build_corpus(db, 30, ["amina", "karim", "lea"])
    report = compute_agreement(db)
    assert report.annotators == ["amina", "karim", "lea"] and report.documents == 30
    entity = next(s for s in report.span_layers if s.layer == "entity")
    assert len(entity.pairs) == 3
    for pair in entity.pairs:
        assert pair.exact.f1 is not None and pair.overlap.f1 is not None
        assert 0.5 < pair.exact.f1 <= pair.overlap.f1 < 1
        # Every span is either matched (a cell off the "(none)" row/column) or counted as unmatched.
        matrix = np.array(pair.confusion)
        assert matrix[:-1, :].sum() == pair.overlap.a and matrix[:, :-1].sum() == pair.overlap.b
    assert entity.alpha is not None and 0.5 < entity.alpha < 1
    area = next(d for d in report.document_layers if d.layer == "area")
    assert area.fleiss is not None and area.alpha is not None and area.fleiss_documents == 30
