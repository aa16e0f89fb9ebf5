"""The curator's gestures in the text, turned into edits: label the selection, pick a span, link a
claim to its claimant, delete, step from span to span.

It sits between the text view (which knows pixels and Qt positions) and the workspace (which knows
edits); the selection rules of :mod:`curator.text.selection` decide what a selection stands for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from curator.schema.model import Layer, RelationType
from curator.store.queries import SpanRecord
from curator.text.invisible import one_line
from curator.text.selection import SnapRules, span_for_selection, word_for_double_click

from .label_catalog import LabelCatalog
from .text_view import TextView
from .workspace import Workspace


def snap_rules(layer: Layer | None, *, exact: bool) -> SnapRules:
    """The selection rules of a layer's labels (the default rules when the layer is unknown)."""
    if layer is None:
        return SnapRules(exact=exact)
    return SnapRules(exact=exact, article_may_stay_out=not layer.article_in_span, cross_paragraph=layer.cross_paragraph)


@dataclass(frozen=True)
class _Preview:
    """A mouse selection as the curator made it (``dragged``) and as the view shows it, snapped."""

    dragged: tuple[int, int]
    shown: tuple[int, int]


class AnnotationController(QObject):
    """Wires the text view to the workspace for the open document."""

    hint = Signal(str)  # a line for the status bar: what to do next, or why nothing happened
    counts_changed = Signal(object)  # {(layer, label): number of spans} in the open document

    def __init__(self, workspace: Workspace, view: TextView, catalog: LabelCatalog) -> None:
        super().__init__(view)
        self.workspace = workspace
        self.view = view
        self.catalog = catalog
        self.counts: Counter[tuple[str, str]] = Counter()
        self._linking: RelationType | None = None
        self._link_source: SpanRecord | None = None
        self._preview: _Preview | None = None
        self._preview_layer: str | None = None  # the layer of the last label applied
        doc = workspace.doc
        doc.loaded.connect(self._show_document)
        doc.spans_extended.connect(self._spans_extended)
        doc.span_added.connect(self._span_added)
        doc.span_removed.connect(self._span_removed)
        doc.span_changed.connect(self._span_changed)
        doc.current_span_changed.connect(self._current_changed)
        doc.relations_changed.connect(lambda: self._current_changed(doc.current_span))
        view.selection_finished.connect(self._preview_selection)
        view.span_clicked.connect(self.select_span)
        view.empty_clicked.connect(lambda: doc.set_current_span(None))
        view.span_picked.connect(self._picked)
        view.pick_cancelled.connect(self.cancel_link)

    def set_catalog(self, catalog: LabelCatalog) -> None:
        self.catalog = catalog
        self.view.viewport().update()

    # -- showing ----------------------------------------------------------------------------------

    def _show_document(self) -> None:
        doc = self.workspace.doc
        self.cancel_link()
        self._preview = None
        self.view.show_document(doc.text, doc.offsets, doc.spans, self._color, self._describe)
        self.counts = Counter((span.layer, span.label) for span in doc.spans)
        self.counts_changed.emit(dict(self.counts))

    def _spans_extended(self) -> None:
        self.counts = Counter((span.layer, span.label) for span in self.workspace.doc.spans)
        self.counts_changed.emit(dict(self.counts))
        self.view.spans_changed()

    def _color(self, span: SpanRecord) -> QColor:
        return self.catalog.color(span.layer, span.label)

    def _describe(self, span: SpanRecord) -> str:
        described = f"{self.catalog.name(span.layer, span.label)} ({span.label}) — {span.annotator}"
        return f"{described}\n{span.note}" if span.note else described

    def _span_added(self, span: SpanRecord) -> None:
        self.counts[(span.layer, span.label)] += 1
        self.counts_changed.emit(dict(self.counts))
        self.view.spans_changed((span.start, span.end))

    def _span_removed(self, span: SpanRecord) -> None:
        self.counts[(span.layer, span.label)] -= 1
        self.counts_changed.emit(dict(self.counts))
        self.view.spans_changed((span.start, span.end))

    def _span_changed(self, before: SpanRecord, after: SpanRecord) -> None:
        if (before.layer, before.label) != (after.layer, after.label):
            self.counts[(before.layer, before.label)] -= 1
            self.counts[(after.layer, after.label)] += 1
            self.counts_changed.emit(dict(self.counts))
        self.view.spans_changed((before.start, before.end), (after.start, after.end))

    def _current_changed(self, span: SpanRecord | None) -> None:
        related: list[int] = []
        if span is not None:
            for relation in self.workspace.doc.relations_of(span.id):
                related.append(relation.target_id if relation.source_id == span.id else relation.source_id)
        self.view.set_current_span(span, related)

    # -- selecting --------------------------------------------------------------------------------

    def preview_layer(self) -> Layer | None:
        """The layer whose rules snap a selection on mouse release: the one of the last label applied,
        at first the schema's first span layer (the entities)."""
        layers = self.catalog.span_layers()
        return next((layer for layer in layers if layer.id == self._preview_layer), layers[0] if layers else None)

    def _preview_selection(self) -> None:
        """Show at once, on mouse release, the words the selection will label, snapped by the rules
        of :meth:`preview_layer`: what that layer's key then stores is exactly what is highlighted. A
        key of a layer with other rules snaps the drag again by its own (see :meth:`apply_label`)."""
        self._preview = None
        if self.view.selection_is_exact:
            return
        selection = self.view.selection_offsets()
        if selection is None:
            return
        rules = snap_rules(self.preview_layer(), exact=False)
        text = self.workspace.doc.text
        if self.view.selected_by_word:
            # A double-click: the word without its clitics, then taken as a drag from there.
            word = word_for_double_click(text, *selection, rules)
            if word is None:
                return
            selection = word
        snapped = span_for_selection(text, *selection, rules)
        if snapped is None:
            return
        self._preview = _Preview(selection, snapped)
        if snapped != self.view.selection_offsets():
            self.view.select_offsets(*snapped, reveal=False)

    def _selection_to_snap(self, exact: bool) -> tuple[int, int] | None:
        """The selection a label applies to: the drag itself while the view still shows its snapped
        preview (another layer's rules may take more of it, such as a claim across a paragraph
        break), else what the view shows."""
        selection = self.view.selection_offsets()
        preview = self._preview
        if selection is not None and preview is not None and selection == preview.shown and not exact:
            return preview.dragged
        return selection

    def select_span(self, span: SpanRecord | None) -> None:
        self.workspace.doc.set_current_span(span)

    def jump_to(self, span: SpanRecord) -> None:
        self.view.clear_selection()
        self.view.reveal_offsets(span.start, span.end)
        self.select_span(span)

    def step(self, forward: bool) -> None:
        """Make the next (or previous) span in text order the current one."""
        doc = self.workspace.doc
        ordered = list(doc.spans)
        if not ordered:
            return
        current = doc.current_span
        if current is None:
            target = ordered[0] if forward else ordered[-1]
        else:
            at = next((i for i, s in enumerate(ordered) if s.id == current.id), 0)
            target = ordered[(at + (1 if forward else -1)) % len(ordered)]
        self.jump_to(target)

    # -- labelling --------------------------------------------------------------------------------

    def apply_label(self, layer: str, label: str) -> SpanRecord | None:
        """Label the selection, snapped by ``layer``'s rules (the drag itself, when the view still
        shows its preview); with no selection, relabel the current span."""
        doc = self.workspace.doc
        if doc.id is None:
            self.hint.emit(self.tr("Open a document first"))
            return None
        exact = self.view.selection_is_exact
        selection = self._selection_to_snap(exact)
        if selection is None:
            before = doc.current_span
            if before is not None:
                if self.workspace.change_label(before, layer, label):
                    # Each key says what it did: fast typing that lands here is recognisable.
                    self.hint.emit(
                        self.tr("{0}: {1} → {2} on «{3}»").format(
                            self._key(layer, label), before.label, label, one_line(doc.span_text(before))
                        )
                    )
                return doc.current_span
            self.hint.emit(self.tr("Select some text first (hold Alt for exact characters)"))
            return None
        found = span_for_selection(doc.text, *selection, snap_rules(self.catalog.schema.layer(layer), exact=exact))
        if found is None:
            self.hint.emit(self.tr("The selection holds no word to label"))
            return None
        # The next drag is shown as this layer takes it: curators label one layer at a time.
        self._preview_layer = layer
        existing = doc.spans.find(layer, label, *found)
        if existing is not None:
            self.view.clear_selection()
            self.select_span(existing)
            self.hint.emit(self.tr("Already annotated"))
            return existing
        span = self.workspace.add_span(layer, label, *found)
        if span is not None:
            self.view.clear_selection()
            self.hint.emit(
                self.tr("{0}: {1} on «{2}»").format(self._key(layer, label), label, one_line(doc.span_text(span)))
            )
        elif found != self.view.selection_offsets():
            # Not stored: show what this layer's rules made of the selection, not the preview.
            self.view.select_offsets(*found, reveal=False)
        return span

    def _key(self, layer: str, label: str) -> str:
        """The key of a label as the status bar names it (the label itself when it has none)."""
        definition = self.catalog.schema.label(layer, label)
        return definition.shortcut if definition is not None and definition.shortcut else label

    def delete_current(self) -> None:
        span = self.workspace.doc.current_span
        if span is not None:
            self.workspace.delete_span(span)

    # -- linking (select the claim, press the relation's key, click the claimant or Tab to it) -----

    def relation_types_from(self, span: SpanRecord) -> list[RelationType]:
        return [
            r
            for r in self.catalog.schema.relations
            if r.source.layer == span.layer and (not r.source.labels or span.label in r.source.labels)
        ]

    def start_link(self, type_id: str | None = None) -> bool:
        source = self.workspace.doc.current_span
        if source is None:
            self.hint.emit(self.tr("Select the claim first, then press the link key"))
            return False
        types = [r for r in self.relation_types_from(source) if type_id is None or r.id == type_id]
        if not types:
            self.hint.emit(self.tr("No link starts from a {0} annotation").format(source.label))
            return False
        relation = types[0]
        self._linking, self._link_source = relation, source
        self.view.set_pick_mode(lambda span: self._accepts(relation, source, span))
        targets = "/".join(relation.target.labels) or relation.target.layer
        name = self.catalog.relation_name(relation)
        self.hint.emit(self.tr("Click the {0} ({1}), or Tab to it and press Enter — Esc cancels").format(name, targets))
        return True

    @staticmethod
    def _accepts(relation: RelationType, source: SpanRecord, span: SpanRecord) -> bool:
        return (
            span.id != source.id
            and span.layer == relation.target.layer
            and (not relation.target.labels or span.label in relation.target.labels)
        )

    def _picked(self, target: SpanRecord) -> None:
        relation, source = self._linking, self._link_source
        self.cancel_link(quiet=True)
        if relation is None or source is None:
            return
        if self.workspace.add_relation(relation.id, source, target):
            self.select_span(self.workspace.doc.spans.get(source.id))

    def cancel_link(self, quiet: bool = False) -> None:
        was_linking = self._linking is not None
        self._linking, self._link_source = None, None
        self.view.set_pick_mode(None)
        if was_linking and not quiet:
            self.hint.emit(self.tr("Link cancelled"))
