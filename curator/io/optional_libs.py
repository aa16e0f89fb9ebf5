"""Heavy libraries some formats need (spaCy, pyarrow, dkpro-cassis): optional, with a clear message."""

from __future__ import annotations

from curator.errors import CuratorError

INSTALL_HINT = "python3 -m pip install 'curator[formats]'"


class MissingLibrary(CuratorError):
    """A format needs a library that is not installed; the message says which and how to get it."""

    def __init__(self, format_name: str, package: str) -> None:
        super().__init__(f"the {format_name} format needs {package}, which is not installed: {INSTALL_HINT}")
