"""Choosing who is annotating: asked at first start, switchable from the File menu."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from curator.store.models import reserved_annotator
from curator.text.invisible import isolate

PROMPT = "Annotate as / اسم المُعلِّق / Annoter en tant que :"


def reserved_reason(name: str) -> str:
    """Why ``name`` cannot be chosen, one line per language of the prompt (one line of all three
    made the dialog wider than the screen); the name isolated, so the Arabic line reads right to left."""
    shown = isolate(name)
    return "\n".join(
        (
            f"“{shown}” is the gold layer, written only by review decisions (Review menu).",
            f"«{shown}» اسم الطبقة المرجعية، لا تُكتب إلا بقرارات المراجعة.",
            f"« {shown} » est la couche de référence, écrite seulement par les décisions de revue.",
        )
    )


def choose_annotator(parent: QWidget | None, known: list[str], current: str) -> str | None:
    """Ask for an annotator name (one of ``known`` or a new one); None when cancelled or empty.

    Reserved names (the gold layer's, :func:`~curator.store.models.reserved_annotator`) are not
    offered, and typing one asks again with the reason."""
    names = sorted({n for n in known if not reserved_annotator(n)} | ({current} if current else set()))
    if not current or reserved_annotator(current):
        current = ""
        names = ["", *(n for n in names if n and not reserved_annotator(n))]  # the curator types their name
    label = PROMPT
    while True:
        name, ok = QInputDialog.getItem(parent, "Curator", label, names, names.index(current), True)
        name = name.strip()
        if not ok or not name:
            return None
        if not reserved_annotator(name):
            return name
        label = f"{reserved_reason(name)}\n\n{PROMPT}"
