"""The annotated corpus every format test exports, and the comparisons they share.

The five seeds, the sample files (emoji, tashkeel, pre-annotations) and one hostile document (a
title that is a path, an id with a bidi override and a Windows device name, cells that a spreadsheet
would run as formulas), annotated by two curators and the gold layer: nested entities, entities after
Arabic proclitics and French elisions, an emoji flag, claims across a line break with attributes,
claimants and cues, evidence spans, document labels, and a document marked done with nothing in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.models import GOLD_ANNOTATOR
from curator.store.queries import SpanRecord

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "data" / "samples"
SEEDS = REPO / "seeds"
AMINA = "amina"
GOLD = GOLD_ANNOTATOR
HOSTILE_ID = "../../CON\u202etxt.exe"
HOSTILE_TEXT = (
    '=HYPERLINK("http://x") a déclaré l’ONU.\u00a0Le porte-parole @OCI a dit\u00a0: « -2 % + 3 » et\tpuis\u200f rien.\n'
    "+33 reste un chiffre, selon l’OCI.\n"
)
CLAIM_ATTRS = {"stance": "support", "type": "assessment", "area": "PEACE_SECURITY"}


def span_of(text: str, needle: str, nth: int = 0, drop: int = 0, keep: int | None = None) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` without its first ``drop`` characters (and only
    its first ``keep`` characters when given)."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i + drop, i + (len(needle) if keep is None else keep)


def all_of(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


class GoldLayerEditor(Editor):
    """Writes the gold layer directly, standing in for the review decisions that would have made it
    (the editing service itself refuses every write under the gold layer's name)."""

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self.db.write() as session:
            yield session


def build_corpus(db: Database, samples: Path, seeds: Path, tmp: Path) -> dict[str, int]:
    """Import and annotate; return document ids by ext_id."""
    hostile = tmp / "hostile.jsonl"
    record = {"id": HOSTILE_ID, "title": "/etc/passwd", "language": "fr", "text": HOSTILE_TEXT}
    hostile.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(
        db,
        [seeds, samples / "emoji_ar.txt", samples / "tashkeel_ar.txt", samples / "preannotated.jsonl", hostile],
    )
    ids = {b.document.ext_id: b.document.id for b in queries.iter_bundles(db)}
    texts = {b.document.ext_id: b.document.text for b in queries.iter_bundles(db)}
    amina, gold = Editor(db, AMINA), GoldLayerEditor(db, GOLD)

    def add(
        ed: Editor, doc: str, layer: str, label: str, se: tuple[int, int], attrs: dict[str, Any] | None = None
    ) -> SpanRecord:
        return ed.add_span(ids[doc], layer, label, se[0], se[1], attrs)

    # 000: every UN and OIC mention, places after the proclitic و, a claim across a line break.
    d, t = "000_f694274a42498c38", texts["000_f694274a42498c38"]
    for se in all_of(t, "الأمم المتحدة"):
        add(amina, d, "entity", "ORG", se)
    for se in all_of(t, "منظمة التعاون الإسلامي"):
        add(amina, d, "entity", "ORG", se)
    add(amina, d, "entity", "ORG", span_of(t, "للأمم المتحدة", drop=1))  # ل stays outside
    for needle, label in (("غزة", "LOC"), ("ميانمار", "LOC"), ("نيويورك", "LOC")):
        add(amina, d, "entity", label, span_of(t, needle))
    add(amina, d, "entity", "LOC", span_of(t, "والسودان", drop=1))
    for ed in (amina, gold):
        per = add(ed, d, "entity", "PER", span_of(t, "خالد خياري"))
        cue = add(ed, d, "claim", "CUE", span_of(t, "قال خالد", keep=3))
        start = t.index("إن منظمة")
        claim = add(ed, d, "claim", "CLAIM", (start, t.index("، بحسب الموقع")), CLAIM_ATTRS)
        ed.add_relation("claimant", claim.id, per.id)
        ed.add_relation("cue", claim.id, cue.id)
        ed.set_document_label(ids[d], "area", "PEACE_SECURITY", True)
    add(gold, d, "entity", "LOC", span_of(t, "والسودان", drop=1))
    add(amina, d, "area", "HUMANITARIAN", span_of(t, "المساعدة في معالجة بعض الصراعات"))
    amina.set_document_label(ids[d], "area", "HUMANITARIAN", True)

    # 002: a nested organisation after the proclitic ل.
    d, t = "002_cf51298b20422178", texts["002_cf51298b20422178"]
    add(amina, d, "entity", "ORG", span_of(t, "لبرنامج الأمم المتحدة الإنمائي", drop=1))
    add(amina, d, "entity", "ORG", span_of(t, "الأمم المتحدة الإنمائي", keep=13))
    add(amina, d, "entity", "PER", span_of(t, "بان كى مون"))
    add(amina, d, "entity", "LOC", span_of(t, "اسطنبول"))

    # 003 (French): elisions, hyphenated place, claim with claimant and cue.
    d, t = "003_b923d6f7b2ab459c", texts["003_b923d6f7b2ab459c"]
    per = add(amina, d, "entity", "PER", span_of(t, "Khaled Khiari"))
    add(amina, d, "entity", "ORG", span_of(t, "l’OCI", drop=2))
    add(amina, d, "entity", "ORG", span_of(t, "l’OCI", nth=1, drop=2))
    add(amina, d, "entity", "ORG", span_of(t, "L’ONU", drop=2))
    for needle in ("Moyen-Orient", "Jeddah", "Arabie saoudite"):
        add(amina, d, "entity", "LOC", span_of(t, needle))
    add(amina, d, "entity", "PER", span_of(t, "M. Khiari", drop=3))
    cue = add(amina, d, "claim", "CUE", span_of(t, "a déclaré"))
    claim = add(amina, d, "claim", "CLAIM", (t.index("l’OCI reste"), t.index(", confirmer")), CLAIM_ATTRS)
    amina.add_relation("claimant", claim.id, per.id)
    amina.add_relation("cue", claim.id, cue.id)
    amina.set_status(ids[d], "done")

    # 004: the cue after the proclitic و, the Secretary-General twice.
    d, t = "004_fb4527da7287913f", texts["004_fb4527da7287913f"]
    for ed in (amina, gold):
        per = add(ed, d, "entity", "PER", span_of(t, "بان كي مون"))
        cue = add(ed, d, "claim", "CUE", span_of(t, "قال الأمين", keep=3))
        s = t.index("يجب على المنظمات الإقليمية إيجاد")
        claim = add(ed, d, "claim", "CLAIM", (s, t.index(" لمواجهة التحديات العالمية المترابطة")), CLAIM_ATTRS)
        ed.add_relation("claimant", claim.id, per.id)
        ed.add_relation("cue", claim.id, cue.id)
    add(amina, d, "claim", "CUE", span_of(t, "وقال السيد", drop=1, keep=4))
    add(amina, d, "entity", "PER", span_of(t, "بان كي مون", nth=1))
    add(amina, d, "entity", "ORG", span_of(t, "والاتحاد الأفريقي", drop=1))
    add(amina, d, "entity", "LOC", span_of(t, "دارفور"))

    # emoji_ar: a flag (two code points outside the BMP), a span starting with an emoji.
    d, t = "emoji_ar", texts["emoji_ar"]
    add(amina, d, "entity", "MISC", span_of(t, "🇺🇳"))
    add(amina, d, "entity", "LOC", span_of(t, "غزة"))
    add(amina, d, "area", "DEVELOPMENT", span_of(t, "🤝 تعززان التعاون"))
    per = add(amina, d, "entity", "PER", span_of(t, "خياري"))
    claim = add(amina, d, "claim", "CLAIM", span_of(t, "الشراكة «حاسمة»"), {"stance": "neutral", "type": "assessment"})
    amina.add_relation("claimant", claim.id, per.id)

    # tashkeel_ar: a vocalised cue and organisation; the cue of line 2 after the proclitic و.
    d, t = "tashkeel_ar", texts["tashkeel_ar"]
    add(amina, d, "claim", "CUE", span_of(t, "قَالَ"))
    add(amina, d, "entity", "ORG", span_of(t, "مُنَظَّمَةَ التَّعَاوُنِ الْإِسْلَامِيِّ"))
    add(amina, d, "claim", "CUE", span_of(t, "وقال", drop=1))
    gold.set_status(ids[d], "done")  # done, nothing to annotate: an empty gold view

    # The hostile document: formula-like claims, a tab, a no-break space, a bidi mark.
    d, t = HOSTILE_ID, texts[HOSTILE_ID]
    onu = add(amina, d, "entity", "ORG", span_of(t, "l’ONU", drop=2))
    oci = add(amina, d, "entity", "ORG", span_of(t, "@OCI", drop=1))
    c1 = add(amina, d, "claim", "CLAIM", span_of(t, '=HYPERLINK("http://x")'), {"stance": "oppose"})
    c2 = add(amina, d, "claim", "CLAIM", span_of(t, "-2 % + 3"), {"type": "report_of_fact"})
    c3 = add(amina, d, "claim", "CLAIM", span_of(t, "+33 reste un chiffre"), {"area": "ECONOMY"})
    add(amina, d, "claim", "CLAIM", span_of(t, "et\tpuis\u200f rien"))
    amina.add_relation("claimant", c1.id, onu.id)
    amina.add_relation("claimant", c2.id, oci.id)
    amina.add_relation("claimant", c3.id, oci.id)
    amina.update_span(c3.id, c3.version, note="@SUM(1) à revoir")
    amina.set_document_label(ids[d], "area", "ECONOMY", True)
    return ids


def snapshot(
    db: Database,
    *,
    annotators: list[str] | None = None,
    layers: list[str] | None = None,
    doc_labels: bool = True,
    notes: bool = True,
) -> dict[str, tuple[Any, ...]]:
    """Per document text: its text, spans, relations and labels, independent of database ids."""
    out: dict[str, tuple[Any, ...]] = {}
    for b in queries.iter_bundles(db, annotators):
        spans = [s for s in b.spans if layers is None or s.layer in layers]
        key = {s.id: (s.annotator, s.layer, s.label, s.start, s.end) for s in spans}
        out[b.document.text] = (
            sorted(
                (
                    s.annotator,
                    s.layer,
                    s.label,
                    s.start,
                    s.end,
                    json.dumps(s.attributes, sort_keys=True),
                    s.note if notes else "",
                )
                for s in spans
            ),
            sorted(
                (r.annotator, r.type, key[r.source_id], key[r.target_id])
                for r in b.relations
                if r.source_id in key and r.target_id in key
            ),
            sorted(lab for lab in b.doc_labels if layers is None or lab[1] in layers) if doc_labels else [],
        )
    return out


def stored_spans(db: Database, annotators: list[str] | None = None) -> list[tuple[str, str, str, str, int, int, str]]:
    """(document ext_id, annotator, layer, label, start, end, covered text) of every span."""
    return sorted(
        (b.document.ext_id, s.annotator, s.layer, s.label, s.start, s.end, b.document.text[s.start : s.end])
        for b in queries.iter_bundles(db, annotators)
        for s in b.spans
    )


_SHARED: list[Database] = []


def annotated_db(factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A database holding :func:`build_corpus`, built once per test session (building takes a few
    seconds) and shared by the format tests' module fixtures, which only read it."""
    if not _SHARED:
        tmp = factory.mktemp("corpus")
        db = Database(f"sqlite:///{tmp / 'corpus.sqlite'}")
        build_corpus(db, SAMPLES, SEEDS, tmp)
        _SHARED.append(db)
    yield _SHARED[0]


def fresh_db(tmp: Path, name: str = "fresh") -> Database:
    return Database(f"sqlite:///{tmp / (name + '.sqlite')}")


def texts_by_id(db: Database) -> dict[str, str]:
    return {b.document.ext_id: b.document.text for b in queries.iter_bundles(db)}
