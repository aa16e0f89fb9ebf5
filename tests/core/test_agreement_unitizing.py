"""Krippendorff's unitizing alpha (αU) and position-only agreement against small cases computed by
hand (the arithmetic is written out here), a slow reference that walks the continuum, and a curator's
database through ``compute_agreement`` and ``curator agreement --json``."""

from __future__ import annotations

import json
from itertools import combinations

import numpy as np
import pytest

from curator.cli.main import main
from curator.records import DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.unitizing import unitizing_alpha
from curator.store.bulk import write_batch
from curator.store.database import Database


def test_two_overlapping_units_by_hand() -> None:
    # Continuum of 10; amina marks 2-5, karim 3-6, one label. Observed: one overlapping pair,
    # (2 - 3)² + (5 - 6)² = 2; D_o = 2 * 2 / (R (R - 1) L²) = 4 / 200 = 0.02.
    # Expected: N = 2 units of length 3; gaps 2, 5 (amina) and 3, 4 (karim).
    # Per unit: (N - 1)(2*27 - 3*9 + 3)/3 = 10, plus l² Σ_{g >= 3} (g - 3 + 1) = 9 * (1 + 2 + 3) = 54 -> 64;
    # two units 128. Denominator R L (R L - 1) - Σ l(l - 1) = 20 * 19 - 12 = 368.
    # D_e = 2/10 * 128 / 368 = 25.6 / 368; αU = 1 - 0.02 * 368 / 25.6 = 1 - 0.2875 = 0.7125.
    result = unitizing_alpha({"d": {"amina": [(2, 5, "ORG")], "karim": [(3, 6, "ORG")]}}, {"d": 10}, ["amina", "karim"])
    assert result.by_label["ORG"].value == pytest.approx(0.7125)
    assert result.overall.value == pytest.approx(0.7125)
    assert result.position_only.value == pytest.approx(0.7125)
    assert (result.documents, result.length) == (1, 10)


def test_a_unit_the_other_annotator_missed_by_hand() -> None:
    # amina marks 2-5 on a continuum of 10, karim marks nothing there. Observed: the unit lies in
    # karim's gap, 3² = 9; D_o = 2 * 9 / 200 = 0.09. Expected: N = 1, so the first term is 0; gaps
    # 2, 5 (amina) and 10 (karim); Σ_{g >= 3} (g - 2) = 3 + 8 = 11, times 9 = 99; denominator
    # 20 * 19 - 3 * 2 = 374; D_e = 0.2 * 99 / 374 = 19.8 / 374; αU = 1 - 0.09 * 374 / 19.8 = -0.7.
    result = unitizing_alpha({"d": {"amina": [(2, 5, "ORG")], "karim": []}}, {"d": 10}, ["amina", "karim"])
    assert result.overall.value == pytest.approx(-0.7)


def test_identical_annotations_give_one() -> None:
    spans = [(0, 4, "PER"), (10, 19, "ORG"), (25, 30, "LOC")]
    docs = {
        1: {n: list(spans) for n in ("amina", "karim", "lea")},
        2: {n: [(3, 8, "PER")] for n in ("amina", "karim", "lea")},
    }
    result = unitizing_alpha(docs, {1: 40, 2: 12}, ["amina", "karim", "lea"])
    assert result.overall.value == 1.0
    assert {k: f.value for k, f in result.by_label.items()} == {"LOC": 1.0, "ORG": 1.0, "PER": 1.0}
    assert result.position_only.value == 1.0
    assert (result.documents, result.length) == (2, 52)


def test_disjoint_documents_are_not_computable_never_one() -> None:
    docs = {1: {"amina": [(0, 4, "PER")]}, 2: {"karim": [(0, 4, "PER")]}}
    result = unitizing_alpha(docs, {1: 10, 2: 10}, ["amina", "karim"])
    assert result.overall.value is None
    assert result.overall.reason == "no document annotated by all of amina, karim"
    assert result.position_only.value is None and result.position_only.reason
    assert result.to_dict()["overall"] is None and result.to_dict()["reason"]


def test_nothing_marked_on_shared_documents_is_not_computable() -> None:
    result = unitizing_alpha({1: {"amina": [], "karim": []}}, {1: 10}, ["amina", "karim"])
    assert result.overall.value is None and result.overall.reason == "no spans on the shared documents"


def test_a_label_nobody_used_is_left_out_and_position_ignores_labels() -> None:
    docs = {1: {"amina": [(0, 4, "PER"), (10, 15, "ORG")], "karim": [(0, 4, "PER"), (10, 15, "LOC")]}}
    result = unitizing_alpha(docs, {1: 30}, ["amina", "karim"])
    assert set(result.by_label) == {"PER", "ORG", "LOC"}  # DATE was never used: not there
    assert result.by_label["PER"].value == 1.0
    assert result.by_label["ORG"].value is not None and result.by_label["ORG"].value < 0
    assert result.overall.value is not None and result.overall.value < 1
    # Same stretches marked, different labels: position-only agreement is perfect.
    assert result.position_only.value == 1.0


def test_nested_spans_of_one_annotator_do_not_lower_the_score() -> None:
    # amina's 2-5 inside her own 0-10 of the same label is merged into 0-10: the same as karim.
    docs = {1: {"amina": [(0, 10, "ORG"), (2, 5, "ORG")], "karim": [(0, 10, "ORG")]}}
    assert unitizing_alpha(docs, {1: 30}, ["amina", "karim"]).overall.value == 1.0


