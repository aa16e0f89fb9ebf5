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


AREAS = ["PEACE_SECURITY", "HUMANITARIAN", "FOOD_SECURITY", "DEVELOPMENT", "ECONOMY", "COUNTER_TERRORISM"]
ENTITY_LABELS = ["PER", "ORG", "LOC", "DATE", "EVENT"]


def reviewed_documents(count: int, annotators: tuple[str, ...], seed: int = 11) -> Iterator[dict[str, object]]:
    """Documents annotated by several annotators who mostly agree: each marks the entity names, one
    claim per document with its claimant, and two or three cooperation areas, with seeded noise
    (a missed span, a boundary moved inside the word, another label, another area)."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    for index in range(count):
        text = make_text(paragraphs, index, rng)
        truth = [(a["start"], a["end"], a["label"]) for a in annotations(text, "x", 25)]
        first_line_end = text.index("\n", 1) + 1
        second_line_end = text.find("\n", first_line_end)
        claim_span = (first_line_end, second_line_end if second_line_end != -1 else len(text))
        speaker = next((t for t in truth if t[2] in ("PER", "ORG")), None)
        areas = rng.sample(AREAS, 2)
        anns: list[dict[str, object]] = []
        relations: list[dict[str, object]] = []
        doc_labels: list[dict[str, object]] = []
        for who in annotators:
            for n, (start, end, label) in enumerate(truth):
                roll = rng.random()
                if roll < 0.08:
                    continue
                if roll < 0.14 and end - start > 2:
                    end -= 1
                elif roll < 0.20:
                    label = rng.choice(ENTITY_LABELS)
                anns.append(
                    {
                        "id": f"{who}-{n}",
                        "annotator": who,
                        "layer": "entity",
                        "label": label,
                        "start": start,
                        "end": end,
                    }
                )
            if speaker is not None:
                stance = "support" if rng.random() < 0.9 else "neutral"
                anns.append(
                    {
                        "id": f"{who}-claim",
                        "annotator": who,
                        "layer": "claim",
                        "label": "CLAIM",
                        "start": claim_span[0],
                        "end": claim_span[1],
                        "attributes": {"stance": stance, "type": "report_of_fact"},
                    }
                )
                target = truth.index(speaker)
                if any(a["id"] == f"{who}-{target}" and a["label"] in ("PER", "ORG") for a in anns):
                    relations.append(
                        {"annotator": who, "type": "claimant", "source": f"{who}-claim", "target": f"{who}-{target}"}
                    )
            chosen = [a for a in areas if rng.random() < 0.9] + ([rng.choice(AREAS)] if rng.random() < 0.2 else [])
            doc_labels.extend({"annotator": who, "layer": "area", "label": a} for a in dict.fromkeys(chosen))
        # an annotator may have produced the same span twice through the noise: keep one
        seen: set[tuple[object, ...]] = set()
        unique = []
        for a in anns:
            key = (a["annotator"], a["label"], a["start"], a["end"])
            if key not in seen:
                seen.add(key)
                unique.append(a)
        kept = {a["id"] for a in unique}
        relations = [r for r in relations if r["source"] in kept and r["target"] in kept]
        yield {
            "id": f"rev-{index:05d}",
            "text": text,
            "annotations": unique,
            "relations": relations,
            "doc_labels": doc_labels,
        }


def write_reviewed_jsonl(path: Path, count: int, annotators: tuple[str, ...]) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for record in reviewed_documents(count, annotators):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count
