"""Ids of deleted annotations are never given again, and comments stay on the annotation they were
written on: a comment on a deleted annotation never moves to the next one labelled."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from curator.io.importer import import_paths
from curator.records import DocumentIn, SpanIn
from curator.review.comments import add_comment, threads
from curator.store import migrations
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.doctor import diagnose
from curator.store.editing import Editor
from curator.store.models import Base

TEXT = "Le Conseil de sécurité siège à Genève avec l'OCI."


@pytest.fixture
def corpus(db: Database) -> tuple[Database, int]:
    write_batch(db, [DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="a1", title="Genève")], "test")
    with db.read() as session:
        doc_id = session.execute(text("SELECT id FROM documents WHERE ext_id = 'a1'")).scalar_one()
    return db, doc_id


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_a_comment_on_a_deleted_annotation_does_not_move_to_the_next_one(corpus: tuple[Database, int]) -> None:
    db, doc = corpus
    amina = Editor(db, "amina")
    amina.add_span(doc, "entity", "ORG", *_at("Conseil de sécurité"))
    newest = amina.add_span(doc, "entity", "LOC", *_at("Genève"))
    comment = add_comment(db, doc, "karim", "The city, not the UN office?", target_kind="span", target_id=newest.id)
    deleted = amina.delete_span(newest.id, newest.version)
    labelled = amina.add_span(doc, "entity", "ORG", *_at("OCI"))
    assert labelled.id > newest.id  # the deleted span's id is not given again
    assert threads(db, doc, target_kind="span", target_id=labelled.id) == []
    assert threads(db, doc, target_kind="span", target_id=newest.id) == []  # its annotation is gone
    (kept,) = threads(db, doc)
    assert kept.root.id == comment.id and kept.root.target_gone  # kept, on the deleted annotation
    # Undo of the deletion puts the span back under its id, and its comment with it.
    amina.restore_span(deleted)
    (back,) = threads(db, doc, target_kind="span", target_id=newest.id)
    assert back.root.id == comment.id and not back.root.target_gone
    assert diagnose(db.engine, db.schema).ok


def test_a_comment_on_an_annotation_already_deleted_is_refused(corpus: tuple[Database, int]) -> None:
    db, doc = corpus
    amina = Editor(db, "amina")
    span = amina.add_span(doc, "entity", "LOC", *_at("Genève"))
    amina.delete_span(span.id, span.version)
    with pytest.raises(Exception, match="not in this document any more"):
        add_comment(db, doc, "karim", "Too late", target_kind="span", target_id=span.id)


def test_relation_and_document_label_ids_are_not_given_again(corpus: tuple[Database, int]) -> None:
    db, doc = corpus
    amina = Editor(db, "amina")
    claim = amina.add_span(doc, "claim", "CLAIM", 0, len(TEXT))
    who = amina.add_span(doc, "entity", "ORG", *_at("Conseil de sécurité"))
    other = amina.add_span(doc, "entity", "ORG", *_at("OCI"))
    first = amina.add_relation("claimant", claim.id, who.id)
    amina.delete_relation(first.id)
    again = amina.add_relation("claimant", claim.id, other.id)
    assert again.id > first.id
    label_ids = []
    for present in (True, False, True):
        amina.set_document_label(doc, "area", "HUMANITARIAN", present)
        with db.read() as session:
            label_ids.extend(session.execute(text("SELECT id FROM document_labels")).scalars())
    assert label_ids[-1] > label_ids[0]


def test_an_import_after_a_deletion_gives_new_ids(sqlite_db: Database, seeds: Path) -> None:
    """The SQLite import writer gives ids itself: past the highest ever given, not the highest left."""
    import_paths(sqlite_db, [seeds / "000_f694274a42498c38.txt"])
    amina = Editor(sqlite_db, "amina")
    newest = amina.add_span(1, "entity", "ORG", 0, 5)
    amina.delete_span(newest.id, newest.version)
    doc = DocumentIn(source="b.txt", line=1, text="Un texte neuf.", ext_id="b1", title="b")
    doc.spans = [SpanIn("entity", "MISC", 3, 8, "amina")]
    write_batch(sqlite_db, [doc], "test")
    with sqlite_db.read() as session:
        assert session.execute(text("SELECT min(id) FROM spans")).scalar_one() > newest.id


def test_an_older_database_keeps_its_rows_links_and_comments_through_the_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Database(url)  # made at the head, then taken back to 0005 as an older Curator left it
    import_paths(old, [Path(__file__).resolve().parents[2] / "seeds" / "000_f694274a42498c38.txt"])
    amina = Editor(old, "amina")
    claim = amina.add_span(1, "claim", "CLAIM", 0, 40)
    who = amina.add_span(1, "entity", "ORG", 0, 5)
    amina.add_relation("claimant", claim.id, who.id)
    old.dispose()
    engine = create_engine(url)  # a plain engine: foreign keys off, as SQLite starts
    from alembic import command

    config = migrations._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    with engine.begin() as conn:  # a comment written by the older Curator, on the ORG span
        conn.exec_driver_sql(
            "INSERT INTO comments (document_id, target_kind, target_id, parent_id, author, body, created_at) "
            f"VALUES (1, 'span', {who.id}, NULL, 'karim', 'Which council?', '2026-01-01 00:00:00')"
        )
        assert (
            "AUTOINCREMENT" not in conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'spans'").scalar()
        )
    engine.dispose()
    db = Database(url)
    assert migrations.current_revision(db.engine) == migrations.HEAD
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM spans")).scalar() == 2
        assert session.execute(text("SELECT count(*) FROM relations")).scalar() == 1  # no cascade on rebuild
        assert session.execute(text("SELECT span_id FROM comments")).scalar() == who.id
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    amina = Editor(db, "amina")
    newest = amina.add_span(1, "entity", "LOC", 10, 15)
    amina.delete_span(newest.id, newest.version)
    assert amina.add_span(1, "entity", "LOC", 10, 15).id > newest.id
    db.dispose()


def test_every_table_the_models_say_never_reuses_ids_says_so_in_sqlite(sqlite_db: Database) -> None:
    wanted = {t.name for t in Base.metadata.tables.values() if t.kwargs.get("sqlite_autoincrement")}
    # entities: history rows name an entity by its id, which must not come to name another one
    assert wanted == {"spans", "relations", "document_labels", "comments", "entities"}
    path = sqlite_db.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        made = {
            name for name, sql in conn.execute("SELECT name, sql FROM sqlite_master") if "AUTOINCREMENT" in (sql or "")
        }
    assert made == wanted


def test_doctor_names_comments_linked_to_the_wrong_annotation(sqlite_db: Database, seeds: Path) -> None:
    import_paths(sqlite_db, [seeds / "000_f694274a42498c38.txt", seeds / "004_fb4527da7287913f.txt"])
    amina = Editor(sqlite_db, "amina")
    here = amina.add_span(1, "entity", "ORG", 0, 5)
    there = amina.add_span(2, "entity", "ORG", 0, 5)
    add_comment(sqlite_db, 1, "karim", "Fine", target_kind="span", target_id=here.id)
    path = sqlite_db.url.removeprefix("sqlite:///")
    sqlite_db.dispose()
    with sqlite3.connect(path) as conn:  # damage it as a careless script would
        conn.execute(f"UPDATE comments SET target_id = {there.id}, span_id = {there.id}")
        conn.execute(
            "INSERT INTO comments (document_id, target_kind, target_id, author, body, created_at) "
            f"VALUES (2, 'span', {there.id}, 'karim', 'Lost link', '2026-01-01')"
        )
    conn.close()
    findings = "\n".join(diagnose(Database(sqlite_db.url, read_only=True).engine, sqlite_db.schema).findings)
    assert "1 comments linked to an annotation of another document" in findings
    assert "1 comments cut off from their annotation, which exists" in findings
