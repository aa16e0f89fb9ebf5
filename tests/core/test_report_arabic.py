"""Arabic label names in the report's charts are drawn joined and right to left, whether the installed
matplotlib shapes Arabic itself (3.11 does) or not: checked on the pixels drawn."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from curator.review.report import matplotlib_shapes_text, shape_for_chart

WORD = "شخص"  # PER's Arabic name: ش (three dots above) first, so at the right edge when drawn right
BEHS = "ببب"  # joined (initial, medial, final) about half as wide as isolated: tells joined letters
ISOLATED = {"ب": "\ufe8f", "ش": "\ufeb5", "خ": "\ufea5", "ص": "\ufeb9"}


def _font() -> FT2Font:
    font = FT2Font(font_manager.findfont(font_manager.FontProperties()))
    font.set_size(48, 72)
    return font


def _drawn_by_matplotlib(text: str) -> npt.NDArray[np.uint8]:
    """``text`` as the installed matplotlib draws a string (its own shaping, if any)."""
    font = _font()
    font.set_text(text)
    font.draw_glyphs_to_bitmap()
    return np.asarray(font.get_image())


def _drawn_without_shaping(text: str) -> npt.NDArray[np.uint8]:
    """``text`` as a matplotlib that neither shapes nor orders draws it: each character's own glyph,
    left to right on one baseline, each advancing by its width."""
    font = _font()
    image = np.zeros((120, 80 * len(text)), np.uint8)
    x, baseline = 4, 90
    for ch in text:
        glyph = font.load_char(ord(ch))
        font.draw_glyph_to_bitmap(image, x + glyph.horiBearingX // 64, baseline - glyph.horiBearingY // 64, glyph)
        x += glyph.horiAdvance // 64
    return image


def _dots_toward_the_right(image: npt.NDArray[np.uint8]) -> bool:
    """Whether the ink of the top rows (the dots of ش and خ) lies in the right half of the word."""
    rows, columns = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    top = image[rows[0] : rows[0] + max(3, (rows[-1] - rows[0]) // 6)]
    dots = np.flatnonzero(top.any(axis=0))
    return bool((dots.mean() - columns[0]) / (columns[-1] - columns[0]) > 0.55)


def _joined(image: npt.NDArray[np.uint8], text: str) -> bool:
    """Whether the letters are joined: clearly narrower than the same letters in isolated forms."""
    isolated = "".join(ISOLATED[ch] for ch in text)
    return _ink_width(image) < 0.8 * _ink_width(_drawn_without_shaping(isolated))


def _ink_width(image: npt.NDArray[np.uint8]) -> int:
    columns = np.flatnonzero(image.any(axis=0))
    return int(columns[-1] - columns[0] + 1)


def test_the_probe_sees_what_the_installed_matplotlib_does() -> None:
    shapes = _joined(_drawn_by_matplotlib(BEHS), BEHS) and _dots_toward_the_right(_drawn_by_matplotlib(WORD))
    assert matplotlib_shapes_text() == shapes


def test_a_matplotlib_that_shapes_arabic_gets_it_once() -> None:
    """The branch taken with matplotlib 3.11: the text goes as it is, and is drawn right."""
    if not matplotlib_shapes_text():
        raise AssertionError("this matplotlib does not shape Arabic; the other branch is below")
    assert _joined(_drawn_by_matplotlib(shape_for_chart(BEHS)), BEHS)
    assert _dots_toward_the_right(_drawn_by_matplotlib(shape_for_chart(WORD)))
    # Reshaped first, as before, it came out reversed (ﺻﺨﺶ): what the README used to promise.
    twice = _drawn_by_matplotlib(shape_for_chart(WORD, matplotlib_shapes=False))
    assert not _dots_toward_the_right(twice)


def test_a_matplotlib_that_does_not_shape_gets_shaped_visual_text() -> None:
    """The branch for matplotlib before 3.11, drawn as such a matplotlib draws: glyph by glyph."""
    assert _joined(_drawn_without_shaping(shape_for_chart(BEHS, matplotlib_shapes=False)), BEHS)
    assert _dots_toward_the_right(_drawn_without_shaping(shape_for_chart(WORD, matplotlib_shapes=False)))
    # Given as stored, such a matplotlib would draw isolated letters, left to right.
    assert not _joined(_drawn_without_shaping(BEHS), BEHS)
    assert not _dots_toward_the_right(_drawn_without_shaping(WORD))
