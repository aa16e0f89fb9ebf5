"""B10: suggestions (issue 18). Each function is a workload of :mod:`benchmarks.workloads` (run in its own
process) and returns ``{"ours": [...], "floor": [...], "extra": {...}}``.

The gazetteer has 10,000 names: the entity names of the seed articles (benchmarks.corpus.NAMES), a
hundred two- and three-word stretches of them, and, for the rest, made-up Arabic and French names that
occur nowhere (as most of a real gazetteer does in any one text). B10-match also reports a "dense"
gazetteer where 300 stretches of one to three words (common words among them) match every few words.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

GAZETTEER_SIZE = 10_000
STRETCHES = 100  # two- and three-word stretches of the seed texts in the gazetteer
DENSE_STRETCHES = 300  # one- to three-word stretches in the dense gazetteer
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN_LETTERS = "abcdefghijklmnoprstuvz"


def _gazetteer(path: Path, paragraphs: list[str], *, dense: bool = False) -> Path:
    from benchmarks.corpus import NAMES
    from curator.text.names import name_key

    rng = random.Random(10)
    names: dict[str, str] = {} if dense else {name_key(name): name for name in NAMES}
    words = " ".join(paragraphs).split()
    wanted = len(names) + (DENSE_STRETCHES if dense else STRETCHES)
    while len(names) < wanted:
        at = rng.randrange(len(words) - 3)
        name = " ".join(words[at : at + rng.randint(1 if dense else 2, 3)]).strip(".,،:؛«»()\"'")
        key = name_key(name)
        if len(key) >= 4 and "\t" not in name:
            names.setdefault(key, name)
    while len(names) < GAZETTEER_SIZE:
        letters = ARABIC_LETTERS if rng.random() < 0.6 else LATIN_LETTERS
        name = " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(rng.randint(1, 3))
        )
        names.setdefault(name_key(name), name)
    labels = ("ORG", "PER", "LOC", "MISC")
    path.write_text("".join(f"{name}\t{labels[i % 4]}\n" for i, name in enumerate(names.values())), encoding="utf-8")
    return path


def _floor_automaton(path: Path) -> Any:
    """The floor's automaton: the gazetteer's keys in a plain pyahocorasick automaton."""
    import ahocorasick

    from curator.text.names import name_key

    automaton = ahocorasick.Automaton()
    for line in path.read_text(encoding="utf-8").splitlines():
        key = name_key(line.split("\t")[0])
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def _long_setup(work: Path, *, dense: bool = False) -> tuple[Any, int, str, Path]:
    """A database with the 1 MB Arabic document, a short article and the gazetteer imported."""
    from benchmarks.corpus import seed_paragraphs
    from benchmarks.workloads import _long_text
    from curator.records import DocumentIn
    from curator.store.bulk import write_batch
    from curator.store.database import Database
    from curator.store.queries import document_ids_by_ext
    from curator.suggest.gazetteer import import_gazetteer

    path = work / ("b10-dense.sqlite" if dense else "b10.sqlite")
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    gazetteer = _gazetteer(work / f"b10-gazetteer{'-dense' if dense else ''}.tsv", seed_paragraphs(), dense=dense)
    db = Database(f"sqlite:///{path}")
    text = _long_text()
    write_batch(db, [DocumentIn(source="long.txt", line=1, text=text, ext_id="long", title="طويل")], "b")
    article = "\n".join(seed_paragraphs()[:12])
    write_batch(db, [DocumentIn(source="article.txt", line=1, text=article, ext_id="article", title="مقال")], "b")
    import_gazetteer(db, gazetteer)
    (doc_id,) = document_ids_by_ext(db, ["long"])
    return db, doc_id, text, gazetteer


def b10_match(_source: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Suggestions for the 1 MB Arabic document with the 10,000-name gazetteer (folding, matching,
    word boundaries, proclitics, longest match, the store's reads), against one pass of a plain
    Aho–Corasick automaton over the text already folded."""
    from curator.suggest.engine import Suggester
    from curator.text.names import fold_for_names

    figures = {}
    for dense in (False, True):
        db, doc_id, text, gazetteer = _long_setup(work, dense=dense)
        automaton = _floor_automaton(gazetteer)
        folded = fold_for_names(text).text
        ours, floor, found, matches = [], [], 0, 0
        for _ in range(max(repeat, 5)):
            suggester = Suggester(db, "bench")
            start = time.perf_counter()
            found = len(suggester.for_document(doc_id, text))
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            matches = sum(1 for _ in automaton.iter(folded))
            floor.append(time.perf_counter() - start)
        db.dispose()
        figures[dense] = (ours, floor, found, matches)
    ours, floor, found, matches = figures[False]
    dense_ours, dense_floor, dense_found, _ = figures[True]
    return {
        "ours": ours,
        "floor": floor,
        "extra": {
            "suggestions": found,
            "raw_matches": matches,
            "dense_s": round(statistics.median(dense_ours), 3),
            "dense_floor_s": round(statistics.median(dense_floor), 3),
            "dense_suggestions": dense_found,
        },
    }


