"""The mentions panel: every mention of one entity across documents and languages, and the claims
whose claimant is that entity. The entity is the one the span at hand links to, or the one chosen in
the combo; activating a row asks for its document to open there (``mention_activated``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from curator.text.invisible import one_line

from .direction import reads_rtl
from .entity_links import EntityLinks

_WHERE = Qt.ItemDataRole.UserRole


class MentionsPanel(QWidget):
    """Mentions and claims of the entity in ``combo``, read through ``links``."""

    mention_activated = Signal(int, int, int)  # document id, start, end

    def __init__(self, links: EntityLinks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links = links
        self.key: str | None = None
        layout = QVBoxLayout(self)
        self.combo = QComboBox()
        self.combo.setObjectName("entity_combo")
        self.combo.activated.connect(lambda index: self.show_entity(self.combo.itemData(index)))
        layout.addWidget(self.combo)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("mentions")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Text"), self.tr("Document"), self.tr("Language"), self.tr("Annotator")])
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree, 1)
        self.mentions_root = QTreeWidgetItem(self.tree, [self.tr("Mentions")])
        self.claims_root = QTreeWidgetItem(self.tree, [self.tr("Claims by this entity")])
        self.fill_entities()
        self.show_entity(None)

    def fill_entities(self) -> None:
        """The combo's entities, read again (a new entity, a renamed one)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("(the entity of the selected annotation)"), None)
        for record in self.links.entities():
            names = " · ".join(record.names[lang] for lang in ("ar", "fr", "en") if record.names.get(lang))
            self.combo.addItem(f"{names or record.key} ({record.key})", record.key)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.key)))
        self.combo.blockSignals(False)

    def show_entity(self, key: str | None) -> None:
        """List the mentions and claims of entity ``key`` (none: an empty list)."""
        self.key = key
        if self.combo.findData(key) < 0:
            self.fill_entities()
        self.combo.setCurrentIndex(max(0, self.combo.findData(key)))
        for root in (self.mentions_root, self.claims_root):
            root.takeChildren()
        if key is None or self.links.registry.get(key) is None:
            self.summary.setText(self.tr("Select a linked annotation, or choose an entity above."))
            return
        found = self.links.mentions(key)
        claims = self.links.claims(key)
        for m in found:
            self._row(self.mentions_root, m.text, m.document, m.language, m.annotator, (m.document_id, m.start, m.end))
        for c in claims:
            self._row(self.claims_root, c.text, c.document, c.language, c.annotator, (c.document_id, c.start, c.end))
        documents = len({m.document_id for m in found})
        languages = len({m.language for m in found})
        self.summary.setText(
            self.tr("{0} mention(s) in {1} document(s), {2} language(s); {3} claim(s)").format(
                len(found), documents, languages, len(claims)
            )
        )
        self.mentions_root.setText(0, self.tr("Mentions ({0})").format(len(found)))
        self.claims_root.setText(0, self.tr("Claims by this entity ({0})").format(len(claims)))
        self.tree.expandAll()

    def refresh(self) -> None:
        self.show_entity(self.key)

    def rows(self) -> list[tuple[str, str, str]]:
        """The mentions listed: (text, document, language)."""
        items = [self.mentions_root.child(i) for i in range(self.mentions_root.childCount())]
        return [(item.text(0), item.text(1), item.text(2)) for item in items if item is not None]

    def _row(
        self, root: QTreeWidgetItem, text: str, document: str, language: str, who: str, where: tuple[int, int, int]
    ) -> None:
        item = QTreeWidgetItem(root, [one_line(text), document, language, who])
        if reads_rtl(text):
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, _WHERE, list(where))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        where = item.data(0, _WHERE)
        if where:
            document_id, start, end = where
            self.mention_activated.emit(int(document_id), int(start), int(end))
