"""The dashboard's figures (issue 21): documents by stage, each annotator's progress and active time,
agreement per document, counted here independently of the dashboard."""

from __future__ import annotations

from curator.review.dashboard import STAGES, dashboard_figures
from curator.review.states import set_review_state
from curator.store.active_time import add_active_time
from curator.store.assignment import assign
from curator.store.database import Database
from curator.store.editing import Editor
from tests.core.test_team_roles import _add_documents


def test_the_dashboard_counts_stages_progress_time_and_agreement(db: Database) -> None:
    docs = _add_documents(db, 5)
    assign(db, ["a", "b"], 2, document_ids=docs[:4])
    ed_a, ed_b = Editor(db, "a"), Editor(db, "b")
    # document 0: both done, the same span -> ready, full agreement
    for ed in (ed_a, ed_b):
        ed.add_span(docs[0], "entity", "LOC", 0, 5)
        ed.set_status(docs[0], "done")
    # document 1: a in progress with a span, b a different span -> annotating, agreement below 1
    ed_a.add_span(docs[1], "entity", "LOC", 0, 5)
    ed_a.set_status(docs[1], "in_progress")
    ed_b.add_span(docs[1], "entity", "LOC", 10, 14)
    # document 2: in curation; document 3: curated; document 4: given to nobody
    set_review_state(db, docs[2], "in_review", "c")
    set_review_state(db, docs[3], "curated", "c")
    add_active_time(db, "a", {docs[0]: 60.0, docs[1]: 30.0})
    add_active_time(db, "b", {docs[0]: 15.0})

    figures = dashboard_figures(db)
    assert list(figures.stages) == list(STAGES)
    assert figures.stages == {"unassigned": 1, "annotating": 1, "ready": 1, "in curation": 1, "curated": 1}
    assert figures.documents == 5
    by_name = {f.annotator: f for f in figures.annotators}
    assert set(by_name) == {"a", "b"}
    a, b = by_name["a"], by_name["b"]
    assert (a.new, a.in_progress, a.done, a.annotations, a.active_seconds) == (2, 1, 1, 2, 90.0)
    assert (b.new, b.in_progress, b.done, b.annotations, b.active_seconds) == (3, 0, 1, 2, 15.0)
    assert figures.agreement_note is None
    agreement = {row.document_id: row.agreement for row in figures.agreement}
    assert agreement[docs[0]] == 1.0
    assert agreement[docs[1]] is not None and agreement[docs[1]] < 1.0
    # lowest first, as the review side orders them
    assert [row.document_id for row in figures.agreement][:2] == [docs[1], docs[0]]
    # the quick read the window shows first: the same counts, no agreement yet
    quick = dashboard_figures(db, with_agreement=False)
    assert (quick.stages, quick.annotators, quick.agreement, quick.with_agreement) == (
        figures.stages,
        figures.annotators,
        [],
        False,
    )
    assert figures.with_agreement


def test_agreement_says_why_it_is_missing_with_one_annotator(db: Database) -> None:
    docs = _add_documents(db, 1)
    Editor(db, "a").add_span(docs[0], "entity", "LOC", 0, 5)
    figures = dashboard_figures(db)
    assert figures.agreement == [] and figures.agreement_note is not None and "two annotators" in figures.agreement_note
    assert figures.stages["unassigned"] == 1
