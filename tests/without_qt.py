"""A pytest plugin that makes PySide6 unimportable: ``python3 -m pytest -p without_qt -p no:pytest-qt tests/core``
shows that the core and its tests need no Qt (the continuous integration runs it so)."""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

BLOCKED = ("PySide6", "shiboken6", "pytestqt")


class _NoQt(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (Qt is blocked for the core tests)", name=fullname)
        return None


def pytest_configure() -> None:
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in BLOCKED)
    if loaded:
        raise RuntimeError(f"Qt was imported before the core tests started: {', '.join(loaded)}")
    sys.meta_path.insert(0, _NoQt())
