"""The annotation schema: the bundled one is complete; a bad one names file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.errors import SchemaError
from curator.paths import default_schema_path
from curator.schema import load_schema, parse_schema

SOURCE = default_schema_path().read_text(encoding="utf-8")


def test_bundled_schema_has_the_three_layers_and_the_claimant_relation() -> None:
    schema = load_schema(default_schema_path())
    assert [layer.id for layer in schema.layers] == ["entity", "area", "claim"]
    entity = schema.layer("entity")
    assert entity is not None
    assert [label.id for label in entity.labels] == ["PER", "ORG", "LOC", "DATE", "EVENT", "LAW", "MISC"]
    area = schema.layer("area")
    assert area is not None and set(area.scopes) == {"document", "span"} and len(area.labels) == 13
    claim = schema.label("claim", "CLAIM")
    assert claim is not None
    assert {a.id for a in claim.attributes} == {"stance", "type", "area"}
    claimant = schema.relation("claimant")
    assert claimant is not None and claimant.target.labels == ("PER", "ORG")
    for layer in schema.layers:
        for label in layer.labels:
            assert label.names.ar and label.names.fr and label.names.en and label.shortcut


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('color: "#e6194b"', 'color: "red"'), r"schema.yaml:15: layers.0.labels.0.color: .*#rrggbb"),
        (('shortcut: "O"', 'shortcut: "P"'), r"schema.yaml:16: .*shortcut 'P' is already used"),
        (("layer: area}", "layer: nowhere}"), r"schema.yaml:\d+: .*unknown layer 'nowhere'"),
        (("scopes: [span]", "scopes: [spam]"), r"schema.yaml:10: layers.0.scopes.0: Input should be"),
        (("version: 1", "version: 1\nversion: 2"), r"schema.yaml:6: duplicate key 'version'"),
        (("labels: [PER, ORG]", "labels: [PER, GROUP]"), r"schema.yaml:\d+: .*unknown label 'GROUP'"),
        (("name: un-oic", "name: [un-oic"), r"schema.yaml:\d+: invalid YAML"),
        (("{id: stance,", "{id: identifier,"), r"schema.yaml:\d+: .*'identifier' is reserved"),
    ],
)
def test_a_bad_schema_names_file_line_and_problem(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in SOURCE
    with pytest.raises(SchemaError, match=expected):
        parse_schema(SOURCE.replace(old, new, 1), "schema.yaml")


def test_a_project_schema_file_is_used_and_stored(tmp_path: Path, db_url: str) -> None:
    from curator.store.database import Database

    custom = tmp_path / "project.yaml"
    custom.write_text(SOURCE.replace("id: MISC", "id: OTHER"), encoding="utf-8")
    db = Database(db_url, schema_path=custom)
    assert ("entity", "OTHER") in db.ids.labels and ("entity", "MISC") not in db.ids.labels
    db.dispose()
    # Reopened without naming a file, the database keeps the schema it was given.
    again = Database(db_url)
    assert again.schema.label("entity", "OTHER") is not None
    again.dispose()


def test_a_reopened_database_reads_its_schema_from_the_cache_and_survives_a_broken_cache(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator.paths import user_cache_dir
    from curator.store.database import Database

    monkeypatch.setenv("CURATOR_CACHE", str(tmp_path / "own-cache"))  # this test's cache alone
    first = Database(db_url)
    first.dispose()
    second = Database(db_url)  # the first reopening writes the cache
    second.dispose()
    (cached,) = (user_cache_dir() / "schema-cache").glob("*.json")
    assert Database(db_url).schema == first.schema
    cached.write_text("{not json", encoding="utf-8")
    assert Database(db_url).schema == first.schema
