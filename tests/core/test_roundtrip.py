"""Export then import into a new database gives back the same documents, annotations, relations, labels."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curator.io.formats.jsonl.lines import export_jsonl
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.text.boundaries import is_boundary


def _snapshot(db: Database) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for b in queries.iter_bundles(db):
        by_id = {s.id: (s.annotator, s.layer, s.label, s.start, s.end) for s in b.spans}
        out.append(
            (
                b.document.ext_id,
                b.document.text,
                b.document.language,
                b.document.title,
                sorted(
                    (s.annotator, s.layer, s.label, s.start, s.end, json.dumps(s.attributes, sort_keys=True), s.note)
                    for s in b.spans
                ),
                sorted((r.annotator, r.type, by_id[r.source_id], by_id[r.target_id]) for r in b.relations),
                sorted(b.doc_labels),
            )
        )
    return out


def test_annotated_seeds_round_trip_exactly(db: Database, seeds: Path, samples: Path, tmp_path: Path) -> None:
    import_paths(db, [seeds, samples / "preannotated.jsonl"])
    editor = Editor(db, "amina")
    (doc,) = [b.document for b in queries.iter_bundles(db) if b.document.ext_id == "000_f694274a42498c38"]
    text = doc.text
    org = editor.add_span(doc.id, "entity", "ORG", text.index("الأمم المتحدة"), text.index("الأمم المتحدة") + 13)
    claim_start = text.index("تقوم الأمم المتحدة")
    claim = editor.add_span(
        doc.id,
        "claim",
        "CLAIM",
        claim_start,
        claim_start + 40,
        {"stance": "support", "type": "report_of_fact", "area": "PEACE_SECURITY"},
        note="à revoir",
    )
    editor.add_relation("claimant", claim.id, org.id)
    editor.set_document_label(doc.id, "area", "PEACE_SECURITY", True)
    editor.set_document_label(doc.id, "area", "HUMANITARIAN", True)
    out = tmp_path / "corpus.jsonl"
    assert export_jsonl(db, out) == 7
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    import_paths(fresh, [out])
    assert _snapshot(fresh) == _snapshot(db)
    # and the second generation is byte-identical apart from database ids
    again = tmp_path / "again.jsonl"
    export_jsonl(fresh, again)
    assert _without_ids(again) == _without_ids(out)
    fresh.dispose()


def _without_ids(path: Path) -> list[str]:
    """The export's lines with annotation ids renumbered in order of appearance (relations follow)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        renumber = {a["id"]: str(i) for i, a in enumerate(record["annotations"]) if "id" in a}
        for a in record["annotations"]:
            if "id" in a:
                a["id"] = renumber[a["id"]]
        for r in record["relations"]:
            r["source"], r["target"] = renumber[r["source"]], renumber[r["target"]]
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return lines


def test_export_of_one_annotator_keeps_only_their_work(db: Database, samples: Path, tmp_path: Path) -> None:
    import_paths(db, [samples / "preannotated.jsonl"])
    Editor(db, "amina").add_span(1, "entity", "LOC", 67, 70)
    out = tmp_path / "amina.jsonl"
    export_jsonl(db, out, annotators=["amina"])
    annotators = {a["annotator"] for line in out.read_text().splitlines() for a in json.loads(line)["annotations"]}
    assert annotators == {"amina"}


# Texts with characters outside the BMP, combining marks, bidi controls, Arabic and CR/LF.
ALPHABET = st.sampled_from(
    list("abc éàç")
    + list("قالخيرمنظة")
    + ["\u064e", "\u0651", "\u0650", "\u0301"]
    + ["😀", "🇺", "🇳", "𝐀", "\U0001f91d"]
    + ["\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u061c"]
    + ["\n", "\r", " ", "«", "»", "\u00a0"]  # "\r" then "\n" makes CRLF
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=80).filter(lambda t: t.strip()))
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        # (a span of a lone CR before LF would be empty once CRLF becomes LF: the import refuses it)
        if is_boundary(text, start) and is_boundary(text, end) and text[start:end].strip("\r"):
            spans.append((start, end))
    return text, sorted(set(spans))


def _after_newlines(text: str, offset: int) -> int:
    """Where ``offset`` lands once CRLF becomes LF (the CR of each CRLF before it is gone)."""
    return offset - sum(1 for i in range(offset) if text[i] == "\r" and text[i + 1 : i + 2] == "\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(documents(), min_size=1, max_size=4, unique_by=lambda d: d[0]))
@example(docs=[("a\r\n", [(0, 1), (0, 2)])])  # two spans that CRLF -> LF makes one
def test_random_texts_round_trip_with_identical_offsets(
    tmp_path_factory: object, docs: list[tuple[str, list[tuple[int, int]]]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "in.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for i, (text, spans) in enumerate(docs):
                anns = [{"annotator": "h", "layer": "claim", "label": "CUE", "start": s, "end": e} for s, e in spans]
                handle.write(json.dumps({"id": f"d{i}", "text": text, "annotations": anns}) + "\n")
        first = Database(f"sqlite:///{root / 'a.sqlite'}")
        report = import_paths(first, [source])
        out = root / "out.jsonl"
        export_jsonl(first, out)
        second = Database(f"sqlite:///{root / 'b.sqlite'}")
        import_paths(second, [out])
        assert _snapshot(second) == _snapshot(first)
        # Where each document's spans land once CRLF is LF (two that differ by a CR before LF are one).
        landed = [sorted({(_after_newlines(t, s), _after_newlines(t, e)) for s, e in spans}) for t, spans in docs]
        for (text, _spans), moved, bundle in zip(docs, landed, queries.iter_bundles(second), strict=True):
            # The first import turns CRLF and CR into LF (moving offsets with the text); from there on
            # every trip is exact, which the snapshot above checks.
            assert bundle.document.text == text.replace("\r\n", "\n").replace("\r", "\n")
            assert [(s.start, s.end) for s in bundle.spans] == moved
        # The second of two spans that land on one place is counted aloud as already there, not dropped silently.
        collapsed = sum(len(spans) - len(moved) for (_t, spans), moved in zip(docs, landed, strict=True))
        assert report.batch.spans_existing == collapsed
        first.dispose()
        second.dispose()
