"""The registry file: one entity per line of JSON (issue 19), read all or nothing.

``{"id": "khiari", "type": "PER", "names": {"ar": "خالد خياري", "fr": "Khaled Khiari"},
"aliases": ["خياري"], "description": "", "external_ids": {"wikidata": "Q..."}}``

``id``, ``type`` and ``names`` are required; the other keys may be left out. A file with a
malformed line, an unknown key, a duplicate id, an unknown type or an empty name is refused whole,
every problem named ``file:line``, and nothing of it is written. ``curator entities import/export``
and the interchange folder's ``entities.jsonl`` use this one reader and writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from curator.errors import InputRejected, Problem
from curator.io.strict_json import RefusedJson, parse_line
from curator.store.entities import FIELDS, EntityRecord, entity_problems

REQUIRED = ("id", "type", "names")
# The name of the registry file an interchange folder carries beside its documents.
REGISTRY_FILE = "entities.jsonl"


def entity_from_json(obj: Any) -> tuple[EntityRecord | None, list[str]]:
    """The entity of one parsed line, or None and what is wrong with it (types are not checked here)."""
    if not isinstance(obj, dict):
        return None, ["each line must be a JSON object"]
    problems = [f"unknown key {key!r} (known: {', '.join(FIELDS)})" for key in obj if key not in FIELDS]
    problems += [f"missing {key!r}" for key in REQUIRED if key not in obj]
    if problems:
        return None, problems
    shapes = {
        "id": (str, "text"),
        "type": (str, "text"),
        "names": (dict, "an object of language: name"),
        "aliases": (list, "a list of texts"),
        "description": (str, "text"),
        "external_ids": (dict, "an object of name: id"),
    }
    for key, (kind, said) in shapes.items():
        if key in obj and not isinstance(obj[key], kind):
            problems.append(f"{key!r} must be {said}")
    if problems:
        return None, problems
    for key in ("names", "external_ids"):
        if any(not isinstance(v, str) for v in obj.get(key, {}).values()):
            problems.append(f"{key!r}: every value must be text")
    if any(not isinstance(a, str) for a in obj.get("aliases", [])):
        problems.append("'aliases': every alias must be text")
    if problems:
        return None, problems
    return (
        EntityRecord(
            obj["id"].strip(),
            obj["type"],
            {lang: name.strip() for lang, name in obj["names"].items()},
            tuple(a.strip() for a in obj.get("aliases", [])),
            obj.get("description", "").strip(),
            dict(obj.get("external_ids", {})),
        ),
        [],
    )


def read_entities(path: Path, types: Sequence[str]) -> list[EntityRecord]:
    """Every entity of the file at ``path``, checked against the entity ``types``; refused whole
    (:class:`InputRejected`, every problem with its line) when any line is wrong."""
    source = str(path)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputRejected([Problem(source, 0, f"cannot read the registry file: {exc}")]) from exc
    return parse_entities(content.splitlines(), source, types)


def parse_entities(lines: Iterable[str], source: str, types: Sequence[str]) -> list[EntityRecord]:
    """:func:`read_entities` on lines already read (``source`` names them in problems)."""
    records: list[EntityRecord] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = parse_line(line)
        except RefusedJson as exc:
            problems.append(Problem(source, number, str(exc)))
            continue
        record, found = entity_from_json(obj)
        if record is not None:
            found = entity_problems(record, types)
            if record.key in first_line:
                found.append(f"duplicate id {record.key!r} (first on line {first_line[record.key]})")
            else:
                first_line[record.key] = number
        problems.extend(Problem(source, number, problem) for problem in found)
        if record is not None and not found:
            records.append(record)
    if problems:
        raise InputRejected(problems)
    return records


def entity_lines(records: Iterable[EntityRecord]) -> Iterable[str]:
    for record in records:
        yield json.dumps(record.to_json(), ensure_ascii=False)


def write_entities(records: Iterable[EntityRecord], out: Path) -> int:
    """Write ``records`` to ``out`` (whole, through a temporary file); how many were written."""
    partial = out.with_name(out.name + ".part")
    count = 0
    with partial.open("w", encoding="utf-8", newline="\n") as handle:
        for line in entity_lines(records):
            handle.write(line + "\n")
            count += 1
    partial.replace(out)
    return count
