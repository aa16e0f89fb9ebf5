"""A long Arabic document with thousands of spans: shown at once with the spans where the curator
looks, the rest read right after; spans far down are painted and labelled at their exact offsets."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from curator.gui.open_document import FIRST_STRETCH
from curator.records import DocumentIn, SpanIn
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database

pytestmark = pytest.mark.gui


@pytest.fixture
def long_document(sqlite_db: Database, seeds: Path) -> tuple[int, str, int]:
    paragraphs = [
        p for f in sorted(seeds.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()
    ]
    text = ""
    while len(text) < 4 * FIRST_STRETCH:
        text += paragraphs[len(text) % len(paragraphs)] + "\n"
    words = list(re.finditer(r"[\u0621-\u064a]{5,}", text))[::4]
    spans = [SpanIn("entity", "LOC", m.start(), m.end(), "amina") for m in words[:-3]]
    write_batch(sqlite_db, [DocumentIn(source="long.txt", line=1, text=text, ext_id="long", spans=spans)], "test")
    (row,) = queries.document_ids_by_ext(sqlite_db, ["long"])
    return row, text, len(spans)


def test_the_spans_beyond_the_first_stretch_follow_right_after_the_first_paint(
    sqlite_db: Database, long_document: tuple[int, str, int], open_window: Callable, qtbot: QtBot
) -> None:
    doc_id, _text, count = long_document
    window, _hand = open_window(sqlite_db)
    window.workspace.doc.close()
    assert window.open_document(doc_id)
    doc = window.workspace.doc
    assert not doc.complete and 0 < len(doc.spans) < count
    assert all(span.start < FIRST_STRETCH for span in doc.spans)
    qtbot.waitUntil(lambda: doc.complete)
    assert len(doc.spans) == count
    assert window.annotation_model.rowCount() == count
    assert window.label_palette.label_actions[("entity", "LOC")].text().startswith(f"Place  ({count})")


def test_spans_far_down_are_painted_and_a_word_there_is_labelled_exactly(
    sqlite_db: Database, long_document: tuple[int, str, int], open_window: Callable, qtbot: QtBot
) -> None:
    doc_id, text, _count = long_document
    window, hand = open_window(sqlite_db, doc_id)
    doc = window.workspace.doc
    qtbot.waitUntil(lambda: doc.complete)
    last = max(doc.spans, key=lambda s: s.start)
    width = window.text_view.viewport().width()
    window.controller.jump_to(last)
    QApplication.processEvents()
    window.workspace.doc.set_current_span(None)
    QApplication.processEvents()
    assert window.text_view.viewport().width() == width  # side panels never reflow the text
    first, past = window.text_view.visible_positions()
    assert first <= window.text_view.to_position(last.start) < past
    # The span's colour is on screen where Qt lays out its characters.
    (rect,) = hand.segments(last.start, last.end)
    image = window.text_view.viewport().grab().toImage()
    colours = {image.pixelColor(round(rect.center().x()), round(rect.bottom()) + dy).name() for dy in range(-2, 6)}
    assert "#3cb44b" in colours  # LOC
    # The three last words have no span: drag one, press D.
    words = list(re.finditer(r"[\u0621-\u064a]{5,}", text))[::4]
    target = words[-2]
    hand.drag(target.start(), target.end())
    hand.key(Qt.Key.Key_D)
    stored = [s for s in queries.spans(sqlite_db, doc_id, ["amina"]) if s.label == "DATE"]
    assert [(s.start, s.end) for s in stored] == [(target.start(), target.end())]
