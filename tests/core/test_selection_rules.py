"""What a selection stands for (word snapping, Arabic proclitics and article, French elision, marks,
paragraphs) and the span index the view paints from: Qt-free, no widgets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from curator.store.queries import SpanRecord
from curator.store.span_index import SpanIndex, lanes
from curator.text.selection import SnapRules, occurrence_is_whole_word, span_for_selection, word_for_double_click

SNAP = SnapRules()
ARTICLE_OUT = SnapRules(article_may_stay_out=True)
EXACT = SnapRules(exact=True)
TEXT = "تعززان التعاون في غزة والسودان وبالأمم المتحدة.\nوقال خياري إن l’OCI reste là."


def _words(text: str, found: tuple[int, int] | None) -> str | None:
    return None if found is None else text[found[0] : found[1]]


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_a_selection_inside_words_grows_to_the_whole_words() -> None:
    start, end = _at("التعاون في غزة")
    assert _words(TEXT, span_for_selection(TEXT, start + 2, end - 1, SNAP)) == "التعاون في غزة"
    assert _words(TEXT, span_for_selection(TEXT, end - 1, start + 2, SNAP)) == "التعاون في غزة"  # reversed


def test_a_proclitic_stays_out_when_the_selection_starts_after_it() -> None:
    start, end = _at("والسودان")
    assert _words(TEXT, span_for_selection(TEXT, start + 1, end, SNAP)) == "السودان"
    assert _words(TEXT, span_for_selection(TEXT, start, end, SNAP)) == "والسودان"
    # Two proclitics (و + ب) before the article: both stay out, the article stays in...
    start, end = _at("وبالأمم")
    assert _words(TEXT, span_for_selection(TEXT, start + 2, end, SNAP)) == "الأمم"
    # ...unless the layer lets the article stay out too, and the selection starts after it.
    assert _words(TEXT, span_for_selection(TEXT, start + 4, end, ARTICLE_OUT)) == "أمم"
    # A layer that keeps the article: the proclitics still stay out, the article comes back in.
    assert _words(TEXT, span_for_selection(TEXT, start + 4, end, SNAP)) == "الأمم"
    assert _words(TEXT, span_for_selection(TEXT, start + 3, end, SNAP)) == "الأمم"


def test_a_selection_starting_inside_a_root_is_not_taken_for_a_proclitic() -> None:
    start, end = _at("غزة")
    assert _words(TEXT, span_for_selection(TEXT, start + 1, end, SNAP)) == "غزة"


def test_french_elision_stays_out() -> None:
    start, end = _at("l’OCI")
    assert _words(TEXT, span_for_selection(TEXT, start + 2, end, SNAP)) == "OCI"
    assert _words(TEXT, span_for_selection(TEXT, start, end, SNAP)) == "l’OCI"


def test_a_double_clicked_word_loses_its_clitics_as_a_drag_after_them_would() -> None:
    def clicked(word: str, rules: SnapRules = SNAP) -> str | None:
        text = f"قال {word} هنا"
        return _words(text, word_for_double_click(text, 4, 4 + len(word), rules))

    assert clicked("والسودان") == "السودان"
    assert clicked("وَالسودان") == "السودان"  # the proclitic's mark goes with it
    assert clicked("وبالأمم") == "الأمم"
    assert clicked("وبالأمم", ARTICLE_OUT) == "أمم"
    assert clicked("وللأمم") == "لأمم"  # li + article: the article's lam stays
    assert clicked("l’OCI") == "OCI"
    assert clicked("qu’elle") == "elle"
    # Proclitic letters that begin the word itself, or leave less than a word behind, stay.
    for word in ("بغداد", "فلسطين", "والي", "aujourd’hui", "السودان"):
        assert clicked(word) == word


def test_paragraph_breaks_and_punctuation() -> None:
    start = _at("والسودان")[0]
    said = _at("وقال")[1]
    assert _words(TEXT, span_for_selection(TEXT, start + 1, said, SNAP)) == "السودان وبالأمم المتحدة"
    assert span_for_selection(TEXT, start + 1, said, SnapRules(cross_paragraph=True)) == (start + 1, said)
    dot = TEXT.index(".")
    assert span_for_selection(TEXT, dot, dot + 1, SNAP) is None
    assert span_for_selection(TEXT, dot, dot + 1, EXACT) == (dot, dot + 1)


def test_marks_stay_with_their_letter_even_in_exact_mode() -> None:
    text = "قَالَ خَالِدُ"
    start = text.index("خ")
    assert span_for_selection(text, start, len(text) - 1, EXACT) == (start, len(text))
    assert span_for_selection(text, start + 1, len(text), EXACT) == (start, len(text))


@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)), st.booleans(), st.booleans())
def test_every_result_is_inside_one_paragraph_and_on_boundaries(a: int, b: int, exact: bool, article: bool) -> None:
    rules = SnapRules(exact=exact, article_may_stay_out=article)
    found = span_for_selection(TEXT, a, b, rules)
    if found is None:
        return
    start, end = found
    assert 0 <= start < end <= len(TEXT)
    assert "\n" not in TEXT[start:end]
    assert span_for_selection(TEXT, start, end, rules) == found  # stable: applying twice changes nothing


def test_whole_word_occurrences() -> None:
    text = "السودان والسودان السودانية l’OCI OCI"
    starts = [i for i in range(len(text)) if text.startswith("السودان", i)]
    assert [occurrence_is_whole_word(text, s, s + 7) for s in starts] == [True, True, False]
    oci = [i for i in range(len(text)) if text.startswith("OCI", i)]
    assert [occurrence_is_whole_word(text, s, s + 3) for s in oci] == [True, True]


def _span(span_id: int, start: int, end: int, label: str = "ORG") -> SpanRecord:
    return SpanRecord(span_id, 1, "amina", "entity", label, start, end, {}, "", 1)


def test_span_index_finds_spans_touching_a_stretch_and_stays_sorted() -> None:
    index = SpanIndex([_span(1, 0, 10), _span(2, 2, 4), _span(3, 20, 25), _span(4, 100, 400)])
    assert [s.id for s in index.overlapping(3, 21)] == [1, 2, 3]
    assert [s.id for s in index.overlapping(10, 20)] == []
    assert [s.id for s in index.overlapping(300, 301)] == [4]  # a long span starting far before
    assert [s.id for s in index.at(3)] == [2, 1]  # innermost first
    index.add(_span(5, 3, 9))
    index.remove(1)
    assert [s.id for s in index] == [2, 5, 3, 4]
    index.add(_span(2, 30, 31))  # changed offsets: moved, not duplicated
    assert [s.id for s in index] == [5, 3, 2, 4]
    assert index.find("entity", "ORG", 30, 31) is not None and index.find("entity", "PER", 30, 31) is None


def test_nested_and_overlapping_spans_get_separate_lanes() -> None:
    spans = [_span(1, 0, 20), _span(2, 5, 10), _span(3, 8, 15), _span(4, 30, 40)]
    lane = lanes(spans)
    assert lane[1] == 0 and lane[4] == 0
    assert len({lane[1], lane[2], lane[3]}) == 3
