"""The entity registry's edits: entities, and links from entity-layer spans to them (issue 19).

Each public method of :class:`Registry` commits one short transaction, writes its history row
(``kind`` ``entity`` or ``entity_link``, so windows following the database see it live) and returns
what changed: an :class:`EntityChange` (``before`` / ``after``, either ``None`` for a creation or a
deletion) or a :class:`LinkChange`, whose inverse (:meth:`Registry.undo_link`) the window's undo
applies. Refusals raise :class:`EditRefused` with a message a user can act on.

Links point at an entity's integer id, not at its key, so renaming an entity (its names or its key)
changes no annotation. A span is linked by the annotator who made it, as every edit of an annotation.

(Just over 500 lines: every registry edit with its checks, history row and inverse, around one
transaction helper they share.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from curator.errors import EditRefused
from curator.schema import Schema
from curator.store import history
from curator.store.database import Database
from curator.store.models import (
    Annotator,
    Base,
    Document,
    Entity,
    EntityLink,
    LabelRow,
    LayerRow,
    Span,
    reserved_annotator,
    utcnow,
)

if TYPE_CHECKING:
    from curator.text.candidates import Candidate, CandidateIndex

# The layer whose spans name entities, and whose labels are the entity types.
ENTITY_LAYER = "entity"
ENTITIES = Base.metadata.tables["entities"]
LINKS = Base.metadata.tables["entity_links"]
# A key is one word of letters, digits and - _ . : (what a file, a URL or a shell passes unquoted).
_KEY = re.compile(r"^[\w.:-]{1,200}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
FIELDS = ("id", "type", "names", "aliases", "description", "external_ids")


@dataclass(frozen=True)
class EntityRecord:
    """An entity as the registry file writes it: ``key`` is its stable id (``"id"`` in files)."""

    key: str
    type: str
    names: dict[str, str]
    aliases: tuple[str, ...] = ()
    description: str = ""
    external_ids: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The registry file's object, keys in :data:`FIELDS` order."""
        return {
            "id": self.key,
            "type": self.type,
            "names": dict(self.names),
            "aliases": list(self.aliases),
            "description": self.description,
            "external_ids": dict(self.external_ids),
        }

    def forms(self) -> tuple[str, ...]:
        """Its written forms: names (ar, fr, en first), then aliases."""
        first = {"ar": 0, "fr": 1, "en": 2}
        ordered = sorted(self.names.items(), key=lambda item: (first.get(item[0], 3), item[0]))
        return tuple(name for _, name in ordered) + self.aliases


@dataclass(frozen=True)
class EntityChange:
    """What an entity edit changed; ``before`` is None for a creation, ``after`` for a deletion."""

    before: EntityRecord | None
    after: EntityRecord | None


@dataclass(frozen=True)
class LinkChange:
    """A span's link before and after an edit (entity keys, None for no link)."""

    span_id: int
    document_id: int
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def entity_types(schema: Schema) -> list[str]:
    """The entity types: the labels of the entity layer (none if the schema has no such layer)."""
    layer = schema.layer(ENTITY_LAYER)
    return [label.id for label in layer.labels] if layer else []


def linked_entities(db: Database) -> dict[int, tuple[str, str]]:
    """The entity (key, type) of every linked span, by span id: what an export counts (the links a
    format carries or cannot, the entities the dataset card lists)."""
    with db.read() as session:
        rows = session.execute(
            select(EntityLink.span_id, Entity.key, Entity.type).join(Entity, Entity.id == EntityLink.entity_id)
        )
        return {span_id: (key, kind) for span_id, key, kind in rows}


def records_of(db: Database, keys: Iterable[str]) -> list[EntityRecord]:
    """The registry rows of the entities ``keys`` name, by key (what an export writes beside its links)."""
    wanted = sorted(set(keys))
    out: list[EntityRecord] = []
    with db.read() as session:
        for start in range(0, len(wanted), 500):
            query = select(ENTITIES).where(ENTITIES.c.key.in_(wanted[start : start + 500]))
            out.extend(_record(row) for row in session.execute(query))
    return sorted(out, key=lambda r: r.key)


