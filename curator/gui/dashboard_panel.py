"""The dashboard panel (issue 21): where the documents stand, each annotator's progress and active
time, agreement per document; bar charts painted here (PySide6-Essentials has no QtCharts).

The panel shows the :class:`~curator.review.dashboard.DashboardFigures` it is given; reading them
(and when) is :class:`curator.gui.team_panels.TeamPanels`' business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.review.dashboard import DashboardFigures
from curator.text.invisible import reveal

from .direction import TEXT_DIRECTION_ROLE, OwnDirectionDelegate, layout_direction, reads_rtl, start_alignment
from .shown_names import QT_TRANSLATE_NOOP

STAGE_NAMES = {
    "unassigned": QT_TRANSLATE_NOOP("DashboardPanel", "given to nobody"),
    "annotating": QT_TRANSLATE_NOOP("DashboardPanel", "annotating"),
    "ready": QT_TRANSLATE_NOOP("DashboardPanel", "ready for curation"),
    "in curation": QT_TRANSLATE_NOOP("DashboardPanel", "in curation"),
    "curated": QT_TRANSLATE_NOOP("DashboardPanel", "curated"),
}
STAGE_COLORS = {
    "unassigned": "#bdbdbd",
    "annotating": "#fb8c00",
    "ready": "#1e88e5",
    "in curation": "#8e24aa",
    "curated": "#43a047",
}
STATE_COLORS = {"done": "#43a047", "in_progress": "#fb8c00", "new": "#bdbdbd"}


@dataclass(frozen=True)
class Bar:
    """One row of a :class:`BarChart`: its name and its stacked parts ``(value, colour)``."""

    name: str
    parts: tuple[tuple[int, str], ...]

    @property
    def total(self) -> int:
        return sum(v for v, _ in self.parts)


class BarChart(QWidget):
    """Horizontal bars, one per row, each stacked from its parts and followed by its total; names
    at the start edge (the right one in a mirrored window)."""

    ROW = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.setFixedHeight(max(1, len(self.bars)) * self.ROW + 4)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(1, len(self.bars)) * self.ROW + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        names = max((metrics.horizontalAdvance(b.name) for b in self.bars), default=0) + 8
        figures = metrics.horizontalAdvance("00000") + 8
        room = max(10, self.width() - names - figures)
        most = max((b.total for b in self.bars), default=0) or 1
        rtl = self.isRightToLeft()
        for row, bar in enumerate(self.bars):
            top = 2 + row * self.ROW
            name_rect = QRect(0, top, names - 4, self.ROW - 2)
            x = names
            segments = []
            for value, color in bar.parts:
                width = round(room * value / most)
                segments.append((QRect(x, top + 3, width, self.ROW - 8), color))
                x += width
            total_rect = QRect(x + 4, top, figures, self.ROW - 2)
            if rtl:  # mirrored: names at the right, bars growing leftwards
                name_rect = _mirror(name_rect, self.width())
                total_rect = _mirror(total_rect, self.width())
                segments = [(_mirror(r, self.width()), c) for r, c in segments]
            painter.setPen(self.palette().windowText().color())
            painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing), bar.name)
            for rect, color in segments:
                painter.fillRect(rect, QColor(color))
            painter.drawText(
                total_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading), str(bar.total)
            )
        painter.end()


def _mirror(rect: QRect, width: int) -> QRect:
    return QRect(width - rect.x() - rect.width(), rect.y(), rect.width(), rect.height())


def _item(value: object, *, number: float | None = None) -> QTableWidgetItem:
    """A cell of figures (a count, a duration): its text laid out in its own direction, so that
    ``30 min`` reads so in a mirrored window too."""
    item = QTableWidgetItem(str(value))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setData(TEXT_DIRECTION_ROLE, layout_direction(reads_rtl(str(value))))
    if number is not None:
        item.setData(Qt.ItemDataRole.UserRole, number)
    return item


def _text_item(text: str) -> QTableWidgetItem:
    """A cell of data text (a title, a name) laid out in its own direction."""
    shown = reveal(text)
    item = _item(shown)
    rtl = reads_rtl(shown)
    item.setData(TEXT_DIRECTION_ROLE, layout_direction(rtl))
    item.setTextAlignment(start_alignment(rtl) | Qt.AlignmentFlag.AlignVCenter)
    item.setToolTip(shown)
    return item


class DashboardPanel(QWidget):
    """Documents by stage (a chart), annotators (a chart of their states and a table with counts
    and active time) and agreement per document (a table, lowest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.summary = QLabel()
        self.stage_chart = BarChart()
        self.stage_chart.setObjectName("stage_chart")
        self.annotator_chart = BarChart()
        self.annotator_chart.setObjectName("annotator_chart")
        self.annotators = QTableWidget(0, 6)
        self.annotators.setObjectName("dashboard_annotators")
        self.annotators.setHorizontalHeaderLabels(
            [
                self.tr("Annotator"),
                self.tr("New"),
                self.tr("In progress"),
                self.tr("Done"),
                self.tr("Annotations"),
                self.tr("Active time"),
            ]
        )
        self.agreement = QTableWidget(0, 3)
        self.agreement.setObjectName("dashboard_agreement")
        self.agreement.setHorizontalHeaderLabels([self.tr("Agreement (αU)"), self.tr("Document"), self.tr("Title")])
        self.agreement_note = QLabel()
        self.agreement_note.setWordWrap(True)
        for table in (self.annotators, self.agreement):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.setItemDelegate(OwnDirectionDelegate(table))
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        # Titles are long: the title column takes the room left, elided (the tooltip has it whole).
        self.agreement.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(QLabel(self.tr("Documents by stage")))
        left.addWidget(self.stage_chart)
        left.addWidget(QLabel(self.tr("Annotators: done, in progress, new")))
        left.addWidget(self.annotator_chart)
        left.addWidget(self.annotators, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Agreement per document, lowest first")))
        right.addWidget(self.agreement_note)
        right.addWidget(self.agreement, 1)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        self.figures: DashboardFigures | None = None

    def duration(self, seconds: float) -> str:
        """Active time as people read it, in the interface language (``1 h 05 min``, ``12 min``, ``40 s``)."""
        total = round(seconds)
        if total < 60:
            return self.tr("{0} s").format(total)
        if total < 3600:
            return self.tr("{0} min").format(total // 60)
        return self.tr("{0} h {1} min").format(total // 3600, f"{total // 60 % 60:02d}")

    def show_figures(self, figures: DashboardFigures) -> None:
        """Show ``figures``; figures read without agreement leave the agreement table as it is."""
        self.figures = figures
        self.summary.setText(self.tr("%n document(s)", "", figures.documents))
        self.stage_chart.set_bars(
            [
                Bar(self.tr(STAGE_NAMES[stage]), ((count, STAGE_COLORS[stage]),))
                for stage, count in figures.stages.items()
            ]
        )
        self.annotator_chart.set_bars(
            [
                Bar(
                    reveal(a.annotator),
                    (
                        (a.done, STATE_COLORS["done"]),
                        (a.in_progress, STATE_COLORS["in_progress"]),
                        (a.new, STATE_COLORS["new"]),
                    ),
                )
                for a in figures.annotators
            ]
        )
        self.annotators.setSortingEnabled(False)
        self.annotators.setRowCount(len(figures.annotators))
        for r, a in enumerate(figures.annotators):
            cells = [
                _text_item(a.annotator),
                _item(a.new, number=a.new),
                _item(a.in_progress, number=a.in_progress),
                _item(a.done, number=a.done),
                _item(a.annotations, number=a.annotations),
                _item(self.duration(a.active_seconds), number=a.active_seconds),
            ]
            for c, item in enumerate(cells):
                self.annotators.setItem(r, c, item)
        if not figures.with_agreement:
            return  # the counts first: the agreement shown stays until the new one is computed
        self.agreement_note.setText(figures.agreement_note or "")
        self.agreement_note.setVisible(bool(figures.agreement_note))
        self.agreement.setRowCount(len(figures.agreement))
        for r, d in enumerate(figures.agreement):
            value = "—" if d.agreement is None else f"{d.agreement:.2f}"
            cells = [_item(value, number=d.agreement), _text_item(d.ext_id), _text_item(d.title)]
            for c, item in enumerate(cells):
                self.agreement.setItem(r, c, item)
