"""File → Export…: a dataset out of the window, the same exports as ``curator export``.

Format, output path, whose annotations (every annotator, chosen ones, or the curated gold layer),
layers and documents are chosen here; the export runs in a background thread (:class:`Job`) with a
progress bar, so the window stays responsive, and Cancel stops it between two documents (the
exporter leaves nothing behind). Notes the exporter gives (spans a format cannot hold...) are shown
when it is done, as the command line prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from curator.io import registry
from curator.io.export_service import ExportService
from curator.io.formats import FileFormat as ExportFormat
from curator.store.models import GOLD_ANNOTATOR
from curator.text.invisible import reveal

from .background import Job
from .plurals import install_plurals

ALL_ANNOTATORS, CHOSEN_ANNOTATORS, CURATED = "all", "chosen", "curated"
ALL_DOCUMENTS, OPEN_DOCUMENT, LISTED_DOCUMENTS, BY_ID = "all", "open", "listed", "ids"


def _checklist(items: list[tuple[str, str]], checked: bool) -> QListWidget:
    box = QListWidget()
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setMaximumHeight(96)
    return box


def _checked(box: QListWidget) -> list[str]:
    return [
        str(box.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


class ExportDialog(QDialog):
    """An export through ``exports`` (the core's export service, never the database itself).
    ``open_document`` is the window's open document; ``listed`` gives the ids of the documents the
    document list shows (its filters), read when the export starts."""

    exported = Signal(int, str)  # documents written, where
    total_known = Signal(int)  # the number of documents, once the thread has read the list's

    def __init__(
        self,
        exports: ExportService,
        open_document: int | None = None,
        listed: Callable[[], list[int]] | None = None,
        parent: QWidget | None = None,
        listed_count: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(parent)
        install_plurals()
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export a dataset"))
        self.exports = exports
        self.open_document = open_document
        self.listed = listed
        self.listed_count = listed_count  # how many the list shows, without reading their ids
        self.job: Job | None = None
        self.notes: list[str] = []
        self.result_count: int | None = None
        self.outcome: str | None = None  # "succeeded", "failed" or "cancelled", once shown
        self.last_error = ""
        # Dialog hooks, replaced in tests so that no modal dialog blocks them.
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.choose_path: Callable[[ExportFormat, str], str | None] = self._choose_path

        self.format_box = QComboBox()
        for fmt in registry.export_formats():
            self.format_box.addItem(f"{fmt.name} — {fmt.description}", fmt.name)
            self.format_box.setItemData(self.format_box.count() - 1, fmt.description, Qt.ItemDataRole.ToolTipRole)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Where to write the dataset"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse_button)
        self.csv_mode = QComboBox()
        self.csv_mode.addItem(self.tr("Spreadsheet-safe (formulas neutralised)"), "spreadsheet")
        self.csv_mode.addItem(self.tr("Plain CSV"), "plain")
        self.csv_label = QLabel(self.tr("CSV cells"))

        # Whose annotations.
        self.whose = QButtonGroup(self)
        self.whose_buttons: dict[str, QRadioButton] = {}
        whose_box = QGroupBox(self.tr("Annotations of"))
        whose_layout = QVBoxLayout(whose_box)
        for key, text in (
            (ALL_ANNOTATORS, self.tr("Every annotator")),
            (CHOSEN_ANNOTATORS, self.tr("These annotators:")),
            (CURATED, self.tr("The curated gold layer")),
        ):
            button = QRadioButton(text)
            self.whose.addButton(button)
            self.whose_buttons[key] = button
            whose_layout.addWidget(button)
            if key == CHOSEN_ANNOTATORS:
                names = exports.annotators()
                self.annotators = _checklist([(reveal(n), n) for n in names], checked=False)
                whose_layout.addWidget(self.annotators)
        self.whose_buttons[ALL_ANNOTATORS].setChecked(True)
        self.whose_buttons[CURATED].setEnabled(exports.has_gold())

        self.layers = _checklist([(layer, layer) for layer in exports.layer_ids()], checked=True)
        layers_box = QGroupBox(self.tr("Layers"))
        QVBoxLayout(layers_box).addWidget(self.layers)

        # Which documents.
        self.which = QButtonGroup(self)
        self.which_buttons: dict[str, QRadioButton] = {}
        which_box = QGroupBox(self.tr("Documents"))
        which_layout = QVBoxLayout(which_box)
        self.ids = QLineEdit()
        self.ids.setPlaceholderText(self.tr("ids given at import, comma-separated"))
        for key, text in (
            (ALL_DOCUMENTS, self.tr("Every document ({0})").format(f"{exports.count_documents():,}")),
            (OPEN_DOCUMENT, self.tr("The open document")),
            (LISTED_DOCUMENTS, self.tr("The documents the list shows (its filters)")),
            (BY_ID, self.tr("These ids:")),
        ):
            button = QRadioButton(text)
            self.which.addButton(button)
            self.which_buttons[key] = button
            which_layout.addWidget(button)
        which_layout.addWidget(self.ids)
        self.which_buttons[ALL_DOCUMENTS].setChecked(True)
        self.which_buttons[OPEN_DOCUMENT].setEnabled(open_document is not None)
        self.which_buttons[LISTED_DOCUMENTS].setEnabled(listed is not None)

        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.notes_view = QPlainTextEdit()
        self.notes_view.setReadOnly(True)
        self.notes_view.setMaximumHeight(90)
        self.notes_view.hide()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for push in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(push)

        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Output"), path_row)
        form.addRow(self.csv_label, self.csv_mode)
        choices = QHBoxLayout()
        choices.addWidget(whose_box)
        side = QVBoxLayout()
        side.addWidget(layers_box)
        choices.addLayout(side)
        choices.addWidget(which_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(choices)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.notes_view)
        layout.addLayout(buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.browse_button.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.ids.textEdited.connect(lambda _t: self.which_buttons[BY_ID].setChecked(True))
        self.annotators.itemChanged.connect(lambda _i: self.whose_buttons[CHOSEN_ANNOTATORS].setChecked(True))
        self.total_known.connect(self._set_total)
        self.which.buttonToggled.connect(lambda _b, _on: self.show_planned_count())
        self.ids.textChanged.connect(lambda _t: self.show_planned_count())
        self._format_changed()
        self.show_planned_count()
        self._set_running(False)
        self.resize(860, 440)

    # -- choices ----------------------------------------------------------------------------------

    @property
    def format(self) -> ExportFormat:
        return registry.named(str(self.format_box.currentData()))

    def set_format(self, name: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(name))

    def _format_changed(self) -> None:
        is_csv = self.format.name == "csv"
        self.csv_mode.setVisible(is_csv)
        self.csv_label.setVisible(is_csv)

    def _browse(self) -> None:
        chosen = self.choose_path(self.format, self.path.text())
        if chosen:
            self.path.setText(chosen)

    def annotator_choice(self) -> list[str] | None:
        """The annotators to export (None: every one)."""
        if self.whose_buttons[CURATED].isChecked():
            return [GOLD_ANNOTATOR]
        if self.whose_buttons[CHOSEN_ANNOTATORS].isChecked():
            return _checked(self.annotators)
        return None

    def layer_choice(self) -> list[str] | None:
        chosen = _checked(self.layers)
        return None if len(chosen) == self.layers.count() else chosen

    def _document_choice(self) -> tuple[str, list[str]]:
        for key, button in self.which_buttons.items():
            if button.isChecked():
                return key, [part.strip() for part in self.ids.text().split(",") if part.strip()]
        return ALL_DOCUMENTS, []

    def planned_count(self) -> int | None:
        """How many documents the export as chosen writes (None when it cannot be told yet)."""
        which, ids = self._document_choice()
        if which == ALL_DOCUMENTS:
            return self.exports.count_documents()
        if which == OPEN_DOCUMENT:
            return 1 if self.open_document is not None else 0
        if which == BY_ID:
            return len(self.exports.document_ids(ids)) if ids else 0
        return self.listed_count() if self.listed_count is not None else None

    def show_planned_count(self) -> None:
        """Before anything runs, the bar says how many documents the export will write."""
        if self.running():
            return
        total = self.planned_count()
        self.progress.setRange(0, max(total or 0, 1))
        self.progress.setValue(0)
        if total is None:
            self.progress.setFormat(self.tr("The documents the list shows"))
        else:
            self.progress.setFormat(self.tr("%Ln document(s) will be exported", "", total))

    def _set_total(self, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setFormat(self.tr("%v of %Ln document(s)", "", total))

    def problem(self) -> str | None:
        """What stops the export as chosen, in a sentence (None when it can start)."""
        if not self.path.text().strip():
            return self.tr("Choose where to write the dataset.")
        annotators = self.annotator_choice()
        if annotators is not None and not annotators:
            return self.tr("Tick at least one annotator.")
        if not _checked(self.layers):
            return self.tr("Tick at least one layer.")
        which, ids = self._document_choice()
        if which == BY_ID and not ids:
            return self.tr("Give the ids of the documents to export.")
        if which == BY_ID and len(self.exports.document_ids(ids)) != len(set(ids)):
            return self.tr("Some of these ids are not in the database.")
        return None

    # -- running ----------------------------------------------------------------------------------

    def start(self) -> Job | None:
        """Start the export as chosen (in the background); None when something is missing."""
        if self.job is not None and self.job.isRunning():
            return None
        problem = self.problem()
        if problem:
            self.last_error = problem
            self.state.setText(problem)
            return None
        out = Path(self.path.text().strip()).expanduser()
        if out.exists() and (out.is_file() or any(out.iterdir())):
            question = self.tr("{0} exists. Write the export there anyway (files of the same name are replaced)?")
            if not self.confirm(self.tr("Export"), question.format(out)):
                return None
        fmt, annotators, layers = self.format, self.annotator_choice(), self.layer_choice()
        which, ids = self._document_choice()
        options: Mapping[str, object] = {"csv_mode": self.csv_mode.currentData()}
        exports, open_document, listed = self.exports, self.open_document, self.listed
        total = {
            ALL_DOCUMENTS: exports.count_documents,
            OPEN_DOCUMENT: lambda: 1,
            BY_ID: lambda: len(set(ids)),
            # Known once the list was read, in the thread, when it cannot be counted first.
            LISTED_DOCUMENTS: lambda: self.listed_count() if self.listed_count is not None else 0,
        }[which]()
        self.notes = []
        notes = self.notes

        def work(report: Callable[[int], None]) -> int:
            document_ids: list[int] | None = None
            if which == OPEN_DOCUMENT and open_document is not None:
                document_ids = [open_document]
            elif which == BY_ID:
                document_ids = exports.document_ids(ids)
            elif which == LISTED_DOCUMENTS and listed is not None:
                document_ids = listed()
                self._total_known(len(document_ids))
            return exports.export(
                fmt,
                out,
                annotators=annotators,
                document_ids=document_ids,
                progress=report,
                layers=layers,
                options=options,
                on_note=notes.append,
            )

        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._set_total(total)
        self.notes_view.hide()
        self.state.setText(self.tr("Exporting {0} to {1}…").format(fmt.name, out))
        job = Job(work, self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(lambda count: self._succeeded(int(count), out))
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job = job
        self.result_count, self.outcome = None, None
        self._set_running(True)
        job.start()
        return job

    def _total_known(self, total: int) -> None:
        self.total_known.emit(total)  # from the thread: delivered in the GUI thread

    def _progressed(self, done: int) -> None:
        if done > self.progress.maximum():
            self.progress.setMaximum(done)
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.state.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _succeeded(self, count: int, out: Path) -> None:
        self.result_count = count
        self.progress.setValue(self.progress.maximum())
        self.state.setText(self.tr("Exported %Ln document(s) to {0}", "", count).format(out))
        if self.notes:
            self.notes_view.setPlainText("\n".join(self.notes))
            self.notes_view.show()
        self._set_running(False)
        self.outcome = "succeeded"
        self.exported.emit(count, str(out))

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.state.setText(self.tr("Export failed: {0}").format(message))
        self._set_running(False)
        self.outcome = "failed"

    def _cancelled(self) -> None:
        self.state.setText(self.tr("Export cancelled; nothing was left behind."))
        self.progress.setValue(0)
        self._set_running(False)
        self.outcome = "cancelled"

    def _set_running(self, running: bool) -> None:
        for widget in (self.format_box, self.path, self.browse_button, self.export_button, self.annotators):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    def running(self) -> bool:
        return self.job is not None and self.job.isRunning()

    def done(self, result: int) -> None:
        # Closing while an export runs cancels it and waits: no thread outlives the dialog.
        if self.job is not None and self.job.isRunning():
            self.job.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None and self.job.isRunning():
            self.job.stop()
        super().closeEvent(event)

    # -- dialogs ----------------------------------------------------------------------------------

    def _choose_path(self, fmt: ExportFormat, current: str) -> str | None:
        if fmt.writes_folder:
            name = QFileDialog.getExistingDirectory(self, self.tr("Export into folder"), current)
        else:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to file"), current or f"export.{fmt.name}")
        return name or None

    def _confirm(self, title: str, text: str) -> bool:
        return bool(QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes)
