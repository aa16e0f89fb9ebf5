"""The dataset card (README.md) written beside every export: what is in it and where it came from."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from curator import __version__
from curator.io import capacity
from curator.io.capacity import CUES, DOC_LABELS, EMPTY, OVERLAPS, RELATIONS, SPANS
from curator.io.selection import AnnotatorView, Selection
from curator.io.tokens import invisible
from curator.schema.model import IDENTIFIER, Schema
from curator.store.models import GOLD_ANNOTATOR
from curator.store.queries import DocumentBundle, DocumentRecord, RelationRecord, SpanRecord

# The first line of every card; an output folder that starts with it may be replaced by a new export.
CARD_MARKER = "<!-- curator dataset card -->"
DOCUMENTS_LISTED = 200
# The claims CSV keeps claims and their claimants (see :mod:`curator.io.capacity`).
CLAIM, CUE_LABEL, CLAIMANT, CUE_RELATION = ("claim", "CLAIM"), ("claim", "CUE"), "claimant", "cue"


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
    # Why a format might leave a span out (:data:`capacity.SPAN_KINDS`), for the spans with a reason:
    # (layer, label, annotator, reasons) -> count
    span_reasons: Counter[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=Counter)
    # attribute values, identifiers and notes: (kind, role of the span, its reasons) -> count
    details: Counter[tuple[str, str, tuple[str, ...]]] = field(default_factory=Counter)
    relation_roles: Counter[str] = field(default_factory=Counter)  # claimant, cue, other
    # The registry entity (key, type) of each linked span, by span id (set by the export run).
    linked: Mapping[int, tuple[str, str]] = field(default_factory=dict)
    # The linked spans counted: (entity key, entity type, role of the span, its reasons) -> count
    links: Counter[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=Counter)
    # The file of registry rows the export wrote beside its files (the entities its spans link to).
    registry_file: str | None = None
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
        self._add_content(bundle.document.text, bundle.spans, bundle.relations)

    def add_view(self, view: AnnotatorView) -> None:
        """Count one annotator view (formats written view by view); documents are counted once."""
        self._add_record(view.document)
        name = view.annotator or ""
        self.spans.update((s.layer, s.label, s.annotator) for s in view.spans)
        self.relations.update((r.type, r.annotator) for r in view.relations)
        self.doc_labels.update((layer, label, name) for layer, label in view.doc_labels)
        self._add_content(view.document.text, view.spans, view.relations)

    def _add_content(self, text: str, spans: list[SpanRecord], relations: list[RelationRecord]) -> None:
        """Record what some format might leave out of these spans and relations."""
        claims = {s.id for s in spans if (s.layer, s.label) == CLAIM}
        claimants = {r.target_id for r in relations if r.type == CLAIMANT and r.source_id in claims}
        for r in relations:
            role = (
                "claimant"
                if r.type == CLAIMANT and r.source_id in claims
                else "cue"
                if r.type == CUE_RELATION
                else "other"
            )
            self.relation_roles[role] += 1
        overlapping = _overlapping(text, spans)
        for s in spans:
            key = (s.layer, s.label)
            role = (
                "claim" if key == CLAIM else "cue" if key == CUE_LABEL else "claimant" if s.id in claimants else "other"
            )
            reasons = tuple(
                kind
                for kind, applies in (
                    (SPANS, role == "other"),
                    (CUES, role == "cue"),
                    (OVERLAPS, s.id in overlapping),
                    (EMPTY, all(invisible(ch) for ch in text[s.start : s.end])),
                )
                if applies
            )
            if reasons:
                self.span_reasons[(s.layer, s.label, s.annotator, reasons)] += 1
            for attribute, value in s.attributes.items():
                if value is not None:
                    kind = capacity.IDENTIFIERS if attribute == IDENTIFIER else capacity.ATTRIBUTES
                    self.details[(kind, role, reasons)] += 1
            if s.note:
                self.details[(capacity.NOTES, role, reasons)] += 1
            entity = self.linked.get(s.id)
            if entity is not None:
                self.details[(capacity.LINKS, role, reasons)] += 1
                self.links[(entity[0], entity[1], role, reasons)] += 1

    def add_links(self, span_ids: list[int]) -> None:
        """Count linked spans written by a format that holds every span whole (interchange JSONL)."""
        for span_id in span_ids:
            entity = self.linked.get(span_id)
            if entity is not None:
                self.links[(entity[0], entity[1], "other", ())] += 1

    def left_out(self, lacking: frozenset[str]) -> dict[str, int]:
        """What a format without the kinds ``lacking`` could not hold of what was counted: kind ->
        count (kinds with a count)."""
        out: Counter[str] = Counter()
        for (_, _, _, reasons), n in self.span_reasons.items():
            first = next((kind for kind in capacity.SPAN_KINDS if kind in reasons and kind in lacking), None)
            if first is not None:
                out[first] += n
        for (kind, role, reasons), n in self.details.items():
            if lacking.intersection(reasons):
                continue  # the span is left out whole, and counted as such
            # Without SPANS a claimant keeps its label, offsets and entity link, nothing else.
            kept_by_claimant = (kind, role) == (capacity.LINKS, "claimant")
            if kind in lacking or (SPANS in lacking and role != "claim" and not kept_by_claimant):
                out[kind] += n
        if RELATIONS in lacking:
            out[RELATIONS] = sum(self.relations.values())
        elif SPANS in lacking:
            out[RELATIONS] = self.relation_roles["other"]
        if DOC_LABELS in lacking:
            out[DOC_LABELS] = sum(self.doc_labels.values())
        return {kind: n for kind, n in out.items() if n}

    def held_spans(self, lacking: frozenset[str]) -> Counter[tuple[str, str, str]]:
        """The span counts (layer, label, annotator) of the spans a format without ``lacking`` holds."""
        held = Counter(self.spans)
        for (layer, label, annotator, reasons), n in self.span_reasons.items():
            if lacking.intersection(reasons):
                held[(layer, label, annotator)] -= n
        return +held

    def held_links(self, lacking: frozenset[str]) -> Counter[tuple[str, str]]:
        """The linked spans a format without ``lacking`` holds with their link: (entity key, type) -> count."""
        held: Counter[tuple[str, str]] = Counter()
        if capacity.LINKS in lacking:
            return held
        for (key, kind, _, reasons), n in self.links.items():
            if not lacking.intersection(reasons):
                held[(key, kind)] += n
        return held

    @property
    def span_total(self) -> int:
        return sum(self.spans.values())


def _overlapping(text: str, spans: list[SpanRecord]) -> set[int]:
    """The spans a BIO column leaves out: per annotator and layer, longer and earlier spans first, a
    span overlapping one already placed (spans covering only white space place nothing)."""
    out: set[int] = set()
    groups: dict[tuple[str, str], list[SpanRecord]] = {}
    for s in spans:
        groups.setdefault((s.annotator, s.layer), []).append(s)
    for group in groups.values():
        reach = -1  # the end of the placed spans, which start no later than the current one
        for s in sorted(group, key=lambda s: (s.start, -(s.end - s.start), s.label)):
            if all(invisible(ch) for ch in text[s.start : s.end]):
                continue
            if s.start < reach:
                out.add(s.id)
            else:
                reach = s.end
    return out


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
    lacks: frozenset[str],
    description: str,
    files: list[str],
    schema: Schema,
    selection: Selection,
    figures: CardFigures,
    details: list[str] | None = None,
    now: datetime | None = None,
    front_matter: str = "",
    guidelines: str | None = None,
) -> str:
    """The card as Markdown; ``front_matter`` (YAML, without its ``---`` lines) goes first, where the
    Hugging Face Hub and ``datasets`` read a card's metadata. ``lacks``: the kinds of content
    (:mod:`curator.io.capacity`) the format has no place for, as its registry entry says.
    ``guidelines``: the stamp of the guidelines in force (:attr:`Guidelines.stamp`), None before any."""
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
        f"- Guidelines: {guidelines or 'none imported (curator guidelines import)'}",
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
    # Counts of what the files hold only: what the format left out is counted in its own section.
    lacking = lacks
    spans = figures.held_spans(lacks)
    relations = (
        {(t, a): n for (t, a), n in figures.relations.items() if SPANS not in lacking or t == CLAIMANT}
        if RELATIONS not in lacking
        else {}
    )
    doc_labels = figures.doc_labels if DOC_LABELS not in lacking else Counter()
    lines += ["", "## Counts", "", f"{figures.document_count} documents, {sum(spans.values())} spans.", ""]
    annotators = sorted({a for _, _, a in spans} | {a for _, _, a in doc_labels})
    if spans:
        lines.append("| layer | label | " + " | ".join(a or "(none)" for a in annotators) + " | total |")
        lines.append("|---|---|" + "---:|" * (len(annotators) + 1))
        for layer_id, label_id in sorted({(lay, lab) for lay, lab, _ in spans}):
            row = [spans[(layer_id, label_id, a)] for a in annotators]
            lines.append(f"| {layer_id} | {label_id} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
        lines.append("")
    if relations:
        lines.append("Relations: " + ", ".join(f"{t} by {a}: {n}" for (t, a), n in sorted(relations.items())) + ".")
    if doc_labels:
        lines.append(
            "Document labels: "
            + ", ".join(f"{lay}/{lab} by {a}: {n}" for (lay, lab, a), n in sorted(doc_labels.items()))
            + "."
        )
    lines += _registry_lines(figures, lacks)
    left = figures.left_out(lacks)
    lines += ["", "## What this format could not hold", ""]
    if left:
        lines += [f"- {n} {capacity.KIND_NAMES[kind]}" for kind, n in sorted(left.items(), key=_kind_order)]
    else:
        lines.append("Nothing: every annotation of the selection is in the files.")
    if lacking:
        lines.append("")
        lines.append(
            f"The format has no place for {', '.join(capacity.KIND_NAMES[k] for k in capacity.in_order(lacks))}."
        )
    if figures.notes:
        lines += ["", "## Notes", ""] + [f"- {_cell(n, 4000)}" for n in figures.notes]
    lines += ["", "## Documents", "", "| id | language | title |", "|---|---|---|"]
    for d in figures.listed:
        lines.append(f"| {_cell(d.ext_id)} | {d.language} | {_cell(d.title)} |")
    if figures.document_count > len(figures.listed):
        lines.append(f"| … | | and {figures.document_count - len(figures.listed)} more |")
    return "\n".join(lines) + "\n"


def _registry_lines(figures: CardFigures, lacks: frozenset[str]) -> list[str]:
    """The card's entity registry section: the linked spans the files hold, the entities they link to
    by type, the file of registry rows; nothing when no span of the selection is linked."""
    if not figures.links:
        return []
    lines = ["", "## Entity registry", ""]
    held = figures.held_links(lacks)
    if held:
        types = Counter(kind for _, kind in held)
        lines.append(
            f"- Linked spans: {sum(held.values())}, to {len(held)} {'entity' if len(held) == 1 else 'entities'} "
            "of the registry (" + ", ".join(f"{kind}: {n}" for kind, n in sorted(types.items())) + ")"
        )
    total = sum(figures.links.values())
    if total > sum(held.values()):
        lines.append(f"- Linked spans of the selection whose link is not in the files: {total - sum(held.values())}")
    if figures.registry_file:
        lines.append(
            f"- Registry rows of these entities (id, type, names, aliases, description, external ids): "
            f"`{figures.registry_file}`; `curator import` of the folder reads them back with the links"
        )
    return lines


def _kind_order(item: tuple[str, int]) -> int:
    return list(capacity.KIND_NAMES).index(item[0])


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
