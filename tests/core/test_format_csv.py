"""CSV of claims: read back with the csv module; plain mode exact, spreadsheet mode formula-safe."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from format_corpus import AMINA, GOLD, HOSTILE_ID, annotated_db, fresh_db, snapshot, stored_spans, texts_by_id

from curator.errors import InputRejected
from curator.io.formats.csv.write import FORMULA_START
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.queries import count_documents


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _rows(path: Path, encoding: str) -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_plain_mode_is_exact(corpus: Database, tmp_path: Path) -> None:
    assert export("csv", corpus, tmp_path / "out", options={"csv_mode": "plain"}) == 8
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
    export("csv", corpus, tmp_path / "plain", options={"csv_mode": "plain"})
    export("csv", corpus, tmp_path / "safe", on_note=notes.append)  # the default mode
    assert (tmp_path / "safe" / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Arabic right
    plain = _rows(tmp_path / "plain" / "claims.csv", "utf-8")
    safe = _rows(tmp_path / "safe" / "claims.csv", "utf-8-sig")
    changed = 0
    for p, s in zip(plain, safe, strict=True):
        for key, value in p.items():
            if value.startswith((*FORMULA_START, "'")):  # a leading ' is doubled, so readers can undo
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
        export("csv", corpus, tmp_path / "out", options={"csv_mode": "excel"})
    assert not (tmp_path / "out").exists()


def _texts_only(db: Database, path: Path) -> Path:
    """The corpus's documents without any annotation, as interchange JSONL."""
    with path.open("w", encoding="utf-8") as handle:
        for b in queries.iter_bundles(db):
            d = b.document
            record = {"id": d.ext_id, "text": d.text, "title": d.title, "language": d.language}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _claims_and_claimants(db: Database) -> dict[str, tuple[object, ...]]:
    """What a claims CSV holds: claims with their attributes and notes, their claimants, the claimant
    relations. Not held: cues (text only in the file), entities that are no claimant, areas as spans,
    other relations, document labels."""
    out = {}
    for text, (spans, relations, _) in snapshot(db, doc_labels=False).items():
        claimants = {r[3] for r in relations if r[1] == "claimant"}
        kept = [s for s in spans if (s[1], s[2]) == ("claim", "CLAIM") or (s[0], s[1], s[2], s[3], s[4]) in claimants]
        out[text] = (kept, [r for r in relations if r[1] == "claimant"])
    return out


@pytest.mark.parametrize("mode", ["plain", "spreadsheet"])
@pytest.mark.parametrize("batch", ["texts first", "texts in the same batch"])
def test_import_back_gives_the_claims_and_claimants(corpus: Database, tmp_path: Path, mode: str, batch: str) -> None:
    export("csv", corpus, tmp_path / "out", options={"csv_mode": mode})
    texts = _texts_only(corpus, tmp_path / "texts.jsonl")
    fresh = fresh_db(tmp_path)
    if batch == "texts first":
        import_paths(fresh, [texts])
        report = import_paths(fresh, [tmp_path / "out"])
        assert report.batch.documents_added == 0
    else:
        report = import_paths(fresh, [texts, tmp_path / "out"])
        assert report.batch.documents_added == 8 and report.repeated == []
    assert report.ignored == [str(tmp_path / "out" / "README.md")]
    expected = _claims_and_claimants(corpus)
    assert _claims_and_claimants(fresh) == expected
    assert snapshot(fresh, doc_labels=False) == {t: (spans, rels, []) for t, (spans, rels) in expected.items()}
    # "+33 reste un chiffre" and "-2 % + 3" share the claimant "OCI": one span, two relations
    hostile = next(v for t, v in expected.items() if t.startswith("=HYPERLINK"))
    assert len(hostile[0]) == 6 and len(hostile[1]) == 3
    fresh.dispose()


def test_a_claimant_already_annotated_is_the_same_span(corpus: Database, tmp_path: Path) -> None:
    """Imported onto the full corpus, the CSV finds every claim and claimant already there."""
    export("csv", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [_texts_only(corpus, tmp_path / "texts.jsonl")])
    claims = tmp_path / "out" / "claims.csv"
    import_paths(fresh, [claims])
    again = import_paths(fresh, [claims])
    assert not again.batch.added_anything
    assert again.batch.spans_existing == 18 and again.batch.relations_existing == 9
    fresh.dispose()


def test_apostrophes_and_formulas_round_trip_in_both_modes(tmp_path: Path, sqlite_db: Database) -> None:
    text = "'Sic' dit-il, puis =1+1 et @ONU, selon -l’OCI.\n"
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "d", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(sqlite_db, [path])
    ed = Editor(sqlite_db, AMINA)
    for needle in ("'Sic'", "=1+1", "-l’OCI"):
        claim = ed.add_span(1, "claim", "CLAIM", text.index(needle), text.index(needle) + len(needle))
        ed.update_span(claim.id, claim.version, note="'" + needle)
    onu = ed.add_span(1, "entity", "ORG", text.index("@ONU"), text.index("@ONU") + 4)
    ed.add_relation("claimant", claim.id, onu.id)
    for mode in ("spreadsheet", "plain"):
        export("csv", sqlite_db, tmp_path / mode, options={"csv_mode": mode})
        fresh = fresh_db(tmp_path, mode)
        import_paths(fresh, [path, tmp_path / mode / "claims.csv"])
        assert snapshot(fresh) == snapshot(sqlite_db), mode
        fresh.dispose()
    raw = (tmp_path / "spreadsheet" / "claims.csv").read_text(encoding="utf-8-sig")
    assert "''Sic'" in raw and "'=1+1" in raw and "'-l’OCI" in raw and "'@ONU" in raw


