"""One read-only text per annotator (and one for the gold layer), their spans painted on it.

A ``QTextEdit`` because it right-aligns Arabic paragraphs and left-aligns French ones by itself; the
text is the stored text, in logical order, never reshaped. Span offsets are code points and go
through :class:`~curator.text.utf16.Utf16Offsets` to become Qt positions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextEdit, QToolTip, QVBoxLayout, QWidget

from curator.schema.model import Schema
from curator.store.queries import LinkedEntity, SpanRecord
from curator.text.invisible import reveal
from curator.text.utf16 import Utf16Offsets


class AnnotatorPane(QWidget):
    """``name``'s spans on the document text; :meth:`show_spans` repaints, :meth:`focus_on` marks and
    scrolls to the current difference."""

    def __init__(self, name: str, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.schema = schema
        self.title = QLabel(reveal(name))
        self.text = QTextEdit(readOnly=True)
        self.text.setObjectName(f"pane-{name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self._offsets = Utf16Offsets("")
        self._spans: list[QTextEdit.ExtraSelection] = []
        self._focus: list[QTextEdit.ExtraSelection] = []
        self.painted: list[tuple[int, int, str]] = []  # (start, end, label) as painted, for tests
        self._shown: list[tuple[SpanRecord, LinkedEntity | None]] = []
        # Hovering a span tells its label and entity (extra selections carry no tooltip of their own).
        self.text.viewport().installEventFilter(self)

    def set_text(self, text: str) -> None:
        self._offsets = Utf16Offsets(text)
        self.text.setPlainText(text)

    def show_spans(self, spans: list[SpanRecord], links: dict[int, LinkedEntity] | None = None) -> None:
        """Paint ``spans``; ``links`` (span id -> entity) names the entity of each linked one on hover."""
        selections = []
        self.painted = []
        self._shown = [(s, (links or {}).get(s.id)) for s in spans]
        for s in spans:
            label = self.schema.label(s.layer, s.label)
            color = QColor(label.color if label else "#999999")
            color.setAlpha(90)
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            selections.append(self._selection(s.start, s.end, fmt))
            self.painted.append((s.start, s.end, s.label))
        self.title.setText(f"{reveal(self.name)} — {len(spans)}")
        self._spans = selections
        self._apply()

    def describe_at(self, offset: int) -> str:
        """What hovering code point ``offset`` tells: one line per span over it, its layer and label,
        attributes, and the entity it links to (empty where no span is)."""
        lines = []
        for s, linked in self._shown:
            if s.start <= offset < s.end:
                line = f"{s.layer}/{s.label}" + (f" {s.attributes}" if s.attributes else "")
                lines.append(line + (f" → {reveal(linked.name)} ({linked.key})" if linked else ""))
        return "\n".join(lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            position = self.text.cursorForPosition(event.pos()).position()
            tip = self.describe_at(self._offsets.to_codepoint(position))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.text.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    def focus_on(self, start: int, end: int) -> None:
        """Underline ``start``-``end`` (code points) and scroll it into view."""
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#000000"))
        fmt.setFontUnderline(True)
        self._focus = [self._selection(start, end, fmt)] if end > start else []
        self._apply()
        if self._focus:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self._offsets.to_utf16(start))
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()

    def selected_offsets(self) -> tuple[int, int] | None:
        """The text the reviewer selected in this pane, as code-point offsets; None if nothing is."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.to_codepoint(cursor.selectionStart()), self._offsets.to_codepoint(cursor.selectionEnd())

    def select_offsets(self, start: int, end: int) -> None:
        """Select ``start``-``end`` (code points), as a drag over the text does."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _apply(self) -> None:
        self.text.setExtraSelections(self._spans + self._focus)
