"""Gazetteers: lists of names and the label each suggests (``curator gazetteer import``).

Two shapes, told apart by the first character that is not white space or a comment:

- ``text<TAB>label`` lines (INCEpTION's gazetteer format), an optional third column with a score
  in 0..1; blank lines and lines starting with ``#`` are skipped;
- JSON lines ``{"text": "...", "label": "ORG", "aliases": [...], "score": 0.9, "layer": "entity"}``
  (``text`` and ``label`` required), each alias suggesting the same label.

Labels are the schema's, bare (``ORG``) or with their layer (``entity-ORG``); ``--layer`` says which
layer bare labels belong to where several have one. A file with any bad line is refused whole, every
problem named ``file:line``; importing a gazetteer again replaces its names (one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from curator.errors import InputRejected, Problem
from curator.io.label_names import resolve_label
from curator.io.strict_json import RefusedJson, parse_line
from curator.schema.model import Schema
from curator.store import history
from curator.store.database import Database
from curator.store.models import Base, GazetteerEntry
from curator.text.decoding import decode_bytes
from curator.text.names import name_key

ENTRIES = Base.metadata.tables["gazetteer_entries"]
JSON_KEYS = frozenset(("text", "label", "aliases", "score", "layer"))


@dataclass(frozen=True)
class Name:
    """One name of a gazetteer, checked: its key, label and score."""

    text: str
    key: str
    layer: str
    label: str
    score: float
    line: int


@dataclass
class GazetteerReport:
    name: str
    names: int = 0  # names stored
    replaced: int = 0  # names the previous import of this gazetteer had
    repeated: int = 0  # names listed again with the same label (kept once, with the best score)
    labels: dict[str, int] = field(default_factory=dict)


def read_gazetteer(path: Path, schema: Schema, layer: str | None = None) -> list[Name]:
    """Every name of the file, checked against the schema; raise :class:`InputRejected` listing every
    bad line."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected([Problem(source, 0, f"cannot read: {exc.strerror or exc}")]) from exc
    text = decode_bytes(data, source).text
    if layer is not None and (schema.layer(layer) is None or "span" not in schema.layer(layer).scopes):  # type: ignore[union-attr]
        raise InputRejected([Problem(source, 0, f"--layer {layer!r} is not a span layer of the schema")])
    lines = text.splitlines()
    first = next((ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    as_json = first.startswith("{")
    names: list[Name] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or (not as_json and line.lstrip().startswith("#")):
            continue
        try:
            names.extend(
                _json_names(line, number, schema, layer) if as_json else _tab_names(line, number, schema, layer)
            )
        except _Bad as exc:
            problems.append(Problem(source, number, str(exc)))
    if problems:
        raise InputRejected(problems)
    if not names:
        raise InputRejected([Problem(source, 0, "no names in the gazetteer")])
    return names


class _Bad(Exception):
    pass


def _tab_names(line: str, number: int, schema: Schema, layer: str | None) -> list[Name]:
    columns = line.rstrip("\r").split("\t")
    if len(columns) not in (2, 3):
        raise _Bad(f"expected text<TAB>label (and an optional score), found {len(columns)} column(s)")
    score = _score(columns[2].strip(), number) if len(columns) == 3 else 1.0
    return [_name(columns[0], columns[1].strip(), score, number, schema, layer)]


def _json_names(line: str, number: int, schema: Schema, layer: str | None) -> list[Name]:
    try:
        obj = parse_line(line)
    except (RefusedJson, ValueError) as exc:
        raise _Bad(f"not valid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise _Bad("a line must be a JSON object")
    if unknown := sorted(set(obj) - JSON_KEYS):
        raise _Bad(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(JSON_KEYS))})")
    text, label, aliases = obj.get("text"), obj.get("label"), obj.get("aliases", [])
    if not isinstance(text, str) or not isinstance(label, str):
        raise _Bad("'text' and 'label' are required strings")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _Bad("'aliases' must be a list of strings")
    line_layer = obj.get("layer", layer)
    if line_layer is not None and not isinstance(line_layer, str):
        raise _Bad("'layer' must be a string")
    score = _score(obj.get("score", 1.0), number)
    return [_name(name, label, score, number, schema, line_layer) for name in [text, *aliases]]


def _score(value: Any, number: int) -> float:
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise _Bad(f"score {value!r} is not a number") from None
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise _Bad(f"score {value!r} is not a number from 0 to 1")
    return float(value)


def _name(text: str, label: str, score: float, number: int, schema: Schema, layer: str | None) -> Name:
    found = resolve_label(schema, label, "span", layer)
    if isinstance(found, str):
        raise _Bad(found)
    key = name_key(text)
    if not key:
        raise _Bad(f"name {text!r} has no letters to match")
    return Name(text.strip(), key, found[0], found[1], score, number)


def import_gazetteer(
    db: Database, path: Path, *, layer: str | None = None, name: str | None = None, who: str = "import"
) -> GazetteerReport:
    """Store the gazetteer in ``path`` under ``name`` (the file's stem by default), replacing what an
    earlier import of that name stored; all or nothing."""
    names = read_gazetteer(path, db.schema, layer)
    gazetteer = (name or path.stem).strip() or path.stem
    report = GazetteerReport(gazetteer)
    kept: dict[tuple[str, str, str], Name] = {}
    for item in names:
        place = (item.key, item.layer, item.label)
        if place in kept:
            report.repeated += 1
            if item.score <= kept[place].score:
                continue
        kept[place] = item
    with db.write() as session:
        report.replaced = session.execute(delete(GazetteerEntry).where(GazetteerEntry.gazetteer == gazetteer)).rowcount  # type: ignore[attr-defined]
        session.execute(
            insert(ENTRIES),
            [
                {
                    "gazetteer": gazetteer,
                    "label_id": db.ids.labels[(item.layer, item.label)],
                    "text": item.text,
                    "key": item.key,
                    "score": item.score,
                }
                for item in kept.values()
            ],
        )
        report.names = len(kept)
        for item in kept.values():
            report.labels[item.label] = report.labels.get(item.label, 0) + 1
        history.record(
            session,
            who,
            "import",
            "gazetteer",
            None,
            None,
            None,
            {"gazetteer": gazetteer, "names": report.names, "file": str(path)},
        )
    return report
