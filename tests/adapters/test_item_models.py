"""The window's item models are thin, correct Qt models: every one passes pytest-qt's model tester
(which stays connected and checks every later reset, insertion and change), without a widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from curator.gui.annotation_list import LABEL, POSITION, AnnotationModel
from curator.gui.doc_labels import DocumentLabelModel
from curator.gui.document_list import DocumentListModel
from curator.gui.find import HitModel
from curator.gui.label_catalog import LabelCatalog
from curator.gui.open_document import OpenDocument
from curator.gui.review.models import AgreementTableModel, ConfusionModel, DifferenceModel
from curator.io.importer import import_paths
from curator.records import DocumentIn, SpanIn
from curator.review.agreement import compute_agreement
from curator.review.differences import document_differences
from curator.store import queries
from curator.store.browse import DocumentFilter
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.search import search_corpus

pytestmark = pytest.mark.gui


@pytest.fixture
def corpus(qapp: QApplication, sqlite_db: Database, seeds: Path, samples: Path) -> Database:
    import_paths(sqlite_db, [seeds, samples / "mixed_bidi_ar.txt", samples / "emoji_ar.txt"])
    return sqlite_db


def test_document_list_model_pages_lazily_and_passes_the_model_tester(
    corpus: Database, qtmodeltester: ModelTester
) -> None:
    model = DocumentListModel(corpus, "amina", page=3)
    # The tester stays connected: it checks every later insertion, reset and change too.
    qtmodeltester.check(model)
    model.reload()
    assert model.rowCount() == 3 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 7 and not model.canFetchMore(QModelIndex())
    titles = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert all(titles)
    # Counts and statuses are this annotator's, refreshed in place after an edit.
    first = model.document_at(0)
    assert first is not None
    Editor(corpus, "amina").add_span(first.id, "entity", "ORG", 0, 3)
    Editor(corpus, "amina").set_status(first.id, "in_progress")
    model.refresh(first.id)
    assert model.data(model.index(0, 3)) == 1 and model.data(model.index(0, 2)) == "In progress"
    model.set_filter(DocumentFilter(status="in_progress"))
    assert model.rowCount() == 1
    model.set_filter(DocumentFilter(language="ar", text="emoji"))
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["ar"]


def test_annotation_model_follows_edits_sorts_and_passes_the_model_tester(
    corpus: Database, qtmodeltester: ModelTester
) -> None:
    doc = OpenDocument(corpus, "amina")
    doc_id = corpus_id(corpus, "emoji")
    assert doc.open(doc_id)
    model = AnnotationModel(doc, LabelCatalog(corpus.schema))
    qtmodeltester.check(model)
    editor = Editor(corpus, "amina")
    text = doc.text
    for word, label in (("غزة", "LOC"), ("الأمم المتحدة", "ORG"), ("خياري", "PER")):
        start = text.index(word)
        doc.apply_span_added(editor.add_span(doc_id, "entity", label, start, start + len(word)))
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["الأمم المتحدة", "غزة", "خياري"]
    model.sort(LABEL, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, 2)) for r in range(3)] == ["Organisation", "Person", "Place"]
    model.sort(POSITION, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["خياري", "غزة", "الأمم المتحدة"]
    span = model.span_at(0)
    assert span is not None
    doc.apply_span_removed(span.id)
    assert model.rowCount() == 2
    # Arabic text sits at the right of its cell.
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)


def test_document_label_model_asks_and_follows(corpus: Database, qtmodeltester: ModelTester) -> None:
    doc = OpenDocument(corpus, "amina")
    asked: list[tuple[str, str, bool]] = []
    model = DocumentLabelModel(doc, LabelCatalog(corpus.schema, "fr"), lambda *a: asked.append(a))
    qtmodeltester.check(model)
    assert model.rowCount() == 13
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable  # no document open
    doc.open(corpus_id(corpus, "emoji"))
    assert model.setData(model.index(2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked == [("area", "HUMANITARIAN", True)]
    assert model.data(model.index(2), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked  # not yet saved
    doc.apply_doc_label("area", "HUMANITARIAN", True)
    assert model.data(model.index(2), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(2)) == "Aide humanitaire"


def test_hit_model_passes_the_model_tester(corpus: Database, qtmodeltester: ModelTester) -> None:
    model = HitModel()
    model.set_hits(search_corpus(corpus, "الامم المتحده"))
    assert model.rowCount() > 1
    qtmodeltester.check(model)


# -- the review window's models -------------------------------------------------------------------

TEXT = "🌍 قال خالد خياري في الرباط إن التعاون مستمر.\nLe Conseil de sécurité siège à Genève."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def compared(qapp: QApplication, sqlite_db: Database) -> tuple[Database, int]:
    """amina and karim on one document: one agreed span, one missing, one boundary, one label."""
    doc = DocumentIn(source="r.txt", line=1, text=TEXT, ext_id="r1", title="Review me")
    doc.spans = [
        SpanIn("entity", "PER", *_at("خالد خياري"), "amina"),
        SpanIn("entity", "PER", *_at("خالد خياري"), "karim"),
        SpanIn("entity", "LOC", *_at("الرباط"), "amina"),
        SpanIn("entity", "ORG", *_at("Conseil de sécurité"), "amina"),
        SpanIn("entity", "ORG", *_at("Conseil"), "karim"),
        SpanIn("entity", "LOC", *_at("Genève"), "amina"),
        SpanIn("entity", "ORG", *_at("Genève"), "karim"),
    ]
    write_batch(sqlite_db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(sqlite_db, ["r1"])
    return sqlite_db, doc_id


def test_difference_model_passes_the_model_tester(compared: tuple[Database, int], qtmodeltester: ModelTester) -> None:
    db, doc_id = compared
    model = DifferenceModel()
    qtmodeltester.check(model)
    differences = document_differences(db, doc_id, ["amina", "karim"])
    model.set_differences(differences, TEXT)
    assert model.rowCount() == len(differences) >= 3
    assert str(model.data(model.index(0, 0))).startswith("• ")  # nothing resolved yet
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == differences[0].key
    qtmodeltester.check(model)  # and once filled
    model.set_differences([], TEXT)
    assert model.rowCount() == 0


def test_agreement_and_confusion_models_pass_the_model_tester(
    compared: tuple[Database, int], qtmodeltester: ModelTester
) -> None:
    db, _doc_id = compared
    figures = compute_agreement(db, ["amina", "karim"]).to_dict()
    entity = next(s for s in figures["span_layers"] if s["layer"] == "entity")
    table = AgreementTableModel()
    qtmodeltester.check(table)
    table.set_layer(entity, "span")
    assert table.columnCount() == 1 + 6 + 1 and table.rowCount() >= 2
    assert table.headerData(1, Qt.Orientation.Horizontal) == "amina/karim P exact"
    assert table.headerData(table.columnCount(), Qt.Orientation.Horizontal) is None  # past the last column
    assert table.index(0, 0).data() == "(all labels)"
    qtmodeltester.check(table)
    confusion = ConfusionModel()
    qtmodeltester.check(confusion)
    assert confusion.set_pair(entity, "amina", "karim")
    assert confusion.labels == ["PER", "ORG", "LOC", "(none)"]
    # Label names head both the rows and the columns; the diagonal (agreement) is tinted.
    assert confusion.headerData(2, Qt.Orientation.Vertical) == confusion.headerData(2, Qt.Orientation.Horizontal)
    assert confusion.data(confusion.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    qtmodeltester.check(confusion)
    assert not confusion.set_pair(entity, "amina", "nobody") and confusion.rowCount() == 0
    confusion.clear()
    assert confusion.columnCount() == 0


def corpus_id(db: Database, name: str) -> int:
    """The id of the imported document whose title or source mentions ``name``."""
    from curator.store import browse

    rows = browse.document_page(db, "nobody", DocumentFilter(text=name))
    assert rows, name
    return rows[0].id
