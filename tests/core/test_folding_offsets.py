"""Folded copies of long texts point back into the stored text, character by character: the fast path
of long texts (characters replaced one kind at a time, drops and white space found in one pass) folds
and maps exactly as folding one character at a time does; overlaps of several matchers' names resolve
as one matcher's would; a suggestion's JSON line is what ``json.dumps`` writes."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.suggest.model import Suggestion
from curator.text import folding
from curator.text.folding import fold, fold_char, fold_spaced, fold_text
from curator.text.names import NameMatcher, fold_for_names, resolve

# Arabic with tashkeel, shadda in both orders, tatweel, hamza forms, ta marbuta; bidi controls and
# invisible marks; French with elisions, accents (composed and NFD), capitals; every kind of white space.
_PIECES = [
    "الأُمَمُ",
    "المتّحدة",
    "\u0651\u064e",
    "\u064e\u0651",
    "جـــمهورية",
    "إلى",
    "آمنة",
    "مدرسة",
    "\u200f",
    "\u200e",
    "\u202b",
    "\u2067",
    "\u2069",
    "\u061c",
    "\u00ad",
    "\ufeff",
    "l'ONU",
    "d’Égypte",
    "qu'Élise",
    "Genève",
    "Gene\u0300ve",
    "ÇA",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u2029",
    "\u2000",
    "😀",
    "x",
]


def _reference(text: str, separator: str) -> tuple[str, list[int]]:
    """fold_spaced one character at a time: each kept character folded, each run of white space one
    character (from the run's first), a newline where the run holds ``separator``."""
    kept = [i for i, ch in enumerate(text) if fold_char(ch)]
    out: list[str] = []
    origin: list[int] = []
    at = 0
    while at < len(kept):
        ch = fold_char(text[kept[at]])
        if ch.isspace():
            end = at
            while end < len(kept) and fold_char(text[kept[end]]).isspace():
                end += 1
            run = text[kept[at] : kept[end - 1] + 1]
            long_run = end - at > 1 or ch != " "
            out.append(
                ("\n" if separator in run and ("\n" in run or "\r" in run or "\u2029" in run) else " ")
                if long_run
                else " "
            )
            origin.append(kept[at])
            at = end
        else:
            out.append(ch)
            origin.append(kept[at])
            at += 1
    return "".join(out), origin


def _long(pieces: list[str], seed: int) -> str:
    """A text over the length from which folding takes its fast path."""
    rng = random.Random(seed)
    text = "".join(pieces)
    while len(text) <= folding._LONG:
        text += rng.choice(_PIECES)
    return text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 1000), st.sampled_from(["\n", "\n\n"]))
def test_a_long_text_folds_and_maps_as_one_character_at_a_time(pieces: list[str], seed: int, separator: str) -> None:
    text = _long(pieces, seed)
    assert len(text) > folding._LONG
    kept = [i for i, ch in enumerate(text) if fold_char(ch)]
    plain = fold(text)
    assert plain.text == "".join(fold_char(text[i]) for i in kept) == fold_text(text)
    assert plain.origin == kept
    spaced = fold_spaced(text, separator)
    assert (spaced.text, spaced.origin) == _reference(text, separator)
    # round trip: every folded character maps to a stored one that folds to it
    for at, source in enumerate(spaced.origin):
        assert spaced.source_offset(at) == source
        assert fold_char(text[source]) == spaced.text[at] or spaced.text[at] in " \n"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["\n", "\n\n"]))
def test_a_short_text_maps_as_one_character_at_a_time(pieces: list[str], separator: str) -> None:
    text = "".join(pieces)
    spaced = fold_spaced(text, separator)
    assert (spaced.text, spaced.origin) == _reference(text, separator)


