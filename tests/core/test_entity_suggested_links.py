"""Suggested entity links (issue 19): an entity-layer span that names no entity is offered the
registry's best candidate of its type above SUGGESTED_LINK_MIN_SCORE, computed and never stored (no
link row, no export, no difference) until the annotator accepts it as an ordinary link edit; listed
by ``curator entities suggest``. On the Arabic seed 000 and the French seed 003, SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from curator.cli.main import main
from curator.io.importer import import_paths
from curator.review.differences import document_differences
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry
from curator.store.models import Document, EntityLink
from curator.suggest.links import SUGGESTED_LINK_MIN_SCORE, best_link, suggest_links

ARABIC = "000_f694274a42498c38"
FRENCH = "003_b923d6f7b2ab459c"
ENTITIES = [
    EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",)),
    EntityRecord("abdallah", "PER", {"ar": "خالد عبد الله", "fr": "Khaled Abdallah"}),
    EntityRecord("oci", "ORG", {"ar": "منظمة التعاون الإسلامي", "fr": "l'Organisation de la coopération islamique"}),
]


@pytest.fixture
def corpus(db: Database, seeds: Path) -> dict[str, tuple[int, str]]:
    import_paths(db, [seeds / f"{ARABIC}.txt", seeds / f"{FRENCH}.txt"])
    Registry(db, "amina").import_records(ENTITIES)
    with db.read() as session:
        return {ext: (i, text) for i, ext, text in session.execute(select(Document.id, Document.ext_id, Document.text))}


def _mark(db: Database, corpus: dict[str, tuple[int, str]], ext: str, words: str, who: str, label: str = "PER") -> int:
    doc_id, text = corpus[ext]
    start = text.index(words)
    return Editor(db, who).add_span(doc_id, "entity", label, start, start + len(words)).id


def _link_rows(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(EntityLink)) or 0


def test_the_best_candidate_above_the_threshold_is_suggested_and_never_stored(
    db: Database, corpus: dict[str, tuple[int, str]], tmp_path: Path
) -> None:
    registry = Registry(db, "amina")
    arabic = _mark(db, corpus, ARABIC, "خالد خياري", "amina")
    french = _mark(db, corpus, FRENCH, "M. Khiari", "amina")
    _mark(db, corpus, FRENCH, "Khaled", "karim")  # fits Khiari and Abdallah alike: not offered
    _mark(db, corpus, FRENCH, "Khaled Khiari", "karim", label="ORG")  # no ORG of that name: not offered
    oci = _mark(db, corpus, ARABIC, "منظمة التعاون الإسلامي", "amina", label="ORG")
    registry.link(oci, "oci")  # linked already: nothing to suggest
    found = suggest_links(db, registry, "amina")
    assert [(s.span_id, s.entity, s.name) for s in found] == [
        (arabic, "khiari", "خالد خياري"),  # the name in the document's language
        (french, "khiari", "Khaled Khiari"),
    ]
    assert all(s.score >= SUGGESTED_LINK_MIN_SCORE for s in found) and found[0].score == 1.0
    assert suggest_links(db, registry, "karim") == []
    assert best_link(registry, "Khaled", "PER", "fr") is None
    assert best_link(registry, "Khaled Abdallah", "PER", "fr") is not None
    # Nothing was stored: one link row (the one made by hand), no link in an export, no difference.
    assert _link_rows(db) == 1
    out = tmp_path / "amina.jsonl"
    with pytest.raises(SystemExit):
        main(["--db", db.url, "export", "--format", "jsonl", "--out", str(out), "--annotator", "amina"])
        raise SystemExit(0)
    exported = [a for line in out.read_text(encoding="utf-8").splitlines() for a in json.loads(line)["annotations"]]
    assert sorted(a.get("entity", "") for a in exported) == ["", "", "oci"]
    assert all("link" not in d.kinds for d in document_differences(db, corpus[FRENCH][0], ["amina", "karim"]))
    # Accepting one is an ordinary link edit: undone, the span is unlinked and suggested again.
    change = registry.link(found[1].span_id, found[1].entity)
    assert [s.span_id for s in suggest_links(db, registry, "amina")] == [arabic]
    registry.undo_link(change)
    assert [s.span_id for s in suggest_links(db, registry, "amina")] == [arabic, french]


def test_curator_entities_suggest_prints_what_the_window_would_offer(
    db: Database, corpus: dict[str, tuple[int, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    _mark(db, corpus, ARABIC, "خالد خياري", "amina")
    _mark(db, corpus, FRENCH, "M. Khiari", "karim")

    def run(*args: str) -> list[str]:
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(["--db", db.url, "entities", "suggest", *args])
            raise SystemExit(0)
        assert done.value.code in (0, None), capsys.readouterr().err
        return capsys.readouterr().out.splitlines()

    lines = [json.loads(line) for line in run("--json")]
    assert [(x["document"], x["text"], x["entity"], x["annotator"]) for x in lines] == [
        (ARABIC, "خالد خياري", "khiari", "amina"),
        (FRENCH, "M. Khiari", "khiari", "karim"),
    ]
    at = corpus[FRENCH][1].index("M. Khiari")
    assert (lines[1]["start"], lines[1]["end"], lines[1]["name"]) == (at, at + len("M. Khiari"), "Khaled Khiari")
    assert 0.85 <= lines[1]["score"] < 1
    assert [json.loads(x)["document"] for x in run("--json", "--annotator", "karim")] == [FRENCH]
    assert [json.loads(x)["document"] for x in run("--json", "--documents", ARABIC)] == [ARABIC]
    (plain,) = run("--annotator", "amina")
    at = corpus[ARABIC][1].index("خالد خياري")
    assert plain.split("\t")[:5] == [ARABIC, f"{at}-{at + 10}", "خالد خياري", "khiari", "خالد خياري"]
    # An unknown document is refused with a message; nothing was ever written.
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:
        main(["--db", db.url, "entities", "suggest", "--documents", "nope"])
    assert refused.value.code != 0 and "--documents" in capsys.readouterr().err
    assert _link_rows(db) == 0
