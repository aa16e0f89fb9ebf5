"""The PySide6 window: one client of the Qt-free core.

The core modules the window uses are imported here, before any PySide6 module. Once
``PySide6.QtCore`` is loaded, every later import passes through PySide6's ``__feature__`` import
hook, which reads each new module's source to see whether it uses PySide6 features: for SQLAlchemy,
pydantic and the core, about a fifth of the window's start (PySide6 6.x; napari issue 8584 traces it).
"""

from importlib import import_module

for _module in (
    "curator.review.comments",
    "curator.review.listing",
    "curator.review.states",
    "curator.schema.checks",
    "curator.store.backup",
    "curator.store.browse",
    "curator.store.changes",
    "curator.store.database",
    "curator.store.editing",
    "curator.store.queries",
    "curator.store.search",
    "curator.text.boundaries",
    "curator.text.invisible",
    "curator.text.language",
    "curator.text.utf16",
    "sqlalchemy.dialects.sqlite",  # loaded when the engine is made
):
    import_module(_module)
