"""Counted nouns take their number's form: "1 document", "2 documents", in the window (through Qt's
translation system, %n) and on the command line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtWidgets import QApplication

from curator.gui.plurals import install_plurals, source_plural
from curator.text.plural import counted


def test_the_command_line_counts_in_the_right_form() -> None:
    assert [counted(n, "document") for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
    assert counted(1, "match", "matches") == "1 match" and counted(3, "match", "matches") == "3 matches"


@pytest.mark.gui
def test_the_window_counts_through_qt_translations(qapp: QApplication) -> None:
    install_plurals()
    install_plurals()  # once only
    asker = QObject()
    assert [asker.tr("%n document(s)", "", n) for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
    assert asker.tr("%Ln match(es)", "", 1) == "1 match"
    grouped = QLocale().toString(1200)  # %Ln: the number as the curator's locale writes it
    assert asker.tr("{0} in %Ln document(s)", "", 1200) == f"{{0}} in {grouped} documents"
    # Messages that count nothing are left to Qt (and any real translation) as they are.
    assert QCoreApplication.translate("Any", "Open review window…") == "Open review window…"
    assert source_plural("no marks here", 1) == "no marks here"
