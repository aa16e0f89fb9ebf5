"""A curator imports a corpus in which texts repeat under other ids: every record is its own
document (same id and same text: already there, as before), and the summary says how many share a
text. The store allows it from migration 0007 on, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, text
from test_cli import run

from curator.io.importer import import_paths
from curator.store import migrations, queries
from curator.store.database import Database

TEXT = "قال خياري إن الأمم المتحدة تعمل في غزة."


def _corpus(path: Path) -> Path:
    """Six records, two texts repeated under other ids, titles and metadata."""
    records = [
        {"id": f"wire-{n}", "title": f"Dépêche {n}", "meta": {"n": n}, "text": TEXT if n % 3 else "Le Conseil a siégé."}
        for n in range(6)
    ]
    records[1]["annotations"] = [{"annotator": "amina", "layer": "entity", "label": "PER", "start": 4, "end": 9}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_records_with_the_same_text_and_other_ids_are_each_their_own_document(db_url: str, tmp_path: Path) -> None:
    path = _corpus(tmp_path / "wire.jsonl")
    done = run("import", str(path), db_url=db_url)
    assert done.returncode == 0, done.stderr
    assert "imported 6 documents, 1 annotation," in done.stdout
    assert "6 documents share their text with another document of another id" in done.stdout
    db = Database(db_url)
    try:
        docs = {b.document.ext_id: b for b in queries.iter_bundles(db)}
        assert sorted(docs) == [f"wire-{n}" for n in range(6)]
        assert docs["wire-4"].document.title == "Dépêche 4" and docs["wire-4"].document.meta == {"n": 4}
        assert [s.annotator for s in docs["wire-1"].spans] == ["amina"] and docs["wire-2"].spans == []
    finally:
        db.dispose()
    again = run("import", str(path), db_url=db_url)  # same ids and same texts: already there
    assert again.returncode == 0 and "nothing new" in again.stdout
    assert "6 documents were already in the database" in again.stdout


def test_a_record_without_an_id_joins_the_first_document_with_its_text(sqlite_db: Database, tmp_path: Path) -> None:
    path = _corpus(tmp_path / "wire.jsonl")
    import_paths(sqlite_db, [path])
    anonymous = tmp_path / "more.jsonl"
    ann = {"annotator": "karim", "layer": "entity", "label": "ORG", "start": 13, "end": 26}
    anonymous.write_text(json.dumps({"text": TEXT, "annotations": [ann]}, ensure_ascii=False) + "\n", "utf-8")
    report = import_paths(sqlite_db, [anonymous])
    assert report.batch.documents_added == 0 and report.batch.spans_added == 1
    assert queries.count_documents(sqlite_db) == 6
    first = next(b for b in queries.iter_bundles(sqlite_db) if b.document.ext_id == "wire-1")
    assert {s.annotator for s in first.spans} == {"amina", "karim"}


def test_doccano_records_keep_their_ids_and_extra_fields(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "doccano.jsonl"
    records = [
        {"id": 1, "text": "L’OCI à Jeddah.", "label": [[2, 5, "ORG"]], "doc_id": "AFP-17", "Comments": []},
        {"id": 2, "text": "L’OCI à Jeddah.", "label": [], "doc_id": "APS-3", "meta": {"desk": "Alger"}},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = import_paths(sqlite_db, [path], fmt="doccano", annotator="x")
    assert report.batch.documents_added == 2 and report.batch.documents_sharing_text == 2
    metas = {b.document.ext_id: b.document.meta for b in queries.iter_bundles(sqlite_db)}
    assert metas == {"1": {"doc_id": "AFP-17", "Comments": []}, "2": {"desk": "Alger", "doc_id": "APS-3"}}


def test_an_older_database_is_upgraded_with_its_annotations_and_may_then_hold_a_text_twice(db_url: str) -> None:
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    migrations.upgrade(engine, "0005")
    insert = (
        "INSERT INTO documents (ext_id, title, source, language, direction, text, length, content_sha256, "
        "newline, had_bom, meta, created_at, search_indexed, filter_key) VALUES "
        "(:ext, 'T', 's.txt', 'fr', 'ltr', 'Texte', 5, 'abc', 'lf', false, '{}', '2024-01-01', false, '')"
    )
    with engine.begin() as conn:
        conn.execute(text(insert), {"ext": "old"})
        conn.execute(text("INSERT INTO annotators (name, created_at) VALUES ('a', '2024-01-01')"))
        conn.execute(text("INSERT INTO layers (key, definition) VALUES ('entity', '{}')"))
        conn.execute(
            text("INSERT INTO labels (layer_id, key, retired, definition) SELECT id, 'PER', false, '{}' FROM layers")
        )
        conn.execute(
            text(
                'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, created_at, '
                "updated_at, version) SELECT d.id, a.id, l.id, 0, 5, '{}', '', '2024-01-01', '2024-01-01', 1 "
                "FROM documents d, annotators a, labels l LIMIT 1"
            )
        )
    engine.dispose()
    db = Database(db_url)  # opening it upgrades it
    try:
        assert migrations.current_revision(db.engine) == migrations.HEAD
        with db.write() as session:
            conn = session.connection()
            assert conn.execute(text("SELECT count(*) FROM spans")).scalar() == 1  # not cascaded away
            conn.execute(text(insert), {"ext": "other"})  # the same text under another id
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM documents WHERE content_sha256 = 'abc'")).scalar() == 2
    finally:
        db.dispose()


def test_sqlite_keeps_the_table_whole_through_the_rebuild(tmp_path: Path) -> None:
    """The documents table made again by 0007 keeps its other indexes and its search trigger."""
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    Database(url).dispose()
    engine = create_engine(url)
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE tbl_name = 'documents'"))}
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'documents'")).scalar()
    engine.dispose()
    assert {"ix_documents_search_indexed", "ix_documents_content_sha256", "documents_search_delete"} <= names
    assert "uq_documents_content_sha256" not in sql and "uq_documents_ext_id" in sql
