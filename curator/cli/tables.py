"""Tables for the terminal. Arabic label names are shaped and ordered here, since terminals do
neither (the window never sees this text: Qt shapes and orders by itself)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from curator.text.plural import counted


def for_terminal(text: str) -> str:
    """Visual-order, shaped text for a terminal; plain text passes through unchanged."""
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        # Imported here: arabic_reshaper loads fontTools, more than the rest of `curator stats` takes.
        import arabic_reshaper
        from bidi import get_display

        return str(get_display(arabic_reshaper.reshape(text)))
    return text


def print_stats(figures: dict[str, Any]) -> None:
    console = Console()
    docs = figures["documents"]
    table = Table(title=counted(docs["total"], "document"))
    table.add_column("language")
    table.add_column("documents", justify="right")
    for language, n in docs["by_language"].items():
        table.add_row(language, str(n))
    console.print(table)
    ann = figures["annotations"]
    for key, title in (("by_layer", "layer"), ("by_label", "label"), ("by_annotator", "annotator")):
        t = Table(title=f"annotations by {title}")
        t.add_column(title)
        t.add_column("annotations", justify="right")
        for name, n in ann[key].items():
            t.add_row(for_terminal(name), str(n))
        console.print(t)
