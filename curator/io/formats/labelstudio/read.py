"""Read Label Studio JSON tasks (a JSON array as Label Studio exports it, JSON_MIN records, or one
task object) as pre-annotations.

Each task's text is a document: the data key the labeling config's ``<Text value="$key"/>`` names
(the config is ``labeling_config.xml`` beside the file, as Curator exports it, or
``<file name>.xml``), else ``data.text``, else the task's only text value. Each annotation
(cancelled ones skipped) and each prediction is one annotator's work. The annotator is, in order:
Curator's ``meta.curator_annotators``, a name or e-mail in ``completed_by``, the prediction's
``model_version``, ``--annotator``, else ``labelstudio-user-<id>``. ``labels`` regions become
spans (``from_name`` a schema layer, or the label looked up), per-region ``choices`` attributes,
per-region ``textarea`` notes, task-level ``choices`` document labels, ``relation`` items
relations. A region's ``meta.entity`` (as Curator's export writes it) links its span to that registry
entity; one the registry lacks is made from the region's label and text (refused with the task's line
when the label is no entity type), unless the registry file ``entities.jsonl`` of the batch holds it.
Offsets are code points; a region whose ``value.text`` matches only when its offsets are
read as UTF-16 units (older Label Studio, emoji before it) is converted, one whose text matches
neither way is refused with the task's line and number.
Result types the schema has no place for (ratings, taxonomies...) are refused, or left out and
counted on request (:class:`curator.io.validation.LeftOut`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.io.formats.labelstudio.config import NOTE, TEXT, control_names, text_keys
from curator.io.formats.labelstudio.json_min import MinProblem, is_json_min, task_of_min
from curator.io.formats.labelstudio.write import META_ANNOTATORS, META_ENTITY
from curator.io.json_tasks import BadJson, array_items, single_object
from curator.io.label_names import resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.validation import LeftOut, Located, line_items
from curator.records import DocLabelIn, DocumentIn, EntityIn, RelationIn, SpanIn
from curator.schema.model import Schema
from curator.text.utf16 import Utf16Offsets

MAX_BYTES = 256 * 1024 * 1024
CONFIG_FILE = "labeling_config.xml"
# Data keys Curator's export writes beside the text, never the text itself.
_DATA_META = frozenset({"doc_id", "title", "language"})


class _Bad(Exception):
    pass


def _annotator_of(task: dict[str, Any], index: int, item: dict[str, Any], default: str | None) -> str:
    meta = task.get("meta")
    if isinstance(meta, dict):
        names = meta.get(META_ANNOTATORS)
        if isinstance(names, list) and index < len(names) and isinstance(names[index], str) and names[index].strip():
            return str(names[index]).strip()
    who = item.get("completed_by")
    if isinstance(who, dict):
        who = who.get("username") or who.get("email")
    if isinstance(who, str) and who.strip():
        return who.strip()
    if default:
        return default
    if isinstance(who, int) and not isinstance(who, bool):
        return f"labelstudio-user-{who}"
    raise _Bad("the annotation names no annotator; give one with --annotator")


def _offsets(st: SourceText, value: dict[str, Any], where: str) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise _Bad(f"{where}: start and end must be integers")
    shown = value.get("text")
    problem = st.check_range(start, end)
    if problem is None and (not isinstance(shown, str) or st.raw[start:end] == shown):
        return st.offset(start), st.offset(end)
    if isinstance(shown, str):
        units = Utf16Offsets(st.raw)
        if 0 <= start <= end <= units.utf16_length:
            cs, ce = units.to_codepoint(start), units.to_codepoint(end)
            if not units.is_inside_pair(start) and not units.is_inside_pair(end) and st.raw[cs:ce] == shown:
                return st.offset(cs), st.offset(ce)
        raise _Bad(f"{where}: text {shown!r} does not match offsets {start}-{end} ({st.raw[start:end]!r})")
    raise _Bad(f"{where}: {problem}")


def _value(item: dict[str, Any]) -> dict[str, Any]:
    value = item.get("value")
    return value if isinstance(value, dict) else {}


def config_text_key(path: Path) -> tuple[str | None, str | None]:
    """The data key of the text, from the labeling config beside ``path`` (None: no config), and the
    config's problem, if any."""
    for config in (path.parent / CONFIG_FILE, path.with_suffix(".xml")):
        if not config.is_file():
            continue
        try:
            keys = text_keys(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return None, f"{config}: {exc}"
        values = sorted(set(keys.values()))
        if len(values) > 1:
            return None, f"{config}: several <Text> objects ({', '.join(values)}); Curator reads one text per task"
        if not values:
            return None, f"{config}: no <Text> object names the task's text"
        return values[0], None
    return None, None


def _text_of(data: dict[str, Any], key: str | None) -> str:
    if key is None:
        texts = [k for k, v in data.items() if isinstance(v, str) and k not in _DATA_META]
        key = TEXT if TEXT in data else texts[0] if len(texts) == 1 else None
        if key is None:
            raise _Bad(
                f"the task has no data.{TEXT} and its data keys ({', '.join(sorted(data)) or 'none'}) do not say "
                f"which holds the text: put the project's labeling config beside the file as {CONFIG_FILE}"
            )
    text = data.get(key)
    if not isinstance(text, str) or not text.strip():
        raise _Bad(f"the task has no text in data.{key}")
    return text


def _task_document(
    task: Any,
    line: int,
    path: Path,
    schema: Schema,
    default_annotator: str | None,
    text_key: str | None,
    left_out: list[tuple[str, str]],
) -> tuple[DocumentIn, list[str]]:
    if not isinstance(task, dict):
        raise _Bad("a task must be a JSON object")
    names = control_names(schema)
    if is_json_min(task):
        try:
            task = task_of_min(task, text_key or TEXT, names)
        except MinProblem as exc:
            raise _Bad(str(exc)) from exc
    data = task.get("data")
    if not isinstance(data, dict):
        raise _Bad("the task has no data object")
    st = SourceText.of(_text_of(data, text_key))
    doc_id = data.get("doc_id")
    task_id = task.get("id")
    doc = new_document(
        path.name,
        line,
        st,
        ext_id=str(doc_id)
        if isinstance(doc_id, str | int)
        else f"{path.stem}-{task_id if task_id is not None else line}",
        ext_id_fixed=isinstance(doc_id, str | int),
        title=str(data.get("title") or ""),
        language=str(data.get("language") or "") or None,
    )
    span_names: list[str] = []
    works = [("annotation", a) for a in task.get("annotations") or []]
    works += [("prediction", p) for p in task.get("predictions") or []]
    for index, (kind, work) in enumerate(works):
        if not isinstance(work, dict):
            raise _Bad(f"{kind} {index + 1} must be an object")
        if work.get("was_cancelled"):
            continue
        if kind == "prediction":
            model = work.get("model_version")
            annotator = str(model) if isinstance(model, str) and model.strip() else default_annotator or "prediction"
        else:
            annotator = _annotator_of(task, index, work, default_annotator)
        prefix = f"{path}#{line}:{index}:"  # region ids are per annotation; documents of one text merge
        regions: dict[str, list[SpanIn]] = {}
        results = work.get("result") or []
        if not isinstance(results, list):
            raise _Bad(f"{kind} {index + 1}: result must be a list")
        later: list[tuple[str, dict[str, Any]]] = []
        for n, item in enumerate(results, start=1):
            where = f"{kind} {index + 1}, result {n}"
            if not isinstance(item, dict):
                raise _Bad(f"{where} must be an object")
            kind_of = item.get("type")
            value = _value(item)
            if kind_of == "labels":
                start, end = _offsets(st, value, where)
                labels = value.get("labels")
                if not isinstance(labels, list) or not labels:
                    raise _Bad(f"{where}: no labels")
                from_name = item.get("from_name")
                layer = from_name if from_name in names.span_layers else None
                entity = _entity_of(item, where)
                for label in labels:
                    found = resolve_label(schema, str(label), "span", layer)
                    if isinstance(found, str):
                        raise _Bad(f"{where}: {found}")
                    rid = str(item.get("id", f"r{n}"))
                    span = SpanIn(found[0], found[1], start, end, annotator, ref=prefix + rid, entity=entity)
                    if entity is not None:
                        doc.entities.append(EntityIn(entity, found[1], doc.text[start:end], doc.language, line))
                    if kind == "prediction":
                        span.score = _score(item.get("score", work.get("score")), where)
                    if rid in regions:
                        span.ref = f"{prefix}{rid}/{found[1]}"
                    regions.setdefault(rid, []).append(span)
                    doc.spans.append(span)
                    span_names.append(f"{where} (region {rid}, {found[1]} {start}-{end})")
            elif kind_of in ("choices", "textarea", "relation"):
                later.append((where, item))
            else:  # ratings, taxonomies, pairwise choices...: the schema has no place for them
                left_out.append((f"{where}: a {kind_of!r} result has no place in the schema", f"{kind_of} results"))
        for where, item in later:
            value = _value(item)
            kind_of = item.get("type")
            if kind_of == "relation":
                src, tgt = regions.get(str(item.get("from_id"))), regions.get(str(item.get("to_id")))
                if not src or not tgt:
                    raise _Bad(f"{where}: the relation joins regions that are not labelled spans here")
                if item.get("direction") == "left":
                    src, tgt = tgt, src
                for rel_type in item.get("labels") or []:
                    doc.relations.append(RelationIn(str(rel_type), src[0].ref or "", tgt[0].ref or "", annotator))
                continue
            from_name = item.get("from_name")
            targets = regions.get(str(item.get("id")), []) if "start" in value else []
            if kind_of == "textarea":
                if targets and from_name == NOTE:
                    texts = value.get("text")
                    note = "\n".join(str(t) for t in texts) if isinstance(texts, list) else str(texts or "")
                    for span in targets:
                        span.note = note
                continue
            choices = value.get("choices")
            if not isinstance(choices, list):
                raise _Bad(f"{where}: choices must be a list")
            if not choices:
                continue
            if "start" in value:
                key = names.attributes.get(str(from_name))
                if key is None or not targets:
                    raise _Bad(f"{where}: {from_name!r} is not an attribute of a labelled region here")
                label = schema.label(key[0], key[1])
                is_list = label is not None and any(a.id == key[2] and a.type == "label" for a in label.attributes)
                for span in targets:
                    span.attributes[key[2]] = choices if is_list and len(choices) != 1 else choices[0]
            else:
                layer = names.doc_layers.get(str(from_name))
                for choice in choices:
                    found = resolve_label(schema, str(choice), "document", layer)
                    if isinstance(found, str):
                        raise _Bad(f"{where}: {found}")
                    doc.doc_labels.append(DocLabelIn(found[0], found[1], annotator))
    return doc, span_names


def read_labelstudio(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """Every task of a Label Studio JSON export and every problem found."""
    where = str(path)
    if path.stat().st_size > MAX_BYTES:
        return [], [Problem(where, 0, f"larger than {MAX_BYTES // (1024 * 1024)} MB")]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [Problem(where, 0, f"invalid UTF-8 at byte {exc.start}")]
    located: list[Located] = []
    text_key, config_problem = config_text_key(path)
    if config_problem:
        return [], [Problem(where, 0, config_problem)]
    problems: list[Problem] = []
    try:
        one = text.lstrip("\ufeff \t\r\n").startswith("{")
        for index, (line, task) in enumerate(single_object(text) if one else array_items(text), start=1):
            left_out: list[tuple[str, str]] = []
            try:
                doc, span_names = _task_document(task, line, path, schema, default_annotator, text_key, left_out)
            except _Bad as exc:
                problems.append(Problem(where, line, f"task {index}: {exc}"))
                continue
            located.append(
                Located(
                    doc,
                    where,
                    span_at=line_items([line] * len(span_names), "annotation", span_names),
                    relation_at=line_items([line] * len(doc.relations), "relation"),
                    label_at=line_items([line] * len(doc.doc_labels), "document label"),
                    left_out=[LeftOut.of(where, line, f"task {index}: {what}", kind) for what, kind in left_out],
                )
            )
    except BadJson as exc:
        problems.append(Problem(where, exc.line, str(exc)))
    if not located and not problems:
        problems.append(Problem(where, 0, "no tasks in the file"))
    return located, problems


def _entity_of(item: dict[str, Any], where: str) -> str | None:
    """The registry entity a region's ``meta`` names, if any."""
    meta = item.get("meta")
    if meta is None or (isinstance(meta, dict) and META_ENTITY not in meta):
        return None
    if not isinstance(meta, dict):
        raise _Bad(f"{where}: the region's meta must be an object")
    key = meta[META_ENTITY]
    if not isinstance(key, str) or not key.strip():
        raise _Bad(f"{where}: meta.{META_ENTITY} must be an entity id (text), not {key!r}")
    return key.strip()


def _score(value: Any, where: str) -> float | None:
    """A prediction's score (the region's, else the whole prediction's), which must lie in 0..1."""
    if value is None:
        return None
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise _Bad(f"{where}: score {value!r} is not a number from 0 to 1")
    return float(value)
