"""Stories (issue 19, :mod:`curator.store.stories`): documents a curator groups as reports of one story,
the documents offered because they share several linked entities, the linked spans the parallel view
draws; and links seen live by a second connection on PostgreSQL. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from curator.errors import EditRefused
from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry
from curator.store.models import Document, HistoryEntry
from curator.store.stories import (
    STORY_KEY,
    LinkedSpan,
    StoryService,
    linked_spans,
    same_story,
    set_story,
    sharing_entities,
    story_of,
)

ARABIC, OTHER, FRENCH = "000_f694274a42498c38", "001_69f5943f550353c0", "003_b923d6f7b2ab459c"
KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"})
OCI = EntityRecord("oci", "ORG", {"ar": "منظمة التعاون الإسلامي", "fr": "l'Organisation de la coopération islamique"})
UN = EntityRecord("onu", "ORG", {"ar": "الأمم المتحدة", "fr": "l'Organisation des Nations unies"})


@pytest.fixture
def corpus(db: Database, seeds: Path) -> dict[str, int]:
    import_paths(db, [seeds / f"{ext}.txt" for ext in (ARABIC, OTHER, FRENCH)])
    with db.read() as session:
        return {ext: id_ for id_, ext in session.execute(select(Document.id, Document.ext_id))}


def _link(db: Database, doc_id: int, name: str, label: str, key: str) -> int:
    with db.read() as session:
        text = session.scalar(select(Document.text).where(Document.id == doc_id))
    assert text is not None
    start = text.index(name)
    span = Editor(db, "amina").add_span(doc_id, "entity", label, start, start + len(name))
    Registry(db, "amina").link(span.id, key)
    return span.id


def _linked(db: Database, ids: dict[str, int]) -> None:
    """000 and 003 share Khiari and the OIC; 001 shares only the OIC with them, and names the UN."""
    registry = Registry(db, "amina")
    for record in (KHIARI, OCI, UN):
        registry.create(record)
    _link(db, ids[ARABIC], "خالد خياري", "PER", "khiari")
    _link(db, ids[ARABIC], "منظمة\nالتعاون الإسلامي", "ORG", "oci")
    _link(db, ids[FRENCH], "Khaled Khiari", "PER", "khiari")
    _link(db, ids[FRENCH], "l’OCI", "ORG", "oci")
    _link(db, ids[OTHER], "منظمة التعاون الإسلامي", "ORG", "oci")
    _link(db, ids[OTHER], "الأمم المتحدة", "ORG", "onu")


def test_documents_sharing_two_entities_are_offered_one_shared_entity_is_not(
    db: Database, corpus: dict[str, int]
) -> None:
    _linked(db, corpus)
    offered = sharing_entities(db, corpus[ARABIC])
    assert [(d.ext_id, d.language, d.shared) for d in offered] == [(FRENCH, "fr", ("khiari", "oci"))]
    assert [d.ext_id for d in sharing_entities(db, corpus[FRENCH])] == [ARABIC]
    assert sharing_entities(db, corpus[OTHER]) == []  # the OIC alone is not a story
    # with a lower bar, the most shared first
    assert [(d.ext_id, len(d.shared)) for d in sharing_entities(db, corpus[ARABIC], at_least=1)] == [
        (FRENCH, 2),
        (OTHER, 1),
    ]


def test_a_colleagues_links_count_as_the_annotators_own(db: Database, corpus: dict[str, int]) -> None:
    registry = Registry(db, "amina")
    for record in (KHIARI, OCI):
        registry.create(record)
    _link(db, corpus[ARABIC], "خالد خياري", "PER", "khiari")
    _link(db, corpus[ARABIC], "منظمة\nالتعاون الإسلامي", "ORG", "oci")
    doc_id = corpus[FRENCH]
    with db.read() as session:
        text = session.scalar(select(Document.text).where(Document.id == doc_id))
    assert text is not None
    for name, label, key in (("Khaled Khiari", "PER", "khiari"), ("l’OCI", "ORG", "oci")):
        start = text.index(name)
        span = Editor(db, "karim").add_span(doc_id, "entity", label, start, start + len(name))
        Registry(db, "karim").link(span.id, key)
    assert [d.ext_id for d in sharing_entities(db, corpus[ARABIC])] == [FRENCH]


def test_linked_spans_in_text_order_with_their_entity_and_label(db: Database, corpus: dict[str, int]) -> None:
    _linked(db, corpus)
    spans = linked_spans(db, corpus[FRENCH])
    assert [(s.key, s.label) for s in spans] == [("khiari", "PER"), ("oci", "ORG")]
    assert all(isinstance(s, LinkedSpan) and s.start < s.end for s in spans)
    assert spans[0].start < spans[1].start
    assert linked_spans(db, corpus[OTHER])[0].key in ("oci", "onu")


def test_a_story_groups_documents_with_history_and_can_be_undone_by_setting_none(
    db: Database, corpus: dict[str, int]
) -> None:
    assert story_of(db, corpus[ARABIC]) is None and same_story(db, corpus[ARABIC]) == []
    assert set_story(db, "amina", [corpus[ARABIC], corpus[FRENCH]], "  Briefing OCI  ") == 2
    assert story_of(db, corpus[FRENCH]) == "Briefing OCI"
    assert [d.ext_id for d in same_story(db, corpus[ARABIC])] == [FRENCH]
    assert same_story(db, corpus[OTHER]) == []
    assert set_story(db, "amina", [corpus[ARABIC]], "Briefing OCI") == 0  # nothing changed, nothing written
    with db.read() as session:
        rows = session.execute(
            select(HistoryEntry.document_id, HistoryEntry.before, HistoryEntry.after)
            .where(HistoryEntry.kind == "document_meta")
            .order_by(HistoryEntry.id)
        ).all()
    assert sorted(r[0] for r in rows) == sorted([corpus[ARABIC], corpus[FRENCH]])
    assert all(r[1] == {STORY_KEY: None} and r[2] == {STORY_KEY: "Briefing OCI"} for r in rows)
    assert set_story(db, "amina", [corpus[FRENCH]], " ") == 1
    assert story_of(db, corpus[FRENCH]) is None
    assert same_story(db, corpus[ARABIC]) == []


@pytest.mark.parametrize(
    ("who", "story", "gone", "message"),
    [
        ("Curation", "s", False, "names the gold layer"),
        ("amina", "x" * 201, False, "at most 200 characters"),
        ("amina", "s", True, "a document was deleted meanwhile"),
    ],
)
def test_a_story_refused_writes_nothing(
    db: Database, corpus: dict[str, int], who: str, story: str, gone: bool, message: str
) -> None:
    ids = [corpus[ARABIC], 10_000] if gone else [corpus[ARABIC]]
    with pytest.raises(EditRefused, match=message):
        set_story(db, who, ids, story)
    assert story_of(db, corpus[ARABIC]) is None


def test_the_story_service_is_what_the_parallel_view_reads(db: Database, corpus: dict[str, int]) -> None:
    _linked(db, corpus)
    service = StoryService(db, "amina")
    assert [d.ext_id for d in service.documents()] == [ARABIC, OTHER, FRENCH]
    shown = service.document(corpus[ARABIC])
    assert shown is not None and shown.language == "ar" and "خالد خياري" in shown.text
    assert service.document(10_000) is None
    assert [d.ext_id for d in service.sharing_entities(corpus[FRENCH])] == [ARABIC]
    assert service.set_story([corpus[ARABIC], corpus[FRENCH]], "briefing") == 2
    assert service.story_of(corpus[ARABIC]) == "briefing"
    assert [d.ext_id for d in service.same_story(corpus[FRENCH])] == [ARABIC]
    assert [s.key for s in service.linked_spans(corpus[ARABIC])] == ["khiari", "oci"]


@pytest.mark.postgres
def test_a_second_connection_on_postgresql_sees_a_link_live(postgres_url: str, seeds: Path) -> None:
    """One Database links a span; another on the same PostgreSQL database (a colleague's window) is
    woken by the notification, reads the change in the history and the link itself."""
    from curator.store.changes import ChangeCursor, ChangeListener, changes_since, latest_change

    mine, theirs = Database(postgres_url), Database(postgres_url)
    try:
        import_paths(mine, [seeds / f"{FRENCH}.txt"])
        Registry(mine, "amina").create(KHIARI)
        with theirs.read() as session:
            doc_id = session.scalar(select(Document.id).where(Document.ext_id == FRENCH))
        assert doc_id is not None
        with mine.read() as session:
            text = session.scalar(select(Document.text).where(Document.id == doc_id))
        assert text is not None
        start = text.index("Khaled Khiari")
        span = Editor(mine, "amina").add_span(doc_id, "entity", "PER", start, start + 13)
        cursor = ChangeCursor(seen=latest_change(theirs))
        listener = ChangeListener(theirs)
        try:
            assert Registry(theirs, "karim").links_of(doc_id) == {}
            Registry(mine, "amina").link(span.id, "khiari")
            assert doc_id in listener.drain(timeout=5.0)
        finally:
            listener.close()
        seen = [(c.kind, c.action, c.document_id) for c in changes_since(theirs, cursor)]
        assert seen == [("entity_link", "create", doc_id)]
        assert Registry(theirs, "karim").links_of(doc_id) == {span.id: "khiari"}
        assert [(s.span_id, s.key) for s in linked_spans(theirs, doc_id)] == [(span.id, "khiari")]
    finally:
        theirs.dispose()
        mine.dispose()
