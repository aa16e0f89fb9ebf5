"""The reading and selecting surface: a read-only ``QTextEdit`` over the stored text, spans painted on top.

Why a ``QTextEdit``: it lays out each paragraph in its own direction and right-aligns the Arabic ones
(``QPlainTextEdit`` resolves the direction but leaves them flush left). The text it holds is the
stored text, in logical order, never reshaped; Qt shapes and orders it. Positions Qt reports are
UTF-16 units and go through :class:`~curator.text.utf16.Utf16Offsets`, never ``len()`` of a Qt
string, and no offset is ever computed from text read back from the widget.

Spans are painted as overlays on every paint (:mod:`.span_painting`), never as character formats,
and only those near the visible part, so a document with 10,000 spans costs what its visible lines
cost. Nested and overlapping spans get separate lanes, and a click cycles through the spans under
the mouse.

(Over 500 lines: the layout geometry, hit testing and UTF-16 conversion of the one text widget belong
together; painting is in :mod:`.span_painting`.)
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QTextEdit, QToolTip, QWidget

from curator.store.queries import SpanRecord
from curator.store.span_index import SpanIndex, lanes
from curator.suggest.open_places import Splice, merged, splice
from curator.text.utf16 import Utf16Offsets

from .span_painting import PaintedSpan, Scene, paint_over_text, paint_under_text


class Ghost(NamedTuple):
    """A suggestion as the view draws it: where (code points), in which colour, and its tooltip. A
    named tuple: a long document may hold hundreds of thousands, made again at every refresh."""

    start: int
    end: int
    color: QColor
    tip: str


# Shown instead of invisible characters when the curator asks to see them. Each stand-in is one
# BMP character for one BMP character, so UTF-16 positions (and every offset) stay the same.
INVISIBLE_STAND_INS = {
    "\u200b": "¦",  # zero width space
    "\u200c": "↮",  # zero width non-joiner
    "\u200d": "↔",  # zero width joiner
    "\u200e": "→",  # left-to-right mark
    "\u200f": "←",  # right-to-left mark
    "\u061c": "↢",  # Arabic letter mark
    "\u202a": "⇉",  # left-to-right embedding
    "\u202b": "⇇",  # right-to-left embedding
    "\u202c": "⇤",  # pop directional formatting
    "\u202d": "⇛",  # left-to-right override
    "\u202e": "⇚",  # right-to-left override
    "\u2066": "⇢",  # left-to-right isolate
    "\u2067": "⇠",  # right-to-left isolate
    "\u2068": "⇋",  # first strong isolate
    "\u2069": "↧",  # pop directional isolate
    "\u2060": "‿",  # word joiner
    "\ufeff": "⌀",  # zero width no-break space (BOM)
    "\u00ad": "‐",  # soft hyphen
    "\u00a0": "⍽",  # no-break space
    "\u202f": "⍽",  # narrow no-break space (French before ; : ! ?)
    "\u2028": "↵",  # line separator
}
_INVISIBLE = re.compile("[" + "".join(INVISIBLE_STAND_INS) + "]")
LINE_HEIGHT_PERCENT = 150  # room below each line for the lane bars of nested spans


def display_text(text: str, show_invisible: bool) -> str:
    """What the widget holds for ``text``: the same characters, except that Qt would drop a leading
    BOM (so it becomes a word joiner) and, on request, invisible characters become visible symbols."""
    if show_invisible:
        text = _INVISIBLE.sub(lambda m: INVISIBLE_STAND_INS[m.group()], text)
    elif text.startswith("\ufeff"):
        text = "\u2060" + text[1:]
    return text


class DisplayMismatch(RuntimeError):
    """The widget's document does not have the stored text's length: offsets would be wrong."""


class TextView(QTextEdit):
    """Shows one document and its spans; turns mouse and keyboard selections into code-point offsets."""

    selection_finished = Signal()  # the curator released the mouse after selecting
    span_clicked = Signal(object)  # SpanRecord: a click (not a drag) on a span
    empty_clicked = Signal()
    span_picked = Signal(object)  # SpanRecord chosen in pick mode (relation gesture)
    ghost_clicked = Signal(int)  # index of the suggestion clicked (where no span is)
    pick_cancelled = Signal()
    pick_changed = Signal(bool)  # pick mode turned on (True) or off (False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self._text = ""
        self._offsets = Utf16Offsets("")
        self._spans = SpanIndex()
        self._color: Callable[[SpanRecord], QColor] = lambda span: QColor("#888888")
        self._describe: Callable[[SpanRecord], str] = lambda span: span.label
        self._current_id: int | None = None
        self._related_ids: set[int] = set()
        self._hits: list[tuple[int, int]] = []
        self._current_hit = -1
        self._ghosts: list[Ghost] = []
        self._ghost_starts: list[int] = []
        self._longest_ghost = 0
        self._painting: tuple[int, int] | None = None  # the scroll position, while a scene is made
        self._current_ghost = -1
        self._candidates: list[tuple[int, int]] = []  # spans a keyboard pick may choose (code points)
        self._current_candidate = -1
        self._invisible_at: list[int] = []
        self.show_invisible = False
        self.exact_mode = False  # toggle: selections are kept character-exact
        self._exact_selection = False  # the selection at hand was made character-exact (Alt held)
        self.selected_by_word = False  # the selection at hand was made by a double-click (Qt's words)
        self._press: QPoint | None = None
        self._press_alt = False
        self._pick: Callable[[SpanRecord], bool] | None = None
        self._last_click: tuple[int, int] | None = None  # (offset, index among spans there) for cycling
        self.selectionChanged.connect(self._on_selection_changed)
        self._mouse_down = False
        self._stretches: dict[tuple[int, int, int], list[tuple[float, float, float, float]]] = {}
        self._geometry_key: tuple[int, str, int] | None = None
        self._document_generation = 0  # a new QTextDocument: measured stretches no longer apply

    # -- content ----------------------------------------------------------------------------------

    def show_document(
        self,
        text: str,
        offsets: Utf16Offsets,
        spans: SpanIndex,
        color: Callable[[SpanRecord], QColor],
        describe: Callable[[SpanRecord], str],
    ) -> None:
        """Show ``text`` (the stored text) with ``spans``; ``color`` and ``describe`` style each span."""
        self._text, self._offsets, self._spans = text, offsets, spans
        self._color, self._describe = color, describe
        self._current_id, self._related_ids = None, set()
        self._hits, self._current_hit, self._last_click = [], -1, None
        self._ghosts, self._ghost_starts, self._current_ghost = [], [], -1
        self._candidates, self._current_candidate = [], -1
        self._load_text()

    def set_spans(self, spans: SpanIndex) -> None:
        self._spans = spans
        self.viewport().update()

    def _load_text(self) -> None:
        # Built in a fresh document whose first block carries the line height: blocks made while
        # inserting inherit it, which costs nothing, whereas formatting a laid-out 1 MB document
        # afterwards takes most of a second.
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setUndoRedoEnabled(False)
        cursor = QTextCursor(document)
        block_format = QTextBlockFormat()
        block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(block_format)
        cursor.insertText(display_text(self._text, self.show_invisible))
        option = document.defaultTextOption()
        flags = QTextOption.Flag(0)
        if self.show_invisible:
            flags = QTextOption.Flag.ShowTabsAndSpaces | QTextOption.Flag.ShowLineAndParagraphSeparators
        option.setFlags(flags)
        document.setDefaultTextOption(option)
        # Chosen, not inherited: arrows move in the stored (logical) order, ← forward in an Arabic
        # paragraph and → forward in a French one, so Ctrl+Shift+arrows always extend a selection by
        # whole stored words and a Latin name inside Arabic is crossed in reading order.
        document.setDefaultCursorMoveStyle(Qt.CursorMoveStyle.LogicalMoveStyle)
        # The previous document is a child of this view, so setDocument deletes it.
        self.setDocument(document)
        self._document_generation += 1
        if document.characterCount() - 1 != self._offsets.utf16_length:
            raise DisplayMismatch(
                f"the view holds {document.characterCount() - 1} UTF-16 units, the text {self._offsets.utf16_length}"
            )
        self._invisible_at = [m.start() for m in _INVISIBLE.finditer(self._text)] if self.show_invisible else []
        self.viewport().update()

    def set_show_invisible(self, show: bool) -> None:
        if show != self.show_invisible:
            self.show_invisible = show
            scroll = self.verticalScrollBar().value()
            self._load_text()
            self.verticalScrollBar().setValue(scroll)

    def set_text_font(self, font: QFont) -> None:
        self.setFont(font)
        self.document().setDefaultFont(font)

    def set_current_span(self, span: SpanRecord | None, related: Iterable[int] = ()) -> None:
        previous, previous_related = self._spans.get(self._current_id) if self._current_id else None, self._related_ids
        had_previous = self._current_id is not None
        self._current_id = span.id if span else None
        self._related_ids = set(related)
        if self._related_ids or previous_related or (had_previous and previous is None):
            self.viewport().update()  # relation arcs cross the view: everything is repainted
            return
        # Only the outlines of the previous and the new current span change.
        self.spans_changed(*[(s.start, s.end) for s in (previous, span) if s is not None])

    def set_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        """Find results (code-point ranges) to outline; ``current`` is drawn stronger."""
        self._hits, self._current_hit = hits, current
        self.viewport().update()

    def set_ghosts(self, ghosts: list[Ghost], current: int = -1) -> None:
        """Suggestions (in text order) to draw as ghosts; ``current`` is the one at hand."""
        self._ghosts, self._current_ghost = ghosts, current
        self._ghost_starts = [ghost.start for ghost in ghosts]  # found by bisection at every paint
        self._longest_ghost = max((ghost.end - ghost.start for ghost in ghosts), default=0)
        self.viewport().update()

    def splice_ghosts(self, splices: Sequence[Splice[Ghost]], starts: list[int], current: int = -1) -> None:
        """Change some ghosts (:func:`curator.suggest.open_places.splice`); ``starts`` is where each
        ghost starts afterwards. Only the paragraphs of the ghosts that went or came are repainted,
        and those of the one at hand before and after."""
        changed = [(ghost.start, ghost.end) for s in splices for ghost in (*self._ghosts[s.start : s.stop], *s.fresh)]
        changed += [(g.start, g.end) for g in (self.ghost(self._current_ghost),) if g is not None]
        self._ghosts, self._ghost_starts, self._current_ghost = splice(self._ghosts, splices), starts, current
        self._longest_ghost = max([self._longest_ghost, *(g.end - g.start for s in splices for g in s.fresh)])
        changed += [(g.start, g.end) for g in (self.ghost(current),) if g is not None]
        if changed:
            self.spans_changed(*merged(changed))

    def set_current_ghost(self, index: int) -> None:
        """Make ghost ``index`` the one at hand (-1: none): the paragraphs of the two are repainted."""
        changed = [(g.start, g.end) for g in (self.ghost(self._current_ghost), self.ghost(index)) if g is not None]
        self._current_ghost = index
        if changed:
            self.spans_changed(*changed)

    def ghost(self, index: int) -> Ghost | None:
        return self._ghosts[index] if 0 <= index < len(self._ghosts) else None

    def set_candidates(self, ranges: list[tuple[int, int]], current: int = -1) -> None:
        """The spans a keyboard pick steps through (code-point ranges), outlined over the text;
        ``current`` is the one Enter would choose."""
        self._candidates, self._current_candidate = ranges, current
        self.viewport().update()

    def spans_changed(self, *ranges: tuple[int, int]) -> None:
        """Spans were added, removed or changed: repaint where (code-point ranges), or everything.

        Only the paragraphs holding a changed span are repainted (with the bars below their lines),
        so adding a span to a long document costs what its lines cost, not a whole screen.
        """
        if not ranges:
            self.viewport().update()
            return
        if not self._text:
            return
        visible = self.visible_positions()  # once: an accept may change ghosts all over a long text
        end16 = self._offsets.utf16_length  # (past the last block is one past the text)
        first, last = self.to_offset(min(visible[0], end16)), self.to_offset(min(visible[1], end16), round_up=True)
        for start, end in ranges:
            if start > last or max(end, start + 1) < first:
                continue  # out of view (the cheap test first: thousands of ranges may come)
            region = self.region_of(start, end, visible)
            if region is not None:
                self.viewport().update(region)

    def region_of(self, start: int, end: int, visible: tuple[int, int] | None = None) -> QRect | None:
        """The viewport rectangle of the paragraphs holding ``[start, end)``, full width (their
        lanes and outlines included), or None when none of it is in view (``visible``: the
        :meth:`visible_positions`, when known)."""
        if not self._text:
            return None
        first16, last16 = visible or self.visible_positions()
        lo, hi = max(self.to_position(start), first16), min(self.to_position(max(end, start + 1)), last16)
        if lo >= hi:
            return None
        document = self.document()
        layout = document.documentLayout()
        top_block, bottom_block = document.findBlock(lo), document.findBlock(max(lo, hi - 1))
        top = layout.blockBoundingRect(top_block).top()
        bottom = layout.blockBoundingRect(bottom_block).bottom()
        scroll = self.verticalScrollBar().value()
        # Margins: outlines reach 2 px outside a line, deep lanes may reach below the paragraph.
        return QRect(0, int(top - scroll) - 4, self.viewport().width(), int(bottom - top) + 4 + 16)

    # -- offsets ----------------------------------------------------------------------------------

    def to_position(self, offset: int) -> int:
        return self._offsets.to_utf16(offset)

    def to_offset(self, position: int, *, round_up: bool = False) -> int:
        offset = self._offsets.to_codepoint(position)
        if round_up and self._offsets.is_inside_pair(position):
            offset += 1
        return offset

    def selection_offsets(self) -> tuple[int, int] | None:
        """The current selection as code-point offsets ``(start, end)``, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.to_offset(cursor.selectionStart())
        end = self.to_offset(cursor.selectionEnd(), round_up=True)
        return (start, end) if start < end else None

    @property
    def selection_is_exact(self) -> bool:
        """True when the selection should be used character-exact (the toggle, or Alt while selecting)."""
        return self.exact_mode or self._exact_selection

    def select_offsets(self, start: int, end: int, *, reveal: bool = True) -> None:
        if reveal:
            self.reveal_offsets(start, end)
        cursor = self.textCursor()
        cursor.setPosition(self.to_position(start))
        cursor.setPosition(self.to_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def reveal_offsets(self, start: int, end: int) -> None:
        """Scroll so ``[start, end)`` is in view, without touching the selection."""
        document = self.document()
        # Lay the document out down to there first: Qt lays out long documents lazily, and the scroll
        # range covers only what is laid out.
        document.documentLayout().blockBoundingRect(document.findBlock(self.to_position(end)))
        cursor = QTextCursor(document)
        cursor.setPosition(self.to_position(start))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            target = bar.value() + rect.top() - self.viewport().height() // 3
            # The view widens its scroll range only when Qt reports the new document size, later.
            bar.setMaximum(max(bar.maximum(), target))
            bar.setValue(target)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def _on_selection_changed(self) -> None:
        if not self._mouse_down:
            # A keyboard selection: snapping applies unless the toggle says otherwise.
            self._exact_selection = False
            self.selected_by_word = False

    # -- geometry ---------------------------------------------------------------------------------

    def visible_positions(self, rows: tuple[int, int] | None = None) -> tuple[int, int]:
        """UTF-16 positions of the first and past-the-last character of the blocks in view (or of
        those crossing ``rows``, a range of viewport y coordinates).

        Found from the blocks' layout positions (a binary search, then a short walk), not with
        ``cursorForPosition``, whose hit test at the bottom of a long document forces its layout.
        """
        document = self.document()
        layout = document.documentLayout()
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        if rows is not None:
            top, bottom = top + max(rows[0], 0), top + min(rows[1], self.viewport().height())

        def block_top(number: int) -> float | None:
            block = document.findBlockByNumber(number)
            if block.layout().lineCount() == 0:
                return None  # not laid out yet: below what has been drawn
            return layout.blockBoundingRect(block).top()

        lo, hi = 0, document.blockCount() - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            y = block_top(mid)
            if y is not None and y <= top:
                lo = mid
            else:
                hi = mid - 1
        first = document.findBlockByNumber(lo)
        last = first
        while last.next().isValid():
            following = last.next()
            y = block_top(following.blockNumber())
            if y is None or y > bottom:
                break
            last = following
        return first.position(), last.position() + last.length()

    def segments(self, start16: int, end16: int, clip: tuple[int, int] | None = None) -> list[QRectF]:
        """Rectangles (viewport coordinates) covering UTF-16 positions ``[start16, end16)``, one per
        visual stretch: a range that mixes directions can be several stretches on one line."""
        lo, hi = (max(start16, clip[0]), min(end16, clip[1])) if clip else (start16, end16)
        rects: list[QRectF] = []
        if lo >= hi:
            return rects
        if self._painting is None:
            self._check_geometry_cache()
            scroll_x, scroll_y = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        else:  # checked once for the whole scene (a long text may show hundreds of ghosts)
            scroll_x, scroll_y = self._painting
        block = self.document().findBlock(lo)
        while block.isValid() and block.position() < hi:
            base = block.position()
            a, b = max(lo, base) - base, min(hi, base + block.length() - 1) - base
            if a < b:
                origin = block.layout().position()
                dx, dy = origin.x() - scroll_x, origin.y() - scroll_y
                for x, y, width, height in self._block_stretches(block, a, b):
                    rects.append(QRectF(x + dx, y + dy, width, height))
            block = block.next()
        return rects

    def _check_geometry_cache(self) -> None:
        # Line breaks, and so every stretch, change with the width and the font; positions relative to
        # a block's layout do not change when the curator scrolls.
        key = (self.viewport().width(), self.document().defaultFont().toString(), self._document_generation)
        if key != self._geometry_key:
            self._geometry_key = key
            self._stretches.clear()

    def _block_stretches(self, block: QTextBlock, a: int, b: int) -> list[tuple[float, float, float, float]]:
        """Stretches (x, y, width, height relative to the block's layout) of positions ``[a, b)`` of
        ``block``, measured once and kept until the layout changes."""
        key = (block.blockNumber(), a, b)
        found = self._stretches.get(key)
        if found is not None:
            return found
        layout = block.layout()
        stretches: list[tuple[float, float, float, float]] = []
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            line_start = line.textStart()
            first, last = max(a, line_start), min(b, line_start + line.textLength())
            if first >= last:
                continue
            top, height = line.y(), line.height()
            # Qt's glyph runs of a character range carry its selection extent per visual run, so a
            # range that mixes directions comes back as its separate stretches. (cursorToX with an
            # edge is not reliable at the boundary of two directions.)
            extents = sorted(
                (run.boundingRect().left(), run.boundingRect().right()) for run in line.glyphRuns(first, last - first)
            )
            if not extents:
                continue
            x_lo, x_hi = extents[0]
            for e_lo, e_hi in extents[1:]:
                if e_lo <= x_hi + 0.5:
                    x_hi = max(x_hi, e_hi)
                else:
                    stretches.append((x_lo, top, x_hi - x_lo, height))
                    x_lo, x_hi = e_lo, e_hi
            stretches.append((x_lo, top, x_hi - x_lo, height))
        if layout.lineCount():  # a block not laid out yet is measured again later
            if len(self._stretches) > 50_000:
                self._stretches.clear()
            self._stretches[key] = stretches
        return stretches

    def char_is_rtl(self, offset: int, block: QTextBlock) -> bool:
        """Whether the stored character at ``offset`` advances leftwards on screen."""
        kind = unicodedata.bidirectional(self._text[offset])
        if kind in ("R", "AL"):
            return True
        if kind in ("L", "EN", "AN"):
            return False
        return block.textDirection() == Qt.LayoutDirection.RightToLeft

    def offset_at(self, point: QPoint) -> int | None:
        """Code-point offset of the character drawn under ``point`` (viewport coordinates), or None.

        Qt gives the nearest cursor position; the character under the mouse is the one after it or
        the one before it, depending on which side of the caret the mouse is and on the direction in
        which each of those characters advances. (Per-character geometry from Qt is not reliable
        inside Arabic ligatures, so the caret is the reference.)
        """
        cursor = self.cursorForPosition(point)
        caret = self.cursorRect(cursor)
        if not caret.top() - 1 <= point.y() <= caret.bottom() + 1:
            return None
        if abs(point.x() - caret.x()) > 2 * caret.height():
            return None  # beside the end of a short line, not over a character
        block = cursor.block()
        position = cursor.position()
        right_of_caret = point.x() >= caret.x()
        candidates = []
        if position < block.position() + block.length() - 1:
            after = self.to_offset(position)
            candidates.append((after, self.char_is_rtl(after, block) != right_of_caret))
        if position > block.position():
            before = self.to_offset(position - 1)
            candidates.append((before, self.char_is_rtl(before, block) == right_of_caret))
        for offset, on_this_side in candidates:
            if on_this_side:
                return offset
        return candidates[0][0] if candidates else None

    def spans_at(self, point: QPoint) -> list[SpanRecord]:
        offset = self.offset_at(point)
        return [] if offset is None else self._spans.at(offset)

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._scene(event.rect())
        if scene is None:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        paint_under_text(painter, scene)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        paint_over_text(painter, scene)
        painter.end()

    def _scene(self, area: QRect) -> Scene | None:
        """What to paint in ``area`` of the viewport: the spans, invisible characters and search hits
        near it, as rectangles (None for an empty document)."""
        if not self._text:
            return None
        self._check_geometry_cache()
        self._painting = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        try:
            return self._scene_in(area)
        finally:
            self._painting = None

    def _scene_in(self, area: QRect) -> Scene:
        first16, last16 = self.visible_positions()
        first, last = self.to_offset(first16), self.to_offset(min(last16, self._offsets.utf16_length), round_up=True)
        visible = self._spans.overlapping(first, last)
        lane_of = lanes(visible)  # from every span in view, so a partial repaint draws the same lanes
        if not area.contains(self.viewport().rect()):
            # A partial repaint (a span added or changed): only the paragraphs it crosses.
            first16, last16 = self.visible_positions((area.top(), area.bottom() + 1))
            first = self.to_offset(first16)
            last = self.to_offset(min(last16, self._offsets.utf16_length), round_up=True)
            visible = [span for span in visible if span.end > first and span.start < last]
        clip = (first16, last16)
        spans = [
            PaintedSpan(
                span,
                self.segments(self.to_position(span.start), self.to_position(span.end), clip),
                QColor(self._color(span)),
                lane_of.get(span.id, 0),
            )
            for span in visible
        ]
        invisible: list[QRectF] = []
        for offset in self._invisible_at[bisect.bisect_left(self._invisible_at, first) :]:
            if offset >= last:
                break
            invisible.extend(self.segments(self.to_position(offset), self.to_position(offset + 1)))
        hits: list[tuple[list[QRectF], bool]] = []
        starts = [start for start, _ in self._hits]
        at = max(0, bisect.bisect_left(starts, first) - 1) if self._hits else 0
        for index in range(at, len(self._hits)):
            start, end = self._hits[index]
            if start >= last:
                break
            hits.append(
                (self.segments(self.to_position(start), self.to_position(end), clip), index == self._current_hit)
            )
        ghosts: list[tuple[list[QRectF], QColor, bool]] = []
        starts = self._ghost_starts
        # From the first ghost that may reach into view (one starting further back than the longest one cannot).
        for index in range(bisect.bisect_left(starts, first - self._longest_ghost), len(self._ghosts)):
            ghost = self._ghosts[index]
            if ghost.start >= last:
                break
            if ghost.end <= first:
                continue
            rects = self.segments(self.to_position(ghost.start), self.to_position(ghost.end), clip)
            ghosts.append((rects, ghost.color, index == self._current_ghost))
        candidates = [
            (self.segments(self.to_position(start), self.to_position(end), clip), index == self._current_candidate)
            for index, (start, end) in enumerate(self._candidates)
            if end > first and start < last
        ]
        return Scene(spans, invisible, hits, self._current_id, frozenset(self._related_ids), ghosts, candidates)

    # -- mouse and keyboard -----------------------------------------------------------------------

    def set_pick_mode(self, accept: Callable[[SpanRecord], bool] | None) -> None:
        """While set, a click picks the innermost span under the mouse that ``accept`` allows."""
        was_picking = self._pick is not None
        self._pick = accept
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if accept else Qt.CursorShape.IBeamCursor)
        if was_picking or accept is not None:
            self.pick_changed.emit(accept is not None)

    def pick_accepts(self, span: SpanRecord) -> bool:
        """Whether the pick at hand may choose ``span`` (False when not picking)."""
        return self._pick is not None and self._pick(span)

    def shown_spans(self) -> SpanIndex:
        """The spans the view shows (those of the open document)."""
        return self._spans

    @property
    def picking(self) -> bool:
        return self._pick is not None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._pick is not None and event.button() == Qt.MouseButton.LeftButton:
            candidates = [s for s in self.spans_at(event.position().toPoint()) if self._pick(s)]
            if candidates:
                self.span_picked.emit(candidates[0])
            event.accept()
            return
        self._press = event.position().toPoint()
        self._press_alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._mouse_down = True
        self.selected_by_word = False
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Qt selects its own notion of a word (clitics included); the release then reports it as a
        # selection made by word, which the selection rules take apart as a drag would.
        if self._pick is not None:
            event.accept()
            return
        self._mouse_down = True
        self.selected_by_word = event.button() == Qt.MouseButton.LeftButton
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pick is not None:
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._mouse_down = False
        point = event.position().toPoint()
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            alt = self._press_alt or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self._exact_selection = alt
            self.selection_finished.emit()
            return
        if press is not None and (press - point).manhattanLength() <= QApplication.startDragDistance():
            self._click(point)

    def _click(self, point: QPoint) -> None:
        offset = self.offset_at(point)
        spans = self._spans.at(offset) if offset is not None else []
        if offset is None or not spans:
            self._last_click = None
            ghost = self.ghost_at(offset) if offset is not None else None
            if ghost is not None:
                self.ghost_clicked.emit(ghost)
                return
            self.empty_clicked.emit()
            return
        # Clicking again at the same place goes to the next span there (outer, overlapping ones).
        index = 0
        if self._last_click and self._last_click[0] == offset and self._current_id in {s.id for s in spans}:
            index = (self._last_click[1] + 1) % len(spans)
        self._last_click = (offset, index)
        self.span_clicked.emit(spans[index])

    def ghost_at(self, offset: int) -> int | None:
        """The index of the (first) suggestion covering ``offset``, if any."""
        return next((i for i, g in enumerate(self._ghosts) if g.start <= offset < g.end), None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._pick is not None and event.key() == Qt.Key.Key_Escape:
            self.pick_cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._tooltip(event.pos(), event.globalPos())
            return True
        return super().viewportEvent(event)

    def _tooltip(self, point: QPoint, global_point: QPoint) -> None:
        offset = self.offset_at(point)
        lines = []
        if offset is not None:
            lines = [self._describe(span) for span in self._spans.at(offset)]
            lines += [g.tip for g in self._ghosts if g.start <= offset < g.end]
            ch = self._text[offset]
            if ch in INVISIBLE_STAND_INS or (unicodedata.category(ch) in ("Cf", "Zs") and ch != " "):
                lines.append(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character').lower()}")
        if lines:
            QToolTip.showText(global_point, "\n".join(lines), self.viewport())
        else:
            QToolTip.hideText()
