"""Following colleagues: a window that follows the history misses no change, even when transactions
commit out of id order (PostgreSQL hands out ids at insert time, not at commit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert

from curator.io.importer import import_paths
from curator.store.changes import GAP_LIFETIME_S, ChangeCursor, changes_since, latest_change
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import HistoryEntry


def test_the_cursor_asks_again_for_ids_it_skipped_until_they_appear() -> None:
    cursor = ChangeCursor(seen=4)
    cursor.advance([5, 8, 9], now=0.0)
    assert (cursor.seen, cursor.gaps) == (9, [(6, 7, 0.0)])
    cursor.advance([7], now=1.0)
    assert cursor.gaps == [(6, 6, 0.0)]
    cursor.advance([6, 10], now=2.0)
    assert (cursor.seen, cursor.gaps) == (10, [])


def test_a_skipped_id_is_given_up_after_its_lifetime() -> None:
    cursor = ChangeCursor(seen=1)
    cursor.advance([3], now=0.0)
    cursor.expire(now=GAP_LIFETIME_S - 1)
    assert cursor.gaps == [(2, 2, 0.0)]
    cursor.expire(now=GAP_LIFETIME_S + 1)
    assert cursor.gaps == []


def test_a_change_committed_after_a_newer_one_is_still_delivered(db: Database, samples: Path) -> None:
    import_paths(db, [samples / "mixed_bidi_ar.txt"])
    cursor = ChangeCursor(latest_change(db))
    # A slow transaction (an import, say) takes its history id first and commits last.
    with db.engine.connect() as slow:
        slow.begin()
        slow.execute(insert(HistoryEntry).values(annotator="importer", action="create", kind="document"))
        if db.is_sqlite:
            # SQLite has one writer at a time: the slow writer must finish before a colleague can write.
            slow.commit()
        quick = Editor(db, "yusuf").add_span(1, "entity", "PER", 4, 14)
        first = changes_since(db, cursor)
        assert quick.id in {c.object_id for c in first if c.kind == "span"}
        if not db.is_sqlite:
            assert [c.annotator for c in first] == ["yusuf"]  # the importer's row is not visible yet
            slow.commit()
    rest = changes_since(db, cursor)
    delivered = [c.annotator for c in first + rest]
    assert sorted(delivered) == ["importer", "yusuf"]
    assert changes_since(db, cursor) == []
    assert cursor.gaps == []


@pytest.mark.postgres
def test_an_id_of_a_rolled_back_transaction_is_not_waited_for_forever(postgres_url: str, samples: Path) -> None:
    db = Database(postgres_url)
    import_paths(db, [samples / "mixed_bidi_ar.txt"])
    cursor = ChangeCursor(latest_change(db))
    with db.engine.connect() as abandoned:
        abandoned.begin()
        abandoned.execute(insert(HistoryEntry).values(annotator="ghost", action="create", kind="span"))
        abandoned.rollback()
    Editor(db, "yusuf").add_span(1, "entity", "PER", 4, 14)
    assert [c.annotator for c in changes_since(db, cursor, now=0.0)] == ["yusuf"]
    assert len(cursor.gaps) == 1
    assert changes_since(db, cursor, now=GAP_LIFETIME_S + 1) == []
    assert cursor.gaps == []
    db.dispose()
