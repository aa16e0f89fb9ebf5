"""A curator at work: drag-select words with the mouse in right-to-left and left-to-right paragraphs,
or with the keyboard, press a label's shortcut, and the stored offsets are exactly the word's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from curator.store import queries
from curator.store.database import Database

pytestmark = pytest.mark.gui


def _stored(db: Database, doc_id: int) -> list[tuple[str, int, int]]:
    return [(s.label, s.start, s.end) for s in queries.spans(db, doc_id, ["amina"])]


def test_drag_an_arabic_word_in_a_right_to_left_paragraph_and_press_p(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("خياري")
    hand.drag(start, end)
    assert window.text_view.selection_offsets() == (start, end)
    hand.key(Qt.Key.Key_P)
    (span,) = queries.spans(sqlite_db, doc_id, ["amina"])
    assert (span.label, span.start, span.end) == ("PER", start, end)
    assert hand.text[span.start : span.end] == "خياري"
    assert "Saved" in window.save_state.text()


def test_drag_a_french_word_in_a_left_to_right_paragraph_and_press_p(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("Khiari")
    hand.drag(start, end)
    hand.key(Qt.Key.Key_P)
    assert _stored(sqlite_db, doc_id) == [("PER", start, end)]


def test_words_after_characters_outside_the_bmp_keep_their_exact_offsets(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    """emoji_ar.txt: 🌍 and 🤝 (two UTF-16 units each) come before the words, 🇺🇳 inside line 2."""
    doc_id = add_document(sqlite_db, samples / "emoji_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    gaza = hand.word("غزة")
    sudan = hand.word("السودان")  # inside "والسودان": the drag starts after the proclitic و
    khiari = hand.word("خياري")
    assert hand.text[sudan[0] - 1] == "و"
    for (start, end), key in ((gaza, Qt.Key.Key_L), (sudan, Qt.Key.Key_L), (khiari, Qt.Key.Key_P)):
        hand.drag(start, end)
        hand.key(key)
    assert sorted(_stored(sqlite_db, doc_id), key=lambda s: s[1]) == [
        ("LOC", *gaza),
        ("LOC", *sudan),
        ("PER", *khiari),
    ]
    # What the window shows for each span is the stored slice.
    model = window.annotation_model
    shown = {model.data(model.index(row, 1)) for row in range(model.rowCount())}
    assert shown == {"غزة", "السودان", "خياري"}


def test_a_sloppy_drag_snaps_to_whole_words_and_alt_keeps_exact_characters(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("منظمة التعاون الإسلامي")
    # From the middle of the first word to the middle of the last one.
    hand.drag(hand.reachable(start + 2), hand.reachable(end - 3))
    assert window.text_view.selection_offsets() == (start, end)
    hand.key(Qt.Key.Key_O)
    terror = hand.word("الإرهاب")
    # With Alt held, exactly the characters dragged over: "الإر" (ر never joins the next letter, so the
    # mouse can stop after it whatever the font).
    hand.drag(terror[0], terror[0] + 4, alt=True)
    hand.key(Qt.Key.Key_M)
    assert sorted(_stored(sqlite_db, doc_id)) == [("MISC", terror[0], terror[0] + 4), ("ORG", start, end)]


def test_a_letter_is_never_split_from_its_marks(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "tashkeel_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    start, end = hand.word("خَالِدُ")
    # The mouse cannot stop between a letter and its mark (Qt's cursor positions are graphemes)...
    hand.drag(start, end, alt=True)
    assert window.text_view.selection_offsets() == (start, end)
    # ...and a selection made so anyway (here by the program) is widened to keep the damma.
    window.text_view.exact_mode = True
    window.text_view.select_offsets(start, end - 1)
    hand.key(Qt.Key.Key_P)
    assert _stored(sqlite_db, doc_id) == [("PER", start, end)]


def test_an_entity_never_crosses_a_paragraph_break_but_a_claim_may(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "emoji_ar.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    sudan = hand.word("السودان")
    said = hand.word("قال")
    hand.drag(sudan[0], said[1])
    hand.key(Qt.Key.Key_O)
    hand.drag(sudan[0], said[1])
    hand.key(Qt.Key.Key_C)
    assert sorted(_stored(sqlite_db, doc_id)) == [("CLAIM", sudan[0], said[1]), ("ORG", *sudan)]


def test_a_drag_across_a_paragraph_break_stores_what_it_highlights(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    """emoji_ar.txt: "…في غزة والسودان." then, on the next line, "قال خياري…"."""
    doc_id = add_document(sqlite_db, samples / "emoji_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    view = window.text_view
    sudan, said = hand.word("السودان"), hand.word("قال")
    hand.drag(sudan[0], said[1])
    highlighted = view.selection_offsets()
    hand.key(Qt.Key.Key_O)
    assert highlighted is not None and _stored(sqlite_db, doc_id) == [("ORG", *highlighted)]
    assert highlighted == sudan  # an entity ends with its paragraph, and the highlight said so
    # A claim may cross the break: its key takes the same drag by the claim's rules...
    hand.drag(sudan[0], said[1])
    hand.key(Qt.Key.Key_C)
    assert ("CLAIM", sudan[0], said[1]) in _stored(sqlite_db, doc_id)
    # ...and from then on a drag is shown as a claim takes it, until another layer's key is pressed.
    hand.drag(sudan[0], said[1] + 1)
    assert view.selection_offsets() == (sudan[0], said[1])
    hand.key(Qt.Key.Key_L)
    assert ("LOC", *sudan) in _stored(sqlite_db, doc_id)
    hand.drag(sudan[0], said[1])
    highlighted = view.selection_offsets()
    hand.key(Qt.Key.Key_D)
    assert highlighted == sudan and ("DATE", *sudan) in _stored(sqlite_db, doc_id)


def test_keyboard_selection_in_a_right_to_left_paragraph(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    """Shift+Left extends towards the end of an Arabic word (leftwards on screen); Ctrl word-wise."""
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    view = window.text_view
    start, end = hand.word("خياري")
    view.select_offsets(start, start)
    for _ in range(end - start):
        hand.key(Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_offsets() == (start, end)
    hand.key(Qt.Key.Key_P)
    org = hand.word("منظمة التعاون الإسلامي")
    view.select_offsets(org[0], org[0])
    for _ in range(3):
        hand.key(Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    hand.key(Qt.Key.Key_O)
    assert sorted(_stored(sqlite_db, doc_id)) == [("ORG", *org), ("PER", start, end)]


def test_nested_spans_each_stay_visible_and_clicks_cycle_through_them(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    org = hand.word("منظمة التعاون الإسلامي")
    inner = hand.word("الإسلامي")
    hand.drag(*org)
    hand.key(Qt.Key.Key_O)
    hand.drag(*inner)
    hand.key(Qt.Key.Key_M)
    doc = window.workspace.doc
    hand.click(inner[0] + 3)
    assert doc.current_span is not None and doc.current_span.label == "MISC"
    hand.click(inner[0] + 3)
    assert doc.current_span is not None and doc.current_span.label == "ORG"
    hand.click(inner[0] + 3)
    assert doc.current_span.label == "MISC"
    # Both colours are painted below the inner word, in separate lanes.
    doc.set_current_span(None)
    QApplication.processEvents()
    image = window.text_view.viewport().grab().toImage()
    (rect,) = hand.segments(*inner)
    x = round(rect.center().x())
    colours = {image.pixelColor(x, round(rect.bottom()) + dy).name() for dy in range(-3, 12)}
    assert QColor("#4363d8").name() in colours  # ORG
    assert QColor("#808000").name() in colours  # MISC
    # Hovering shows label and annotator of both.
    point = hand.point(inner[0] + 3, at="inside")
    QApplication.sendEvent(
        window.text_view.viewport(),
        QHelpEvent(QEvent.Type.ToolTip, point, window.text_view.viewport().mapToGlobal(point)),
    )
    tip = QToolTip.text()
    assert "Organisation" in tip and "Miscellaneous" in tip and "amina" in tip


def test_each_paragraph_is_drawn_in_its_own_direction(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    """mixed_paragraphs.txt: French, Arabic, English. The first character of the Arabic paragraph is
    drawn at the right edge of the text area, the French and English ones at the left edge."""
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    view = window.text_view
    margin = view.document().documentMargin()
    left_edge, right_edge = margin, view.viewport().width() - margin
    starts = [0, *[i + 1 for i, ch in enumerate(hand.text) if ch == "\n"][:2]]
    (fr_lead, fr_trail, _), (ar_lead, ar_trail, _), (en_lead, _, _) = (hand.edges(s) for s in starts)
    assert abs(fr_lead - left_edge) <= 1 and fr_trail > fr_lead
    assert abs(ar_lead - right_edge) <= 1 and ar_trail < ar_lead
    assert abs(en_lead - left_edge) <= 1
    for block_number, direction in ((0, Qt.LayoutDirection.LeftToRight), (1, Qt.LayoutDirection.RightToLeft)):
        assert view.document().findBlockByNumber(block_number).textDirection() == direction


def test_latin_names_and_numbers_inside_arabic_sit_inside_the_right_to_left_line(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    """mixed_bidi_ar.txt: "(OCI)" comes after "الإسلامي" in reading order, so to its left on screen."""
    doc_id = add_document(sqlite_db, samples / "mixed_bidi_ar.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    islamic = hand.word("الإسلامي")
    oci = hand.word("OCI")
    (islamic_rect,) = hand.segments(*islamic)
    (oci_rect,) = hand.segments(*oci)
    assert oci_rect.right() <= islamic_rect.left()  # read after it, so drawn to its left
    (o_rect,) = hand.segments(oci[0], oci[0] + 1)
    (i_rect,) = hand.segments(oci[1] - 1, oci[1])
    assert o_rect.left() < i_rect.left()  # and "OCI" itself reads left to right


def test_clicking_empty_text_clears_the_current_span(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    window, hand = open_window(sqlite_db, doc_id)
    hand.drag(*hand.word("Khiari"))
    hand.key(Qt.Key.Key_P)
    assert window.workspace.doc.current_span is not None
    assert window.span_panel.words.text() == "Khiari"
    hand.click(hand.word("Briefing")[0])
    assert window.workspace.doc.current_span is None
    assert not window.span_panel.body.isVisibleTo(window.span_panel)
