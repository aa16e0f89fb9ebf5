"""The interface in French and Arabic: every menu entry translated, Arabic mirrored (menu bar from the
right, docks swapped) while each document keeps its own direction; the choice of language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from curator.gui.main_window import MainWindow
from curator.gui.settings import Preferences
from curator.gui.status_box import StatusBox
from curator.gui.translations import (
    UI_LANGUAGE_ENV,
    UI_LANGUAGE_NAMES,
    apply_ui_language,
    catalogue,
    current_ui_language,
    ui_language,
)
from curator.gui.window_actions import WindowActions
from curator.store.database import Database

if TYPE_CHECKING:
    from conftest import Hand

pytestmark = pytest.mark.gui

ARABIC = "منظمة التعاون الإسلامي تدعم السلام والتنمية في المنطقة.\n"
FRENCH = "L'Organisation de la coopération islamique soutient la paix.\n"


@pytest.fixture
def language() -> Iterator[Callable[[str], list[str]]]:
    """``language(code)`` applies an interface language; English again afterwards, for the next tests."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield lambda code: apply_ui_language(app, code)
    apply_ui_language(app, "en")


def _menu_texts(window: MainWindow) -> list[str]:
    texts: list[str] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            if action.isSeparator():
                continue
            texts.append(action.text())
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions())

    walk(window.menuBar().actions())
    return texts


def _english_sources(language: str) -> set[str]:
    """The catalogue's source texts whose translation differs from them (an English word that French
    writes the same, "Documents", is no English left)."""
    sources: set[str] = set()
    for message in ET.parse(catalogue(language)).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = "" if translation is None else (translation.text or "")
        if text != source:
            sources.add(source)
    return sources


