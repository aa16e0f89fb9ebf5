"""The document list's paged queries: one annotator's status and counts, filters, keyset paging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from curator.io.importer import import_paths
from curator.store import browse, migrations, queries
from curator.store.browse import DocumentFilter
from curator.store.database import Database
from curator.store.editing import Editor
from curator.text.folding import document_filter_key


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


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


NEWS = [
    {"id": "un-oic-2024", "title": "الأُمَم المتحدة ومنظمة التعاون الإسلامي", "text": "تعاون بين المنظمتين."},
    {"id": "rapport-été", "title": "État  des lieux de la coopération", "text": "Un bilan de la coopération."},
    {"id": "gaza", "title": "إغاثة غزة", "text": "قافلة مساعدات إلى غزة."},
]


def _titles(db: Database, text: str) -> list[str]:
    return [row.title for row in browse.document_page(db, "amina", DocumentFilter(text=text))]


def test_the_title_filter_folds_arabic_and_accents_as_corpus_search_does(db: Database, tmp_path: Path) -> None:
    import_paths(db, [_jsonl(tmp_path / "news.jsonl", NEWS)])
    un, france, gaza = (record["title"] for record in NEWS)
    # Typed without hamza, tashkeel or teh marbuta, the Arabic title is found...
    assert _titles(db, "الامم المتحده") == [un]
    assert _titles(db, "اغاثه") == [gaza]
    # ...and with them, a title written without them (and any white space matches any other).
    assert _titles(db, "إغاثةُ   غزة") == [gaza]
    # French: accents and case are ignored, on SQLite as on PostgreSQL.
    assert _titles(db, "etat des") == _titles(db, "ÉTAT DES") == [france]
    assert _titles(db, "rapport-ete") == [france]  # the external id, folded too
    assert browse.count_matching(db, "amina", DocumentFilter(text="الأمم")) == 1
    assert _titles(db, "غزة gaza") == []  # no match runs from the title into the external id
    assert _titles(db, "100%_") == []


def test_documents_stored_before_the_folded_filter_are_found_after_the_upgrade(db_url: str) -> None:
    engine = create_engine(db_url)
    migrations.upgrade(engine, "0004")
    with engine.begin() as conn:
        for number, (ext_id, title) in enumerate((("old-ar", "الأمم المتحدة"), ("old-fr", "Élections")), 1):
            conn.execute(
                text(
                    "INSERT INTO documents (ext_id, title, source, language, direction, text, length, content_sha256, "
                    "newline, had_bom, meta, created_at) VALUES (:ext_id, :title, 'old.txt', 'ar', 'rtl', :body, 5, "
                    ":sha, 'lf', false, '{}', '2024-01-01 00:00:00')"
                ),
                {"ext_id": ext_id, "title": title, "body": f"نص {number}", "sha": f"sha{number}"},
            )
    engine.dispose()
    db = Database(db_url)
    try:
        assert _titles(db, "الامم") == ["الأمم المتحدة"]
        assert _titles(db, "elections") == ["Élections"]
    finally:
        db.dispose()


def _every_page(db: Database, order: browse.DocumentOrder, page: int = 2, **kwargs: object) -> list[browse.DocumentRow]:
    rows: list[browse.DocumentRow] = []
    after = 0
    while found := browse.document_page(db, "amina", after_id=after, limit=page, order=order, **kwargs):  # type: ignore[arg-type]
        rows += found
        after = found[-1].id
    return rows


@pytest.mark.parametrize("key", browse.SORT_KEYS)
def test_every_column_sorts_in_the_query_and_pages_cover_every_document_once(corpus: Database, key: str) -> None:
    ids = [row.id for row in browse.document_page(corpus, "amina")]
    editor = Editor(corpus, "amina")
    for document_id, spans in zip(ids, (3, 0, 1, 3, 0, 2, 1), strict=True):
        for start in range(spans):
            editor.add_span(document_id, "entity", "ORG", start, start + 1)
    editor.set_status(ids[1], "done")
    editor.set_status(ids[4], "in_progress")
    editor.set_status(ids[5], "done")

    def sort_value(row: browse.DocumentRow) -> object:
        if key == "title":
            return document_filter_key(row.title, "")[: browse.TITLE_SORT_CHARS].split("\n")[0]
        if key == "status":
            return browse.STATUS_RANK[row.status]
        return {"id": row.id, "language": row.language, "annotations": row.annotations}[key]

    for descending in (False, True):
        order = browse.DocumentOrder(key, descending)
        rows = _every_page(corpus, order)
        assert sorted(row.id for row in rows) == sorted(ids)  # each once, across pages of two
        # In the key's order, ties by id; the same as one page holding everything.
        assert [row.id for row in rows] == [row.id for row in browse.document_page(corpus, "amina", order=order)]
        if key != "title" or corpus.url.startswith("sqlite"):  # PostgreSQL's collation orders text its own way
            keys = [(sort_value(row), row.id) for row in rows]
            assert keys == sorted(keys, reverse=descending)
        # Next and previous document follow the same order.
        assert browse.adjacent_document(corpus, "amina", None, forward=True, order=order) == rows[0].id
        assert browse.adjacent_document(corpus, "amina", rows[2].id, forward=True, order=order) == rows[3].id
        assert browse.adjacent_document(corpus, "amina", rows[2].id, forward=False, order=order) == rows[1].id
        assert browse.adjacent_document(corpus, "amina", None, forward=False, order=order) == rows[-1].id
    # Filters apply as before: the done documents by their number of annotations.
    done = _every_page(corpus, browse.DocumentOrder("annotations"), flt=DocumentFilter(status="done"))
    assert [row.id for row in done] == [ids[1], ids[5]]
    with pytest.raises(ValueError):
        browse.DocumentOrder("length")


def test_titles_sort_ignoring_case_accents_and_letter_forms(db: Database, tmp_path: Path) -> None:
    records = [
        {"id": "b", "title": "état des lieux", "text": "Un."},
        {"id": "a", "title": "Zone franche", "text": "Deux."},
        {"id": "c", "title": "Accord", "text": "Trois."},
        {"id": "d", "title": "إغاثة غزة", "text": "قافلة."},
        {"id": "e", "title": "اتفاق", "text": "نص."},
    ]
    import_paths(db, [_jsonl(tmp_path / "titles.jsonl", records)])
    titles = [row.title for row in browse.document_page(db, "amina", order=browse.DocumentOrder("title"))]
    # "état" between "Accord" and "Zone"; إغاثة folded to اغاثة, after اتفاق.
    assert titles[:3] == ["Accord", "état des lieux", "Zone franche"]
    assert titles[3:] == ["اتفاق", "إغاثة غزة"]
