"""The search index stays in step with the documents: an import, a text changed, a document deleted
each leave it holding exactly the documents' folded texts, so a search right after needs no indexing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from curator.io.importer import import_paths
from curator.records import DocumentIn
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import Document
from curator.store.search import ensure_index, pending, search_corpus
from curator.text.folding import fold_text


def _index(db: Database) -> dict[int, str]:
    sql = "SELECT rowid, folded FROM search_fts" if db.is_sqlite else "SELECT document_id, folded FROM search_index"
    with db.read() as session:
        return {int(doc_id): folded for doc_id, folded in session.execute(text(sql))}


def _folded_texts(db: Database) -> dict[int, str]:
    with db.read() as session:
        return {doc_id: fold_text(body) for doc_id, body in session.execute(select(Document.id, Document.text))}


def test_an_import_indexes_its_documents_in_its_own_transaction(db: Database, seeds: Path, samples: Path) -> None:
    import_paths(db, [seeds, samples / "tashkeel_ar.txt"])
    assert pending(db) == 0
    assert _index(db) == _folded_texts(db) and len(_index(db)) == 6
    # A search at once (nothing indexed first) finds the name inside "والسودان" and the tashkeel.
    hits = search_corpus(db, "السودان", index=False)
    assert any(h.match == "السودان" and h.before.endswith("و") for h in hits)
    assert "خَالِدُ خِيَارِي" in {h.match for h in search_corpus(db, "خالد خياري", index=False)}


def test_a_second_import_adds_its_documents_beside_the_first(db: Database, seeds: Path, tmp_path: Path) -> None:
    import_paths(db, [seeds])
    (tmp_path / "new.txt").write_text("وصل الوفد إلى الخرطوم أمس.", encoding="utf-8")
    import_paths(db, [tmp_path, seeds])  # the seeds again: already stored, not indexed twice
    index = _index(db)
    assert index == _folded_texts(db) and len(index) == 6
    assert [h.match for h in search_corpus(db, "الخرطوم", index=False)] == ["الخرطوم"]


def test_a_changed_text_is_indexed_again_in_its_transaction(db: Database) -> None:
    write_batch(db, [DocumentIn(source="a.txt", line=1, text="اجتماع في جنيف", ext_id="a")], "test")
    with db.write() as session:
        doc = session.scalars(select(Document)).one()
        doc.text = "Réunion à Genève et à Khartoum"
        doc.length = len(doc.text)
    assert _index(db) == _folded_texts(db)
    assert list(_index(db).values()) == ["reunion a geneve et a khartoum"]
    assert [h.match for h in search_corpus(db, "geneve", index=False)] == ["Genève"]
    assert search_corpus(db, "جنيف", index=False) == []


def test_a_document_added_through_the_orm_is_indexed(db: Database) -> None:
    with db.write() as session:
        session.add(
            Document(
                ext_id="o",
                title="o",
                source="o.txt",
                language="ar",
                direction="rtl",
                text="مؤتمر الأمم المتحدة",
                length=19,
                content_sha256="0" * 64,
            )
        )
    assert pending(db) == 0 and _index(db) == _folded_texts(db)


def test_an_import_may_leave_the_index_to_the_first_search(db: Database, seeds: Path) -> None:
    import_paths(db, [seeds], index_later=True)
    assert pending(db) == 5 and _index(db) == {}
    assert search_corpus(db, "السودان")  # indexes first
    assert pending(db) == 0 and _index(db) == _folded_texts(db)


def test_deleted_documents_leave_the_index(db: Database, seeds: Path) -> None:
    import_paths(db, [seeds])
    first = min(_index(db))
    with db.write() as session:
        session.execute(text("DELETE FROM documents WHERE id = :d"), {"d": first})
    assert first not in _index(db) and _index(db) == _folded_texts(db)
    assert ensure_index(db) == 0


def test_an_index_made_before_0014_keeps_its_documents_through_the_upgrade(tmp_path: Path, seeds: Path) -> None:
    """Migration 0014 makes the SQLite index again without positions, from the folded texts it held."""
    from alembic import command
    from sqlalchemy import create_engine

    from curator.store import migrations

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Database(url)
    import_paths(old, [seeds])
    held = _index(old)
    old.dispose()
    engine = create_engine(url)
    config = migrations._config()
    with engine.begin() as conn:  # taken back to 0013, as an older Curator left it
        config.attributes["connection"] = conn
        command.downgrade(config, "0013")
    with engine.begin() as conn:
        definition = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").scalar()
        assert "detail='full'" in definition
        assert dict(conn.exec_driver_sql("SELECT rowid, folded FROM search_fts").all()) == held
    engine.dispose()
    db = Database(url)  # upgraded again on opening
    assert migrations.current_revision(db.engine) == migrations.HEAD
    assert pending(db) == 0 and _index(db) == held == _folded_texts(db)
    assert any(h.before.endswith("و") for h in search_corpus(db, "السودان", index=False))
    with db.write() as session:  # the deletion trigger came back with the table
        session.execute(text("DELETE FROM documents WHERE id = :d"), {"d": min(held)})
    assert _index(db) == _folded_texts(db)
    db.dispose()


def test_a_search_over_thousands_of_documents_finds_the_first_ones_in_id_order(db: Database) -> None:
    # A rare name far apart (ids past each stretch the PostgreSQL search asks for) and a common word everywhere.
    rare = {3, 600, 2_900, 3_100}
    batch = [
        DocumentIn(
            source="many.txt",
            line=n,
            ext_id=f"d{n}",
            title="",
            text="قالت الأمم المتحدة" + (" إن كازاخستان" if n in rare else "") + ".",
        )
        for n in range(1, 3_201)
    ]
    write_batch(db, batch, "many")
    with db.read() as session:
        ids = {ext: doc_id for doc_id, ext in session.execute(select(Document.id, Document.ext_id))}
    expected = sorted(ids[f"d{n}"] for n in rare)
    assert [h.document_id for h in search_corpus(db, "كازاخستان", index=False)] == expected
    assert [h.document_id for h in search_corpus(db, "كازاخستان", limit_documents=3, index=False)] == expected[:3]
    common = search_corpus(db, "الامم المتحده", limit_documents=200, index=False)
    assert [h.document_id for h in common] == sorted(ids.values())[:200]
    every = search_corpus(db, "الامم المتحده", limit_documents=5_000, index=False)
    assert [h.document_id for h in every] == sorted(ids.values())  # none left out between stretches
