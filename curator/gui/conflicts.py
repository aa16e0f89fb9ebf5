"""Stale edits: a colleague changed (or deleted) an annotation after this window read it.

The store refuses such an edit (:class:`~curator.errors.StaleEdit`); nothing is overwritten. The
command that was refused describes the conflict (:class:`~curator.store.conflict.Conflict`: the version the curator saw,
the changes they wanted, the version the store holds now), the workspace reports it, and
:class:`ConflictResolver` shows both versions side by side and lets the curator choose:

- *keep theirs*: the window shows the stored version, the curator's change is dropped;
- *apply mine*: the curator's changes are applied again, as a new undoable edit, on top of the stored
  version (fields the curator did not touch keep the colleague's values).

Closing the dialog keeps theirs: the only path that writes is an explicit "apply mine".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.store.conflict import Conflict
from curator.store.queries import SpanRecord
from curator.text.invisible import reveal

if TYPE_CHECKING:
    from .workspace import Workspace


class Choice(Enum):
    KEEP_THEIRS = "keep theirs"
    APPLY_MINE = "apply mine"


# -- showing the two versions ---------------------------------------------------------------------


def _attributes(values: dict[str, Any]) -> str:
    if not values:
        return "—"
    return "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in sorted(values.items()))


def describe(span: SpanRecord | None, text: str) -> list[str]:
    """The rows of the comparison for one version: label, words, offsets, attributes, note, version."""
    if span is None:
        return ["(deleted)", "", "", "", "", ""]
    words = text[span.start : span.end] if 0 <= span.start <= span.end <= len(text) else ""
    return [
        f"{span.layer} / {span.label}",
        reveal(words if len(words) <= 80 else words[:79] + "…"),
        f"{span.start}–{span.end}",
        reveal(_attributes(span.attributes)),
        reveal(span.note) or "—",
        str(span.version),
    ]


ROWS = ("Label", "Text", "Offsets", "Attributes", "Note", "Version")


class ConflictDialog(QDialog):
    """Both versions side by side, differences marked; "Keep theirs" is the default (and Escape)."""

    def __init__(self, conflict: Conflict, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Conflicting edit"))
        self.conflict = conflict
        self.choice = Choice.KEEP_THEIRS
        if conflict.theirs is None:
            headline = self.tr("A colleague deleted this annotation after you opened it.")
        elif conflict.mine is None:
            headline = self.tr("A colleague changed this annotation after you opened it; you deleted it.")
        else:
            headline = self.tr("A colleague changed this annotation after you opened it.")
        intro = QLabel(
            "<b>"
            + headline
            + "</b><br>"
            + self.tr("Your edit ({0}) was not saved and nothing was overwritten. Which version do you keep?").format(
                reveal(conflict.what)
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(len(ROWS), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Yours (not saved)"), self.tr("Theirs (saved)")])
        header_item = self.table.horizontalHeaderItem(0)
        assert header_item is not None
        header_item.setToolTip(
            self.tr('What "Apply mine" saves: your changes over their version (the rest stays theirs)')
        )
        self.table.setVerticalHeaderLabels([self.tr(r) for r in ROWS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        mine_rows = describe(conflict.outcome_of_mine(), text)
        theirs_rows = describe(conflict.theirs, text)
        if conflict.mine is not None:
            mine_rows[-1] = self.tr("made on {0}").format(conflict.seen.version)
        bold = QFont()
        bold.setBold(True)
        for row, (ours, other) in enumerate(zip(mine_rows, theirs_rows, strict=True)):
            for column, value in enumerate((ours, other)):
                item = QTableWidgetItem(value)
                if ours != other and ROWS[row] != "Version":
                    item.setFont(bold)
                    item.setBackground(QColor("#fff3c4"))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(len(ROWS)))
        self.table.setMinimumHeight(height)
        self.table.setMaximumHeight(height)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("Keep theirs"))
        self.keep_button.setDefault(True)
        self.apply_button = QPushButton(self.tr("Delete anyway") if conflict.mine is None else self.tr("Apply mine"))
        if conflict.theirs is None and conflict.mine is not None:
            self.apply_button.setText(self.tr("Add mine again"))
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(self.reject)
        self.apply_button.clicked.connect(self._apply)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _apply(self) -> None:
        self.choice = Choice.APPLY_MINE
        self.accept()

    def reject(self) -> None:
        self.choice = Choice.KEEP_THEIRS
        super().reject()


# -- acting on the choice -------------------------------------------------------------------------


class ConflictResolver(QObject):
    """Shows each conflict the workspace reports and carries out the curator's choice.

    ``choose`` is the dialog; tests replace it with a function that answers.
    """

    def __init__(self, workspace: Workspace, parent_widget: QWidget | None = None) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.parent_widget = parent_widget
        self.choose: Callable[[Conflict], Choice] = self._ask
        self.resolved: list[tuple[Conflict, Choice]] = []
        workspace.conflicted.connect(self.resolve)

    def _ask(self, conflict: Conflict) -> Choice:
        dialog = ConflictDialog(conflict, self.workspace.doc.text, self.parent_widget)
        dialog.exec()
        return dialog.choice

    def resolve(self, conflict: Conflict) -> None:
        choice = self.choose(conflict)
        ws = self.workspace
        # Either way the window first shows what the store holds: never a version that is not saved.
        ws.show_stored_version(conflict.span_id, conflict.theirs)
        if choice is Choice.APPLY_MINE:
            theirs, mine = conflict.theirs, conflict.mine
            if mine is None and theirs is not None:
                ws.delete_span(theirs)
            elif theirs is None and mine is not None:
                yours = conflict.yours()
                assert yours is not None
                ws.recreate(yours)
            elif theirs is not None and conflict.reapplied():
                ws.reapply(theirs, conflict.what, conflict.reapplied())
        self.resolved.append((conflict, choice))
