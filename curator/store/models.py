"""SQLAlchemy models of the corpus store. Offsets are code points over ``Document.text``, end exclusive."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from curator.text.folding import document_filter_key

STATUSES = ("new", "in_progress", "done")
# The gold layer produced by adjudication is the work of this annotator.
GOLD_ANNOTATOR = "curation"
# Names nobody annotates under (compared case-insensitively): the gold layer is written only through
# review decisions (curator.review.curation), each recorded under the reviewer's own name.
RESERVED_ANNOTATORS = frozenset({GOLD_ANNOTATOR})


def reserved_annotator(name: str) -> bool:
    """Whether ``name`` is one of :data:`RESERVED_ANNOTATORS`, which the annotation window refuses."""
    return name.strip().casefold() in RESERVED_ANNOTATORS


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class SchemaRecord(Base):
    """Each annotation schema the database has been opened with; the newest is in force."""

    __tablename__ = "annotation_schemas"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int]
    source: Mapped[str] = mapped_column(String(1000))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class LayerRow(Base):
    __tablename__ = "layers"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    definition: Mapped[dict[str, Any]]


class LabelRow(Base):
    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("layer_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    layer_id: Mapped[int] = mapped_column(ForeignKey("layers.id"))
    key: Mapped[str] = mapped_column(String(100))
    # A label removed from the schema file but still used keeps its row, retired.
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    definition: Mapped[dict[str, Any]]


class RelationTypeRow(Base):
    __tablename__ = "relation_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    definition: Mapped[dict[str, Any]]


class Annotator(Base):
    __tablename__ = "annotators"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def _filter_key_default(context: DefaultExecutionContext) -> str:
    # Any insert that leaves the key out (the importer's bulk rows, an ORM object) gets it made from
    # the row's own title and external id. (SQLAlchemy leaves this method untyped.)
    row: dict[str, Any] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return document_filter_key(row.get("title") or "", row.get("ext_id") or "")


class Document(Base):
    """A document's text exactly as decoded, with line endings turned to LF (``newline`` records the
    original style), and where it came from."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    ext_id: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    source: Mapped[str] = mapped_column(String(2000), default="")
    language: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(3))
    text: Mapped[str] = mapped_column(Text)
    length: Mapped[int]
    # Not unique: documents with other ids may share a text (migration 0007); the import looks texts up.
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    bytes_sha256: Mapped[str | None] = mapped_column(String(64))
    encoding: Mapped[str | None] = mapped_column(String(40))
    newline: Mapped[str] = mapped_column(String(8), default="lf")
    had_bom: Mapped[bool] = mapped_column(Boolean, default=False)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # False until the folded copy is in the search index (filled lazily by curator.store.search).
    search_indexed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0", index=True)
    # The list filter's folded title and id (document_filter_key): made at insert, never by a scan of
    # all titles per keystroke. Titles and ids do not change after import.
    filter_key: Mapped[str] = mapped_column(Text, default=_filter_key_default, server_default="")


# The document list's sort orders (keyset pages over (key, id); migration 0008). A title sorts by the
# first TITLE_SORT_CHARS characters of its folded copy: short enough for any B-tree entry.
TITLE_SORT_CHARS = 200
Index("ix_documents_title_order", func.substr(Document.filter_key, 1, TITLE_SORT_CHARS), Document.id)
Index("ix_documents_language_order", Document.language, Document.id)


