"""Review: the difference list on a crafted pair of annotators, curation into the gold layer and its
export, comments, review states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from curator.cli.main import main
from curator.errors import EditRefused
from curator.records import DocLabelIn, DocumentIn, RelationIn, SpanIn
from curator.review.comments import add_comment, threads
from curator.review.curation import CurationService
from curator.review.differences import (
    ATTRIBUTE,
    BOUNDARY,
    LABEL,
    MISSING,
    RELATION,
    DifferenceCursor,
    document_differences,
)
from curator.review.states import CURATED, IN_REVIEW, NOT_REVIEWED, documents_in_state, review_state, set_review_state
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.models import GOLD_ANNOTATOR, CurationDecision, HistoryEntry

TEXT = "Ali met Omar in Rabat. Le Conseil de sécurité a dit que la paix est urgente."
#       0   4   8    13 16     23 26      34 37        49 51  55 59 62 65   70 76


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _crafted(db: Database) -> int:
    doc = DocumentIn(source="crafted.txt", line=1, text=TEXT, ext_id="crafted")
    claim = _at("la paix est urgente")
    for who in ("amina", "karim"):
        doc.spans.append(SpanIn("entity", "PER", *_at("Ali"), who, ref=f"{who}-ali"))  # agreed
    doc.spans.append(SpanIn("entity", "PER", *_at("Omar"), "amina"))  # label differs
    doc.spans.append(SpanIn("entity", "ORG", *_at("Omar"), "karim"))
    doc.spans.append(SpanIn("entity", "LOC", *_at("Rabat"), "amina"))  # missing on karim's side
    doc.spans.append(SpanIn("entity", "ORG", *_at("Conseil de sécurité"), "amina", ref="amina-org"))  # boundary
    doc.spans.append(SpanIn("entity", "ORG", *_at("Conseil"), "karim", ref="karim-org"))
    doc.spans.append(SpanIn("claim", "CLAIM", *claim, "amina", {"stance": "support"}, ref="amina-claim"))  # attribute
    doc.spans.append(SpanIn("claim", "CLAIM", *claim, "karim", {"stance": "neutral"}, ref="karim-claim"))
    doc.relations.append(RelationIn("claimant", "amina-claim", "amina-org", "amina"))  # relation differs
    doc.relations.append(RelationIn("claimant", "karim-claim", "karim-org", "karim"))
    doc.doc_labels = [
        DocLabelIn("area", "PEACE_SECURITY", "amina"),
        DocLabelIn("area", "PEACE_SECURITY", "karim"),
        DocLabelIn("area", "HUMANITARIAN", "karim"),
    ]
    write_batch(db, [doc], "test")
    return queries.document_ids_by_ext(db, ["crafted"])[0]


def test_the_difference_list_of_a_crafted_pair(db: Database) -> None:
    doc_id = _crafted(db)
    diffs = document_differences(db, doc_id, ["amina", "karim"])
    summary = [(d.scope, d.layer, TEXT[d.start : d.end] if d.scope != "document" else d.label, d.kinds) for d in diffs]
    # Document labels first, then text order; at one place, the span before the relations from it.
    assert summary == [
        ("document", "area", "HUMANITARIAN", {MISSING}),
        ("span", "entity", "Omar", {LABEL}),
        ("span", "entity", "Rabat", {MISSING}),
        ("span", "entity", "Conseil de sécurité", {BOUNDARY}),
        ("span", "claim", "la paix est urgente", {ATTRIBUTE}),
        ("relation", "claimant", "la paix est urgente", {RELATION}),
    ]
    rabat = diffs[2]
    assert [s.label for s in rabat.spans["amina"]] == ["LOC"] and rabat.spans["karim"] == ()
    assert "LOC" in rabat.describe(TEXT) and "karim: —" in rabat.describe(TEXT)
    assert not any(d.resolved for d in diffs)
    # Stepping: forward, wrapping around, backwards.
    cursor = DifferenceCursor(diffs)
    assert cursor.next() is diffs[0] and cursor.next() is diffs[1]
    assert cursor.previous() is diffs[0] and cursor.previous() is diffs[-1]
    with pytest.raises(ValueError):
        document_differences(db, doc_id, ["amina"])


def test_three_annotators_differ_where_any_one_of_them_does(db: Database) -> None:
    """With three annotators, a place two of them agree on is still a difference if the third differs."""
    doc = DocumentIn(source="three.txt", line=1, text=TEXT, ext_id="three")
    for who in ("amina", "karim", "salma"):
        doc.spans.append(SpanIn("entity", "PER", *_at("Ali"), who))  # all three agree
    doc.spans.append(SpanIn("entity", "PER", *_at("Omar"), "amina"))  # two agree, the third another label
    doc.spans.append(SpanIn("entity", "PER", *_at("Omar"), "karim"))
    doc.spans.append(SpanIn("entity", "ORG", *_at("Omar"), "salma"))
    doc.spans.append(SpanIn("entity", "LOC", *_at("Rabat"), "amina"))  # two agree, the third has nothing
    doc.spans.append(SpanIn("entity", "LOC", *_at("Rabat"), "salma"))
    doc.doc_labels = [DocLabelIn("area", "PEACE_SECURITY", who) for who in ("amina", "karim", "salma")]
    write_batch(db, [doc], "test")
    (doc_id,) = queries.document_ids_by_ext(db, ["three"])
    diffs = document_differences(db, doc_id, ["amina", "karim", "salma"])
    assert [(TEXT[d.start : d.end], d.kinds) for d in diffs] == [("Omar", {LABEL}), ("Rabat", {MISSING})]
    omar, rabat = diffs
    assert {who: [s.label for s in spans] for who, spans in omar.spans.items()} == {
        "amina": ["PER"],
        "karim": ["PER"],
        "salma": ["ORG"],
    }
    assert rabat.spans["karim"] == ()
    # Between the two who agree there is nothing left to review at those places.
    assert document_differences(db, doc_id, ["amina", "karim"])[0].kinds == {MISSING}  # only Rabat
    assert [TEXT[d.start : d.end] for d in document_differences(db, doc_id, ["amina", "karim"])] == ["Rabat"]


def _span(db: Database, doc_id: int, who: str, word: str, layer: str = "entity") -> queries.SpanRecord:
    start, end = _at(word)
    return next(s for s in queries.spans(db, doc_id, [who]) if (s.start, s.end, s.layer) == (start, end, layer))


def test_a_curation_round_trip_ends_in_an_export_of_exactly_the_gold_layer(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc_id = _crafted(db)
    curation = CurationService(db, "reviewer")
    pair = ["amina", "karim"]
    # Before any decision there is no gold layer, and `export --curated` says so on one line.
    export = ["--db", db.url, "export", "--format", "jsonl", "--out", str(tmp_path / "gold.jsonl")]
    with pytest.raises(SystemExit) as refused:
        main([*export, "--curated"])
    assert refused.value.code == 1
    assert capsys.readouterr().err.strip() == (
        f"curator: error: no annotator named {GOLD_ANNOTATOR!r} in the database: nothing has been curated yet"
    )
    with pytest.raises(SystemExit) as refused:
        main([*export, "--curated", "--annotator", "amina"])
    assert refused.value.code == 2 and not (tmp_path / "gold.jsonl").exists()
    capsys.readouterr()

    plan = curation.preview_agreed(doc_id, pair)
    assert [(s.label, TEXT[s.start : s.end]) for s in plan.spans] == [("PER", "Ali")]
    assert plan.doc_labels == [("area", "PEACE_SECURITY")] and plan.relations == []
    assert queries.spans(db, doc_id, [GOLD_ANNOTATOR]) == []  # a preview writes nothing
    added = curation.accept_agreed(plan)
    assert added.summary() == "1 span, 0 relations, 1 document label"
    assert curation.preview_agreed(doc_id, pair).empty  # nothing left to add

    curation.accept_span(_span(db, doc_id, "karim", "Omar").id)  # karim's ORG over amina's PER
    curation.reject_span(_span(db, doc_id, "amina", "Rabat").id)
    edited = curation.accept_and_edit(
        _span(db, doc_id, "amina", "Conseil de sécurité").id, end=_at("Conseil")[1] + len(" de sécurité")
    )
    assert TEXT[edited.start : edited.end] == "Conseil de sécurité"
    claim = _span(db, doc_id, "karim", "la paix est urgente", "claim")
    curation.accept_and_edit(claim.id, attributes={"stance": "support", "type": "call_to_action"})
    amina_rel = next(r for r in queries.relations(db, doc_id, ["amina"]))
    curation.accept_relation(amina_rel.id)
    curation.reject_document_label(doc_id, "area", "HUMANITARIAN")
    with pytest.raises(EditRefused):
        curation.accept_and_edit(claim.id, attributes={"stance": "maybe"})

    gold = {
        (s.layer, s.label, TEXT[s.start : s.end], json.dumps(s.attributes, sort_keys=True))
        for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])
    }
    assert gold == {
        ("entity", "PER", "Ali", "{}"),
        ("entity", "ORG", "Omar", "{}"),
        ("entity", "ORG", "Conseil de sécurité", "{}"),
        ("claim", "CLAIM", "la paix est urgente", '{"stance": "support", "type": "call_to_action"}'),
    }
    (gold_rel,) = queries.relations(db, doc_id, [GOLD_ANNOTATOR])
    assert gold_rel.type == "claimant"
    # Every difference is now resolved.
    assert all(d.resolved for d in document_differences(db, doc_id, pair))
    # Who decided is in the history and in the decisions.
    with db.read() as session:
        deciders = set(session.scalars(select(HistoryEntry.annotator).where(HistoryEntry.kind.like("gold%"))))
        decisions = session.scalars(select(CurationDecision.decision)).all()
    assert deciders == {"reviewer"}
    assert {"accept_agreed", "accept", "reject", "edit"} <= set(decisions)
    # Colleagues' work is untouched.
    assert len(queries.spans(db, doc_id, ["amina"])) == 5 and len(queries.spans(db, doc_id, ["karim"])) == 4

    out = tmp_path / "gold.jsonl"
    with pytest.raises(SystemExit) as done:
        main(["--db", db.url, "export", "--format", "jsonl", "--out", str(out), "--curated"])
        raise SystemExit(0)
    assert done.value.code in (0, None)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    exported = json.loads(line)
    assert {a["annotator"] for a in exported["annotations"]} == {GOLD_ANNOTATOR}
    assert {(a["label"], exported["text"][a["start"] : a["end"]]) for a in exported["annotations"]} == {
        ("PER", "Ali"),
        ("ORG", "Omar"),
        ("ORG", "Conseil de sécurité"),
        ("CLAIM", "la paix est urgente"),
    }
    assert [(lab["label"], lab["annotator"]) for lab in exported["doc_labels"]] == [("PEACE_SECURITY", GOLD_ANNOTATOR)]
    assert [r["type"] for r in exported["relations"]] == ["claimant"]


def test_removing_and_editing_gold_spans(db: Database) -> None:
    doc_id = _crafted(db)
    curation = CurationService(db, "reviewer")
    gold = curation.accept_span(_span(db, doc_id, "amina", "Rabat").id)
    changed = curation.edit_gold_span(gold.id, gold.version, label="ORG")
    assert changed.label == "ORG" and changed.version == gold.version + 1
    with pytest.raises(EditRefused):
        curation.edit_gold_span(gold.id, gold.version, label="PER")  # stale version
    curation.remove_gold_span(gold.id)
    assert queries.spans(db, doc_id, [GOLD_ANNOTATOR]) == []
    with pytest.raises(ValueError):
        CurationService(db, GOLD_ANNOTATOR)


def test_accept_and_edit_replaces_the_place_in_one_transaction(db: Database) -> None:
    doc_id = _crafted(db)
    curation = CurationService(db, "reviewer")
    place = _at("Conseil de sécurité")
    first = curation.accept_span(_span(db, doc_id, "karim", "Conseil").id)  # the short version first
    assert [(s.start, s.end) for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])] == [_at("Conseil")]
    amina = _span(db, doc_id, "amina", "Conseil de sécurité")
    # A refused edit (past the end of the text) takes nothing out: replacing and adding are one transaction.
    with pytest.raises(EditRefused):
        curation.accept_and_edit(amina.id, end=len(TEXT) + 3, replace=place)
    assert [s.id for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])] == [first.id]
    edited = curation.accept_and_edit(amina.id, label="MISC", end=place[1], replace=place)
    (gold,) = queries.spans(db, doc_id, [GOLD_ANNOTATOR])
    assert (gold.id, gold.label, gold.start, gold.end) == (edited.id, "MISC", *place)
    # Without ``replace`` the other gold spans in the place stay, as before.
    curation.accept_and_edit(_span(db, doc_id, "karim", "Conseil").id, label="ORG")
    assert len(queries.spans(db, doc_id, [GOLD_ANNOTATOR])) == 2


def test_threaded_comments_with_who_and_when(db: Database) -> None:
    doc_id = _crafted(db)
    omar = _span(db, doc_id, "amina", "Omar")
    first = add_comment(
        db, doc_id, "reviewer", "Omar is a person here, not the organisation.", target_kind="span", target_id=omar.id
    )
    reply = add_comment(db, doc_id, "karim", "Agreed, my mistake.", reply_to=first.id)
    add_comment(db, doc_id, "amina", "Reply to the reply joins the thread.", reply_to=reply.id)
    add_comment(db, doc_id, "amina", "Whole document: check the date.")
    found = threads(db, doc_id)
    assert [t.root.author for t in found] == ["reviewer", "amina"]
    assert [r.author for r in found[0].replies] == ["karim", "amina"]
    assert found[0].replies[0].target_kind == "span" and found[0].replies[0].target_id == omar.id
    assert found[0].root.created_at is not None
    assert [t.root.body for t in threads(db, doc_id, target_kind="span", target_id=omar.id)] == [first.body]
    with pytest.raises(EditRefused):
        add_comment(db, doc_id, "amina", "   ")


def test_review_states_and_the_filter(db: Database) -> None:
    doc_id = _crafted(db)
    other = DocumentIn(source="other.txt", line=1, text="Un autre texte.", ext_id="other")
    write_batch(db, [other], "test")
    other_id = queries.document_ids_by_ext(db, ["other"])[0]
    assert review_state(db, doc_id) == NOT_REVIEWED
    assert documents_in_state(db, NOT_REVIEWED) == sorted([doc_id, other_id])
    assert set_review_state(db, doc_id, IN_REVIEW, "reviewer") == NOT_REVIEWED
    assert documents_in_state(db, IN_REVIEW) == [doc_id]
    set_review_state(db, doc_id, CURATED, "reviewer")
    assert documents_in_state(db, CURATED) == [doc_id]
    assert documents_in_state(db, NOT_REVIEWED, IN_REVIEW) == [other_id]
    with pytest.raises(EditRefused):
        set_review_state(db, doc_id, "done", "reviewer")


def test_accepting_a_version_replaces_the_gold_spans_in_that_place(db: Database) -> None:
    doc_id = _crafted(db)
    curation = CurationService(db, "reviewer")
    (boundary,) = [d for d in document_differences(db, doc_id, ["amina", "karim"]) if d.kinds == {BOUNDARY}]
    amina = [s.id for s in boundary.spans["amina"]]
    karim = [s.id for s in boundary.spans["karim"]]
    curation.accept_version(doc_id, "entity", boundary.start, boundary.end, amina, karim)
    curation.accept_version(doc_id, "entity", boundary.start, boundary.end, karim, amina)  # changed her mind
    gold = [(TEXT[s.start : s.end], s.label) for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])]
    assert gold == [("Conseil", "ORG")]
    curation.accept_version(doc_id, "entity", boundary.start, boundary.end, [], amina + karim)  # nothing there
    assert queries.spans(db, doc_id, [GOLD_ANNOTATOR]) == []
    assert next(d for d in document_differences(db, doc_id, ["amina", "karim"]) if d.kinds == {BOUNDARY}).resolved


def test_two_annotators_on_a_seed_are_compared_curated_and_exported(db: Database, seeds: Path, tmp_path: Path) -> None:
    from curator.io.importer import import_paths
    from curator.review.agreement import compute_agreement
    from curator.store.editing import Editor

    import_paths(db, [seeds])
    doc = next(b.document for b in queries.iter_bundles(db) if "منظمة التعاون الإسلامي" in b.document.text)
    un = doc.text.index("الأمم المتحدة")
    oic = doc.text.index("منظمة التعاون الإسلامي")
    amina, karim = Editor(db, "amina"), Editor(db, "karim")
    for editor in (amina, karim):
        editor.add_span(doc.id, "entity", "ORG", un, un + len("الأمم المتحدة"))
        editor.set_document_label(doc.id, "area", "PEACE_SECURITY", True)
    amina.add_span(doc.id, "entity", "ORG", oic, oic + len("منظمة التعاون الإسلامي"))
    karim.add_span(doc.id, "entity", "ORG", oic, oic + len("منظمة التعاون"))
    diffs = document_differences(db, doc.id, ["amina", "karim"])
    assert [d.kinds for d in diffs] == [{BOUNDARY}]
    figures = compute_agreement(db, ["amina", "karim"], document_ids=[doc.id])
    assert figures.span_layers[0].pairs[0].exact.f1 == pytest.approx(0.5)
    curation = CurationService(db, "reviewer")
    curation.accept_agreed(curation.preview_agreed(doc.id, ["amina", "karim"]))
    curation.accept_version(doc.id, "entity", diffs[0].start, diffs[0].end, [s.id for s in diffs[0].spans["amina"]], [])
    out = tmp_path / "gold.jsonl"
    try:
        main(["--db", db.url, "export", "--format", "jsonl", "--out", str(out), "--curated"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    annotated = [d for d in exported if d["annotations"] or d["doc_labels"]]
    assert len(annotated) == 1
    names = sorted(annotated[0]["text"][a["start"] : a["end"]] for a in annotated[0]["annotations"])
    assert names == sorted(["الأمم المتحدة", "منظمة التعاون الإسلامي"])
    assert [lab["label"] for lab in annotated[0]["doc_labels"]] == ["PEACE_SECURITY"]