def b10_refresh(_source: Path, work: Path, repeat: int) -> dict[str, Any]:
    """After each accept in the open 1 MB document (the span written, the shares updated), the time to
    have its suggestions again as the window has them (:meth:`Suggester.update`); 50 accepts, p95. Also
    the same in a 6 KB article (extra)."""
    from curator.store.editing import Editor
    from curator.store.queries import document_ids_by_ext
    from curator.suggest.decisions import accept
    from curator.suggest.engine import Suggester

    db, doc_id, text, _gazetteer_path = _long_setup(work)
    editor = Editor(db, "bench")
    suggester = Suggester(db, "bench")
    (article_id,) = document_ids_by_ext(db, ["article"])
    article = db.engine.raw_connection()
    try:
        (article_text,) = article.execute("SELECT text FROM documents WHERE id = ?", (article_id,)).fetchone()
    finally:
        article.close()

    whole = 0  # accepts after which the list was made whole (a name's first span changes the names)

    def rounds(document: int, body: str, n: int) -> list[float]:
        nonlocal whole
        times = []
        found = suggester.for_document(document, body)
        for i in range(n):
            if not found:
                break
            chosen = found[(i * 37) % len(found)]
            span = accept(editor, chosen)
            start = time.perf_counter()
            suggester.note_span(span.layer, span.label, chosen.text, 1, body[max(0, chosen.start - 2) : chosen.start])
            # As the window does: brought up to date where the span went and the name occurs, or made whole.
            update = suggester.update(document, body, [(span.start, span.end)])
            found = update.suggestions if update is not None else suggester.for_document(document, body)
            times.append(time.perf_counter() - start)
            whole += update is None
        return times

    ours = rounds(doc_id, text, 50)
    small = rounds(article_id, article_text, 30)
    db.dispose()
    return {
        "ours": ours,
        "floor": None,
        "extra": {
            "article_p95_s": sorted(small)[int(0.95 * (len(small) - 1))] if small else None,
            "made_whole": whole,
            "median_s": statistics.median(ours),
        },
    }


def b10_corpus(source: Path, work: Path, repeat: int) -> dict[str, Any]:
    """``curator suggest --json`` over the large database (learned from annotator a's spans, and the
    gazetteer), against a plain Aho–Corasick pass over every document's folded text; per megabyte."""
    from curator.store.database import Database
    from curator.suggest.gazetteer import import_gazetteer
    from curator.text.names import fold_for_names

    copy = work / "b10-corpus.sqlite"
    shutil.copyfile(source, copy)
    gazetteer = _gazetteer(work / "b10-gazetteer.tsv", __import__("benchmarks.corpus").corpus.seed_paragraphs())
    db = Database(f"sqlite:///{copy}")
    import_gazetteer(db, gazetteer)
    db.dispose()
    conn = sqlite3.connect(copy)
    texts = [text for (text,) in conn.execute("SELECT text FROM documents")]
    conn.close()
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    automaton = _floor_automaton(gazetteer)
    folded = [fold_for_names(t).text for t in texts]
    out = work / "b10-suggestions.jsonl"
    ours, floor = [], []
    for _ in range(max(repeat, 2)):
        start = time.perf_counter()
        with out.open("w") as handle:
            subprocess.run(
                [sys.executable, "-m", "curator", "--db", f"sqlite:///{copy}", "suggest", "--annotator", "a", "--json"],
                check=True,
                stdout=handle,
            )
        ours.append((time.perf_counter() - start) / megabytes)
        start = time.perf_counter()
        for text in folded:
            for _ in automaton.iter(text):
                pass
        floor.append((time.perf_counter() - start) / megabytes)
    lines = sum(1 for _ in out.open())
    return {
        "ours": ours,
        "floor": floor,
        "extra": {
            "documents": len(texts),
            "megabytes": round(megabytes, 1),
            "suggestions": lines,
            "seconds": round(statistics.median(ours) * megabytes, 2),
        },
    }
