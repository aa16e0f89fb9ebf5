"""The guidelines pane (issue 21): the project's guidelines and label definitions, in the interface
language (another when that one has none), each paragraph laid out in its own direction.

Markdown is rendered by ``QTextBrowser.setMarkdown``; then each block gets the direction its own
text reads in and starts at that edge (an Arabic paragraph flush right, a French one flush left), in
a left-to-right window and a mirrored one alike. The text is shown as stored, never reshaped.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from curator.schema.model import Schema
from curator.store.guidelines import Guidelines

from .direction import layout_direction, reads_rtl, start_alignment

LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}


def guidelines_markdown(guidelines: Guidelines, schema: Schema, language: str) -> tuple[str, str | None]:
    """The Markdown the pane shows: the project text, then each label's definition and examples,
    each in ``language`` or the first other that has it; and the language of the project text."""
    content = guidelines.content
    parts: list[str] = []
    shown = content.project_text(language)
    if shown is not None:
        parts.append(shown[1].rstrip("\n"))
    labels: list[str] = []
    for layer in schema.layers:
        for label in layer.labels:
            guide = content.label_guide(layer.id, label.id, language)
            if guide is None:
                continue
            _, g = guide
            labels.append(f"### {label.names.get(language)} ({label.id})")
            if g.definition.strip():
                labels.append(g.definition.strip())
            labels.extend(f"- {example}" for example in g.examples)
    if labels:
        parts.append("\n\n".join(labels))
    return "\n\n".join(parts) + "\n", shown[0] if shown else None


def set_block_directions(browser: QTextBrowser) -> None:
    """Give each block of ``browser`` the direction of its own text and align it to that start."""
    document = browser.document()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        text = block.text()
        if text.strip():
            rtl = reads_rtl(text)
            form = QTextBlockFormat(block.blockFormat())
            form.setLayoutDirection(layout_direction(rtl))
            form.setAlignment(start_alignment(rtl))
            cursor.setPosition(block.position())
            cursor.setBlockFormat(form)
        block = block.next()
    cursor.endEditBlock()


class GuidelinesPane(QWidget):
    """Shows one version of the guidelines (:meth:`show_guidelines`); reads nothing itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelines_pane")
        self.header = QLabel()
        self.header.setObjectName("guidelines_header")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guidelines_text")
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.browser, 1)
        self.version: int | None = None
        self.shown_language: str | None = None
        self.show_guidelines(None, None, "en")

    def show_guidelines(self, guidelines: Guidelines | None, schema: Schema | None, language: str) -> None:
        if guidelines is None or schema is None:
            self.version, self.shown_language = None, None
            self.header.setText(self.tr("No guidelines yet: a manager imports them with curator guidelines import."))
            self.browser.clear()
            return
        markdown, shown = guidelines_markdown(guidelines, schema, language)
        self.version, self.shown_language = guidelines.version, shown
        header = self.tr("Version {0}, {1}").format(guidelines.version, f"{guidelines.imported_at:%Y-%m-%d}")
        if shown is not None and shown != language:
            header += " — " + self.tr("not written in this language: shown in {0}").format(LANGUAGE_NAMES[shown])
        self.header.setText(header)
        self.browser.setMarkdown(markdown)
        set_block_directions(self.browser)
