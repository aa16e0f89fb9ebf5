"""Schema changes as core operations (issue 21): add, rename, merge, split a label, change its colour
and shortcut, add an attribute.

Each operation commits **one transaction**: the new schema (a new ``annotation_schemas`` row, the
label rows), every annotation it moves (every annotator's and the gold layer's spans, document
labels, suggestions, gazetteer entries, rejections, registry entity types, attribute values naming a
label) and their history rows. It returns a :class:`SchemaChange` that says what changed, enough to
undo it exactly (:meth:`SchemaEditor.undo`), as the window's undo does. Annotations refer to a
label's row, so a rename (names, colour, shortcut) reaches every span without rewriting it; a merge
or a split rewrites the spans it moves, each with its version raised.

The schema file the database was given (``--schema FILE``) is written back after the commit, keeping
its layout (:mod:`curator.schema.file_text`), unless it changed on disk since it was loaded. The
bundled schema is never rewritten: the database keeps the change.

On PostgreSQL only a manager may change the schema: the schema tables are the manager's (migration
0011), and a manager may move colleagues' annotations only inside a transaction that says it is a
schema change (migration 0013).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from curator.errors import StaleEdit
from curator.paths import default_schema_path
from curator.schema import editing
from curator.schema.editing import SchemaEditRefused
from curator.schema.file_text import edited_text
from curator.schema.loader import parse_schema
from curator.schema.model import Schema
from curator.store import history
from curator.store.database import Database, PermissionRefused
from curator.store.label_moves import (
    LABELLED,
    LabelKey,
    LabelledSpan,
    RowMove,
    RowRemoved,
    SpanMove,
    label_ids,
    merge_moves,
    spans_matching,
    spans_of_label,
    split_moves,
    write_span_moves,
)
from curator.store.models import Base, Entity, SchemaRecord, Span

# Re-exported: the command line and the window's dialogs list and choose spans through this module.
__all__ = [
    "LabelledSpan",
    "RowMove",
    "RowRemoved",
    "SchemaChange",
    "SchemaEditor",
    "SpanMove",
    "spans_matching",
    "spans_of_label",
]


@dataclass(frozen=True)
class SchemaChange:
    """What one schema operation changed; :meth:`SchemaEditor.undo` applies its inverse."""

    action: str
    description: str
    before: Schema
    after: Schema
    before_text: str
    after_text: str
    spans: tuple[SpanMove, ...] = ()
    rows_moved: tuple[RowMove, ...] = ()
    rows_removed: tuple[RowRemoved, ...] = ()
    # (entity id, type before, type after)
    entities: tuple[tuple[int, str, str], ...] = ()
    # The schema file written back, and whether its layout could be kept; None when none was written.
    written: Path | None = None
    layout_kept: bool = True
    note: str = ""
    documents: frozenset[int] = field(default=frozenset())


class SchemaEditor:
    """Schema changes by ``who`` on ``db``; each public method commits one transaction."""

    def __init__(self, db: Database, who: str) -> None:
        self.db = db
        self.who = db.login.name if db.login is not None else who.strip() or "manager"

    # -- operations -------------------------------------------------------------------------------

    def add_label(
        self, layer: str, label: str, names: dict[str, str], color: str, shortcut: str | None = None
    ) -> SchemaChange:
        return self._change(
            "add-label",
            f"add label {layer}-{label}",
            lambda s: editing.add_label(s, layer, label, names, color, shortcut),
        )

    def rename_label(self, layer: str, label: str, names: dict[str, str]) -> SchemaChange:
        return self._change(
            "rename-label", f"rename label {layer}-{label}", lambda s: editing.rename_label(s, layer, label, names)
        )

    def set_label(
        self, layer: str, label: str, *, color: str | None = None, shortcut: Any = editing.UNCHANGED
    ) -> SchemaChange:
        return self._change(
            "set-label",
            f"change label {layer}-{label}",
            lambda s: editing.set_label(s, layer, label, color=color, shortcut=shortcut),
        )

    def add_attribute(
        self,
        layer: str,
        label: str,
        attribute: str,
        names: dict[str, str],
        kind: str,
        values: tuple[str, ...] = (),
        of_layer: str | None = None,
    ) -> SchemaChange:
        return self._change(
            "add-attribute",
            f"add attribute {attribute} to {layer}-{label}",
            lambda s: editing.add_attribute(s, layer, label, attribute, names, kind, values, of_layer),
        )

    def merge_labels(self, layer: str, source: str, target: str) -> SchemaChange:
        """Every annotation of ``source`` takes ``target``; ``source`` leaves the schema."""
        return self._change(
            "merge-labels",
            f"merge label {layer}-{source} into {target}",
            lambda s: editing.merge_labels(s, layer, source, target),
            moves=lambda session, before, after: merge_moves(session, after, layer, source, target),
        )

    def split_label(
        self,
        layer: str,
        label: str,
        new_label: str,
        span_ids: list[int],
        names: dict[str, str],
        color: str,
        shortcut: str | None = None,
    ) -> SchemaChange:
        """A new label ``new_label`` beside ``label`` (same attributes); the spans ``span_ids`` (of
        ``label``) take it."""
        if not span_ids:
            raise SchemaEditRefused(f"choose the spans of {label!r} that take {new_label!r}: none given")
        return self._change(
            "split-label",
            f"split label {layer}-{label} into {new_label}",
            lambda s: editing.split_label(s, layer, label, new_label, names, color, shortcut),
            moves=lambda session, before, after: split_moves(session, layer, label, new_label, span_ids),
        )

    # -- undo -------------------------------------------------------------------------------------

    def undo(self, change: SchemaChange) -> SchemaChange:
        """Put back what ``change`` changed, in one transaction. Refused (nothing written) when the
        schema or one of the annotations it moved changed since."""
        self._may_change()
        with self.db.write() as session:
            self._begin_change(session)
            stored = self._stored(session)
            if stored.sha256 != _sha(change.after_text):
                raise StaleEdit("the schema was changed since; this change can no longer be undone", None)
            _refuse_if_used_since(session, change)
            self.db._sync_schema_rows(session, change.before, stored.source)
            session.flush()
            ids = label_ids(session)
            spans = self._move_spans_back(session, change, ids)
            for move in change.rows_moved:
                table = Base.metadata.tables[move.table]
                session.execute(update(table).where(table.c.id == move.id).values(label_id=ids[move.before_label]))
            for removed in change.rows_removed:
                table = Base.metadata.tables[removed.table]
                session.execute(insert(table).values(**removed.row, label_id=ids[removed.label]))
            for entity_id, before_type, _after in change.entities:
                session.execute(update(Entity).where(Entity.id == entity_id).values(type=before_type))
            inverse = SchemaChange(
                f"undo {change.action}",
                f"undo {change.description}",
                change.after,
                change.before,
                change.after_text,
                change.before_text,
                spans=spans,
                documents=change.documents,
            )
            self._record(session, inverse, stored.source)
        return self._after_commit(inverse, Path(stored.source))

    # -- the transaction --------------------------------------------------------------------------

    def _may_change(self) -> None:
        login = self.db.login
        if login is not None and not login.may("manager"):
            raise PermissionRefused(f"only a manager may change the schema; {login.name} is a {login.role}")

    def _begin_change(self, session: Session) -> None:
        """On PostgreSQL: one schema change at a time (two managers' changes based on the same schema
        would lose the first), and the flag under which a manager moves colleagues' annotations
        (migration 0013); both end with the transaction. SQLite's writers already take turns."""
        if not self.db.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext('curator.schema_change'))"))
            session.execute(text("SELECT set_config('curator.schema_change', 'on', true)"))

    def _stored(self, session: Session) -> SchemaRecord:
        stored = session.scalars(select(SchemaRecord).order_by(SchemaRecord.id.desc()).limit(1)).first()
        if stored is None:
            raise SchemaEditRefused("this database has no schema yet")
        return stored

    def _change(
        self,
        action: str,
        description: str,
        edit: Callable[[Schema], Schema],
        moves: Callable[[Session, Schema, Schema], tuple[list[SpanMove], list[RowMove], list[RowRemoved], list[Any]]]
        | None = None,
    ) -> SchemaChange:
        self._may_change()
        with self.db.write() as session:
            self._begin_change(session)
            stored = self._stored(session)
            before = parse_schema(stored.content, stored.source)
            after = edit(before)
            after_text = edited_text(stored.content, before, after, stored.source)
            self.db._sync_schema_rows(session, after, stored.source)
            session.flush()
            span_moves: list[SpanMove] = []
            row_moves: list[RowMove] = []
            removed: list[RowRemoved] = []
            entities: list[Any] = []
            if moves is not None:
                span_moves, row_moves, removed, entities = moves(session, before, after)
            change = SchemaChange(
                action,
                description,
                before,
                after,
                stored.content,
                after_text.text,
                spans=tuple(span_moves),
                rows_moved=tuple(row_moves),
                rows_removed=tuple(removed),
                entities=tuple(entities),
                layout_kept=after_text.layout_kept,
                documents=frozenset(m.document_id for m in span_moves),
            )
            self._record(session, change, stored.source)
        return self._after_commit(change, Path(stored.source))

    def _record(self, session: Session, change: SchemaChange, source: str) -> None:
        session.add(
            SchemaRecord(
                name=change.after.name,
                version=change.after.version,
                source=source,
                content=change.after_text,
                sha256=_sha(change.after_text),
            )
        )
        history.record(
            session,
            self.who,
            "update",
            "schema",
            None,
            None,
            {"change": change.action, "what": change.description, "version": change.before.version},
            {"change": change.action, "what": change.description, "version": change.after.version},
        )
        history.record_many(
            session,
            self.who,
            [
                {
                    "action": "update",
                    "kind": "span",
                    "object_id": move.id,
                    "document_id": move.document_id,
                    "before": {
                        "layer": move.before_label[0],
                        "label": move.before_label[1],
                        "attributes": move.before_attributes,
                    },
                    "after": {
                        "layer": move.after_label[0],
                        "label": move.after_label[1],
                        "attributes": move.after_attributes,
                        "version": move.version,
                    },
                }
                for move in change.spans
            ],
        )

    def _after_commit(self, change: SchemaChange, source: Path) -> SchemaChange:
        self.db.schema = change.after
        self.db.ids = self.db._load_ids()
        written, note = _write_back(source, change.before_text, change.after_text)
        return replace(change, written=written, note=note)

    # -- what a merge and a split move ------------------------------------------------------------
    def _move_spans_back(
        self, session: Session, change: SchemaChange, ids: dict[LabelKey, int]
    ) -> tuple[SpanMove, ...]:
        back = [
            SpanMove(
                m.id,
                m.document_id,
                m.after_label,
                m.before_label,
                m.after_attributes,
                m.before_attributes,
                m.version + 1,
            )
            for m in change.spans
        ]
        write_span_moves(session, back, ids)
        return tuple(back)


