"""Case events of known prisoners, in English, Russian, Belarusian and Łacinka.

The dev set (tests/data/dev_events.jsonl, written for these tests) runs through the real
analyser, so mentions come from the real matcher; the unit tests feed hand-made mentions to
``classify_events`` to pin who an event belongs to, and ``sentence_term`` for terms.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.analysis import Analyser
from monitor.events import EVENT_TYPES, classify_events, sentence_term
from monitor.prisoners import bundled_prisoners

DEV = [json.loads(line) for line in
       (Path(__file__).parent / "data/dev_events.jsonl").read_text("utf-8").splitlines()
       if line.strip()]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser.from_records(bundled_prisoners())


def mention(text: str, surface: str, prisoner_id: int) -> dict:
    start = text.index(surface)
    return {"prisoner_id": prisoner_id, "start": start, "end": start + len(surface)}


def events_of(text: str, *people: tuple[str, int]) -> set[tuple[int, str]]:
    found = classify_events(text, [mention(text, s, p) for s, p in people])
    return {(e["prisoner_id"], e["type"]) for e in found}


@pytest.mark.parametrize("example", DEV, ids=[e["id"] for e in DEV])
def test_dev_examples(analyser, example):
    result = analyser.analyse(example["text"], lang=example["lang"])
    found = {e["type"]: e for e in result["events"] if e["prisoner_id"] == example["prisoner_id"]}
    for expected in example["events"]:
        assert expected["type"] in found, (expected, result["events"])
        if expected.get("term"):
            assert found[expected["type"]]["term"] == expected["term"]
        assert found[expected["type"]]["evidence"] == example["text"]
    for absent in example["absent"]:
        assert absent not in found
    assert set(found) <= set(EVENT_TYPES)


def test_event_goes_to_the_person_in_its_clause():
    text = "Kashpul was sentenced to 15 years, while Zhernak was released in May."
    assert events_of(text, ("Kashpul", 1), ("Zhernak", 2)) == {(1, "sentenced"), (2, "released")}


def test_pronoun_clause_inherits_the_last_person_named():
    text = "Kashpul was detained in 2021, and he was later transferred to the KGB."
    assert events_of(text, ("Kashpul", 1)) == {(1, "detained"), (1, "transferred")}


def test_relative_clause_belongs_to_the_nearest_person():
    text = ("Tsikhanouskaya called for the release of all political prisoners, including "
            "Aleh Kutsko, who was sentenced to 3 years.")
    assert events_of(text, ("Tsikhanouskaya", 3262)) == set()
    text = "Ales Bialiatski, who was sentenced to ten years, wrote to his wife."
    assert events_of(text, ("Ales Bialiatski", 964)) == {(964, "sentenced")}


def test_judge_and_relatives_do_not_receive_the_event():
    text = "Judge Kulesh sentenced Kashpul to 15 years."
    assert events_of(text, ("Kulesh", 7), ("Kashpul", 1)) == {(1, "sentenced")}
    assert events_of("Kashpul's wife was detained at the border.", ("Kashpul", 1)) == set()
    assert events_of("Жонку Кашпула затрымалі на мяжы.", ("Кашпула", 1)) == set()


def test_calls_denials_and_states_are_not_events():
    assert events_of("UN experts call for the release of Kashpul.", ("Kashpul", 1)) == set()
    assert events_of("Kashpul has not been released.", ("Kashpul", 1)) == set()
    assert events_of("Кашпуль не объявлял новую голодовку.", ("Кашпуль", 1)) == set()
    assert events_of("Kashpul remains detained in Mahiliou.", ("Kashpul", 1)) == set()


def test_detention_noun_before_a_person_is_news_of_a_detention():
    text = "Задержание Алексея Ковалёва подтвердил его брат."
    assert events_of(text, ("Алексея Ковалёва", 4479)) == {(4479, "detained")}
    text = "The UN Working Group on Arbitrary Detention found the detention of Kashpul arbitrary."
    assert events_of(text, ("Kashpul", 1)) == {(1, "un_opinion")}


def test_un_body_name_is_not_a_detention():
    text = "Рабочая группа ООН по произвольным задержаниям признала задержание Кашпуля произвольным."
    assert events_of(text, ("Кашпуля", 1)) == {(1, "un_opinion")}


def test_one_event_per_type_and_the_one_with_a_term_wins():
    text = "Kashpul was sentenced in court. Later Kashpul was sentenced to 15 years on appeal."
    found = classify_events(text, [mention(text, "Kashpul", 1),
                                   {**mention(text, "Later Kashpul", 1), "start":
                                    text.index("Later Kashpul") + 6}])
    assert [(e["type"], e["term"]) for e in found] == [("sentenced", "15 years")]
    assert found[0]["evidence"] == "Later Kashpul was sentenced to 15 years on appeal."


@pytest.mark.parametrize("text, term", [
    ("sentenced to 15 years in a colony", "15 years"),
    ("асудзілі на 15 гадоў", "15 years"),
    ("приговорили к 3 годам колонии", "3 years"),
    ("к трём годам и шести месяцам колонии", "3 years 6 months"),
    ("sentenced to 14 years and 9 months", "14 years 9 months"),
    ("given an eleven-year term", "11 years"),
    ("атрымаў пяць гадоў калоніі", "5 years"),
    ("sentenced to two and a half years", "2.5 years"),
    ("sentenced to 18 months of restricted freedom", "18 months"),
    ("sentenced to life imprisonment", "life"),
    ("sentenced without a stated term", None),
    ("в 2023 году суд приговорил его к 10 годам", "10 years"),
    ("пазбавілі волі на паўтара года", "1.5 years"),
])
def test_terms_are_normalised_to_english(text, term):
    assert sentence_term(text) == term
