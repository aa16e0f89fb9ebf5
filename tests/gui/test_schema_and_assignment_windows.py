"""The schema editor and the assignment in the window (issue 21): each schema change one undo on the
window's stack, the palette and the views repainted; the assignment dialog previews the spread
`curator assign` would make; an annotator's list shows their own documents, all of them a switch
away, read-only where not theirs with the reason shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from curator.gui.assignment_dialog import AssignmentDialog
from curator.gui.main_window import MainWindow
from curator.gui.schema_dialog import SchemaDialog
from curator.records import DocumentIn, SpanIn
from curator.review.states import set_review_state
from curator.store import queries
from curator.store.assignment import AssignmentService, assign
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR, Assignment
from tests.core.test_schema_editor_roles import _as, team  # noqa: F401  (the logins' fixture)

pytestmark = pytest.mark.gui

TEXT = "قال خالد خياري في الرباط إن التعاون مع منظمة التعاون الإسلامي مستمر."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def corpus(db: Database) -> tuple[Database, list[int]]:
    docs = []
    for i in range(4):
        doc = DocumentIn(source="t.jsonl", line=i + 1, text=TEXT + " " * i, ext_id=f"t{i}", title=f"Doc {i}")
        if i == 0:
            doc.spans = [
                SpanIn("entity", "ORG", *_at("منظمة التعاون الإسلامي"), "amina"),
                SpanIn("entity", "LOC", *_at("الرباط"), "amina"),
                SpanIn("entity", "ORG", *_at("منظمة التعاون الإسلامي"), "karim"),
                SpanIn("entity", "ORG", *_at("منظمة التعاون الإسلامي"), GOLD_ANNOTATOR),
            ]
        docs.append(doc)
    write_batch(db, docs, "test")
    return db, queries.document_ids_by_ext(db, [f"t{i}" for i in range(4)])


def _schema_dialog(window: MainWindow, qtbot: QtBot) -> SchemaDialog:
    dialog = window.open_schema_editor()
    assert isinstance(dialog, SchemaDialog)
    qtbot.addWidget(dialog)
    return dialog


def _button_text(window: MainWindow, layer: str, label: str) -> str:
    return window.label_palette.label_actions[(layer, label)].text()


def test_renaming_a_label_in_the_window_repaints_every_span_and_one_undo_restores_them(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    window, _hand = open_window(db, docs[0])
    before = queries.spans(db, docs[0])
    assert _button_text(window, "entity", "ORG").startswith("Organisation")
    dialog = _schema_dialog(window, qtbot)
    dialog.select("entity", "ORG")
    assert dialog.buttons["rename"].isEnabled()
    dialog.forms.names = lambda current: {**current, "en": "Organization"}  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["rename"], Qt.MouseButton.LeftButton)
    # the palette, the annotation list and the dialog show the new name; every span is of it
    assert _button_text(window, "entity", "ORG").startswith("Organization")
    names = {window.annotation_model.data(window.annotation_model.index(r, 2)) for r in range(2)}
    assert any("Organization" in str(name) for name in names), names
    assert "Organization" in [dialog.tree.topLevelItem(0).child(i).text(5) for i in range(7)]  # type: ignore[union-attr]
    assert "Saved" in dialog.message.text()
    # one undo (the window's Ctrl+Z) restores the names; the spans were never rewritten
    window.undo_action.trigger()
    assert _button_text(window, "entity", "ORG").startswith("Organisation")
    label = db.schema.label("entity", "ORG")
    assert label is not None and label.names.en == "Organisation"
    assert queries.spans(db, docs[0]) == before


def test_a_merge_in_the_window_relabels_the_spans_and_one_undo_puts_them_back(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    window, _hand = open_window(db, docs[0])
    dialog = _schema_dialog(window, qtbot)
    dialog.select("entity", "LOC")
    dialog.forms.merge_target = lambda choices: "ORG"  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["merge"], Qt.MouseButton.LeftButton)
    assert Counter(s.label for s in queries.spans(db, docs[0])) == {"ORG": 4}
    assert Counter(s.label for s in window.workspace.doc.spans) == {"ORG": 2}  # amina's, repainted
    assert ("entity", "LOC") not in window.label_palette.label_actions
    window.undo_action.trigger()
    assert Counter(s.label for s in queries.spans(db, docs[0])) == {"ORG": 3, "LOC": 1}
    assert Counter(s.label for s in window.workspace.doc.spans) == {"ORG": 1, "LOC": 1}
    assert ("entity", "LOC") in window.label_palette.label_actions
    window.redo_action.trigger()
    assert Counter(s.label for s in queries.spans(db, docs[0])) == {"ORG": 4}
    # closed, the dialog's changes are still undone from the window; opened again, it is the same one
    dialog.close()
    window.undo_action.trigger()
    assert Counter(s.label for s in queries.spans(db, docs[0])) == {"ORG": 3, "LOC": 1}
    assert window.open_schema_editor() is dialog


def test_split_colour_shortcut_and_attribute_from_the_dialog(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    window, _hand = open_window(db, docs[0])
    dialog = _schema_dialog(window, qtbot)
    dialog.select("entity", "ORG")

    def split(editor: Any, layer: str, label: str) -> tuple[dict[str, str], list[int]]:
        from curator.gui.schema_dialog import SplitDialog

        chooser = SplitDialog(editor, layer, label, dialog)
        qtbot.addWidget(chooser)
        assert chooser.spans.count() == 3
        assert chooser.tick_matching("منظمه التعاون الاسلامي") == 3  # folded: ة/ه, hamza forms
        chooser.spans.item(2).setCheckState(Qt.CheckState.Unchecked)
        values = {"id": "IGO", "ar": "منظمة دولية", "fr": "Organisation internationale", "en": "IGO"}
        for key, value in values.items():
            chooser.edits[key].setText(value)
        return chooser.answer()

    dialog.forms.split = split  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["split"], Qt.MouseButton.LeftButton)
    assert Counter(s.label for s in queries.spans(db, docs[0])) == {"IGO": 2, "ORG": 1, "LOC": 1}
    assert ("entity", "IGO") in window.label_palette.label_actions
    dialog.select("entity", "IGO")
    dialog.forms.colour = lambda current: "#00ff00"  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["colour"], Qt.MouseButton.LeftButton)
    dialog.forms.shortcut = lambda current: "Shift+I"  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["shortcut"], Qt.MouseButton.LeftButton)
    assert window.label_palette.label_actions[("entity", "IGO")].shortcut().toString() == "Shift+I"
    assert window.catalog.color("entity", "IGO").name() == "#00ff00"
    dialog.forms.attribute = lambda: {  # type: ignore[method-assign]
        "id": "founded", "ar": "تأسست", "fr": "Fondée", "en": "Founded", "type": "text", "values": (), "layer": None,
    }  # fmt: skip
    qtbot.mouseClick(dialog.buttons["attribute"], Qt.MouseButton.LeftButton)
    igo = db.schema.label("entity", "IGO")
    assert igo is not None and [a.id for a in igo.attributes] == ["founded"]
    # a refused change (the shortcut of another label) is not on the stack, and says why
    count = window.workspace.undo_stack.count()
    dialog.forms.shortcut = lambda current: "P"  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.buttons["shortcut"], Qt.MouseButton.LeftButton)
    assert "Not saved" in dialog.message.text() and "already used" in dialog.message.text()
    assert window.workspace.undo_stack.count() == count
    for _ in range(count):
        window.undo_action.trigger()
    assert db.schema.label("entity", "IGO") is None
    assert Counter(s.label for s in queries.spans(db, docs[0])) == {"ORG": 3, "LOC": 1}


def test_the_assignment_dialog_previews_the_spread_then_assigns_as_the_command_does(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot, tmp_path: Any
) -> None:
    db, docs = corpus
    window, _hand = open_window(db, docs[0])
    dialog = window.open_assignment()
    assert isinstance(dialog, AssignmentDialog)
    # Not given to qtbot: the window owns it and it deletes itself on closing (qtbot would close a
    # deleted dialog at teardown, as seen once in a full run).
    # amina and karim are known (they annotated); lea is typed in
    people = [dialog.people.item(i) for i in range(dialog.people.count())]
    assert [p.text() for p in people if p.checkState() == Qt.CheckState.Checked] == ["amina", "karim"]
    # On PostgreSQL the server's annotator logins with no work here are offered too, not ticked.
    assert [p.text() for p in people[2:]] == AssignmentService(db, "x").granted_logins()
    qtbot.keyClicks(dialog.more, "lea")
    dialog.per_document.setValue(2)
    dialog.seed.setValue(5)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    spread = {dialog.spread.item(r, 0).text(): int(dialog.spread.item(r, 1).text()) for r in range(3)}  # type: ignore[union-attr]
    # eight assignments over three annotators: loads differ by at most one
    assert set(spread) == {"amina", "karim", "lea"} and sorted(spread.values()) == [2, 3, 3]
    assert "8 assignments to make" in dialog.summary.text()
    with db.read() as session:
        assert session.query(Assignment).count() == 0  # a preview writes nothing
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    with db.read() as session:
        made = Counter(name for (name,) in session.execute(
            text(
                "SELECT a.name FROM assignments s JOIN annotators a ON a.id = s.annotator_id"
            )
        ))  # fmt: skip
    assert made == spread
    # only the documents the list shows (filtered by title): one more annotator on each of them
    window.documents.show_all.setChecked(True)  # Doc 1 may be given to others
    with qtbot.waitSignal(window.documents._debounce.timeout):  # the filter applies after a pause
        qtbot.keyClicks(window.documents.text_filter, "Doc 1")
    assert window.document_model.rowCount() == 1
    again = window.open_assignment()
    again.per_document.setValue(3)
    qtbot.keyClicks(again.more, "lea")
    again.only_listed.setChecked(True)
    report = again.preview()
    assert report is not None and [d for d, _n in report.added] == [docs[1]]
    # the same as `curator assign` with that seed on a fresh database would give
    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        write_batch(
            other,
            [DocumentIn(source="t", line=i, text=TEXT + " " * i, ext_id=f"t{i}", title=f"Doc {i}") for i in range(4)],
            "test",
        )
        report = assign(other, ["amina", "karim", "lea"], 2, seed=5)
        assert Counter(n for _d, n in report.added) == made
    finally:
        other.dispose()


def test_an_annotator_sees_their_documents_and_all_of_them_a_switch_away_read_only_with_the_reason(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    assign(db, ["amina", "karim"], 1, seed=1)
    with db.read() as session:
        mine = sorted(
            d for (d,) in session.execute(
                text(
                    "SELECT s.document_id FROM assignments s JOIN annotators a ON a.id = s.annotator_id "
                    "WHERE a.name = 'amina'"
                )
            )
        )  # fmt: skip
    assert len(mine) == 2
    window, _hand = open_window(db)
    panel, model = window.documents, window.document_model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and "document" in panel.count.text())
    listed = [model.document_at(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert listed == mine and not model.reasons
    assert "2 document" in panel.count.text()
    panel.show_all.click()
    assert panel.show_all.isChecked()
    listed = [model.document_at(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert listed == docs
    theirs = next(d for d in docs if d not in mine)
    row = model.row_of(theirs)
    assert row is not None
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "given to karim; it is read-only for amina" in tip
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(model.row_of(mine[0]) or 0, 0), Qt.ItemDataRole.ForegroundRole) is None
    # opening it shows why it is read-only, and an edit there is refused with that reason
    window.open_document(theirs)
    assert panel.reason.isVisible() and "read-only for amina" in panel.reason.text()
    assert window.workspace.add_span("entity", "LOC", *_at("الرباط")) is None
    assert "read-only for amina" in window.save_state.text()
    window.open_document(mine[0])
    assert not panel.reason.isVisible()
    panel.show_all.click()
    assert [model.document_at(r).id for r in range(model.rowCount())] == mine  # type: ignore[union-attr]


def test_a_window_follows_a_schema_change_made_elsewhere(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    window, _hand = open_window(db, docs[0], poll_ms=50)
    colleague = Database(db.url)
    try:
        from curator.store.schema_changes import SchemaEditor

        SchemaEditor(colleague, "boss").merge_labels("entity", "LOC", "ORG")
    finally:
        colleague.dispose()
    qtbot.waitUntil(lambda: ("entity", "LOC") not in window.label_palette.label_actions, timeout=5000)
    assert db.schema.label("entity", "LOC") is None
    qtbot.waitUntil(lambda: Counter(s.label for s in window.workspace.doc.spans) == {"ORG": 2}, timeout=5000)


def _team_action(window: MainWindow, text: str) -> Any:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else []:  # type: ignore[union-attr]
            if action.text() == text:
                return action
    raise AssertionError(f"no menu entry {text!r}")


@pytest.mark.postgres
def test_on_postgresql_only_a_managers_window_offers_the_schema_and_assignment(
    team: tuple[str, dict[str, str], int],  # noqa: F811  (the fixture imported above)
    open_window: Callable[..., Any],
) -> None:
    url, logins, _doc = team
    for who, allowed in (("a", False), ("m", True)):
        db = Database(_as(url, logins[who]))
        try:
            window, _hand = open_window(db, annotator=logins[who])
            assert window.may_manage() is allowed
            assert _team_action(window, "Schema…").isEnabled() is allowed
            assert _team_action(window, "Assign documents…").isEnabled() is allowed
            window.close()
        finally:
            db.dispose()


def test_the_schema_forms_read_what_is_typed(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    from curator.gui.schema_dialog import SchemaForms, _Fields

    form = _Fields("t", [("shortcut", "Shortcut", "Shift+P"), ("ar", "Arabic", "")])
    qtbot.addWidget(form)
    form.edits["ar"].setText("منظمة")  # type: ignore[union-attr]
    assert form.values() == {"shortcut": "Shift+P", "ar": "منظمة"}
    assert form.edits["ar"].layoutDirection() == Qt.LayoutDirection.RightToLeft
    parent = QWidget()
    qtbot.addWidget(parent)
    forms = SchemaForms(parent)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, _Fields)
        for key, value in (("id", "NORP"), ("ar", "جماعة"), ("fr", "Groupe"), ("en", "Group")):
            dialog.edits[key].setText(value)  # type: ignore[union-attr]
        dialog.accept()

    QTimer.singleShot(50, fill)
    answer = forms.new_label("Add")
    assert answer == {"id": "NORP", "ar": "جماعة", "fr": "Groupe", "en": "Group", "color": "#808080", "shortcut": ""}


def test_an_annotators_list_follows_an_assignment_made_elsewhere(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    window, _hand = open_window(db, poll_ms=50)
    model = window.document_model
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    manager = Database(db.url)
    try:
        assign(manager, ["amina"], 1, document_ids=docs[:2], seed=1)
    finally:
        manager.dispose()
    # given two documents, amina's own list shows those two (before, given none, she saw them all)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    assert [model.document_at(r).id for r in range(2)] == docs[:2]  # type: ignore[union-attr]


def test_an_open_document_shows_it_is_locked_as_soon_as_a_curator_starts_its_curation(
    corpus: tuple[Database, list[int]], open_window: Callable[..., Any], qtbot: QtBot
) -> None:
    db, docs = corpus
    assign(db, ["amina"], 1, document_ids=docs[:1], seed=1)
    window, _hand = open_window(db, docs[0], poll_ms=50)
    panel = window.documents
    assert window.workspace.doc.id == docs[0] and not panel.reason.isVisibleTo(panel)
    curator = Database(db.url)
    try:
        set_review_state(curator, docs[0], "in_review", "lea")
    finally:
        curator.dispose()
    # Seen live, without reopening: the reason under the list and the greyed row.
    qtbot.waitUntil(lambda: panel.reason.isVisibleTo(panel), timeout=5000)
    assert "curation has started" in panel.reason.text()
    row = window.document_model.row_of(docs[0])
    assert window.document_model.data(window.document_model.index(row or 0, 0), Qt.ItemDataRole.ForegroundRole)
