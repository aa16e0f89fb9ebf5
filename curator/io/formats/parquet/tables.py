"""The tables of a parquet export, known to the registry entry without loading pyarrow."""

from __future__ import annotations

TOKENS, SPANS, RELATIONS, DOCUMENTS = "tokens.parquet", "spans.parquet", "relations.parquet", "documents.parquet"
# The registry rows of the entities the spans link to (written when a span is linked).
ENTITIES = "entities.parquet"
