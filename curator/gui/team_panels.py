"""The team's panels of the main window (issue 21): the guidelines pane (Ctrl+G), the tooltips of
the label palette that give each label's definition, the dashboard (for curators and managers),
and the active-time recorder. The main window makes one :class:`TeamPanels`; everything it reads
goes through core services (:class:`GuidelineService`, :class:`DashboardService`, an
:class:`ActiveTimeWriter`), never the database itself.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar

from curator.review.dashboard import DashboardService
from curator.store.active_time import ActiveTimeWriter
from curator.store.guidelines import Guidelines, GuidelineService

from .active_time import ActiveTimeRecorder
from .background import Job
from .dashboard_panel import DashboardPanel
from .guidelines_pane import GuidelinesPane
from .translations import current_ui_language

# Ctrl+G: no other entry of the window uses it (F1 is Help → Keyboard shortcuts).
GUIDELINES_KEY = "Ctrl+G"
DASHBOARD_DEBOUNCE_MS = 800
DASHBOARD_POLL_MS = 60_000  # active time is not in the change log: read again now and then

log = logging.getLogger(__name__)


class TeamPanels(QObject):
    """Adds the guidelines and dashboard docks to ``window`` (a :class:`MainWindow`) and keeps
    them current; :meth:`add_menu_entries` puts the guidelines entry in the Help menu."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        db = window.workspace.db
        self.guideline_service = GuidelineService(db)
        self.guidelines: Guidelines | None = None
        self.language = current_ui_language()
        self.pane = GuidelinesPane()
        self.guidelines_dock = self._dock(
            "guidelines", self.tr("Guidelines"), self.pane, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.guidelines_dock.hide()
        self._guidelines_sized = False
        self.guidelines_dock.visibilityChanged.connect(lambda shown: self.reload_guidelines() if shown else None)
        self.guidelines_action = QAction(self.tr("Guidelines"), self)
        self.guidelines_action.setShortcut(QKeySequence(GUIDELINES_KEY))
        self.guidelines_action.triggered.connect(self.toggle_guidelines)
        window.addAction(self.guidelines_action)

        login = db.login
        self.dashboard: DashboardPanel | None = None
        self.dashboard_dock: QDockWidget | None = None
        self._dashboard_timer = QTimer(self)
        self._dashboard_timer.setSingleShot(True)
        self._dashboard_timer.timeout.connect(self.refresh_dashboard)
        self._dashboard_poll = QTimer(self)
        self._dashboard_job: Job | None = None
        self._dashboard_again = False
        self._stopped = False
        self._dashboard_job_agreement = False
        self._dashboard_poll.timeout.connect(self._refresh_if_shown)
        if login is None or login.may("curator"):  # SQLite, the owner, curators and managers
            self.dashboard_service = DashboardService(db)
            self.dashboard = DashboardPanel()
            self.dashboard_dock = self._dock(
                "dashboard", self.tr("Dashboard"), self.dashboard, Qt.DockWidgetArea.BottomDockWidgetArea
            )
            window.tabifyDockWidget(window.docks["annotations"], self.dashboard_dock)
            window.docks["annotations"].raise_()
            self.dashboard_dock.visibilityChanged.connect(lambda shown: self.refresh_dashboard() if shown else None)
            window.live.documents_changed.connect(lambda _changed, _moved: self._refresh_soon())
            window.live.corpus_changed.connect(self._refresh_soon)
            self._dashboard_poll.start(DASHBOARD_POLL_MS)

        self.recorder = ActiveTimeRecorder(window, ActiveTimeWriter(db, window.workspace.annotator))
        self.recorder.watch(window.text_view, window.text_view.viewport(), window.label_palette, window.annotations)
        self._told_failure = False
        self.recorder.failed.connect(self._active_time_failed)
        ws = window.workspace
        ws.saved.connect(lambda _message: self.recorder.input())
        ws.doc.loaded.connect(lambda: self.recorder.set_document(ws.doc.id))
        ws.annotator_changed.connect(self.recorder.set_annotator)
        # A new version of the guidelines is a change without a document: follow it.
        window.live.corpus_changed.connect(self.reload_guidelines)
        self.reload_guidelines()

    def _active_time_failed(self, message: str) -> None:
        if not self._told_failure:  # once: the next minute would say it again
            self._told_failure = True
            self.window.statusBar().showMessage(self.tr("Active time not stored: {0}").format(message), 10000)

    def _dock(self, name: str, title: str, widget: Any, area: Qt.DockWidgetArea) -> QDockWidget:
        if self.window.isRightToLeft():  # dock areas are absolute sides: a mirrored window swaps them
            area = {
                Qt.DockWidgetArea.LeftDockWidgetArea: Qt.DockWidgetArea.RightDockWidgetArea,
                Qt.DockWidgetArea.RightDockWidgetArea: Qt.DockWidgetArea.LeftDockWidgetArea,
            }.get(area, area)
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        self.window.docks[name] = dock
        return dock

    def add_menu_entries(self, bar: QMenuBar) -> None:
        """The guidelines entry at the top of the Help menu (the bar's last)."""
        menus = [a.menu() for a in bar.actions() if isinstance(a.menu(), QMenu)]
        if menus:
            help_menu = menus[-1]
            assert isinstance(help_menu, QMenu)
            entries = help_menu.actions()
            if entries:
                help_menu.insertAction(entries[0], self.guidelines_action)
            else:
                help_menu.addAction(self.guidelines_action)

    # -- guidelines -------------------------------------------------------------------------------

    def toggle_guidelines(self) -> None:
        """Ctrl+G: show the guidelines beside the document (the text keeps the focus), or hide them."""
        dock = self.guidelines_dock
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            dock.hide()
            return
        focus = self.window.focusWidget()
        dock.show()
        dock.raise_()
        if not self._guidelines_sized and not dock.isFloating():
            # The first time in a session: half the window's height, readable beside the text.
            self._guidelines_sized = True
            self.window.resizeDocks([dock], [max(320, self.window.height() // 2)], Qt.Orientation.Vertical)
        self.reload_guidelines()
        if focus is not None:
            focus.setFocus()

    def reload_guidelines(self) -> None:
        """Read the newest version; the pane and the palette's tooltips follow it."""
        try:
            found = self.guideline_service.current()
        except Exception as exc:  # a busy or vanished database must not stop the window
            log.warning("could not read the guidelines: %s", exc)
            return
        if found is not None and self.guidelines is not None and found.sha256 == self.guidelines.sha256:
            return  # the version shown
        self.guidelines = found
        self.pane.show_guidelines(found, self.window.workspace.db.schema, self.language)
        self.window.label_palette.set_definitions(self.definitions())

    def definitions(self) -> dict[tuple[str, str], str]:
        """Each label's definition (and examples) in the interface language, for its tooltip."""
        if self.guidelines is None:
            return {}
        out = {}
        for layer, label in self.guidelines.content.labels:
            found = self.guidelines.content.label_guide(layer, label, self.language)
            if found is None:
                continue
            guide = found[1]
            lines = [guide.definition.strip()] if guide.definition.strip() else []
            lines += [f"• {example}" for example in guide.examples]
            out[(layer, label)] = "\n".join(lines)
        return out

    # -- dashboard --------------------------------------------------------------------------------

    def _refresh_soon(self) -> None:
        if self.dashboard_dock is not None and not self.dashboard_dock.visibleRegion().isEmpty():
            self._dashboard_timer.start(DASHBOARD_DEBOUNCE_MS)

    def _refresh_if_shown(self) -> None:
        if self.dashboard_dock is not None and not self.dashboard_dock.visibleRegion().isEmpty():
            self.refresh_dashboard()

    def refresh_dashboard(self) -> None:
        """Read the figures again off the GUI thread and show them: the counts first (quick), then
        the agreement (a while, over a large corpus). The time counted so far is stored first. A
        refresh asked for while one runs runs once after it."""
        if self.dashboard is None:
            return
        if self._dashboard_job is not None:
            self._dashboard_again = True
            return
        self.recorder.flush()
        self._start_dashboard_job(with_agreement=False)

    def _start_dashboard_job(self, *, with_agreement: bool) -> None:
        assert self.dashboard is not None
        service = self.dashboard_service
        job = Job(lambda _report: service.figures(with_agreement=with_agreement), self)
        job.succeeded.connect(self.dashboard.show_figures)
        # a busy database: the figures shown stay, the next change tries again
        job.failed.connect(lambda message: log.warning("could not read the dashboard's figures: %s", message))
        job.finished.connect(self._dashboard_done)  # a bound method: called in the GUI thread
        self._dashboard_job = job
        self._dashboard_job_agreement = with_agreement
        job.start()

    def _dashboard_done(self) -> None:
        job, self._dashboard_job = self._dashboard_job, None
        had_agreement = self._dashboard_job_agreement
        if job is not None:
            job.deleteLater()
        if self._stopped:
            return
        if self._dashboard_again:  # changed meanwhile: the counts again first
            self._dashboard_again = False
            self.refresh_dashboard()
        elif not had_agreement and job is not None and job.outcome == "succeeded":
            self._start_dashboard_job(with_agreement=True)

    def stop(self) -> None:
        """The window closes: no timer fires and no thread outlives it; the last active time is stored."""
        self._stopped = True
        self._dashboard_poll.stop()
        self._dashboard_timer.stop()
        self._dashboard_again = False
        if self._dashboard_job is not None:
            self._dashboard_job.stop()
        self.recorder.stop()