def _reference_alpha(units: list[list[tuple[int, int]]], length: int) -> float:
    """αU of one label by walking every annotator's segments (units and gaps) position by position,
    as DKPro Agreement describes it; slow, for checking the vectorised one."""

    def segments(us: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
        out, pos = [], 0
        for s, e in sorted(us):
            if s > pos:
                out.append((pos, s, False))
            out.append((s, e, True))
            pos = e
        if pos < length:
            out.append((pos, length, False))
        return out

    r = len(units)
    observed = 0.0
    for a, b in combinations(range(r), 2):
        for s1, e1, u1 in segments(units[a]):
            for s2, e2, u2 in segments(units[b]):
                if not (s1 < e2 and s2 < e1):
                    continue
                if u1 and u2:
                    observed += (s1 - s2) ** 2 + (e1 - e2) ** 2
                elif u1 and not u2 and s2 <= s1 and e1 <= e2:
                    observed += (e1 - s1) ** 2
                elif u2 and not u1 and s1 <= s2 and e2 <= e1:
                    observed += (e2 - s2) ** 2
    d_o = 2 * observed / (r * (r - 1) * length**2)
    lengths = [e - s for us in units for s, e in us]
    gaps = [e - s for us in units for s, e, u in segments(us) if not u]
    n = len(lengths)
    total = 0.0
    for ell in lengths:
        total += (n - 1) * (2 * ell**3 - 3 * ell**2 + ell) / 3
        total += ell**2 * sum(g - ell + 1 for g in gaps if g >= ell)
    d_e = 2 / length * total / (r * length * (r * length - 1) - sum(ell * (ell - 1) for ell in lengths))
    return 1 - d_o / d_e


def test_the_vectorised_alpha_equals_a_walk_along_the_continuum() -> None:
    rng = np.random.default_rng(20)
    for _ in range(30):
        length = int(rng.integers(40, 120))
        names = ["amina", "karim", "lea"][: int(rng.integers(2, 4))]
        units: list[list[tuple[int, int]]] = []
        for _name in names:
            cuts = np.sort(rng.choice(np.arange(length + 1), size=2 * int(rng.integers(1, 6)), replace=False))
            units.append([(int(s), int(e)) for s, e in zip(cuts[::2], cuts[1::2], strict=True)])
        docs = {0: {n: [(s, e, "ORG") for s, e in us] for n, us in zip(names, units, strict=True)}}
        result = unitizing_alpha(docs, {0: length}, names)
        assert result.overall.value == pytest.approx(_reference_alpha(units, length))


# -- on a curator's database ------------------------------------------------------------------------

TEXT = "قالت منظمة التعاون الإسلامي إن الاجتماع في جدة."


def _organisation_db(db: Database) -> None:
    whole = TEXT.index("منظمة")
    short = TEXT.index("التعاون")
    end = TEXT.index(" إن")
    doc = DocumentIn(source="oic.txt", line=1, text=TEXT, ext_id="oic")
    doc.spans = [SpanIn("entity", "ORG", whole, end, "amina"), SpanIn("entity", "ORG", short, end, "karim")]
    # lea annotated only another document: she shares none with amina or karim.
    other = DocumentIn(source="other.txt", line=1, text="Le Conseil de sécurité siège à Genève.", ext_id="other")
    other.spans = [SpanIn("entity", "LOC", 31, 37, "lea")]
    write_batch(db, [doc, other], "test")


def test_the_organisation_of_islamic_cooperation_gets_partial_credit(db: Database) -> None:
    _organisation_db(db)
    layer = compute_agreement(db, ["amina", "karim"], layers=["entity"]).span_layers[0]
    (pair,) = layer.pairs
    assert pair.exact.f1 == 0 and pair.overlap.f1 == 1
    assert layer.alpha_u is not None
    alpha_u = layer.alpha_u.overall.value
    assert alpha_u is not None and 0 < alpha_u < 1
    # L = 47 code points; amina 5-27 (22), karim 11-27 (16). Observed (5 - 11)² + 0 = 36, D_o = 36 / 47².
    # Expected: l = 22: (2*22³ - 3*22² + 22)/3 = 6622, no gap >= 22 (gaps 5, 20; 11, 20); l = 16:
    # (2*16³ - 3*16² + 16)/3 = 2480 plus 16² * (5 + 5) = 2560; Σ = 11662. Denominator 94 * 93 - (462 + 240)
    # = 8040. D_e = 2/47 * 11662 / 8040; αU = 1 - (36 / 47²) / D_e ≈ 0.736.
    assert alpha_u == pytest.approx(1 - (36 / 47**2) / (2 / 47 * 11662 / 8040))
    assert layer.alpha_u.by_label["ORG"].value == alpha_u
    assert set(layer.alpha_u.by_label) == {"ORG"}


def test_cli_json_has_alpha_u_and_position_only(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _organisation_db(db)
    try:
        main(["--db", db.url, "agreement", "--json", "--annotators", "amina,karim,lea", "--layer", "entity"])
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code
    (entity,) = json.loads(capsys.readouterr().out)["span_layers"]
    # Nobody annotated every document: not computable, with the reason, never 1.0.
    assert entity["alpha_u"]["overall"] is None
    assert entity["alpha_u"]["reason"] == "no document annotated by all of amina, karim, lea"
    assert entity["position_only"] == {"alpha_u": None, "reason": entity["alpha_u"]["reason"]}
    pairs = {(p["a"], p["b"]): p["alpha_u"] for p in entity["pairs"]}
    both = pairs[("amina", "karim")]
    assert 0 < both["overall"] < 1 and both["by_label"] == {"ORG": both["overall"]}
    assert both["position_only"]["alpha_u"] == both["overall"]
    assert pairs[("amina", "lea")]["overall"] is None
    assert pairs[("amina", "lea")]["reason"] == "no document annotated by all of amina, lea"
    assert "alpha" in entity and "alpha_by_label" in entity  # the token alpha is still there
