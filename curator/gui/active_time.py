"""Active time from the window (issue 21): an event filter that tells the core's
:class:`~curator.store.active_time.ActiveClock` of input, of the window coming to the front or going
behind, and of the document shown; what it counted is stored in a short transaction on each
document switch, every :data:`FLUSH_MS` and when the window closes."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from curator.errors import CuratorError
from curator.store.active_time import ActiveClock, ActiveTimeWriter

FLUSH_MS = 60_000
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)

log = logging.getLogger(__name__)


class ActiveTimeRecorder(QObject):
    """Feeds ``clock`` from the events of ``window`` and the widgets :meth:`watch` is given, and
    stores what it counted through ``writer``. ``failed`` carries a line when storing was refused."""

    failed = Signal(str)

    def __init__(
        self,
        window: QWidget,
        writer: ActiveTimeWriter,
        clock: Callable[[], float] = time.monotonic,
        flush_ms: int = FLUSH_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.writer = writer
        self.clock = ActiveClock(clock)
        self.clock.set_focused(window.isActiveWindow())
        window.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.flush)
        self._timer.start(flush_ms)

    def watch(self, *widgets: QWidget) -> None:
        """Count input given to these widgets (the text, the lists, the panels)."""
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.clock.input()
        elif watched is self.window:
            if kind == QEvent.Type.WindowActivate:
                self.clock.set_focused(True)
            elif kind == QEvent.Type.WindowDeactivate:
                self.clock.set_focused(False)
            elif kind == QEvent.Type.ActivationChange:
                self.clock.set_focused(self.window.isActiveWindow())
            elif kind == QEvent.Type.Close:
                self.flush()
        return False

    def input(self) -> None:
        """Input that reached no watched widget as an event (an edit saved from a panel)."""
        self.clock.input()

    def set_document(self, document_id: int | None) -> None:
        """The window shows another document: the time so far is stored for the one before."""
        if document_id == self.clock.document:
            return
        self.clock.set_document(document_id)
        self.flush()

    def set_annotator(self, name: str) -> None:
        """Another annotator works in the window from now on: what was counted is the previous one's."""
        self.flush()
        self.writer.annotator = name

    def flush(self) -> None:
        seconds = self.clock.take()
        if not seconds:
            return
        try:
            self.writer.add(seconds)
        except CuratorError as exc:  # refused (a read-only database, a role): said once, never raised
            log.warning("active time not stored: %s", exc)
            self.failed.emit(str(exc))
        except Exception as exc:  # a busy or vanished database must not stop the window
            log.warning("active time not stored: %s", exc)

    def stop(self) -> None:
        self._timer.stop()
        self.flush()
