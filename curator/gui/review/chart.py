"""A horizontal bar chart painted with ``QPainter``: one bar per label and series.

Qt shapes and orders Arabic label names itself, so they are drawn as stored (no reshaping here,
unlike the matplotlib report).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


class BarChart(QWidget):
    """Values in [-1, 1] (agreement figures); a missing value draws no bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: dict[str, list[float | None]] = {}
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: list[str], series: dict[str, list[float | None]]) -> None:
        self.labels, self.series = list(labels), dict(series)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.labels:
            painter.end()
            return
        metrics = painter.fontMetrics()
        label_width = min(self.width() // 3, max(metrics.horizontalAdvance(lab) for lab in self.labels) + 12)
        legend_height = metrics.height() + 6
        area = QRectF(label_width, 4, self.width() - label_width - 8, self.height() - legend_height - 8)
        row_height = area.height() / len(self.labels)
        bar_height = row_height * 0.8 / max(1, len(self.series))
        zero = area.left() + area.width() * (0.5 if self._has_negative() else 0.0)
        scale = area.width() * (0.5 if self._has_negative() else 1.0)
        for i, label in enumerate(self.labels):
            top = area.top() + i * row_height
            painter.setPen(QColor("#000000"))
            painter.drawText(
                QRectF(0, top, label_width - 6, row_height),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                label,
            )
            for k, values in enumerate(self.series.values()):
                value = values[i] if i < len(values) else None
                if value is None:
                    continue
                color = QColor(SERIES_COLORS[k % len(SERIES_COLORS)])
                width = value * scale
                rect = QRectF(min(zero, zero + width), top + row_height * 0.1 + k * bar_height, abs(width), bar_height)
                painter.fillRect(rect, color)
        x = area.left()
        for k, name in enumerate(self.series):
            painter.fillRect(QRectF(x, self.height() - legend_height, 10, 10), QColor(SERIES_COLORS[k % 6]))
            painter.setPen(QColor("#000000"))
            painter.drawText(int(x + 14), self.height() - legend_height + 10, name)
            x += metrics.horizontalAdvance(name) + 30
        painter.end()

    def _has_negative(self) -> bool:
        return any(v is not None and v < 0 for values in self.series.values() for v in values)
