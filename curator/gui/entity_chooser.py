"""The chooser a key on an entity-layer span opens: the registry's candidates for its text, best
first, with their names (ar, fr, en) and description; Enter or a double click picks one, and
"New entity from this span" asks for one made from the span. The dialog only answers: the caller
(:class:`curator.gui.entity_links.EntityLinks`) makes the edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.store.entities import EntityRecord
from curator.store.queries import SpanRecord

from .entity_links import EntityLinks

Ranker = Callable[[str], list[tuple[EntityRecord, float]]]


def entity_lines(record: EntityRecord) -> str:
    """Two lines for a list row: the names (ar · fr · en), then the type, id and description."""
    names = " · ".join(record.names[lang] for lang in ("ar", "fr", "en") if record.names.get(lang))
    others = [n for lang, n in record.names.items() if lang not in ("ar", "fr", "en")]
    names = " · ".join([names, *others]) if others else names
    second = f"{record.type} — {record.key}"
    if record.description:
        second += f" — {record.description}"
    return f"{names}\n{second}"


class EntityChooser(QDialog):
    """Pick the entity ``words`` names (``chosen``), or ask for a new one (``wants_new``)."""

    def __init__(self, words: str, rank: Ranker, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EntityChooser")
        self.setWindowTitle(self.tr("Link to an entity"))
        self.rank = rank
        self.chosen: str | None = None
        self.wants_new = False
        self.current = current
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Entities for “{0}”, best first:").format(words)))
        self.query = QLineEdit(words)
        self.query.setPlaceholderText(self.tr("Search the registry"))
        self.query.textChanged.connect(self._fill)
        layout.addWidget(self.query)
        self.list = QListWidget()
        self.list.setObjectName("candidates")
        # Enter on a row and a double click (the platform's activation) both pick it.
        self.list.itemActivated.connect(lambda _item: self._pick())
        layout.addWidget(self.list, 1)
        self.new_button = QPushButton(self.tr("New entity from this span"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self._new)
        layout.addWidget(self.new_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._pick)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)
        self._fill(words)
        self.list.setFocus()

    def _fill(self, text: str) -> None:
        self.list.clear()
        for record, score in self.rank(text) if text.strip() else []:
            mark = "✓ " if record.key == self.current else ""
            item = QListWidgetItem(f"{mark}{entity_lines(record)}  ({score:.0f})")
            item.setData(Qt.ItemDataRole.UserRole, record.key)
            item.setToolTip(record.description or record.key)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter picks the row at hand wherever the focus is in the chooser (the search field too).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._pick()
            return
        super().keyPressEvent(event)

    def keys(self) -> list[str]:
        """The candidates listed, best first."""
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def _pick(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _new(self) -> None:
        self.wants_new = True
        self.accept()


def choose_and_link(links: EntityLinks, span: SpanRecord | None, parent: QWidget | None = None) -> EntityChooser | None:
    """The link key: open the chooser for ``span`` (an entity-layer span) and make the edit chosen.
    The chooser is returned once closed (tests read it), None when ``span`` cannot link."""
    if span is None or not links.linkable(span):
        links.hint.emit(links.tr("Select an annotation of the entity layer to link it"))
        return None
    words = " ".join(links.workspace.doc.span_text(span).split())
    chooser = EntityChooser(words, links.ranked, links.links.get(span.id), parent)
    if chooser.exec():
        if chooser.wants_new:
            links.new_entity(span)
        elif chooser.chosen is not None:
            links.link(span, chooser.chosen)
    return chooser
