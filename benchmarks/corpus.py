"""A synthetic corpus made from the seeds: documents of 2-6 KB of rotated paragraphs, pre-annotated
with the entity names found in the seeds (every occurrence, as a curator's pre-annotation would be)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from curator.paths import seeds_dir

# Names that occur in the seeds, with their entity label.
NAMES = {
    "الأمم المتحدة": "ORG",
    "منظمة التعاون الإسلامي": "ORG",
    "مجلس الأمن": "ORG",
    "الأمين العام": "PER",
    "خالد خياري": "PER",
    "بان كي مون": "PER",
    "أنطونيو غوتيريش": "PER",
    "غزة": "LOC",
    "السودان": "LOC",
    "أفغانستان": "LOC",
    "كازاخستان": "LOC",
    "أستانا": "LOC",
    "جنيف": "LOC",
    "الصومال": "LOC",
    "اليمن": "LOC",
    "ميانمار": "LOC",
    "ليبيا": "LOC",
    "يوليو": "DATE",
    "2030": "DATE",
    "ONU": "ORG",
    "OCI": "ORG",
    "المنظمة": "ORG",
    "الدول الأعضاء": "MISC",
    "نيويورك": "LOC",
    "Nations unies": "ORG",
    "Khaled Khiari": "PER",
    "Conseil de sécurité": "ORG",
    "Gaza": "LOC",
    "Soudan": "LOC",
}


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(seeds_dir().glob("*.txt")):
        paragraphs.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 30)
    return paragraphs


def make_text(paragraphs: list[str], index: int, rng: random.Random) -> str:
    """2-6 KB (UTF-8) of paragraphs taken in order from a rotating start."""
    target = rng.randint(2048, 6144)
    out: list[str] = []
    size = 0
    i = (index * 7) % len(paragraphs)
    while size < target:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
        i += 1
    # A document number keeps every text distinct (Curator stores identical texts once).
    return f"[{index}]\n" + "\n".join(out)


def annotations(text: str, annotator: str, limit: int) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for name, label in NAMES.items():
        start = text.find(name)
        while start != -1 and len(found) < limit:
            found.append(
                {"annotator": annotator, "layer": "entity", "label": label, "start": start, "end": start + len(name)}
            )
            start = text.find(name, start + len(name))
    return found


def documents(
    count: int, per_doc: int, annotators: tuple[str, ...] = ("pre",), seed: int = 7
) -> Iterator[dict[str, object]]:
    """Interchange records; ``per_doc`` caps the annotations of each annotator in a document."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    for index in range(count):
        text = make_text(paragraphs, index, rng)
        anns: list[dict[str, object]] = []
        for annotator in annotators:
            anns.extend(annotations(text, annotator, per_doc))
        yield {"id": f"bench-{index:06d}", "text": text, "annotations": anns}


def write_jsonl(path: Path, count: int, per_doc: int, annotators: tuple[str, ...] = ("pre",)) -> tuple[int, int]:
    """Write the corpus; return (documents, annotations)."""
    docs = spans = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in documents(count, per_doc, annotators):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            docs += 1
            spans += len(record["annotations"])  # type: ignore[arg-type]
    return docs, spans