@pytest.mark.parametrize("short", [True, False])
def test_tashkeel_tatweel_and_bidi_marks_are_dropped_and_the_map_skips_them(short: bool) -> None:
    text = "\u200fالأُمَمُ  الـمتّحدة\n\n\u2067l'ONU\u2069 à Gene\u0300ve"
    padding = "" if short else "x" * folding._LONG + " "
    whole = padding + text
    folded = fold_for_names(whole)
    assert folded.text == padding + "الامم المتحده\nl'onu a geneve"
    at = len(padding)
    start = folded.text.index("الامم", at)
    # the name's span in the stored text: from its alef, through the tashkeel of its last letter
    assert folded.span_with_marks(start, start + 13, whole) == (at + 1, at + 20)
    assert whole[at + 1 : at + 20] == "الأُمَمُ  الـمتّحدة"
    onu = folded.text.index("onu")
    assert whole[slice(*folded.span_with_marks(onu, onu + 3, whole))] == "ONU"
    geneve = folded.text.index("geneve")
    # the NFD grave accent after the e of the folded text's "gene" is inside, and the last e ends it
    assert whole[slice(*folded.span_with_marks(geneve, geneve + 6, whole))] == "Gene\u0300ve"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40), st.data())
def test_many_spans_map_as_each_one_alone(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    folded = fold_spaced(text, "\n\n")
    if not folded.text:
        return
    starts = sorted(data.draw(st.lists(st.integers(0, len(folded.text) - 1), max_size=20)))
    spans = [(start, min(len(folded.text), start + data.draw(st.integers(1, 6)))) for start in starts]
    assert folded.spans_with_marks(spans, text) == [folded.span_with_marks(a, b, text) for a, b in spans]


_BASE = [("الأمم", "a"), ("منظمة التعاون", "b"), ("الإسلامي اليوم", "c")]


def test_names_learned_later_compete_with_the_first_matchers_as_one_matchers_would() -> None:
    # with tashkeel the stored spans are longer than the folded ones: the longest is told on the folded text
    text = "قالت الأُمَمُ المتحدة ومنظمة التعاون الإسلامي اليوم"
    learned = [("الأمم المتحدة", "d"), ("التعاون الإسلامي", "e")]
    base = NameMatcher(_BASE)
    extra = NameMatcher(learned)
    both = NameMatcher([*_BASE, *learned])
    folded = fold_for_names(text)
    together = resolve(folded, text, [base.matches(folded), extra.matches(folded)])
    assert together == both.find(text) == base.find_in(folded, text, extra=[extra.matches(folded)])
    assert [(o.payload, text[o.start : o.end]) for o in together] == [
        ("d", "الأُمَمُ المتحدة"),
        ("e", "التعاون الإسلامي"),
    ]


def test_a_learned_name_longer_in_letters_wins_over_a_base_name_longer_in_marks() -> None:
    # "جمهورية مصر" is 11 letters written in 18 code points; "مصر العربية الكبرى" 18 letters
    text = "جُمْهُورِيَّةُ مصر العربية الكبرى"
    base, extra = NameMatcher([("جمهورية مصر", "a")]), NameMatcher([("مصر العربية الكبرى", "b")])
    folded = fold_for_names(text)
    found = base.find_in(folded, text, extra=[extra.matches(folded)])
    assert found == NameMatcher([("جمهورية مصر", "a"), ("مصر العربية الكبرى", "b")]).find(text)
    assert [(o.payload, text[o.start : o.end]) for o in found] == [("b", "مصر العربية الكبرى")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8), st.integers(0, 5)), max_size=30))
def test_overlaps_resolve_per_cluster_as_longest_first_over_all(raw: list[tuple[int, int, int]]) -> None:
    from curator.text.names import _longest_first

    candidates = [(-length, start, start + length, index) for start, length, index in raw]
    taken: set[int] = set()
    expected = []
    for _, start, end, index in sorted(candidates):
        if not taken & set(range(start, end)):
            taken |= set(range(start, end))
            expected.append((start, end, index))
    assert _longest_first(list(candidates), 50) == sorted(expected)


@pytest.mark.parametrize("score", [None, 0.0, 1.0, 0.5, 1 / 3, 2e-05, 0.99996])
@pytest.mark.parametrize("text", ["ONU", 'l"ONU\\\n\t', "\u200fالأمم\U0001f600", "\x00\x1f\x7f\u2028"])
def test_a_suggestions_json_line_is_what_json_dumps_writes(score: float | None, text: str) -> None:
    suggestion = Suggestion(1, 2, 30, "ENT", "ORG", score, "gazetteer:villes", text)
    for document in ("doc-1", 'a"b\\ب'):
        assert suggestion.to_json(document) == json.dumps(suggestion.to_dict(document), ensure_ascii=False)
