"""Two reports of the same story side by side (issue 19): each document read-only in its own
:class:`TextView` (each paragraph in its own direction: Arabic flush right, French flush left), its
linked mentions drawn as spans. Clicking or selecting a linked mention in one outlines the mentions
of the same entity in both (the views' find overlay, never a character format); scrolling one brings
the other to the paragraph that shares the most entities with the one at the top.

The window reads through a :class:`curator.store.stories.StoryService`; its one edit is grouping the
two documents as one story.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.store.queries import SpanRecord
from curator.store.span_index import SpanIndex
from curator.store.stories import SHARED_AT_LEAST, LinkedSpan, StoryService
from curator.text.utf16 import Utf16Offsets

from .label_catalog import LabelCatalog
from .text_view import TextView


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The code-point ranges of the text's paragraphs (its lines), end exclusive."""
    ranges, start = [], 0
    for line in text.split("\n"):
        ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


class ParallelSide(QWidget):
    """One document of the pair: a chooser of documents above a read-only text view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.view = TextView()
        layout.addWidget(self.combo)
        layout.addWidget(self.view, 1)
        self.document_id: int | None = None
        self.text = ""
        self.linked: list[LinkedSpan] = []
        self.keys_by_span: dict[int, str] = {}
        self.paragraph_keys: list[set[str]] = []
        self.paragraph_ranges: list[tuple[int, int]] = []

    def load(self, document_id: int, text: str, linked: list[LinkedSpan], catalog: LabelCatalog) -> None:
        self.document_id, self.text, self.linked = document_id, text, linked
        self.keys_by_span = {s.span_id: s.key for s in linked}
        spans = SpanIndex(
            SpanRecord(s.span_id, document_id, "", "entity", s.label, s.start, s.end, {}, "", 0) for s in linked
        )

        def color(span: SpanRecord) -> QColor:
            return QColor(catalog.style(span.layer, span.label).color)

        def describe(span: SpanRecord) -> str:
            return f"{catalog.style(span.layer, span.label).name} → {self.keys_by_span.get(span.id, '')}"

        self.view.show_document(text, Utf16Offsets(text), spans, color, describe)
        self.paragraph_ranges = paragraphs(text)
        self.paragraph_keys = [{s.key for s in linked if a <= s.start < b + 1} for a, b in self.paragraph_ranges]

    def keys_at(self, start: int, end: int) -> set[str]:
        """The entities of the linked mentions overlapping ``start``-``end`` (or holding ``start``)."""
        return {s.key for s in self.linked if s.start < max(end, start + 1) and start < s.end}

    def ranges_of(self, keys: set[str]) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.linked if s.key in keys]

    def top_paragraph(self) -> int:
        """The paragraph at the top of the view."""
        first, _ = self.view.visible_positions()
        offset = self.view.to_offset(first)
        for number, (_start, b) in enumerate(self.paragraph_ranges):
            if offset <= b:
                return number
        return max(0, len(self.paragraph_ranges) - 1)

    def scroll_to_paragraph(self, number: int) -> None:
        start = self.paragraph_ranges[number][0]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.to_position(start))
        rect = self.view.document().documentLayout().blockBoundingRect(cursor.block())
        self.view.verticalScrollBar().setValue(int(rect.top()))


class ParallelView(QWidget):
    """Two documents side by side, mentions of the same entity outlined in both."""

    highlighted = Signal(object)  # set[str]: the entities whose mentions are outlined

    def __init__(
        self,
        stories: StoryService,
        catalog: LabelCatalog,
        left: int | None = None,
        right: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ParallelView")
        self.setWindowTitle(self.tr("Side by side — Curator"))
        self.stories = stories
        self.catalog = catalog
        self.keys: set[str] = set()
        self._aligning = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.related_button = QPushButton(self.tr("Documents sharing ≥{0} linked entities").format(SHARED_AT_LEAST))
        self.related_button.clicked.connect(self.offer_related)
        self.group_button = QPushButton(self.tr("Group as one story…"))
        self.group_button.clicked.connect(self.ask_story)
        self.story_label = QLabel()
        bar.addWidget(self.related_button)
        bar.addWidget(self.group_button)
        bar.addWidget(self.story_label, 1)
        layout.addLayout(bar)
        self.left, self.right = ParallelSide(), ParallelSide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left)
        splitter.addWidget(self.right)
        layout.addWidget(splitter, 1)
        documents = stories.documents()
        for side in (self.left, self.right):
            for d in documents:
                side.combo.addItem(f"{d.ext_id} — {d.title} [{d.language}]", d.document_id)
        for side, other in ((self.left, self.right), (self.right, self.left)):
            side.combo.activated.connect(lambda _i, s=side: self._chosen(s))
            side.view.span_clicked.connect(lambda span, s=side: self.highlight(s.keys_at(span.start, span.end)))
            side.view.selection_finished.connect(lambda s=side: self._selected(s))
            side.view.verticalScrollBar().valueChanged.connect(lambda _v, s=side, o=other: self.align(s, o))
        if documents:
            self.open_pair(left if left is not None else documents[0].document_id, right)
        self.resize(1500, 900)

    # -- documents --------------------------------------------------------------------------------

    def open_pair(self, left: int, right: int | None = None) -> None:
        """Show ``left`` and ``right`` (by default: the document sharing most entities, else the next)."""
        if right is None:
            related = self.stories.same_story(left) or self.stories.sharing_entities(left)
            right = related[0].document_id if related else None
        if right is None:
            ids = [self.right.combo.itemData(i) for i in range(self.right.combo.count())]
            right = next((i for i in ids if i != left), left)
        self._load(self.left, left)
        self._load(self.right, right)

    def _load(self, side: ParallelSide, document_id: int) -> None:
        document = self.stories.document(document_id)
        if document is None:
            return
        side.combo.setCurrentIndex(side.combo.findData(document_id))
        side.load(document_id, document.text, self.stories.linked_spans(document_id), self.catalog)
        self.highlight(set())
        self._show_story()

    def _chosen(self, side: ParallelSide) -> None:
        self._load(side, int(side.combo.currentData()))

    def offer_related(self) -> list[int]:
        """Put the document sharing the most linked entities with the left one on the right; the ids
        of all that share at least :data:`SHARED_AT_LEAST` (listed in the bar)."""
        if self.left.document_id is None:
            return []
        related = self.stories.sharing_entities(self.left.document_id)
        if not related:
            message = self.tr("No document shares {0} linked entities with this one")
            self.story_label.setText(message.format(SHARED_AT_LEAST))
            return []
        self._load(self.right, related[0].document_id)
        self.story_label.setText(
            self.tr("Sharing entities: {0}").format(", ".join(f"{d.ext_id} ({len(d.shared)})" for d in related))
        )
        return [d.document_id for d in related]

    def ask_story(self) -> None:
        current = self.stories.story_of(self.left.document_id or 0) or ""
        title, prompt = self.tr("Group as one story"), self.tr("Name of the story:")
        name, ok = QInputDialog.getText(self, title, prompt, text=current)
        if ok:
            self.group(name)

    def group(self, story: str) -> None:
        """Put the two documents shown in the story ``story`` (blank: in none)."""
        ids = [i for i in (self.left.document_id, self.right.document_id) if i is not None]
        self.stories.set_story(ids, story)
        self._show_story()

    def _show_story(self) -> None:
        if self.left.document_id is None:
            return
        story = self.stories.story_of(self.left.document_id)
        if story:
            self.story_label.setText(self.tr("Story: {0}").format(story))

    # -- highlights and alignment -----------------------------------------------------------------

    def _selected(self, side: ParallelSide) -> None:
        selection = side.view.selection_offsets()
        if selection is not None:
            self.highlight(side.keys_at(*selection))

    def highlight(self, keys: set[str]) -> None:
        """Outline the mentions of ``keys`` in both documents."""
        self.keys = set(keys)
        for side in (self.left, self.right):
            side.view.set_hits(side.ranges_of(self.keys))
        self.highlighted.emit(self.keys)

    def align(self, moved: ParallelSide, other: ParallelSide) -> None:
        """Scroll ``other`` to the paragraph sharing the most entities with ``moved``'s top one (none
        shared: left where it is)."""
        if self._aligning or not moved.paragraph_keys or not other.paragraph_keys:
            return
        keys = moved.paragraph_keys[moved.top_paragraph()]
        if not keys:
            return
        shared = [len(keys & theirs) for theirs in other.paragraph_keys]
        best = max(range(len(shared)), key=lambda n: shared[n])
        if shared[best] == 0:
            return
        self._aligning = True
        try:
            other.scroll_to_paragraph(best)
        finally:
            self._aligning = False
