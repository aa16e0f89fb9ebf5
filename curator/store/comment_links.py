"""Comments linked again to an annotation put back with its own id (undo of a deletion).

A comment keeps ``target_id``, the annotation it was written on; deleting that annotation sets its
foreign key (``span_id`` / ``relation_id``) to NULL. Since ids are never reused, an annotation that
comes back under its old id is the same annotation, and its comments are linked to it again here, in
the transaction that puts it back.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update
from sqlalchemy.orm import Session

from curator.store.models import Comment


def reattach_comments(session: Session, span_ids: Iterable[int] = (), relation_ids: Iterable[int] = ()) -> None:
    """Link the comments written on ``span_ids`` and ``relation_ids`` (just restored) to them again."""
    for kind, column, ids in (
        ("span", Comment.span_id, sorted(set(span_ids))),
        ("relation", Comment.relation_id, sorted(set(relation_ids))),
    ):
        if ids:
            session.execute(
                update(Comment)
                .where(Comment.target_kind == kind, Comment.target_id.in_(ids), column.is_(None))
                .values({column: Comment.target_id})
                .execution_options(synchronize_session=False)
            )
