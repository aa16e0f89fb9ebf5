"""Work off the GUI thread: a :class:`Job` runs one function in a ``QThread`` and reports back with
signals, so the window stays responsive during an export or a backup.

The function receives ``report(n)``, to call as it advances (n units more); after :meth:`Job.cancel`
the next ``report`` raises :class:`Cancelled`, which is how exporters are told to stop (they leave
nothing behind then). Every signal is delivered in the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Cancelled(Exception):
    """Raised inside the job's function by ``report`` once the job was cancelled."""


Work = Callable[[Callable[[int], None]], Any]


class Job(QThread):
    """``work(report)`` in its own thread: ``progressed(done)``, then one of ``succeeded(result)``,
    ``failed(message)`` or ``cancelled()``."""

    progressed = Signal(int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.done = 0
        self.outcome: str | None = None  # "succeeded", "failed", "cancelled" once over

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def report(self, n: int = 1) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.done += n
        self.progressed.emit(self.done)

    def run(self) -> None:
        try:
            result = self._work(self.report)
        except Cancelled:
            self.outcome = "cancelled"
            self.cancelled.emit()
            return
        except Exception as exc:  # shown to the user, never lost in the thread
            if self._cancel.is_set():
                self.outcome = "cancelled"
                self.cancelled.emit()
            else:
                self.outcome = "failed"
                self.failed.emit(str(exc) or type(exc).__name__)
            return
        self.outcome = "succeeded"
        self.succeeded.emit(result)

    def stop(self, timeout_ms: int = 30_000) -> None:
        """Cancel and wait for the thread to end (when the window closes: no thread outlives it)."""
        self.cancel()
        self.wait(timeout_ms)
