"""Read Prodigy JSONL (``prodigy db-out``: one task per line) as pre-annotations.

``{"text", "spans": [{"start", "end", "label", "token_start"?, "token_end"?, "text"?}], "tokens"?,
"accept"?: [...], "label"?, "answer"?, "meta"?, "_input_hash"?, "_task_hash"?, "_annotator_id"?,
"_session_id"?}``. Spans become spans of the layer their label belongs to (``LABEL`` or
``layer-LABEL``, looked up in the schema as for doccano); the labels a choice task accepted
(``accept``) and a classification task's ``label`` become document labels. Offsets are code points
(Prodigy counts them in Python). The annotator is ``_annotator_id``, else ``_session_id``, else
``--annotator``.

A task is one document; tasks of one input (the same ``_input_hash``, so the same text) by several
annotators are one document. The task's ``meta`` is the document's, and Prodigy's own fields
(hashes, answer, view, timestamps) are kept under ``meta.prodigy``. The tokens are not kept: they
follow from the text, and every export splits tokens where its spans need. A task answered
``reject`` or ``ignore`` holds no annotation (its spans are what the annotator turned down) and is
refused, as are relations (not read from Prodigy files): neither is left out without a word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.errors import Problem
from curator.io.json_tasks import json_lines
from curator.io.label_names import resolve_label
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located, line_items
from curator.records import DocLabelIn, DocumentIn, SpanIn
from curator.schema.model import Schema

# Read into the document's text, spans and labels (``label`` only as a classification task's
# document label); every other key goes to ``meta.prodigy``.
_READ = frozenset(("text", "spans", "tokens", "accept", "meta", "relations"))


class _Bad(Exception):
    pass


def _annotator(task: dict[str, Any], default: str | None) -> str | None:
    for key in ("_annotator_id", "_session_id"):
        value = task.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return default


def _offset(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{what} must be an integer, not {value!r}")
    return value


def task_document(task: Any, line: int, path: Path, schema: Schema, default: str | None) -> DocumentIn:
    """One Prodigy task as a document; raise ``_Bad``."""
    if not isinstance(task, dict):
        raise _Bad("a task must be a JSON object")
    text = task.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Bad("the task has no text")
    answer = task.get("answer", "accept")
    if answer != "accept":
        raise _Bad(f"the task was answered {answer!r}: its spans are no annotation; import the accepted tasks only")
    if task.get("relations"):
        raise _Bad("Prodigy relations are not read; import the file without them")
    meta = task.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise _Bad(f"'meta' must be an object, not {type(meta).__name__}")
    spans = task.get("spans") or []
    label = task.get("label") if isinstance(task.get("label"), str) and not spans else None
    own = {key: value for key, value in task.items() if key not in _READ and not (key == "label" and label)}
    st = SourceText.of(text)
    input_hash = task.get("_input_hash")
    named = isinstance(input_hash, int) and not isinstance(input_hash, bool)
    doc = new_document(
        path.name,
        line,
        st,
        ext_id=f"prodigy-{input_hash}" if named else f"{path.stem}-{line}",
        ext_id_fixed=named,
        meta={**(meta or {}), **({"prodigy": own} if own else {})},
    )
    annotator = _annotator(task, default)
    if not isinstance(spans, list):
        raise _Bad("'spans' must be a list")
    for n, span in enumerate(spans, start=1):
        where = f"span {n}"
        if not isinstance(span, dict):
            raise _Bad(f"{where} must be an object")
        start, end = _offset(span.get("start"), f"{where} start"), _offset(span.get("end"), f"{where} end")
        if problem := st.check_range(start, end):
            raise _Bad(f"{where}: {problem}")
        shown = span.get("text")
        if isinstance(shown, str) and st.raw[start:end] != shown:
            raise _Bad(f"{where}: text {shown!r} does not match offsets {start}-{end} ({st.raw[start:end]!r})")
        found = resolve_label(schema, str(span.get("label")), "span")
        if isinstance(found, str):
            raise _Bad(f"{where}: {found}")
        doc.spans.append(SpanIn(found[0], found[1], st.offset(start), st.offset(end), annotator or ""))
    accepted = task.get("accept") or []
    if not isinstance(accepted, list):
        raise _Bad("'accept' must be a list")
    for name in [*accepted, *([label] if label else [])]:
        found = resolve_label(schema, str(name), "document")
        if isinstance(found, str):
            raise _Bad(f"accepted label {name!r}: {found}")
        doc.doc_labels.append(DocLabelIn(found[0], found[1], annotator or ""))
    if (doc.spans or doc.doc_labels) and not annotator:
        raise _Bad("the task names no annotator (_annotator_id); give one with --annotator")
    return doc


def read_prodigy(path: Path, schema: Schema, default_annotator: str | None) -> tuple[list[Located], list[Problem]]:
    """Every task of a Prodigy JSONL file and every problem found."""
    where = str(path)
    located: list[Located] = []
    problems: list[Problem] = []
    for item in json_lines(path.read_bytes(), where):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        line, task = item
        try:
            doc = task_document(task, line, path, schema, default_annotator)
        except _Bad as exc:
            problems.append(Problem(where, line, str(exc)))
            continue
        located.append(
            Located(
                doc,
                where,
                span_at=line_items([line] * len(doc.spans), "span"),
                label_at=line_items([line] * len(doc.doc_labels), "document label"),
            )
        )
    if not located and not problems:
        problems.append(Problem(where, 0, "no tasks in the file"))
    return located, problems
