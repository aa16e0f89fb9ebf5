"""A synthetic entity registry for the benchmarks (issue 19): N people and organisations named in
Arabic and French, with the name sharing of a real registry (a few dozen common first names, so a
first name alone matches thousands of entities), and the mentions a chooser is asked to rank.

Khaled Khiari and his distractors are among them, so the figures are of the query that matters.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

# (Arabic, French) first names: common ones, as in the corpus.
FIRST_NAMES = [
    ("خالد", "Khaled"),
    ("محمد", "Mohamed"),
    ("أحمد", "Ahmed"),
    ("علي", "Ali"),
    ("حسين", "Hussein"),
    ("عبد الله", "Abdallah"),
    ("يوسف", "Youssef"),
    ("إبراهيم", "Ibrahim"),
    ("عمر", "Omar"),
    ("فاطمة", "Fatima"),
    ("مريم", "Meriem"),
    ("سعيد", "Saïd"),
    ("كريم", "Karim"),
    ("أمينة", "Amina"),
    ("مصطفى", "Moustapha"),
    ("حسن", "Hassan"),
    ("طارق", "Tarek"),
    ("سليمان", "Slimane"),
    ("ليلى", "Leïla"),
    ("نبيل", "Nabil"),
]
# Arabic letters and the Latin spelling a French newspaper gives them (for made-up family names).
_LETTERS = [
    ("ب", "b"),
    ("ت", "t"),
    ("ج", "dj"),
    ("ح", "h"),
    ("خ", "kh"),
    ("د", "d"),
    ("ر", "r"),
    ("ز", "z"),
    ("س", "s"),
    ("ش", "ch"),
    ("ص", "s"),
    ("ط", "t"),
    ("ع", ""),
    ("غ", "gh"),
    ("ف", "f"),
    ("ق", "k"),
    ("ك", "k"),
    ("ل", "l"),
    ("م", "m"),
    ("ن", "n"),
    ("ه", "h"),
]
_VOWELS = ["a", "i", "ou", "e"]
_LONG = [("ا", "a"), ("ي", "i"), ("و", "ou")]
KHIARI = {
    "id": "khiari",
    "type": "PER",
    "names": {"ar": "خالد خياري", "fr": "Khaled Khiari"},
    "aliases": ["خياري"],
    "description": "UN Assistant Secretary-General",
    "external_ids": {},
}
DISTRACTORS = [
    {"id": "abdallah-k", "type": "PER", "names": {"ar": "خالد عبد الله", "fr": "Khaled Abdallah"}},
    {"id": "mishaal", "type": "PER", "names": {"ar": "خالد مشعل", "fr": "Khalid Mishaal"}},
    {
        "id": "oci",
        "type": "ORG",
        "names": {"ar": "منظمة التعاون الإسلامي", "fr": "l'Organisation de la coopération islamique"},
        "aliases": ["OCI"],
    },
]


def _family_name(rng: random.Random) -> tuple[str, str]:
    arabic, latin = [], []
    for i in range(rng.randint(2, 4)):
        letter_ar, letter_fr = rng.choice(_LETTERS)
        arabic.append(letter_ar)
        latin.append(letter_fr)
        if i < 3 and rng.random() < 0.5:
            long_ar, long_fr = rng.choice(_LONG)
            arabic.append(long_ar)
            latin.append(long_fr)
        else:
            latin.append(rng.choice(_VOWELS))
    return "".join(arabic), "".join(latin).capitalize()


# Made-up family names that happen to be his (خياري, Khiari) are left out: another Khiari would make
# "M. Khiari" ambiguous, which is a fact of the data, not of the ranking the benchmark measures.
_HIS = frozenset({"خياري", "khiari", "khiyari", "khyari"})


def registry_records(count: int, seed: int = 19) -> list[dict[str, Any]]:
    """``count`` entities (Khiari and his distractors first), as the registry file's objects."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = [KHIARI, *DISTRACTORS]
    while len(records) < count:
        first_ar, first_fr = rng.choice(FIRST_NAMES)
        family_ar, family_fr = _family_name(rng)
        if family_ar in _HIS or family_fr.lower() in _HIS:
            continue
        record: dict[str, Any] = {
            "id": f"e{len(records)}",
            "type": "PER" if rng.random() < 0.8 else "ORG",
            "names": {"ar": f"{first_ar} {family_ar}", "fr": f"{first_fr} {family_fr}"},
        }
        if rng.random() < 0.3:
            record["aliases"] = [family_ar]
        records.append(record)
    return records


def mention_queries(records: list[dict[str, Any]], count: int, seed: int = 7) -> list[str]:
    """Mentions as a chooser gets them: whole names, family names alone, "M. Name", either script."""
    rng = random.Random(seed)
    queries = ["خياري", "M. Khiari", "Khaled Khiari", "خالد خياري", "OCI"]
    while len(queries) < count:
        record = rng.choice(records)
        name = rng.choice(list(record["names"].values()))
        shape = rng.random()
        if shape < 0.3:
            queries.append(name.split()[-1])
        elif shape < 0.45 and not any("\u0600" <= ch <= "\u06ff" for ch in name):
            queries.append("M. " + name.split()[-1])
        else:
            queries.append(name)
    return queries


def write_registry(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def write_mention_corpus(path: Path, documents: int, per_document: int) -> int:
    """Interchange JSONL of ``documents`` French documents, each naming Khaled Khiari ``per_document``
    times, every mention linked to ``khiari``; how many mentions."""
    sentence = "Khaled Khiari a informé le Conseil. "
    step = len(sentence)
    with path.open("w", encoding="utf-8") as handle:
        for d in range(documents):
            text = sentence * per_document
            spans = [
                {"annotator": "a", "layer": "entity", "label": "PER", "start": i * step, "end": i * step + 13}
                | {"entity": "khiari"}
                for i in range(per_document)
            ]
            handle.write(json.dumps({"id": f"m{d}", "text": text, "language": "fr", "annotations": spans}) + "\n")
    return documents * per_document
