"""Libraries a feature needs that may be missing: the format libraries (spaCy, pyarrow, dkpro-cassis,
an extra), the PostgreSQL driver (an extra), and the review's numpy, krippendorff and matplotlib
(ordinary dependencies, which a broken or partial install may still lack). Each missing one is said
in one line naming exactly what to install."""

from __future__ import annotations

from curator.errors import CuratorError

INSTALL_HINT = "python3 -m pip install 'curator[formats]'"

# The pip requirement that provides each module, as pyproject.toml names it.
REQUIREMENTS = {
    "numpy": "numpy>=1.26",
    "krippendorff": "krippendorff>=0.8",
    "matplotlib": "matplotlib>=3.8",
    "psycopg": "psycopg[binary]>=3.1",
    "spacy": "spacy>=3.7,<4",
    "pyarrow": "pyarrow>=15",
    "cassis": "dkpro-cassis>=0.10",
    "lxml": "lxml>=6.1",
}


class MissingLibrary(CuratorError):
    """A format needs a library that is not installed; the message says which and how to get it."""

    def __init__(self, format_name: str, package: str) -> None:
        super().__init__(f"the {format_name} format needs {package}, which is not installed: {INSTALL_HINT}")


class MissingModule(CuratorError):
    """``feature`` cannot run because ``module`` is not installed; the message gives the pip command."""

    def __init__(self, feature: str, module: str) -> None:
        top = (module or "?").split(".")[0]
        requirement = REQUIREMENTS.get(top, top)
        self.module = top
        super().__init__(
            f"{feature} needs {requirement.split('>')[0].split('[')[0]}, which is not installed: "
            f"python3 -m pip install '{requirement}'"
        )


def missing_module(feature: str, exc: ModuleNotFoundError) -> MissingModule:
    """The :class:`MissingModule` for an import of ``feature`` that failed with ``exc``."""
    return MissingModule(feature, exc.name or "")
