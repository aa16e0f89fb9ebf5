"""Documents that report the same story (issue 19): the group a curator sets, the documents that
share linked entities, and where each document names an entity (what the parallel view draws).

A story is a short name kept in the document's ``meta`` under :data:`STORY_KEY` (no new table, no
migration); setting it is one transaction with its history row (kind ``document_meta``), so windows
following the database see it. Reads are plain records; nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from curator.errors import EditRefused
from curator.store import history
from curator.store.database import Database
from curator.store.models import Document, Entity, EntityLink, LabelRow, Span, reserved_annotator

STORY_KEY = "story"
# Two documents are offered as one story when they share at least this many linked entities.
SHARED_AT_LEAST = 2


@dataclass(frozen=True)
class LinkedSpan:
    """A span of a document linked to an entity (any annotator's): offsets and the entity's key."""

    span_id: int
    start: int
    end: int
    key: str
    label: str


@dataclass(frozen=True)
class RelatedDocument:
    """A document related to another: its id, external id, title, language and the shared entities."""

    document_id: int
    ext_id: str
    title: str
    language: str
    shared: tuple[str, ...]


def linked_spans(db: Database, document_id: int) -> list[LinkedSpan]:
    """Every linked span of a document, in text order."""
    query = (
        select(Span.id, Span.start, Span.end, Entity.key, LabelRow.key)
        .select_from(EntityLink)
        .join(Span, Span.id == EntityLink.span_id)
        .join(Entity, Entity.id == EntityLink.entity_id)
        .join(LabelRow, LabelRow.id == Span.label_id)
        .where(Span.document_id == document_id)
        .order_by(Span.start, Span.end, Span.id)
    )
    with db.read() as session:
        return [LinkedSpan(*row) for row in session.execute(query)]


def sharing_entities(db: Database, document_id: int, at_least: int = SHARED_AT_LEAST) -> list[RelatedDocument]:
    """The other documents naming at least ``at_least`` of the entities this one names, most shared
    first (then by external id)."""
    mine, theirs = aliased(Span), aliased(Span)
    mine_link, their_link = aliased(EntityLink), aliased(EntityLink)
    query = (
        select(theirs.document_id, Entity.key)
        .select_from(mine_link)
        .join(mine, mine.id == mine_link.span_id)
        .join(their_link, their_link.entity_id == mine_link.entity_id)
        .join(theirs, theirs.id == their_link.span_id)
        .join(Entity, Entity.id == mine_link.entity_id)
        .where(mine.document_id == document_id, theirs.document_id != document_id)
        .distinct()
    )
    with db.read() as session:
        shared: dict[int, set[str]] = {}
        for other, key in session.execute(query):
            shared.setdefault(other, set()).add(key)
        wanted = [d for d, keys in shared.items() if len(keys) >= at_least]
        rows = session.execute(
            select(Document.id, Document.ext_id, Document.title, Document.language).where(Document.id.in_(wanted))
        ).all()
    found = [RelatedDocument(i, e, t, lang, tuple(sorted(shared[i]))) for i, e, t, lang in rows]
    return sorted(found, key=lambda d: (-len(d.shared), d.ext_id))


def story_of(db: Database, document_id: int) -> str | None:
    with db.read() as session:
        meta = session.scalar(select(Document.meta).where(Document.id == document_id))
    story = (meta or {}).get(STORY_KEY)
    return story if isinstance(story, str) and story else None


def same_story(db: Database, document_id: int) -> list[RelatedDocument]:
    """The other documents of this document's story (none when it has no story), by external id."""
    story = story_of(db, document_id)
    if story is None:
        return []
    with db.read() as session:
        rows = session.execute(
            select(Document.id, Document.ext_id, Document.title, Document.language, Document.meta)
            .where(Document.id != document_id)
            .order_by(Document.ext_id)
        ).all()
    return [RelatedDocument(i, e, t, lang, ()) for i, e, t, lang, meta in rows if (meta or {}).get(STORY_KEY) == story]


def set_story(db: Database, who: str, document_ids: list[int], story: str | None) -> int:
    """Put the documents in the story ``story`` (None or blank: in none), one transaction, a history
    row per document that changed; how many changed."""
    if reserved_annotator(who):
        raise EditRefused(f"“{who}” names the gold layer; group documents under your own name")
    name = (story or "").strip() or None
    if name is not None and len(name) > 200:
        raise EditRefused("a story's name is at most 200 characters")
    changed = 0
    with db.write() as session:
        rows = session.execute(select(Document.id, Document.meta).where(Document.id.in_(document_ids))).all()
        if len(rows) != len(set(document_ids)):
            raise EditRefused("a document was deleted meanwhile")
        for doc_id, meta in rows:
            meta = dict(meta or {})
            before = meta.get(STORY_KEY)
            if before == name:
                continue
            if name is None:
                meta.pop(STORY_KEY, None)
            else:
                meta[STORY_KEY] = name
            session.execute(update(Document).where(Document.id == doc_id).values(meta=meta))
            history.record(
                session, who, "update", "document_meta", doc_id, doc_id, {STORY_KEY: before}, {STORY_KEY: name}
            )
            changed += 1
    return changed


@dataclass(frozen=True)
class DocumentText:
    """What the parallel view shows of a document."""

    document_id: int
    ext_id: str
    title: str
    language: str
    text: str


class StoryService:
    """The parallel view's reads and its one edit (grouping documents), for user ``who`` on ``db``:
    what a widget is given instead of the database."""

    def __init__(self, db: Database, who: str) -> None:
        self.db = db
        self.who = who

    def documents(self) -> list[RelatedDocument]:
        """Every document (no shared entities counted), by external id."""
        with self.db.read() as session:
            rows = session.execute(
                select(Document.id, Document.ext_id, Document.title, Document.language).order_by(Document.ext_id)
            ).all()
        return [RelatedDocument(i, e, t, lang, ()) for i, e, t, lang in rows]

    def document(self, document_id: int) -> DocumentText | None:
        with self.db.read() as session:
            row = session.execute(
                select(Document.id, Document.ext_id, Document.title, Document.language, Document.text).where(
                    Document.id == document_id
                )
            ).first()
        return DocumentText(*row) if row else None

    def linked_spans(self, document_id: int) -> list[LinkedSpan]:
        return linked_spans(self.db, document_id)

    def sharing_entities(self, document_id: int, at_least: int = SHARED_AT_LEAST) -> list[RelatedDocument]:
        return sharing_entities(self.db, document_id, at_least)

    def story_of(self, document_id: int) -> str | None:
        return story_of(self.db, document_id)

    def same_story(self, document_id: int) -> list[RelatedDocument]:
        return same_story(self.db, document_id)

    def set_story(self, document_ids: list[int], story: str | None) -> int:
        return set_story(self.db, self.who, document_ids, story)
