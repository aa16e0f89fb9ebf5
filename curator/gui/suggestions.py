"""Suggestions in the window: ghosts over the text, stepped through and decided from the keyboard.

The controller keeps the open document's suggestions (:class:`curator.suggest.engine.Suggester`) and
which one is at hand. Accepting is the workspace's ordinary ``add_span`` (one undo, in the history,
seen live by colleagues); accepting several is one ``add_spans`` step; rejecting is a
:class:`RejectSuggestion` command, so it is undone like any edit. The annotator's own edits update
the label shares at once (``note_span``), so the ghosts are right after every keystroke.
"""

from __future__ import annotations

import gc
from bisect import bisect_left

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QColor

from curator.errors import EditRefused
from curator.store.queries import SpanRecord
from curator.suggest import decisions
from curator.suggest.engine import Suggester, collector_paused
from curator.suggest.model import Suggestion
from curator.suggest.open_places import Splice
from curator.text.invisible import one_line

from .commands import EditCommand, EditHost
from .label_catalog import LabelCatalog
from .open_document import FIRST_STRETCH
from .text_view import Ghost, TextView
from .workspace import Workspace

_MANY = 20_000  # suggestions in one document from which the cycle collector is told to leave them alone
# The collector's pace while such a document is open: a young pass every 20,000 new objects, not 700.
# Each edit there makes lists of 200,000 items (the suggestions, their starts, the ghosts), and each
# pass walked them again: 26 ms of an edit's 74 (median) in the benchmark's long document, 7 ms after.
MANY_PACE = (20_000, 50, 100)
_python_pace: tuple[int, int, int] | None = None


def collector_pace(*, many: bool) -> None:
    """The cycle collector at :data:`MANY_PACE` (``many``) or at the pace it had before."""
    global _python_pace
    if many and _python_pace is None:
        _python_pace = gc.get_threshold()
        gc.set_threshold(*MANY_PACE)
    elif not many and _python_pace is not None:
        gc.set_threshold(*_python_pace)
        _python_pace = None


class RejectSuggestion(EditCommand):
    """Reject a suggestion for this annotator; undo offers it again."""

    def __init__(self, workspace: EditHost, suggestion: Suggestion, done: SuggestionController) -> None:
        super().__init__(
            workspace,
            suggestion.document_id,
            QCoreApplication.translate("EditCommand", "reject {0} “{1}”").format(
                suggestion.label, one_line(suggestion.text)
            ),
        )
        self.suggestion = suggestion
        self.rejection: decisions.Rejection | None = None
        self.done = done

    def do(self) -> None:
        self.rejection = decisions.reject(self.done.workspace.db, self.workspace.editor.annotator, self.suggestion)
        self.done.update_near([(self.suggestion.start, self.suggestion.end)])

    def undo_edit(self) -> None:
        assert self.rejection is not None
        decisions.unreject(self.done.workspace.db, self.rejection)
        self.done.update_near([(self.suggestion.start, self.suggestion.end)], focus=self.suggestion)


