"""Links from entity-layer spans to the registry, in the window (issue 19).

The controller keeps the open document's links (span id → entity key) and the registry service
(:class:`curator.store.entities.Registry`) the chooser, the side panel and the mentions panel read.
Linking, unlinking and "new entity from this span" are commands: ``redo``/``undo`` call one registry
operation each (the new entity and its link are one step of the history), so one undo takes them back.
Colleagues' links arrive through :meth:`EntityLinks.refresh`, which the window calls when the live
updates report the open document. An unlinked span is offered its suggested link
(:mod:`curator.suggest.links`), computed when shown and never stored until accepted
(:meth:`EntityLinks.accept_suggested`, an ordinary link edit).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from curator.errors import EditRefused
from curator.store.entities import ENTITY_LAYER, EntityRecord, LinkChange, Registry
from curator.store.mentions import ClaimOf, Mention, claims_of, mentions
from curator.store.queries import SpanRecord
from curator.suggest.links import LinkCandidate, best_link
from curator.text.invisible import one_line

from .commands import EditCommand, EditHost
from .workspace import Workspace


class LinkSpan(EditCommand):
    """Link ``span`` to entity ``key`` (None: unlink it); undo puts its previous link back."""

    def __init__(self, workspace: EditHost, links: EntityLinks, span: SpanRecord, key: str | None, words: str) -> None:
        what = f"link “{one_line(words)}” to {key}" if key else f"unlink “{one_line(words)}”"
        super().__init__(workspace, span.document_id, what)
        self.links = links
        self.span_id = span.id
        self.key = key
        self.change: LinkChange | None = None

    def do(self) -> None:
        self.change = self.links.registry.link(self.span_id, self.key)
        self.links.refresh()

    def undo_edit(self) -> None:
        assert self.change is not None
        self.links.registry.undo_link(self.change)
        self.links.refresh()


class NewEntityFromSpan(EditCommand):
    """Create ``record`` and link ``span`` to it: one step, undone as one (unlink, then delete)."""

    def __init__(self, workspace: EditHost, links: EntityLinks, span: SpanRecord, record: EntityRecord) -> None:
        super().__init__(workspace, span.document_id, f"new entity {record.key} from “{one_line(record.forms()[0])}”")
        self.links = links
        self.span_id = span.id
        self.record = record
        self.change: LinkChange | None = None

    def do(self) -> None:
        registry = self.links.registry
        registry.create(self.record)
        try:
            self.change = registry.link(self.span_id, self.record.key)
        except EditRefused:
            registry.delete(self.record.key)  # no entity left behind by a refused link
            raise
        self.links.refresh()

    def undo_edit(self) -> None:
        assert self.change is not None
        self.links.registry.undo_link(self.change)
        self.links.registry.delete(self.record.key)
        self.links.refresh()


class EntityLinks(QObject):
    """The open document's entity links for the workspace's annotator, and the edits that change them."""

    changed = Signal()  # the open document's links changed (the side panel and the mentions follow)
    hint = Signal(str)

    def __init__(self, workspace: Workspace, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.registry = registry
        self.links: dict[int, str] = {}
        # Suggested links of the spans shown so far, by (span id, text, label): computed once per span
        # until the links or the registry change (refresh).
        self._suggested: dict[tuple[int, str, str], LinkCandidate | None] = {}
        workspace.doc.loaded.connect(self.refresh)
        workspace.annotator_changed.connect(self._annotator_changed)

    def _annotator_changed(self, name: str) -> None:
        self.registry = Registry(self.registry.db, name)
        self.refresh()

    # -- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the open document's links again (after an edit, or a colleague's)."""
        doc_id = self.workspace.doc.id
        links = self.registry.links_of(doc_id) if doc_id is not None else {}
        if links != self.links:
            self.links = links
        self._suggested.clear()
        self.changed.emit()

    def entity_of(self, span: SpanRecord | None) -> EntityRecord | None:
        key = self.links.get(span.id) if span is not None else None
        return self.registry.get(key) if key else None

    def ranked(self, text: str, limit: int = 20) -> list[tuple[EntityRecord, float]]:
        """Entities for the mention ``text``, best first, with their scores (0-100)."""
        found = []
        for candidate in self.registry.candidates(text, limit=limit):
            record = self.registry.get(candidate.key)
            if record is not None:
                found.append((record, candidate.score))
        return found

    def entities(self) -> list[EntityRecord]:
        return self.registry.all()

    def mentions(self, key: str) -> list[Mention]:
        return mentions(self.registry.db, key)

    def claims(self, key: str) -> list[ClaimOf]:
        return claims_of(self.registry.db, key)

    @staticmethod
    def linkable(span: SpanRecord | None) -> bool:
        return span is not None and span.layer == ENTITY_LAYER

    def suggested(self, span: SpanRecord | None) -> LinkCandidate | None:
        """The link suggested for ``span``: for an unlinked entity-layer span, the registry's best
        candidate of its type above the threshold; None otherwise. Nothing is stored."""
        if span is None or not self.linkable(span) or span.id in self.links:
            return None
        doc = self.workspace.doc
        text = doc.span_text(span)
        key = (span.id, text, span.label)
        if key not in self._suggested:
            language = doc.document.language if doc.document else "en"
            self._suggested[key] = best_link(self.registry, text, span.label, language)
        return self._suggested[key]

    # -- edits ------------------------------------------------------------------------------------

    def link(self, span: SpanRecord, key: str | None) -> bool:
        """Link (or with None unlink) ``span``: one undoable edit; True when saved."""
        if self.links.get(span.id) == key:
            return True
        words = self.workspace.doc.span_text(span)
        return self.workspace.push(LinkSpan(self.workspace, self, span, key, words))

    def unlink(self, span: SpanRecord) -> bool:
        return self.link(span, None)

    def accept_suggested(self, span: SpanRecord | None) -> bool:
        """Link ``span`` to its suggested entity: one undoable link edit; False when none is offered."""
        found = self.suggested(span)
        if span is None or found is None:
            self.hint.emit(self.tr("No suggested link for this annotation: K chooses an entity"))
            return False
        return self.link(span, found.key)

    def new_entity(self, span: SpanRecord) -> EntityRecord | None:
        """A new entity named by ``span`` (type: its label; name in the document's language: its text),
        linked to it in one undoable edit; the entity, or None when refused."""
        doc = self.workspace.doc
        words = " ".join(doc.span_text(span).split())
        language = doc.document.language if doc.document and doc.document.language in ("ar", "fr", "en") else "en"
        record = EntityRecord(self._free_key(words, span.label), span.label, {language: words})
        ok = self.workspace.push(NewEntityFromSpan(self.workspace, self, span, record))
        return record if ok else None

    def _free_key(self, words: str, label: str) -> str:
        """A key made from the name's letters (any script), unused in the registry."""
        base = "-".join("".join(c for c in word if c.isalnum()) for word in words.lower().split()) or label.lower()
        base = base.strip("-")[:60] or label.lower()
        key, n = base, 1
        while self.registry.get(key) is not None:
            n += 1
            key = f"{base}-{n}"
        return key
