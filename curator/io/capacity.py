"""The kinds of content a format may have no place for. Each format's registry entry
(:mod:`curator.io.registry`) names the kinds it lacks; the dataset card, the export summary and the
import summary read them there, so that what a format leaves out is always said, with counts. Kinds:

- ``spans``: spans of every layer. A format without it (the claims CSV) holds only claims and the
  entities their claimant relation names, and of those entities only label, offsets and entity link;
- ``cues``: cue spans (``claim``/``CUE``) with their link to the claim;
- ``overlaps``: spans overlapping an earlier or longer span of their layer and annotator (a BIO
  column holds one span per token);
- ``empty``: spans covering only white space or invisible characters (token formats have no token
  there);
- ``attributes`` (attribute values), ``identifiers`` (the reserved ``identifier`` attribute),
  ``notes``, ``relations``, ``doc_labels`` (document labels), ``links`` (a span's link to an entity of
  the registry).
"""

from __future__ import annotations

SPANS, CUES, OVERLAPS, EMPTY = "spans", "cues", "overlaps", "empty"
ATTRIBUTES, IDENTIFIERS, NOTES, RELATIONS, DOC_LABELS = "attributes", "identifiers", "notes", "relations", "doc_labels"
LINKS = "links"

# How the card and the summaries name each kind, in the order they list them.
KIND_NAMES = {
    SPANS: "spans other than claims and their claimants",
    CUES: "cues",
    OVERLAPS: "spans overlapping another of their layer",
    EMPTY: "spans covering only white space",
    ATTRIBUTES: "attribute values",
    IDENTIFIERS: "identifiers",
    NOTES: "notes",
    RELATIONS: "relations",
    DOC_LABELS: "document labels",
    LINKS: "entity links",
}
ALL = frozenset(KIND_NAMES)
# The kinds that remove a span from a format that lacks them, checked in this order (a span is
# counted under the first).
SPAN_KINDS = (SPANS, CUES, OVERLAPS, EMPTY)
DETAIL_KINDS = (ATTRIBUTES, IDENTIFIERS, NOTES, LINKS)
# What BIO columns (CoNLL, CoNLL-U) have no place for: they hold one span per token and layer, nothing else.
BIO_LACKS = ALL - {SPANS, CUES}


def in_order(kinds: frozenset[str]) -> list[str]:
    """``kinds`` in :data:`KIND_NAMES` order (the order the card and the summaries list them)."""
    return [kind for kind in KIND_NAMES if kind in kinds]


def counted(counts: dict[str, int]) -> str:
    """``3 relations, 2 document labels`` for the kinds with a count, in :data:`KIND_NAMES` order."""
    return ", ".join(f"{counts[k]} {KIND_NAMES[k]}" for k in KIND_NAMES if counts.get(k))
