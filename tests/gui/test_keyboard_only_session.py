"""A whole annotate-and-review session on the demo corpus with the keyboard alone (issue 22): every
gesture is a key event sent to the widget that has the focus (QTest), never a click and never a call
of the action behind it. Two annotators label an Arabic and a French report, word by word with
Ctrl+Shift+arrows, relate a claim to its claimant (R, Tab, Enter), link an entity (K, arrows, Enter),
set an attribute, comment, accept a suggestion, undo and redo; a reviewer then curates in the review
window opened by its key. The database is checked at the end: offsets, texts, relation, link, gold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from curator.gui.entity_chooser import EntityChooser
from curator.gui.main_window import MainWindow
from curator.gui.review.window import ReviewWindow
from curator.gui.shortcuts_dialog import ShortcutsDialog
from curator.gui.translations import apply_ui_language
from curator.io.importer import import_paths
from curator.review.comments import CommentService
from curator.review.states import CURATED, review_state
from curator.store import queries
from curator.store.database import Database
from curator.store.entities import EntityRecord, Registry
from curator.store.models import GOLD_ANNOTATOR, Document

if TYPE_CHECKING:
    from conftest import Hand

pytestmark = pytest.mark.gui

ARABIC = "000_f694274a42498c38"
FRENCH = "003_b923d6f7b2ab459c"
NO = Qt.KeyboardModifier.NoModifier
CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
K = Qt.Key


class Keyboard:
    """Key events to whatever widget has the focus, counted: the session's actions."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the focus"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focused(), key, modifier)
            self.count += 1
        QApplication.processEvents()

    def type(self, text: str) -> None:
        """Type ``text`` into the focused widget: one action per character."""
        for character in text:
            QTest.keyClicks(self.focused(), character)
            self.count += 1
        QApplication.processEvents()

    def until(self, key: Qt.Key, modifier: Qt.KeyboardModifier, done: Callable[[], bool], most: int = 80) -> None:
        """Press ``key`` until ``done()`` (as a curator watches the caret), at most ``most`` times."""
        for _ in range(most):
            if done():
                return
            self.press(key, modifier)
        assert done(), f"{key} pressed {most} times without getting there"

    def in_dialog(self, kind: type, act: Callable[[Keyboard], None]) -> list[tuple[QWidget, bool]]:
        """Run ``act`` with the keyboard on the modal ``kind`` dialog once it is open and focused
        (modal dialogs run their own loop: the keys are sent from inside it); each dialog met, and
        whether the keys closed it."""
        seen: list[tuple[QWidget, bool]] = []
        tries = [250]  # 5 s, then give up: the caller's assertion on ``seen`` fails

        def when_open() -> None:
            dialog = QApplication.activeModalWidget()
            focus = QApplication.focusWidget()
            if not isinstance(dialog, kind) or focus is None or focus.window() is not dialog:
                if isinstance(dialog, kind):
                    dialog.activateWindow()
                tries[0] -= 1
                if tries[0] > 0:
                    QTimer.singleShot(20, when_open)
                return
            act(self)
            seen.append((dialog, not dialog.isVisible()))
            if dialog.isVisible():  # the keys did not close it: fail, not hang
                dialog.close()

        QTimer.singleShot(0, when_open)
        return seen


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform does not give activation back when a dialog or a window closes."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def corpus(sqlite_db: Database, seeds: Path) -> dict[str, int]:
    """The demo corpus, and a registry with two entities the chooser will offer."""
    import_paths(sqlite_db, sorted(seeds.glob("*.txt")))
    Registry(sqlite_db, "amina").create(
        EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("M. Khiari",))
    )
    Registry(sqlite_db, "amina").create(EntityRecord("kha", "PER", {"fr": "Khaled Kha"}))
    with sqlite_db.read() as session:
        return {ext: id_ for id_, ext in session.execute(select(Document.id, Document.ext_id))}


