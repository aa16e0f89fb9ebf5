"""A reviewer is never misled by a title that hides a direction override."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from curator.text.invisible import has_invisible, isolate, reveal
from curator.text.storable import storable, unstorable


def test_an_override_in_a_title_is_shown_by_name() -> None:
    assert reveal("invoice\u202etxt.exe") == "invoice⟦RLO⟧txt.exe"
    assert reveal("plain title") == "plain title"


def test_the_bidi_sample_reveals_every_control(samples: Path) -> None:
    text = (samples / "bidi_controls.txt").read_text(encoding="utf-8")
    assert has_invisible(text)
    shown = reveal(text)
    assert not has_invisible(shown)
    for name in ("RLO", "PDF", "RLM", "LRI", "PDI", "LRM"):
        assert f"⟦{name}⟧" in shown


def test_isolating_closes_what_the_text_left_open() -> None:
    wrapped = isolate("a\u202eb\u2067c")
    assert wrapped == "\u2068a\u202eb\u2067c\u202c\u2069\u2069"


@given(st.lists(st.text(alphabet=st.sampled_from("a ع😀\x00\ud800\udbff\udc00\udfff\ufffd"), max_size=6), max_size=4))
def test_the_quick_storable_check_agrees_with_the_character_by_character_one(values: list[str]) -> None:
    """Imports check a document's strings in one pass; it must refuse exactly what a search for
    NUL and lone surrogates finds (a pair of surrogates as Python text is two lone halves)."""
    assert storable(values) == all(unstorable(v) is None for v in values)
