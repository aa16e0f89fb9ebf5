"""What the review tools need of a database, for one reviewer: the only door they go through.

A :class:`ReviewService` is made once from the app's :class:`~curator.store.database.Database` by
whoever opens the review tools; the review window's controller and widgets hold it, never the
database. Reads are short read transactions; every write is one core operation: a decision (through
:attr:`curation`), a review state, a comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from curator.errors import EditRefused
from curator.review import comments, states
from curator.review.curation import CurationService
from curator.review.differences import Difference, document_differences
from curator.schema.model import Schema
from curator.store import queries
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR

if TYPE_CHECKING:
    from curator.review.agreement import AgreementReport


def check_reviewer(db: Database, reviewer: str) -> None:
    """On a PostgreSQL login limited to a role the reviewer is that login: another name is refused
    (:class:`EditRefused`) before any window opens, rather than the server refusing each decision."""
    login = db.login
    if login is not None and login.name != reviewer.strip():
        raise EditRefused(
            f"you are logged in to the server as “{login.name}”: you review under that name, not “{reviewer}”"
        )


class ReviewService:
    """The review of ``db`` by ``reviewer``."""

    def __init__(self, db: Database, reviewer: str) -> None:
        check_reviewer(db, reviewer)
        self._db = db
        self.curation = CurationService(db, reviewer)
        self.reviewer = self.curation.reviewer
        self.comments = comments.CommentService(db, self.reviewer)

    @property
    def schema(self) -> Schema:
        return self._db.schema

    # -- reads ------------------------------------------------------------------------------------

    def annotators(self) -> list[str]:
        """Everyone who can be compared: every annotator with some work (a span, relation or document
        label) but the gold layer, by name."""
        return [name for name in queries.annotators_with_work(self._db) if name != GOLD_ANNOTATOR]

    def documents(self, states_wanted: Sequence[str] | None = None) -> list[tuple[int, str, str, str]]:
        """``(id, ext_id, title, state)`` of the documents in ``states_wanted`` (all when None)."""
        return states.review_documents(self._db, states_wanted)

    def document(self, document_id: int) -> queries.DocumentRecord | None:
        return queries.document(self._db, document_id)

    def spans(self, document_id: int, annotators: list[str]) -> list[queries.SpanRecord]:
        return queries.spans(self._db, document_id, annotators)

    def links(self, document_id: int) -> dict[int, queries.LinkedEntity]:
        """The registry entity of each linked span of the document, by span id."""
        return queries.span_links(self._db, document_id)

    def differences(self, document_id: int, annotators: Sequence[str]) -> list[Difference]:
        return document_differences(self._db, document_id, annotators)

    def agreement(self, annotators: Sequence[str]) -> AgreementReport:
        """The agreement figures of ``annotators`` (the review extra's libraries load here)."""
        from curator.review.agreement import compute_agreement

        return compute_agreement(self._db, list(annotators))

    def differences_left(self, annotators: Sequence[str], document_ids: Sequence[int] | None = None) -> dict[int, int]:
        """Per document, the differences between ``annotators`` not resolved yet."""
        from curator.review.disagreement_list import differences_left

        return differences_left(self._db, annotators, document_ids)

    def export_disagreements(self, annotators: Sequence[str], path: Path) -> int:
        """Write the corpus's disagreements between ``annotators`` to ``path`` (.csv or .json);
        return how many were written."""
        from curator.review.disagreement_list import disagreement_rows, write_disagreements

        rows = disagreement_rows(self._db, annotators)
        write_disagreements(rows, path)
        return len(rows)

    def write_report(self, annotators: Sequence[str], out: Path, language: str) -> Path:
        """Write the HTML agreement report of ``annotators`` into the folder ``out``, label names in
        ``language`` (as ``curator report --language``); return the page written."""
        from curator.review.report import write_report

        return write_report(self.agreement(annotators), self.schema, out, language)

    def state(self, document_id: int) -> str:
        return states.review_state(self._db, document_id)

    def threads(self, document_id: int) -> list[comments.Thread]:
        return self.comments.threads(document_id)

    # -- writes, one transaction each -------------------------------------------------------------

    def set_state(self, document_id: int, state: str, expected: str | None = None) -> str:
        """Set the review state; return the previous one (see :func:`~curator.review.states.set_review_state`)."""
        return states.set_review_state(self._db, document_id, state, self.reviewer, expected)

    def comment(
        self, document_id: int, body: str, target_kind: str, target_id: int | None, reply_to: int | None
    ) -> comments.CommentRecord:
        return self.comments.comment(document_id, body, target_kind, target_id, reply_to)

    def withdraw_comment(self, comment_id: int) -> comments.CommentRecord:
        return self.comments.withdraw_comment(comment_id)

    def restore_comment(self, record: comments.CommentRecord) -> comments.CommentRecord:
        return self.comments.restore_comment(record)
