"""The team workflow (issue 21): documents given to annotators, and where each one stands.

A document given to annotators (an :class:`~curator.store.models.Assignment` row each) is edited by
them only. It is *ready* for curation when all of them are done; once its review state leaves
``not_reviewed`` (curation started) their versions are locked until a curator sets it back. A
document given to nobody keeps the behaviour of before: anyone annotates it, nothing locks.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from curator.errors import CuratorError
from curator.store import history
from curator.store.active_time import active_seconds
from curator.store.database import Database
from curator.store.models import Annotator, Assignment, Document, DocumentStatus, ReviewState, Span

NOT_REVIEWED = "not_reviewed"


def locked_reason(session: Session, document_id: int, annotator: str) -> str | None:
    """Why ``annotator`` may not edit ``document_id`` now (the English of :class:`ReadOnly`), or None
    when they may."""
    assigned = tuple(
        session.scalars(
            select(Annotator.name)
            .join(Assignment, Assignment.annotator_id == Annotator.id)
            .where(Assignment.document_id == document_id)
            .order_by(Annotator.name)
        )
    )
    if not assigned:
        return None
    if annotator not in assigned:
        return str(ReadOnly(document_id, annotator, assigned))
    state = session.scalar(select(ReviewState.state).where(ReviewState.document_id == document_id))
    if state and state != NOT_REVIEWED:
        return str(ReadOnly(document_id, annotator, assigned, state))
    return None


@dataclass
class AssignReport:
    """What :func:`assign` did: pairs ``(document id, annotator)`` added and removed."""

    added: list[tuple[int, str]] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)
    kept: int = 0


def assign(
    db: Database,
    annotators: Sequence[str],
    per_document: int,
    *,
    document_ids: Sequence[int] | None = None,
    seed: int = 0,
    replace: bool = False,
    who: str = "manager",
    dry_run: bool = False,
) -> AssignReport:
    """Give each document (all, or ``document_ids``) to ``per_document`` of ``annotators``, spreading
    the work evenly (loads differ by at most one over the documents assigned here) and the same way
    for the same ``seed``. Assignments already made are kept unless ``replace``; one transaction.
    ``dry_run``: the same work, rolled back, so the report previews what an assignment would do."""
    try:
        return _assign(db, annotators, per_document, document_ids, seed, replace, who, dry_run)
    except _Preview as preview:
        return preview.report


class _Preview(Exception):  # not an error: carries a dry run's report out of its transaction
    def __init__(self, report: AssignReport) -> None:
        self.report = report


def _assign(
    db: Database,
    annotators: Sequence[str],
    per_document: int,
    document_ids: Sequence[int] | None,
    seed: int,
    replace: bool,
    who: str,
    dry_run: bool,
) -> AssignReport:
    names = list(dict.fromkeys(a.strip() for a in annotators if a.strip()))
    if per_document < 1:
        raise CuratorError("--per-document must be at least 1")
    if per_document > len(names):
        raise CuratorError(f"cannot give each document to {per_document} of {len(names)} annotators")
    report = AssignReport()
    with db.write() as session:
        ids = {name: db.annotator_id(session, name) for name in names}
        by_id = {v: k for k, v in ids.items()}
        wanted = list(document_ids) if document_ids is not None else list(session.scalars(select(Document.id)))
        known = set(session.scalars(select(Document.id).where(Document.id.in_(wanted)))) if wanted else set()
        missing = sorted(set(wanted) - known)
        if missing:
            raise CuratorError(f"no document with id {missing[0]}")
        wanted = sorted(known)
        current: dict[int, set[int]] = {d: set() for d in wanted}
        for doc, annotator in session.execute(
            select(Assignment.document_id, Assignment.annotator_id).where(Assignment.document_id.in_(wanted))
        ):
            current[doc].add(annotator)
        if replace:
            for doc, held in current.items():
                for annotator in sorted(held):
                    report.removed.append((doc, _name(session, annotator)))
            if wanted:
                session.execute(delete(Assignment).where(Assignment.document_id.in_(wanted)))
            current = {d: set() for d in wanted}
        load = Counter({ids[n]: 0 for n in names})
        for held in current.values():
            load.update(a for a in held if a in by_id)
        rng = random.Random(seed)
        order = wanted[:]
        rng.shuffle(order)
        tie = {a: rng.random() for a in by_id}
        for doc in order:
            held = current[doc]
            report.kept += len(held)
            while len(held & set(by_id)) < per_document:
                pick = min((a for a in by_id if a not in held), key=lambda a: (load[a], tie[a]))
                held.add(pick)
                load[pick] += 1
                session.add(Assignment(document_id=doc, annotator_id=pick, assigned_by=who))
                report.added.append((doc, by_id[pick]))
        rows = [
            {
                "action": "delete",
                "kind": "assignment",
                "object_id": None,
                "document_id": doc,
                "before": {"annotator": n},
                "after": None,
            }
            for doc, n in report.removed
        ] + [
            {
                "action": "create",
                "kind": "assignment",
                "object_id": None,
                "document_id": doc,
                "before": None,
                "after": {"annotator": n},
            }
            for doc, n in report.added
        ]
        session.flush()
        history.record_many(session, who, rows)
        report.added.sort()
        if dry_run:
            raise _Preview(report)  # rolls the transaction back
    return report


@dataclass(frozen=True)
class ReadOnly:
    """Why ``annotator`` may not edit a document now: it is given to others (``given_to``), or their
    curation has started (``review_state``, its ``given_to`` then including ``annotator``). ``str()``
    is the English of the refusals (:func:`locked_reason`); a window words it in its own language."""

    document_id: int
    annotator: str
    given_to: tuple[str, ...]
    review_state: str | None = None

    def __str__(self) -> str:
        if self.review_state is None:
            names = ", ".join(self.given_to)
            return f"document {self.document_id} is given to {names}; it is read-only for {self.annotator}"
        return (
            f"document {self.document_id} is locked: its curation has started "
            f"({self.review_state.replace('_', ' ')}); "
            "a curator reopens it by setting its review state back to not reviewed"
        )


def read_only_reasons(db: Database, annotator: str, document_ids: Sequence[int]) -> dict[int, ReadOnly]:
    """For each of ``document_ids`` that ``annotator`` may not edit now, why (in English, the words of
    :func:`locked_reason`); one query for a page of the document list."""
    if not document_ids:
        return {}
    with db.read() as session:
        assigned: dict[int, list[str]] = {}
        for doc, name in session.execute(
            select(Assignment.document_id, Annotator.name)
            .join(Annotator, Annotator.id == Assignment.annotator_id)
            .where(Assignment.document_id.in_(document_ids))
            .order_by(Annotator.name)
        ):
            assigned.setdefault(doc, []).append(name)
        states: dict[int, str] = {
            row[0]: row[1]
            for row in session.execute(
                select(ReviewState.document_id, ReviewState.state).where(ReviewState.document_id.in_(list(assigned)))
            )
        }
    reasons: dict[int, ReadOnly] = {}
    for doc, names in assigned.items():
        if annotator not in names:
            reasons[doc] = ReadOnly(doc, annotator, tuple(names))
        elif states.get(doc, NOT_REVIEWED) != NOT_REVIEWED:
            reasons[doc] = ReadOnly(doc, annotator, tuple(names), states[doc])
    return reasons


class AssignmentService:
    """What the window's assignment dialog is given: the annotators, a preview and the assignment
    itself, all through :func:`assign` (the core ``curator assign`` calls)."""

    def __init__(self, db: Database, who: str) -> None:
        self.db = db
        self.who = db.login.name if db.login is not None else who

    def annotator_names(self) -> list[str]:
        """Everyone who annotated here, by name; never the gold layer."""
        from curator.store.models import GOLD_ANNOTATOR

        return [name for name in self.db.annotator_names() if name != GOLD_ANNOTATOR]

    def granted_logins(self) -> list[str]:
        """On PostgreSQL, the logins granted the annotator role who have not annotated here yet (roles
        are the server's, so they may belong to another project too); empty on SQLite."""
        from curator.store.roles import logins_with

        known = set(self.db.annotator_names())
        return [name for name in logins_with(self.db.engine, "annotator") if name not in known]

    def document_count(self) -> int:
        with self.db.read() as session:
            return session.scalar(select(func.count(Document.id))) or 0

    def preview(
        self,
        annotators: Sequence[str],
        per_document: int,
        seed: int,
        replace: bool,
        document_ids: Sequence[int] | None = None,
    ) -> AssignReport:
        """What :meth:`assign` would do, written nowhere."""
        return assign(
            self.db,
            annotators,
            per_document,
            document_ids=document_ids,
            seed=seed,
            replace=replace,
            who=self.who,
            dry_run=True,
        )

    def assign(
        self,
        annotators: Sequence[str],
        per_document: int,
        seed: int,
        replace: bool,
        document_ids: Sequence[int] | None = None,
    ) -> AssignReport:
        return assign(
            self.db, annotators, per_document, document_ids=document_ids, seed=seed, replace=replace, who=self.who
        )

    def loads(self, annotators: Sequence[str], report: AssignReport) -> dict[str, int]:
        """How many documents each of ``annotators`` would hold after ``report`` (kept and added)."""
        load = Counter({name.strip(): 0 for name in annotators if name.strip()})
        removed = Counter(name for _doc, name in report.removed)
        with self.db.read() as session:
            for name, count in session.execute(
                select(Annotator.name, func.count())
                .join(Assignment, Assignment.annotator_id == Annotator.id)
                .where(Annotator.name.in_(list(load)))
                .group_by(Annotator.name)
            ):
                load[name] += count
        for _doc, name in report.added:
            load[name] += 1
        for name, count in removed.items():
            if name in load:
                load[name] -= count
        return dict(load)


def _name(session: Session, annotator_id: int) -> str:
    return session.scalar(select(Annotator.name).where(Annotator.id == annotator_id)) or ""


@dataclass(frozen=True)
class AnnotatorProgress:
    """One annotator's state of one document and how many annotations they made in it."""

    annotator: str
    state: str
    annotations: int
    active_seconds: float = 0.0  # time worked on the document (curator.store.active_time)


@dataclass(frozen=True)
class DocumentProgress:
    """Where one document stands: its annotators' progress, and ready / in curation / curated."""

    document_id: int
    ext_id: str
    assigned: tuple[str, ...]
    annotators: tuple[AnnotatorProgress, ...]
    review_state: str

    @property
    def ready(self) -> bool:
        """Every assigned annotator is done (a document given to nobody is never ready)."""
        done = {a.annotator for a in self.annotators if a.state == "done"}
        return bool(self.assigned) and set(self.assigned) <= done

    @property
    def stage(self) -> str:
        if self.review_state == "curated":
            return "curated"
        if self.review_state == "in_review":
            return "in curation"
        return "ready" if self.ready else "annotating"


def team_status(db: Database) -> list[DocumentProgress]:
    """Every document in id order with its assigned annotators and everyone's state and counts."""
    with db.read() as session:
        names: dict[int, str] = {i: n for i, n in session.execute(select(Annotator.id, Annotator.name))}
        assigned: dict[int, list[str]] = {}
        for doc, annotator in session.execute(select(Assignment.document_id, Assignment.annotator_id)):
            assigned.setdefault(doc, []).append(names[annotator])
        states = {
            (d, a): s
            for d, a, s in session.execute(
                select(DocumentStatus.document_id, DocumentStatus.annotator_id, DocumentStatus.status)
            )
        }
        counts = {
            (d, a): n
            for d, a, n in session.execute(
                select(Span.document_id, Span.annotator_id, func.count()).group_by(Span.document_id, Span.annotator_id)
            )
        }
        review: dict[int, str] = {
            d: st for d, st in session.execute(select(ReviewState.document_id, ReviewState.state))
        }
        ids = {v: k for k, v in names.items()}
        seen: dict[int, set[str]] = {}
        for d, a in {*states, *counts}:
            seen.setdefault(d, set()).add(names[a])
        active = active_seconds(db, session)
        for d, name in active:
            seen.setdefault(d, set()).add(name)
        result = []
        for doc, ext_id in session.execute(select(Document.id, Document.ext_id).order_by(Document.id)):
            who = seen.get(doc, set()) | set(assigned.get(doc, []))
            progress = tuple(
                AnnotatorProgress(
                    n, states.get((doc, ids[n]), "new"), counts.get((doc, ids[n]), 0), active.get((doc, n), 0.0)
                )
                for n in sorted(who)
                if n != "curation"
            )
            result.append(
                DocumentProgress(
                    doc, ext_id, tuple(sorted(assigned.get(doc, []))), progress, review.get(doc, NOT_REVIEWED)
                )
            )
        return result
