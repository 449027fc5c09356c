"""Matcher rules: confidence levels, rejections, namesakes, non-prisoners, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.names import Matcher
from monitor.prisoners import PersonRecord, bundled_prisoners, read_prisoner_file

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def small():
    """The small list in Vigil's format (tests/data/prisoners_vigil.csv)."""
    return Matcher.from_records(read_prisoner_file(DATA / "prisoners_vigil.csv"))


@pytest.fixture(scope="module")
def full():
    return Matcher.from_records(bundled_prisoners())


def found(matcher, text, lang=None):
    return [(m.prisoner_id, m.surface, m.confidence, m.rule) for m in matcher.find(text, lang)]


def ids(matcher, text, lang=None):
    return {m.prisoner_id for m in matcher.find(text, lang)}


# ----------------------------------------------------------------------- levels

def test_full_name_is_high_and_offsets_point_at_the_surface(small):
    text = "The UN spoke about Aliaksandr Kashpul on Monday."
    [mention] = small.find(text)
    assert (mention.prisoner_id, mention.confidence, mention.rule) == (100001, "high", "full-name")
    assert text[mention.start:mention.end] == mention.surface == "Aliaksandr Kashpul"
    assert mention.as_dict()["name"] == "Aliaksandr Kashpul"


@pytest.mark.parametrize("text, surface", [
    ("Суд над Аляксандрам Кашпулем скончыўся.", "Аляксандрам Кашпулем"),
    ("Александра Кашпуля приговорили к 15 годам.", "Александра Кашпуля"),
    ("Kashpul Aliaksandr was sentenced.", "Kashpul Aliaksandr"),
    ("Кашпуль Александр Иванович осуждён.", "Кашпуль Александр"),
    ("Sasha Kashpul helped everyone.", "Sasha Kashpul"),
    ("Alaksandr Kašpuł i jaho kalehi.", "Alaksandr Kašpuł"),
])
def test_full_name_in_any_script_case_and_order(small, text, surface):
    assert found(small, text)[0][:3] == (100001, surface, "high")


@pytest.mark.parametrize("text, surface", [
    ("A. Kashpul appealed.", "A. Kashpul"),
    ("А. Кашпуль подал жалобу.", "А. Кашпуль"),
    ("Letter from Kashpul A. arrived.", "Kashpul A"),
])
def test_initial_and_surname_is_medium(small, text, surface):
    assert found(small, text) == [(100001, surface, "medium", "initial-surname")]


def test_surname_alone_is_promoted_by_a_full_name_in_the_same_text(small):
    text = "Aliaksandr Kashpul was tried. Later Kashpul was moved to Mahilioŭ."
    assert found(small, text)[1] == (100001, "Kashpul", "high", "surname-promoted")


def test_distinctive_surname_alone_is_low(small):
    assert found(small, "Кашпуля асудзілі на 15 гадоў.") == [
        (100001, "Кашпуля", "low", "surname-only")]


def test_alias_is_high_with_its_own_rule(small):
    assert found(small, "Alexander Kashpul wrote to the court.")[0][2:] in {
        ("high", "alias"), ("high", "full-name")}


# ----------------------------------------------------------------------- rejections

def test_a_different_given_name_beside_the_surname_rejects(small):
    assert ids(small, "Siarhei Kashpul, his cousin, spoke to reporters.") == set()
    assert ids(small, "В. Кашпуль, юрист из Минска, ответил.") == set()


def test_sex_mismatched_surname_form_rejects(small):
    assert ids(small, "Калеснікаў не звязаны з гэтай справай, сказаў суд.") == set()
    assert ids(small, "Марыю Калеснікаву перавялі.") == {215}


def test_husband_and_wife_forms_are_told_apart(small):
    text = "Siarhei Tsikhanouski and Sviatlana Tsikhanouskaya"
    assert ids(small, text) == {179, 3262}
    assert ids(small, "Тихановскую обвинили в заговоре.") == {3262}
    assert ids(small, "Тихановского освободили из колонии.") == {179}


