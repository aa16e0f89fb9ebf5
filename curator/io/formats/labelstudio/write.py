"""The ``labelstudio`` export format: ``tasks.json`` (Label Studio JSON tasks, one per document, one
annotation per annotator) and ``labeling_config.xml`` (see :mod:`curator.io.formats.labelstudio.config`).

Offsets are code points, as current Label Studio stores them; ``value.text`` repeats each region's
text so a reader can check them. Each annotation's ``completed_by`` is a user id, as Label
Studio's own JSON export writes it (Label Studio and its SDK show the annotator by it): Curator's
annotators numbered from 1 in name order, the same in every export of one database; their names are
in the task's ``meta.curator_annotators``, in the order of its annotations. ``ground_truth`` marks
the gold (curated) layer. A span linked to a registry entity carries the entity's id in its region's
``meta`` (``"meta": {"entity": "khiari"}``, beside the ``text`` Label Studio keeps there), and the
rows of the entities linked are written as ``entities.jsonl`` in the folder (the registry file
``curator import`` reads with the folder).
"""

from __future__ import annotations

import json
from typing import Any

from curator.io.exporting import ExportRun
from curator.io.formats.labelstudio.config import NOTE, TEXT, ControlNames, control_names, labeling_config
from curator.io.selection import AnnotatorView
from curator.store.entities import Registry
from curator.store.models import GOLD_ANNOTATOR

TASKS_FILE = "tasks.json"
CONFIG_FILE = "labeling_config.xml"
META_ANNOTATORS = "curator_annotators"
META_ENTITY = "entity"  # the key of a region's meta that names its registry entity


def region_id(span_id: int) -> str:
    return f"s{span_id}"


def view_result(view: AnnotatorView, names: ControlNames, links: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """The ``result`` list of one annotator's annotation; ``links`` gives the entity key of linked spans."""
    text = view.document.text
    result: list[dict[str, Any]] = []
    for s in view.spans:
        where = {"start": s.start, "end": s.end, "text": text[s.start : s.end]}
        rid = region_id(s.id)
        region: dict[str, Any] = {
            "id": rid,
            "from_name": s.layer,
            "to_name": TEXT,
            "type": "labels",
            "value": {**where, "labels": [s.label]},
        }
        if links and s.id in links:
            region["meta"] = {META_ENTITY: links[s.id]}
        result.append(region)
        for key, value in s.attributes.items():
            if value is None:
                continue
            name = names.attribute_name(s.layer, s.label, key)
            if name is None:  # an attribute the schema no longer has
                continue
            choices = [str(v) for v in value] if isinstance(value, list) else [str(value)]
            result.append(
                {
                    "id": rid,
                    "from_name": name,
                    "to_name": TEXT,
                    "type": "choices",
                    "value": {**where, "choices": choices},
                }
            )
        if s.note:
            result.append(
                {
                    "id": rid,
                    "from_name": NOTE,
                    "to_name": TEXT,
                    "type": "textarea",
                    "value": {**where, "text": [s.note]},
                }
            )
    for r in view.relations:
        result.append(
            {
                "type": "relation",
                "from_id": region_id(r.source_id),
                "to_id": region_id(r.target_id),
                "direction": "right",
                "labels": [r.type],
            }
        )
    by_layer: dict[str, list[str]] = {}
    for layer, label in view.doc_labels:
        by_layer.setdefault(layer, []).append(label)
    for layer, labels in by_layer.items():
        result.append(
            {
                "id": f"doc-{layer}",
                "from_name": names.doc_name(layer),
                "to_name": TEXT,
                "type": "choices",
                "value": {"choices": labels},
            }
        )
    return result


def write_labelstudio(run: ExportRun) -> int:
    """Write ``tasks.json``, ``labeling_config.xml`` and README.md under ``out``; return the number of
    documents."""
    db = run.db
    layers = run.selection.layers
    names = control_names(db.schema)
    user_ids = {name: n for n, name in enumerate(sorted(db.annotator_names()), start=1)}
    tasks: list[dict[str, Any]] = []
    registry = Registry(db, "export")
    linked: set[str] = set()
    for bundle, views in run.views():
        d = bundle.document
        annotated = [v for v in views if v.annotator is not None]
        links = registry.links_of(d.id) if run.figures.linked else {}
        linked.update(links[s.id] for v in annotated for s in v.spans if s.id in links)
        task: dict[str, Any] = {
            "id": d.id,
            "data": {TEXT: d.text, "doc_id": d.ext_id, "title": d.title, "language": d.language},
            "annotations": [
                {
                    "result": view_result(v, names, links),
                    "completed_by": user_ids[v.annotator] if v.annotator in user_ids else len(user_ids) + 1,
                    "ground_truth": v.annotator == GOLD_ANNOTATOR,
                    "was_cancelled": False,
                }
                for v in annotated
            ],
        }
        if annotated:
            task["meta"] = {META_ANNOTATORS: [v.annotator for v in annotated]}
        tasks.append(task)
        for view in views:
            run.figures.add_view(view)
    run.finish_views()
    used = {name for t in tasks for name in t.get("meta", {}).get(META_ANNOTATORS, [])}
    folder = run.target
    with (folder / TASKS_FILE).open("w", encoding="utf-8", newline="\n") as handle:
        # One task per line: a problem found on import names a useful line.
        handle.write("[\n")
        handle.write(",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks))
        handle.write("\n]\n")
    (folder / CONFIG_FILE).write_text(labeling_config(db.schema, layers), encoding="utf-8", newline="\n")
    registry_file = run.write_registry(linked)
    run.write_card(
        description="Label Studio JSON tasks (import them into a project whose labeling interface is "
        f"`{CONFIG_FILE}`); offsets are code points; each annotation's `completed_by` is a user id "
        f"({', '.join(f'{user_ids[name]} {name}' for name in sorted(used)) or 'none'}), the annotators' "
        f"names are in `meta.{META_ANNOTATORS}`"
        + (f"; a linked region's entity id is in its `meta.{META_ENTITY}`" if registry_file else ""),
        files=[TASKS_FILE, CONFIG_FILE, *([registry_file] if registry_file else [])],
    )
    return len(tasks)
