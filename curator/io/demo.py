"""The demo corpus: loaded on first start when the database has no documents."""

from __future__ import annotations

from curator.io.importer import import_paths
from curator.paths import seeds_dir
from curator.store.database import Database
from curator.store.queries import has_documents


def load_demo_if_empty(db: Database) -> int:
    """Import ``seeds/`` into an empty database; return how many documents were added."""
    if has_documents(db):
        return 0
    report = import_paths(db, [seeds_dir()], annotator="demo")
    return report.batch.documents_added
