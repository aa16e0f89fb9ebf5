"""Choosing who is annotating: asked at first start, switchable from the File menu."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget


def choose_annotator(parent: QWidget | None, known: list[str], current: str) -> str | None:
    """Ask for an annotator name (one of ``known`` or a new one); None when cancelled or empty."""
    names = sorted(set(known) | ({current} if current else set()))
    if not current:
        names.insert(0, "")  # at first start nobody is proposed: the curator types their name
    at = names.index(current)
    name, ok = QInputDialog.getItem(
        parent,
        "Curator",
        "Annotate as / اسم المُعلِّم / Annoter en tant que :",
        names,
        at,
        True,
    )
    name = name.strip()
    return name if ok and name else None
