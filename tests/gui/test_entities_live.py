"""Links seen live (issue 19): a window on PostgreSQL shows a link made through another connection to
the same database (another seat, the command line) without a restart: the side panel's entity row of
the selected span, the window's links of the open document, and an unlink just the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from curator.io.importer import import_paths
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry
from curator.store.models import Document

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

FRENCH = "003_b923d6f7b2ab459c"
KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"})
FAST_POLL_MS = 50


def test_a_link_made_through_another_connection_appears_in_the_open_window(
    postgres_url: str, seeds: Path, open_window: Callable, qtbot: QtBot
) -> None:
    db, elsewhere = Database(postgres_url), Database(postgres_url)
    try:
        import_paths(db, [seeds / f"{FRENCH}.txt"])
        Registry(db, "amina").create(KHIARI)
        with db.read() as session:
            doc_id, text = session.execute(select(Document.id, Document.text)).one()
        start = text.index("Khaled Khiari")
        span = Editor(db, "amina").add_span(doc_id, "entity", "PER", start, start + 13)
        window, hand = open_window(db, doc_id, poll_ms=FAST_POLL_MS)
        assert window.live.listener is not None  # woken by PostgreSQL's notification
        hand.click(start + 3)
        assert window.workspace.doc.current_span is not None and window.workspace.doc.current_span.id == span.id
        assert window.span_panel.entity_key is None

        Registry(elsewhere, "amina").link(span.id, "khiari")
        qtbot.waitUntil(lambda: window.entity_links.links.get(span.id) == "khiari", timeout=5000)
        qtbot.waitUntil(lambda: window.span_panel.entity_key == "khiari", timeout=5000)
        assert "Khaled Khiari" in window.span_panel.entity_name.text()
        assert window.workspace.undo_stack.count() == 0  # a colleague's edit is not the window's to undo

        Registry(elsewhere, "amina").link(span.id, None)
        qtbot.waitUntil(lambda: span.id not in window.entity_links.links, timeout=5000)
        qtbot.waitUntil(lambda: window.span_panel.entity_key is None, timeout=5000)
        window.close()
    finally:
        elsewhere.dispose()
        db.dispose()
