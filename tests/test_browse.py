"""The document list's paged queries: one annotator's status and counts, filters, keyset paging."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.io.importer import import_paths
from curator.store import browse, queries
from curator.store.browse import DocumentFilter
from curator.store.database import Database
from curator.store.editing import Editor


@pytest.fixture
def corpus(db: Database, seeds: Path, samples: Path) -> Database:
    import_paths(db, [seeds, samples / "mixed_bidi_ar.txt", samples / "crlf_fr.txt"])
    return db


def test_pages_follow_ids_and_cover_every_document_once(corpus: Database) -> None:
    total = browse.count_matching(corpus, "amina")
    seen: list[int] = []
    after = 0
    while page := browse.document_page(corpus, "amina", after_id=after, limit=3):
        assert len(page) <= 3
        seen += [row.id for row in page]
        after = page[-1].id
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == total == 7


def test_status_and_counts_are_the_annotators_own(corpus: Database) -> None:
    first, second = (row.id for row in browse.document_page(corpus, "amina", limit=2))
    amina, omar = Editor(corpus, "amina"), Editor(corpus, "omar")
    amina.add_span(first, "entity", "ORG", 0, 3)
    amina.add_span(first, "entity", "LOC", 5, 8)
    omar.add_span(first, "entity", "PER", 0, 3)
    amina.set_status(second, "done")
    row = browse.document_row(corpus, "amina", first)
    assert row is not None and (row.annotations, row.status) == (2, "new")
    assert browse.document_row(corpus, "omar", first) == browse.DocumentRow(
        first, row.title, row.language, "new", 1, row.length
    )
    assert [r.id for r in browse.document_page(corpus, "amina", DocumentFilter(status="done"))] == [second]
    assert browse.count_matching(corpus, "omar", DocumentFilter(status="done")) == 0
    assert browse.count_matching(corpus, "amina", DocumentFilter(status="new")) == 6
    # Someone who never saved anything sees every document as new and empty.
    rows = browse.document_page(corpus, "newcomer")
    assert {(r.status, r.annotations) for r in rows} == {("new", 0)}


def test_language_and_text_filters(corpus: Database) -> None:
    assert set(browse.languages(corpus)) == {"ar", "fr"}
    french = browse.document_page(corpus, "amina", DocumentFilter(language="fr"))
    assert french and all(row.language == "fr" for row in french)
    title = french[0].title
    found = browse.document_page(corpus, "amina", DocumentFilter(text=title[2:8].upper()))
    assert french[0].id in [row.id for row in found]
    assert browse.document_page(corpus, "amina", DocumentFilter(text="100%_no such")) == []
    with pytest.raises(ValueError):
        DocumentFilter(status="finished")


def test_adjacent_documents_respect_the_filter(corpus: Database) -> None:
    ids = [row.id for row in browse.document_page(corpus, "amina")]
    assert browse.adjacent_document(corpus, "amina", ids[0], forward=True) == ids[1]
    assert browse.adjacent_document(corpus, "amina", ids[0], forward=False) is None
    assert browse.adjacent_document(corpus, "amina", ids[-1], forward=True) is None
    Editor(corpus, "amina").set_status(ids[3], "done")
    done = DocumentFilter(status="done")
    assert browse.adjacent_document(corpus, "amina", ids[0], forward=True, flt=done) == ids[3]


def test_document_spans_by_stretch_equal_the_full_query(corpus: Database) -> None:
    doc = browse.document_page(corpus, "amina", limit=1)[0]
    editor = Editor(corpus, "amina")
    text = queries.document(corpus, doc.id)
    assert text is not None
    starts = [i for i in range(0, min(len(text.text) - 5, 3000), 97) if text.text[i].isalpha()]
    for start in starts:
        editor.add_span(doc.id, "entity", "ORG", start, start + 1, note="n")
    Editor(corpus, "omar").add_span(doc.id, "entity", "PER", 0, 1)
    claim = editor.add_span(doc.id, "claim", "CLAIM", 0, 4, {"stance": "support"})
    everything = queries.spans(corpus, doc.id, ["amina"])
    assert browse.document_spans(corpus, doc.id, "amina") == everything
    first = browse.document_spans(corpus, doc.id, "amina", start_before=1000)
    rest = browse.document_spans(corpus, doc.id, "amina", start_from=1000)
    assert first + rest == everything and all(s.start < 1000 for s in first)
    assert next(s for s in first if s.id == claim.id).attributes == {"stance": "support"}
    assert browse.document_spans(corpus, doc.id, "nobody") == []