class SuggestionController(QObject):
    """The open document's suggestions for the workspace's annotator, drawn on ``view``."""

    changed = Signal()  # the list or the one at hand changed (the panel refreshes)
    spliced = Signal(object)  # before ``changed``: the list changed by these splices only (list[Splice])
    hint = Signal(str)

    def __init__(self, workspace: Workspace, view: TextView, catalog: LabelCatalog) -> None:
        super().__init__(view)
        self.workspace = workspace
        self.view = view
        self.catalog = catalog
        self.enabled = True
        self.suggestions: list[Suggestion] = []
        self._starts: list[int] = []  # where each suggestion starts (found by bisection)
        self.current = -1
        self._suggester: Suggester | None = None
        doc = workspace.doc
        doc.loaded.connect(self._loaded)
        doc.spans_extended.connect(self._spans_extended)
        self._pending: QTimer | None = None  # a long document's suggestions, made after its first paint
        doc.span_added.connect(lambda span: self._noted(span, 1))
        doc.span_removed.connect(lambda span: self._noted(span, -1))
        doc.span_changed.connect(self._span_changed)
        doc.current_span_changed.connect(self._current_span_changed)
        workspace.annotator_changed.connect(lambda _name: self.reload())
        view.ghost_clicked.connect(self.focus_index)

    # -- what is offered ----------------------------------------------------------------------------

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None or self._suggester.annotator != self.workspace.annotator:
            self._suggester = Suggester(self.workspace.db, self.workspace.annotator)
        return self._suggester

    def _loaded(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        doc = self.workspace.doc
        if len(doc.text) <= FIRST_STRETCH or not self.enabled:
            self.refresh()
            return
        # A long text is shown first, as its spans are (OpenDocument): its suggestions, hundreds of
        # thousands maybe, come right after the first paint.
        self.suggestions, self._starts, self.current = [], [], -1
        self._show()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._made_late)
        if doc.complete:
            self._pending.start(0)
        # else after the rest of the spans (OpenDocument.spans_extended): they are quicker to come

    def _spans_extended(self) -> None:
        if self._pending is not None and not self._pending.isActive():
            self._pending.start(0)

    def _made_late(self) -> None:
        self._pending = None
        self.refresh()

    def reload(self) -> None:
        """Read what suggestions learn from again (a colleague's gold, a new gazetteer or model)."""
        self._suggester = None
        self.refresh()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.refresh()

    def refresh(self, focus: Suggestion | None = None) -> None:
        """Work out the open document's suggestions again and redraw them; keep the one at hand (or
        ``focus``) at hand while it is still offered."""
        if self._pending is not None:  # made now: not again after the first paint
            self._pending.stop()
            self._pending = None
        doc = self.workspace.doc
        previous = focus or (self.suggestions[self.current] if 0 <= self.current < len(self.suggestions) else None)
        # The collector paused: a long document's hundreds of thousands of suggestions, ghosts and rows
        # (none in a cycle) would otherwise be walked again and again as they are made.
        with collector_paused():
            if doc.id is None or not self.enabled:
                self.suggestions = []
            else:
                self.suggestions = self.suggester.for_document(doc.id, doc.text)
            self._starts = [s.start for s in self.suggestions]
            self.current = -1
            if previous is not None and previous.document_id == doc.id:
                self.current = self._index_of(previous, self._starts)
            self._show()
        many = len(self.suggestions) >= _MANY
        if many:
            # What is alive now (the document's suggestions, ghosts, rows: no cycles among them) is left
            # out of the collector's full passes, which would otherwise walk it again and again while
            # the annotator edits (150 ms each with a long document's 200,000 suggestions). Collected
            # once first, so that no garbage is frozen with it.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        collector_pace(many=many)

    def update_near(self, near: list[tuple[int, int]], focus: Suggestion | None = None) -> None:
        """The annotator's spans or rejections changed in ``near``: bring the suggestions up to date
        there (and where the names whose scores changed occur), redrawing only what changed; worked
        out whole when the names changed (:meth:`Suggester.update`)."""
        doc = self.workspace.doc
        if doc.id is None or not self.enabled or self._suggester is None:
            self.refresh(focus)
            return
        previous = focus or self.at_hand()
        with collector_paused():
            update = self._suggester.update(doc.id, doc.text, near)
            if update is None:
                self.refresh(focus)
                return
            if not update.splices and focus is None:
                return
            self.suggestions, self._starts = update.suggestions, update.starts
            self.current = -1 if previous is None else self._index_of(previous, update.starts)
            styles = _Styles(self)
            ghosts = [Splice(s.start, s.stop, [styles.ghost(f) for f in s.fresh]) for s in update.splices]
            self.view.splice_ghosts(ghosts, update.starts, self.current)
            self.spliced.emit(update.splices)
            self.changed.emit()

    def _index_of(self, wanted: Suggestion, starts: list[int]) -> int:
        """Where the suggestion at ``wanted``'s place is now (-1: gone)."""
        at = bisect_left(starts, wanted.start)
        while at < len(starts) and starts[at] == wanted.start:
            if self.suggestions[at].place == wanted.place:
                return at
            at += 1
        return -1

    def _show(self) -> None:
        # Colours and tooltips made once per label and (label, score, source): a long document may
        # hold hundreds of thousands of suggestions of a few labels.
        styles = _Styles(self)
        self.view.set_ghosts([styles.ghost(s) for s in self.suggestions], self.current)
        self.changed.emit()

    def _color(self, s: Suggestion) -> QColor:
        return self.catalog.color(s.layer, s.label)

    def _tip(self, s: Suggestion) -> str:
        score = "" if s.score is None else f" {s.score:.2f}"
        return self.tr("Suggested: {0} ({1}){2} — {3}").format(
            self.catalog.name(s.layer, s.label), s.label, score, s.source
        )

    def at_hand(self) -> Suggestion | None:
        return self.suggestions[self.current] if 0 <= self.current < len(self.suggestions) else None

    # -- the annotator's edits teach ----------------------------------------------------------------

    def _note(self, span: SpanRecord, n: int) -> None:
        if self._suggester is not None:
            text = self.workspace.doc.text
            before = text[max(0, span.start - 2) : span.start]
            self._suggester.note_span(span.layer, span.label, text[span.start : span.end], n, before)

    def _noted(self, span: SpanRecord, n: int) -> None:
        self._note(span, n)
        self.update_near([(span.start, span.end)])

    def _span_changed(self, before: SpanRecord, after: SpanRecord) -> None:
        self._note(before, -1)
        self._note(after, 1)
        self.update_near([(before.start, before.end), (after.start, after.end)])

    def _current_span_changed(self, span: SpanRecord | None) -> None:
        if span is not None and self.current != -1:
            self._set_current(-1)  # a span at hand, or a suggestion: never both (the keys would be ambiguous)

    # -- stepping and deciding ----------------------------------------------------------------------

    def focus_index(self, index: int) -> None:
        if not 0 <= index < len(self.suggestions):
            return
        s = self.suggestions[index]
        self.workspace.doc.set_current_span(None)
        self.view.clear_selection()
        self.view.reveal_offsets(s.start, s.end)
        self._set_current(index)
        self.hint.emit(self._tip(s) + "  " + self.tr("(Enter accepts, X rejects, a label key accepts as that label)"))

    def step(self, forward: bool) -> None:
        """Make the next (previous) suggestion the one at hand, from the one at hand or the start."""
        if not self.suggestions:
            self.hint.emit(self.tr("No suggestions in this document"))
            return
        if self.current == -1:
            index = 0 if forward else len(self.suggestions) - 1
        else:
            index = (self.current + (1 if forward else -1)) % len(self.suggestions)
        self.focus_index(index)

    def accept(self, layer: str | None = None, label: str | None = None) -> SpanRecord | None:
        """Accept the suggestion at hand (under ``label`` instead, when given): an ordinary span edit."""
        s = self.at_hand()
        if s is None:
            self.hint.emit(self.tr("No suggestion at hand: N steps to the next one"))
            return None
        index = self.current
        span = self.workspace.add_span(layer or s.layer, label or s.label, s.start, s.end)
        if span is not None:
            self._next_from(index, s)
        return span

    def reject(self) -> bool:
        s = self.at_hand()
        if s is None:
            self.hint.emit(self.tr("No suggestion at hand: N steps to the next one"))
            return False
        index = self.current
        self.current = -1
        done = self.workspace.push(RejectSuggestion(self.workspace, s, self))
        if done:
            self._next_from(index, s)
        return done

    def _next_from(self, index: int, decided: Suggestion) -> None:
        """After a decision, the next suggestion at or after where the decided one was is at hand."""
        later = bisect_left(self._starts, decided.start)
        while later < len(self.suggestions) and (self.suggestions[later].start, self.suggestions[later].end) <= (
            decided.start,
            decided.end,
        ):
            later += 1
        if later < len(self.suggestions):
            self.focus_index(later)
        elif self.suggestions:
            self._set_current(-1)

    def _set_current(self, index: int) -> None:
        """Make ``index`` the one at hand (-1: none); only the outlines of the two change."""
        self.current = index
        self.view.set_current_ghost(index)
        self.changed.emit()

    def preview_above(self, layer: str, label: str, min_score: float) -> list[Suggestion]:
        """What "accept all of this label above a score" would accept in the open document."""
        return decisions.above(self.suggestions, layer, label, min_score)

    def accept_all(self, chosen: list[Suggestion]) -> bool:
        """Accept ``chosen`` (all of one label) as one undoable step."""
        if not chosen:
            return False
        labels = {(s.layer, s.label) for s in chosen}
        if len(labels) != 1:
            raise EditRefused("accept the suggestions of one label at a time")
        ((layer, label),) = labels
        self.current = -1
        return self.workspace.add_spans(layer, label, [(s.start, s.end) for s in chosen])


class _Styles:
    """Ghosts of suggestions, their colours and tooltips made once per label and (label, score, source)."""

    def __init__(self, controller: SuggestionController) -> None:
        self.controller = controller
        self.colors: dict[tuple[str, str], QColor] = {}
        self.tips: dict[tuple[str, str, float | None, str], str] = {}

    def ghost(self, s: Suggestion) -> Ghost:
        color = self.colors.get((s.layer, s.label))
        if color is None:
            color = self.colors[s.layer, s.label] = self.controller._color(s)
        tip = self.tips.get((s.layer, s.label, s.score, s.source))
        if tip is None:
            tip = self.tips[s.layer, s.label, s.score, s.source] = self.controller._tip(s)
        return Ghost(s.start, s.end, color, tip)
