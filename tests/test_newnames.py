"""New-name candidates: people near words of repression who are not on the list.

The dev set (tests/data/dev_new_names.jsonl, written for these tests; every positive is an
invented person) runs through the real analyser with the bundled list. The unit tests below
pin the rules one at a time: roles, speech, places, scores, nominative forms, merging.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.analysis import Analyser
from monitor.cli import cli
from monitor.names.variants import person_key
from monitor.newnames import find_new_names
from monitor.newnames.extract import extract_names
from monitor.newnames.gazetteer import given_name
from monitor.newnames.sentences import split_sentences
from monitor.newnames.stoplist import is_place
from monitor.prisoners import bundled_prisoners

ROOT = Path(__file__).resolve().parent.parent
DEV = [json.loads(line) for line in
       (ROOT / "tests/data/dev_new_names.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser.from_records(bundled_prisoners())


def keys(found: list[dict]) -> set[str]:
    return {item["key"] for item in found}


def names(text: str, lang: str, **kwargs) -> list[dict]:
    return find_new_names(text, lang, [], **kwargs)


@pytest.mark.parametrize("example", DEV, ids=[e["id"] for e in DEV])
def test_dev_examples(analyser, example):
    result = analyser.analyse(example["text"], lang=example["lang"])
    found = keys(result["new_names"])
    assert found == {person_key(n) for n in example["expect"]}, result["new_names"]
    assert not found & {person_key(n) for n in example["reject"]}


# ----------------------------------------------------------------------------- rules

def test_judge_is_rejected_and_the_person_sentenced_is_found():
    found = names("Judge Alena Kulesh sentenced Volha Piatrova to three years.", "en")
    assert [f["name"] for f in found] == ["Volha Piatrova"]
    assert found[0]["context"].startswith("Judge Alena Kulesh")


def test_whoever_passes_sentence_is_a_judge_unless_declined():
    assert [f["name"] for f in names(
        "Tatsiana Pirahouskaya sentenced Zmitser Rusak to six years.", "en")] == ["Zmitser Rusak"]
    assert [f["name"] for f in names(
        "Алег Трафімаў асудзіў Кірыла Шаўцова на два гады.", "be")] == ["Кірыл Шаўцоў"]
    # An accusative name before the verb is its object: "Дениса ... приговорила судья".
    assert [f["name"] for f in names(
        "Дениса Лаговского приговорила к трём годам судья Центрального района.", "ru")] == [
        "Денис Лаговский"]
    assert [f["name"] for f in names("Zmitser Rusak sentenced to six years.", "en")] == [
        "Zmitser Rusak"]


def test_quoted_people_are_rejected_but_not_the_person_they_speak_of():
    text = "Police detained Dzianis Korzun on Monday, his lawyer Pavel Sidarau told reporters."
    assert [f["name"] for f in names(text, "en")] == ["Dzianis Korzun"]
    quoted = "Volha Piatrova: \u201cThey came for my neighbour at dawn and searched everything.\u201d"
    assert names(quoted, "en") == []


def test_former_official_who_is_now_persecuted_is_a_candidate():
    assert names("Former investigator Ihar Lapeika was himself detained in May.", "en")
    assert names("Investigator Ihar Lapeika detained the students in May.", "en") == []


def test_place_that_looks_like_a_surname_is_not_a_candidate():
    assert is_place("Shklou") and is_place("Шклове") and is_place("Akrestsina")
    assert names("Prisoners in Shklou were searched again; several were detained.", "en") == []


def test_known_official_from_the_non_prisoner_list_is_not_a_candidate():
    assert names("Ivan Tertel signed the order under which dozens were detained.", "en") == []
    assert names("Лукашэнка памілаваў некалькіх асуджаных.", "be") == []


def test_listed_person_is_never_a_candidate_even_unmatched():
    text = "Ihar Lapeika was detained in Hrodna."
    listed = frozenset({person_key("Ihar Lapeika")})
    assert names(text, "en") and names(text, "en", listed_keys=listed) == []
    # A lone surname that a listed person carries is the matcher's business, not a candidate.
    assert names("Later that day Lapeika was detained again.", "en", listed_keys=listed) == []


def test_matcher_mention_blocks_the_span():
    text = "Ihar Lapeika was detained in Hrodna."
    mention = {"prisoner_id": 1, "start": 0, "end": 12}
    assert find_new_names(text, "en", [mention]) == []


def test_no_repression_context_no_candidate():
    assert names("Ihar Lapeika opened a bakery in Hrodna. Customers liked the bread.", "en") == []


def test_scores_follow_context_distance_and_name_form():
    same = names("Ihar Shautsou was detained in Hrodna.", "en")[0]["score"]
    initial = names("I. Shautsou was detained in Hrodna.", "en")[0]["score"]
    single = names("On Monday police detained Shautsou in Hrodna.", "en")[0]["score"]
    adjacent = names("Ihar Shautsou teaches music in Hrodna. The school was searched and "
                     "three teachers were detained.", "en")[0]["score"]
    assert same == 1.0
    assert same > initial > single
    assert same > adjacent > 0


def test_pronoun_in_next_sentence_carries_the_context():
    calm = names("Ihar Lapeika teaches music. The police detained three people.", "en")
    him = names("Ihar Lapeika teaches music. He was detained on Friday.", "en")
    assert him[0]["score"] > calm[0]["score"]


def test_surname_follow_up_lends_its_context_to_the_full_name():
    text = "Ihar Lapeika teaches music in Hrodna. On Friday police detained Lapeika at school."
    found = names(text, "en")
    assert [f["name"] for f in found] == ["Ihar Lapeika"]
    assert found[0]["score"] == 1.0
    assert (found[0]["surface"], found[0]["context"]) == (
        "Lapeika", "On Friday police detained Lapeika at school.")
    assert text[found[0]["start"]:found[0]["end"]] == "Lapeika"


@pytest.mark.parametrize("text, lang, expected", [
    ("Суд асудзіў Ігара Лапейку на два гады.", "be", "Ігар Лапейка"),
    ("Затрымалі Вольгу Пятрову і Кірыла Шаўцова.", "be", "Вольга Пятрова"),
    ("Sud asudziŭ Ihara Lapiejku na dva hady.", "be-latn", "Ihar Lapiejka"),
    ("Суд приговорил Ольгу Петрову к двум годам.", "ru", "Ольга Петрова"),
])
def test_names_are_given_in_the_nominative(text, lang, expected):
    assert expected in [f["name"] for f in names(text, lang)]


def test_offsets_and_title_field(analyser):
    text = "Police in Hrodna detained Ihar Lapeika on Friday."
    result = analyser.analyse(text, title="Teacher Kiryl Shautsou detained", lang="en")
    by_name = {n["name"]: n for n in result["new_names"]}
    assert by_name["Ihar Lapeika"]["field"] == "text"
    start, end = by_name["Ihar Lapeika"]["start"], by_name["Ihar Lapeika"]["end"]
    assert text[start:end] == "Ihar Lapeika"
    assert by_name["Kiryl Shautsou"]["field"] == "title"


# ----------------------------------------------------------------------------- pieces

def test_given_names_in_every_case_and_script():
    assert given_name("Ігара").roots == {"igor"}
    assert given_name("Ольгу").sex == "f"
    assert given_name("Олега").roots == {"oleg"}
    assert given_name("Mikałaja").roots == {"nikolai"}
    assert given_name("Ivan", inflecting=False) and not given_name("Ivana", inflecting=False)
    # A surname built on a given name is not that name in another case.
    assert given_name("Piatrova") is None and given_name("Volkau") is None
    assert given_name("Але") is None and given_name("In", inflecting=False) is None


def test_extractor_reads_surname_first_and_patronymics():
    found = extract_names("Затрыманы Лапейка Ігар Пятровіч, настаўнік.", True)
    assert [(f.name, f.form) for f in found] == [("Ігар Лапейка", "full")]
    found = extract_names("Siarhei Markevich was detained.", False)
    assert [f.surname for f in found] == ["Markevich"]


def test_sentence_splitter_keeps_initials_and_abbreviations():
    text = ("A. Kashpul was held under Art. 342 (No. 5) in Minsk. Он осужден по ч. 1 ст. 342 УК. "
            "«Хто?» — спытаў ён.")
    assert [s.text for s in split_sentences(text)] == [
        "A. Kashpul was held under Art. 342 (No. 5) in Minsk.",
        "Он осужден по ч. 1 ст. 342 УК.", "«Хто?» — спытаў ён."]


def test_natasha_loads_only_for_russian_text_with_a_cue():
    """The Russian model costs ~1 s and ~200 MB: it must not load for other texts."""
    script = (
        "import sys\n"
        "from monitor.newnames import find_new_names\n"
        "find_new_names('Ihar Lapeika was detained.', 'en', [])\n"
        "find_new_names('Игорь Лапейко открыл пекарню в Гродно.', 'ru', [])\n"
        "print('natasha' in sys.modules)\n"
        "found = find_new_names('В Гродно задержали Игоря Лапейко.', 'ru', [])\n"
        "print('natasha' in sys.modules, [f['name'] for f in found])\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True).stdout.splitlines()
    assert out == ["False", "True ['Игорь Лапейко']"]


def test_vigil_analyze_prints_new_names_events_and_un_document(tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    monkeypatch.delenv("VIGIL_CONFIG", raising=False)
    text = ("GENEVA (6 March 2023) - UN experts deplored the ten-year term given to Ales "
            "Bialiatski. Police also detained his colleague Ihar Lapeika in Minsk.")
    out = CliRunner().invoke(cli, ["analyze", "--lang", "en", "-"], input=text)
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert [n["name"] for n in result["new_names"]] == ["Ihar Lapeika"]
    assert {"name", "surface", "score", "context"} <= set(result["new_names"][0])
    assert (result["un_document"]["kind"], result["un_document"]["year"],
            result["un_document"]["persons"]) == ("special_procedures", 2023, [964])
    assert [(e["prisoner_id"], e["type"], e["term"]) for e in result["events"]] == [
        (964, "sentenced", "10 years")]
