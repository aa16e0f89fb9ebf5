"""Painting spans, invisible characters and search hits over the text, as overlays: a format boundary
inside a word would break Arabic joining, so nothing here changes the text's character formats.

A span is a translucent background in its label's colour (under the text) plus a bar in a lane below
the line (over it); the current span is outlined, the spans related to it dashed, with an arc from the
current span to each. Suggestions are ghosts: a dashed outline in their label's colour, nothing
under the letters; the suggestion at hand is outlined solid with a faint tint.
:class:`Scene` is computed by the text view for the area being repainted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from curator.store.queries import SpanRecord

LANE_HEIGHT = 2.0
HIT_COLOR = QColor("#ff8c00")
CANDIDATE_COLOR = QColor("#212121")  # no label's colour: a candidate never reads as a label


@dataclass(frozen=True)
class PaintedSpan:
    span: SpanRecord
    rects: list[QRectF]  # one per line (and per direction run) the span covers, in viewport coordinates
    color: QColor
    lane: int


@dataclass(frozen=True)
class Scene:
    spans: list[PaintedSpan]
    invisible: list[QRectF]  # invisible characters shown as grey boxes
    hits: list[tuple[list[QRectF], bool]]  # search hits, and whether each is the current one
    current_id: int | None
    related_ids: frozenset[int]
    ghosts: list[tuple[list[QRectF], QColor, bool]] = field(default_factory=list)  # suggestions; current?
    candidates: list[tuple[list[QRectF], bool]] = field(default_factory=list)  # a keyboard pick's; current?


def paint_under_text(painter: QPainter, scene: Scene) -> None:
    """Backgrounds, drawn before the text so the letters stay on top."""
    painter.setPen(Qt.PenStyle.NoPen)
    for rect in scene.invisible:
        painter.fillRect(rect.adjusted(-1, 1, 1, -1), QColor(0, 0, 0, 28))
    for painted in scene.spans:
        fill = QColor(painted.color)
        fill.setAlpha(120 if painted.span.id == scene.current_id else 70)
        for rect in painted.rects:
            painter.fillRect(rect, fill)


def paint_over_text(painter: QPainter, scene: Scene) -> None:
    """Lane bars, outlines, relation arcs and search hits, drawn after the text."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for painted in scene.spans:
        span_id, color = painted.span.id, painted.color
        for rect in painted.rects:
            bar = QRectF(rect.left(), rect.bottom() + 1 + painted.lane * (LANE_HEIGHT + 1), rect.width(), LANE_HEIGHT)
            painter.fillRect(bar, color)
        if span_id == scene.current_id or span_id in scene.related_ids:
            pen = QPen(color.darker(150), 2.0 if span_id == scene.current_id else 1.0)
            if span_id != scene.current_id:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in painted.rects:
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
    _paint_relations(painter, scene)
    _paint_ghosts(painter, scene)
    _paint_candidates(painter, scene)
    for rects, current in scene.hits:
        painter.setPen(QPen(HIT_COLOR, 2.0 if current else 1.0))
        painter.setBrush(QColor(255, 200, 0, 90) if current else Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRect(rect)


def _paint_relations(painter: QPainter, scene: Scene) -> None:
    """An arc over the text from the current span to each span it is linked with (when in view)."""
    if scene.current_id is None or not scene.related_ids:
        return
    rects = {painted.span.id: painted.rects for painted in scene.spans if painted.rects}
    source = rects.get(scene.current_id)
    if not source:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    color = QColor(40, 40, 40, 170)
    painter.setPen(QPen(color, 1.2))
    for related in scene.related_ids:
        target = rects.get(related)
        if not target:
            continue
        start = QPointF(source[0].center().x(), source[0].top())
        end = QPointF(target[0].center().x(), target[0].top())
        # Arcs rise into the gap above the lines, never through the words.
        lift = min(26.0, 8.0 + abs(end.x() - start.x()) * 0.12)
        control = QPointF((start.x() + end.x()) / 2, min(start.y(), end.y()) - lift)
        path = QPainterPath(start)
        path.quadTo(control, end)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([end, QPointF(end.x() - 3.5, end.y() - 6), QPointF(end.x() + 3.5, end.y() - 6)]))
    painter.restore()


def _paint_ghosts(painter: QPainter, scene: Scene) -> None:
    """Suggestions: outlined, never filled under the text, so they read as offers, not annotations."""
    # One pen per colour, and all its outlines in one call: a long text may show hundreds of ghosts.
    outlines: dict[int, tuple[QColor, list[QRectF]]] = {}
    for rects, color, current in scene.ghosts:
        if current:
            continue
        kept = outlines.get(color.rgba())
        if kept is None:
            kept = outlines[color.rgba()] = (color, [])
        kept[1].extend(rect.adjusted(-1, -2, 1, 2) for rect in rects)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for color, rects in outlines.values():
        pen = QPen(color, 1.2)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRects(rects)
    for rects, color, current in scene.ghosts:
        if current:  # drawn last, over its neighbours
            painter.setPen(QPen(color, 2.0))
            tint = QColor(color)
            tint.setAlpha(45)
            painter.setBrush(tint)
            painter.drawRects([rect.adjusted(-1, -2, 1, 2) for rect in rects])


def _paint_candidates(painter: QPainter, scene: Scene) -> None:
    """The spans a keyboard pick steps through: dotted outlines, the one Enter chooses solid and thick
    with a faint tint (outlines only: the letters and their joining are untouched)."""
    for rects, current in scene.candidates:
        pen = QPen(CANDIDATE_COLOR, 2.5 if current else 1.0)
        pen.setStyle(Qt.PenStyle.SolidLine if current else Qt.PenStyle.DotLine)
        painter.setPen(pen)
        if current:
            tint = QColor(CANDIDATE_COLOR)
            tint.setAlpha(40)
            painter.setBrush(tint)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRect(rect.adjusted(-2, -3, 2, 3))
