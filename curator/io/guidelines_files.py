"""Guideline files: reading them for ``curator guidelines import`` and writing them for ``export``.

Three shapes are read; each is refused whole, with every problem's file and line, when anything in it
is wrong (an unknown language, layer or label, a key the shape does not know, text that is not UTF-8):

* a **Markdown file**, the project guidelines in one language, named ``NAME.LANG.md`` (``guide.ar.md``)
  or given ``--language``; imported over the newest version, which keeps its other languages and its
  label definitions;
* a **JSON or YAML file** with everything: ``project`` (language -> Markdown) and ``labels`` (layer ->
  label -> language -> ``{definition, examples}``, or only the definition as a string);
* a **folder** of ``NAME.LANG.md`` files and an optional ``labels.yaml`` / ``labels.json`` (the
  ``labels`` mapping above, alone or under a ``labels`` key): what ``export`` writes.

A JSON/YAML file or a folder is the whole of the guidelines: what it leaves out is not kept.
Text is kept as written (a BOM dropped, CRLF turned into LF), never normalised.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from curator.errors import InputRejected, Problem
from curator.schema.model import Schema
from curator.store.guidelines import GUIDE_LANGUAGES, GuidelineContent, LabelGuide

LABEL_FILES = ("labels.yaml", "labels.yml", "labels.json")
TOP_KEYS = ("project", "labels")
GUIDE_KEYS = ("definition", "examples")


@dataclass(frozen=True)
class ReadGuidelines:
    """A file's content, and whether it is one language's part (merged over the newest version)."""

    content: GuidelineContent
    partial: bool


def read_guidelines(path: Path, schema: Schema, language: str | None = None) -> ReadGuidelines:
    """The guidelines in ``path`` (a Markdown file, a JSON/YAML file or a folder), checked against
    ``schema``; :class:`InputRejected` with every problem when anything is wrong."""
    if language is not None and language not in GUIDE_LANGUAGES:
        raise InputRejected([Problem(str(path), 0, f"unknown language {language!r}: {_one_of(GUIDE_LANGUAGES)}")])
    if path.is_dir():
        return ReadGuidelines(_read_folder(path, schema), partial=False)
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        lang = language or _language_of(path)
        if lang is None:
            raise InputRejected(
                [
                    Problem(
                        str(path),
                        0,
                        "which language is this? name the file NAME.ar.md, NAME.fr.md or NAME.en.md, "
                        "or give --language",
                    )
                ]
            )
        text = _read_text(path)
        if not text.strip():
            raise InputRejected([Problem(str(path), 1, "the file is empty")])
        return ReadGuidelines(GuidelineContent({lang: text}, {}), partial=True)
    if suffix in (".json", ".yaml", ".yml"):
        if language is not None:
            raise InputRejected([Problem(str(path), 0, "--language is for a Markdown file; this file names its own")])
        node = _parse(path, _read_text(path))
        return ReadGuidelines(_content(node, str(path), schema, labels_only=False), partial=False)
    raise InputRejected(
        [Problem(str(path), 0, "not a guidelines file: give NAME.LANG.md, a .json or .yaml file, or a folder")]
    )


def _one_of(values: tuple[str, ...]) -> str:
    return "one of " + ", ".join(values)


def _language_of(path: Path) -> str | None:
    parts = path.name.split(".")
    return parts[-2].lower() if len(parts) >= 3 and parts[-2].lower() in GUIDE_LANGUAGES else None


def _read_text(path: Path) -> str:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected([Problem(source, 0, f"cannot read it: {exc.strerror or exc}")]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputRejected([Problem(source, line, f"not UTF-8 (byte 0x{data[exc.start]:02x})")]) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse(path: Path, text: str) -> yaml.Node:
    source = str(path)
    if path.suffix.lower() == ".json":
        return _parse_json(source, text)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise InputRejected([Problem(source, line, f"not valid YAML: {exc.problem or exc}")]) from exc
    except yaml.YAMLError as exc:
        raise InputRejected([Problem(source, 0, f"not valid YAML: {exc}")]) from exc
    if node is None:
        raise InputRejected([Problem(source, 1, "the file is empty")])
    return node


def _parse_json(source: str, text: str) -> yaml.Node:
    """JSON by its own rules, as YAML nodes that know their lines. JSON is YAML but for tabs between
    tokens (a raw tab cannot be inside a JSON string, so each is one space) and a few escapes; when
    the nodes do not read back exactly as JSON reads the file, the JSON's value is checked without
    lines rather than a valid file refused."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputRejected([Problem(source, exc.lineno, f"not valid JSON: {exc.msg}")]) from exc
    try:
        node = yaml.compose(text.replace("\t", " "), Loader=yaml.SafeLoader)
        if node is not None and yaml.SafeLoader("").construct_document(node) == value:
            return node
    except yaml.YAMLError:
        pass
    represented: yaml.Node = yaml.SafeDumper(None).represent_data(value)  # type: ignore[arg-type]
    return represented


