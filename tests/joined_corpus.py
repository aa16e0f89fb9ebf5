"""Documents whose spans sit inside joined tokens (``ONU-OCI``, ``UNDP-ISDB``, ``المتحدة-الاتحاد``,
``l’ONUSIDA``), in French and Arabic, and one of hard characters (NFD, astral letters, a flag, ZWNJ,
bidi isolates, a claim across a line break, nested and overlapping entities), annotated by two
curators: what every token format must split exactly."""

from __future__ import annotations

import json
from pathlib import Path

from format_corpus import GoldLayerEditor, span_of

from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor

FRENCH = "Le partenariat ONU-OCI et l’accord UNDP-ISDB lient l’ONUSIDA au Moyen-Orient.\n"
ARABIC = "وقّعت الشراكة UNDP-ISDB بين الأمم المتحدة-الاتحاد الأفريقي وONU-OCI في جدة.\n"
HARD = (
    "Le ministre a de\u0301clare\u0301 que 𝐀𝐈 et 🇺🇳 soutiennent «\u2067خالد خياري\u2069» qui dit\n"
    "می\u200cخواهم بگویم که سازمان ملل متحد کمک کرد.\n"
)


def build_joined(db: Database, tmp: Path) -> dict[str, int]:
    """Import and annotate the three documents; return their ids by ext_id."""
    path = tmp / "joined.jsonl"
    rows = [("joined_fr", "fr", FRENCH), ("joined_ar", "ar", ARABIC), ("hard", "fr", HARD)]
    path.write_text(
        "".join(json.dumps({"id": i, "language": lang, "text": t}, ensure_ascii=False) + "\n" for i, lang, t in rows),
        encoding="utf-8",
    )
    import_paths(db, [path])
    ids = {b.document.ext_id: b.document.id for b in queries.iter_bundles(db)}
    amina, gold = Editor(db, "amina"), GoldLayerEditor(db, "curation")

    def add(ed: Editor, doc: str, text: str, label: str, se: tuple[int, int], layer: str = "entity") -> int:
        return ed.add_span(ids[doc], layer, label, se[0], se[1]).id

    for needle in ("ONU", "OCI", "UNDP", "ISDB"):
        add(amina, "joined_fr", FRENCH, "ORG", span_of(FRENCH, needle))
    add(amina, "joined_fr", FRENCH, "ORG", span_of(FRENCH, "ONUSIDA", keep=3))  # inside a word
    add(amina, "joined_fr", FRENCH, "LOC", span_of(FRENCH, "Moyen-Orient"))
    add(gold, "joined_fr", FRENCH, "ORG", span_of(FRENCH, "ONU-OCI"))  # the whole token, by another curator
    add(gold, "joined_fr", FRENCH, "ORG", span_of(FRENCH, "ISDB"))
    for needle in ("UNDP", "ISDB", "الأمم المتحدة", "الاتحاد الأفريقي", "ONU", "OCI"):
        add(amina, "joined_ar", ARABIC, "ORG", span_of(ARABIC, needle))
    add(amina, "joined_ar", ARABIC, "LOC", span_of(ARABIC, "جدة"))
    add(gold, "joined_ar", ARABIC, "ORG", span_of(ARABIC, "UNDP-ISDB"))

    cue = add(amina, "hard", HARD, "CUE", span_of(HARD, "de\u0301clare\u0301"), layer="claim")
    add(amina, "hard", HARD, "MISC", span_of(HARD, "𝐀𝐈"))
    add(amina, "hard", HARD, "MISC", span_of(HARD, "🇺🇳"))
    per = add(amina, "hard", HARD, "PER", span_of(HARD, "خالد خياري"))
    add(amina, "hard", HARD, "ORG", span_of(HARD, "سازمان ملل متحد"))
    add(amina, "hard", HARD, "MISC", span_of(HARD, "ملل متحد"))  # nested in the organisation
    add(amina, "hard", HARD, "MISC", span_of(HARD, "\u200cخواهم", drop=1))  # after the ZWNJ, inside the word
    start = HARD.index("خالد")
    claim = amina.add_span(ids["hard"], "claim", "CLAIM", start, HARD.index(" کمک"), {"stance": "support"})
    amina.add_relation("claimant", claim.id, per)
    amina.add_relation("cue", claim.id, cue)
    return ids
