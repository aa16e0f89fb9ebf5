"""The review window's annotators chooser: a button that names the chosen annotators and opens a
list of every annotator to tick, one per line, as tall as the names (never behind a scrollbar)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QSizePolicy, QToolButton, QWidget, QWidgetAction

from curator.text.invisible import reveal

# More names than this scroll inside the list (a team this large chooses by ticking a few).
MOST_LINES = 20


class _NamesMenu(QMenu):
    """The popup: the list sized to its names each time it opens (before the menu measures itself:
    sized in showEvent, the menu kept the list's previous size around a smaller list)."""

    def __init__(self, names: QListWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._names = names
        holder = QWidgetAction(self)
        holder.setDefaultWidget(names)
        self.addAction(holder)
        self.aboutToShow.connect(self._fit)

    def _fit(self) -> None:
        names = self._names
        rows = [names.sizeHintForRow(i) for i in range(names.count())]
        frame = 2 * names.frameWidth()
        width = max(names.sizeHintForColumn(0), 160) + frame + 8
        names.setFixedSize(width, sum(rows[:MOST_LINES]) + frame + 2)
        self.adjustSize()


class AnnotatorChooser(QToolButton):
    """Ticks annotators; ``changed`` after each tick. The list stays open while the reviewer ticks."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = QListWidget()
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.itemChanged.connect(self._ticked)
        self.setMenu(_NamesMenu(self.names, self))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._update_text()

    def fill(self, names: list[str]) -> None:
        """Every annotator, all ticked."""
        self.names.blockSignals(True)
        self.names.clear()
        for name in names:
            item = QListWidgetItem(reveal(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.names.addItem(item)
        self.names.blockSignals(False)
        self._update_text()

    def chosen(self) -> list[str]:
        return [name for name, ticked in self._entries() if ticked]

    def set_chosen(self, chosen: list[str]) -> None:
        self.names.blockSignals(True)
        for i in range(self.names.count()):
            item = self.names.item(i)
            ticked = str(item.data(Qt.ItemDataRole.UserRole)) in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.names.blockSignals(False)
        self._update_text()

    def _entries(self) -> list[tuple[str, bool]]:
        items = [self.names.item(i) for i in range(self.names.count())]
        return [(str(i.data(Qt.ItemDataRole.UserRole)), i.checkState() == Qt.CheckState.Checked) for i in items]

    def _ticked(self, _item: QListWidgetItem) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        entries = self._entries()
        chosen = [reveal(name) for name, ticked in entries if ticked]
        whole = ", ".join(chosen) if chosen else self.tr("none")
        count = self.tr("{0} of {1}").format(len(chosen), len(entries))
        # The names elided to a reasonable width (never sliced), the count always whole.
        shown = self.fontMetrics().elidedText(whole, Qt.TextElideMode.ElideRight, 360)
        self.setText(f"{shown}  ({count}) ▾")
        self.setToolTip("\n".join(chosen))