def _edited(tmp_path: Path, corpus: Database, mode: str, old: str, new: str) -> Path:
    export("csv", corpus, tmp_path / "out", options={"csv_mode": mode})
    path = tmp_path / "out" / "claims.csv"
    encoding = "utf-8-sig" if mode == "spreadsheet" else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        raw = handle.read()
    assert old in raw
    with path.open("w", encoding=encoding, newline="") as handle:
        handle.write(raw.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("mode", "old", "new", "message"),
    [
        ("spreadsheet", "'=HYPERLINK", "=HYPERLINK", r"row \d+: cell 'claim' starts like a formula \('=HYPERLINK"),
        ("plain", ",onu_start_,", ",x,", r"row \d+: start 'x' is not a whole number"),
        (
            "plain",
            "+33 reste un chiffre",
            "+33 reste un chiffrE",
            r"row \d+: claim '\+33 reste un chiffrE' is not the text",
        ),
        ("plain", HOSTILE_ID, "no-such-document", r"document 'no-such-document' is neither in the database nor"),
        ("plain", ",OCI,ORG,", ",OCI,CITY,", r"row \d+: claimant_label: unknown label 'CITY'"),
        ("plain", ",oppose,", ",against,", r"row \d+: claim \d+-\d+: attribute 'stance' must be one of"),
        ("spreadsheet", "/etc/passwd\r\n", "/etc/passwd,extra\r\n", r"row \d+ has 18 cells, the header 17"),
    ],
)
def test_a_broken_claims_csv_is_refused_with_its_line_and_row(
    corpus: Database, tmp_path: Path, mode: str, old: str, new: str, message: str
) -> None:
    if old == ",onu_start_,":  # the start of the first claim of the hostile document
        rows = _rows_of(corpus, tmp_path)
        old = f",{rows[0]['start']},{rows[0]['end']},"
        new = f",x,{rows[0]['end']},"
    path = _edited(tmp_path, corpus, mode, old, new)
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [_texts_only(corpus, tmp_path / "texts.jsonl")])
    with pytest.raises(InputRejected) as err:
        import_paths(fresh, [path])
    problem = err.value.problems[0]
    assert problem.source == str(path)
    assert re.search(message, problem.message), problem.message
    if problem.line:
        line = path.read_text(encoding="utf-8-sig").split("\n")[problem.line - 1]
        assert new.strip("\r\n,") in line or "document" in message
    assert fresh.annotator_names() == []  # nothing written
    fresh.dispose()


def _rows_of(corpus: Database, tmp_path: Path) -> list[dict[str, str]]:
    export("csv", corpus, tmp_path / "probe", options={"csv_mode": "plain"})
    return [r for r in _rows(tmp_path / "probe" / "claims.csv", "utf-8") if r["document"] == HOSTILE_ID]


def test_rows_without_annotator_take_the_one_given(corpus: Database, tmp_path: Path) -> None:
    path = _edited(tmp_path, corpus, "plain", f",{GOLD},", ",,")
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [_texts_only(corpus, tmp_path / "texts.jsonl")])
    with pytest.raises(InputRejected, match=r"claims.csv:\d+: row \d+: the row names no annotator"):
        import_paths(fresh, [path])
    import_paths(fresh, [path], annotator="reviewer")
    assert {s[1] for s in stored_spans(fresh)} == {AMINA, GOLD, "reviewer"}
    assert count_documents(fresh) == 8
    fresh.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("claim,start,end\r\nx,1,2\r\n", r"claims.csv:1: no 'document', 'annotator' column"),
        ("document,annotator,start,end,claim,claim\r\n", r"claims.csv:1: column 'claim' appears twice"),
        ('document,annotator,start,end,claim\r\nd,a,0,1,"x"y\r\n', r"claims.csv:2: '.' expected after '\"'"),
        ("document,annotator,start,end,claim\r\n", r"no claims in the file"),
        ("", r"the file is empty"),
    ],
)
def test_a_file_that_is_no_claims_csv_is_refused(
    tmp_path: Path, sqlite_db: Database, content: str, message: str
) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(content.encode("utf-8"))
    with pytest.raises(InputRejected, match=message):
        import_paths(sqlite_db, [path], annotator="x")


def test_claims_with_the_full_annotations_in_one_batch(corpus: Database, tmp_path: Path) -> None:
    """The CSV's claimants are also entities of the JSONL in the same batch: stored once, and the
    claimant relations of both files point at that one span."""

    export("jsonl", corpus, tmp_path / "all.jsonl")
    export("csv", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "all.jsonl", tmp_path / "out" / "claims.csv"])
    assert report.batch.spans_existing == 18  # every claim and claimant of the CSV repeats one of the JSONL
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),  # a tab, then a formula: spreadsheets skip the tab
        ("\r=cmd", "'\r=cmd"),
        ("'quoted", "''quoted"),  # doubled, so a reader takes exactly one away
        ("قال =1", "قال =1"),
        ("a\tb", "a\tb"),
    ],
)
def test_every_formula_start_is_neutralised_and_nothing_else(cell: str, safe: str) -> None:
    from curator.io.formats.csv.write import neutralise

    assert neutralise(cell) == safe
