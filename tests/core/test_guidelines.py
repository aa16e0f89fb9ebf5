"""Guidelines in the database (issue 21): import from a folder, a JSON/YAML file or one language's
Markdown, a new version at each change, export that reads back the same, bad input refused whole
with file and line, the version in every dataset card; on PostgreSQL only a manager may write them."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from curator.cli.main import cli
from curator.errors import EditRefused, InputRejected
from curator.io.guidelines_files import read_guidelines, write_guidelines
from curator.io.registry import export
from curator.store.database import Database
from curator.store.guidelines import (
    GuidelineContent,
    LabelGuide,
    current_guidelines,
    guideline_history,
    save_guidelines,
)
from curator.store.models import GuidelineVersion, HistoryEntry
from curator.store.roles import grant
from tests.core.test_team_roles import _add_documents, _as

DATA = Path(__file__).resolve().parent.parent / "data" / "guidelines"


def _run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", url, *args])
    return result.exit_code, result.output


def _versions(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(GuidelineVersion)) or 0)


def test_a_folder_imports_as_one_version_and_exports_back_the_same(db: Database, tmp_path: Path) -> None:
    found = read_guidelines(DATA, db.schema)
    assert not found.partial
    assert set(found.content.project) == {"ar", "fr", "en"}
    assert found.content.project["ar"] == (DATA / "project.ar.md").read_text(encoding="utf-8")
    per = found.content.labels[("entity", "PER")]
    assert per["ar"].examples == ("خالد خياري", "الأمين العام أنطونيو غوتيريش")
    assert found.content.labels[("entity", "ORG")]["en"] == LabelGuide(
        "An organisation, by its full name or its acronym."
    )
    report = save_guidelines(db, found.content, "manager", str(DATA))
    assert (report.version, report.created) == (1, True)
    # the same content again: no new version
    assert save_guidelines(db, found.content, "manager").created is False
    assert _versions(db) == 1
    stored = current_guidelines(db)
    assert stored is not None and stored.content == found.content and stored.version == 1
    for out in (tmp_path / "folder", tmp_path / "all.json", tmp_path / "all.yaml"):
        write_guidelines(stored.content, out)
        assert read_guidelines(out, db.schema).content == stored.content, out
    with db.read() as session:
        kinds = list(session.scalars(select(HistoryEntry.kind).where(HistoryEntry.kind == "guidelines")))
    assert kinds == ["guidelines"]


def test_one_language_file_makes_the_next_version_and_keeps_the_rest(db_url: str, tmp_path: Path) -> None:
    assert _run(db_url, "guidelines", "import", str(DATA))[0] == 0
    french = tmp_path / "guide.fr.md"
    french.write_text("# Guide\r\n\r\nNouvelle version.\r\n", encoding="utf-8")
    code, out = _run(db_url, "guidelines", "import", str(french))
    assert code == 0 and "guidelines version 2" in out
    db = Database(db_url)
    try:
        stored = current_guidelines(db)
        assert stored is not None and stored.version == 2
        assert stored.content.project["fr"] == "# Guide\n\nNouvelle version.\n"
        assert stored.content.project["ar"].startswith("# إرشادات التوسيم")
        assert ("entity", "PER") in stored.content.labels
        assert [v for v, *_ in guideline_history(db)] == [1, 2]
    finally:
        db.dispose()
    code, out = _run(db_url, "guidelines", "show", "--language", "ar")
    assert code == 0 and "version 2" in out and "إرشادات التوسيم" in out and "entity/PER: اسم شخص" in out
    code, out = _run(db_url, "guidelines", "export", "--out", str(tmp_path / "out"))
    assert code == 0
    assert (tmp_path / "out" / "project.fr.md").read_text(encoding="utf-8") == "# Guide\n\nNouvelle version.\n"


def test_the_language_falls_back_when_a_text_is_missing() -> None:
    content = GuidelineContent({"fr": "Bonjour"}, {("entity", "PER"): {"ar": LabelGuide("شخص")}})
    assert content.project_text("ar") == ("fr", "Bonjour")
    assert content.label_guide("entity", "PER", "en") == ("ar", LabelGuide("شخص"))
    assert content.label_guide("entity", "ORG", "en") is None


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("bad.yaml", "project:\n  ar: نص\nlabels:\n  entity:\n    PERSON:\n      en: x\n", 5, "unknown key 'PERSON'"),
        ("bad.yaml", "project:\n  de: Text\n", 2, "unknown key 'de'"),
        ("bad.yaml", "projet:\n  en: Text\n", 1, "did you mean 'project'"),
        ("bad.yaml", "project:\n  en: [a, b]\n", 2, "project.en must be text"),
        ("bad.yaml", "project:\n  en: a\n  en: b\n", 3, "appears twice"),
        ("bad.yaml", "labels:\n  entity:\n    PER:\n      en:\n        examples: nope\n", 5, "must be a list"),
        ("bad.yaml", "project: [\n", 2, "not valid YAML"),
        ("bad.json", '{"project": {"en": "x",}}', 1, "not valid JSON"),
        ("bad.json", '{"project": {"en": "x"},\n "labels": {"nolayer": {}}}', 2, "unknown key 'nolayer'"),
    ],
)
def test_bad_input_is_refused_with_file_and_line_and_nothing_written(
    sqlite_db: Database, tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputRejected) as caught:
        read_guidelines(path, sqlite_db.schema)
    problem = caught.value.problems[0]
    assert (problem.source, problem.line) == (str(path), line), caught.value.problems
    assert message in problem.message
    code, out = _run(sqlite_db.url, "guidelines", "import", str(path))
    assert code != 0 and f"{path}:{line}:" in out and "nothing was imported" in out
    assert _versions(sqlite_db) == 0


def test_a_bad_file_in_a_folder_refuses_the_whole_folder(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "guide"
    shutil.copytree(DATA, folder)
    (folder / "notes.txt").write_text("stray", encoding="utf-8")
    (folder / "extra.de.md").write_bytes("# Leitfaden\n\nf\xfcr".encode("latin-1"))
    (folder / "project.en.md").write_bytes(b"# Guide\n\nok\n\xff\n")
    with pytest.raises(InputRejected) as caught:
        read_guidelines(folder, sqlite_db.schema)
    found = {(Path(p.source).name, p.line) for p in caught.value.problems}
    assert {("notes.txt", 0), ("extra.de.md", 0), ("project.en.md", 4)} <= found
    assert _versions(sqlite_db) == 0
    # a Markdown file that names no language
    plain = tmp_path / "guide.md"
    plain.write_text("# Guide\n", encoding="utf-8")
    with pytest.raises(InputRejected, match="which language"):
        read_guidelines(plain, sqlite_db.schema)
    assert read_guidelines(plain, sqlite_db.schema, "en").content.project == {"en": "# Guide\n"}


def test_the_guideline_version_is_in_every_dataset_card(sqlite_db: Database, tmp_path: Path) -> None:
    _add_documents(sqlite_db, 1)
    export("jsonl", sqlite_db, tmp_path / "before.jsonl")
    assert "- Guidelines: none imported" in (tmp_path / "before.README.md").read_text(encoding="utf-8")
    report = save_guidelines(sqlite_db, read_guidelines(DATA, sqlite_db.schema).content, "manager")
    for fmt, out, card in (
        ("jsonl", tmp_path / "after.jsonl", tmp_path / "after.README.md"),
        ("conll", tmp_path / "conll", tmp_path / "conll" / "README.md"),
    ):
        export(fmt, sqlite_db, out)
        text = card.read_text(encoding="utf-8")
        assert f"- Guidelines: version {report.version} (sha256 {report.sha256[:12]})" in text, fmt


def test_an_annotator_login_cannot_write_guidelines_the_server_refuses(postgres_url: str) -> None:
    tag = uuid.uuid4().hex[:8]
    annotator, manager = f"gl_ann_{tag}", f"gl_man_{tag}"
    owner = Database(postgres_url)
    grant(owner.engine, "annotator", annotator)
    grant(owner.engine, "manager", manager)
    content = read_guidelines(DATA, owner.schema).content
    owner.dispose()
    try:
        db_a = Database(_as(postgres_url, annotator))
        try:
            with pytest.raises(EditRefused, match="the server refused"):
                save_guidelines(db_a, content, annotator)
            assert current_guidelines(db_a) is None  # reading is allowed, and nothing was written
        finally:
            db_a.dispose()
        raw = make_url(_as(postgres_url, annotator)).set(drivername="postgresql").render_as_string(False)
        with psycopg.connect(raw) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO guideline_versions (version, sha256, source, project, labels, imported_by, imported_at) "
                "VALUES (1, 'x', '', '{}', '{}', %s, now())",
                (annotator,),
            )
        db_m = Database(_as(postgres_url, manager))
        try:
            assert save_guidelines(db_m, content, manager).version == 1
            assert current_guidelines(db_m) is not None
        finally:
            db_m.dispose()
        # a version once written is not changed, even by a manager
        raw_m = make_url(_as(postgres_url, manager)).set(drivername="postgresql").render_as_string(False)
        with psycopg.connect(raw_m) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE guideline_versions SET project = %s", (json.dumps({"en": "x"}),))
    finally:
        with psycopg.connect(make_url(postgres_url).set(drivername="postgresql").render_as_string(False)) as conn:
            for login in (annotator, manager):
                conn.execute(f'DROP OWNED BY "{login}"')
                conn.execute(f'DROP ROLE IF EXISTS "{login}"')
            conn.commit()


@pytest.mark.parametrize(
    "text",
    [
        '{\n\t"project": {\n\t\t"en": "caf\\u00e9 \\/ tab"\n\t}\n}',  # tabs between tokens, JSON's own escapes
        '{"project": {"en": "smile \\ud83d\\ude00"}}',  # a surrogate pair YAML does not read
    ],
)
def test_valid_json_is_never_refused_for_being_unlike_yaml(sqlite_db: Database, tmp_path: Path, text: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    assert read_guidelines(path, sqlite_db.schema).content.project == json.loads(text)["project"]


def test_history_earlier_versions_and_check_from_the_command_line(sqlite_db: Database, tmp_path: Path) -> None:
    url = sqlite_db.url
    code, out = _run(url, "guidelines", "show")
    assert code != 0 and "no guidelines yet" in out
    code, out = _run(url, "guidelines", "import", "--check", str(DATA))
    assert code == 0 and "no problems" in out and _versions(sqlite_db) == 0
    assert _run(url, "guidelines", "import", str(DATA))[0] == 0
    english = tmp_path / "g.md"
    english.write_text("# Second\n", encoding="utf-8")
    assert _run(url, "guidelines", "import", "--language", "en", str(english))[0] == 0
    code, out = _run(url, "guidelines", "import", "--language", "en", str(english))
    assert code == 0 and "nothing changed: the guidelines are still version 2" in out
    code, out = _run(url, "guidelines", "show", "--history")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["1", "2"]
    code, out = _run(url, "guidelines", "export", "--version", "1", "--out", str(tmp_path / "v1.json"))
    assert code == 0 and "version 1" in out
    first = json.loads((tmp_path / "v1.json").read_text(encoding="utf-8"))
    assert first["project"]["en"].startswith("# Annotation guidelines")
    assert first["labels"]["entity"]["PER"]["ar"]["examples"][0] == "خالد خياري"
    code, out = _run(url, "guidelines", "show", "--language", "fr")
    assert "version 2" in out and "# Guide d'annotation" in out
    code, out = _run(url, "guidelines", "export", "--version", "9", "--out", str(tmp_path / "v9.json"))
    assert code != 0 and "no guidelines version 9" in out
