"""Matcher rules that read the words around a name: roles of the state, famous namesakes,
places, coordinated given names, court-schedule capitals, possessives, -ей surnames,
world news in other languages. Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from monitor.names import Matcher
from monitor.names.context import official_role, place_noun_before, preposition_before
from monitor.names.topic import foreign_latin
from monitor.prisoners import PersonRecord, bundled_prisoners


@pytest.fixture(scope="module")
def full():
    return Matcher.from_records(bundled_prisoners())


def ids(matcher, text, lang=None):
    return {m.prisoner_id for m in matcher.find(text, lang)}


# ----------------------------------------------------------------------- 1. roles of the state

@pytest.mark.parametrize("text", [
    "Judge Dzmitry Bubenchyk of the Hrodna regional court read out the verdict.",
    "Sudździa Dzmitryj Bubienčyk vynies prysud u piatnicu.",
    "Судья Гродненского областного суда Дмитрий Бубенчик огласил приговор.",
    "Суддзя Дзмітрый Бубенчык зачытаў прысуд.",
    "Dzmitry Bubenchyk, a judge of the Hrodna court, refused every motion.",
])
def test_a_role_of_the_state_before_or_after_a_listed_name_makes_it_an_officials(full, text):
    assert 1392 not in ids(full, text)


@pytest.mark.parametrize("text, pid", [
    ("Prosecutor Mikalai Dziadok asked for nine years.", 49),
    ("Следователь Мікалай Дзядок допросил свидетелей.", 49),
    ("Следчы Мікалай Дзядок прыйшоў з вобшукам.", 49),
    ("Head of the KGB Dzmitry Furmanau gave an interview.", 178),
    ("Начальник колонии Дмитрий Фурманов отказал в посылке.", 178),
    ("Kiraŭnik KDB Dzmitryj Furmanaŭ vystupiŭ.", 178),
])
def test_roles_work_for_any_listed_name_in_every_script(full, text, pid):
    assert pid not in ids(full, text)


@pytest.mark.parametrize("text, pid", [
    ("Former judge Dzmitry Bubenchyk was detained in Hrodna.", 1392),
    ("The judge in the case of Mikalai Dziadok refused the motion.", 49),
    ("Судья по делу Николая Дедка отклонила ходатайство.", 49),
    ("The trial of Mikalai Dziadok, judge Ivanova presiding, lasted a day.", 49),
    ("Political prisoner Mikalai Dziadok was moved to another colony.", 49),
    ("Journalist Ihar Karnei was sentenced in Minsk.", 5212),
    ("Investigators questioned Dzmitry Furmanau for six hours.", 178),
    ("В прокуратуре Игорь Карней рассказал о пытках.", 5212),     # the office, not a role
    ("Justice for Ihar Karnei, say his colleagues.", 5212),
    ("KGB officer Ihar Karnei was jailed for treason.", 5212),    # staff, not a head
    ("Viasna chairman Ales Bialiatski was sentenced.", 964),
    ("Бывший министр Павел Латушко осуждён заочно.", 3263),
])
def test_prisoners_near_officials_are_still_found(full, text, pid):
    assert pid in ids(full, text)


def test_an_officials_name_is_not_promoted_later_in_the_text(full):
    text = "Judge Dzmitry Bubenchyk opened the hearing. Bubenchyk then closed it to the public."
    assert 1392 not in ids(full, text)
    assert 1392 not in ids(full, "Суддзя Бубенчык адмовіў абароне ў хадайніцтве.")


def test_role_reading_in_the_text_around_a_span():
    text = "Суддзя Ленінскага раёна г. Мінска Ігар Карней вынес прысуд."
    start = text.index("Ігар")
    assert official_role(text, start, start + 11)
    text = "The court sentenced Ihar Karnei."
    assert not official_role(text, text.index("Ihar"), text.index("Ihar") + 11)


# ----------------------------------------------------------------------- 2. famous namesakes

@pytest.mark.parametrize("text", [
    "Alexander Pushkin's fairy tales are read in every school.",
    "Сказки Александра Пушкина издали новым тиражом.",
    "Паэт Аляксандр Пушкін нарадзіўся ў Маскве.",
])
def test_a_famous_namesake_claims_the_name_where_the_sentence_says_why(full, text):
    assert 429 not in ids(full, text)


def test_without_those_words_the_listed_namesake_is_reported(full):
    assert 429 in ids(full, "Ales Pushkin's paintings were shown in Minsk before his arrest.")
    assert 429 in ids(full, "Алеся Пушкина осудили за портрет.")


def test_famous_rows_are_contextual_for_any_list():
    records = [PersonRecord(1, "Ivan Kutuzau", "former", "m")]
    rows = [{"name": "Mikhail Kutuzov", "kind": "famous", "context": "1812"}]
    matcher = Matcher.from_records(records, rows)
    assert ids(matcher, "Ivan Kutuzau, a political prisoner, was released.") == {1}
    assert ids(matcher, "Кутузава асудзілі ў Мінску.") == {1}
    assert ids(matcher, "Кутузаў перамог у 1812 годзе, а палітвязняў судзяць.") == set()


# ----------------------------------------------------------------------- 3. -ей surnames

@pytest.mark.parametrize("text", [
    "Журналисту Игорю Карнею назначили срок.",
    "Ігар Карней, шматгадовы аўтар газеты, асуджаны.",
    "Суд над Ігарам Карнеем пачаўся ў Віцебску.",
    "Ihar Karniej atrymaŭ termin.",
])
def test_surnames_in_ei_decline_with_their_given_name(full, text):
    assert 5212 in ids(full, text)


def test_other_ei_surnames_decline_too(full):
    assert 148 in ids(full, "Ільлю Салею далі тры гады калоніі.")
    assert 148 in ids(full, "Илье Салею дали три года колонии.")


# ----------------------------------------------------------------------- 4. coordination

@pytest.mark.parametrize("text", [
    "Aliaksandr and Iryna Lebedz, both convicted, were moved to colonies.",
    "Аляксандр і Ірына Лебедзь асуджаныя.",
    "Александр и Ирина Лебедь освобождены.",
    "Aliaksandr i Iryna Lebiedź vyzvalenyja.",
])
def test_a_shared_surname_after_coordinated_given_names_names_both(full, text):
    assert {7287, 7288} <= ids(full, text)


def test_coordination_reaches_both_sexes_and_stops_at_a_full_name(full):
    assert {179, 3262} <= ids(full, "Siarhei and Sviatlana Tsikhanouski met in Vilnius.")
    assert 7288 not in ids(full, "Ales Bialiatski and Iryna Lebedz were released.")


# ----------------------------------------------------------------------- 5. court schedules

@pytest.mark.parametrize("text", [
    "Hearing list: 'KUBLITSKI Maksim', room 4.",
    "KUBLITSKI, Maksim — article 342, Minsk city court.",
    "КУБЛИЦКИЙ Максим Александрович, ст. 342 УК.",
    "‘KUBLITSKI Maksim’ and others.",
])
def test_surname_first_in_capitals(full, text):
    assert 2277 in ids(full, text)


# ----------------------------------------------------------------------- 6. places

@pytest.mark.parametrize("text", [
    "Затрыманых везлі праз Бярэзіну ў калонію.",
    "Задержанных везли через Березину в колонию.",
    "Zatrymanych vieźli praz Biarezinu ŭ kaloniju.",
    "Prisoners were driven across the Biarezina to the colony.",
    "The Biarezina river froze while political prisoners were moved.",
])
def test_a_river_after_a_preposition_of_place_is_not_a_surname(full, text):
    assert 8680 not in ids(full, text)


def test_the_listed_person_with_a_toponym_surname_is_still_found(full):
    assert 8680 in ids(full, "Бярэзіна асудзілі на пяць гадоў калоніі.")
    assert 8680 in ids(full, "Валянціна Бярэзіна асудзілі на пяць гадоў.")


def test_streets_named_after_people_are_not_mentions(full):
    assert 964 not in ids(full, "Пікет прайшоў на вуліцы Бяляцкага, затрымалі трох.")
    assert 964 in ids(full, "Бяляцкага асудзілі на дзесяць гадоў.")


def test_place_readings():
    text = "праз Бярэзіну"
    assert preposition_before(text, text.index("Б"))
    text = "на вуліцы Купалы"
    assert place_noun_before(text, text.index("К"))
    assert not place_noun_before("суд над Купалам", 9)


# ----------------------------------------------------------------------- 8. possessives

@pytest.mark.parametrize("text", [
    "Kashpul’s lawyer said the political prisoner was ill.",
    "Kashpul's lawyer said the political prisoner was ill.",
    "Kašpuł’s lawyer said the political prisoner was ill.",
    "Адвакат «Кашпуля» выступіў у судзе.",
])
def test_possessives_and_quotes(full, text):
    assert 100001 in ids(full, text)


def test_a_non_breaking_hyphen_keeps_a_double_surname_whole(full):
    [mention] = full.find("Palina Sharenda\u2011Panasiuk was sentenced.")
    assert mention.prisoner_id == 609 and mention.surface == "Palina Sharenda\u2011Panasiuk"


# ----------------------------------------------------------------------- 9. aliases

def test_a_name_added_by_an_alias_row_finds_the_listed_person(full):
    assert ids(full, "Журналістку Кацярыну Андрэеву асудзілі.") == {42}
    assert ids(full, "Katsiaryna Andreyeva, a Belsat journalist, was jailed.") == {42}


def test_the_famous_bearer_of_the_alias_is_told_apart(full):
    assert ids(full, "Екатерина Андреева, ведущая Первого канала, прочитала новости.") == set()


# ----------------------------------------------------------------------- 10. world news

def test_no_case_ending_is_peeled_in_english(full):
    assert 8727 not in ids(full, "Grisham said the political trial was a charade.")


@pytest.mark.parametrize("text", [
    "Herman und Chomsky – pardon – hätten ihre Freude an dieser Debatte gehabt.",
    "Seinen Namen erhielt das Viertel wegen der Armut, nicht wegen der Turm.",
])
def test_lone_surnames_in_other_languages_need_a_text_about_belarus(full, text):
    assert ids(full, text) == set()


def test_a_given_name_alone_is_not_a_surname_mention(full):
    assert 5268 not in ids(full, "Herman was arrested after the protest, police said.")


def test_foreign_latin_text():
    assert foreign_latin("Die Regierung hat das Gesetz mit der Mehrheit beschlossen und es ist gut.")
    assert not foreign_latin("The government passed the law with a majority and it is good.")


def test_a_german_text_about_belarus_may_name_a_prisoner_by_surname(full):
    text = "Lukaschenko hält ihn fest: Poczobut ist seit 2021 in Haft, sagt die Zeitung."
    assert 425 in ids(full, text)
