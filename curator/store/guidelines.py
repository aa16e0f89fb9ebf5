"""The project's annotation guidelines (issue 21), kept in the database by version.

Guidelines are the project text (Markdown, one per language: ar, fr, en) and, per label, a definition
with examples in each language. Each import that changes anything adds the next version, whole
(:class:`~curator.store.models.GuidelineVersion`); the versions before stay as they were, and the
import is in the history. Reading picks the newest. On PostgreSQL only a manager may add a version
(migration 0012): another login's import is refused by the server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from curator.store import history
from curator.store.database import Database
from curator.store.models import GuidelineVersion

GUIDE_LANGUAGES = ("ar", "fr", "en")
# When the language asked for has no text: English, then French, then Arabic.
FALLBACK = ("en", "fr", "ar")


@dataclass(frozen=True)
class LabelGuide:
    """A label's definition and examples in one language."""

    definition: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuidelineContent:
    """What one version holds: ``project`` language -> Markdown; ``labels`` (layer, label) ->
    language -> :class:`LabelGuide`."""

    project: dict[str, str] = field(default_factory=dict)
    labels: dict[tuple[str, str], dict[str, LabelGuide]] = field(default_factory=dict)

    def to_json(self) -> tuple[dict[str, str], dict[str, Any]]:
        """The two stored columns: the project texts, and labels keyed ``"layer/label"``."""
        labels = {
            f"{layer}/{label}": {
                lang: {"definition": g.definition, "examples": list(g.examples)} for lang, g in sorted(by_lang.items())
            }
            for (layer, label), by_lang in sorted(self.labels.items())
        }
        return dict(sorted(self.project.items())), labels

    @staticmethod
    def from_json(project: Mapping[str, Any], labels: Mapping[str, Any]) -> GuidelineContent:
        parsed: dict[tuple[str, str], dict[str, LabelGuide]] = {}
        for key, by_lang in labels.items():
            layer, _, label = key.partition("/")
            parsed[(layer, label)] = {
                lang: LabelGuide(str(g.get("definition", "")), tuple(str(e) for e in g.get("examples", ())))
                for lang, g in by_lang.items()
            }
        return GuidelineContent({str(k): str(v) for k, v in project.items()}, parsed)

    def sha256(self) -> str:
        project, labels = self.to_json()
        canonical = json.dumps({"project": project, "labels": labels}, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def empty(self) -> bool:
        return not any(t.strip() for t in self.project.values()) and not self.labels

    def project_text(self, language: str) -> tuple[str, str] | None:
        """``(language shown, Markdown)`` in ``language``, else in the first of :data:`FALLBACK`
        that has a text; None when no language has one."""
        for lang in (language, *FALLBACK):
            text = self.project.get(lang, "")
            if text.strip():
                return lang, text
        return None

    def label_guide(self, layer: str, label: str, language: str) -> tuple[str, LabelGuide] | None:
        """``(language shown, guide)`` of one label, with the same fallback as :meth:`project_text`."""
        by_lang = self.labels.get((layer, label), {})
        for lang in (language, *FALLBACK):
            guide = by_lang.get(lang)
            if guide is not None and (guide.definition.strip() or guide.examples):
                return lang, guide
        return None

    def merged(self, other: GuidelineContent) -> GuidelineContent:
        """This content with ``other``'s project texts and label languages put over it (an import of
        one language's file keeps the other languages as they were)."""
        project = {**self.project, **other.project}
        labels = {key: dict(by_lang) for key, by_lang in self.labels.items()}
        for key, by_lang in other.labels.items():
            labels.setdefault(key, {}).update(by_lang)
        return GuidelineContent(project, labels)


@dataclass(frozen=True)
class Guidelines:
    """One stored version and its content."""

    version: int
    sha256: str
    source: str
    imported_by: str
    imported_at: datetime
    content: GuidelineContent

    @property
    def stamp(self) -> str:
        """How a dataset card names it: ``version 3 (sha256 1a2b3c4d5e6f)``."""
        return f"version {self.version} (sha256 {self.sha256[:12]})"


@dataclass(frozen=True)
class SaveReport:
    """What :func:`save_guidelines` did: the version now in force, and whether it is a new one."""

    version: int
    sha256: str
    created: bool


def _record(row: GuidelineVersion) -> Guidelines:
    return Guidelines(
        row.version,
        row.sha256,
        row.source,
        row.imported_by,
        row.imported_at,
        GuidelineContent.from_json(row.project, row.labels),
    )


def save_guidelines(db: Database, content: GuidelineContent, who: str, source: str = "") -> SaveReport:
    """Keep ``content`` as the next version (one transaction, with its history row); when it is the
    same as the newest version's, nothing is written and that version is reported."""
    digest = content.sha256()
    project, labels = content.to_json()
    with db.write() as session:
        newest = session.scalars(select(GuidelineVersion).order_by(GuidelineVersion.version.desc()).limit(1)).first()
        if newest is not None and newest.sha256 == digest:
            return SaveReport(newest.version, digest, created=False)
        number = (session.scalar(select(func.max(GuidelineVersion.version))) or 0) + 1
        session.add(
            GuidelineVersion(
                version=number,
                sha256=digest,
                source=source[:2000],
                project=project,
                labels=labels,
                imported_by=who,
            )
        )
        session.flush()
        history.record(
            session,
            who,
            "create",
            "guidelines",
            number,
            None,
            {"version": newest.version, "sha256": newest.sha256} if newest is not None else None,
            {"version": number, "sha256": digest, "source": source[:500], "languages": sorted(project)},
        )
    return SaveReport(number, digest, created=True)


def current_guidelines(db: Database) -> Guidelines | None:
    """The newest version, or None before any import."""
    with db.read() as session:
        row = session.scalars(select(GuidelineVersion).order_by(GuidelineVersion.version.desc()).limit(1)).first()
        return _record(row) if row is not None else None


def guidelines_version(db: Database, version: int) -> Guidelines | None:
    with db.read() as session:
        row = session.scalars(select(GuidelineVersion).where(GuidelineVersion.version == version)).first()
        return _record(row) if row is not None else None


def guideline_history(db: Database) -> list[tuple[int, str, str, datetime, str]]:
    """Every version, oldest first: ``(version, sha256, imported_by, imported_at, source)``."""
    with db.read() as session:
        rows = session.execute(
            select(
                GuidelineVersion.version,
                GuidelineVersion.sha256,
                GuidelineVersion.imported_by,
                GuidelineVersion.imported_at,
                GuidelineVersion.source,
            ).order_by(GuidelineVersion.version)
        )
        return [(v, s, b, a, src) for v, s, b, a, src in rows]


class GuidelineService:
    """What the window reads of the guidelines (a widget is given this, never the database)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def current(self) -> Guidelines | None:
        return current_guidelines(self.db)
