"""Entity links in review and curation (issue 19): two annotators who link the same span to different
entities (or one links it and the other does not) differ in their *link*; accepting one side writes
that link onto the gold span, undoably; accept all agreed and bulk accept carry the links annotators
agree on; the disagreement list names both entities. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from curator.cli.main import main
from curator.records import DocumentIn, SpanIn
from curator.review.curation import CurationService
from curator.review.differences import LABEL, LINK, MISSING, document_differences
from curator.review.disagreement_list import differences_left, disagreement_rows
from curator.review.gold_change import GoldChange
from curator.store import queries
from curator.store.bulk import write_batch
from curator.store.database import Database
from curator.store.entities import EntityRecord, Registry
from curator.store.models import GOLD_ANNOTATOR, HistoryEntry

TEXT = "Khaled Khiari a rencontré Khalid Mishaal à Genève, puis Omar au Caire."
KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",))
MISHAAL = EntityRecord("mishaal", "PER", {"ar": "خالد مشعل", "fr": "Khalid Mishaal"})
GENEVA = EntityRecord("geneve", "LOC", {"fr": "Genève"})


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _span_id(db: Database, doc_id: int, who: str, word: str) -> int:
    start, end = _at(word)
    return next(s.id for s in queries.spans(db, doc_id, [who]) if (s.start, s.end) == (start, end))


@pytest.fixture
def linked(db: Database) -> int:
    """amina and karim mark the same spans; their links: Khiari (amina khiari, karim mishaal),
    Mishaal (amina mishaal, karim none), Genève (both geneve), Omar (neither); Caire labels differ."""
    doc = DocumentIn(source="links.txt", line=1, text=TEXT, ext_id="links", language="fr")
    for who in ("amina", "karim"):
        doc.spans.append(SpanIn("entity", "PER", *_at("Khaled Khiari"), who))
        doc.spans.append(SpanIn("entity", "PER", *_at("Khalid Mishaal"), who))
        doc.spans.append(SpanIn("entity", "LOC", *_at("Genève"), who))
        doc.spans.append(SpanIn("entity", "PER", *_at("Omar"), who))
    doc.spans.append(SpanIn("entity", "LOC", *_at("Caire"), "amina"))
    doc.spans.append(SpanIn("entity", "ORG", *_at("Caire"), "karim"))
    write_batch(db, [doc], "test")
    doc_id = queries.document_ids_by_ext(db, ["links"])[0]
    Registry(db, "amina").import_records([KHIARI, MISHAAL, GENEVA])
    for who, word, key in (
        ("amina", "Khaled Khiari", "khiari"),
        ("karim", "Khaled Khiari", "mishaal"),
        ("amina", "Khalid Mishaal", "mishaal"),
        ("amina", "Genève", "geneve"),
        ("karim", "Genève", "geneve"),
    ):
        Registry(db, who).link(_span_id(db, doc_id, who, word), key)
    return doc_id


def _gold_links(db: Database, doc_id: int) -> dict[str, str]:
    gold = {s.id: TEXT[s.start : s.end] for s in queries.spans(db, doc_id, [GOLD_ANNOTATOR])}
    return {gold[i]: linked.key for i, linked in queries.span_links(db, doc_id).items() if i in gold}


def test_a_link_difference_is_its_own_kind_with_both_entities_named(db: Database, linked: int) -> None:
    diffs = document_differences(db, linked, ["amina", "karim"])
    summary = [(TEXT[d.start : d.end], d.kinds) for d in diffs]
    # Genève (both link geneve) and Omar (neither links) are agreement; Caire differs by label only.
    assert summary == [
        ("Khaled Khiari", {LINK}),
        ("Khalid Mishaal", {LINK}),
        ("Caire", {LABEL}),
    ]
    khiari, mishaal, _ = diffs
    assert khiari.kind == LINK
    line = khiari.describe(TEXT)
    assert line.startswith("link: entity «Khaled Khiari»")
    assert "amina: PER 0-13 → Khaled Khiari" in line and "karim: PER 0-13 → Khalid Mishaal" in line
    assert "karim: PER 26-40 → (no entity)" in mishaal.describe(TEXT)
    assert not any(d.resolved for d in diffs)
    # Counted with the others, and listed with each annotator's entity.
    assert differences_left(db, ["amina", "karim"]) == {linked: 3}
    rows = disagreement_rows(db, ["amina", "karim"])
    assert [r["kind"] for r in rows] == ["link", "link", "label"]
    assert rows[0]["entities"] == {"amina": ["Khaled Khiari"], "karim": ["Khalid Mishaal"]}
    assert rows[1]["entities"] == {"amina": ["Khalid Mishaal"], "karim": [""]}


def test_a_link_difference_with_a_missing_span_is_missing_not_link(db: Database, linked: int) -> None:
    # karim deletes his Khiari span: what differs is the span itself.
    from curator.store.editing import Editor

    Editor(db, "karim").delete_span(_span_id(db, linked, "karim", "Khaled Khiari"))
    first = document_differences(db, linked, ["amina", "karim"])[0]
    assert TEXT[first.start : first.end] == "Khaled Khiari" and first.kinds == {MISSING}


def test_accepting_one_side_writes_its_link_onto_the_gold_span_and_undo_takes_it_back(
    db: Database, linked: int
) -> None:
    curation = CurationService(db, "rev")
    khiari = document_differences(db, linked, ["amina", "karim"])[0]
    change = curation.accept(linked, khiari, "karim")
    # The gold span is created with the span and carries karim's link; one change holds both.
    assert _gold_links(db, linked) == {"Khaled Khiari": "mishaal"}
    assert len(change.spans_added) == 1 and change.links_changed == ((change.spans_added[0].id, None, "mishaal"),)
    assert document_differences(db, linked, ["amina", "karim"])[0].resolved
    # Changing one's mind: amina's side relinks the same gold span (no new span).
    khiari = document_differences(db, linked, ["amina", "karim"])[0]
    before = curation.gold_state(linked)
    second = curation.accept(linked, khiari, "amina")
    after = curation.gold_state(linked)
    assert _gold_links(db, linked) == {"Khaled Khiari": "khiari"}
    gold_id = change.spans_added[0].id
    assert second.links_changed == ((gold_id, "mishaal", "khiari"),) and not second.spans_added
    assert GoldChange.between(before, after) == second.gold_part
    # Undo the second, then the first: back to karim's link, then to no gold span at all.
    curation.apply_change(second.inverse(), "undo")
    assert _gold_links(db, linked) == {"Khaled Khiari": "mishaal"}
    curation.apply_change(change.inverse(), "undo")
    assert _gold_links(db, linked) == {} and queries.spans(db, linked, [GOLD_ANNOTATOR]) == []
    assert not document_differences(db, linked, ["amina", "karim"])[0].resolved
    # Redo puts the span back under its id, with its link.
    curation.apply_change(change, "redo")
    assert _gold_links(db, linked) == {"Khaled Khiari": "mishaal"}
    with db.read() as session:
        rows = session.execute(
            select(HistoryEntry.annotator, HistoryEntry.action, HistoryEntry.before, HistoryEntry.after)
            .where(HistoryEntry.kind == "entity_link", HistoryEntry.object_id == gold_id)
            .order_by(HistoryEntry.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("rev", "accept", None, {"entity": "mishaal"}),
        ("rev", "accept", {"entity": "mishaal"}, {"entity": "khiari"}),
        ("rev", "undo", {"entity": "khiari"}, {"entity": "mishaal"}),
        ("rev", "redo", None, {"entity": "mishaal"}),
    ]


def test_accepting_the_unlinked_side_keeps_the_gold_span_unlinked_and_resolves(db: Database, linked: int) -> None:
    curation = CurationService(db, "rev")
    mishaal = document_differences(db, linked, ["amina", "karim"])[1]
    curation.accept(linked, mishaal, "karim")
    assert _gold_links(db, linked) == {}
    assert [TEXT[s.start : s.end] for s in queries.spans(db, linked, [GOLD_ANNOTATOR])] == ["Khalid Mishaal"]
    assert document_differences(db, linked, ["amina", "karim"])[1].resolved


def test_a_gold_span_replaced_with_its_link_comes_back_with_it_on_undo(db: Database, linked: int) -> None:
    curation = CurationService(db, "rev")
    khiari = document_differences(db, linked, ["amina", "karim"])[0]
    curation.accept(linked, khiari, "amina")
    removal = curation.remove_from_gold(linked, document_differences(db, linked, ["amina", "karim"])[0])
    assert _gold_links(db, linked) == {} and removal.links_changed[0][1:] == ("khiari", None)
    curation.apply_change(removal.inverse(), "undo")
    assert _gold_links(db, linked) == {"Khaled Khiari": "khiari"}


def test_accept_all_agreed_and_bulk_accept_carry_the_links_annotators_agree_on(db: Database, linked: int) -> None:
    curation = CurationService(db, "rev")
    plan = curation.preview_agreed(linked, ["amina", "karim"])
    # Only what both made identically, links included: Genève (linked alike) and Omar (unlinked).
    assert {(TEXT[s.start : s.end], s.entity) for s in plan.spans} == {("Genève", "geneve"), ("Omar", None)}
    assert sorted(s.describe() for s in plan.spans) == ["entity/LOC 43-49 → geneve", "entity/PER 56-60"]
    _, change = curation.accept_all_agreed(plan)
    assert _gold_links(db, linked) == {"Genève": "geneve"}
    curation.apply_change(change.inverse(), "undo")
    assert queries.spans(db, linked, [GOLD_ANNOTATOR]) == [] and _gold_links(db, linked) == {}
    # A majority of one of two: each version reaches k, the link comes along with the one taken.
    bulk = curation.preview_majority(["amina", "karim"], 2)
    assert {(TEXT[s.start : s.end], s.entity) for p in bulk.documents for s in p.spans} == {
        ("Genève", "geneve"),
        ("Omar", None),
    }
    _, changes = curation.accept_bulk(bulk)
    assert _gold_links(db, linked) == {"Genève": "geneve"}
    curation.apply_changes([c.inverse() for c in changes], "undo")
    assert _gold_links(db, linked) == {}
    curation.apply_changes(changes, "redo")
    assert _gold_links(db, linked) == {"Genève": "geneve"}
    # Everything of one annotator: amina's links all come along.
    curation.apply_changes([c.inverse() for c in changes], "undo")
    everything = curation.preview_annotator("amina")
    _, changes = curation.accept_bulk(everything)
    amina = {"Khaled Khiari": "khiari", "Khalid Mishaal": "mishaal", "Genève": "geneve"}
    assert _gold_links(db, linked) == amina
    # Undone and redone together (several links: put back in a few statements), with their history.
    curation.apply_changes([c.inverse() for c in changes], "undo")
    assert _gold_links(db, linked) == {} and queries.spans(db, linked, [GOLD_ANNOTATOR]) == []
    curation.apply_changes(changes, "redo")
    assert _gold_links(db, linked) == amina
    with db.read() as session:
        redone = session.scalars(
            select(HistoryEntry.after).where(HistoryEntry.kind == "entity_link", HistoryEntry.action == "redo")
        ).all()
    assert sorted(r["entity"] for r in redone if r) == ["geneve", "geneve", "khiari", "mishaal"]


def test_the_curated_export_carries_the_accepted_link(db: Database, linked: int, tmp_path: Path) -> None:
    curation = CurationService(db, "rev")
    curation.accept(linked, document_differences(db, linked, ["amina", "karim"])[0], "amina")
    out = tmp_path / "gold.jsonl"
    with pytest.raises(SystemExit) as done:
        main(["--db", db.url, "export", "--format", "jsonl", "--out", str(out), "--curated"])
        raise SystemExit(0)
    assert done.value.code in (0, None)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(a["start"], a["end"], a.get("entity")) for a in record["annotations"]] == [(0, 13, "khiari")]


def test_a_curator_login_accepts_a_link_into_the_gold_layer_and_undoes_it(postgres_url: str) -> None:
    """With the server's roles (PostgreSQL): the curator login writes the gold span's link (the row
    and its history), and an undo takes it back; an annotator login may not link a gold span."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    from curator.errors import EditRefused
    from curator.store.gold import GoldWriter
    from curator.store.roles import grant

    tag = uuid.uuid4().hex[:8]
    logins = {"a": f"ann_a_{tag}", "b": f"ann_b_{tag}", "c": f"cur_c_{tag}"}
    owner = Database(postgres_url)

    def login(name: str) -> Database:
        return Database(make_url(postgres_url).set(username=name).render_as_string(hide_password=False))

    try:
        for role, name in (("annotator", logins["a"]), ("annotator", logins["b"]), ("curator", logins["c"])):
            grant(owner.engine, role, name)
        doc = DocumentIn(source="links.txt", line=1, text=TEXT, ext_id="links", language="fr")
        doc.spans = [SpanIn("entity", "PER", *_at("Khaled Khiari"), who) for who in (logins["a"], logins["b"])]
        write_batch(owner, [doc], "test")
        doc_id = queries.document_ids_by_ext(owner, ["links"])[0]
        Registry(owner, "owner").import_records([KHIARI, MISHAAL])
        for who, key in ((logins["a"], "khiari"), (logins["b"], "mishaal")):
            Registry(owner, who).link(_span_id(owner, doc_id, who, "Khaled Khiari"), key)
        curator_db, annotator_db = login(logins["c"]), login(logins["a"])
        try:
            curation = CurationService(curator_db, logins["c"])
            (diff,) = document_differences(curator_db, doc_id, [logins["a"], logins["b"]])
            change = curation.accept(doc_id, diff, logins["b"])
            assert _gold_links(owner, doc_id) == {"Khaled Khiari": "mishaal"}
            gold_id = change.spans_added[0].id
            with pytest.raises(EditRefused) as refused, annotator_db.write() as session:
                GoldWriter(annotator_db, session, logins["a"]).set_link(gold_id, "khiari", "accept")
            assert "entity_links" in str(refused.value) and logins["a"] in str(refused.value)
            assert _gold_links(owner, doc_id) == {"Khaled Khiari": "mishaal"}
            curation.apply_change(change.inverse(), "undo")
            assert _gold_links(owner, doc_id) == {} and queries.spans(owner, doc_id, [GOLD_ANNOTATOR]) == []
        finally:
            curator_db.dispose()
            annotator_db.dispose()
    finally:
        owner.dispose()
        with psycopg.connect(make_url(postgres_url).set(drivername="postgresql").render_as_string(False)) as conn:
            for name in logins.values():
                conn.execute(f'DROP OWNED BY "{name}"')
                conn.execute(f'DROP ROLE IF EXISTS "{name}"')
            conn.commit()
