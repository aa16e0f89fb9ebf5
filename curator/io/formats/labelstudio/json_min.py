"""Label Studio's JSON_MIN export read as ordinary tasks.

JSON_MIN writes one flat record per annotation: the task's data keys, ``id``, one key per control
(``from_name``) holding its regions' ``value`` objects with the control's ``type`` added, and
``annotator`` (``completed_by``: a user id or an e-mail), ``annotation_id``, ``created_at``,
``updated_at``, ``lead_time``. A control with one choice or one text is written as that plain string;
relations are not written at all. :func:`task_of_min` rebuilds the task Label Studio's JSON export
would hold, so the one reader of :mod:`curator.io.formats.labelstudio.read` reads both.
"""

from __future__ import annotations

from typing import Any

from curator.io.formats.labelstudio.config import NOTE, ControlNames

# Keys JSON_MIN adds beside the data keys.
MIN_KEYS = frozenset({"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement"})
_REGION_TYPES = {"labels": "labels", "choices": "choices", "textarea": "textarea"}


class MinProblem(ValueError):
    """A JSON_MIN record holds something that cannot be read back."""


def is_json_min(task: dict[str, Any]) -> bool:
    """Whether ``task`` is a JSON_MIN record (no ``data``, an ``annotator`` or ``annotation_id``)."""
    return "data" not in task and ("annotator" in task or "annotation_id" in task)


def _is_region(item: Any) -> bool:
    return isinstance(item, dict) and str(item.get("type", "")).lower() in _REGION_TYPES


def task_of_min(record: dict[str, Any], text_key: str, names: ControlNames) -> dict[str, Any]:
    """The task (``data``, one annotation) of one JSON_MIN record; raise :class:`MinProblem`."""
    data: dict[str, Any] = {}
    results: list[dict[str, Any]] = []
    per_region = set(names.attributes) | {NOTE}
    for key, value in record.items():
        if key in MIN_KEYS:
            continue
        items = value if isinstance(value, list) else [value]
        if key == text_key or not (items and all(_is_region(item) for item in items)):
            if key in per_region or key in names.doc_layers:
                if isinstance(value, str) and key in names.doc_layers:
                    results.append({"from_name": key, "type": "choices", "value": {"choices": [value]}})
                    continue
                raise MinProblem(
                    f"JSON_MIN wrote {key!r} without its region ({value!r}); export the project as JSON instead"
                )
            data[key] = value
            continue
        for item in items:
            value_of = {k: v for k, v in item.items() if k != "type"}
            kind = _REGION_TYPES[str(item["type"]).lower()]
            result: dict[str, Any] = {"from_name": key, "type": kind, "value": value_of}
            if "start" in value_of and "end" in value_of:
                # JSON_MIN drops region ids: a region is known by its offsets
                result["id"] = f"{value_of['start']}-{value_of['end']}"
            results.append(result)
    annotation: dict[str, Any] = {"result": results}
    if "annotator" in record:
        annotation["completed_by"] = record["annotator"]
    task: dict[str, Any] = {"data": data, "annotations": [annotation]}
    if "id" in record:
        task["id"] = record["id"]
    return task
