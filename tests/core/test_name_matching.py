"""A curator accepts a name once; the matcher finds it everywhere else, in Arabic as in French."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.text.folding import fold, fold_char, fold_spaced
from curator.text.names import NameMatcher, name_key

UN = "الأمم المتحدة"


def spans(text: str, matcher: NameMatcher[str]) -> list[tuple[int, int, str, str]]:
    return [(o.start, o.end, text[o.start : o.end], o.payload) for o in matcher.find(text)]


def test_the_united_nations_accepted_as_org_is_found_three_times_without_its_proclitics() -> None:
    text = "قالت للأمم المتحدة إن والأمم المتحدة ترى، وذكرت الامم المتحده أن الأممية ليست اسما."
    matcher = NameMatcher([(UN, "ORG")])
    found = spans(text, matcher)
    contracted = text.index("للأمم") + 1
    with_wa = text.index("والأمم") + 1
    plain = text.index("الامم المتحده")
    assert found == [
        # the first ل is the preposition; the second stands for the article and starts the name
        (contracted, contracted + 12, "لأمم المتحدة", "ORG"),
        (with_wa, with_wa + 13, "الأمم المتحدة", "ORG"),
        (plain, plain + 13, "الامم المتحده", "ORG"),
    ]


def test_a_name_inside_a_longer_word_is_not_found() -> None:
    matcher = NameMatcher([("الأمم", "ORG")])
    assert matcher.find("الأممية والأمميون") == []
    assert spans("الأممية والأمم", matcher) == [(9, 14, "الأمم", "ORG")]


def test_the_whole_proclitic_chain_stays_outside() -> None:
    matcher = NameMatcher([("السودان", "LOC"), ("بغداد", "LOC")])
    text = "وبالسودان وللسودان فبغداد كالسودان"
    assert [t for _, _, t, _ in spans(text, matcher)] == ["السودان", "لسودان", "بغداد", "السودان"]
    # a letter that is not a proclitic before the name makes another word
    assert matcher.find("تبغداد مالسودان") == []


def test_names_that_begin_like_a_proclitic_keep_their_letters() -> None:
    assert name_key("فلسطين") == "فلسطين"
    assert name_key("والي") == "والي"
    assert name_key("الله") == "الله"
    assert name_key("للأمم المتحدة") == name_key("والأمم المتحدة") == name_key(UN) == "الامم المتحده"
    for name in ("وللأمم المتحدة", "فبالأمم", "L’ONU", "d'Alger", "لبنان", "  الأمم\n المتحدة "):
        assert name_key(name_key(name)) == name_key(name)
    matcher = NameMatcher([("فلسطين", "LOC")])
    assert spans("وفلسطين", matcher) == [(1, 7, "فلسطين", "LOC")]


def test_the_onu_in_french_leaves_the_elision_out() -> None:
    text = "Le rapport de l'ONU, repris par l’ONU et par ONU Femmes ; d'ONU aussi, mais pas BONUS ni ONUSIDA."
    matcher = NameMatcher([("l'ONU", "ORG")])
    found = spans(text, matcher)
    assert [t for _, _, t, _ in found] == ["ONU", "ONU", "ONU", "ONU"]
    assert [s for s, _, _, _ in found] == [16, 34, 45, text.index("d'ONU") + 2]
    assert name_key("L’ONU") == name_key("onu") == "onu"


def test_french_case_and_accents_are_folded() -> None:
    matcher = NameMatcher([("Organisation de la coopération islamique", "ORG")])
    text = "L'ORGANISATION DE LA COOPERATION ISLAMIQUE s'est réunie."
    assert spans(text, matcher) == [(2, 42, text[2:42], "ORG")]


def test_the_longest_name_wins() -> None:
    matcher = NameMatcher([("منظمة التعاون الإسلامي", "ORG"), ("التعاون الإسلامي", "MISC")])
    text = "أعلنت منظمة التعاون الإسلامي ثم التعاون الإسلامي"
    start = text.index("منظمة")
    second = text.rindex("التعاون")
    assert spans(text, matcher) == [
        (start, start + 22, "منظمة التعاون الإسلامي", "ORG"),
        (second, second + 16, "التعاون الإسلامي", "MISC"),
    ]


def test_nfd_tashkeel_zwnj_and_bidi_controls_inside_a_name() -> None:
    matcher = NameMatcher([(UN, "ORG"), ("Genève", "LOC")])
    nfd = unicodedata.normalize("NFD", "à Genève") + " "
    # "à" is two code points in NFD, "Genève" seven
    assert spans(nfd, matcher) == [(3, 10, unicodedata.normalize("NFD", "Genève"), "LOC")]
    marked = "في \u2067الأُمَمِ\u200c المتّحدةُ\u2069 اليوم"
    found = spans(marked, matcher)
    # the isolate's opening control stays out, the tashkeel of the last letter is in, the closing control out
    start = marked.index("ا")
    end = marked.index("\u2069")
    assert found == [(start, end, marked[start:end], "ORG")]
    assert marked[end - 1] == "\u064f"


def test_astral_characters_before_a_name_do_not_shift_it() -> None:
    text = "😀🇫🇷𝔸 الأمم المتحدة 😀 ONU"
    matcher = NameMatcher([(UN, "ORG"), ("ONU", "ORG")])
    found = spans(text, matcher)
    assert found == [(5, 18, UN, "ORG"), (21, 24, "ONU", "ORG")]


def test_a_name_matches_across_any_white_space_but_not_across_a_paragraph() -> None:
    matcher = NameMatcher([(UN, "ORG")])
    text = "الأمم \u00a0 المتحدة\nو\nالأمم\n\nالمتحدة"
    assert spans(text, matcher) == [(0, 15, "الأمم \u00a0 المتحدة", "ORG")]


def test_the_folded_copy_points_back_into_the_stored_text() -> None:
    text = "a\u200f  b\n\nc"
    folded = fold_spaced(text, "\n\n")
    assert folded.text == "a b\nc"
    assert folded.origin == [0, 2, 4, 5, 7]
    assert folded.span_with_marks(0, 3, text) == (0, 5)


def test_names_with_the_same_key_or_no_letters_are_refused() -> None:
    with pytest.raises(ValueError, match="same key"):
        NameMatcher([("الأمم المتحدة", "ORG"), ("والامم المتحده", "ORG")])
    with pytest.raises(ValueError, match="no letters"):
        NameMatcher([("  \u200f ", "ORG")])
    assert NameMatcher[str]([]).find("الأمم المتحدة") == []


_PIECES = [
    "ا",
    "أ",
    "ل",
    "e",
    "É",
    "\u064e",
    "\u0651",
    "\u200c",
    "\u2067",
    "\u0640",
    " ",
    "  ",
    "\n",
    "\n\n",
    "😀",
    "\u0301",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_every_folded_character_points_at_the_stored_character_it_came_from(pieces: list[str]) -> None:
    text = "".join(pieces)
    kept = [i for i, ch in enumerate(text) if fold_char(ch)]
    folded = fold(text)
    assert folded.origin == kept
    assert [folded.source_offset(i) for i in range(len(folded.text))] == kept
    # squeezed: each run of white space one character, from where the run starts
    spaced = fold_spaced(text, "\n\n")
    expected_text, expected_origin, at = [], [], 0
    while at < len(kept):
        ch = fold_char(text[kept[at]])
        if ch.isspace():
            run_end = at
            while run_end < len(kept) and fold_char(text[kept[run_end]]).isspace():
                run_end += 1
            run = text[kept[at] : kept[run_end - 1] + 1]
            long_run = run_end - at > 1 or ch != " "
            expected_text.append(("\n" if "\n\n" in run else " ") if long_run else " ")
            expected_origin.append(kept[at])
            at = run_end
        else:
            expected_text.append(ch)
            expected_origin.append(kept[at])
            at += 1
    assert spaced.text == "".join(expected_text)
    assert spaced.origin == expected_origin
    assert [spaced.source_offset(i) for i in range(len(spaced.text))] == expected_origin


def test_a_span_from_the_article_of_a_contraction_may_have_the_names_key() -> None:
    from curator.text.names import contracted_key

    assert contracted_key("لأمم المتحدة", "ل") == contracted_key("لأمم المتحدة", " ل") == name_key("الأمم المتحدة")
    assert contracted_key("لأمم المتحدة", "ول") == name_key("الأمم المتحدة")
    # a word that only ends in ل before it is no contraction; a name with no article is its own key
    assert contracted_key("لبنان", "ال") is None
    assert contracted_key("الأمم المتحدة", "ل") is None
