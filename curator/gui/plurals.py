"""Plural forms of the window's messages, through Qt's translation system.

A message that counts is written ``self.tr("%n document(s)", "", n)``: Qt puts the number for ``%n``
(``%Ln`` with digit grouping) and asks the installed translators for the form. A language's own
translation file (``.qm``) gives every form its grammar needs (Arabic has six); until one is
installed, :class:`SourcePlurals` gives the English forms the source text holds: ``document(s)`` is
"document" for 1 and "documents" otherwise, ``match(es)`` likewise.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

_MARKED = re.compile(r"(\w+)\((s|es)\)")


def source_plural(text: str, n: int) -> str:
    """``text`` with each ``word(s)``/``word(es)`` made singular for ``n == 1``, plural otherwise."""
    return _MARKED.sub(lambda m: m.group(1) + ("" if n == 1 else m.group(2)), text)


class SourcePlurals(QTranslator):
    """The source texts' English plural forms, for messages no other translator translated."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if n < 0 or "(" not in source:
            return None  # not a counted message: Qt asks the next translator, then shows the source
        return source_plural(source, n)

    def isEmpty(self) -> bool:
        return False


_installed: list[SourcePlurals] = []  # kept referenced: Qt does not own an installed translator


def install_plurals() -> None:
    """Install :class:`SourcePlurals` once in the running application (installed first, so it is
    asked last: a real translation file installed afterwards wins)."""
    app = QCoreApplication.instance()
    if app is None or _installed:
        return
    translator = SourcePlurals(app)
    app.installTranslator(translator)
    _installed.append(translator)
