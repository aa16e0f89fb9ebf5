"""The bulk acceptance dialog: choose the rule (k of the compared annotators, or everything of one),
where (this document or every document) and which layer; the preview of what would be added is
shown before anything is written. The dialog only asks ``preview`` (the controller) for plans."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.review.bulk import BulkPlan
from curator.text.invisible import reveal

# (annotator or None for a majority, k, document ids or None for all, layers or None for all)
Preview = Callable[[str | None, int, list[int] | None, list[str] | None], BulkPlan]


class BulkAcceptDialog(QDialog):
    """Preview and confirm one bulk acceptance; :attr:`plan` is the plan shown when OK was pressed."""

    def __init__(
        self,
        annotators: Sequence[str],
        layers: Sequence[str],
        document_id: int,
        preview: Preview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bulk accept into the gold layer"))
        self.document_id = document_id
        self._preview = preview
        self.plan: BulkPlan | None = None
        self.by_majority = QRadioButton("What a majority made identically")
        self.by_annotator = QRadioButton("Everything of one annotator")
        self.by_majority.setChecked(True)
        self.k = QSpinBox()
        self.k.setRange(1, max(len(annotators), 1))
        self.k.setValue(len(annotators) // 2 + 1)
        self.k.setSuffix(f" of {len(annotators)}")
        self.annotator = QComboBox()
        for name in annotators:
            self.annotator.addItem(reveal(name), name)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("this document"), "document")
        self.scope.addItem(self.tr("every document"), "all")
        self.layer = QComboBox()
        self.layer.addItem(self.tr("every layer"), None)
        for layer in layers:
            self.layer.addItem(layer, layer)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.by_majority, self.k)
        form.addRow(self.by_annotator, self.annotator)
        form.addRow(self.tr("Where"), self.scope)
        form.addRow(self.tr("Layer"), self.layer)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for control in (self.by_majority, self.by_annotator):
            control.toggled.connect(lambda _on: self.refresh())
        self.k.valueChanged.connect(lambda _v: self.refresh())
        for box in (self.annotator, self.scope, self.layer):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Ask for the plan of the rule as now chosen and show it; OK is for a plan with something in it."""
        annotator = self.annotator.currentData() if self.by_annotator.isChecked() else None
        documents = [self.document_id] if self.scope.currentData() == "document" else None
        layer = self.layer.currentData()
        try:
            self.plan = self._preview(annotator, self.k.value(), documents, [layer] if layer else None)
        except ValueError as exc:
            self.plan = None
            self.preview_text.setPlainText(str(exc))
        else:
            lines = [f"Accept {self.plan.rule()}: {self.plan.summary()}"]
            for p in self.plan.documents[:5]:
                lines += [f"  {s.describe()}" for s in p.spans[:10]]
            lines += [f"refused: {s.layer}/{s.label} {s.start}-{s.end}: {why}" for _, s, why in self.plan.refused[:10]]
            self.preview_text.setPlainText(reveal("\n".join(lines)))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.plan is not None and not self.plan.empty)