def known_entity_keys(db: Database, keys: Sequence[str]) -> set[str]:
    """Those of ``keys`` that name an entity of the registry."""
    found: set[str] = set()
    with db.read() as session:
        for start in range(0, len(keys), 500):
            found.update(session.scalars(select(Entity.key).where(Entity.key.in_(keys[start : start + 500]))))
    return found


def entity_problems(record: EntityRecord, types: Sequence[str]) -> list[str]:
    """What is wrong with ``record`` (empty when it can be stored), each a sentence a user can act on."""
    problems: list[str] = []
    if not _KEY.match(record.key):
        problems.append(f"id {record.key!r} must be one word of letters, digits and - _ . : (at most 200)")
    if record.type not in types:
        problems.append(f"unknown type {record.type!r}; the entity layer's labels are {', '.join(types) or 'none'}")
    if not record.names:
        problems.append("an entity needs a name in at least one language")
    for language, name in record.names.items():
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            problems.append(f"names: {language!r} is not a language code (ar, fr, en...)")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"names: the {language} name is empty")
    for alias in record.aliases:
        if not isinstance(alias, str) or not alias.strip():
            problems.append("aliases: an alias is empty")
    if not isinstance(record.description, str):
        problems.append("description must be text")
    for source, value in record.external_ids.items():
        if not isinstance(source, str) or not source.strip() or not isinstance(value, str) or not value.strip():
            problems.append("external_ids: each must be a non-empty name and a non-empty text")
    return problems


def _record(row: Any) -> EntityRecord:
    return EntityRecord(
        row.key,
        row.type,
        dict(row.names or {}),
        tuple(row.aliases or ()),
        row.description or "",
        dict(row.external_ids or {}),
    )


def _values(record: EntityRecord) -> dict[str, Any]:
    return {
        "key": record.key,
        "type": record.type,
        "names": dict(record.names),
        "aliases": list(record.aliases),
        "description": record.description,
        "external_ids": dict(record.external_ids),
    }


def _stripped(value: Any) -> Any:
    # Values of the wrong kind are left as they are, for entity_problems to name.
    return value.strip() if isinstance(value, str) else value


def _clean(record: EntityRecord) -> EntityRecord:
    """White space around ids, names, aliases and external ids taken off; an alias repeated, or equal
    to one of the names, left out."""
    names = {lang: _stripped(name) for lang, name in record.names.items()}
    aliases: list[str] = []
    for alias in map(_stripped, record.aliases):
        if alias not in aliases and alias not in names.values():
            aliases.append(alias)
    return EntityRecord(
        _stripped(record.key),
        record.type,
        names,
        tuple(aliases),
        _stripped(record.description),
        {_stripped(k): _stripped(v) for k, v in record.external_ids.items()},
    )


def write_records(session: Session, records: Sequence[EntityRecord], who: str) -> tuple[int, int]:
    """Create the entities of ``records`` that are new and update the known ones (by key) in the
    caller's transaction, each with its history row; ``(created, updated)``. The records are checked
    by the caller (:func:`entity_problems`); an import batch writes them with its documents."""
    known = {key: id_ for key, id_ in session.execute(select(Entity.key, Entity.id))}
    created = updated = 0
    now = utcnow()
    for record in map(_clean, records):
        if record.key in known:
            row = session.execute(select(ENTITIES).where(ENTITIES.c.id == known[record.key])).one()
            before = _record(row)
            if before != record:
                session.execute(
                    update(ENTITIES).where(ENTITIES.c.id == row.id).values(**_values(record), updated_at=now)
                )
                history.record(session, who, "update", "entity", row.id, None, before.to_json(), record.to_json())
                updated += 1
            continue
        entity_id = session.execute(
            insert(ENTITIES).values(**_values(record), created_at=now, updated_at=now).returning(ENTITIES.c.id)
        ).scalar_one()
        known[record.key] = entity_id
        history.record(session, who, "create", "entity", entity_id, None, None, record.to_json())
        created += 1
    return created, updated


