"""Help → Keyboard shortcuts: every action of the window that has a key, grouped as the menus are."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _plain(text: str) -> str:
    """A menu text as shown: without the ``&`` of its mnemonic (``&&`` is a literal one)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_groups(bar: QMenuBar, extra: list[QAction]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action text, its keys)]) for each menu of ``bar``, submenus under their own
    title, then ``extra`` (actions with a key that sit in no menu: label keys, Esc) as a last group
    named by the caller's first action's parent. Keys are in the platform's own words."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(menu: QMenu, title: str) -> None:
        rows: list[tuple[str, str]] = []
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{title} › {_plain(action.text())}")
                continue
            keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
            keys = [key for key in keys if key]
            if keys and not action.isSeparator():
                rows.append((_plain(action.text()), ", ".join(keys)))
        if rows:
            groups.append((title, rows))

    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(action.text()))
    rows = [
        (_plain(a.text()), ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()))
        for a in extra
        if a.shortcuts()
    ]
    if rows:
        groups.append(("", rows))
    return groups


class ShortcutsDialog(QDialog):
    """The list of :func:`shortcut_groups`, one branch per menu, then the keys of the text that are
    no action (moving, selecting, relating) when ``text_keys``. The menus' branches are made from
    the actions themselves, so the list cannot fall behind them."""

    def __init__(
        self, bar: QMenuBar, extra: list[QAction], parent: QWidget | None = None, *, text_keys: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        groups = shortcut_groups(bar, extra)
        if text_keys:
            groups += self._text_groups()
        for title, rows in groups:
            branch = QTreeWidgetItem(self.tree, [title or self.tr("In the text and the lists")])
            for text, keys in rows:
                QTreeWidgetItem(branch, [text, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def _text_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The keys of the text that are Qt's own or the pick's, in no menu."""
        moving = [
            (self.tr("Move by character, by word (Ctrl)"), self.tr("← → (in an Arabic paragraph ← goes forward)")),
            (self.tr("Select by character, by word (Ctrl)"), self.tr("Shift+← →, Ctrl+Shift+← →")),
            (self.tr("Line up, down; start, end of the line"), self.tr("↑ ↓, Home, End")),
            (self.tr("Start, end of the document"), self.tr("Ctrl+Home, Ctrl+End")),
        ]
        relating = [
            (self.tr("Next candidate"), self.tr("Tab, ↓, the arrow pointing along the paragraph")),
            (self.tr("Previous candidate"), self.tr("Shift+Tab, ↑, the other arrow")),
            (self.tr("Link to the candidate at hand"), self.tr("Enter")),
            (self.tr("Cancel"), self.tr("Esc")),
        ]
        return [
            (self.tr("Moving and selecting (logical order, the same in Arabic and French)"), moving),
            (self.tr("Relating (after the link key, R)"), relating),
        ]
