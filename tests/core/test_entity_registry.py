"""The entity registry (issue 19): entities and links as one-transaction edits with history, undo,
refusals; mentions across the Arabic seed 000 and the French seed 003, and the claims of an entity.
Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from curator.errors import EditRefused
from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry
from curator.store.mentions import claims_of, mentions
from curator.store.models import Document, HistoryEntry, Span

ARABIC = "000_f694274a42498c38"
FRENCH = "003_b923d6f7b2ab459c"
KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",))
DISTRACTORS = [
    EntityRecord("abdallah", "PER", {"ar": "خالد عبد الله", "fr": "Khaled Abdallah"}),
    EntityRecord("mishaal", "PER", {"ar": "خالد مشعل", "fr": "Khalid Mishaal"}),
    EntityRecord(
        "oci",
        "ORG",
        {"ar": "منظمة التعاون الإسلامي", "fr": "l'Organisation de la coopération islamique"},
        ("OCI",),
        "Organisation of Islamic Cooperation",
        {"wikidata": "Q190763"},
    ),
]


@pytest.fixture
def corpus(db: Database, seeds: Path) -> Database:
    import_paths(db, [seeds / f"{ARABIC}.txt", seeds / f"{FRENCH}.txt"])
    return db


def _document(db: Database, ext_id: str) -> tuple[int, str]:
    with db.read() as session:
        row = session.execute(select(Document.id, Document.text).where(Document.ext_id == ext_id)).one()
    return row[0], row[1]


def _annotate(db: Database, ext_id: str, name: str, who: str = "amina", label: str = "PER") -> int:
    doc_id, text = _document(db, ext_id)
    start = text.index(name)
    return Editor(db, who).add_span(doc_id, "entity", label, start, start + len(name)).id


def _history(db: Database, kind: str) -> list[tuple[str, dict[str, object] | None, dict[str, object] | None]]:
    with db.read() as session:
        rows = session.execute(
            select(HistoryEntry.action, HistoryEntry.before, HistoryEntry.after)
            .where(HistoryEntry.kind == kind)
            .order_by(HistoryEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_mentions_span_both_documents_and_both_languages(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    for ext_id, name in ((ARABIC, "خالد خياري"), (FRENCH, "Khaled Khiari"), (FRENCH, "M. Khiari")):
        change = registry.link(_annotate(corpus, ext_id, name), "khiari")
        assert (change.before, change.after) == (None, "khiari")
    found = mentions(corpus, "khiari")
    assert [(m.document, m.language, m.text) for m in found] == [
        (ARABIC, "ar", "خالد خياري"),
        (FRENCH, "fr", "Khaled Khiari"),
        (FRENCH, "fr", "M. Khiari"),
    ]
    _, french = _document(corpus, FRENCH)
    assert all(french[m.start : m.end] == m.text for m in found if m.language == "fr")


def test_candidates_rank_khiari_first_for_the_arabic_and_the_french_mention(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    for record in [*DISTRACTORS, KHIARI]:
        registry.create(record)
    for mention in ("خياري", "M. Khiari"):
        ranked = registry.candidates(mention)
        assert ranked[0].key == "khiari", (mention, ranked)
    assert registry.candidates("OCI")[0].key == "oci"


def test_a_colleagues_new_entity_is_a_candidate_at_once(corpus: Database) -> None:
    mine, theirs = Registry(corpus, "amina"), Registry(corpus, "karim")
    mine.create(KHIARI)
    assert [c.key for c in mine.candidates("Mishaal")] == []
    theirs.create(DISTRACTORS[1])
    assert mine.candidates("Mishaal")[0].key == "mishaal"
    theirs.update("mishaal", names={"fr": "Khalid Mechaal"})
    assert mine.candidates("Mechaal")[0].key == "mishaal"


def test_every_registry_edit_is_in_the_history(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    registry.update("khiari", description="UN Assistant Secretary-General")
    span = _annotate(corpus, FRENCH, "Khaled Khiari")
    registry.link(span, "khiari")
    registry.link(span, None)
    registry.delete("khiari")
    assert [action for action, _, _ in _history(corpus, "entity")] == ["create", "update", "delete"]
    links = _history(corpus, "entity_link")
    assert links == [("create", None, {"entity": "khiari"}), ("delete", {"entity": "khiari"}, None)]
    created = _history(corpus, "entity")[0][2]
    assert created is not None and created["names"] == {"ar": "خالد خياري", "fr": "Khaled Khiari"}


def test_renaming_changes_no_annotation_and_the_link_stays(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    span = _annotate(corpus, FRENCH, "Khaled Khiari")
    registry.link(span, "khiari")
    with corpus.read() as session:
        before = session.execute(select(Span.start, Span.end, Span.version, Span.label_id)).all()
    change = registry.rename("khiari", "fr", "Khalid Khiari")
    assert change.after is not None and change.after.names["fr"] == "Khalid Khiari"
    assert "Khaled Khiari" in change.after.aliases  # the old spelling still finds him
    registry.update("khiari", new_key="khiari-k")
    with corpus.read() as session:
        assert session.execute(select(Span.start, Span.end, Span.version, Span.label_id)).all() == before
    assert [m.span_id for m in mentions(corpus, "khiari-k")] == [span]
    assert registry.candidates("Khaled Khiari")[0].key == "khiari-k"


def test_link_undo_puts_the_previous_link_back(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    registry.create(DISTRACTORS[0])
    span = _annotate(corpus, ARABIC, "خالد خياري")
    first = registry.link(span, "abdallah")
    second = registry.link(span, "khiari")
    assert (second.before, second.after) == ("abdallah", "khiari")
    assert registry.undo_link(second).after == "abdallah"
    assert registry.undo_link(first).after is None
    assert registry.links_of(_document(corpus, ARABIC)[0]) == {}
    assert not registry.link(span, None).changed


def test_entity_edits_undo(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    created = registry.create(KHIARI)
    updated = registry.update("khiari", type="ORG", aliases=["Khiari"])
    assert registry.undo(updated).after == KHIARI
    assert registry.get("khiari") == KHIARI
    assert registry.undo(created).after is None and registry.get("khiari") is None
    deleted = registry.create(KHIARI) and registry.delete("khiari")
    registry.undo(deleted)
    assert registry.get("khiari") == KHIARI


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (EntityRecord("x", "PERSON", {"fr": "X"}), "unknown type 'PERSON'"),
        (EntityRecord("x", "PER", {"fr": "  "}), "the fr name is empty"),
        (EntityRecord("x", "PER", {}), "needs a name"),
        (EntityRecord("two words", "PER", {"fr": "X"}), "must be one word"),
        (EntityRecord("x", "PER", {"fr": "X"}, ("",)), "an alias is empty"),
    ],
)
def test_bad_entities_are_refused_and_nothing_is_written(corpus: Database, record: EntityRecord, message: str) -> None:
    registry = Registry(corpus, "amina")
    with pytest.raises(EditRefused, match=message):
        registry.create(record)
    assert registry.all() == [] and _history(corpus, "entity") == []


def test_a_duplicate_id_is_refused(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    registry.create(DISTRACTORS[0])
    with pytest.raises(EditRefused, match="already exists"):
        registry.create(EntityRecord("khiari", "PER", {"fr": "Autre"}))
    with pytest.raises(EditRefused, match="already exists"):
        registry.update("abdallah", new_key="khiari")
    assert registry.get("khiari") == KHIARI


def test_links_are_refused_for_another_layer_another_annotator_or_an_unknown_entity(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    doc_id, text = _document(corpus, FRENCH)
    at = text.index("a conclu")
    claim = Editor(corpus, "amina").add_span(doc_id, "claim", "CUE", at, at + len("a conclu")).id
    with pytest.raises(EditRefused, match="only annotations of the entity layer"):
        registry.link(claim, "khiari")
    theirs = _annotate(corpus, FRENCH, "Khaled Khiari", who="karim")
    with pytest.raises(EditRefused, match="belongs to karim"):
        registry.link(theirs, "khiari")
    mine = _annotate(corpus, FRENCH, "M. Khiari")
    with pytest.raises(EditRefused, match="no entity with id 'nobody'"):
        registry.link(mine, "nobody")
    assert _history(corpus, "entity_link") == []


def test_an_entity_still_linked_cannot_be_deleted(corpus: Database) -> None:
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    registry.link(_annotate(corpus, FRENCH, "M. Khiari"), "khiari")
    with pytest.raises(EditRefused, match="unlink them"):
        registry.delete("khiari")
    assert registry.get("khiari") == KHIARI


def test_a_deleted_span_comes_back_with_its_link(corpus: Database) -> None:
    registry, editor = Registry(corpus, "amina"), Editor(corpus, "amina")
    registry.create(KHIARI)
    span = _annotate(corpus, FRENCH, "M. Khiari")
    registry.link(span, "khiari")
    deleted = editor.delete_span(span)
    assert mentions(corpus, "khiari") == []
    editor.restore_span(deleted)
    assert [m.span_id for m in mentions(corpus, "khiari")] == [span]


def test_the_claims_whose_claimant_is_the_entity(corpus: Database) -> None:
    registry, editor = Registry(corpus, "amina"), Editor(corpus, "amina")
    registry.create(KHIARI)
    claimant = _annotate(corpus, FRENCH, "M. Khiari")
    registry.link(claimant, "khiari")
    doc_id, text = _document(corpus, FRENCH)
    end = text.index(", a conclu M. Khiari")
    start = text.rindex("«", 0, end)
    claim = editor.add_span(doc_id, "claim", "CLAIM", start, end, {"stance": "support"})
    editor.add_relation("claimant", claim.id, claimant)
    found = claims_of(corpus, "khiari")
    assert [(c.document, c.span_id, c.claimant_span_id, c.attributes) for c in found] == [
        (FRENCH, claim.id, claimant, {"stance": "support"})
    ]
    assert found[0].text == text[start:end]


def test_an_entity_a_colleague_deleted_is_no_longer_a_candidate(corpus: Database) -> None:
    mine, theirs = Registry(corpus, "amina"), Registry(corpus, "karim")
    mine.create(KHIARI)
    mine.create(DISTRACTORS[1])
    assert mine.candidates("Khiari")[0].key == "khiari"  # the index is built here
    theirs.delete("khiari")
    assert [c.key for c in mine.candidates("Khiari")] == []
    assert [c.key for c in mine.candidates("Mishaal")] == ["mishaal"]


def test_a_colleague_following_the_database_sees_links_and_entities_change(corpus: Database) -> None:
    from curator.store.changes import ChangeCursor, changes_since, latest_change

    cursor = ChangeCursor(seen=latest_change(corpus))
    registry = Registry(corpus, "amina")
    registry.create(KHIARI)
    span = _annotate(corpus, FRENCH, "M. Khiari")
    registry.link(span, "khiari")
    doc_id, _ = _document(corpus, FRENCH)
    seen = [(c.kind, c.action, c.document_id) for c in changes_since(corpus, cursor)]
    assert seen == [("entity", "create", None), ("span", "create", doc_id), ("entity_link", "create", doc_id)]


@pytest.mark.postgres
def test_a_window_on_postgresql_is_woken_by_a_link(postgres_url: str, seeds: Path) -> None:
    from curator.store.changes import ChangeListener

    db = Database(postgres_url)
    try:
        import_paths(db, [seeds / f"{FRENCH}.txt"])
        Registry(db, "amina").create(KHIARI)
        span = _annotate(db, FRENCH, "M. Khiari")
        listener = ChangeListener(db)
        try:
            Registry(db, "amina").link(span, "khiari")
            assert _document(db, FRENCH)[0] in listener.drain(timeout=5.0)
        finally:
            listener.close()
    finally:
        db.dispose()
