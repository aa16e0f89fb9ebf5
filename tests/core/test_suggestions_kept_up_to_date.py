"""A curator labels, unlabels, relabels and rejects in a long document: after each edit the open
document's suggestions are brought up to date piece by piece, and they are exactly what working
them out again from the store gives."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.suggest import decisions
from curator.suggest.engine import Suggester
from curator.suggest.open_places import OwnPlaces, Splice, merged, splice
from curator.suggest.predictions import import_predictions

NAMES = ["الأمم المتحدة", "منظمة التعاون الإسلامي", "خالد خياري", "جدة", "الأمين العام", "المنظمة"]
SENTENCES = [
    "قال {0} إن {1} تعمل مع {2}.",
    "وفي {3} التقى {4} بممثلي {1} و{0}.",
    "ورحب {2} بالتعاون بين {5} و{0} في {3}.",
]


def long_text(paragraphs: int = 40) -> str:
    rng = random.Random(7)
    out = []
    for i in range(paragraphs):
        sentence = SENTENCES[i % len(SENTENCES)]
        out.append(sentence.format(*rng.sample(NAMES, len(NAMES))))
    return "\n".join(out)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def occurrences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for name in NAMES for m in re.finditer(re.escape(name), text)]


@pytest.fixture
def long_document(db: Database, tmp_path: Path) -> tuple[Database, queries.DocumentRecord]:
    text = long_text()
    import_paths(db, [write_jsonl(tmp_path / "long.jsonl", [{"id": "long", "text": text, "language": "ar"}])])
    (doc_id,) = queries.document_ids_by_ext(db, ["long"])
    record = queries.document(db, doc_id)
    assert record is not None
    # Another annotator's spans teach nothing here; the annotator's own first spans do.
    amina = Editor(db, "amina")
    for start, end in occurrences(text)[::9]:
        amina.add_span(doc_id, "entity", "ORG", start, end)
    return db, record


def noted(suggester: Suggester, text: str, span: queries.SpanRecord, n: int) -> None:
    suggester.note_span(
        span.layer, span.label, text[span.start : span.end], n, text[max(0, span.start - 2) : span.start]
    )


def curate_at_random(db: Database, record: queries.DocumentRecord, rounds: int, seed: int) -> int:
    """Random edits, each followed by an update checked against suggestions made from scratch; the
    number of updates that were made piece by piece."""
    rng = random.Random(seed)
    editor = Editor(db, "amina")
    suggester = Suggester(db, "amina")
    text = record.text
    shown = suggester.for_document(record.id, text)
    piecewise = 0
    rejections: list[decisions.Rejection] = []
    for _ in range(rounds):
        spans = [s for s in queries.spans(db, record.id) if s.annotator == "amina"]
        move = rng.choice(["accept", "accept", "label", "word", "delete", "relabel", "reject", "unreject"])
        near: list[tuple[int, int]] = []
        if move == "accept" and shown:
            chosen = rng.choice(shown)
            span = decisions.accept(editor, chosen, "entity", rng.choice(["ORG", "ORG", "PER", "LOC"]))
            noted(suggester, text, span, 1)
            near = [(span.start, span.end)]
        elif move == "label":
            start, end = rng.choice(occurrences(text))
            if any(s.start < end and s.end > start for s in spans):
                continue
            span = editor.add_span(record.id, "entity", rng.choice(["ORG", "PER"]), start, end)
            noted(suggester, text, span, 1)
            near = [(start, end)]
        elif move == "word":  # the last word of a longer name: the suggestions of that name there give way
            start, end = rng.choice([(s, e) for s, e in occurrences(text) if " " in text[s:e]])
            start = text.rindex(" ", start, end) + 1
            if any(s.start < end and s.end > start for s in spans):
                continue
            span = editor.add_span(record.id, "entity", "LOC", start, end)
            noted(suggester, text, span, 1)
            near = [(start, end)]
        elif move == "delete" and spans:
            gone = rng.choice(spans)
            editor.delete_span(gone.id, gone.version)
            noted(suggester, text, gone, -1)
            near = [(gone.start, gone.end)]
        elif move == "relabel" and spans:
            before = rng.choice(spans)
            (after,) = editor.relabel_spans([(before.id, before.version)], "entity", rng.choice(["PER", "MISC"]))
            noted(suggester, text, before, -1)
            noted(suggester, text, after, 1)
            near = [(before.start, before.end)]
        elif move == "reject" and shown:
            chosen = rng.choice(shown)
            rejections.append(decisions.reject(db, "amina", chosen))
            near = [(chosen.start, chosen.end)]
        elif move == "unreject" and rejections:
            rejection = rejections.pop(rng.randrange(len(rejections)))
            decisions.unreject(db, rejection)
            near = [(rejection.suggestion.start, rejection.suggestion.end)]
        else:
            continue
        update = suggester.update(record.id, text, near)
        if update is None:
            shown = suggester.for_document(record.id, text)
        else:
            piecewise += 1
            assert update.splices, "an edit that changes what is offered comes with splices"
            assert update.starts == [s.start for s in update.suggestions]
            shown = update.suggestions
        assert shown == Suggester(db, "amina").for_document(record.id, text), move
    return piecewise


def test_edits_in_a_long_document_bring_its_suggestions_up_to_date_piece_by_piece(
    long_document: tuple[Database, queries.DocumentRecord],
) -> None:
    db, record = long_document
    piecewise = curate_at_random(db, record, rounds=60, seed=1)
    # Most edits change the scores of known names only: they are not worked out whole.
    assert piecewise >= 30


def test_a_models_predictions_stay_in_step_with_the_edits(
    long_document: tuple[Database, queries.DocumentRecord], tmp_path: Path
) -> None:
    db, record = long_document
    rng = random.Random(3)
    chosen = sorted(rng.sample(occurrences(record.text), 25))
    annotations = [
        {"annotator": "camel-ner", "layer": "entity", "label": rng.choice(["ORG", "LOC"]), "start": s, "end": e}
        | {"score": round(rng.random(), 2)}
        for s, e in chosen
    ]
    model = write_jsonl(tmp_path / "model.jsonl", [{"id": "long", "text": record.text, "annotations": annotations}])
    import_predictions(db, [model])
    assert curate_at_random(db, record, rounds=50, seed=2) >= 20


def test_an_update_without_a_kept_open_list_asks_for_a_whole_one(
    long_document: tuple[Database, queries.DocumentRecord],
) -> None:
    db, record = long_document
    suggester = Suggester(db, "amina")
    assert suggester.update(record.id, record.text, [(0, 3)]) is None
    suggester.for_document(record.id, record.text, layers=["entity"])  # one layer's list is not kept
    assert suggester.update(record.id, record.text, [(0, 3)]) is None
    whole = suggester.for_document(record.id, record.text)
    same = suggester.update(record.id, record.text)
    assert same is not None and same.splices == [] and same.suggestions == whole
    # A name never seen before changes which names occur: worked out whole.
    start = record.text.index("بممثلي")
    span = Editor(db, "amina").add_span(record.id, "entity", "ORG", start, start + len("بممثلي"))
    noted(suggester, record.text, span, 1)
    assert suggester.update(record.id, record.text, [(span.start, span.end)]) is None


def test_own_places_answer_whether_a_stretch_meets_a_span_after_replacements() -> None:
    own = OwnPlaces([(10, 20, "entity", "ORG"), (30, 32, "entity", "PER"), (5, 50, "claim", "C")])
    assert own.meets("entity", 19, 25) and not own.meets("entity", 20, 30) and own.meets("entity", 31, 40)
    assert own.meets("claim", 0, 6) and not own.meets("area", 0, 100)
    own.replace(15, 31, [(12, 14, "entity", "LOC")])  # what overlaps 15..31 now: nothing but a new one
    assert not own.meets("entity", 15, 30) and own.meets("entity", 13, 14)
    assert not own.meets("claim", 0, 100)  # the long claim overlapped 15..31 and is gone


def test_splices_copy_the_slices_between_them() -> None:
    items = list(range(10))
    assert splice(items, [Splice(1, 3, ["a"]), Splice(5, 5, ["b", "c"]), Splice(8, 10, [])]) == [
        0, "a", 3, 4, "b", "c", 5, 6, 7,
    ]  # fmt: skip
    assert merged([(5, 8), (1, 2), (2, 4), (7, 9)]) == [(1, 4), (5, 9)]


def test_one_more_span_of_a_name_with_its_usual_label_changes_only_that_place(
    long_document: tuple[Database, queries.DocumentRecord],
) -> None:
    db, record = long_document  # every span of the annotator is ORG: each name's ORG share is 1.0
    text = record.text
    suggester = Suggester(db, "amina")
    whole = suggester.for_document(record.id, text)
    name = "الأمم المتحدة"
    offered = [s for s in whole if s.text == name]
    assert len(offered) > 5 and {(s.label, s.score) for s in offered} == {("ORG", 1.0)}
    chosen = offered[3]
    span = decisions.accept(Editor(db, "amina"), chosen, "entity", "ORG")
    noted(suggester, text, span, 1)
    update = suggester.update(record.id, text, [(span.start, span.end)])
    assert update is not None
    # The name's other occurrences offer what they offered: one stretch around the accepted place is
    # made again (its neighbours as they were), and the accepted suggestion is gone.
    assert len(update.splices) == 1 and len(update.suggestions) == len(whole) - 1
    assert update.suggestions == Suggester(db, "amina").for_document(record.id, text)
    # A PER span of the name changes its shares (0.75 ORG, 0.25 PER): every occurrence is made again.
    other = next(s for s in update.suggestions if s.text == name)
    span = decisions.accept(Editor(db, "amina"), other, "entity", "PER")
    noted(suggester, text, span, 1)
    update = suggester.update(record.id, text, [(span.start, span.end)])
    assert update is not None and len(update.splices) >= len(offered) - 2
    assert update.suggestions == Suggester(db, "amina").for_document(record.id, text)
