"""``curator entities`` on seeds 000 (Arabic) and 003 (French), as a user runs it (issue 19): import a
registry file, link خالد خياري and Khaled Khiari from the command line, list the mentions of both
documents and both languages, rank candidates, export the registry; bad files refused whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import Document

ARABIC = "000_f694274a42498c38"
FRENCH = "003_b923d6f7b2ab459c"
REGISTRY = [
    {
        "id": "khiari",
        "type": "PER",
        "names": {"ar": "خالد خياري", "fr": "Khaled Khiari"},
        "aliases": ["خياري"],
        "description": "",
        "external_ids": {"wikidata": "Q0"},
    },
    {"id": "abdallah", "type": "PER", "names": {"ar": "خالد عبد الله"}},
    {"id": "mishaal", "type": "PER", "names": {"ar": "خالد مشعل", "fr": "Khalid Mishaal"}},
    {
        "id": "oci",
        "type": "ORG",
        "names": {"ar": "منظمة التعاون الإسلامي", "fr": "l'Organisation de la coopération islamique"},
        "aliases": ["OCI"],
    },
]


def run(*args: str, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CURATOR_DB": db_url}
    return subprocess.run(
        [sys.executable, "-m", "curator", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _lines(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _annotate(db_url: str, seeds: Path) -> dict[str, tuple[int, int]]:
    """Seeds 000 and 003 imported; amina's PER spans on the two mentions; their offsets."""
    db = Database(db_url)
    try:
        from curator.io.importer import import_paths

        import_paths(db, [seeds / f"{ARABIC}.txt", seeds / f"{FRENCH}.txt"])
        offsets = {}
        with db.read() as session:
            docs = session.execute(select(Document.id, Document.ext_id, Document.text)).all()
        for doc_id, ext_id, text in docs:
            name = "خالد خياري" if ext_id == ARABIC else "Khaled Khiari"
            start = text.index(name)
            Editor(db, "amina").add_span(doc_id, "entity", "PER", start, start + len(name))
            offsets[ext_id] = (start, start + len(name))
        return offsets
    finally:
        db.dispose()


def test_link_from_the_command_line_then_mentions_candidates_and_export(
    db_url: str, seeds: Path, tmp_path: Path
) -> None:
    offsets = _annotate(db_url, seeds)
    registry = tmp_path / "registry.jsonl"
    registry.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in REGISTRY), encoding="utf-8")
    imported = run("entities", "import", str(registry), db_url=db_url)
    assert imported.returncode == 0, imported.stderr
    assert "imported 4 new entities" in imported.stdout
    for ext_id, (start, end) in offsets.items():
        linked = run("entities", "link", ext_id, str(start), str(end), "khiari", "--annotator", "amina", db_url=db_url)
        assert linked.returncode == 0, linked.stderr
    found = _lines(run("entities", "mentions", "khiari", "--json", db_url=db_url))
    assert {(m["document"], m["language"], m["text"]) for m in found} == {
        (ARABIC, "ar", "خالد خياري"),
        (FRENCH, "fr", "Khaled Khiari"),
    }
    assert all({"document", "start", "end", "text", "language"} <= m.keys() for m in found)
    for mention in ("خياري", "M. Khiari"):
        ranked = _lines(run("entities", "candidates", mention, "--json", db_url=db_url))
        assert ranked[0]["id"] == "khiari"
        assert all(float(r["score"]) < float(ranked[0]["score"]) for r in ranked[1:])  # type: ignore[arg-type]
    listed = _lines(run("entities", "list", "--json", db_url=db_url))
    assert [e["id"] for e in listed] == ["abdallah", "khiari", "mishaal", "oci"]
    out = tmp_path / "exported.jsonl"
    assert run("entities", "export", "--out", str(out), db_url=db_url).returncode == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert exported[1] == REGISTRY[0]


def test_a_link_refused_by_the_core_is_one_line_naming_the_reason(db_url: str, seeds: Path, tmp_path: Path) -> None:
    offsets = _annotate(db_url, seeds)
    start, end = offsets[FRENCH]
    result = run("entities", "link", FRENCH, str(start), str(end), "nobody", "--annotator", "amina", db_url=db_url)
    assert result.returncode == 1
    assert result.stderr.strip() == "curator: error: no entity with id 'nobody'"
    result = run("entities", "link", FRENCH, str(start), str(end), "khiari", "--annotator", "karim", db_url=db_url)
    assert "karim has no entity annotation at" in result.stderr


def test_a_bad_registry_file_is_refused_whole(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(REGISTRY[0], ensure_ascii=False) + "\n" + json.dumps(REGISTRY[0], ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    result = run("entities", "import", str(bad), db_url=db_url)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"curator: error: {bad}:2: duplicate id 'khiari' (first on line 1); nothing was imported"
    )
    assert run("entities", "list", "--json", db_url=db_url).stdout == ""
