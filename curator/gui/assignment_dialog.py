"""Team → Assign documents… (a manager; anyone on SQLite): the annotators, how many of them each
document goes to and the seed, with a preview of the spread before anything is written. Both the
preview and the assignment are :func:`curator.store.assignment.assign`, the call behind
``curator assign`` (the preview as a dry run, rolled back). The dialog is given the core's
:class:`~curator.store.assignment.AssignmentService`, never the database."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.errors import CuratorError
from curator.store.assignment import AssignmentService, AssignReport
from curator.text.invisible import reveal


class AssignmentDialog(QDialog):
    """Choose annotators (ticked names, more typed in), documents per annotator count and seed;
    ``preview`` fills the spread table, ``assign`` writes it (one transaction, in the history)."""

    assigned = Signal(object)  # the AssignReport

    def __init__(
        self,
        service: AssignmentService,
        parent: QWidget | None = None,
        listed: Callable[[], list[int]] | None = None,
    ) -> None:
        """``listed``: the ids of the documents the window's list shows (its filter), offered as the
        documents to assign instead of all of them."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign documents"))
        self.service = service
        self.people = QListWidget()
        for name in service.annotator_names():
            self._add_person(name)
        # Logins granted the role who never annotated here: offered, not ticked (the server's roles
        # may be another project's annotators too).
        for name in service.granted_logins():
            self._add_person(name, ticked=False)
        self.more = QLineEdit()
        self.more.setPlaceholderText(self.tr("More annotators, comma-separated (logins on a server)"))
        self.per_document = QSpinBox()
        self.per_document.setRange(1, 99)
        self.per_document.setValue(2)
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.replace = QCheckBox(self.tr("Assign afresh (drop the assignments already made)"))
        self.listed = listed
        self.only_listed = QCheckBox(self.tr("Only the documents the list shows (its filter)"))
        self.only_listed.setVisible(listed is not None)
        self.spread = QTableWidget(0, 2)
        self.spread.setHorizontalHeaderLabels([self.tr("Annotator"), self.tr("Documents")])
        self.spread.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.assign_button = buttons.addButton(self.tr("Assign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.assign_button.clicked.connect(self.assign)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Annotators"), self.people)
        form.addRow("", self.more)
        form.addRow(self.tr("Annotators per document"), self.per_document)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow("", self.replace)
        form.addRow("", self.only_listed)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.preview_button)
        column.addWidget(self.spread, 1)
        column.addWidget(self.summary)
        column.addWidget(buttons)
        for signal in (
            self.per_document.valueChanged,
            self.seed.valueChanged,
            self.replace.toggled,
            self.only_listed.toggled,
        ):
            signal.connect(self._stale)
        self.people.itemChanged.connect(self._stale)
        self.more.textChanged.connect(self._stale)

    def _add_person(self, name: str, *, ticked: bool = True) -> None:
        item = QListWidgetItem(reveal(name))
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        if not ticked:
            item.setToolTip(self.tr("An annotator login of the server, with no work in this database yet"))
        self.people.addItem(item)

    def annotators(self) -> list[str]:
        ticked = [
            str(self.people.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.people.count())
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        ]
        typed = [name.strip() for name in self.more.text().split(",") if name.strip()]
        return list(dict.fromkeys([*ticked, *typed]))

    def _stale(self, *_args: object) -> None:
        self.spread.setRowCount(0)
        self.summary.clear()

    def _args(self) -> tuple[list[str], int, int, bool]:
        return self.annotators(), self.per_document.value(), self.seed.value(), self.replace.isChecked()

    def _documents(self) -> list[int] | None:
        return self.listed() if self.listed is not None and self.only_listed.isChecked() else None

    def preview(self) -> AssignReport | None:
        """Fill the table with what assigning would give each annotator; nothing is written."""
        names, per_document, seed, replace = self._args()
        try:
            report = self.service.preview(names, per_document, seed, replace, self._documents())
        except CuratorError as exc:
            self._refused(str(exc))
            return None
        self._show(names, report, done=False)
        return report

    def assign(self) -> AssignReport | None:
        names, per_document, seed, replace = self._args()
        try:
            report = self.service.assign(names, per_document, seed, replace, self._documents())
        except CuratorError as exc:
            self._refused(str(exc))
            return None
        self._show(names, report, done=True)
        self.assigned.emit(report)
        self.accept()
        return report

    def _show(self, names: list[str], report: AssignReport, *, done: bool) -> None:
        loads = self.service.loads(names, report) if not done else {}
        if not done:
            self.spread.setRowCount(len(loads))
            for row, (name, count) in enumerate(sorted(loads.items())):
                self.spread.setItem(row, 0, QTableWidgetItem(reveal(name)))
                figure = QTableWidgetItem(str(count))
                figure.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.spread.setItem(row, 1, figure)
        text = self.tr("{0} assignments to make, {1} kept, {2} removed").format(
            len(report.added), report.kept, len(report.removed)
        )
        self.summary.setStyleSheet("")
        self.summary.setText(text)

    def _refused(self, reason: str) -> None:
        self.spread.setRowCount(0)
        self.summary.setStyleSheet("color: #c62828;")
        self.summary.setText(reason)
