"""Export the store as interchange JSONL (the form :mod:`curator.io.jsonl` reads back)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator.io.jsonl import write_jsonl
from curator.store.database import Database
from curator.store.queries import DocumentBundle, iter_bundles


def bundle_to_json(bundle: DocumentBundle) -> dict[str, Any]:
    d = bundle.document
    record: dict[str, Any] = {"id": d.ext_id, "title": d.title, "language": d.language, "text": d.text}
    if d.meta:
        record["meta"] = d.meta
    record["annotations"] = [
        {
            "id": str(s.id),
            "annotator": s.annotator,
            "layer": s.layer,
            "label": s.label,
            "start": s.start,
            "end": s.end,
            **({"attributes": s.attributes} if s.attributes else {}),
            **({"note": s.note} if s.note else {}),
        }
        for s in bundle.spans
    ]
    kept = {s.id for s in bundle.spans}
    record["relations"] = [
        {"annotator": r.annotator, "type": r.type, "source": str(r.source_id), "target": str(r.target_id)}
        for r in bundle.relations
        if r.source_id in kept and r.target_id in kept
    ]
    record["doc_labels"] = [{"annotator": a, "layer": lay, "label": lab} for a, lay, lab in bundle.doc_labels]
    return record


def export_jsonl(
    db: Database,
    out: Path,
    *,
    annotators: list[str] | None = None,
    document_ids: list[int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the documents (with annotations by ``annotators``, all when None) to ``out``; return the count.

    The file is written beside ``out`` and renamed over it at the end, so a failed export leaves no
    half-written dataset behind.
    """
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:

        def records() -> Any:
            for bundle in iter_bundles(db, annotators, document_ids):
                if progress:
                    progress(1)
                yield bundle_to_json(bundle)

        count = write_jsonl(records(), handle)
    tmp.replace(out)
    return count