def _refuse_if_used_since(session: Session, change: SchemaChange) -> None:
    """Undoing the addition of a label (an add or a split) would leave annotations made with it since
    under a label the schema no longer has: refused, naming how many."""
    ids = label_ids(session)
    moved = {m.id for m in change.spans}
    for layer in change.after.layers:
        before = change.before.layer(layer.id)
        for label in layer.labels:
            if before is not None and before.label(label.id) is not None:
                continue
            label_id = ids.get((layer.id, label.id))
            if label_id is None:
                continue
            used = sum(
                1 for row in session.execute(select(Span.id).where(Span.label_id == label_id)) if row[0] not in moved
            )
            for table_name in LABELLED:
                table = Base.metadata.tables[table_name]
                used += len(session.execute(select(table.c.id).where(table.c.label_id == label_id)).all())
            if used:
                raise StaleEdit(
                    f"label {layer.id}-{label.id} has {used} annotation(s) made since; this change can no longer "
                    "be undone (merge the label into another instead)",
                    None,
                )


def _sha(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def _write_back(source: Path, before_text: str, after_text: str) -> tuple[Path | None, str]:
    """Write ``after_text`` to the schema file ``source`` (atomically) when it is a project's own
    file that still holds ``before_text``; otherwise say why not."""
    try:
        if source.resolve() == default_schema_path().resolve():
            return None, "the bundled schema file is not changed: the database keeps the schema"
        current = source.read_text(encoding="utf-8")
    except OSError:
        return None, f"{source}: not found; the database keeps the schema"
    if current != before_text:
        return None, f"{source}: changed on disk since it was loaded, so not written; the database keeps the schema"
    partial = source.with_name(source.name + ".part")
    try:
        partial.write_text(after_text, encoding="utf-8")
        partial.replace(source)
    except OSError as exc:
        return None, f"{source}: cannot be written ({exc}); the database keeps the schema"
    return source, ""
