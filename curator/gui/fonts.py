"""Which fonts draw the text: Latin characters from a Latin font, Arabic from an Arabic one.

Qt takes each character from the first family of the font's list that has a glyph for it. With an
Arabic font first, Latin letters and punctuation inside Arabic paragraphs (« », colons, digits) come
from that font's Latin glyphs, drawn smaller than the letters around them; with a Latin font that has
no Arabic first and an Arabic font after it, each script comes from a font made for it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtGui import QFont, QFontDatabase

# Latin fonts, best first; one without Arabic glyphs leaves Arabic to the next family.
LATIN_FONTS = ("Noto Sans", "Liberation Sans", "Arial", "Helvetica", "DejaVu Sans")
# Fonts that shape Arabic well, best first.
ARABIC_FONTS = ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "DejaVu Sans")


def fallback_families(
    installed: Collection[str], has_arabic: Callable[[str], bool], chosen: str | None = None
) -> list[str]:
    """The families of the text font, in the order Qt tries them for each character.

    ``chosen``: the curator's font, first; an Arabic font after it when it has no Arabic. Without a
    choice: the first installed Latin font without Arabic glyphs (any Latin font when none lacks
    them), then the first installed Arabic font."""
    arabic = next((family for family in ARABIC_FONTS if family in installed and has_arabic(family)), None)
    if chosen:
        first: str | None = chosen
        if has_arabic(chosen):
            arabic = None
    else:
        latin = [family for family in LATIN_FONTS if family in installed]
        first = next((family for family in latin if not has_arabic(family)), latin[0] if latin else None)
    families: list[str] = []
    for family in (first, arabic):
        if family and family not in families:
            families.append(family)
    return families


def _has_arabic(family: str) -> bool:
    return QFontDatabase.WritingSystem.Arabic in QFontDatabase.writingSystems(family)


def with_fallbacks(font: QFont, *, chosen: bool) -> QFont:
    """``font`` with its families list set (see :func:`fallback_families`); ``chosen`` when the
    curator picked its family."""
    families = fallback_families(set(QFontDatabase.families()), _has_arabic, font.family() if chosen else None)
    if families:
        font.setFamilies(families)
    return font
