"""The corpus store: one object per open database, handing out short sessions.

Every unit of work gets its own session and transaction; nothing holds a session open between
user actions. Writers use :meth:`Database.write` (``BEGIN IMMEDIATE`` on SQLite); readers use
:meth:`Database.read`. ``expire_on_commit=False`` because callers receive plain records, never
live ORM objects that would lazy-load after the session is gone.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from curator.errors import EditRefused, SchemaError
from curator.paths import default_database_url, default_schema_path, user_cache_dir
from curator.schema import Schema, load_schema, parse_schema, read_schema_text
from curator.store import migrations, search_index  # noqa: F401 (search_index: its ORM listeners, text changes)
from curator.store.engine import BULK_WRITE, WRITE, create_store_engine, is_sqlite
from curator.store.models import Annotator, Base, LabelRow, LayerRow, RelationTypeRow, SchemaRecord
from curator.store.roles import Login, limited_login


def _parse_cached(content: str, sha256: str, source: str) -> Schema:
    """The stored schema, validated once per content: later starts read the validated JSON from the user's
    cache instead of parsing YAML again (a tenth of the window's start)."""
    cache = user_cache_dir() / "schema-cache" / f"{sha256}.json"
    try:
        return Schema.model_validate_json(cache.read_bytes())
    except (OSError, ValueError):
        schema = parse_schema(content, source)
        with contextlib.suppress(OSError):
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(".part")
            partial.write_text(schema.model_dump_json(), encoding="utf-8")
            partial.replace(cache)
        return schema


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's code for a refused grant and a row-level policy


def _first_line(exc: DBAPIError) -> str:
    lines = str(exc.orig).strip().splitlines()
    return lines[0] if lines else type(exc.orig).__name__


class PermissionRefused(EditRefused):
    """The server refused a write this login's role does not allow (PostgreSQL roles, issue 21)."""


class ReadOnlyDatabase(EditRefused):
    """An edit was attempted on a database opened read-only (for example one made by a newer Curator)."""


@dataclass(frozen=True)
class LabelIds:
    """Database ids of the schema's labels and relation types, for fast validation and bulk writes."""

    labels: dict[tuple[str, str], int]
    relation_types: dict[str, int]

    def label_key(self, label_id: int) -> tuple[str, str]:
        for key, value in self.labels.items():
            if value == label_id:
                return key
        raise KeyError(label_id)


class Database:
    """An open corpus database at ``url``, migrated to the current revision, with its schema in force.

    ``schema_path`` names a project's own schema file; without it the schema stored in the database
    is used, or the bundled one for a new database.
    """

    def __init__(self, url: str | None = None, *, schema_path: Path | None = None, read_only: bool = False) -> None:
        self.url = url or default_database_url()
        self.read_only = read_only
        self.engine: Engine = create_store_engine(self.url, read_only=read_only)
        if not read_only:
            migrations.upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.engine.execution_options(**WRITE), expire_on_commit=False)
        self._bulk_writer = sessionmaker(self.engine.execution_options(**BULK_WRITE), expire_on_commit=False)
        # On PostgreSQL a login limited to a role is the annotator it writes as (curator.store.roles).
        self.login: Login | None = limited_login(self.engine)
        self.schema = self._stored_schema() if read_only else self._install_schema(schema_path)
        self.ids = self._load_ids()

    @classmethod
    def open_for_user(cls, url: str | None = None, *, schema_path: Path | None = None) -> tuple[Database, str | None]:
        """Open for the window or CLI: a database from a newer Curator opens read-only, with a notice."""
        try:
            return cls(url, schema_path=schema_path), None
        except migrations.NewerDatabase as exc:
            return cls(url, read_only=True), f"{exc}; opened read-only"

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work; rolled back at the end, so viewing never changes anything."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self, *, bulk: bool = False) -> Iterator[Session]:
        """One short write transaction, committed on success and rolled back on any error.

        ``bulk`` (the import's batch writer only) leaves foreign keys unchecked on SQLite: the writer
        makes every id it refers to in the same transaction."""
        if self.read_only:
            raise ReadOnlyDatabase("this database is open read-only: nothing can be changed")
        try:
            with (self._bulk_writer if bulk else self._writer).begin() as session:
                yield session
        except DBAPIError as exc:
            # The server refused (a role's grant or row-level policy, migration 0011): one clear line.
            if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
                who = self.login.name if self.login else "this login"
                raise PermissionRefused(
                    f"the server refused: {who} may not make this change ({_first_line(exc)})"
                ) from exc
            raise

    # -- annotators -------------------------------------------------------------------------------

    def annotator_id(self, session: Session, name: str) -> int:
        """The id of annotator ``name``, created on first use (inside the caller's transaction)."""
        name = name.strip()
        if not name:
            raise ValueError("an annotator needs a name")
        found = session.scalar(select(Annotator.id).where(Annotator.name == name))
        if found is not None:
            return found
        annotator = Annotator(name=name)
        session.add(annotator)
        session.flush()
        return annotator.id

    def annotator_names(self) -> list[str]:
        with self.read() as session:
            return list(session.scalars(select(Annotator.name).order_by(Annotator.name)))

    # -- schema -----------------------------------------------------------------------------------

    def reload_schema(self) -> bool:
        """Read the schema in force again (a colleague changed it, curator.store.schema_changes);
        whether it differed from the one held."""
        schema = self._stored_schema()
        if schema == self.schema:
            return False
        self.schema, self.ids = schema, self._load_ids()
        return True

    def _stored_schema(self) -> Schema:
        with self.read() as session:
            stored = session.scalars(select(SchemaRecord).order_by(SchemaRecord.id.desc()).limit(1)).first()
            if stored is None:
                return load_schema(default_schema_path())
            return _parse_cached(stored.content, stored.sha256, stored.source)

    def _install_schema(self, schema_path: Path | None) -> Schema:
        with self.write() as session:
            stored = session.scalars(select(SchemaRecord).order_by(SchemaRecord.id.desc()).limit(1)).first()
            if schema_path is None and stored is not None:
                return _parse_cached(stored.content, stored.sha256, stored.source)
            path = schema_path or default_schema_path()
            content = read_schema_text(path)
            digest = hashlib.sha256(content.encode()).hexdigest()
            # The validated schema of this very text may be in the cache (a new database, a project
            # schema given at every start): parsing YAML is a third of opening a new database.
            schema = _parse_cached(content, digest, str(path))
            if stored is None or stored.sha256 != digest:
                self._sync_schema_rows(session, schema, str(path))
                session.add(
                    SchemaRecord(
                        name=schema.name, version=schema.version, source=str(path), content=content, sha256=digest
                    )
                )
            return schema

    def _sync_schema_rows(self, session: Session, schema: Schema, source: str) -> None:
        """Make the layer, label and relation-type rows match ``schema``. A label that is gone from the
        file but still used by an annotation is kept and retired; one that is unused is removed."""
        layers = {row.key: row for row in session.scalars(select(LayerRow))}
        labels = {(row.layer_id, row.key): row for row in session.scalars(select(LabelRow))}
        wanted: set[tuple[int, str]] = set()
        for layer in schema.layers:
            row = layers.get(layer.id)
            definition = layer.model_dump(mode="json", exclude={"labels"})
            if row is None:
                row = LayerRow(key=layer.id, definition=definition)
                session.add(row)
                session.flush()
            else:
                row.definition = definition
            for label in layer.labels:
                wanted.add((row.id, label.id))
                label_row = labels.get((row.id, label.id))
                label_def = label.model_dump(mode="json")
                if label_row is None:
                    session.add(LabelRow(layer_id=row.id, key=label.id, definition=label_def, retired=False))
                else:
                    label_row.definition, label_row.retired = label_def, False
        # Every table that names a label: a row still named keeps its label (retired), or its
        # foreign key would be broken (a cooperation area used only on whole documents).
        used: set[int] = set()
        for table in ("spans", "document_labels", "suggestions", "gazetteer_entries", "suggestion_rejections"):
            column = Base.metadata.tables[table].c.label_id
            used.update(session.scalars(select(column).distinct()))
        for key, label_row in labels.items():
            if key not in wanted:
                if label_row.id in used:
                    label_row.retired = True
                else:
                    session.delete(label_row)
        relations = {row.key: row for row in session.scalars(select(RelationTypeRow))}
        for relation in schema.relations:
            rdef = relation.model_dump(mode="json")
            if relation.id in relations:
                relations[relation.id].definition, relations[relation.id].retired = rdef, False
            else:
                session.add(RelationTypeRow(key=relation.id, definition=rdef, retired=False))
        for rel_key, rel_row in relations.items():
            if schema.relation(rel_key) is None:
                rel_row.retired = True
        if not schema.layers:
            raise SchemaError(f"{source}: the schema has no layers")

    def _load_ids(self) -> LabelIds:
        with self.read() as session:
            layer_keys: dict[int, str] = {row.id: row.key for row in session.execute(select(LayerRow.id, LayerRow.key))}
            labels = {
                (layer_keys[layer_id], key): label_id
                for label_id, layer_id, key in session.execute(
                    select(LabelRow.id, LabelRow.layer_id, LabelRow.key).where(LabelRow.retired.is_(False))
                )
            }
            relation_types = {
                row.key: row.id
                for row in session.execute(
                    select(RelationTypeRow.key, RelationTypeRow.id).where(RelationTypeRow.retired.is_(False))
                )
            }
        return LabelIds(labels, relation_types)
