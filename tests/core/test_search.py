"""Corpus search: a curator finds a name however it is spelled with tashkeel, hamza or accents."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.search import _candidates, ensure_index, pending, search_corpus
from curator.text.folding import fold_query, fold_text


def test_search_finds_spellings_with_and_without_tashkeel(db: Database, seeds: Path, samples: Path) -> None:
    import_paths(db, [seeds, samples / "tashkeel_ar.txt"])
    hits = search_corpus(db, "خالد خياري")
    assert "خَالِدُ خِيَارِي" in {h.match for h in hits}
    for hit in hits:
        assert hit.match.replace("\u064e", "").replace("\u0650", "").replace("\u064f", "") == "خالد خياري"


def test_a_name_is_found_inside_a_word_with_proclitic(db: Database, seeds: Path) -> None:
    import_paths(db, [seeds])
    hits = search_corpus(db, "السودان")
    assert hits and all(h.match == "السودان" for h in hits)
    assert any(h.before.endswith("و") for h in hits)  # "والسودان"


def test_hamza_forms_and_latin_accents_fold(db: Database, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("اجتماع الأمم المتحدة في جنيف", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Réunion à Genève du Comité", encoding="utf-8")
    import_paths(db, [tmp_path])
    assert [h.match for h in search_corpus(db, "الامم")] == ["الأمم"]
    assert [h.match for h in search_corpus(db, "geneve")] == ["Genève"]
    assert [h.match for h in search_corpus(db, "du")] == ["du"]  # short queries fall back to a scan


def test_documents_are_indexed_once_and_deleted_ones_leave_the_index(db: Database, seeds: Path) -> None:
    import_paths(db, [seeds], index_later=True)
    assert pending(db) == 5
    assert ensure_index(db) == 5 and ensure_index(db) == 0
    with db.write() as session:
        session.execute(text("DELETE FROM documents"))
    assert search_corpus(db, "الأمم المتحدة") == []
    table = "search_fts" if db.is_sqlite else "search_index"
    with db.read() as session:
        assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0


def test_the_index_finds_exactly_the_documents_holding_the_folded_query(db: Database, tmp_path: Path) -> None:
    """Every length of query, Arabic (two characters but four bytes too), spaces and GLOB's or LIKE's
    wildcard characters: the index's documents are exactly those whose folded text holds the query."""
    texts = {
        "a.txt": "اجتماع الأمم المتحدة في جنيف، 50% off_x",
        "b.txt": "Réunion à Genève [du] Comité *spécial*?",
        "c.txt": "والسودان ال مم",
        "d.txt": "abcxbcd ab",
    }
    for name, body in texts.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    import_paths(db, [tmp_path])
    with db.read() as session:
        folded = {
            int(doc_id): fold_text(body) for doc_id, body in session.execute(text("SELECT id, text FROM documents"))
        }
    queries = ["ال", "ا", "مم", "الامم", "الأمم المتحدة", "ن ا", "50%", "% off_", "off_x", "_", "%", "[du]", "[d"]
    queries += ["*spe", "?", "l*?", "abcd", "bcd", "ab", "geneve", "e [", "\\", "x"]
    for query in queries:
        wanted = sorted(doc_id for doc_id, body in folded.items() if fold_query(query) in body)
        assert _candidates(db, fold_query(query), 200) == wanted, query
