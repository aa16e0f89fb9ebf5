"""A child process for crash and concurrency tests: edits in a burst, acknowledging each commit.

Usage: python edit_burst.py URL ANNOTATOR COUNT SEED
Prints ``ack add ID START END`` or ``ack update ID VERSION LABEL`` after each commit returns, flushed at once:
a line printed means the edit was reported saved.
"""

from __future__ import annotations

import random
import sys

from curator.store.database import Database
from curator.store.editing import Editor


def main() -> None:
    url, annotator, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    db = Database(url)
    editor = Editor(db, annotator)
    length = 200
    mine = []
    print("ready", flush=True)
    for _ in range(count):
        if mine and rng.random() < 0.3:
            span = rng.choice(mine)
            updated = editor.update_span(span.id, span.version, label=rng.choice(["PER", "ORG", "LOC"]))
            mine[mine.index(span)] = updated
            print(f"ack update {updated.id} {updated.version} {updated.label}", flush=True)
        else:
            start = rng.randrange(0, length - 10)
            span = editor.add_span(1, "entity", "ORG", start, start + rng.randrange(1, 10))
            mine.append(span)
            print(f"ack add {span.id} {span.start} {span.end}", flush=True)


if __name__ == "__main__":
    main()
