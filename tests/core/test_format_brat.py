"""brat standoff: exported, read by a brat .ann parser written here, imported back; hostile .ann refused."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from format_corpus import AMINA, HOSTILE_ID, annotated_db, fresh_db, snapshot, stored_spans, texts_by_id

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store.database import Database


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def parse_ann(text: str) -> dict[str, Any]:
    """A minimal brat standoff parser, independent of Curator's reader: T, A, R and # lines."""
    out: dict[str, Any] = {"T": {}, "A": [], "R": [], "#": []}
    for line in text.split("\n"):
        if not line:
            continue
        ident, rest = line.split("\t", 1)
        if ident[0] == "T":
            head, shown = rest.split("\t", 1)
            kind, offsets = head.split(" ", 1)
            frags = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            out["T"][ident] = (kind, frags, shown)
        elif ident[0] == "A":
            out["A"].append(rest.split(" "))
        elif ident[0] == "R":
            kind, arg1, arg2 = rest.split(" ")
            out["R"].append((kind, arg1.split(":")[1], arg2.split(":")[1]))
        elif ident[0] == "#":
            head, note = rest.split("\t", 1)
            out["#"].append((head.split(" ")[1], note))
    return out


def test_every_ann_span_equals_the_stored_span(corpus: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    assert export("brat", corpus, tmp_path / "out", on_note=notes.append) == 8
    texts = texts_by_id(corpus)
    by_text = {t: ext for ext, t in texts.items()}
    read = []
    relations = 0
    for ann in sorted((tmp_path / "out").glob("*/*.ann")):
        annotator = ann.parent.name
        txt = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        doc = by_text[txt]  # the .txt is the stored text, byte for byte
        parsed = parse_ann(ann.read_text(encoding="utf-8"))
        for kind, frags, shown in parsed["T"].values():
            assert shown == " ".join(txt[a:b] for a, b in frags)
            start, end = frags[0][0], frags[-1][1]
            # fragments are only ever split at line breaks
            assert all(txt[b:a2] == "\n" for (_, b), (a2, _) in itertools.pairwise(frags))
            layer = {"CLAIM": "claim", "CUE": "claim", "HUMANITARIAN": "area", "DEVELOPMENT": "area"}.get(
                kind, "entity"
            )
            read.append((doc, annotator, layer, kind, start, end, txt[start:end]))
        for kind, source, target in parsed["R"]:
            assert parsed["T"][source][0] == "CLAIM" and kind in ("claimant", "cue")
            assert parsed["T"][target][0] in (("PER", "ORG") if kind == "claimant" else ("CUE",))
            relations += 1
    assert sorted(read) == stored_spans(corpus)
    assert relations == 14
    assert any("document labels are not exported" in n for n in notes)


def test_a_claim_across_lines_is_written_as_fragments_and_read_back_whole(corpus: Database, tmp_path: Path) -> None:
    export("brat", corpus, tmp_path / "out", annotators=[AMINA])
    parsed = parse_ann((tmp_path / "out" / AMINA / "000_f694274a42498c38.ann").read_text(encoding="utf-8"))
    claims = [frags for kind, frags, _ in parsed["T"].values() if kind == "CLAIM"]
    assert claims == [[(475, 483), (484, 549), (550, 623), (624, 631)]]
    assert ["stance", next(iter(k for k, v in parsed["T"].items() if v[0] == "CLAIM")), "support"] in parsed["A"]


def test_import_back_gives_identical_annotations(corpus: Database, tmp_path: Path) -> None:
    export("brat", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out"])
    assert report.batch.documents_added == 8
    assert not [f for f in report.ignored if not f.endswith(("README.md", ".conf"))]
    assert snapshot(fresh, doc_labels=False) == snapshot(corpus, doc_labels=False)
    fresh.dispose()


def test_file_names_stay_inside_the_folder(corpus: Database, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    export("brat", corpus, out, annotators=[AMINA])
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(out.resolve()) for p in written)
    names = [p.name for p in written]
    assert "_.._CONtxt.exe.ann" in names  # the id "../../CON\u202etxt.exe": no separator, no bidi override
    assert all(len(n.encode()) < 255 and "\u202e" not in n for n in names)
    hostile = texts_by_id(corpus)[HOSTILE_ID]
    assert (out / AMINA / "_.._CONtxt.exe.txt").read_text(encoding="utf-8") == hostile


def _brat_pair(tmp_path: Path, text: str, ann: str, name: str = "doc") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    path = folder / f"{name}.ann"
    path.write_text(ann, encoding="utf-8", newline="")
    return path


TEXT = "Khaled Khiari a salué l’OCI à Jeddah.\nL’ONU aussi.\n"


@pytest.mark.parametrize(
    ("ann", "expected"),
    [
        (
            "T1\tPER 0 6;7 13\tKhaled Khiari\n",
            r":1: T1: discontinuous span: fragments 0-6 and 7-13 are separated by ' '",
        ),
        (
            "T1\tPER 0 12\tKhaled Khiari\n",
            r":1: T1: the text 'Khaled Khiari' matches the offsets only with the end "
            r"included \(12 \+ 1\): this file uses inclusive end offsets",
        ),
        ("T1\tPER 0 13\tKhaled Khiari\nT2\tLOC 7 9;8 13\tKh Khiari\n", r":2: T2: fragments 7-9 and 8-13 overlap"),
        ("T1\tPER 0 13\tKhaled Khiari\nT1\tLOC 30 36\tJeddah\n", r":2: id T1 is used twice \(first on line 1\)"),
        ("T1\tPER 0 13\tKhaled Khiari\nT2\tPER 0 13\tKhaled Khiari\n", r":2: T2 repeats T1 \(same type and offsets\)"),
        ("T1\tPER 0 13\tKhaled Khiari\nR1\tclaimant Arg1:T1 Arg2:T9\n", r":2: R1 \(claimant T1 → T9\): no annotation"),
        ("T1\tPER 0 13\tKhaled Khiari\nE1\tMeet:T1\n", r":2: brat events are not supported"),
        ("T1\tPERSON 0 13\tKhaled Khiari\n", r":1: T1: unknown label 'PERSON'"),
        ("T1\tPER 0 99\tKhaled Khiari\n", r":1: T1: offsets 0-99 go past the end of the text"),
        ("T1\tPER 0 13\tKhaled\n", r":1: T1: the text 'Khaled' does not match the offsets \('Khaled Khiari'\)"),
        (
            "T1\tLOC 29 34\tJedda\n",
            r":1: T1 \(LOC 29-34\): span 29-34 ends between a letter and its marks|"
            r":1: T1: the text 'Jedda' does not match",
        ),
        (
            "T1\tPER 0 13\tKhaled Khiari\nA1\tstance T1 support\n",
            r":1: T1 \(PER 0-13\): label 'PER' has no attribute 'stance'",
        ),
    ],
)
def test_hostile_ann_is_refused_with_its_line_and_nothing_is_written(
    tmp_path: Path, sqlite_db: Database, ann: str, expected: str
) -> None:
    path = _brat_pair(tmp_path, TEXT, ann)
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [path], annotator="someone")
    assert any(re.search(re.escape(str(path)) + expected, str(p)) for p in err.value.problems), err.value.problems
    assert stored_spans(sqlite_db) == [] and sqlite_db.annotator_names() == []


def test_brat_without_annotator_needs_one(tmp_path: Path, sqlite_db: Database) -> None:
    path = _brat_pair(tmp_path, TEXT, "T1\tPER 0 13\tKhaled Khiari\n")
    with pytest.raises(InputRejected, match="name no annotator; give one with --annotator"):
        import_paths(sqlite_db, [path])
    import_paths(sqlite_db, [path.parent], annotator="someone")  # the folder: doc.txt is read with doc.ann, once
    assert stored_spans(sqlite_db) == [("doc", "someone", "entity", "PER", 0, 13, "Khaled Khiari")]


def test_crlf_and_bom_text_offsets_are_moved_to_the_stored_text(tmp_path: Path, sqlite_db: Database) -> None:
    text = "\ufeffL’OCI\r\nà Jeddah.\r\n"
    path = _brat_pair(tmp_path, text, "T1\tORG 3 6\tOCI\nT2\tLOC 10 16\tJeddah\n")
    import_paths(sqlite_db, [path], annotator="someone")
    assert [(s[3], s[4], s[5], s[6]) for s in stored_spans(sqlite_db)] == [
        ("LOC", 8, 14, "Jeddah"),
        ("ORG", 2, 5, "OCI"),
    ]


def test_multi_valued_attributes_and_notes_come_back(tmp_path: Path, sqlite_db: Database) -> None:
    text = "Le porte-parole a dit que la paix avance.\n"
    ann = (
        "T1\tCLAIM 26 40\tla paix avance\nA1\tarea T1 PEACE_SECURITY\nA2\tarea T1 HUMANITARIAN\n"
        "A3\tstance T1 support\n#1\tAnnotatorNotes T1\tà revoir\n"
    )
    import_paths(sqlite_db, [_brat_pair(tmp_path, text, ann)], annotator="someone")
    (claim,) = snapshot(sqlite_db)[text][0]
    assert claim[5] == '{"area": ["PEACE_SECURITY", "HUMANITARIAN"], "stance": "support"}'
    assert claim[6] == "à revoir"


def test_a_claim_with_two_claimants_is_refused(tmp_path: Path, sqlite_db: Database) -> None:
    text = "Khaled Khiari et l’OCI disent que la paix avance.\n"
    ann = (
        "T1\tPER 0 13\tKhaled Khiari\nT2\tORG 19 22\tOCI\nT3\tCLAIM 34 48\tla paix avance\n"
        "R1\tclaimant Arg1:T3 Arg2:T1\nR2\tclaimant Arg1:T3 Arg2:T2\n"
    )
    path = _brat_pair(tmp_path, text, ann)
    with pytest.raises(InputRejected, match=r"doc.ann:5: R2 \(claimant T3 → T2\): an annotation has at most 1"):
        import_paths(sqlite_db, [path], annotator="someone")