def _line(node: yaml.Node) -> int:
    mark = node.start_mark
    return int(mark.line) + 1 if mark is not None else 0


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str"


class _Checker:
    """Walks composed YAML nodes (JSON is read the same way), collecting problems with their lines."""

    def __init__(self, source: str, schema: Schema) -> None:
        self.source = source
        self.schema = schema
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.source, _line(node), message))

    def mapping(self, node: yaml.Node, what: str, known: tuple[str, ...] | None = None) -> list[tuple[str, yaml.Node]]:
        """The ``(key, value node)`` pairs of a mapping; a duplicate or (with ``known``) unknown key is a problem."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return []
        pairs: list[tuple[str, yaml.Node]] = []
        seen: dict[str, int] = {}
        for key_node, value in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            if key in seen:
                self.problem(key_node, f"{key!r} appears twice in {what} (first on line {seen[key]})")
                continue
            seen[key] = _line(key_node)
            if known is not None and key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" ({_one_of(known)})"
                self.problem(key_node, f"unknown key {key!r} in {what}{hint}")
                continue
            pairs.append((key, value))
        return pairs

    def text(self, node: yaml.Node, what: str) -> str | None:
        if not _is_text(node):
            self.problem(node, f"{what} must be text")
            return None
        return str(node.value)

    def project(self, node: yaml.Node) -> dict[str, str]:
        out = {}
        for lang, value in self.mapping(node, "project", GUIDE_LANGUAGES):
            text = self.text(value, f"project.{lang}")
            if text is not None:
                out[lang] = text
        return out

    def labels(self, node: yaml.Node) -> dict[tuple[str, str], dict[str, LabelGuide]]:
        out: dict[tuple[str, str], dict[str, LabelGuide]] = {}
        layers = tuple(layer.id for layer in self.schema.layers)
        for layer_id, layer_node in self.mapping(node, "labels", layers):
            layer = self.schema.layer(layer_id)
            assert layer is not None
            keys = tuple(label.id for label in layer.labels)
            for label_id, label_node in self.mapping(layer_node, f"layer {layer_id}", keys):
                guides: dict[str, LabelGuide] = {}
                for lang, guide_node in self.mapping(label_node, f"{layer_id}/{label_id}", GUIDE_LANGUAGES):
                    guide = self.guide(guide_node, f"{layer_id}/{label_id}.{lang}")
                    if guide is not None:
                        guides[lang] = guide
                if guides:
                    out[(layer_id, label_id)] = guides
        return out

    def guide(self, node: yaml.Node, what: str) -> LabelGuide | None:
        if isinstance(node, yaml.ScalarNode):
            text = self.text(node, what)
            return LabelGuide(text) if text is not None else None
        definition, examples = "", []
        for key, value in self.mapping(node, what, GUIDE_KEYS):
            if key == "definition":
                definition = self.text(value, f"{what}.definition") or ""
            elif not isinstance(value, yaml.SequenceNode):
                self.problem(value, f"{what}.examples must be a list of texts")
            else:
                for item in value.value:
                    example = self.text(item, f"an example of {what}")
                    if example is not None:
                        examples.append(example)
        return LabelGuide(definition, tuple(examples))


def _content(node: yaml.Node, source: str, schema: Schema, *, labels_only: bool) -> GuidelineContent:
    check = _Checker(source, schema)
    project: dict[str, str] = {}
    labels: dict[tuple[str, str], dict[str, LabelGuide]] = {}
    if labels_only and not (isinstance(node, yaml.MappingNode) and [k.value for k, _ in node.value] == ["labels"]):
        labels = check.labels(node)
    else:
        for key, value in check.mapping(node, "the file", ("labels",) if labels_only else TOP_KEYS):
            if key == "project":
                project = check.project(value)
            else:
                labels = check.labels(value)
    if check.problems:
        raise InputRejected(check.problems)
    return GuidelineContent(project, labels)


def _read_folder(folder: Path, schema: Schema) -> GuidelineContent:
    problems: list[Problem] = []
    project: dict[str, str] = {}
    first: dict[str, Path] = {}
    labels: dict[tuple[str, str], dict[str, LabelGuide]] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # hidden files (.DS_Store, an editor's swap file) are no one's guidelines
        try:
            if path.name.lower() in LABEL_FILES:
                labels = _content(_parse(path, _read_text(path)), str(path), schema, labels_only=True).labels
                continue
            lang = _language_of(path) if path.suffix.lower() in (".md", ".markdown") else None
            if lang is None:
                problems.append(
                    Problem(str(path), 0, "not a guidelines file: a folder holds NAME.LANG.md files and labels.yaml")
                )
            elif lang in first:
                problems.append(Problem(str(path), 0, f"a second {lang} text (the first is {first[lang].name})"))
            else:
                first[lang] = path
                text = _read_text(path)
                if not text.strip():
                    problems.append(Problem(str(path), 1, "the file is empty"))
                project[lang] = text
        except InputRejected as exc:
            problems.extend(exc.problems)
    if not problems and not project and not labels:
        problems.append(Problem(str(folder), 0, "no guidelines here: no NAME.LANG.md file and no labels.yaml"))
    if problems:
        raise InputRejected(problems)
    return GuidelineContent(project, labels)


def _label_mapping(content: GuidelineContent) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (layer, label), by_lang in sorted(content.labels.items()):
        out.setdefault(layer, {})[label] = {
            lang: {"definition": g.definition, "examples": list(g.examples)} for lang, g in sorted(by_lang.items())
        }
    return out


class _Dumper(yaml.SafeDumper):
    """Block style for texts of several lines: a Markdown definition reads as written."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.endswith((" ", "\t")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def write_guidelines(content: GuidelineContent, out: Path) -> list[Path]:
    """Write ``content`` to ``out``: one JSON or YAML file (by its suffix), else a folder of
    ``project.LANG.md`` and ``labels.yaml`` that :func:`read_guidelines` reads back the same."""
    whole = {"project": dict(sorted(content.project.items())), "labels": _label_mapping(content)}
    suffix = out.suffix.lower()
    if suffix == ".json":
        out.write_text(json.dumps(whole, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
        return [out]
    if suffix in (".yaml", ".yml"):
        out.write_text(_yaml(whole), encoding="utf-8", newline="\n")
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    for stale in (*out.glob("project.*.md"), *(out / name for name in LABEL_FILES)):
        stale.unlink(missing_ok=True)  # an earlier export's file of a language no longer there
    written = []
    for lang, text in sorted(content.project.items()):
        path = out / f"project.{lang}.md"
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    if content.labels:
        path = out / "labels.yaml"
        path.write_text(_yaml({"labels": whole["labels"]}), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _yaml(value: dict[str, Any]) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
