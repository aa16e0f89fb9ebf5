"""The team's panels in the window (issue 21): Ctrl+G opens the guidelines beside the document,
Arabic paragraphs right to left; a label's tooltip gives its definition in the interface language;
the dashboard shows the counts and follows colleagues' changes; active time is stored per document."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QHelpEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip
from pytestqt.qtbot import QtBot

from curator.gui import team_panels
from curator.io.guidelines_files import read_guidelines
from curator.io.importer import import_paths
from curator.store import browse, queries
from curator.store.active_time import active_seconds, add_active_time
from curator.store.assignment import assign
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.guidelines import save_guidelines

if TYPE_CHECKING:
    from conftest import Hand

    from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

DATA = Path(__file__).resolve().parent.parent / "data" / "guidelines"


@pytest.fixture
def team_db(sqlite_db: Database, seeds: Path) -> Iterator[Database]:
    import_paths(sqlite_db, [seeds])
    save_guidelines(sqlite_db, read_guidelines(DATA, sqlite_db.schema).content, "manager")
    yield sqlite_db


def _first_document(db: Database) -> int:
    return min(row.id for row in browse.document_page(db, "nobody", limit=100))


def test_ctrl_g_opens_the_guidelines_beside_the_document_arabic_right_to_left(
    team_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(team_panels, "current_ui_language", lambda: "ar")
    window, _ = open_window(team_db, _first_document(team_db))
    team = window.team
    dock = team.guidelines_dock
    assert not dock.isVisible()
    opened = window.workspace.doc.id
    qtbot.keyClick(window.text_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dock.isVisible)
    QApplication.processEvents()
    # the document stays open and the text keeps the keys
    assert window.workspace.doc.id == opened
    assert QApplication.focusWidget() is window.text_view
    pane = team.pane
    assert pane.version == 1 and pane.shown_language == "ar"
    browser = pane.browser
    document = browser.document()
    blocks = {}
    block = document.begin()
    while block.isValid():
        blocks[block.text()] = block
        block = block.next()
    arabic = next(b for t, b in blocks.items() if t.startswith("تبقى الفقرة العربية"))
    english = next(b for t, b in blocks.items() if t.startswith("This line is in English"))
    assert arabic.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert english.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight
    width = browser.viewport().width()
    for block, rtl in ((arabic, True), (english, False)):
        cursor = QTextCursor(document)
        cursor.setPosition(block.position())
        x = browser.cursorRect(cursor).x()
        # the first character starts at the right edge of an Arabic paragraph, the left of an English one
        assert (x > width * 0.8) if rtl else (x < width * 0.2), (block.text()[:20], x, width)
    # label definitions follow the project text, in Arabic
    assert "اسم شخص بعينه" in browser.toPlainText()
    # Ctrl+G again hides it
    qtbot.keyClick(window.text_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dock.isVisible())


def test_the_shortcut_is_listed_and_clashes_with_no_other(
    team_db: Database, open_window: Callable[..., tuple[MainWindow, Hand]]
) -> None:
    window, _ = open_window(team_db)
    keys = [
        key.toString() for action in window.findChildren(QAction) for key in action.shortcuts() if action.isEnabled()
    ]
    assert keys.count(QKeySequence("Ctrl+G").toString()) == 1


@pytest.mark.parametrize(("language", "expected"), [("ar", "اسم شخص بعينه"), ("en", "The name of one person")])
def test_hovering_a_label_shows_its_definition_in_the_interface_language(
    team_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    expected: str,
) -> None:
    monkeypatch.setattr(team_panels, "current_ui_language", lambda: language)
    window, _ = open_window(team_db, _first_document(team_db))
    palette = window.label_palette
    action = palette.label_actions[("entity", "PER")]
    button = next(b for b in palette.findChildren(QToolButton) if b.defaultAction() is action)
    point = QPoint(button.width() // 2, button.height() // 2)
    QApplication.sendEvent(button, QHelpEvent(QEvent.Type.ToolTip, point, button.mapToGlobal(point)))
    assert expected in QToolTip.text()
    assert "Khaled Khiari" in QToolTip.text() or "خالد خياري" in QToolTip.text()
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not any(w.inherits("QTipLabel") for w in QApplication.allWidgets()), timeout=3000)
    # ORG has an English definition only: every language shows it rather than nothing
    assert "acronym" in palette.label_actions[("entity", "ORG")].toolTip()


def test_the_dashboard_shows_the_counts_and_follows_a_colleague(
    team_db: Database, open_window: Callable[..., tuple[MainWindow, Hand]], qtbot: QtBot
) -> None:
    docs = sorted(r.id for r in browse.document_page(team_db, "nobody", limit=9))
    assign(team_db, ["amina", "karim"], 2, document_ids=docs[:2])
    Editor(team_db, "amina").set_status(docs[0], "done")
    for name in ("amina", "karim"):
        Editor(team_db, name).add_span(docs[0], "entity", "ORG", 0, 4)
    add_active_time(team_db, "karim", {docs[0]: 75.0, docs[1]: 3700.0})  # 3775 s: 1 h 02 min
    window, _ = open_window(team_db, docs[0], poll_ms=50)
    team = window.team
    dock = team.dashboard_dock
    assert dock is not None
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: team.dashboard.figures is not None)
    panel = team.dashboard
    stages = {bar.name: bar.total for bar in panel.stage_chart.bars}
    assert stages == {"given to nobody": 3, "annotating": 2, "ready for curation": 0, "in curation": 0, "curated": 0}
    table = panel.annotators
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 6)] for r in range(table.rowCount())}
    assert rows == {"amina": ["1", "0", "1", "1", "0 s"], "karim": ["2", "0", "0", "1", "1 h 02 min"]}
    # the counts come first, then the agreement per document
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures.with_agreement, timeout=10000)
    agreement = panel.agreement
    shown = {agreement.item(r, 1).text(): agreement.item(r, 0).text() for r in range(agreement.rowCount())}
    ext_id = next(b.document.ext_id for b in queries.iter_bundles(team_db) if b.document.id == docs[0])
    assert shown[ext_id] == "1.00"
    # karim finishes document 0 in another window: the dashboard follows
    Editor(team_db, "karim").set_status(docs[0], "done")
    qtbot.waitUntil(lambda: {b.name: b.total for b in panel.stage_chart.bars}["ready for curation"] == 1, timeout=5000)
    assert [b.parts[0][0] for b in panel.annotator_chart.bars] == [1, 1]  # done: amina 1, karim 1


def test_active_time_is_stored_per_document_on_switching(
    team_db: Database, open_window: Callable[..., tuple[MainWindow, Hand]], qtbot: QtBot
) -> None:
    docs = sorted(r.id for r in browse.document_page(team_db, "nobody", limit=9))
    window, _ = open_window(team_db, docs[0])
    recorder = window.team.recorder
    now = [0.0]
    recorder.clock.clock = lambda: now[0]
    assert recorder.clock.focused  # the window is in front (activated by the fixture)
    recorder.clock.take()
    view = window.text_view
    qtbot.keyClick(view, Qt.Key.Key_Right)
    now[0] = 40.0
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    now[0] = 70.0
    window.open_document(docs[1])
    now[0] = 75.0
    qtbot.keyClick(view, Qt.Key.Key_Left)
    now[0] = 80.0
    recorder.flush()
    # 0-70 s on the first document (input at 0 and 40); from 70 s on the second, the input at 40 s
    # still recent, and the key at 75 s
    totals = active_seconds(team_db)
    assert totals == {(docs[0], "amina"): 70.0, (docs[1], "amina"): 10.0}
    # behind another window: nothing counts, even with input
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))
    now[0] = 90.0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    now[0] = 100.0
    recorder.flush()
    assert active_seconds(team_db)[(docs[1], "amina")] == 10.0
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    now[0] = 500.0
    window.close()  # closing stores the rest: up to two minutes after the last key
    assert active_seconds(team_db)[(docs[1], "amina")] == 10.0 + 120.0 - 10.0


def test_a_new_version_imported_elsewhere_reaches_the_open_pane(
    team_db: Database, open_window: Callable[..., tuple[MainWindow, Hand]], qtbot: QtBot
) -> None:
    window, _ = open_window(team_db, _first_document(team_db), poll_ms=50)
    team = window.team
    team.toggle_guidelines()
    assert team.pane.version == 1
    content = read_guidelines(DATA, team_db.schema).content
    changed = type(content)({**content.project, "en": "# Guidelines, second edition\n"}, content.labels)
    save_guidelines(team_db, changed, "manager")  # as another process would, through the store
    qtbot.waitUntil(lambda: team.pane.version == 2, timeout=5000)
    assert "second edition" in team.pane.browser.toPlainText()


def test_help_lists_the_guidelines_key(team_db: Database, open_window: Callable[..., tuple[MainWindow, Hand]]) -> None:
    window, _ = open_window(team_db)
    dialog = window.actions_.show_shortcuts()
    try:
        tree = dialog.tree
        rows = [
            (tree.topLevelItem(i).child(j).text(0), tree.topLevelItem(i).child(j).text(1))
            for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())
        ]
        assert ("Guidelines", QKeySequence("Ctrl+G").toString(QKeySequence.SequenceFormat.NativeText)) in rows
    finally:
        dialog.close()


@pytest.mark.postgres
def test_on_postgresql_the_dashboard_is_for_curators_and_managers_only(
    postgres_url: str, seeds: Path, open_window: Callable[..., tuple[MainWindow, Hand]], qtbot: QtBot
) -> None:
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    from curator.store.roles import grant
    from tests.core.test_team_roles import _as

    tag = uuid.uuid4().hex[:8]
    logins = {"annotator": f"dash_a_{tag}", "curator": f"dash_c_{tag}"}
    owner = Database(postgres_url)
    import_paths(owner, [seeds])
    save_guidelines(owner, read_guidelines(DATA, owner.schema).content, "owner")
    for role, login in logins.items():
        grant(owner.engine, role, login)
    owner.dispose()
    opened: list[Database] = []
    try:
        for role, login in logins.items():
            db = Database(_as(postgres_url, login))
            opened.append(db)
            window, _ = open_window(db, annotator=login)
            assert ("dashboard" in window.docks) is (role == "curator"), role
            assert window.team.pane.version == 1  # reading the guidelines is allowed to every role
            # the window's first document opens after its first paint: before the login goes
            qtbot.waitUntil(lambda w=window: w.workspace.doc.id is not None)
            window.close()
    finally:
        for db in opened:
            db.dispose()
        with psycopg.connect(make_url(postgres_url).set(drivername="postgresql").render_as_string(False)) as conn:
            for login in logins.values():
                conn.execute(f'DROP OWNED BY "{login}"')
                conn.execute(f'DROP ROLE IF EXISTS "{login}"')
            conn.commit()