@pytest.fixture(params=["en", "ar"])
def interface(request: pytest.FixtureRequest) -> Iterator[str]:
    """The session in the English interface and in the mirrored Arabic one (English again after)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_ui_language(app, request.param)
    yield str(request.param)
    apply_ui_language(app, "en")


def test_a_whole_session_with_the_keyboard_alone(
    interface: str,
    sqlite_db: Database,
    corpus: dict[str, int],
    open_window: Callable[..., tuple[MainWindow, Hand]],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window, _hand = open_window(sqlite_db)
    assert window.isRightToLeft() == (interface == "ar")
    keys = Keyboard(qtbot)
    doc = window.workspace.doc
    view = window.text_view
    qtbot.waitUntil(lambda: doc.id == corpus[ARABIC])  # the first document opens by itself
    view.setFocus()

    def caret() -> int:
        return view.to_offset(view.textCursor().position())

    def selected() -> str:
        found = view.selection_offsets()
        return doc.text[found[0] : found[1]] if found else ""

    # -- moving between documents: Ctrl+PgDown / Ctrl+PgUp, then the list (Ctrl+O, arrows, Enter) ---
    keys.press(K.Key_PageDown, CTRL, times=2)
    assert doc.document is not None and doc.document.ext_id == "002_cf51298b20422178"
    keys.press(K.Key_PageUp, CTRL)
    assert doc.document.ext_id == "001_69f5943f550353c0"
    keys.press(K.Key_O, CTRL)
    assert keys.focused() is window.documents.table
    keys.press(K.Key_Down, times=2)
    keys.press(K.Key_Return)
    assert doc.id == corpus[FRENCH]
    keys.press(K.Key_Escape)  # back to the text
    assert keys.focused() is view
    text = doc.text

    # -- French: words with Ctrl+Shift+→, labels by their keys --------------------------------------
    keys.press(K.Key_Home, CTRL)
    khiari = text.index("Khaled Khiari")
    keys.until(K.Key_Right, CTRL, lambda: caret() >= khiari)
    assert caret() == khiari
    keys.press(K.Key_Right, CTRL | SHIFT, times=2)
    assert selected() == "Khaled Khiari"
    keys.press(K.Key_P)
    oci = text.index("l’OCI reste")
    keys.until(K.Key_Right, CTRL, lambda: caret() >= oci)
    assert caret() == oci
    keys.press(K.Key_Right, times=2)  # past the elision, character by character
    keys.press(K.Key_Right, CTRL | SHIFT)
    assert selected() == "OCI "
    keys.press(K.Key_O)
    keys.until(K.Key_Left, CTRL, lambda: caret() <= oci)
    claim_end = text.index("la paix") + len("la paix")
    keys.until(
        K.Key_Right,
        CTRL | SHIFT,
        lambda: view.selection_offsets() is not None and view.selection_offsets()[1] >= claim_end,
    )
    keys.press(K.Key_C)
    claim = doc.current_span
    assert claim is not None and claim.label == "CLAIM"
    claim_text = "l’OCI reste un partenaire «indispensable» dans les efforts pour promouvoir la paix"
    assert doc.span_text(claim) == claim_text

    # -- relate the claim to its claimant: R, Tab / Shift+Tab through the candidates, Enter ----------
    keys.press(K.Key_R)
    assert view.picking and [doc.span_text(s) for s in window.relate_keys.candidates] == ["Khaled Khiari", "OCI"]
    assert doc.span_text(window.relate_keys.at_hand) == "OCI"  # the nearest: inside the claim
    keys.press(K.Key_Tab)
    assert doc.span_text(window.relate_keys.at_hand) == "Khaled Khiari"
    keys.press(K.Key_Tab, SHIFT)
    keys.press(K.Key_Left)  # → / ← step in the paragraph's reading direction: ← goes back in French
    assert doc.span_text(window.relate_keys.at_hand) == "Khaled Khiari"
    keys.press(K.Key_Return)
    assert not view.picking and view._candidates == []
    (relation,) = doc.relations_of(claim.id)
    assert relation.type == "claimant" and doc.span_text(doc.spans.get(relation.target_id)) == "Khaled Khiari"
    keys.press(K.Key_Z, CTRL)
    assert doc.relations_of(claim.id) == []
    keys.press(K.Key_Z, CTRL | SHIFT)
    assert len(doc.relations_of(claim.id)) == 1

    # -- link the claimant to an entity: Ctrl+, to it, K, arrows in the chooser, Enter ---------------
    keys.press(K.Key_Comma, CTRL)
    person = doc.current_span
    assert person is not None and doc.span_text(person) == "Khaled Khiari"
    offered = keys.in_dialog(EntityChooser, lambda k: (k.press(K.Key_Down), k.press(K.Key_Up), k.press(K.Key_Return)))
    keys.press(K.Key_K)
    ((chooser, closed),) = offered
    assert closed and isinstance(chooser, EntityChooser) and chooser.keys()[0] == "khiari"
    _activate(qtbot, window)
    assert window.entity_links.links[person.id] == "khiari"

    # -- an attribute of the claim: Ctrl+. to it, F2, ↓ in the stance list; Esc back to the text -----
    keys.press(K.Key_Period, CTRL)
    assert doc.current_span is not None and doc.current_span.id == claim.id
    keys.press(K.Key_F2)
    assert keys.focused() is window.span_panel.attribute_widgets["stance"]
    keys.press(K.Key_Down)
    assert doc.spans.get(claim.id).attributes == {"stance": "support"}
    keys.press(K.Key_Escape)
    assert keys.focused() is view

    # -- a comment on the claim: Ctrl+M, type, Enter -------------------------------------------------
    keys.press(K.Key_M, CTRL)
    assert keys.focused() is window.comments.text and window.comments.on_annotation.isChecked()
    keys.type("Citation exacte ?")
    keys.press(K.Key_Return)
    keys.press(K.Key_Escape)
    assert keys.focused() is view

    # -- a suggestion: N to the next one, Enter accepts it; undo and redo ----------------------------
    keys.press(K.Key_N)
    offer = window.suggestions.at_hand()
    assert offer is not None and text[offer.start : offer.end] == "OCI" and offer.label == "ORG"
    keys.press(K.Key_Return)
    accepted = doc.spans.find("entity", "ORG", offer.start, offer.end)
    assert accepted is not None
    keys.press(K.Key_Z, CTRL)
    assert doc.spans.find("entity", "ORG", offer.start, offer.end) is None
    keys.press(K.Key_Y, CTRL)
    assert doc.spans.find("entity", "ORG", offer.start, offer.end) is not None

    # -- the document's status: Ctrl+Shift+D, ↓ twice (new → in progress → done), Esc ---------------
    keys.press(K.Key_D, CTRL | SHIFT)
    assert keys.focused() is window.status_box
    keys.press(K.Key_Down, times=2)
    keys.press(K.Key_Escape)
    assert queries.statuses(sqlite_db, "amina")[corpus[FRENCH]] == "done"

    # -- Arabic: the list again, then words with Ctrl+Shift+← (forward in an Arabic paragraph) -------
    keys.press(K.Key_O, CTRL)
    keys.press(K.Key_Up, times=3)
    keys.press(K.Key_Return)
    assert doc.id == corpus[ARABIC]
    keys.press(K.Key_Escape)
    arabic = doc.text
    # Chosen, not left to Qt's default: the same logical movement in every document.
    assert view.document().defaultCursorMoveStyle() == Qt.CursorMoveStyle.LogicalMoveStyle

    def label_arabic(words: str, key: Qt.Key) -> None:
        start = arabic.index(words)
        line = arabic.count("\n", 0, start)  # the paragraph: ↓ line by line, Home to its start
        keys.press(K.Key_Home, CTRL)
        keys.until(K.Key_Down, NO, lambda: view.textCursor().blockNumber() >= line)
        keys.press(K.Key_Home)
        keys.until(K.Key_Left, CTRL, lambda: caret() >= start)  # logical: ← moves on in Arabic
        assert caret() == start
        keys.press(K.Key_Left, CTRL | SHIFT, times=len(words.split()))
        assert selected() == words + " "
        keys.press(key)

    label_arabic("منظمة التعاون الإسلامي", K.Key_O)
    label_arabic("الأمم المتحدة", K.Key_O)

    # -- a colleague: File → Switch annotator (Ctrl+Shift+A), type the name, Enter -------------------
    def switch_to(name: str) -> None:
        def answer(k: Keyboard) -> None:
            k.press(K.Key_A, CTRL)
            k.type(name)
            k.press(K.Key_Return)

        asked = keys.in_dialog(QInputDialog, answer)
        keys.press(K.Key_A, CTRL | SHIFT)
        assert [closed for _, closed in asked] == [True] and window.workspace.annotator == name
        _activate(qtbot, window)
        assert keys.focused() is view

    switch_to("karim")
    label_arabic("منظمة التعاون الإسلامي", K.Key_O)  # as amina did
    label_arabic("الأمم المتحدة", K.Key_L)  # amina said ORG

    # -- the review: a curator opens the review window by its key (Ctrl+Shift+R) ---------------------
    switch_to("lea")
    keys.press(K.Key_R, CTRL | SHIFT)
    review = window._review_window
    assert isinstance(review, ReviewWindow)
    qtbot.addWidget(review)
    qtbot.waitExposed(review)
    _activate(qtbot, review)
    c = review.controller
    assert review.chosen_annotators() == ["amina", "karim"] and c.document is not None
    assert c.document.id == corpus[ARABIC]
    ((kinds, start, end),) = [(d.kinds, d.start, d.end) for d in c.differences]
    assert kinds == {"label"} and arabic[start:end] == "الأمم المتحدة"
    keys.press(K.Key_1)  # amina's version: ORG
    gold = {(s.label, arabic[s.start : s.end]) for s in queries.spans(sqlite_db, corpus[ARABIC], [GOLD_ANNOTATOR])}
    assert gold == {("ORG", "الأمم المتحدة")}
    confirmed = keys.in_dialog(QMessageBox, lambda k: k.press(K.Key_Return))
    keys.press(K.Key_A, CTRL | SHIFT)  # accept all agreed, after its preview
    assert [closed for _, closed in confirmed] == [True]
    _activate(qtbot, review)

    def gold_of(document: int) -> set[tuple[str, str]]:
        text = queries.document(sqlite_db, document).text
        return {(s.label, text[s.start : s.end]) for s in queries.spans(sqlite_db, document, [GOLD_ANNOTATOR])}

    assert gold_of(corpus[ARABIC]) == {("ORG", "الأمم المتحدة"), ("ORG", "منظمة التعاون الإسلامي")}
    keys.press(K.Key_Z, CTRL)
    assert gold_of(corpus[ARABIC]) == {("ORG", "الأمم المتحدة")}
    keys.press(K.Key_Z, CTRL | SHIFT)
    assert gold_of(corpus[ARABIC]) == {("ORG", "الأمم المتحدة"), ("ORG", "منظمة التعاون الإسلامي")}
    keys.press(K.Key_M, CTRL)
    keys.type("ONU: ORG.")
    keys.press(K.Key_Return)
    keys.press(K.Key_S, CTRL | SHIFT)
    assert keys.focused() is review.review_state
    keys.press(K.Key_Down)  # in review → curated
    assert review_state(sqlite_db, corpus[ARABIC]) == CURATED
    keys.press(K.Key_F6)
    keys.press(K.Key_PageDown, CTRL, times=3)
    assert c.document is not None and c.document.id == corpus[FRENCH]
    assert [(d.layer, text[d.start : d.end]) for d in c.differences] == [
        ("entity", "Khaled Khiari"),
        ("claim", claim_text),
        ("claimant", claim_text),
        ("entity", "OCI"),
        ("entity", "OCI"),
    ]
    keys.press(K.Key_1)  # Khaled Khiari
    for _ in range(3):  # the claim, its claimant relation, the first OCI
        keys.press(K.Key_J)
        keys.press(K.Key_1)
    keys.press(K.Key_J)
    keys.press(K.Key_X)  # the second OCI (the accepted suggestion) stays out of the gold layer
    assert all(d.resolved for d in c.differences)

    # -- the figures: Ctrl+Shift+G computes the agreement (its tab shown), Ctrl+1 back to curating -----
    keys.press(K.Key_G, CTRL | SHIFT)
    assert review.tabs.currentIndex() == 1 and review.report is not None and review.agreement_model.rowCount() > 1
    keys.press(K.Key_1, CTRL)
    assert review.tabs.currentIndex() == 0

    # -- the agreement report, in the interface's language (Ctrl+Shift+W) -------------------------
    review.choose_report_folder = lambda: str(tmp_path / "report")  # the folder dialog's answer
    keys.press(K.Key_W, CTRL | SHIFT)
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    # Label names in the interface's language: English, or Arabic in the Arabic interface.
    assert ("ORG (منظمة)" in page) == (interface == "ar") and ("ORG (Organisation)" in page) == (interface == "en")

    # -- what the database holds ---------------------------------------------------------------------
    def stored(document: int, annotator: str) -> list[tuple[str, int, int, str]]:
        text_of = queries.document(sqlite_db, document).text
        return [
            (s.label, s.start, s.end, text_of[s.start : s.end]) for s in queries.spans(sqlite_db, document, [annotator])
        ]

    def at(words: str, in_text: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = in_text.index(words, start + 1)
        return start, start + len(words)

    assert stored(corpus[FRENCH], "amina") == [
        ("PER", *at("Khaled Khiari", text), "Khaled Khiari"),
        ("CLAIM", text.index("l’OCI reste"), claim_end, claim_text),
        ("ORG", *at("OCI", text), "OCI"),
        ("ORG", offer.start, offer.end, "OCI"),
    ]
    assert (offer.start, offer.end) == at("OCI", text, 1)
    assert stored(corpus[ARABIC], "amina") == [
        ("ORG", *at("الأمم المتحدة", arabic), "الأمم المتحدة"),
        ("ORG", *at("منظمة التعاون الإسلامي", arabic), "منظمة التعاون الإسلامي"),
    ]
    assert stored(corpus[ARABIC], "karim") == [
        ("LOC", *at("الأمم المتحدة", arabic), "الأمم المتحدة"),
        ("ORG", *at("منظمة التعاون الإسلامي", arabic), "منظمة التعاون الإسلامي"),
    ]
    (relation,) = queries.relations(sqlite_db, corpus[FRENCH], ["amina"])
    spans_by_id = {s.id: s for s in queries.spans(sqlite_db, corpus[FRENCH], ["amina"])}
    assert relation.type == "claimant"
    assert spans_by_id[relation.source_id].label == "CLAIM" and spans_by_id[relation.source_id].attributes == {
        "stance": "support"
    }
    assert text[spans_by_id[relation.target_id].start : spans_by_id[relation.target_id].end] == "Khaled Khiari"
    links = Registry(sqlite_db, "amina").links_of(corpus[FRENCH])  # every layer's links in the document
    assert links[relation.target_id] == "khiari"
    (thread,) = CommentService(sqlite_db, "amina").threads(corpus[FRENCH])
    assert thread.root.body == "Citation exacte ?" and (thread.root.target_kind, thread.root.target_id) == (
        "span",
        claim.id,
    )
    gold = stored(corpus[FRENCH], GOLD_ANNOTATOR)
    assert [(label, start, end) for label, start, end, _ in gold] == [
        ("PER", *at("Khaled Khiari", text)),
        ("CLAIM", text.index("l’OCI reste"), claim_end),
        ("ORG", *at("OCI", text)),
    ]
    (gold_relation,) = queries.relations(sqlite_db, corpus[FRENCH], [GOLD_ANNOTATOR])
    gold_ids = {s.id: (s.label, s.start) for s in queries.spans(sqlite_db, corpus[FRENCH], [GOLD_ANNOTATOR])}
    assert gold_relation.type == "claimant" and gold_ids[gold_relation.source_id][0] == "CLAIM"
    assert gold_ids[gold_relation.target_id] == ("PER", text.index("Khaled Khiari"))
    # Accepting amina's Khiari into gold brought its entity link along, and nothing else is linked.
    assert links == {relation.target_id: "khiari", gold_relation.target_id: "khiari"}
    assert stored(corpus[ARABIC], GOLD_ANNOTATOR) == [
        ("ORG", *at("الأمم المتحدة", arabic), "الأمم المتحدة"),
        ("ORG", *at("منظمة التعاون الإسلامي", arabic), "منظمة التعاون الإسلامي"),
    ]
    assert [t.root.body for t in CommentService(sqlite_db, "lea").threads(corpus[ARABIC])] == ["ONU: ORG."]
    assert keys.count >= 50, keys.count


def _shortcut_rows(dialog: ShortcutsDialog) -> dict[str, dict[str, str]]:
    tree = dialog.tree
    groups: dict[str, dict[str, str]] = {}
    for i in range(tree.topLevelItemCount()):
        branch = tree.topLevelItem(i)
        groups[branch.text(0)] = {branch.child(j).text(0): branch.child(j).text(1) for j in range(branch.childCount())}
    return groups


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def test_help_lists_the_keyboard_only_keys_of_both_windows(
    sqlite_db: Database, corpus: dict[str, int], open_window: Callable[..., tuple[MainWindow, Hand]], qtbot: QtBot
) -> None:
    window, _hand = open_window(sqlite_db, corpus[FRENCH])
    keys = Keyboard(qtbot)
    keys.press(K.Key_F1)
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible()]
    groups = _shortcut_rows(dialog)
    assert groups["Edit"]["Edit the annotation's attributes"] == "F2"
    assert groups["Edit"]["Comment…"] == _native("Ctrl+M")
    assert groups["Edit"]["My status of this document…"] == _native("Ctrl+Shift+D")
    assert groups["Edit"]["Link Claimant…"] == "R"
    assert groups["Edit"]["Link to an entity…"] == "K"
    assert groups["Go"]["Choose a document…"] == _native("Ctrl+O")
    assert groups["Go"]["Next annotation"] == _native("Ctrl+.")
    assert groups["Suggestions"]["Next suggestion"] == "N"
    assert groups["Review"]["Open review window…"] == _native("Ctrl+Shift+R")
    moving = groups["Moving and selecting (logical order, the same in Arabic and French)"]
    assert moving["Select by character, by word (Ctrl)"] == "Shift+← →, Ctrl+Shift+← →"
    assert set(groups["Relating (after the link key, R)"]) == {
        "Next candidate",
        "Previous candidate",
        "Link to the candidate at hand",
        "Cancel",
    }
    dialog.close()
    _activate(qtbot, window)
    keys.press(K.Key_R, CTRL | SHIFT)
    review = window._review_window
    assert isinstance(review, ReviewWindow)
    qtbot.addWidget(review)
    _activate(qtbot, review)
    keys.press(K.Key_F1)
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible()]
    groups = _shortcut_rows(dialog)
    curate, go = groups["Curate"], groups["Go"]
    assert (curate["Next difference"], curate["Next unresolved difference"], curate["Reject"]) == ("J", "N", "X")
    assert [curate[f"Accept the version of annotator {n}"] for n in range(1, 10)] == [str(n) for n in range(1, 10)]
    assert curate["Bulk accept…"] == _native("Ctrl+Shift+B")
    assert groups["Agreement"]["Write the agreement report…"] == _native("Ctrl+Shift+W")
    assert groups["Agreement"]["Compute agreement"] == _native("Ctrl+Shift+G")
    assert go["Documents"] == _native("Ctrl+3") and go["Back to the differences"] == "F6"
    assert go["Next document"] == _native("Ctrl+PgDown") and go["Comment…"] == _native("Ctrl+M")
    assert go["Review state…"] == _native("Ctrl+Shift+S") and go["Choose the annotators…"] == _native("Ctrl+Shift+O")
    assert groups["Edit"]["Undo"] == _native("Ctrl+Z")
    dialog.close()
