"""Ranking entities for a mention (issue 19): folded as search folds, aliases included, across
Arabic and Latin script through the consonant skeleton, near misses scored by rapidfuzz."""

from __future__ import annotations

import pytest

from curator.text.candidates import CandidateIndex, EntityForms
from curator.text.names import name_key
from curator.text.transliteration import skeleton

KHIARI = EntityForms("khiari", "PER", ("خالد خياري", "Khaled Khiari", "خياري"))
DISTRACTORS = [
    EntityForms("abdallah", "PER", ("خالد عبد الله", "Khaled Abdallah")),
    EntityForms("mishaal", "PER", ("خالد مشعل", "Khalid Mishaal")),
    EntityForms("khairi", "PER", ("Mohamed Khairi",)),
    EntityForms("oci", "ORG", ("منظمة التعاون الإسلامي", "l'Organisation de la coopération islamique", "OCI")),
    EntityForms("guterres", "PER", ("أنطونيو غوتيريش", "António Guterres")),
    EntityForms("onu", "ORG", ("الأمم المتحدة", "Organisation des Nations unies", "ONU")),
]


@pytest.fixture(scope="module")
def index() -> CandidateIndex:
    return CandidateIndex([*DISTRACTORS, KHIARI])


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("خياري", "Khiari"),
        ("خالد", "Khaled"),
        ("مشعل", "Mishaal"),
        ("غوتيريش", "Guterres"),
        ("الشريف", "Chérif"),
        ("جيبوتي", "Djibouti"),
        ("فاطمة", "Fatima"),
        ("قطر", "Qatar"),
        ("محمد", "Mohammed"),
    ],
)
def test_an_arabic_name_and_its_french_spelling_have_one_skeleton(arabic: str, latin: str) -> None:
    assert skeleton(name_key(arabic)) == skeleton(name_key(latin)) != ""


def test_different_names_keep_different_skeletons() -> None:
    assert skeleton(name_key("خياري")) != skeleton(name_key("مشعل"))
    assert skeleton(name_key("Khaled")) != skeleton(name_key("Abdallah"))


@pytest.mark.parametrize(
    "mention", ["خياري", "M. Khiari", "Khiari", "Khaled Khiari", "خالد خياري", "السيد خالد خياري", "Khyari", "KHIARI"]
)
def test_khiari_ranks_first_for_his_mentions_in_either_script(index: CandidateIndex, mention: str) -> None:
    found = index.candidates(mention)
    assert found[0].key == "khiari", found
    assert found[0].score > found[1].score if len(found) > 1 else True


@pytest.mark.parametrize(
    "mention",
    ["OCI", "منظمة التعاون الاسلامي", "l’Organisation de la Coopération islamique", "لمنظمة التعاون الإسلامي"],
)
def test_an_organisation_is_found_by_its_names_and_acronym(index: CandidateIndex, mention: str) -> None:
    assert index.candidates(mention)[0].key == "oci"


def test_types_limit_the_candidates_and_nothing_alike_gives_nothing(index: CandidateIndex) -> None:
    assert [c.key for c in index.candidates("Khiari", types=["ORG"])] == []
    assert index.candidates("Zzyzx") == []
    assert index.candidates("  ...  ") == []
    assert len(index.candidates("خالد", limit=2)) == 2


def test_the_form_that_scored_is_given_and_scores_are_bounded(index: CandidateIndex) -> None:
    best = index.candidates("خياري")[0]
    assert best.form == "خياري" and best.score == 100.0
    assert all(0 <= c.score <= 100 for c in index.candidates("Khaled"))
