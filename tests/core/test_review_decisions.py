"""The review window's decisions made from the core, with no Qt: each is one transaction that sets
the review state and reports its change; a fault between its writes leaves nothing written; its undo
leaves a colleague's gold spans as they are. This file must not import PySide6."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from curator.cli.main import main
from curator.errors import StaleEdit
from curator.records import DocLabelIn, DocumentIn, RelationIn, SpanIn
from curator.review.comments import restore_comment, threads, withdraw_comment
from curator.review.curation import CurationService
from curator.review.differences import Difference, document_differences
from curator.review.gold_change import GoldChange, GoldState
from curator.review.service import ReviewService
from curator.review.states import CURATED, IN_REVIEW, NOT_REVIEWED, review_state, set_review_state
from curator.store import history, queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import (
    GOLD_ANNOTATOR,
    CurationDecision,
    DocumentLabel,
    HistoryEntry,
    Relation,
    ReviewState,
    Span,
)

TEXT = "Ali met Omar in Rabat. Le Conseil de sécurité a dit que la paix est urgente."
PAIR = ["amina", "karim"]


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def doc(db: Database) -> int:
    d = DocumentIn(source="d.txt", line=1, text=TEXT, ext_id="d")
    claim = _at("la paix est urgente")
    for who in PAIR:
        d.spans.append(SpanIn("entity", "PER", *_at("Ali"), who))  # agreed
        d.spans.append(SpanIn("claim", "CLAIM", *claim, who, {"stance": "support"}, ref=f"{who}-claim"))
    d.spans.append(SpanIn("entity", "PER", *_at("Omar"), "amina"))  # label
    d.spans.append(SpanIn("entity", "ORG", *_at("Omar"), "karim"))
    d.spans.append(SpanIn("entity", "LOC", *_at("Rabat"), "amina"))  # missing
    d.spans.append(SpanIn("entity", "ORG", *_at("Conseil de sécurité"), "amina", ref="amina-org"))  # boundary
    d.spans.append(SpanIn("entity", "ORG", *_at("Conseil"), "karim"))
    d.relations.append(RelationIn("claimant", "amina-claim", "amina-org", "amina"))  # relation, amina's only
    d.doc_labels = [
        DocLabelIn("area", "PEACE_SECURITY", "amina"),
        DocLabelIn("area", "PEACE_SECURITY", "karim"),
        DocLabelIn("area", "HUMANITARIAN", "karim"),  # document label, karim's only
    ]
    write_batch(db, [d], "test")
    return queries.document_ids_by_ext(db, ["d"])[0]


def _diff(db: Database, doc: int, what: str) -> Difference:
    """The difference at the word ``what`` (a document label's name for a document difference)."""
    for d in document_differences(db, doc, PAIR):
        if (d.scope == "document" and d.label == what) or (d.scope != "document" and TEXT[d.start : d.end] == what):
            return d
    raise AssertionError(f"no difference at {what!r}")


def _relation_diff(db: Database, doc: int) -> Difference:
    return next(d for d in document_differences(db, doc, PAIR) if d.scope == "relation")


def _gold(db: Database, doc: int) -> set[tuple[str, str]]:
    return {(TEXT[s.start : s.end], s.label) for s in queries.spans(db, doc, [GOLD_ANNOTATOR])}


Decide = Callable[[CurationService, Database, int], GoldChange]

# Each decision of the review window, as the core makes it: (what comes first, the decision).
DECISIONS: dict[str, tuple[Callable[[CurationService, Database, int], Any], Decide]] = {
    "accept a version": (
        lambda s, db, doc: None,
        lambda s, db, doc: s.accept(doc, _diff(db, doc, "Omar"), "karim"),
    ),
    "accept a version over the gold span there": (
        lambda s, db, doc: s.accept(doc, _diff(db, doc, "Conseil de sécurité"), "karim"),
        lambda s, db, doc: s.accept(doc, _diff(db, doc, "Conseil de sécurité"), "amina"),
    ),
    "accept a relation and its two ends": (
        lambda s, db, doc: None,
        lambda s, db, doc: s.accept(doc, _relation_diff(db, doc), "amina"),
    ),
    "accept a document label": (
        lambda s, db, doc: None,
        lambda s, db, doc: s.accept(doc, _diff(db, doc, "HUMANITARIAN"), "karim"),
    ),
    "reject": (
        lambda s, db, doc: s.accept(doc, _diff(db, doc, "Conseil de sécurité"), "karim"),
        lambda s, db, doc: s.reject(doc, _diff(db, doc, "Conseil de sécurité")),
    ),
    "accept and edit": (
        lambda s, db, doc: s.accept(doc, _diff(db, doc, "Conseil de sécurité"), "karim"),
        lambda s, db, doc: s.accept_edited(
            doc,
            _diff(db, doc, "Conseil de sécurité"),
            _diff(db, doc, "Conseil de sécurité").spans["amina"][0].id,
            "MISC",
            *_at("Conseil de sécurité"),
            {},
        ),
    ),
    "remove from gold": (
        lambda s, db, doc: s.accept(doc, _relation_diff(db, doc), "amina"),
        lambda s, db, doc: s.remove_from_gold(doc, _diff(db, doc, "Conseil de sécurité")),
    ),
    "accept all agreed": (
        lambda s, db, doc: None,
        lambda s, db, doc: s.accept_all_agreed(s.preview_agreed(doc, PAIR))[1],
    ),
}


def _snapshot(db: Database) -> dict[str, Any]:
    """Everything a decision may write: the annotations of every layer, decisions, states, history."""
    with db.read() as s:
        return {
            "spans": sorted(
                s.execute(select(Span.id, Span.annotator_id, Span.label_id, Span.start, Span.end, Span.version)).all()
            ),
            "relations": sorted(s.execute(select(Relation.id, Relation.source_id, Relation.target_id)).all()),
            "labels": sorted(s.execute(select(DocumentLabel.annotator_id, DocumentLabel.label_id)).all()),
            "decisions": sorted(s.execute(select(CurationDecision.id, CurationDecision.decision)).all()),
            "states": sorted(s.execute(select(ReviewState.document_id, ReviewState.state)).all()),
            "history": s.scalar(select(func.count(HistoryEntry.id))),
        }


@pytest.mark.parametrize("kind", list(DECISIONS))
def test_a_decision_interrupted_between_its_writes_leaves_nothing_written(
    kind: str, db: Database, doc: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_it, decide = DECISIONS[kind]
    reviewer = CurationService(db, "reviewer")
    before_it(reviewer, db, doc)
    set_review_state(db, doc, NOT_REVIEWED, "reviewer")  # so that the decision has the state to set too
    real = history.record
    calls = 0
    fail_at = 0

    def failing(*args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == fail_at:
            raise OSError("the disk is gone")
        real(*args, **kwargs)

    monkeypatch.setattr(history, "record", failing)
    untouched = _snapshot(db)
    # The fault comes at the first history row (after the first gold write), then at the second, ...,
    # up to the last one (the review state's, after every other write): each time nothing stays.
    while True:
        fail_at += 1
        calls = 0
        try:
            change = decide(reviewer, db, doc)
        except OSError:
            assert _snapshot(db) == untouched, f"a fault at history row {fail_at} left writes behind"
            continue
        break
    assert fail_at >= 3  # the decision wrote at least two history rows, so a fault fell between writes
    assert _snapshot(db) != untouched and not change.empty
    assert (change.state_before, change.state_after) == (NOT_REVIEWED, IN_REVIEW)
    assert review_state(db, doc) == IN_REVIEW


@pytest.mark.parametrize("kind", list(DECISIONS))
def test_a_decision_reports_exactly_what_it_changed_and_its_undo_takes_back_only_that(
    kind: str, db: Database, doc: int
) -> None:
    before_it, decide = DECISIONS[kind]
    reviewer = CurationService(db, "reviewer")
    before_it(reviewer, db, doc)
    start = reviewer.gold_state(doc)
    change = decide(reviewer, db, doc)
    assert change.gold_part == GoldChange.between(start, reviewer.gold_state(doc))
    decided = _shape(reviewer.gold_state(doc))
    assert decided != _shape(start) or change.decisions
    undone = reviewer.apply_change(change.inverse(), "undo")
    assert _shape(reviewer.gold_state(doc)) == _shape(start)  # ids come back too; versions move on
    reviewer.apply_change(undone.inverse(), "redo")
    assert _shape(reviewer.gold_state(doc)) == decided


def _shape(state: GoldState) -> tuple[Any, ...]:
    spans = {i: (s.layer, s.label, s.start, s.end, s.attributes) for i, s in state.spans.items()}
    return spans, dict(state.relations), state.doc_labels


def test_undoing_a_decision_leaves_a_colleagues_gold_spans_as_they_are(db: Database, doc: int) -> None:
    mine, colleague = CurationService(db, "reviewer"), CurationService(db, "colleague")
    change = mine.accept_all_agreed(mine.preview_agreed(doc, PAIR))[1]
    assert _gold(db, doc) == {("Ali", "PER"), ("la paix est urgente", "CLAIM")}
    # Meanwhile a colleague adds a gold span and changes it again, and sets a document label.
    theirs = colleague.accept(doc, _diff(db, doc, "Rabat"), "amina").spans_added[0]
    theirs = colleague.edit_gold_span(theirs.id, theirs.version, label="ORG")
    colleague.accept(doc, _diff(db, doc, "HUMANITARIAN"), "karim")
    mine.apply_change(change.inverse(), "undo")
    (left,) = queries.spans(db, doc, [GOLD_ANNOTATOR])
    assert left == theirs  # same id, label and version: the undo never touched it
    assert queries.document_labels(db, doc, [GOLD_ANNOTATOR]) == [(GOLD_ANNOTATOR, "area", "HUMANITARIAN")]
    mine.apply_change(change, "redo")
    assert _gold(db, doc) == {("Ali", "PER"), ("la paix est urgente", "CLAIM"), ("Rabat", "ORG")}


def test_a_decision_started_the_review_and_its_undo_ends_it_unless_a_colleague_moved_on(db: Database, doc: int) -> None:
    reviewer = CurationService(db, "reviewer")
    first = reviewer.accept(doc, _diff(db, doc, "Rabat"), "amina")
    assert review_state(db, doc) == IN_REVIEW and first.state_changed
    second = reviewer.reject(doc, _diff(db, doc, "Omar"))
    assert not second.state_changed  # already in review
    reviewer.apply_change(second.inverse(), "undo")
    reviewer.apply_change(first.inverse(), "undo")
    assert review_state(db, doc) == NOT_REVIEWED
    reviewer.apply_change(first, "redo")
    set_review_state(db, doc, CURATED, "colleague")
    reviewer.apply_change(first.inverse(), "undo")
    assert review_state(db, doc) == CURATED and _gold(db, doc) == set()


def test_a_decision_about_a_deleted_annotation_is_refused_whole(db: Database, doc: int) -> None:
    reviewer = CurationService(db, "reviewer")
    diff = _diff(db, doc, "Conseil de sécurité")
    from curator.store.editing import Editor

    karim = diff.spans["karim"][0]
    Editor(db, "karim").delete_span(karim.id, karim.version)
    untouched = _snapshot(db)
    with pytest.raises(StaleEdit):
        reviewer.reject(doc, diff)  # amina's span would be rejected first, then karim's is gone
    assert _snapshot(db) == untouched


def test_the_review_service_takes_back_a_comment_until_someone_replies(db: Database, doc: int) -> None:
    service = ReviewService(db, "reviewer")
    comment = service.comment(doc, "Is Omar a person?", "document", None, None)
    taken = service.withdraw_comment(comment.id)
    assert threads(db, doc) == []
    restored = service.restore_comment(taken)
    assert restored == taken and (restored.id, restored.body) == (comment.id, comment.body)
    ReviewService(db, "karim").comment(doc, "Yes.", "document", None, comment.id)
    with pytest.raises(StaleEdit):
        withdraw_comment(db, comment.id, "reviewer")
    with pytest.raises(StaleEdit):
        restore_comment(db, comment)  # it is there already... and its id is taken
    assert [t.root.id for t in threads(db, doc)] == [comment.id]


def _curate(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    try:
        main(["--db", db.url, "curate", "d", "--reviewer", "reviewer", "--annotators", "amina,karim", *args])
    except SystemExit as exc:
        assert exc.code in (0, None), capsys.readouterr().err
    return capsys.readouterr().out


def test_the_cli_lists_the_differences_and_makes_the_decisions(
    db: Database, doc: int, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = _curate(db, capsys).splitlines()
    assert listing[0] == "d: 5 differences between amina, karim; not reviewed"
    assert [line.split(".")[0].strip() for line in listing[1:]] == ["1", "2", "3", "4", "5"]
    omar = next(line for line in listing if "Omar" in line)
    number = omar.split(".")[0].strip()
    assert _curate(db, capsys, "--accept", f"{number}:karim").strip() == (
        "1 spans added, review state not_reviewed → in_review"
    )
    assert _gold(db, doc) == {("Omar", "ORG")}
    assert "(resolved)" in next(line for line in _curate(db, capsys).splitlines() if "Omar" in line)
    assert _curate(db, capsys, "--accept-agreed").strip() == "2 spans added, 1 document labels added"
    assert _curate(db, capsys, "--remove", number).strip() == "1 spans removed"
    assert _gold(db, doc) == {("Ali", "PER"), ("la paix est urgente", "CLAIM")}
    with pytest.raises(SystemExit) as refused:
        main(["--db", db.url, "curate", "d", "--reviewer", "reviewer", "--reject", "9"])
    assert refused.value.code == 2 and "there is no difference 9" in capsys.readouterr().err


def test_decisions_need_no_qt() -> None:
    code = (
        "import sys\n"
        "import curator.review.curation, curator.review.service, curator.cli.review_commands\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'curator.gui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_review_windows_commands_do_not_import_its_controller() -> None:
    import grimp

    graph = grimp.build_graph("curator")
    assert graph.find_shortest_chain("curator.gui.review.commands", "curator.gui.review.controller") is None
    assert graph.find_shortest_chain("curator.gui.review.controller", "curator.gui.review.window") is None
    window_imports = graph.find_modules_directly_imported_by("curator.gui.review.window")
    assert "curator.store.database" not in window_imports
