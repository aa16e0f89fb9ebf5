"""The review session behind the window: the chosen document and annotators, the difference list
and the cursor on it, and the edits, each one core operation.

The controller owns the state and talks to the :class:`~curator.review.service.ReviewService`;
widgets only show what its signals say. Every edit (a decision, a review state, a comment) is a
command on ``undo_stack`` (:mod:`curator.gui.review.commands`): undo and redo apply what the core
reported, backwards and forwards, through the core again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from curator.gui.comment_commands import ReportedCommand
from curator.review.agreed import AgreedPlan
from curator.review.bulk import BulkPlan
from curator.review.comments import Thread
from curator.review.differences import Difference, DifferenceCursor
from curator.review.gold_change import GoldChange
from curator.review.service import ReviewService
from curator.review.states import CURATED, NOT_REVIEWED
from curator.store import queries
from curator.store.models import GOLD_ANNOTATOR

from .commands import BulkDecisionCommand, CommentCommand, DecisionCommand, ReviewStateCommand
from .edit_dialog import EditedSpan


class ReviewController(QObject):
    """One reviewer's session. ``changed`` fires after the document, the annotators or the gold layer
    changed (everything is to be redrawn); ``current_changed`` when the cursor moved."""

    changed = Signal()
    current_changed = Signal(int)
    failed = Signal(str)

    def __init__(self, service: ReviewService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.reviewer = service.reviewer
        self.curation = service.curation
        self.document: queries.DocumentRecord | None = None
        self.annotators: list[str] = []
        self.cursor = DifferenceCursor([])
        self.spans: list[queries.SpanRecord] = []
        self.links: dict[int, queries.LinkedEntity] = {}  # span id -> the entity it links to
        # After the decision that resolved the last difference: the agreed annotations the gold layer
        # still lacks (the document is curated only once they are in), else None.
        self.agreed_missing: AgreedPlan | None = None
        self.undo_stack = QUndoStack(self)

    # -- what is shown ----------------------------------------------------------------------------

    @property
    def differences(self) -> list[Difference]:
        return self.cursor.differences

    @property
    def current(self) -> Difference | None:
        return self.cursor.current

    def open(self, document_id: int, annotators: list[str]) -> None:
        """Compare ``annotators`` on a document (needs two or more)."""
        self.document = self.service.document(document_id)
        self.annotators = list(dict.fromkeys(a for a in annotators if a != GOLD_ANNOTATOR))
        self.cursor = DifferenceCursor([])
        self.agreed_missing = None
        self.reload()
        self.go_to(0)  # a document opens on its first difference

    def reload(self) -> None:
        """Re-read the annotations and differences, keeping the cursor where it was."""
        if self.document is None:
            return
        index = self.cursor.index
        self.spans = self.service.spans(self.document.id, [*self.annotators, GOLD_ANNOTATOR])
        self.links = self.service.links(self.document.id)
        diffs = self.service.differences(self.document.id, self.annotators) if len(self.annotators) >= 2 else []
        self.cursor = DifferenceCursor(diffs, min(index, len(diffs) - 1))
        self.changed.emit()
        self.current_changed.emit(self.cursor.index)

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.differences) and index != self.cursor.index:
            self.cursor.index = index
            self.current_changed.emit(index)

    def step(self, forward: bool, unresolved_only: bool = False) -> None:
        moved = self.cursor.next(unresolved_only) if forward else self.cursor.previous(unresolved_only)
        if moved is not None:
            self.current_changed.emit(self.cursor.index)

    # -- decisions: each one core operation, one transaction ---------------------------------------

    def accept(self, annotator: str) -> None:
        """Take ``annotator``'s version of the current difference into the gold layer: their spans,
        relations or document label; where they have nothing, reject what the others have."""
        diff = self.current
        if diff is None or self.document is None:
            return
        doc = self.document.id
        description = self.tr("accept {0}'s {1}").format(annotator, diff.label or diff.layer)
        self._decide(lambda: self.curation.accept(doc, diff, annotator), description)

    def accept_nth(self, n: int) -> None:
        """Accept the version of the ``n``-th compared annotator (0-based; keys 1-9)."""
        if n < len(self.annotators):
            self.accept(self.annotators[n])

    def reject(self) -> None:
        """Keep everything of the current difference out of the gold layer."""
        diff = self.current
        if diff is None or self.document is None:
            return
        doc = self.document.id
        self._decide(lambda: self.curation.reject(doc, diff), self.tr("reject {0}").format(diff.label or diff.layer))

    def accept_edited(self, edit: EditedSpan) -> None:
        """Accept a colleague's span of the current difference with the label, boundaries and
        attributes of ``edit`` (accept and edit). Like accepting a version, it replaces the gold
        spans of the layer in the difference's place (those at the edited offsets are updated)."""
        diff = self.current
        if diff is None or diff.scope != "span" or self.document is None:
            return
        if all(edit.source.id != span.id for found in diff.spans.values() for span in found):
            self.failed.emit("accept and edit starts from a span of the current difference")
            return
        doc = self.document.id

        def decide() -> GoldChange:
            attributes = dict(edit.attributes)
            return self.curation.accept_edited(doc, diff, edit.source.id, edit.label, edit.start, edit.end, attributes)

        what = self.tr("accept {0}'s span as {1} {2}-{3}").format(
            edit.source.annotator, edit.label, edit.start, edit.end
        )
        self._decide(decide, what)

    def remove_from_gold(self) -> None:
        """Take the gold spans in the current difference's place out again (to change one's mind)."""
        diff = self.current
        if diff is None or diff.scope != "span" or self.document is None:
            return
        doc = self.document.id
        self._decide(lambda: self.curation.remove_from_gold(doc, diff), "remove from gold")

    def preview_agreed(self) -> AgreedPlan | None:
        if self.document is None or len(self.annotators) < 2:
            return None
        return self.curation.preview_agreed(self.document.id, self.annotators)

    def accept_agreed(self, plan: AgreedPlan) -> AgreedPlan | None:
        result: list[AgreedPlan] = []

        def decide() -> GoldChange:
            added, change = self.curation.accept_all_agreed(plan)
            result.append(added)
            return change

        self._decide(decide, "accept all agreed")
        return result[0] if result else None

    def preview_bulk(
        self, annotator: str | None, k: int, document_ids: list[int] | None, layers: list[str] | None
    ) -> BulkPlan:
        """What a bulk acceptance would add: everything of ``annotator`` when given, otherwise what
        ``k`` of the compared annotators made identically; on ``document_ids`` (None: all) and
        ``layers`` (None: all). Nothing is written."""
        if annotator is not None:
            return self.curation.preview_annotator(annotator, document_ids=document_ids, layers=layers)
        return self.curation.preview_majority(self.annotators, k, document_ids=document_ids, layers=layers)

    def accept_bulk(self, plan: BulkPlan) -> BulkPlan | None:
        """Write a previewed bulk plan as one undoable command; return what was added (None if refused)."""
        if self.document is None:
            return None
        result: list[BulkPlan] = []

        def decide() -> tuple[GoldChange, ...]:
            added, changes = self.curation.accept_bulk(plan)
            result.append(added)
            return changes

        description = self.tr("accept {0}").format(plan.rule())
        command = BulkDecisionCommand(self.curation, self.document.id, description, decide, self.show, self.failed.emit)
        self._push_deciding(command, description)
        return result[0] if result else None

    def _decide(self, decide: Callable[[], GoldChange], description: str) -> None:
        """Make a decision on the open document as an undoable command (run at once)."""
        if self.document is None:
            return
        command = DecisionCommand(self.curation, self.document.id, description, decide, self.show, self.failed.emit)
        self._push_deciding(command, description)

    def _push_deciding(self, command: ReportedCommand, description: str) -> None:
        """Push a decision; when it leaves no difference of the open document unresolved, the document
        is curated, in the same undo step (one undo takes back both)."""
        self.undo_stack.beginMacro(description)
        self.undo_stack.push(command)
        self.agreed_missing = None
        if command.error is None and self.document is not None:
            finished = bool(self.differences) and all(d.resolved for d in self.differences)
            if finished and self.state() != CURATED:
                # Not curated while what everyone agrees on is still outside the gold layer: the
                # differences list never shows it, so the window says so instead (Ctrl+Shift+A).
                waiting = self.preview_agreed()
                if waiting is not None and not waiting.empty:
                    self.agreed_missing = waiting
                    finished = False
                    self.changed.emit()  # the status line tells it
            if finished and self.state() != CURATED:
                state = ReviewStateCommand(self.service, self.document.id, CURATED, self.show, self.failed.emit)
                self.undo_stack.push(state)
        self.undo_stack.endMacro()

    def show(self, document_id: int) -> None:
        """After an edit, an undo or a redo: show its document, redrawn."""
        if self.document is None or self.document.id != document_id:
            self.open(document_id, self.annotators)
        else:
            self.reload()

    # -- state and comments: commands too --------------------------------------------------------

    def state(self) -> str:
        return self.service.state(self.document.id) if self.document else NOT_REVIEWED

    def set_state(self, state: str) -> None:
        if self.document is not None and state != self.state():
            command = ReviewStateCommand(self.service, self.document.id, state, self.show, self.failed.emit)
            self.undo_stack.push(command)

    def threads(self) -> list[Thread]:
        return self.service.threads(self.document.id) if self.document else []

    def comment(self, body: str, on_current: bool, reply_to: int | None = None) -> None:
        if self.document is None:
            return
        diff = self.current
        target = None
        if on_current and diff is not None:
            target = next((s for found in diff.spans.values() for s in found), None)
        where = ("span", target.id) if target else ("document", None)
        command = CommentCommand(self.service, self.document.id, body, where, reply_to, self.show, self.failed.emit)
        self.undo_stack.push(command)
