"""The export formats ``curator export --format`` knows, by name.

Each exporter takes the store, an output path and a selection, and returns how many documents it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from curator.store.database import Database


class Exporter(Protocol):
    def __call__(
        self,
        db: Database,
        out: Path,
        *,
        annotators: list[str] | None = None,
        document_ids: list[int] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int: ...


@dataclass(frozen=True)
class ExportFormat:
    name: str
    description: str
    load: Callable[[], Exporter]  # imported lazily: heavy libraries stay optional


def _jsonl() -> Exporter:
    from curator.io.export_jsonl import export_jsonl

    return export_jsonl


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "jsonl": ExportFormat("jsonl", "Curator interchange JSONL (one document per line)", _jsonl),
}
