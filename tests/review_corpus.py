"""A synthetic multi-annotator corpus for review and agreement tests (and the B7-style timing run).

Documents are rotated paragraphs of the seeds; every annotator marks the same entity mentions with
seeded noise (a missed span, a moved boundary, another label), so every figure has something to
measure. Written with the bulk import path in one transaction.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from curator.records import DocLabelIn, DocumentIn, SpanIn
from curator.store.bulk import write_batch
from curator.store.database import Database

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ENTITY_LABELS = ["PER", "ORG", "LOC", "DATE", "EVENT"]
AREAS = ["PEACE_SECURITY", "HUMANITARIAN", "HEALTH", "DEVELOPMENT", "ECONOMY"]


def _paragraphs() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        out.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80)
    return out


def build_corpus(db: Database, documents: int, annotators: list[str], seed: int = 7) -> None:
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    word = re.compile(r"\w{4,}")
    docs: list[DocumentIn] = []
    for n in range(documents):
        parts: list[str] = []
        size = 0
        k = n
        while size < 3000:
            p = paragraphs[k % len(paragraphs)]
            parts.append(p)
            size += len(p) + 2
            k += 7
        text = f"Document {n}\n\n" + "\n\n".join(parts)
        doc = DocumentIn(source=f"synthetic/{n}.txt", line=1, text=text, ext_id=f"syn{n}")
        mentions = [m for m in word.finditer(text)][:: max(1, len(text) // 4000)][:40]
        truth = [(m.start(), m.end(), rng.choice(ENTITY_LABELS)) for m in mentions[::2]]
        areas = rng.sample(AREAS, 2)
        for annotator in annotators:
            for start, end, label in truth:
                roll = rng.random()
                if roll < 0.08:
                    continue  # missed
                if roll < 0.14:
                    end = max(start + 1, end - 1)  # boundary moved (stays inside the word)
                elif roll < 0.20:
                    label = rng.choice(ENTITY_LABELS)
                doc.spans.append(SpanIn("entity", label, start, end, annotator))
            for area in areas:
                if rng.random() < 0.85:
                    doc.doc_labels.append(DocLabelIn("area", area, annotator))
            if rng.random() < 0.2:
                doc.doc_labels.append(DocLabelIn("area", rng.choice(AREAS), annotator))
        # Merge repeats an annotator may have produced at the same place and label.
        seen: set[tuple[str, str, int, int, str]] = set()
        doc.spans = [
            s
            for s in doc.spans
            if (key := (s.layer, s.label, s.start, s.end, s.annotator)) not in seen and not seen.add(key)  # type: ignore[func-returns-value]
        ]
        seen_labels: set[tuple[str, str, str]] = set()
        doc.doc_labels = [
            lab
            for lab in doc.doc_labels
            if (k2 := (lab.layer, lab.label, lab.annotator)) not in seen_labels and not seen_labels.add(k2)  # type: ignore[func-returns-value]
        ]
        docs.append(doc)
    write_batch(db, docs, "synthetic")
