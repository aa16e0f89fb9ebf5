"""Relating a claim to its claimant from the keyboard: while the text view picks (after R on a selected
claim), Tab / Shift+Tab and the arrows step through the spans the pick accepts, Enter chooses the one
at hand, Esc cancels.

The candidates are outlined over the text (an overlay, never a character format), the one at hand
outlined solid. Enter chooses it through the view's ``span_picked``, exactly as a click on it does, so
the relation is the same undoable edit whichever way it was made. The first candidate at hand is the
nearest one to the claim (the claimant usually stands just before its claim: "قال خالد خياري إن …").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from curator.store.queries import SpanRecord
from curator.text.invisible import one_line

from .open_document import OpenDocument
from .text_view import TextView

_NEXT = (Qt.Key.Key_Tab, Qt.Key.Key_Down)
_PREVIOUS = (Qt.Key.Key_Backtab, Qt.Key.Key_Up)
_SIDEWAYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
_CHOOSE = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_KEYS = (*_NEXT, *_PREVIOUS, *_SIDEWAYS, *_CHOOSE)


class RelateKeys(QObject):
    """The keyboard half of the view's pick mode: the candidates, the one at hand, the keys."""

    hint = Signal(str)  # a line for the status bar: the candidate at hand

    def __init__(self, view: TextView, doc: OpenDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.doc = doc
        self.candidates: list[SpanRecord] = []
        self.index = -1
        view.pick_changed.connect(self._pick_changed)
        # A span added or removed meanwhile (a colleague's edit, an undo) changes the candidates.
        doc.span_added.connect(self._spans_moved)
        doc.span_removed.connect(self._spans_moved)
        view.installEventFilter(self)

    @property
    def at_hand(self) -> SpanRecord | None:
        """The candidate Enter would choose."""
        return self.candidates[self.index] if 0 <= self.index < len(self.candidates) else None

    def _pick_changed(self, picking: bool) -> None:
        if not picking:
            self.candidates, self.index = [], -1
            self.view.set_candidates([])
            return
        self.candidates = self._accepted()
        source = self.doc.current_span
        self.index = self._nearest(source) if source is not None and self.candidates else (0 if self.candidates else -1)
        self._show(announce=False)

    def _accepted(self) -> list[SpanRecord]:
        """The spans the pick at hand accepts, in text order."""
        found = [span for span in self.view.shown_spans() if self.view.pick_accepts(span)]
        return sorted(found, key=lambda span: (span.start, span.end, span.id))

    def _spans_moved(self, _span: SpanRecord) -> None:
        if not self.view.picking:
            return
        kept = self.at_hand
        self.candidates = self._accepted()
        ids = [span.id for span in self.candidates]
        self.index = ids.index(kept.id) if kept is not None and kept.id in ids else (0 if ids else -1)
        self.view.set_candidates([(span.start, span.end) for span in self.candidates], self.index)

    def _nearest(self, source: SpanRecord) -> int:
        def distance(span: SpanRecord) -> int:
            if span.end <= source.start:
                return source.start - span.end
            if span.start >= source.end:
                return span.start - source.end
            return 0  # inside or across the claim

        return min(range(len(self.candidates)), key=lambda i: (distance(self.candidates[i]), i))

    def step(self, forward: bool) -> None:
        """Make the next (or previous) candidate in text order the one at hand (round the end)."""
        if not self.candidates:
            self.hint.emit(self.tr("Nothing in this document can be linked to from here — Esc cancels"))
            return
        self.index = (self.index + (1 if forward else -1)) % len(self.candidates)
        self._show(announce=True)

    def choose(self) -> None:
        """Link to the candidate at hand, as a click on it would."""
        span = self.at_hand
        if span is None:
            self.hint.emit(self.tr("Nothing in this document can be linked to from here — Esc cancels"))
            return
        self.view.span_picked.emit(span)

    def _show(self, *, announce: bool) -> None:
        self.view.set_candidates([(span.start, span.end) for span in self.candidates], self.index)
        span = self.at_hand
        if span is None:
            return
        self.view.reveal_offsets(span.start, span.end)
        if announce:
            self.hint.emit(
                self.tr("{0} of {1}: {2} «{3}» — Enter links, Tab goes on, Esc cancels").format(
                    self.index + 1, len(self.candidates), span.label, one_line(self.doc.span_text(span))
                )
            )

    def _forward(self, key: int) -> bool:
        """Whether ``key`` steps forward: Tab and Down, and the arrow that points along the reading
        direction of the candidate's paragraph (← in Arabic, → in French, as the cursor moves)."""
        if key in _NEXT:
            return True
        if key in _PREVIOUS:
            return False
        span = self.at_hand
        rtl = False
        if span is not None:
            block = self.view.document().findBlock(self.view.to_position(span.start))
            rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
        return (key == Qt.Key.Key_Left) == rtl

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.view or not self.view.picking or not isinstance(event, QKeyEvent):
            return False
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if event.key() not in _KEYS or not plain:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            # Picking, these keys are the pick's: no window shortcut (Enter accepting a suggestion)
            # takes them first.
            event.accept()
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() in _CHOOSE:
            self.choose()
        else:
            self.step(self._forward(event.key()))
        return True