def _documents(db: Database, add_document: Callable[[Database, Path], int], tmp_path: Path) -> tuple[int, int]:
    (tmp_path / "ar.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    return add_document(db, tmp_path / "ar.txt"), add_document(db, tmp_path / "fr.txt")


def test_the_french_window_has_no_english_string_left_in_its_menus(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    language: Callable[[str], list[str]],
) -> None:
    english, _ = open_window(sqlite_db)
    english_texts = _menu_texts(english)
    english.close()
    assert "&File" in english_texts and "Keyboard shortcuts…" in english_texts

    assert language("fr") == ["qtbase_fr", "curator_fr"]
    window, hand = open_window(sqlite_db)
    texts = _menu_texts(window)
    # A menu of languages names each in its own language ("English"), whatever the interface's.
    own_names = set(UI_LANGUAGE_NAMES.values())
    left = [text for text in texts if text in _english_sources("fr") and text not in own_names]
    assert not left, f"English left in the French menus: {left}"
    assert "&Fichier" in texts and "Raccourcis clavier…" in texts
    assert len(texts) == len(english_texts)
    assert window.docks["documents"].windowTitle() == "Documents"
    assert window.docks["labels"].windowTitle() == "Étiquettes"
    # Counted messages take the French plural: 0 and 1 are singular.
    hand.qtbot.waitUntil(lambda: window.documents.count.text() == "0 document")


def test_the_arabic_window_is_mirrored_and_each_document_keeps_its_direction(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    add_document: Callable[[Database, Path], int],
    language: Callable[[str], list[str]],
    tmp_path: Path,
) -> None:
    arabic, french = _documents(sqlite_db, add_document, tmp_path)
    language("ar")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window, hand = open_window(sqlite_db, arabic)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    bar = window.menuBar()
    first, last = bar.actions()[0], bar.actions()[-1]
    assert first.text() == "&ملف"
    # The menu bar starts at the right: File is the rightmost entry.
    assert bar.actionGeometry(first).left() > bar.actionGeometry(last).right()
    # The documents' dock, on the left in English, is on the right.
    documents = window.docks["documents"].geometry()
    labels = window.docks["labels"].geometry()
    assert documents.left() > window.width() // 2 > labels.right()
    # No tab bar left over the labels (Qt leaves one shown where a tab group was before a split).
    hand.qtbot.waitUntil(
        lambda: not any(b.isVisible() and b.geometry().intersects(labels) for b in window.findChildren(QTabBar))
    )

    # Inside the mirrored window, the Arabic text starts at the right edge and the French at the left.
    view = window.text_view.viewport()
    assert hand.rtl(0)
    x_arabic, _ = hand.caret(0)
    assert x_arabic > view.width() * 0.8
    assert window.open_document(french)
    QApplication.processEvents()
    assert not hand.rtl(0)
    x_french, _ = hand.caret(0)
    assert x_french < view.width() * 0.2
    # Arabic plural forms: two is the dual.
    hand.qtbot.waitUntil(lambda: window.documents.count.text() == "وثيقتان")


def test_a_subclass_of_a_translated_class_is_translated_too(language: Callable[[str], list[str]]) -> None:
    """lupdate files a ``self.tr`` string under the class that calls it; PySide6 asks for the runtime
    class first, then its bases, so a subclass finds it."""

    class ShownStatus(StatusBox):
        pass

    language("fr")
    box = ShownStatus()
    assert box.toolTip() == "Votre état pour ce document"
    assert box.itemText(0) == "Nouveau"


def test_help_lists_every_shortcut_grouped_by_menu_translated(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    language: Callable[[str], list[str]],
) -> None:
    language("fr")
    window, _ = open_window(sqlite_db)
    actions = window.findChild(WindowActions)
    assert isinstance(actions, WindowActions)
    dialog = actions.show_shortcuts()
    tree = dialog.tree
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert {"Fichier", "Édition", "Aller", "Suggestions", "Affichage", "Aide"} <= set(groups)
    go = groups["Aller"]
    rows = {go.child(i).text(0): go.child(i).text(1) for i in range(go.childCount())}
    assert rows["Document suivant"] == QKeySequence("Ctrl+PgDown").toString(QKeySequence.SequenceFormat.NativeText)
    assert "Document suivant" not in {groups["Fichier"].child(i).text(0) for i in range(groups["Fichier"].childCount())}
    # The keys that sit in no menu are listed too: the label keys and Esc.
    others = groups["Dans le texte et les listes"]
    keys = {others.child(i).text(1) for i in range(others.childCount())}
    assert "Esc" in keys or "Échap" in keys
    assert "P" in keys  # Person
    dialog.close()


def test_the_interface_language_is_the_command_line_then_the_environment_then_the_remembered_one(
    monkeypatch: pytest.MonkeyPatch, prefs: Preferences
) -> None:
    monkeypatch.setenv(UI_LANGUAGE_ENV, "fr")
    assert ui_language("ar", "en") == "ar"
    assert ui_language(None, "ar") == "fr"
    monkeypatch.setenv(UI_LANGUAGE_ENV, "de")  # unknown: passed over
    assert ui_language(None, "ar") == "ar"
    monkeypatch.delenv(UI_LANGUAGE_ENV)
    assert ui_language(None, "ar") == "ar"
    assert ui_language("xx", None) in ("en", "fr", "ar")  # then the system's, or English
    assert prefs.ui_language is None
    prefs.ui_language = "fr"
    assert Preferences(prefs.qsettings).ui_language == "fr"
    assert current_ui_language() == "en"


def test_an_edit_is_described_in_the_interface_language(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    add_document: Callable[[Database, Path], int],
    language: Callable[[str], list[str]],
    tmp_path: Path,
) -> None:
    _arabic, french = _documents(sqlite_db, add_document, tmp_path)
    language("fr")
    window, _ = open_window(sqlite_db, french)
    saved: list[str] = []
    window.workspace.saved.connect(saved.append)
    assert window.workspace.add_span("entity", "ORG", 2, 14) is not None
    assert window.undo_action.text() == "Annuler ajout ORG « Organisation »"
    assert saved and saved[-1].startswith("Enregistré ")


def test_the_review_command_opens_its_window_in_the_chosen_language(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, language: Callable[[str], list[str]]
) -> None:
    """`curator review --ui-language ar`: the review window's menus in Arabic, the window mirrored."""
    from click.testing import CliRunner

    from curator.cli.main import cli
    from curator.gui.review.window import ReviewWindow

    seen: list[tuple[str, Qt.LayoutDirection]] = []

    def shown_then_closed(self: QApplication) -> int:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow) and w.isVisible()]
        seen.append((window.menuBar().actions()[0].text(), window.layoutDirection()))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", shown_then_closed)
    result = CliRunner().invoke(cli, ["--db", sqlite_db.url, "review", "--reviewer", "r", "--ui-language", "ar"])
    assert result.exit_code == 0, result.output
    assert seen == [("&تحرير", Qt.LayoutDirection.RightToLeft)]


