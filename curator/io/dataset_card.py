"""The dataset card (README.md) written beside every export: what is in it and where it came from."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from curator import __version__
from curator.io.selection import AnnotatorView, Selection
from curator.schema.model import Schema
from curator.store.models import GOLD_ANNOTATOR
from curator.store.queries import DocumentBundle, DocumentRecord

# The first line of every card; an output folder that starts with it may be replaced by a new export.
CARD_MARKER = "<!-- curator dataset card -->"
DOCUMENTS_LISTED = 200


class ListedDocument(NamedTuple):
    """A document as the card lists it (the card keeps no text: an export may hold 100,000)."""

    id: int
    ext_id: str
    language: str
    title: str


@dataclass
class CardFigures:
    """Counts gathered while exporting; ``notes`` are what a user must know (spans not representable,
    spans widened to tokens...), also shown by the command line. ``listed`` holds the first
    :data:`DOCUMENTS_LISTED` documents, ``document_count`` counts them all."""

    listed: list[ListedDocument] = field(default_factory=list)
    document_count: int = 0
    spans: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (layer, label, annotator)
    relations: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, annotator)
    doc_labels: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    _last_id: int | None = None

    def add_document(self, doc_id: int, ext_id: str, language: str, title: str) -> None:
        """Count one document; a document added again right after itself (its next view) counts once."""
        if doc_id == self._last_id:
            return
        self._last_id = doc_id
        self.document_count += 1
        if len(self.listed) < DOCUMENTS_LISTED:
            self.listed.append(ListedDocument(doc_id, ext_id, language, title))

    def _add_record(self, d: DocumentRecord) -> None:
        self.add_document(d.id, d.ext_id, d.language, d.title)

    def add_bundle(self, bundle: DocumentBundle) -> None:
        self._add_record(bundle.document)
        self.spans.update((s.layer, s.label, s.annotator) for s in bundle.spans)
        self.relations.update((r.type, r.annotator) for r in bundle.relations)
        self.doc_labels.update((layer, label, a) for a, layer, label in bundle.doc_labels)

    def add_view(self, view: AnnotatorView) -> None:
        """Count one annotator view (formats written view by view); documents are counted once."""
        self._add_record(view.document)
        name = view.annotator or ""
        self.spans.update((s.layer, s.label, s.annotator) for s in view.spans)
        self.relations.update((r.type, r.annotator) for r in view.relations)
        self.doc_labels.update((layer, label, name) for layer, label in view.doc_labels)

    @property
    def span_total(self) -> int:
        return sum(self.spans.values())


def _cell(text: str, limit: int = 120) -> str:
    """Text safe in one Markdown table cell: no pipes, no line breaks, bidi and other invisible
    controls shown as ``<U+202E>`` (they would reorder the card as displayed)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    shown = "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
    return shown.replace("|", "\\|")


def card_text(
    *,
    format_name: str,
    description: str,
    files: list[str],
    schema: Schema,
    selection: Selection,
    figures: CardFigures,
    details: list[str] | None = None,
    now: datetime | None = None,
    front_matter: str = "",
) -> str:
    """The card as Markdown; ``front_matter`` (YAML, without its ``---`` lines) goes first, where the
    Hugging Face Hub and ``datasets`` read a card's metadata."""
    now = now or datetime.now(UTC)
    lines = [
        *(["---", front_matter.rstrip("\n"), "---"] if front_matter else []),
        CARD_MARKER,
        f"# {schema.name}: {format_name} dataset",
        "",
        f"- Format: **{format_name}**: {description}",
        f"- Files: {', '.join(f'`{f}`' for f in files)}",
        f"- Written {now.strftime('%Y-%m-%d %H:%M UTC')} by Curator {__version__}; schema "
        f"`{schema.name}` version {schema.version}",
        "- Offsets: Unicode code points over the stored text, end exclusive, unless the format says otherwise.",
    ]
    if selection.annotators is None:
        who = "all annotators"
    elif selection.annotators == [GOLD_ANNOTATOR]:
        who = f"the curated (gold) layer only (annotator `{GOLD_ANNOTATOR}`)"
    else:
        who = ", ".join(f"`{a}`" for a in selection.annotators)
    lines.append(f"- Selection: {who}; layers {', '.join(selection.layers) if selection.layers else 'all'}")
    lines += [f"- {d}" for d in details or []]
    lines += ["", "## Schema", ""]
    for layer in schema.layers:
        if selection.layers and layer.id not in selection.layers:
            continue
        labels = []
        for label in layer.labels:
            attrs = ", ".join(f"{a.id}: {'/'.join(a.values) if a.values else a.type}" for a in label.attributes)
            labels.append(f"{label.id} ({attrs})" if attrs else label.id)
        lines.append(f"- **{layer.id}** ({' and '.join(layer.scopes)}): {', '.join(labels)}")
    for rel in schema.relations:
        src = f"{rel.source.layer} {'/'.join(rel.source.labels) or 'any'}"
        tgt = f"{rel.target.layer} {'/'.join(rel.target.labels) or 'any'}"
        lines.append(f"- relation **{rel.id}**: {src} → {tgt}")
    lines += ["", "## Counts", "", f"{figures.document_count} documents, {figures.span_total} spans.", ""]
    annotators = sorted({a for _, _, a in figures.spans} | {a for _, _, a in figures.doc_labels})
    if figures.spans:
        lines.append("| layer | label | " + " | ".join(a or "(none)" for a in annotators) + " | total |")
        lines.append("|---|---|" + "---:|" * (len(annotators) + 1))
        for layer_id, label_id in sorted({(lay, lab) for lay, lab, _ in figures.spans}):
            row = [figures.spans[(layer_id, label_id, a)] for a in annotators]
            lines.append(f"| {layer_id} | {label_id} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
        lines.append("")
    if figures.relations:
        lines.append(
            "Relations: " + ", ".join(f"{t} by {a}: {n}" for (t, a), n in sorted(figures.relations.items())) + "."
        )
    if figures.doc_labels:
        lines.append(
            "Document labels: "
            + ", ".join(f"{lay}/{lab} by {a}: {n}" for (lay, lab, a), n in sorted(figures.doc_labels.items()))
            + "."
        )
    if figures.notes:
        lines += ["", "## Notes", ""] + [f"- {_cell(n, 4000)}" for n in figures.notes]
    lines += ["", "## Documents", "", "| id | language | title |", "|---|---|---|"]
    for d in figures.listed:
        lines.append(f"| {_cell(d.ext_id)} | {d.language} | {_cell(d.title)} |")
    if figures.document_count > len(figures.listed):
        lines.append(f"| … | | and {figures.document_count - len(figures.listed)} more |")
    return "\n".join(lines) + "\n"


def write_card(path: Path, text: str) -> None:
    """Write a card made by :func:`card_text` (UTF-8, LF)."""
    path.write_text(text, encoding="utf-8", newline="\n")


def is_card(path: Path) -> bool:
    """True when ``path`` is a card Curator wrote (so its folder may be replaced by a new export): its
    first line is the marker, or the line after its front matter is."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline().strip()
            if first == "---":  # front matter first: the marker follows its closing line
                for line in handle:
                    if line.strip() == "---":
                        return handle.readline().strip() == CARD_MARKER
                return False
            return first == CARD_MARKER
    except (OSError, UnicodeDecodeError):
        return False
