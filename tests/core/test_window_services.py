"""The core services the window's panels are given instead of the database: corpus search, export and
comments, each usable without Qt (the CLI and tests call them directly)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.errors import StaleEdit
from curator.io import registry
from curator.io.export_service import ExportService
from curator.records import DocumentIn, SpanIn
from curator.review.comments import CommentService, threads
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR
from curator.store.search import CorpusSearch

TEXT = "قال خالد خياري في الرباط إن التعاون مستمر."


@pytest.fixture
def one(db: Database) -> tuple[Database, int]:
    doc = DocumentIn(source="a.txt", line=1, text=TEXT, ext_id="a1", title="A")
    doc.spans = [SpanIn("entity", "LOC", TEXT.index("الرباط"), TEXT.index("الرباط") + 6, "amina")]
    write_batch(db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(db, ["a1"])
    return db, doc_id


def test_corpus_search_finds_at_once_after_an_import(one: tuple[Database, int]) -> None:
    db, doc_id = one
    search = CorpusSearch(db)
    assert search.pending() == 0  # the import indexed it: the panel shows no "indexing"
    assert search.index() == 0
    (hit,) = search.search("الرباط")
    assert (hit.document_id, TEXT[hit.start : hit.end]) == (doc_id, "الرباط")


def test_the_export_service_offers_whose_work_and_writes(one: tuple[Database, int], tmp_path: Path) -> None:
    db, doc_id = one
    exports = ExportService(db)
    assert exports.annotators() == ["amina"] and not exports.has_gold()
    assert "entity" in exports.layer_ids() and exports.count_documents() == 1
    assert exports.document_ids(["a1", "missing"]) == [doc_id]
    out = tmp_path / "out.jsonl"
    notes: list[str] = []
    written = exports.export(
        registry.named("jsonl"),
        out,
        annotators=None,
        document_ids=None,
        progress=lambda _n: None,
        layers=None,
        options={},
        on_note=notes.append,
    )
    assert written == 1 and "الرباط" in out.read_text(encoding="utf-8")
    assert GOLD_ANNOTATOR not in exports.annotators()


def test_the_comment_service_writes_as_its_author_and_takes_back(one: tuple[Database, int]) -> None:
    db, doc_id = one
    service = CommentService(db, "amina")
    first = service.comment(doc_id, "Check the place.", "document", None, None)
    service.author = "lea"  # the curator works under another name
    reply = service.comment(doc_id, "Checked.", "document", None, first.id)
    (thread,) = service.threads(doc_id)
    assert (thread.root.author, [r.author for r in thread.replies]) == ("amina", ["lea"])
    # The reply is lea's to take back and put back (undo, redo) under its own id; amina's has a reply now.
    gone = service.withdraw_comment(reply.id)
    assert threads(db, doc_id)[0].replies == []
    assert service.restore_comment(gone).id == reply.id
    service.author = "amina"
    with pytest.raises(StaleEdit, match="replied"):
        service.withdraw_comment(first.id)


def test_the_review_offers_to_compare_only_annotators_with_work(one: tuple[Database, int]) -> None:
    """A login that only opened a document (its status, its active time) is no one to compare with."""
    from curator.review.service import ReviewService
    from curator.store.editing import Editor

    db, doc_id = one
    Editor(db, "manager").set_status(doc_id, "in_progress")  # a row in annotators, no annotation
    Editor(db, "karim").add_span(doc_id, "entity", "PER", TEXT.index("خالد"), TEXT.index("خالد") + 10)
    assert "manager" in db.annotator_names()
    assert ReviewService(db, "reviewer").annotators() == ["amina", "karim"]
