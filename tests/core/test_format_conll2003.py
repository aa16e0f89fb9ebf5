"""CoNLL-2003 files written by other tools (2 or 4 columns, IOB1 or IOB2, ``-DOCSTART-``) import
without Curator's ``.documents.jsonl``: the text is rebuilt from the tokens, the spans from the tags."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from format_corpus import REPO, stored_spans, texts_by_id

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.queries import count_documents

DATA = REPO / "tests" / "data" / "conll2003"


def test_a_reuters_style_file_in_iob1_gives_one_document_per_docstart(sqlite_db: Database) -> None:
    report = import_paths(sqlite_db, [DATA / "reuters_style_iob1.txt"], fmt="conll", annotator="reuters")
    assert report.batch.documents_added == 2
    assert texts_by_id(sqlite_db) == {
        "reuters_style_iob1-1": "Le secrétaire général de l’ ONU rencontre Khaled Khiari à Djeddah .\n"
        "L’ OCI OCI salue .\n",
        "reuters_style_iob1-2": "قال بان كي مون إن منظمة التعاون الإسلامي شريك .\n",
    }
    # I- after O starts a span (IOB1); B- separates the two adjacent OCI
    assert [(s[0][-1], s[3], s[6]) for s in stored_spans(sqlite_db)] == [
        ("1", "LOC", "Djeddah"),
        ("1", "ORG", "ONU"),
        ("1", "ORG", "OCI"),
        ("1", "ORG", "OCI"),
        ("1", "PER", "Khaled Khiari"),
        ("2", "ORG", "منظمة التعاون الإسلامي"),
        ("2", "PER", "بان كي مون"),
    ]
    assert {s[1] for s in stored_spans(sqlite_db)} == {"reuters"}


def test_a_two_column_file_in_iob2_is_one_document(sqlite_db: Database) -> None:
    import_paths(sqlite_db, [DATA / "two_columns_iob2.conll"], annotator="model")
    text = "وقّعت الأمم المتحدة و منظمة التعاون الإسلامي اتفاقا في نيويورك .\nONU - OCI : 🇺🇳\n"
    assert texts_by_id(sqlite_db) == {"two_columns_iob2": text}
    assert [(s[3], s[6]) for s in sorted(stored_spans(sqlite_db), key=lambda s: s[4])] == [
        ("ORG", "الأمم المتحدة"),
        ("ORG", "منظمة التعاون الإسلامي"),
        ("LOC", "نيويورك"),
        ("ORG", "ONU"),
        ("ORG", "OCI"),
        ("MISC", "🇺🇳"),
    ]


@pytest.mark.parametrize(
    ("case", "old", "new", "message"),
    [
        ("three columns", "وقّعت\tO", "وقّعت\tVERB\tO", r"3 columns: a CoNLL-2003 file has 2 \(token, tag\) or 4"),
        ("then three", "ONU\tB-ORG", "ONU\tPROPN\tB-ORG", r"3 columns, but the file's first token \(line 1\) has 2"),
        ("a column less", "ONU\tB-ORG", "ONU", r"1 columns, but the file's first token \(line 1\) has 2"),
        ("bad tag", "ONU\tB-ORG", "ONU\tX-ORG", r"tag 'X-ORG' is not O, B-LABEL or I-LABEL"),
        ("unknown label", "ONU\tB-ORG", "ONU\tB-CITY", r"unknown label 'CITY'"),
    ],
)
def test_a_malformed_line_is_refused_with_file_and_line(
    tmp_path: Path, sqlite_db: Database, case: str, old: str, new: str, message: str
) -> None:
    path = tmp_path / "bad.conll"
    source = (DATA / "two_columns_iob2.conll").read_text(encoding="utf-8")
    path.write_text(source.replace(old, new), encoding="utf-8")
    line = source.split("\n").index(old) + 1
    with pytest.raises(InputRejected) as err:
        import_paths(sqlite_db, [path], annotator="model")
    (problem,) = err.value.problems
    assert (problem.source, problem.line) == (str(path), line), case
    assert re.search(message, problem.message), problem.message
    assert count_documents(sqlite_db) == 0  # nothing written


def test_tags_need_an_annotator(tmp_path: Path, sqlite_db: Database) -> None:
    path = shutil.copy(DATA / "two_columns_iob2.conll", tmp_path / "tags.conll")
    with pytest.raises(InputRejected, match=r"tags.conll:1: a CoNLL-2003 file names no annotator; give one with"):
        import_paths(sqlite_db, [Path(path)])
    assert count_documents(sqlite_db) == 0