class Span(Base):
    __tablename__ = "spans"
    __table_args__ = (
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="offsets"),
        Index("ix_spans_document_annotator", "document_id", "annotator_id", "start"),
        Index("ix_spans_label", "label_id"),
        # Ids of deleted annotations are never given again: a comment, a curation decision or a
        # history row naming an old id must not come to name a new annotation (migration 0006).
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Relation(Base):
    __tablename__ = "relations"
    __table_args__ = (
        UniqueConstraint("type_id", "source_id", "target_id"),
        Index("ix_relations_document", "document_id", "annotator_id"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    type_id: Mapped[int] = mapped_column(ForeignKey("relation_types.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentLabel(Base):
    """A document-level label (a cooperation area of the whole document) by one annotator."""

    __tablename__ = "document_labels"
    __table_args__ = (UniqueConstraint("document_id", "annotator_id", "label_id"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentStatus(Base):
    __tablename__ = "document_status"
    __table_args__ = (CheckConstraint("status IN ('new', 'in_progress', 'done')", name="status"),)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class HistoryEntry(Base):
    """Append-only record of every change: who, what, when, before and after.

    ``document_id`` and ``object_id`` are plain integers, not foreign keys, so the history outlives
    what it describes; triggers refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_document", "document_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    annotator: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int | None]
    document_id: Mapped[int | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# ------------------------------------------------------------------------------------------------
# Review and curation (issue 5): comments, per-document review state, curation decisions.
# Written by curator.review; created by migration 0003.
# ------------------------------------------------------------------------------------------------

REVIEW_STATES = ("not_reviewed", "in_review", "curated")


class Comment(Base):
    """A comment on a document or on one annotation of it; ``parent_id`` makes a thread of replies.

    ``target_id`` records which annotation the comment was written on (a plain integer, like the
    history's ``object_id``, so the comment outlives it); ``span_id`` / ``relation_id`` link it to
    that annotation while it exists. Deleting the annotation sets the link to NULL (the comment is
    then on a deleted annotation); putting it back (undo) links it again (``reattach_comments``).
    Ids are never reused, so ``target_id`` cannot come to name another annotation.
    """

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint("target_kind IN ('document', 'span', 'relation')", name="target_kind"),
        CheckConstraint(
            "(span_id IS NULL OR (target_kind = 'span' AND span_id = target_id)) AND "
            "(relation_id IS NULL OR (target_kind = 'relation' AND relation_id = target_id))",
            name="link",
        ),
        Index("ix_comments_document", "document_id", "created_at"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    target_kind: Mapped[str] = mapped_column(String(20), default="document")
    target_id: Mapped[int | None]
    span_id: Mapped[int | None] = mapped_column(ForeignKey("spans.id", ondelete="SET NULL"), index=True)
    relation_id: Mapped[int | None] = mapped_column(ForeignKey("relations.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewState(Base):
    """Where the review of a document stands; a document without a row is ``not_reviewed``."""

    __tablename__ = "review_states"
    __table_args__ = (
        CheckConstraint("state IN ('not_reviewed', 'in_review', 'curated')", name="state"),
        Index("ix_review_states_state", "state"),
    )
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CurationDecision(Base):
    """One adjudication: who accepted, edited or rejected which annotator's annotation.

    ``source_id`` (the colleague's annotation) and ``gold_id`` (the gold-layer copy) are plain
    integers so the record outlives both; the same decision is also written to the history.
    """

    __tablename__ = "curation_decisions"
    __table_args__ = (Index("ix_curation_decisions_document", "document_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    reviewer: Mapped[str] = mapped_column(String(200))
    decision: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    source_annotator: Mapped[str | None] = mapped_column(String(200))
    source_id: Mapped[int | None]
    gold_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


# ------------------------------------------------------------------------------------------------
# The entity registry (issue 19): who or what an entity-layer span names, across documents and
# languages. Written by curator.store.entities; created by migration 0010.
# ------------------------------------------------------------------------------------------------


class Entity(Base):
    """One person, organisation, place... of the registry.

    ``key`` is the stable id users and files name it by ("khiari"); ``id`` is what links refer to,
    so nothing about an annotation changes when an entity is renamed. ``type`` is a label key of the
    entity layer; ``names`` maps a language (ar, fr, en) to a name, ``aliases`` are other written
    forms, ``external_ids`` the user's own references (``{"wikidata": "Q..."}``). ``updated_at`` is
    indexed: its maximum tells a process that its candidate index is out of date.
    """

    __tablename__ = "entities"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(100))
    names: Mapped[dict[str, Any]] = mapped_column(default=dict)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    external_ids: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class EntityLink(Base):
    """A span of the entity layer naming one entity: at most one link per span.

    A table of its own rather than a column of ``spans``: linking leaves the span's row, version and
    every reader of spans as they are, and adding it rebuilt no table of annotations. The link goes
    with its span (``ON DELETE CASCADE``); an entity that still has links cannot be deleted.
    """

    __tablename__ = "entity_links"
    span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    linked_by: Mapped[str] = mapped_column(String(200))
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)


# Suggestions (issue 18): predictions of a model, gazetteers, rejections. Written by curator.suggest;
# created by migration 0009. Nothing here is an annotation: exports, agreement, statistics and the
# gold layer read the tables above only, so a suggestion counts nowhere until a curator accepts it
# (which writes an ordinary span through curator.store.editing).
# ------------------------------------------------------------------------------------------------


class StoredSuggestion(Base):
    """A span a model predicted (``curator import --as-suggestions``), kept under the model's name."""

    __tablename__ = "suggestions"
    __table_args__ = (
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="offsets"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name="score"),
        Index("ix_suggestions_document", "document_id", "start"),
        Index("ix_suggestions_source", "source", "document_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class GazetteerEntry(Base):
    """One name of a gazetteer (``curator gazetteer import``) and the label it suggests. ``key`` is
    :func:`curator.text.names.name_key` of ``text``, the form the matcher looks for."""

    __tablename__ = "gazetteer_entries"
    __table_args__ = (
        UniqueConstraint("gazetteer", "key", "label_id"),
        CheckConstraint("score >= 0 AND score <= 1", name="score"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    gazetteer: Mapped[str] = mapped_column(String(200))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    text: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SuggestionRejection(Base):
    """A suggestion an annotator rejected: that label on that stretch of that document is never
    suggested to them again, whichever source offers it."""

    __tablename__ = "suggestion_rejections"
    __table_args__ = (UniqueConstraint("annotator_id", "document_id", "label_id", "start", "end"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# ------------------------------------------------------------------------------------------------
# Team workflow (issue 21): which annotators a document is given to. Written by
# curator.store.assignment; created by migration 0011 (with, on PostgreSQL, the server's roles).
# ------------------------------------------------------------------------------------------------


class Assignment(Base):
    """Document ``document_id`` is given to annotator ``annotator_id`` (by ``assigned_by``)."""

    __tablename__ = "assignments"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True, index=True)
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)


# ------------------------------------------------------------------------------------------------
# Guidelines and active time (issue 21): the project's annotation guidelines, one row per imported
# version, and the time each annotator spent working on each document. Written by
# curator.store.guidelines and curator.store.active_time; created by migration 0012.
# ------------------------------------------------------------------------------------------------


class GuidelineVersion(Base):
    """One version of the guidelines, whole: never changed once written (an import adds the next).

    ``project`` maps a language (ar, fr, en) to the project guidelines in Markdown; ``labels`` maps
    ``"layer/label"`` to ``{language: {"definition": str, "examples": [str, ...]}}``. ``sha256`` is
    over both (canonical JSON), so importing the same content again adds no version."""

    __tablename__ = "guideline_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(2000), default="")
    project: Mapped[dict[str, Any]] = mapped_column(default=dict)
    labels: Mapped[dict[str, Any]] = mapped_column(default=dict)
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActiveTime(Base):
    """Seconds annotator ``annotator_id`` worked on document ``document_id``: the window open on it,
    in front, with input in the last two minutes (:mod:`curator.store.active_time`)."""

    __tablename__ = "active_time"
    __table_args__ = (CheckConstraint("seconds >= 0", name="seconds"),)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True, index=True)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