def _shown_texts(root: QWidget) -> list[str]:
    """Every text the window shows of its own: menus, tabs, buttons, labels, check boxes, placeholders."""
    texts: list[str] = []
    for menu_action in root.findChildren(QAction):
        texts.append(menu_action.text())
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for widget in root.findChildren(QAbstractButton):
        texts.append(widget.text())
    for label in root.findChildren(QLabel):
        texts.append(label.text())
    for line in root.findChildren(QLineEdit):
        texts.append(line.placeholderText())
    return [t for t in texts if t]


def test_the_arabic_review_window_shows_no_english_of_its_own(
    db: Database, qtbot: QtBot, language: Callable[[str], list[str]]
) -> None:
    from curator.gui.review import open_review_window
    from curator.records import DocumentIn, SpanIn
    from curator.store.bulk import write_batch

    doc = DocumentIn(source="r.txt", line=1, text=ARABIC, ext_id="r1", title="r", language="ar")
    doc.spans = [SpanIn("entity", "ORG", 0, 5, who) for who in ("amina", "karim")]
    write_batch(db, [doc], "test")
    language("ar")
    window = open_review_window(db, "reviewer")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # What may stay Latin: the annotators' names, key names, file types, figure names.
    allowed = re.compile(r"amina|karim|reviewer|curation|Ctrl|Shift|Alt|PgUp|PgDown|CSV|JSON|F1|\b[A-Z]\b|α")
    english = [t for t in _shown_texts(window) if re.search(r"[A-Za-z]{3,}", allowed.sub("", t))]
    assert not english, f"English left in the Arabic review window: {english}"
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.close()


def test_why_a_document_is_read_only_is_said_in_the_interface_language(
    language: Callable[[str], list[str]],
) -> None:
    from curator.gui.document_list import reason_text
    from curator.store.assignment import ReadOnly

    given, locked = ReadOnly(1, "amina", ("karim", "lea")), ReadOnly(2, "amina", ("amina",), "in_review")
    assert reason_text(given) == "given to karim, lea; it is read-only for amina"
    language("fr")
    assert reason_text(given) == "confié à karim, lea ; en lecture seule pour amina"
    assert reason_text(locked).startswith("verrouillé : sa curation a commencé (en révision)")


def test_a_schema_change_leaves_label_names_following_the_interface_language(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    language: Callable[[str], list[str]],
) -> None:
    """A schema change repaints the labels without choosing their language for the curator: the next
    window in Arabic names them in Arabic (seen once: a French session's rename kept them French)."""
    language("fr")
    window, _ = open_window(sqlite_db)
    window.schema_changed(None)  # as when a colleague changes the schema
    assert window.catalog.name("entity", "PER") == "Personne"
    prefs = window.prefs
    window.close()
    language("ar")
    again, _ = open_window(sqlite_db)
    assert prefs.qsettings.value("view/label_language") in (None, "")
    assert again.catalog.name("entity", "PER") == "شخص"


def test_rejecting_a_suggestion_is_described_in_the_interface_language(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    add_document: Callable[[Database, Path], int],
    language: Callable[[str], list[str]],
    tmp_path: Path,
) -> None:
    (tmp_path / "twice.txt").write_text(
        "رحبت منظمة التعاون الإسلامي، وقالت منظمة التعاون الإسلامي إنها.", encoding="utf-8"
    )
    document = add_document(sqlite_db, tmp_path / "twice.txt")
    language("ar")
    window, _ = open_window(sqlite_db, document)
    assert window.workspace.add_span("entity", "ORG", 5, 27) is not None  # the first منظمة التعاون الإسلامي
    window.suggestions.step(True)  # the second is suggested
    assert window.suggestions.at_hand() is not None
    assert window.suggestions.reject()
    assert window.undo_action.text() == "تراجع رفض الاقتراح ⁨ORG⁩ «⁨منظمة التعاون الإسلامي⁩»"


def test_the_document_list_headers_are_not_cut_in_french_or_arabic(
    sqlite_db: Database,
    open_window: Callable[..., tuple[MainWindow, Hand]],
    language: Callable[[str], list[str]],
) -> None:
    for ui in ("fr", "ar"):
        language(ui)
        window, _hand = open_window(sqlite_db)
        header = window.documents.table.horizontalHeader()
        model = window.documents.table.model()
        names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
        assert "Segments" in names or "المقاطع" in names
        cut = [n for c, n in enumerate(names) if header.sectionSize(c) < header.sectionSizeHint(c)]
        assert cut == [], f"{ui}: headers narrower than their text: {cut}"
        window.close()
