"""A format added to the registry, and nowhere else, is read, written and offered like the others:
by ``curator import`` (with ``--format`` and by its extension) and by ``curator export``."""

from __future__ import annotations

from pathlib import Path

import pytest
from toy_format import FILE, TOY

from curator.cli.main import main
from curator.io import registry


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.FORMATS, TOY.name, TOY)


def _help(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    main([command, "--help"])
    return capsys.readouterr().out


def test_without_its_entry_the_command_line_does_not_know_the_format(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", f"sqlite:///{tmp_path / 'c.sqlite'}", "import", "--format", "toy", str(tmp_path)])
    assert done.value.code == 2
    assert "toy" not in registry.import_names() + registry.export_names()


def test_a_registered_format_is_a_choice_of_import_and_export(toy: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert "|prodigy|toy]" in _help("import", capsys)
    assert "|labelstudio|toy]" in _help("export", capsys)


def test_a_registered_format_is_imported_and_exported_from_the_command_line(
    toy: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    source = tmp_path / "in"
    source.mkdir()
    (source / "notes.toy").write_text("L’OCI se réunit à Rabat.\nمنظمة التعاون الإسلامي\n", encoding="utf-8")
    (source / "more.toy").write_text("Le HCR en Tunisie.\n", encoding="utf-8")
    main(["--db", url, "import", "--format", "toy", str(source / "notes.toy")])
    main(["--db", url, "import", str(source)])  # a folder: .toy files are claimed by the toy format
    printed = capsys.readouterr().out
    assert "imported 2 documents" in printed and "imported 1 document," in printed
    main(["--db", url, "export", "--format", "toy", "--out", str(tmp_path / "out")])
    assert "exported 3 documents" in capsys.readouterr().out
    lines = (tmp_path / "out" / FILE).read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(
        ["notes-1\tL’OCI se réunit à Rabat.", "notes-2\tمنظمة التعاون الإسلامي", "more-1\tLe HCR en Tunisie."]
    )
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "- Format: **toy**: one line per document" in card
