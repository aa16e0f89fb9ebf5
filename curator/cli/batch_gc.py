"""The garbage collector's pace for batch commands (import, export, agreement).

CPython's cyclic collector runs every 700 new container objects and walks the objects of its
generation each time; an export that makes millions of tuples (tokens, rows) pays for that walk over
everything spaCy or SQLAlchemy left alive: a third of a spaCy export's time, a tenth of an import's.
Batch commands therefore set aside what is alive when they start (``gc.freeze``) and collect every
100,000 new objects. Reference counting still frees all acyclic garbage at once; only cycles wait
longer. The window keeps Python's pace except while a document with many suggestions is open
(:func:`curator.gui.suggestions.collector_pace`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLD = (100_000, 50, 100)


@contextmanager
def batch_pace() -> Iterator[None]:
    """Collect at :data:`BATCH_THRESHOLD` inside the block, with the objects alive at its start frozen;
    Python's own pace again after it."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BATCH_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
