"""Offsets are code points; Qt counts UTF-16 units. One tested mapping converts between them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from curator.text.utf16 import Utf16Offsets


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_emoji_before_arabic_moves_utf16_positions_only(samples) -> None:  # type: ignore[no-untyped-def]
    text = (samples / "emoji_ar.txt").read_text(encoding="utf-8")
    mapping = Utf16Offsets(text)
    start = text.index("الأمم المتحدة")
    assert mapping.to_utf16(start) == start + 1  # one emoji (two units) before it
    assert mapping.to_codepoint(mapping.to_utf16(start)) == start
    flags = text.index("🇺🇳")
    assert mapping.to_utf16(flags + 2) - mapping.to_utf16(flags) == 4


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    mapping = Utf16Offsets("a😀b")
    assert mapping.is_inside_pair(2)
    assert mapping.to_codepoint(2) == 1
    assert not mapping.is_inside_pair(3)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_mapping_agrees_with_utf16_encoding_everywhere(text: str) -> None:
    mapping = Utf16Offsets(text)
    assert mapping.utf16_length == _utf16_len(text)
    for i in range(len(text) + 1):
        position = _utf16_len(text[:i])
        assert mapping.to_utf16(i) == position
        assert mapping.to_codepoint(position) == i