class Registry:
    """The registry of ``db``, edited by ``who`` (a user's name, recorded in the history)."""

    def __init__(self, db: Database, who: str) -> None:
        self.db = db
        self.who = who.strip()
        if not self.who:
            raise ValueError("registry edits need a user's name")
        self._index: CandidateIndex | None = None
        self._index_stamp: tuple[Any, ...] | None = None

    @property
    def types(self) -> list[str]:
        return entity_types(self.db.schema)

    # -- reading ----------------------------------------------------------------------------------

    def get(self, key: str) -> EntityRecord | None:
        with self.db.read() as session:
            row = session.execute(select(ENTITIES).where(ENTITIES.c.key == key)).first()
            return _record(row) if row else None

    def all(self) -> list[EntityRecord]:
        """Every entity, by key."""
        with self.db.read() as session:
            return [_record(row) for row in session.execute(select(ENTITIES).order_by(ENTITIES.c.key))]

    def links_of(self, document_id: int) -> dict[int, str]:
        """The entity key each linked span of a document names, by span id."""
        with self.db.read() as session:
            return {
                span_id: key
                for span_id, key in session.execute(
                    select(EntityLink.span_id, Entity.key)
                    .join(Entity, Entity.id == EntityLink.entity_id)
                    .join(Span, Span.id == EntityLink.span_id)
                    .where(Span.document_id == document_id)
                )
            }

    def linked_names(self, document_id: int, language: str) -> dict[int, tuple[str, str]]:
        """The entity (key, name) of each linked span of a document, the name in ``language`` where the
        entity has one (else its first name): what an export writes beside a link."""
        with self.db.read() as session:
            rows = session.execute(
                select(EntityLink.span_id, Entity.key, Entity.names)
                .join(Entity, Entity.id == EntityLink.entity_id)
                .join(Span, Span.id == EntityLink.span_id)
                .where(Span.document_id == document_id)
            ).all()
        out: dict[int, tuple[str, str]] = {}
        for span_id, key, names in rows:
            names = dict(names or {})
            out[span_id] = (key, names.get(language) or next(iter(names.values()), key))
        return out

    # -- entities ---------------------------------------------------------------------------------

    def create(self, record: EntityRecord) -> EntityChange:
        record = _clean(record)
        with self._write() as session:
            self._check(record)
            if session.scalar(select(Entity.id).where(Entity.key == record.key)) is not None:
                raise EditRefused(f"an entity with id {record.key!r} already exists")
            now = utcnow()
            entity_id = session.execute(
                insert(ENTITIES).values(**_values(record), created_at=now, updated_at=now).returning(ENTITIES.c.id)
            ).scalar_one()
            history.record(session, self.who, "create", "entity", entity_id, None, None, record.to_json())
        return EntityChange(None, record)

    def update(
        self,
        key: str,
        *,
        new_key: str | None = None,
        type: str | None = None,
        names: dict[str, str] | None = None,
        aliases: Sequence[str] | None = None,
        description: str | None = None,
        external_ids: dict[str, str] | None = None,
    ) -> EntityChange:
        """Change an entity; fields left as None keep their value. A new key (``new_key``) or new names
        change no link: links refer to the entity, not to how it is called."""
        with self._write() as session:
            entity_id, before = self._existing(session, key)
            after = _clean(
                EntityRecord(
                    before.key if new_key is None else new_key,
                    before.type if type is None else type,
                    before.names if names is None else dict(names),
                    before.aliases if aliases is None else tuple(aliases),
                    before.description if description is None else description,
                    before.external_ids if external_ids is None else dict(external_ids),
                )
            )
            self._check(after)
            if after.key != before.key and session.scalar(select(Entity.id).where(Entity.key == after.key)):
                raise EditRefused(f"an entity with id {after.key!r} already exists")
            if after != before:
                session.execute(
                    update(ENTITIES).where(ENTITIES.c.id == entity_id).values(**_values(after), updated_at=utcnow())
                )
                history.record(
                    session, self.who, "update", "entity", entity_id, None, before.to_json(), after.to_json()
                )
        return EntityChange(before, after)

    def rename(self, key: str, language: str, name: str) -> EntityChange:
        """Give an entity a new name in ``language`` (the old one is kept as an alias); no annotation
        changes."""
        current = self.get(key)
        if current is None:
            raise EditRefused(f"no entity with id {key!r}")
        names = {**current.names, language: name}
        old = current.names.get(language)
        aliases = list(current.aliases)
        if old and old.strip() != name.strip() and old not in aliases:
            aliases.append(old)
        return self.update(key, names=names, aliases=[a for a in aliases if a.strip() != name.strip()])

    def delete(self, key: str) -> EntityChange:
        """Remove an entity that no span links to (refused while any does: unlink them first)."""
        with self._write() as session:
            entity_id, before = self._existing(session, key)
            linked = session.scalar(select(func.count()).select_from(LINKS).where(LINKS.c.entity_id == entity_id))
            if linked:
                raise EditRefused(f"{linked} annotation(s) link to {key!r}; unlink them before deleting it")
            session.execute(delete(ENTITIES).where(ENTITIES.c.id == entity_id))
            history.record(session, self.who, "delete", "entity", entity_id, None, before.to_json(), None)
        return EntityChange(before, None)

    def undo(self, change: EntityChange) -> EntityChange:
        """Apply the inverse of ``change`` (what the window's undo calls)."""
        if change.before is None and change.after is not None:
            return self.delete(change.after.key)
        if change.after is None and change.before is not None:
            return self.create(change.before)
        if change.before is None or change.after is None:
            raise ValueError("an entity change has a before or an after")
        b = change.before
        return self.update(
            change.after.key,
            new_key=b.key,
            type=b.type,
            names=b.names,
            aliases=b.aliases,
            description=b.description,
            external_ids=b.external_ids,
        )

    def import_records(self, records: Sequence[EntityRecord]) -> tuple[int, int]:
        """Create the new entities and update the known ones, in one transaction; ``(created, updated)``.
        Callers check the records first (:func:`curator.io.entity_file.read_entities`)."""
        with self._write() as session:
            for record in records:
                self._check(_clean(record))
            return write_records(session, records, self.who)

    # -- links ------------------------------------------------------------------------------------

    def link(self, span_id: int, key: str | None) -> LinkChange:
        """Link a span to the entity ``key`` (None: unlink). The span must be of the entity layer and
        made by this user; linking it to the entity it already names changes nothing."""
        with self._write() as session:
            span = session.execute(
                select(Span.document_id, Span.label_id, Annotator.name)
                .join(Annotator, Annotator.id == Span.annotator_id)
                .where(Span.id == span_id)
            ).first()
            if span is None:
                raise EditRefused("this annotation was deleted meanwhile")
            document_id, label_id, owner = span
            layer = session.scalar(
                select(LayerRow.key).join(LabelRow, LabelRow.layer_id == LayerRow.id).where(LabelRow.id == label_id)
            )
            if layer != ENTITY_LAYER:
                raise EditRefused(f"only annotations of the {ENTITY_LAYER} layer link to entities, not of {layer}")
            if owner != self.who:
                raise EditRefused(f"this annotation belongs to {owner}; each annotator links their own")
            before = session.scalar(
                select(Entity.key)
                .join(EntityLink, EntityLink.entity_id == Entity.id)
                .where(EntityLink.span_id == span_id)
            )
            change = LinkChange(span_id, document_id, before, key)
            if not change.changed:
                return change
            if before is not None:
                session.execute(delete(LINKS).where(LINKS.c.span_id == span_id))
            if key is not None:
                entity_id = session.scalar(select(Entity.id).where(Entity.key == key))
                if entity_id is None:
                    raise EditRefused(f"no entity with id {key!r}")
                session.execute(
                    insert(LINKS).values(span_id=span_id, entity_id=entity_id, linked_by=self.who, linked_at=utcnow())
                )
            action = "create" if before is None else "delete" if key is None else "update"
            history.record(
                session,
                self.who,
                action,
                "entity_link",
                span_id,
                document_id,
                None if before is None else {"entity": before},
                None if key is None else {"entity": key},
            )
            return change

    def undo_link(self, change: LinkChange) -> LinkChange:
        """Put the span's link back as it was before ``change``."""
        return self.link(change.span_id, change.before)

    def link_at(self, document: str, start: int, end: int, key: str | None) -> LinkChange:
        """Link this user's entity-layer span at ``start``-``end`` of document ``document`` (its external
        id): the command line's way to name a span."""
        with self.db.read() as session:
            found = list(
                session.scalars(
                    select(Span.id)
                    .join(Document, Document.id == Span.document_id)
                    .join(Annotator, Annotator.id == Span.annotator_id)
                    .join(LabelRow, LabelRow.id == Span.label_id)
                    .join(LayerRow, LayerRow.id == LabelRow.layer_id)
                    .where(
                        Document.ext_id == document,
                        Span.start == start,
                        Span.end == end,
                        Annotator.name == self.who,
                        LayerRow.key == ENTITY_LAYER,
                    )
                )
            )
        if not found:
            raise EditRefused(f"{self.who} has no {ENTITY_LAYER} annotation at {start}-{end} of {document!r}")
        return self.link(found[0], key)

    # -- candidates -------------------------------------------------------------------------------

    def candidates(self, text: str, *, limit: int = 10, types: Sequence[str] | None = None) -> list[Candidate]:
        """Entities ranked for the mention ``text``, best first (:mod:`curator.text.candidates`).

        The index is rebuilt when an entity was added or changed since it was built (by anyone); an
        entity deleted since is left out of the answer, and the index is rebuilt at the next call."""
        with self.db.read() as session:
            index = self._current_index(session)
            found = index.candidates(text, limit=limit, types=types)
            if not found:
                return found
            present = set(session.scalars(select(Entity.key).where(Entity.key.in_([c.key for c in found]))))
        if len(present) < len(found):
            self._index = None  # a colleague deleted one: built again next time
        return [c for c in found if c.key in present]

    def index(self) -> CandidateIndex:
        """The candidate index (see :meth:`candidates`)."""
        with self.db.read() as session:
            return self._current_index(session)

    def _current_index(self, session: Session) -> CandidateIndex:
        """The index, built again when the highest entity id or the newest ``updated_at`` moved: two
        look-ups on indexes, where a count of the table would read all of it (a twentieth of a second
        at 100,000 entities). A deletion moves neither; :meth:`candidates` checks what it returns."""
        from curator.text.candidates import CandidateIndex, EntityForms

        # Two scalar subqueries: SQLite answers a lone max() from the index, not two in one SELECT.
        stamp = tuple(
            session.execute(
                select(
                    select(func.max(Entity.id)).scalar_subquery(),
                    select(func.max(Entity.updated_at)).scalar_subquery(),
                )
            ).one()
        )
        if self._index is None or stamp != self._index_stamp:
            rows = session.execute(select(Entity.key, Entity.type, Entity.names, Entity.aliases)).all()
            self._index = CandidateIndex(
                EntityForms(key, type_, EntityRecord(key, type_, dict(names or {}), tuple(aliases or ())).forms())
                for key, type_, names, aliases in rows
            )
            self._index_stamp = stamp
        return self._index

    # -- helpers ----------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if reserved_annotator(self.who):
            raise EditRefused(f"“{self.who}” names the gold layer; edit the registry under your own name")
        with self.db.write() as session:
            yield session

    def _check(self, record: EntityRecord) -> None:
        problems = entity_problems(record, self.types)
        if problems:
            raise EditRefused("; ".join(problems))

    @staticmethod
    def _existing(session: Session, key: str) -> tuple[int, EntityRecord]:
        row = session.execute(select(ENTITIES).where(ENTITIES.c.key == key)).first()
        if row is None:
            raise EditRefused(f"no entity with id {key!r}")
        return row.id, _record(row)
