"""A reviewer is never misled by a title that hides a direction override."""

from __future__ import annotations

from pathlib import Path

from curator.text.invisible import has_invisible, isolate, reveal


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
