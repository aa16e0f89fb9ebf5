"""Find in the document and in the corpus (Arabic- and accent-insensitive), annotate all occurrences
after a preview, visible invisible characters, and what the window remembers between runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from curator.gui.find import AnnotateAllDialog
from curator.gui.main_window import MainWindow
from curator.gui.settings import Preferences
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor

pytestmark = pytest.mark.gui


def test_find_in_document_ignores_tashkeel_and_hamza_forms(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    doc_id = add_document(sqlite_db, samples / "tashkeel_ar.txt")
    window, hand = open_window(sqlite_db, doc_id)
    hand.key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    # (QTest cannot type Arabic key by key: the text is set, the search runs as after typing.)
    window.find_bar.query.setText("خالد خياري")
    window.find_bar.search()
    # Once with tashkeel (line 1), once without (line 2).
    assert [hand.text[s:e] for s, e in window.find_bar.hits] == ["خَالِدُ خِيَارِي", "خالد خياري"]
    assert window.find_bar.status.text() == "1 / 2"
    qtbot.keyClick(window.find_bar.query, Qt.Key.Key_Return)
    assert window.find_bar.current == 1 and window.find_bar.status.text() == "2 / 2"
    window.find_bar.query.setText("الاسلامي")  # no hamza, no kasra: matches الْإِسْلَامِيِّ
    window.find_bar.search()
    assert [hand.text[s:e] for s, e in window.find_bar.hits] == ["الْإِسْلَامِيِّ"]


def test_annotate_all_occurrences_shows_what_it_will_add_first(
    sqlite_db: Database, seeds: Path, open_window: Callable, qtbot: QtBot
) -> None:
    import_paths(sqlite_db, [seeds])
    window, hand = open_window(sqlite_db)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    text = hand.text
    first = hand.word("خياري")
    hand.drag(*first)
    hand.key(Qt.Key.Key_P)
    expected = [(s, s + len("خياري")) for s in _all(text, "خياري")]
    assert len(expected) > 1
    hand.drag(*first)
    seen: dict[str, object] = {}

    def review_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AnnotateAllDialog)
        seen["label"] = dialog.label()
        seen["rows"] = dialog.model.rowCount()
        seen["chosen"] = dialog.chosen()
        seen["summary"] = dialog.summary.text()
        dialog.accept()

    QTimer.singleShot(0, review_and_accept)
    window.annotate_all_action.trigger()
    assert seen["label"] == ("entity", "PER")
    assert seen["rows"] == len(expected)
    # The occurrence already labelled is shown but not added again.
    assert seen["chosen"] == [r for r in expected if r != first]
    assert str(seen["summary"]).startswith(f"{len(expected) - 1} of {len(expected)}")
    stored = sorted((s.start, s.end) for s in queries.spans(sqlite_db, window.workspace.doc.id or 0, ["amina"]))
    assert stored == expected

    # One undo removes what "annotate all" added, and only that; redo brings the same spans back.
    def stored_ranges() -> list[tuple[int, int]]:
        return sorted((s.start, s.end) for s in queries.spans(sqlite_db, window.workspace.doc.id or 0, ["amina"]))

    window.undo_action.trigger()
    assert stored_ranges() == [first]
    window.redo_action.trigger()
    assert stored_ranges() == expected
    # The same name at another seat changes one of them: the undo removes none rather than half.
    other_seat = Editor(sqlite_db, "amina")
    changed = next(s for s in queries.spans(sqlite_db, window.workspace.doc.id or 0) if (s.start, s.end) != first)
    other_seat.update_span(changed.id, changed.version, note="checked from the other seat")
    window.undo_action.trigger()
    assert stored_ranges() == expected
    assert "a colleague changed" in (window.save_state.toolTip() or window.save_state.text())


def test_annotate_all_leaves_unticked_what_lies_inside_a_span_of_the_same_label(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    doc_id = add_document(sqlite_db, samples / "tashkeel_ar.txt")
    _window, hand = open_window(sqlite_db, doc_id)
    full_name = hand.word("خالد خياري")
    hand.drag(*full_name)
    hand.key(Qt.Key.Key_P)
    alone = hand.word("خِيَارِي")
    hand.drag(*alone)
    seen: dict[str, object] = {}

    def review_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AnnotateAllDialog)
        rows = range(dialog.model.rowCount())
        seen["positions"] = [dialog.model.item(row, 1).text() for row in rows]
        seen["ticked"] = [dialog.model.item(row, 0).checkState() == Qt.CheckState.Checked for row in rows]
        dialog.accept()

    QTimer.singleShot(0, review_and_accept)
    hand.key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    inner = hand.word("خياري")
    # Both occurrences are listed; the one inside "خالد خياري" (PER) is not ticked, and says why.
    assert seen["positions"] == [f"{alone[0]}–{alone[1]}", f"{inner[0]}–{inner[1]} (inside a PER)"]
    assert seen["ticked"] == [True, False]
    stored = sorted((s.start, s.end) for s in queries.spans(sqlite_db, doc_id, ["amina"]))
    assert stored == sorted([full_name, alone])


def test_each_database_reopens_on_its_own_last_document(
    sqlite_db: Database, samples: Path, prefs: Preferences, qtbot: QtBot, add_document: Callable, tmp_path: Path
) -> None:
    add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    add_document(sqlite_db, samples / "crlf_fr.txt")
    third = add_document(sqlite_db, samples / "emoji_ar.txt")
    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    only = add_document(other, samples / "tashkeel_ar.txt")

    def open_on(db: Database) -> MainWindow:
        window = MainWindow(db, "amina", prefs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
        return window

    window = open_on(sqlite_db)
    qtbot.keyClick(window.text_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.text_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.doc.id == third
    window.close()
    # Another database: its own first document, and no word of a document that "no longer exists".
    elsewhere = open_on(other)
    assert elsewhere.workspace.doc.id == only
    assert "no longer exists" not in elsewhere.statusBar().currentMessage()
    elsewhere.close()
    # Back on the first: where the curator left it.
    assert open_on(sqlite_db).workspace.doc.id == third
    other.dispose()


def _all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def test_find_in_corpus_opens_the_document_on_the_match(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    target = add_document(sqlite_db, samples / "crlf_fr.txt")
    window, _hand = open_window(sqlite_db)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    text = queries.document(sqlite_db, target)
    assert text is not None
    word, query = "mémorandum", "MEMORANDUM"  # accent- and case-insensitive
    window.corpus_search.query.setText(query)
    window.corpus_search.search()
    # The import indexed the documents: the search answers at once, with no "Indexing" first.
    model = window.corpus_search.model
    assert model.rowCount() >= 1 and not window.corpus_search.status.text().startswith("Indexing ")
    matches = model.rowCount()
    # Counted in the right form: one document here.
    assert window.corpus_search.status.text() == f"{matches} match{'es' if matches > 1 else ''} in 1 document"
    hit = model.hit_at(0)
    assert hit is not None and hit.document_id == target
    window.corpus_search.table.activated.emit(model.index(0, 0))
    assert window.workspace.doc.id == target
    assert window.text_view.selection_offsets() == (hit.start, hit.end)
    assert text.text[hit.start : hit.end].lower() == word.lower()


def test_documents_imported_for_later_indexing_are_indexed_in_the_background_first(
    sqlite_db: Database, samples: Path, open_window: Callable, qtbot: QtBot
) -> None:
    import_paths(sqlite_db, [samples / "crlf_fr.txt"], index_later=True)  # as an older Curator left them
    window, _hand = open_window(sqlite_db)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    window.corpus_search.query.setText("MEMORANDUM")
    window.corpus_search.search()
    # Indexed off the GUI thread, then the search runs.
    assert window.corpus_search.status.text().startswith("Indexing ")
    qtbot.waitUntil(lambda: window.corpus_search.model.rowCount() >= 1)
    assert window.corpus_search.corpus.pending() == 0


def test_a_single_click_on_a_corpus_hit_selects_the_match_in_the_text(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable, qtbot: QtBot
) -> None:
    add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    target = add_document(sqlite_db, samples / "crlf_fr.txt")
    window, _hand = open_window(sqlite_db)
    qtbot.waitUntil(lambda: window.workspace.doc.id is not None)
    panel = window.corpus_search
    window.docks["corpus"].show()
    window.docks["corpus"].raise_()
    panel.query.setText("MEMORANDUM")
    panel.search()
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 1)
    hit = panel.model.hit_at(0)
    assert hit is not None and hit.document_id == target
    QApplication.processEvents()
    rect = panel.table.visualRect(panel.model.index(0, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.workspace.doc.id == target
    assert window.text_view.selection_offsets() == (hit.start, hit.end)
    assert panel.table.hasFocus()  # the next hit is one key away


def test_showing_invisible_characters_keeps_every_offset(
    sqlite_db: Database, samples: Path, open_window: Callable, add_document: Callable
) -> None:
    doc_id = add_document(sqlite_db, samples / "bidi_controls.txt")
    window, hand = open_window(sqlite_db, doc_id)
    assert "\u202e" in hand.text and "\u200f" in hand.text
    window.invisible_action.trigger()
    assert window.text_view.show_invisible
    shown = window.text_view.document().toRawText()
    assert "⇚" in shown and "\u202e" not in shown and len(shown) == len(hand.text)
    start, end = hand.word("منظمة")
    hand.drag(start, end)
    hand.key(Qt.Key.Key_O)
    hand.drag(*hand.word("isolated"))
    hand.key(Qt.Key.Key_M)
    assert sorted((s.start, s.end) for s in queries.spans(sqlite_db, doc_id, ["amina"])) == sorted(
        [(start, end), hand.word("isolated")]
    )
    window.invisible_action.trigger()
    assert "\u202e" in window.text_view.document().toRawText()


def test_font_zoom_layout_options_and_last_document_are_remembered(
    sqlite_db: Database, samples: Path, prefs: Preferences, qtbot: QtBot, add_document: Callable
) -> None:
    first = add_document(sqlite_db, samples / "mixed_paragraphs.txt")
    second = add_document(sqlite_db, samples / "emoji_ar.txt")
    window = MainWindow(sqlite_db, "amina", prefs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.workspace.doc.id == first)
    size = window.text_view.font().pointSize()
    window.zoom(2)
    window.invisible_action.trigger()
    window.exact_action.trigger()
    window.set_label_language("fr")
    window.docks["corpus"].hide()
    window.open_document(second)
    window.close()

    again = MainWindow(sqlite_db, "amina", prefs)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.workspace.doc.id == second)
    assert again.text_view.font().pointSize() == size + 2
    assert again.text_view.show_invisible and again.invisible_action.isChecked()
    assert again.text_view.exact_mode
    assert again.catalog.language == "fr" and again.catalog.name("entity", "PER") == "Personne"
    assert not again.docks["corpus"].isVisible()
    again.zoom(None)
    assert again.text_view.font().pointSize() == size
