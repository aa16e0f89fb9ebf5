"""CSV of claims: read back with the csv module; plain mode exact, spreadsheet mode formula-safe."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from format_corpus import AMINA, HOSTILE_ID, annotated_db, stored_spans, texts_by_id

from curator.io.export_csv import FORMULA_START, export_csv
from curator.store import queries
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _rows(path: Path, encoding: str) -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_plain_mode_is_exact(corpus: Database, tmp_path: Path) -> None:
    assert export_csv(corpus, tmp_path / "out", options={"csv_mode": "plain"}) == 8
    raw = (tmp_path / "out" / "claims.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = _rows(tmp_path / "out" / "claims.csv", "utf-8")
    texts = texts_by_id(corpus)
    claims = [s for s in stored_spans(corpus) if s[3] == "CLAIM"]
    assert (
        sorted(
            (r["document"], r["annotator"], "claim", "CLAIM", int(r["start"]), int(r["end"]), r["claim"]) for r in rows
        )
        == claims
    )
    spans = {b.document.ext_id: b for b in queries.iter_bundles(corpus)}
    for r in rows:
        text = texts[r["document"]]
        assert r["claim"] == text[int(r["start"]) : int(r["end"])]
        if r["claimant"]:
            assert r["claimant"] == text[int(r["claimant_start"]) : int(r["claimant_end"])]
        claim = next(s for s in spans[r["document"]].spans if s.id == int(r["claim_id"]))
        assert (r["stance"], r["type"], r["area"]) == tuple(
            claim.attributes.get(k, "") for k in ("stance", "type", "area")
        )
        assert r["note"] == claim.note
    hostile = {r["claim"]: r for r in rows if r["document"] == HOSTILE_ID}
    assert set(hostile) == {'=HYPERLINK("http://x")', "-2 % + 3", "+33 reste un chiffre", "et\tpuis\u200f rien"}
    assert hostile["+33 reste un chiffre"]["claimant"] == "OCI"
    assert hostile["+33 reste un chiffre"]["note"] == "@SUM(1) à revoir"
    by_claim = {(r["document"], r["annotator"], r["claim"][:10]): r for r in rows}
    ban = by_claim[("004_fb4527da7287913f", AMINA, "يجب على ال")]
    assert (ban["claimant"], ban["claimant_label"], ban["cue"]) == ("بان كي مون", "PER", "قال")


def test_spreadsheet_mode_neutralises_every_formula_cell(corpus: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    export_csv(corpus, tmp_path / "plain", options={"csv_mode": "plain"})
    export_csv(corpus, tmp_path / "safe", on_note=notes.append)  # the default mode
    assert (tmp_path / "safe" / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Arabic right
    plain = _rows(tmp_path / "plain" / "claims.csv", "utf-8")
    safe = _rows(tmp_path / "safe" / "claims.csv", "utf-8-sig")
    changed = 0
    for p, s in zip(plain, safe, strict=True):
        for key, value in p.items():
            if value.startswith(FORMULA_START):
                assert s[key] == "'" + value
                changed += 1
            else:
                assert s[key] == value
            assert not s[key].startswith(FORMULA_START)
    assert changed == 4  # =HYPERLINK, -2 % + 3, +33..., and the note @SUM(1)
    assert any("4 cells started like a formula" in n for n in notes)


def test_unknown_mode_is_refused(corpus: Database, tmp_path: Path) -> None:
    from curator.errors import CuratorError

    with pytest.raises(CuratorError, match="csv_mode must be one of"):
        export_csv(corpus, tmp_path / "out", options={"csv_mode": "excel"})
    assert not (tmp_path / "out").exists()