def test_officials_claim_their_names(small):
    assert ids(small, "Alexander Lukashenko signed the pardon decree.") == set()
    assert ids(small, "Лукашэнка заявіў, што палітвязняў няма.") == set()
    assert ids(small, "Illia Lukashenka, a political prisoner, was freed.") == {6106}


def test_an_official_title_decides_between_an_official_and_a_listed_namesake(small):
    assert ids(small, "Foreign Minister Siarhei Aleinik spoke in New York.") == set()
    assert found(small, "Siarhei Aleinik from Homiel was released.") == [
        (9401, "Siarhei Aleinik", "medium", "namesake")]


def test_un_experts_never_match(full):
    assert ids(full, "Ms. Anaïs Marin, Ms. Mary Lawlor and Irene Khan issued a statement.") == set()


def test_common_words_and_places_are_not_surnames(full):
    assert ids(full, "Дорожный знак у здания суда запрещает стоянку.") == set()
    assert ids(full, "A court in Kobryn fined three women for donations.") == set()
    assert ids(full, "Гомельский областной суд рассмотрел дело.") == set()
    assert ids(full, "Rabochy Rukh was declared extremist; its members were detained.") == set()


def test_anonymised_rows_never_match(small):
    assert ids(small, "Citizen Z. was detained in Minsk.") == set()


# ----------------------------------------------------------------------- namesakes

def test_namesakes_are_each_reported_one_step_lower(small):
    assert sorted(found(small, "Aliaksandr Krauchuk was detained.")) == [
        (9301, "Aliaksandr Krauchuk", "medium", "namesake"),
        (9302, "Aliaksandr Krauchuk", "medium", "namesake")]


def test_an_ambiguous_initial_is_low_and_resolved_by_context(small):
    assert {m[0] for m in found(small, "A. Krauchuk was detained.")} == {9301, 9302, 9303}
    assert all(m[2] == "low" for m in found(small, "A. Krauchuk was detained."))
    text = "Anatol Krauchuk was tried in Minsk. A. Krauchuk denied the charges."
    assert found(small, text)[1] == (9303, "A. Krauchuk", "medium", "initial-surname")


def test_an_ambiguous_lone_surname_is_not_reported(small):
    assert ids(small, "Krauchuk was detained in Minsk.") == set()


# ----------------------------------------------------------------------- forms

def test_double_surname_whole_or_half_with_given_name(small):
    assert ids(small, "Palina Sharenda-Panasiuk was released.") == {9601}
    assert ids(small, "Паліна Панасюк вызвалена.") == {9601}


def test_fleeting_vowel_surnames(full):
    assert ids(full, "Мікалая Дзядка перавялі ў іншую калонію.") == {49}
    assert ids(full, "Павла Северинца этапировали в Могилёв.") == {100003}


def test_replaced_duplicates_are_reported_once_under_the_addition(full):
    assert ids(full, "Арцёма Жарнака вызвалілі ў маі 2025 года.") == {100002}
    assert ids(full, "Aliaksandr Kapshul, the union lawyer, stays in prison.") == {100001}


def test_public_figures_on_the_list_are_reported(full):
    assert ids(full, "Sviatlana Tsikhanouskaya met EU ministers.") == {3262}


def test_world_news_words_are_not_prisoners(full):
    text = ("Germany and France met in Berlin. Stock markets rose and the Human Rights "
            "Council in Geneva heard NASCAR fans. Care homes were closed.")
    assert ids(full, text) == set()


def test_record_objects_need_only_the_matching_fields():
    records = [PersonRecord(1, "Ales Bialiatski", "former", "m"),
               PersonRecord(2, "", "former", None, matchable=False)]
    matcher = Matcher.from_records(records)
    assert ids(matcher, "Беляцкого освободили в 2025 году.") == {1}
    assert matcher.find("") == []
