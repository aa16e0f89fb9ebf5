"""Label shares of names: how often each label was given to the spans of one name. The score of a
learned suggestion is its label's share (two PER and one ORG: 0.67 and 0.33), as INCEpTION's string
matcher scores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

Label = tuple[str, str]  # (layer, label)


class LabelShares:
    """Counts of labels per name key (:func:`curator.text.names.name_key`); changes as spans come and go."""

    def __init__(self, items: Iterable[tuple[str, Label]] = ()) -> None:
        self.counts: dict[str, Counter[Label]] = {}
        for key, label in items:
            self.add(key, label)

    def add(self, key: str, label: Label, n: int = 1) -> bool:
        """Count ``n`` more spans (fewer when negative) of ``label`` on ``key``; True when the key is new
        or gone (the matcher's names changed)."""
        counts = self.counts.get(key)
        new = counts is None
        if counts is None:
            counts = self.counts[key] = Counter()
        counts[label] += n
        if counts[label] <= 0:
            del counts[label]
        if not counts:
            del self.counts[key]
            return not new
        return new

    def shares(self, key: str, without: Mapping[Label, int] | None = None) -> list[tuple[Label, float]]:
        """Each label of ``key`` with its share, best first (then by name); ``without`` takes some spans
        out of the count first (leave-one-document-out evaluation). Empty for an unknown key."""
        counts = Counter(self.counts.get(key, {}))
        if without:
            counts.subtract(without)
        kept = {label: n for label, n in counts.items() if n > 0}
        total = sum(kept.values())
        if not total:
            return []
        return sorted(((label, n / total) for label, n in kept.items()), key=lambda item: (-item[1], item[0]))

    def names(self) -> list[str]:
        """The keys with at least one span."""
        return list(self.counts)
