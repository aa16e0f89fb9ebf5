"""User edits, one short transaction each, each leaving a row in the history.

An :class:`Editor` acts for one annotator and only on that annotator's annotations; it writes
nothing under a reserved name (the gold layer, ``curation``). Edits of an
existing annotation name the version they were made against; if a colleague changed it since, the
edit is refused with :class:`StaleEdit` carrying the current version, never applied over it.

(Just over 500 lines: every kind of edit, each with its checks, refusal and history row, around one
transaction helper and one stale-version check that all of them share.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from curator.errors import EditRefused, StaleEdit
from curator.schema.checks import check_label, check_relation, check_span
from curator.store import history
from curator.store.assignment import locked_reason
from curator.store.comment_links import reattach_comments
from curator.store.database import Database
from curator.store.models import (
    STATUSES,
    Annotator,
    Base,
    Document,
    DocumentLabel,
    DocumentStatus,
    Entity,
    EntityLink,
    Relation,
    Span,
    reserved_annotator,
    utcnow,
)
from curator.store.queries import RelationRecord, SpanRecord, relation_select
from curator.text.boundaries import BLANK_LINE

SPANS = Base.metadata.tables["spans"]
LINKS = Base.metadata.tables["entity_links"]


@dataclass(frozen=True)
class DeletedSpan:
    """What a span deletion removed, enough to put it back exactly (for undo)."""

    span: SpanRecord
    relations: tuple[RelationRecord, ...]
    # The registry entity the span was linked to (its integer id; the link goes with the span).
    entity_id: int | None = None


class Editor:
    """Edits by ``annotator`` on ``db``; each public method commits one transaction."""

    def __init__(self, db: Database, annotator: str) -> None:
        self.db = db
        self.annotator = annotator.strip()
        if not self.annotator:
            raise ValueError("an editor needs an annotator name")
        self._blank_lines: dict[int, tuple[str, bool]] = {}
        self._my_id: int | None = None

    # -- spans ------------------------------------------------------------------------------------

    def add_span(
        self,
        document_id: int,
        layer: str,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any] | None = None,
        note: str = "",
    ) -> SpanRecord:
        attributes = dict(attributes or {})
        with self._write() as session:
            self._check(self._span_problems(session, document_id, layer, label, start, end, attributes))
            # A Core insert, not the unit of work: the commonest edit, and the ORM's bookkeeping was a
            # third of its time (the version starts at 1 as the mapper's version counter expects).
            now = utcnow()
            span_id = session.execute(
                insert(SPANS)
                .values(
                    document_id=document_id,
                    annotator_id=self._me(session),
                    label_id=self.db.ids.labels[(layer, label)],
                    start=start,
                    end=end,
                    attributes=attributes,
                    note=note,
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
                .returning(SPANS.c.id)
            ).scalar_one()
            record = SpanRecord(span_id, document_id, self.annotator, layer, label, start, end, attributes, note, 1)
            self._log(session, "create", "span", span_id, document_id, None, _plain(record))
            return record

    def update_span(
        self,
        span_id: int,
        expected_version: int,
        *,
        layer: str | None = None,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> SpanRecord:
        """Change a span; fields left as None keep their value. Under the same label, only attribute
        values that change are checked against the schema (see :func:`~curator.schema.checks.check_attributes`)."""
        with self._write() as session:
            span, before = self._own_span(session, span_id, expected_version)
            new_layer = layer or before.layer
            new_label = label or before.label
            new_start = before.start if start is None else start
            new_end = before.end if end is None else end
            new_attributes = before.attributes if attributes is None else dict(attributes)
            checked = new_attributes
            if (new_layer, new_label) == (before.layer, before.label):
                # A value kept as stored was accepted when written: a schema changed since (a choice
                # retired) must not block editing the span's other fields. Changed values are checked.
                checked = {
                    k: v for k, v in new_attributes.items() if k not in before.attributes or before.attributes[k] != v
                }
            self._check(
                self._span_problems(session, span.document_id, new_layer, new_label, new_start, new_end, checked)
            )
            span.label_id = self.db.ids.labels[(new_layer, new_label)]
            span.start, span.end, span.attributes = new_start, new_end, new_attributes
            if note is not None:
                span.note = note
            span.updated_at = utcnow()
            try:
                session.flush()
            except StaleDataError as exc:
                raise StaleEdit("a colleague changed this annotation meanwhile", None) from exc
            record = self._record(span, new_layer, new_label)
            self._log(session, "update", "span", span.id, span.document_id, _plain(before), _plain(record))
            return record

    def delete_span(self, span_id: int, expected_version: int | None = None) -> DeletedSpan:
        with self._write() as session:
            span, before = self._own_span(session, span_id, expected_version)
            rels = tuple(
                r for r in _relations_of(session, [span_id]) if r.source_id == span_id or r.target_id == span_id
            )
            entity_id = _entity_of(session, span_id)
            session.delete(span)
            session.flush()
            self._log(session, "delete", "span", span_id, before.document_id, _plain(before), None)
            return DeletedSpan(before, rels, entity_id)

    def restore_span(self, deleted: DeletedSpan) -> SpanRecord:
        """Put back a span removed by :meth:`delete_span`, with its id and relations (undo)."""
        with self._write() as session:
            return self._restore(session, deleted)

    def _restore(self, session: Session, deleted: DeletedSpan) -> SpanRecord:
        s = deleted.span
        if s.annotator != self.annotator:
            raise EditRefused("only the annotator who made an annotation can restore it")
        self._exists(session, s.document_id)
        span = Span(
            id=s.id,
            document_id=s.document_id,
            annotator_id=self._me(session),
            label_id=self.db.ids.labels[(s.layer, s.label)],
            start=s.start,
            end=s.end,
            attributes=s.attributes,
            note=s.note,
        )
        session.add(span)
        session.flush()
        restored_relations: list[int] = []
        for r in deleted.relations:
            if session.get(Span, r.source_id) and session.get(Span, r.target_id):
                restored_relations.append(r.id)
                session.add(
                    Relation(
                        id=r.id,
                        document_id=r.document_id,
                        annotator_id=self._me(session),
                        type_id=self.db.ids.relation_types[r.type],
                        source_id=r.source_id,
                        target_id=r.target_id,
                    )
                )
        session.flush()
        reattach_comments(session, [s.id], restored_relations)
        record = self._record(span, s.layer, s.label)
        self._log(session, "restore", "span", span.id, s.document_id, None, _plain(record))
        if deleted.entity_id is not None:
            self._relink(session, s.id, s.document_id, deleted.entity_id)
        return record

    def _relink(self, session: Session, span_id: int, document_id: int, entity_id: int) -> None:
        """The registry link of a span put back, if its entity is still there (deleted meanwhile: the
        span comes back unlinked)."""
        key = session.scalar(select(Entity.key).where(Entity.id == entity_id))
        if key is None:
            return
        session.execute(
            insert(LINKS).values(span_id=span_id, entity_id=entity_id, linked_by=self.annotator, linked_at=utcnow())
        )
        self._log(session, "create", "entity_link", span_id, document_id, None, {"entity": key})

    # -- bulk edits (one transaction, all or nothing, every row version-checked) -----------------

    def add_spans(self, document_id: int, specs: list[tuple[str, str, int, int]]) -> list[SpanRecord]:
        """Add several spans ``(layer, label, start, end)`` at once (e.g. "annotate all occurrences")."""
        with self._write() as session:
            text = self._text(session, document_id)
            problems = [
                f"{start}-{end}: {problem}"
                for layer, label, start, end in specs
                for problem in check_span(self.db.schema, text, layer, label, start, end, {})
            ]
            self._check(problems)
            me = self._me(session)
            spans = [
                Span(
                    document_id=document_id,
                    annotator_id=me,
                    label_id=self.db.ids.labels[(layer, label)],
                    start=start,
                    end=end,
                    attributes={},
                    note="",
                )
                for layer, label, start, end in specs
            ]
            session.add_all(spans)
            session.flush()
            records = [self._record(span, *spec[:2]) for span, spec in zip(spans, specs, strict=True)]
            for record in records:
                self._log(session, "create", "span", record.id, document_id, None, _plain(record))
            return records

    def delete_spans(self, items: list[tuple[int, int]]) -> list[DeletedSpan]:
        """Delete spans given as ``(id, version)``; if any changed meanwhile, delete none (StaleEdit)."""
        with self._write() as session:
            deleted: list[DeletedSpan] = []
            for span_id, version in items:
                _span, before = self._own_span(session, span_id, version)
                rels = tuple(r for r in _relations_of(session, [span_id]))
                entity_id = _entity_of(session, span_id)
                # The version predicate makes the delete itself the check, even against a concurrent writer.
                result = session.execute(delete(Span).where(Span.id == span_id, Span.version == version))
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    raise StaleEdit("a colleague changed one of these annotations meanwhile", _plain(before))
                self._log(session, "delete", "span", span_id, before.document_id, _plain(before), None)
                deleted.append(DeletedSpan(before, rels, entity_id))
            return deleted

    def restore_spans(self, deleted: list[DeletedSpan]) -> list[SpanRecord]:
        """Put back spans removed by :meth:`delete_spans`, all or none (redo of a bulk addition)."""
        with self._write() as session:
            return [self._restore(session, item) for item in deleted]

    def relabel_spans(self, items: list[tuple[int, int]], layer: str, label: str) -> list[SpanRecord]:
        """Give spans ``(id, version)`` a new label at once; if any changed meanwhile, change none."""
        label_pk = self.db.ids.labels.get((layer, label))
        if label_pk is None:
            raise EditRefused(f"unknown label {label!r} in layer {layer!r}")
        with self._write() as session:
            records: list[SpanRecord] = []
            for span_id, version in items:
                span, before = self._own_span(session, span_id, version)
                self._check(
                    self._span_problems(
                        session, span.document_id, layer, label, span.start, span.end, before.attributes
                    )
                )
                result = session.execute(
                    update(Span)
                    .where(Span.id == span_id, Span.version == version)
                    .values(label_id=label_pk, version=version + 1, updated_at=utcnow())
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    raise StaleEdit("a colleague changed one of these annotations meanwhile", _plain(before))
                after = SpanRecord(**{**_plain(before), "layer": layer, "label": label, "version": version + 1})
                self._log(session, "update", "span", span_id, span.document_id, _plain(before), _plain(after))
                records.append(after)
            return records

    # -- relations --------------------------------------------------------------------------------

    def add_relation(self, type_id: str, source_id: int, target_id: int) -> RelationRecord:
        with self._write() as session:
            source, source_rec = self._own_span(session, source_id, None)
            target = session.get(Span, target_id)
            if target is None or target.document_id != source.document_id:
                raise EditRefused("both ends of a relation must be annotations of the same document")
            target_key = self.db.ids.label_key(target.label_id)
            self._check(check_relation(self.db.schema, type_id, (source_rec.layer, source_rec.label), target_key))
            rel_type = self.db.schema.relation(type_id)
            type_pk = self.db.ids.relation_types[type_id]
            if rel_type and rel_type.max_per_source:
                count = len(
                    session.scalars(
                        select(Relation.id).where(Relation.source_id == source_id, Relation.type_id == type_pk)
                    ).all()
                )
                if count >= rel_type.max_per_source:
                    raise EditRefused(f"this annotation already has its {type_id}; remove that link first")
            relation = Relation(
                document_id=source.document_id,
                annotator_id=self._me(session),
                type_id=type_pk,
                source_id=source_id,
                target_id=target_id,
            )
            session.add(relation)
            session.flush()
            record = RelationRecord(relation.id, relation.document_id, self.annotator, type_id, source_id, target_id)
            self._log(session, "create", "relation", relation.id, relation.document_id, None, asdict(record))
            return record

    def delete_relation(self, relation_id: int) -> RelationRecord:
        with self._write() as session:
            found = _relations_by_id(session, relation_id)
            if not found:
                raise EditRefused("that link no longer exists")
            record = found[0]
            if record.annotator != self.annotator:
                raise EditRefused("only the annotator who made a link can remove it")
            session.execute(delete(Relation).where(Relation.id == relation_id))
            self._log(session, "delete", "relation", relation_id, record.document_id, asdict(record), None)
            return record

    # -- document labels and status ---------------------------------------------------------------

    def set_document_label(self, document_id: int, layer: str, label: str, present: bool) -> bool:
        """Add or remove a document-level label; return whether anything changed."""
        with self._write() as session:
            self._exists(session, document_id)
            found = check_label(self.db.schema, layer, label, "document")
            if isinstance(found, str):
                raise EditRefused(found)
            me = self._me(session)
            label_pk = self.db.ids.labels[(layer, label)]
            row = session.scalars(
                select(DocumentLabel).where(
                    DocumentLabel.document_id == document_id,
                    DocumentLabel.annotator_id == me,
                    DocumentLabel.label_id == label_pk,
                )
            ).first()
            if present == (row is not None):
                return False
            value = {"layer": layer, "label": label}
            if present:
                session.add(DocumentLabel(document_id=document_id, annotator_id=me, label_id=label_pk))
                self._log(session, "create", "doc_label", None, document_id, None, value)
            else:
                session.delete(row)
                self._log(session, "delete", "doc_label", None, document_id, value, None)
            return True

    def set_status(self, document_id: int, status: str) -> str:
        """Set this annotator's status of a document; return the previous one."""
        if status not in STATUSES:
            raise EditRefused(f"status must be one of {', '.join(STATUSES)}")
        with self._write() as session:
            self._exists(session, document_id)
            me = self._me(session)
            row = session.get(DocumentStatus, (document_id, me))
            previous = row.status if row else "new"
            if row is None:
                session.add(DocumentStatus(document_id=document_id, annotator_id=me, status=status))
            else:
                row.status, row.updated_at = status, utcnow()
            if previous != status:
                self._log(session, "update", "status", None, document_id, {"status": previous}, {"status": status})
            return previous

    # -- helpers ----------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """The write transaction of one edit; refused under a reserved name (the gold layer's is
        written only by review decisions, :mod:`curator.review.curation`)."""
        if reserved_annotator(self.annotator):
            raise EditRefused(
                f"“{self.annotator}” names the gold layer, which only review decisions write; "
                "annotate under your own name"
            )
        login = self.db.login
        if login is not None and login.name != self.annotator:
            raise EditRefused(
                f"you are logged in to the server as “{login.name}”: "
                f"you annotate under that name, not “{self.annotator}”"
            )
        with self.db.write() as session:
            yield session

    def _editable(self, session: Session, document_id: int) -> None:
        """Refuse edits of a document given to others, or locked for curation (curator.store.assignment)."""
        reason = locked_reason(session, document_id, self.annotator)
        if reason:
            raise EditRefused(reason)

    def _me(self, session: Session) -> int:
        # Kept once read: annotators are never deleted. Not kept when created here, since this
        # transaction may still roll back.
        if self._my_id is None:
            found = session.scalar(select(Annotator.id).where(Annotator.name == self.annotator))
            if found is None:
                return self.db.annotator_id(session, self.annotator)
            self._my_id = found
        return self._my_id

    @staticmethod
    def _check(problems: list[str]) -> None:
        if problems:
            raise EditRefused("; ".join(problems))

    def _span_problems(
        self,
        session: Session,
        document_id: int,
        layer: str,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, Any],
    ) -> list[str]:
        """:func:`check_span` on the few characters around the span, not the whole text: an edit in a
        1 MB document must not read 1 MB (SQL ``substr`` counts characters, like Python offsets)."""
        row = session.execute(
            select(
                Document.length,
                Document.content_sha256,
                func.substr(Document.text, max(start, 1), max(end - start + 2, 0)),
            ).where(Document.id == document_id)
        ).first()
        if row is None:
            raise EditRefused(f"document {document_id} does not exist (deleted by a colleague?)")
        self._editable(session, document_id)
        length, sha256, window = row
        blank_lines = self._has_blank_lines(session, document_id, sha256)
        return check_span(
            self.db.schema,
            window or "",
            layer,
            label,
            start,
            end,
            attributes,
            window_start=max(start - 1, 0),
            text_length=length,
            paragraph_separator=BLANK_LINE if blank_lines else "\n",
        )

    def _has_blank_lines(self, session: Session, document_id: int, sha256: str) -> bool:
        """Whether the text has blank lines, which decides what a paragraph break is. Searching a 1 MB
        text takes milliseconds, so the answer is kept per document and content hash (a stored text
        never changes; a document deleted and imported again under the same id has another hash)."""
        known = self._blank_lines.get(document_id)
        if known is not None and known[0] == sha256:
            return known[1]
        # instr/strpos count from 1 and give 0 when absent
        find = func.strpos if session.get_bind().dialect.name == "postgresql" else func.instr
        found = bool(session.scalar(select(find(Document.text, BLANK_LINE) > 0).where(Document.id == document_id)))
        self._blank_lines[document_id] = (sha256, found)
        return found

    def _exists(self, session: Session, document_id: int) -> None:
        if session.scalar(select(Document.id).where(Document.id == document_id)) is None:
            raise EditRefused(f"document {document_id} does not exist (deleted by a colleague?)")
        self._editable(session, document_id)

    def _text(self, session: Session, document_id: int) -> str:
        text = session.scalar(select(Document.text).where(Document.id == document_id))
        if text is None:
            raise EditRefused(f"document {document_id} does not exist (deleted by a colleague?)")
        self._editable(session, document_id)
        return text

    def _own_span(self, session: Session, span_id: int, expected_version: int | None) -> tuple[Span, SpanRecord]:
        span = session.get(Span, span_id)
        if span is None:
            raise StaleEdit("this annotation was deleted meanwhile", None)
        layer, label = self.db.ids.label_key(span.label_id)
        record = self._record(span, layer, label, annotator=self._name_of(session, span.annotator_id))
        if record.annotator != self.annotator:
            raise EditRefused(f"this annotation belongs to {record.annotator}; each annotator edits their own")
        self._editable(session, span.document_id)
        if expected_version is not None and span.version != expected_version:
            raise StaleEdit("a colleague changed this annotation meanwhile", _plain(record))
        return span, record

    @staticmethod
    def _name_of(session: Session, annotator_id: int) -> str:
        return session.scalar(select(Annotator.name).where(Annotator.id == annotator_id)) or ""

    def _record(self, span: Span, layer: str, label: str, annotator: str | None = None) -> SpanRecord:
        return SpanRecord(
            span.id,
            span.document_id,
            annotator or self.annotator,
            layer,
            label,
            span.start,
            span.end,
            dict(span.attributes),
            span.note or "",
            span.version,
        )

    def _log(
        self,
        session: Session,
        action: str,
        kind: str,
        object_id: int | None,
        document_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        history.record(session, self.annotator, action, kind, object_id, document_id, before, after)


def _plain(record: SpanRecord) -> dict[str, Any]:
    return asdict(record)


def _relations_of(session: Session, span_ids: list[int]) -> list[RelationRecord]:
    return [
        RelationRecord(*row)
        for row in session.execute(
            relation_select().where((Relation.source_id.in_(span_ids)) | (Relation.target_id.in_(span_ids)))
        )
    ]


def _entity_of(session: Session, span_id: int) -> int | None:
    return session.scalar(select(EntityLink.entity_id).where(EntityLink.span_id == span_id))


def _relations_by_id(session: Session, relation_id: int) -> list[RelationRecord]:
    return [RelationRecord(*row) for row in session.execute(relation_select().where(Relation.id == relation_id))]
