"""Which way a piece of text reads, and laying out list cells and labels that way (each its own way).

Qt lays out an item view's cell in the *view's* direction and mirrors its alignment by that
direction: an Arabic name with a Latin acronym in a left-to-right table reads "… (OCI)" with the
acronym at the right end, while the text view (rightly) puts it at the left. Models tell each text
cell's direction with :data:`TEXT_DIRECTION_ROLE`; :class:`OwnDirectionDelegate` lays the cell out in
it. The displayed string stays the stored one (no bidi controls are added to it).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from curator.text.language import paragraph_direction

# The base direction of a cell's text (a Qt.LayoutDirection); cells without it keep the view's.
TEXT_DIRECTION_ROLE = int(Qt.ItemDataRole.UserRole) + 0x100


def reads_rtl(text: str) -> bool:
    """True when ``text`` starts (by its first strong character) right to left; False for empty text
    or text with no letter, which the bidi library refuses."""
    if not any(ch.isalpha() for ch in text):
        return False
    return paragraph_direction(text.split("\n", 1)[0] or text.strip()) == "rtl"


def layout_direction(rtl: bool) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def start_alignment(rtl: bool) -> Qt.AlignmentFlag:
    """The starting edge of text that reads ``rtl`` (right) or not (left), as an *absolute* alignment:
    Qt mirrors a plain AlignRight of right-to-left text, or in a right-to-left widget, to the left."""
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute


def cell_alignment(rtl: bool) -> int:
    """A model's TextAlignmentRole for a text cell: its starting edge, vertically centred."""
    return int(start_alignment(rtl) | Qt.AlignmentFlag.AlignVCenter)


class OwnDirectionDelegate(QStyledItemDelegate):
    """Lays out each cell that has a :data:`TEXT_DIRECTION_ROLE` in that direction, on one line.

    The cell's alignment is taken as absolute (left means the left edge), so the side the model
    asks for is the side the text is drawn at, whatever the cell's or the view's direction. Text too
    long for its cell is elided at its end (the left end of Arabic) by ``QFontMetrics.elidedText``,
    which never cuts a letter from its marks or a ligature; the model's tooltip holds the whole.
    """

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = self.elided_text(cell)
        style = cell.widget.style() if cell.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, cell.widget)

    @staticmethod
    def elided_text(cell: QStyleOptionViewItem) -> str:
        """The cell's text as it fits on one line of the cell's text rectangle."""
        text = cell.text.replace("\n", " ")
        style = cell.widget.style() if cell.widget is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, cell.widget).width()
        # The style keeps a margin on each side of the text (QCommonStyle: focus frame margin + 1).
        room -= 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, cell.widget) + 1)
        return cell.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        direction = index.data(TEXT_DIRECTION_ROLE)
        if direction is None:
            return
        option.direction = direction if isinstance(direction, Qt.LayoutDirection) else Qt.LayoutDirection(direction)
        option.displayAlignment = option.displayAlignment | Qt.AlignmentFlag.AlignAbsolute
