"""Threaded comments on a document or on one of its annotations, shown to everyone who opens it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from curator.errors import EditRefused, StaleEdit
from curator.store import history
from curator.store.database import Database
from curator.store.models import Comment, Document, Relation, Span

TARGET_KINDS = ("document", "span", "relation")


@dataclass(frozen=True)
class CommentRecord:
    """One comment; ``target_gone`` when the annotation it was written on has been deleted (the
    comment stays, on that deleted annotation, until an undo puts the annotation back)."""

    id: int
    document_id: int
    target_kind: str
    target_id: int | None
    parent_id: int | None
    author: str
    body: str
    created_at: datetime
    target_gone: bool = False


@dataclass
class Thread:
    """A comment that starts a thread and its replies, oldest first."""

    root: CommentRecord
    replies: list[CommentRecord] = field(default_factory=list)


def add_comment(
    db: Database,
    document_id: int,
    author: str,
    body: str,
    *,
    target_kind: str = "document",
    target_id: int | None = None,
    reply_to: int | None = None,
) -> CommentRecord:
    """Add a comment by ``author``; ``reply_to`` makes it a reply (it then shares its thread's target)."""
    author, body = author.strip(), body.strip()
    if not author:
        raise EditRefused("a comment needs its author's name")
    if not body:
        raise EditRefused("an empty comment says nothing")
    if target_kind not in TARGET_KINDS:
        raise EditRefused(f"a comment is on one of {', '.join(TARGET_KINDS)}, not {target_kind!r}")
    if target_kind != "document" and target_id is None:
        raise EditRefused(f"a comment on a {target_kind} needs its id")
    with db.write() as session:
        if session.get(Document, document_id) is None:
            raise EditRefused(f"document {document_id} does not exist")
        if reply_to is not None:
            parent = session.get(Comment, reply_to)
            if parent is None or parent.document_id != document_id:
                raise EditRefused("the comment replied to is not on this document")
            # A reply joins the thread of the comment it answers, which keeps threads one level deep.
            while parent.parent_id is not None:
                found = session.get(Comment, parent.parent_id)
                assert found is not None
                parent = found
            reply_to, target_kind, target_id = parent.id, parent.target_kind, parent.target_id
            linked = parent.span_id if target_kind == "span" else parent.relation_id
        else:
            linked = target_id
            if target_kind != "document":
                on = select(Span.document_id).where(Span.id == target_id)
                if target_kind == "relation":
                    on = select(Relation.document_id).where(Relation.id == target_id)
                if session.scalar(on) != document_id:
                    raise EditRefused(f"that annotation ({target_kind} {target_id}) is not in this document any more")
        comment = Comment(
            document_id=document_id,
            target_kind=target_kind,
            target_id=None if target_kind == "document" else target_id,
            span_id=linked if target_kind == "span" else None,
            relation_id=linked if target_kind == "relation" else None,
            parent_id=reply_to,
            author=author,
            body=body,
        )
        session.add(comment)
        session.flush()
        record = _record(comment)
        after = {"target_kind": target_kind, "target_id": target_id, "parent_id": reply_to, "body": body}
        history.record(session, author, "create", "comment", comment.id, document_id, None, after)
        return record


def threads(
    db: Database, document_id: int, *, target_kind: str | None = None, target_id: int | None = None
) -> list[Thread]:
    """The document's comment threads, oldest first; only those on one target when it is given (and
    still there: the threads of a deleted annotation are the document's, marked ``target_gone``)."""
    with db.read() as session:
        # Records are made inside the session: the read session rolls back, which expires ORM objects.
        rows = [
            _record(c)
            for c in session.scalars(
                select(Comment).where(Comment.document_id == document_id).order_by(Comment.created_at, Comment.id)
            )
        ]
    out: dict[int, Thread] = {}
    for c in rows:
        if c.parent_id is None:
            out[c.id] = Thread(c)
    for c in rows:
        if c.parent_id is not None and c.parent_id in out:
            out[c.parent_id].replies.append(c)
    found = list(out.values())
    if target_kind is not None:
        found = [
            t
            for t in found
            if t.root.target_kind == target_kind and t.root.target_id == target_id and not t.root.target_gone
        ]
    return found


def _record(c: Comment) -> CommentRecord:
    gone = (c.span_id if c.target_kind == "span" else c.relation_id) is None and c.target_kind != "document"
    return CommentRecord(
        c.id, c.document_id, c.target_kind, c.target_id, c.parent_id, c.author, c.body, c.created_at, gone
    )


def withdraw_comment(db: Database, comment_id: int, author: str) -> CommentRecord:
    """Take back ``author``'s own comment (the undo of adding it); refused once it has replies, since
    they would lose what they answer. Return the comment as it was, for :func:`restore_comment`."""
    with db.write() as session:
        comment = session.get(Comment, comment_id)
        if comment is None:
            raise StaleEdit("this comment was removed meanwhile", None)
        if comment.author != author.strip():
            raise EditRefused("only its author can take a comment back")
        if session.scalar(select(Comment.id).where(Comment.parent_id == comment_id).limit(1)) is not None:
            raise StaleEdit("someone replied to this comment meanwhile; it stays", None)
        record = _record(comment)
        session.delete(comment)
        before = {"target_kind": record.target_kind, "target_id": record.target_id, "body": record.body}
        history.record(session, record.author, "delete", "comment", record.id, record.document_id, before, None)
        return record


def restore_comment(db: Database, record: CommentRecord) -> CommentRecord:
    """Put a withdrawn comment back under its own id and time (the redo of adding it)."""
    with db.write() as session:
        if session.get(Document, record.document_id) is None:
            raise EditRefused(f"document {record.document_id} does not exist")
        if session.get(Comment, record.id) is not None:
            raise StaleEdit("this comment is there already", None)
        if record.parent_id is not None and session.get(Comment, record.parent_id) is None:
            raise StaleEdit("the comment replied to was removed meanwhile", None)
        linked = None  # linked again only to the annotation it was written on, if it is still there
        if record.target_kind == "span" and (target := session.get(Span, record.target_id)) is not None:
            linked = target.id if target.document_id == record.document_id else None
        elif record.target_kind == "relation" and (rel := session.get(Relation, record.target_id)) is not None:
            linked = rel.id if rel.document_id == record.document_id else None
        comment = Comment(
            id=record.id,
            document_id=record.document_id,
            target_kind=record.target_kind,
            target_id=record.target_id,
            span_id=linked if record.target_kind == "span" else None,
            relation_id=linked if record.target_kind == "relation" else None,
            parent_id=record.parent_id,
            author=record.author,
            body=record.body,
            created_at=record.created_at,
        )
        session.add(comment)
        session.flush()
        after = {"target_kind": record.target_kind, "target_id": record.target_id, "body": record.body}
        history.record(session, record.author, "restore", "comment", record.id, record.document_id, None, after)
        return _record(comment)


class CommentService:
    """The comments of one database written as ``author``: what the windows' comment panels and
    their undo commands are given instead of the database. Each write is one of the functions
    above (one transaction); ``author`` may change (the curator works under another name)."""

    def __init__(self, db: Database, author: str) -> None:
        self._db = db
        self.author = author

    def threads(self, document_id: int) -> list[Thread]:
        return threads(self._db, document_id)

    def comment(
        self, document_id: int, body: str, target_kind: str, target_id: int | None, reply_to: int | None
    ) -> CommentRecord:
        return add_comment(
            self._db, document_id, self.author, body, target_kind=target_kind, target_id=target_id, reply_to=reply_to
        )

    def withdraw_comment(self, comment_id: int) -> CommentRecord:
        return withdraw_comment(self._db, comment_id, self.author)

    def restore_comment(self, record: CommentRecord) -> CommentRecord:
        return restore_comment(self._db, record)
