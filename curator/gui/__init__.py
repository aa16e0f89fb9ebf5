"""The PySide6 window: one client of the Qt-free core.

Once ``PySide6.QtCore`` is loaded, every later import passes through PySide6's ``__feature__``
import hook, which looks for "PySide6" in each new module's source (through ``inspect``, which scans
``sys.modules`` each time) to set the module's feature selection: 0 for a module that uses PySide6,
-1 for one that does not (napari issue 8584 traces the cost). So the core modules the window uses are
imported here first, and the window's own modules are given the selection the hook would find for
them (0: they use PySide6, with no feature switched on) before they are imported. Both save about a
fifth of the window's start; neither changes what any module sees.
"""

import sys
from importlib import import_module
from pathlib import Path

for _module in (
    "curator.review.comments",
    "curator.review.dashboard",
    "curator.review.listing",
    "curator.review.states",
    "curator.schema.checks",
    "curator.schema.editing",
    "curator.schema.file_text",
    "curator.schema.relabel",
    "curator.store.active_time",
    "curator.store.assignment",
    "curator.store.backup",
    "curator.store.browse",
    "curator.store.changes",
    "curator.store.conflict",
    "curator.store.database",
    "curator.store.editing",
    "curator.store.entities",
    "curator.store.guidelines",
    "curator.store.label_moves",
    "curator.store.mentions",
    "curator.store.queries",
    "curator.store.schema_changes",
    "curator.store.search",
    "curator.store.span_index",
    "curator.store.stories",
    "curator.suggest.decisions",
    "curator.suggest.engine",
    "curator.suggest.evaluation",
    "curator.suggest.links",
    "curator.text.boundaries",
    "curator.text.invisible",
    "curator.text.language",
    "curator.text.selection",
    "curator.text.utf16",
    "sqlalchemy.dialects.sqlite",  # loaded when the engine is made
):
    import_module(_module)


def _preset_feature_selection() -> None:
    import PySide6.QtCore  # noqa: F401  (installs the __feature__ hook)

    selections = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if not isinstance(selections, dict):  # another PySide6: its hook looks for itself
        return
    here = Path(__file__).resolve().parent
    for path in here.rglob("*.py"):
        parts = path.relative_to(here).with_suffix("").parts
        name = ".".join((__name__, *parts[:-1])) if parts[-1] == "__init__" else ".".join((__name__, *parts))
        selections.setdefault(name, 0)


_preset_feature_selection()
