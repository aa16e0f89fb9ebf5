"""Language, direction, search folding and span boundaries on the corpus's own kinds of text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.text.boundaries import clamp_to_boundaries, inner_splits, is_boundary, proclitic_split, snap
from curator.text.folding import find_all, fold, fold_words
from curator.text.language import LANGUAGES, base_direction, detect_language, line_direction, paragraph_direction


@pytest.mark.parametrize(
    ("name", "language", "direction"),
    [
        ("000_f694274a42498c38.txt", "ar", "rtl"),
        ("001_69f5943f550353c0.txt", "ar", "rtl"),
        ("002_cf51298b20422178.txt", "ar", "rtl"),
        ("003_b923d6f7b2ab459c.txt", "fr", "ltr"),
        ("004_fb4527da7287913f.txt", "ar", "rtl"),
    ],
)
def test_seed_language_and_direction(seeds: Path, name: str, language: str, direction: str) -> None:
    text = (seeds / name).read_text(encoding="utf-8")
    assert detect_language(text) == language
    assert base_direction(text) == direction


def test_each_paragraph_has_its_own_direction(samples: Path) -> None:
    paragraphs = (samples / "mixed_paragraphs.txt").read_text(encoding="utf-8").splitlines()
    assert [paragraph_direction(p) for p in paragraphs] == ["ltr", "rtl", "ltr"]


def test_a_snippet_reads_in_the_direction_of_its_line(samples: Path) -> None:
    text = (samples / "mixed_paragraphs.txt").read_text(encoding="utf-8")
    # "OCI" in the French line and "خياري" in the Arabic one; an empty line or text has no strong letter.
    assert line_direction(text, text.index("OCI")) == "ltr"
    assert line_direction(text, text.index("خياري")) == "rtl"
    assert line_direction("أ\n\nب", 2) == paragraph_direction("") == "ltr"


def test_english_and_unknown_languages() -> None:
    assert detect_language("The Secretary-General said that the partnership is essential.") == "en"
    assert detect_language("12345 !!!") == "other"


def test_arabic_search_ignores_tashkeel_and_folds_letter_forms(samples: Path) -> None:
    text = (samples / "tashkeel_ar.txt").read_text(encoding="utf-8")
    matches = find_all(text, "خالد خياري")
    assert [text[s:e] for s, e in matches] == ["خَالِدُ خِيَارِي", "خالد خياري"]
    assert find_all("منظمة الأمم", "الامم") == [(6, 11)]
    assert find_all("على مستوى", "علي") == [(0, 3)]
    assert find_all("القاهرة", "القاهره") == [(0, 7)]
    assert find_all("تعـــاون", "تعاون") == [(0, 8)]


def test_french_search_ignores_accents_and_case() -> None:
    text = "Le Mémorandum et le MEMORANDUM"
    assert [text[s:e] for s, e in find_all(text, "memorandum")] == ["Mémorandum", "MEMORANDUM"]


def test_words_are_folded_with_white_space_runs_made_one_space() -> None:
    assert fold_words("  الأُمَم\u00a0 المتحدة\t") == "الامم المتحده"
    assert fold_words("Réunion\n du  CONSEIL") == "reunion du conseil"


def test_folding_keeps_a_map_to_original_offsets() -> None:
    folded = fold("قَالَ")
    assert folded.text == "قال"
    assert folded.span_in_source(0, 3) == (0, 4)  # the last fatha is dropped; find_all extends over it


def test_a_span_never_separates_a_letter_from_its_marks() -> None:
    text = "قَالَ"
    assert not is_boundary(text, 1)
    assert clamp_to_boundaries(text, 1, 4) == (0, 5)


@settings(max_examples=300, deadline=None)  # the first call reads every code point's category
@given(st.text(alphabet="قالَُِّْـ\u200d👍🏽a\u0301 \n", max_size=40))
def test_the_offsets_no_span_may_start_or_end_at_are_the_ones_is_boundary_refuses(text: str) -> None:
    """Imports check every span against this set instead of asking is_boundary twice per span."""
    assert inner_splits(text) == {i for i in range(len(text) + 1) if not is_boundary(text, i)}


def test_snapping_to_words_may_leave_the_proclitic_outside() -> None:
    text = "في غزة والسودان اليوم"
    inside = text.index("السودان")
    assert snap(text, inside + 2, inside + 4) == (inside - 1, inside + 7)
    assert snap(text, inside, inside + 4, keep_proclitic_out=True) == (inside, inside + 7)
    assert proclitic_split(text, inside - 1, inside) == inside
    # "ال" is not a proclitic to split: a selection inside the article snaps to the word start
    assert proclitic_split(text, inside - 1, inside + 1) == inside - 1


def test_snapping_trims_spaces_and_punctuation() -> None:
    text = "« Khaled Khiari », a-t-il dit."
    start = text.index("Kha")
    assert snap(text, start - 2, start + 15) == (start, start + 13)


def test_hard_wrapped_text_keeps_its_paragraphs_at_blank_lines(seeds: Path) -> None:
    from curator.text.boundaries import crosses_paragraph, paragraph_bounds, paragraph_separator

    wrapped = (seeds / "000_f694274a42498c38.txt").read_text(encoding="utf-8")
    assert paragraph_separator(wrapped) == "\n\n"
    name = wrapped.index("منظمة التعاون")
    assert not crosses_paragraph(wrapped, 0, 20) and crosses_paragraph(wrapped, 0, wrapped.index("\n\n") + 3)
    one_per_line = (seeds / "001_69f5943f550353c0.txt").read_text(encoding="utf-8")
    assert paragraph_separator(one_per_line) == "\n"
    assert crosses_paragraph(one_per_line, 0, one_per_line.index("\n") + 2)
    start, end = paragraph_bounds(wrapped, name)
    assert "\n" in wrapped[start:end] and "\n\n" not in wrapped[start:end]


def test_folding_on_first_use_folds_as_the_full_table_folds() -> None:
    from curator.text.folding import _table, fold_text

    every_ascii = "".join(map(chr, range(128)))
    assert fold_text(every_ascii) == every_ascii.translate(_table())
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert fold_text(bmp) == bmp.translate(_table())
    assert fold_text("😀𝐀\U0001e900") == "😀𝐀\U0001e900"  # outside the BMP nothing is folded, as before


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *"aZé قالخ ١٢3.,«»()-",
                *("\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202e", "\u202c"),
                *("\u200e", "\u200f", "\u061c", "\u05d0", "😀", "\u064e"),
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_paragraph_direction_agrees_with_python_bidi(paragraph: str) -> None:
    from bidi import get_base_level

    from curator.text.language import paragraph_direction

    assert paragraph_direction(paragraph) == ("rtl" if get_base_level(paragraph) == 1 else "ltr")


def test_words_in_capitals_do_not_tell_the_language() -> None:
    """Acronyms and headlines in capitals (THE, LE, ONU) are not articles; only lower-case words count,
    which the word lists hold alone (detect_language looks words up without asking their case)."""
    from curator.text.language import _ENGLISH, _FRENCH

    assert all(word.islower() for word in _FRENCH | _ENGLISH)
    shouting_english = "ONU OCI THE AND OF THE AND OF IN IS: la coopération entre les deux organisations et le Conseil"
    assert detect_language(shouting_english) == "fr"
    shouting_french = "ONU OCI LE LA LES DE ET DES: the cooperation between the two organisations and the Council"
    assert detect_language(shouting_french) == "en"


PERSIAN = "سازمان ملل متحد و سازمان همکاری اسلامی در گزارش تازه‌ای از پیشرفت همکاری‌ها در کمک به مردم ژاپن و چین گفتند."


def test_persian_is_told_from_arabic_by_the_letters_only_persian_writes(seeds: Path) -> None:
    assert detect_language(PERSIAN) == "fa" and "fa" in LANGUAGES
    assert base_direction(PERSIAN, "fa") == base_direction("", "fa") == "rtl"
    # Persian typed without its own yeh and keheh still has pe, che, gaf and the ZWNJ of its compounds
    assert detect_language("می\u200cخواهند پيش از گفتگو با چين") == "fa"
    # an Arabic text naming a Persian place or person stays Arabic
    assert detect_language("قال المتحدث إن الوفد زار گلستان والتقى بالمسؤولين في المدينة") == "ar"
    for name in ("000_f694274a42498c38.txt", "004_fb4527da7287913f.txt"):
        assert detect_language((seeds / name).read_text(encoding="utf-8")) == "ar"


def test_a_persian_document_is_imported_as_fa_right_to_left(db_url: str, tmp_path: Path) -> None:
    import json

    from test_cli import run

    path = tmp_path / "fa.jsonl"
    lines = [{"id": "fa-1", "text": PERSIAN}, {"id": "fa-2", "text": "گزارش", "language": "fa"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    done = run("import", str(path), db_url=db_url)
    assert done.returncode == 0, done.stderr
    stats = json.loads(run("stats", "--json", db_url=db_url).stdout)
    assert stats["documents"]["by_language"] == {"fa": 2}
