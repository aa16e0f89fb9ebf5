"""The names in a CoNLL export folder, known to the registry entry without loading the reader."""

from __future__ import annotations

DOCSTART = "-DOCSTART-"
INDEX_SUFFIX = ".documents.jsonl"  # <annotator>.documents.jsonl beside <annotator>.conll
