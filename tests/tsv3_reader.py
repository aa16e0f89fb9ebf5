"""A strict WebAnno TSV 3.3 reader written from INCEpTION's format description, independent of Curator.

It checks what the description requires (the format line, layer declarations, two blank lines,
``#Text=`` before the tokens, sentence and token numbers in order, one field per declared column and
the tab each line ends with, UTF-16 offsets that fall on characters and give the token's text) and
returns the text, the span annotations (stacked and multi-unit ones joined by their ``[N]`` ids, link
features resolved) and the relations, with code-point offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

RESERVED = {"\\\\": "\\", "\\[": "[", "\\]": "]", "\\|": "|", "\\_": "_", "\\->": "->", "\\;": ";"}
RESERVED |= {"\\t": "\t", "\\n": "\n", "\\*": "*"}
TEXT_ESCAPES = {"\\t": "\t", "\\n": "\n", "\\f": "\f", "\\r": "\r", "\\b": "\b", "\\\\": "\\"}
TEXT_ESCAPES |= {"\\" + chr(i): chr(i) for i in range(32) if not 7 < i < 14}


def _unescape(value: str, table: dict[str, str]) -> str:
    out, i = [], 0
    while i < len(value):
        for size in (3, 2):
            if value[i : i + size] in table:
                out.append(table[value[i : i + size]])
                i += size
                break
        else:
            assert value[i] != "\\", f"unknown escape in {value!r}"
            out.append(value[i])
            i += 1
    return "".join(out)


def _split(value: str, sep: str) -> list[str]:
    parts, current, i = [], "", 0
    while i < len(value):
        if value[i] == "\\":
            current += value[i : i + 2]
            i += 2
        elif value[i] == sep:
            parts.append(current)
            current, i = "", i + 1
        else:
            current += value[i]
            i += 1
    return [*parts, current]


def _suffix(value: str) -> tuple[str, str | None]:
    m = re.fullmatch(r"(.*?)\[([0-9_]+)\]", value, re.DOTALL)
    if m and not m.group(1).endswith("\\"):
        return m.group(1), m.group(2)
    return value, None


@dataclass
class Span:
    type: str
    begin: int  # code points, end exclusive
    end: int
    features: dict[str, str | None] = field(default_factory=dict)
    links: dict[str, list[Span]] = field(default_factory=dict)
    unit: str = ""


@dataclass
class Document:
    text: str
    spans: list[Span]
    relations: list[tuple[str, Span, Span]]  # (type, governor, dependent)


def read(source: str) -> Document:
    lines = source.split("\n")
    assert lines[0] == "#FORMAT=WebAnno TSV 3.3", lines[0]
    columns: list[tuple[str, str, str, str]] = []  # (kind, type, feature or role, base or target type)
    k = 1
    while lines[k]:
        kind, _, rest = lines[k].partition("=")
        assert kind in ("#T_SP", "#T_RL"), f"line {k + 1}: {lines[k]!r}"
        type_name, *features = rest.split("|")
        f = 0
        while f < len(features):
            feature = features[f]
            if kind == "#T_RL":
                assert feature.startswith("BT_") and f == len(features) - 1, feature
                columns.append(("relation", type_name, "", feature[3:]))
            elif feature.startswith("ROLE_"):
                _, qualified, _link_type = feature.split("_")
                role = qualified.partition(":")[2]
                columns.append(("role", type_name, role, features[f + 1]))
                columns.append(("target", type_name, role, features[f + 1]))
                f += 1
            else:
                columns.append(("feature", type_name, feature, ""))
            f += 1
        k += 1
    assert lines[k] == "" and lines[k + 1] == "", "two blank lines after the header"
    assert lines[-1] == "", "the file ends with a line break"
    text16 = ""  # the text so far, as Python str; its UTF-16 length tracked separately
    length16 = 0
    pending: list[str] = []
    units: dict[str, tuple[int, int]] = {}
    spans: list[Span] = []
    by_id: dict[str, Span] = {}
    stacks: dict[tuple[str, str], list[Span]] = {}
    links: list[tuple[Span, str, str, list[str]]] = []  # (host, role, target type, targets)
    relation_refs: list[tuple[str, str, str, str]] = []  # (type, base type, unit, value)
    sentence, token = 0, 0
    for number, line in enumerate(lines[k + 2 : -1], start=k + 3):
        if not line:
            assert token, f"line {number}: a sentence without tokens"
            token = 0
            continue
        if line.startswith("#"):
            assert token == 0, f"line {number}: a header inside a sentence"
            if line.startswith("#Sentence.id="):
                assert not pending, f"line {number}: the sentence id goes before its text"
                continue
            assert line.startswith("#Text="), f"line {number}: {line!r}"
            pending.append(_unescape(line[6:], TEXT_ESCAPES))
            continue
        fields = line.split("\t")
        assert len(fields) == len(columns) + 4 and fields[-1] == "", f"line {number}: {len(fields)} fields"
        unit, offsets, form = fields[:3]
        begin, end = map(int, offsets.split("-"))
        if token == 0:
            assert pending and "." not in unit, f"line {number}: no #Text= before the first token"
            sentence += 1
            if length16 > begin:
                assert length16 == begin + 1 and text16.endswith("\n"), f"line {number}: sentence overlaps"
                text16, length16 = text16[:-1], length16 - 1
            text16 += " " * (begin - length16)
            length16 = max(length16, begin)
            for part in pending:
                text16 += part + "\n"
                length16 += len((part + "\n").encode("utf-16-le")) // 2
            pending = []
        if "." not in unit:
            token += 1
            assert unit == f"{sentence}-{token}", f"line {number}: unit {unit}, expected {sentence}-{token}"
        units[unit] = (begin, end)
        raw16 = text16.encode("utf-16-le")
        assert raw16[2 * begin : 2 * end].decode("utf-16-le") == form, f"line {number}: {form!r} not at {offsets}"
        for (kind, type_name, extra, other), cell in zip(columns, fields[3:-1], strict=True):
            if cell == "_":
                continue
            for index, value in enumerate(_split(cell, "|")):
                if kind == "relation":
                    relation_refs.append((type_name, other, unit, value))
                    continue
                raw, ref = (value, None) if kind == "target" else _suffix(value)
                stack = stacks.setdefault((unit, type_name), [])
                if index < len(stack):
                    span = stack[index]
                    assert ref is None or by_id[ref] is span, f"line {number}: [{ref}] is another annotation"
                else:
                    assert index == len(stack), f"line {number}: stack position {index}"
                    if ref is not None and ref in by_id:
                        span = by_id[ref]
                        span.end = end
                    else:
                        span = Span(type_name, begin, end, unit=unit)
                        spans.append(span)
                        if ref is not None:
                            by_id[ref] = span
                    stack.append(span)
                if kind == "feature":
                    new = None if raw == "*" else _unescape(raw, RESERVED)
                    assert span.features.setdefault(extra, new) == new, f"line {number}: {extra} changes"
                elif kind == "role" and raw != "_" and span.unit == unit:
                    for role in _split(raw, ";"):
                        assert _unescape(role, RESERVED) == extra
                elif kind == "target" and raw != "*" and span.unit == unit:
                    links.append((span, extra, other, _split(raw, ";")))
    text = text16

    def cp(position: int) -> int:
        return len(text.encode("utf-16-le")[: 2 * position].decode("utf-16-le"))

    def resolve(type_name: str, unit: str, ref: str | None) -> Span:
        if ref not in (None, "0"):
            assert by_id[ref].type == type_name
            return by_id[ref]
        (only,) = [s for s in stacks[(unit, type_name)] if s.unit == unit]
        return only

    relations = []
    for type_name, base, unit, value in relation_refs:
        source_unit, ids = _suffix(value)
        source_ref, target_ref = (ids or "0_0").split("_")
        relations.append((type_name, resolve(base, source_unit, source_ref), resolve(base, unit, target_ref)))
    for span, role, target_type, targets in links:
        for target in targets:
            target_unit, ref = _suffix(target)
            span.links.setdefault(role, []).append(resolve(target_type, target_unit, ref))
    for span in spans:
        span.begin, span.end = cp(span.begin), cp(span.end)
    return Document(text, spans, relations)
