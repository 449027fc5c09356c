"""Keys, transliteration, given names and language detection: the matcher's building blocks."""

from __future__ import annotations

import pytest

from monitor.names import detect_language, name_key, person_key
from monitor.names.given_names import GROUPS, GivenIndex, canonical_root, sex_of
from monitor.names.keys import paradigm, stems, tail_fits
from monitor.names.tokens import is_patronymic
from monitor.names.translit import be_cyrillic, lacinka, light, ru_cyrillic, ru_latin
from monitor.names.variants import generated_forms, parse_name


@pytest.mark.parametrize("group", [
    ["Kashpul", "Кашпул", "Кашпуль", "Кашпуля", "Кашпулю", "Кашпулем", "Кашпулам", "Kašpuł",
     "Kašpułam", "Кашпуле"],
    ["Bialiatski", "Byalyatski", "Beliatski", "Bialacki", "Беляцкий", "Беляцкого", "Бяляцкага",
     "Бяляцкаму", "Беляцким", "Bialackim"],
    ["Tsikhanouski", "Tikhanovsky", "Tikhanovskiy", "Cichanoŭski", "Тихановский", "Ціханоўскі",
     "Тихановская", "Ціханоўскую", "Tsikhanouskaya", "Cichanoŭskaj"],
    ["Kalesnikava", "Kolesnikova", "Калеснікава", "Колесниковой", "Калеснікавай", "Kalesnikavaj",
     "Колесниковым", "Калеснікаў"],
    ["Statkevich", "Statkievič", "Статкевич", "Статкевічам", "Статкевичу"],
    ["Seviarynets", "Севярынец", "Северинец"],
    ["Krauchuk", "Кравчук", "Краўчука", "Кравчуком"],
    ["Lukashenka", "Lukashenko", "Лукашенко", "Лукашэнкам", "Łukašenka"],
    ["Zhernak", "Жэрнак", "Жернака", "Žernak"],
])
def test_name_key_is_the_same_across_scripts_spellings_and_cases(group):
    keys = {name_key(token) for token in group}
    assert len(keys) == 1, {token: name_key(token) for token in group}


@pytest.mark.parametrize("a, b", [
    ("Kashpul", "Kapshul"), ("Kalesnikava", "Kalinouskaya"), ("Bialiatski", "Babaryka"),
    ("Znak", "Zhuk"), ("Losik", "Lazuk"),
])
def test_different_surnames_get_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_fleeting_vowel_forms_share_the_key():
    assert name_key("Севярынца") == name_key("Seviarynets") == name_key("Sieviaryncam")
    assert name_key("Дзядка") == name_key("Dziadok") == name_key("Дедку")


@pytest.mark.parametrize("names", [
    ["Аляксандр Кашпул", "Kashpul Aliaksandr", "Александра Кашпуля", "Sasha Kashpul",
     "Кашпуль Александр Иванович", "Alexander Kashpul", "Aleś Kašpuł"],
    ["Volha Brytsikava", "Ольга Брицикова", "Вольгі Брыцікавай", "Brytsikava Volha"],
    ["Zmitser Dashkevich", "Dzmitry Dashkevich", "Дмитрий Дашкевич", "Źmicier Daškievič"],
])
def test_person_key_is_order_script_and_case_insensitive(names):
    keys = {person_key(n) for n in names}
    assert len(keys) == 1, {n: person_key(n) for n in names}


def test_person_key_tells_different_people_apart():
    assert person_key("Siarhei Tsikhanouski") != person_key("Sviatlana Tsikhanouskaya")
    assert person_key("Aliaksandr Kashpul") != person_key("Siarhei Kashpul")


def test_stems_peel_consonant_endings_and_keep_the_tail():
    assert ("BLTK", "aha") in stems("Бяляцкага")
    assert ("KXPL", "em") in stems("Кашпулем")
    assert stems("Kashpul") == (("KXPL", ""),)


def test_paradigms_and_sex_agreement():
    assert paradigm(light("Kalesnikava")) == "poss"
    assert paradigm(light("Tsikhanouski")) == "adj"
    assert paradigm(light("Kashpul")) == "cons"
    assert paradigm(light("Kniha")) == "vowel"
    assert not tail_fits("poss", "f", "")                 # Калеснікаў is a man
    assert tail_fits("poss", "f", "a") and tail_fits("poss", "m", "a")   # gen. of a man too
    assert not tail_fits("adj", "m", "aia")               # Тихановская is a woman
    assert not tail_fits("cons", "f", "ia")               # a woman's Кашпуль does not decline
    assert tail_fits("cons", "m", "ia")
    assert tail_fits("poss", "f", "a", english=True) and not tail_fits("poss", "m", "a", True)


def test_given_names_across_scripts_cases_and_diminutives():
    index = GivenIndex()
    for token in ("Aliaksandr", "Александра", "Аляксандрам", "Sasha", "Сашу", "Aleś", "Alies"):
        assert "aleksandr" in index.roots(token), token
    assert "olga" in index.roots("Вольгу") and "olga" in index.roots("Olga")
    assert "olga" in index.roots("Volia")
    assert "dmitri" in index.roots("Зміцер") and "dmitri" in index.roots("Dmitry")
    assert "sergei" in index.roots("Siarzhuk")
    assert "maria" in index.roots("Maša")
    assert not index.roots("Жена")         # "wife" is not Женя
    assert not index.roots("Minsk")
    assert index.roots("Anna") != index.roots("Yana")


def test_given_name_sex():
    assert sex_of("Viktar") == "m" and sex_of("Viktoryia") == "f"
    assert sex_of("Yauhen") == "m" and sex_of("Yauheniya") == "f"
    assert sex_of("Zzyzx") is None


def test_reverse_passport_romanisation_to_belarusian_cyrillic():
    assert be_cyrillic("Aliaksandr Kashpul") == "Аляксандр Кашпул"
    assert be_cyrillic("Bialiatski") == "Бяляцкі"
    assert be_cyrillic("Kalesnikava") == "Калеснікава"
    assert be_cyrillic("Tsikhanouski") == "Ціханоўскі"
    assert be_cyrillic("Yauhen") == "Яўген"
    assert be_cyrillic("Dzmitryi") == "Дзмітрый"
    assert be_cyrillic("Andrei") == "Андрэй"
    assert be_cyrillic("Seviarynets") == "Севярынец"


def test_russian_and_latin_variants():
    assert ru_cyrillic("Ціханоўскі") == "Тихановский"
    assert ru_cyrillic("Калеснікава") == "Калесникова"   # akanne cannot be undone: display only
    assert lacinka("Алесь Бяляцкі") == "Aleś Bialacki"
    assert lacinka("Мікалай Статкевіч") == "Mikałaj Statkievič"
    assert ru_latin("Тихановский") == "Tikhanovskiy"
    forms = generated_forms("Ales Bialiatski")
    assert forms["be"] == "Алесь Бяляцкі" and forms["be-latn"] == "Aleś Bialacki"


def test_parse_name_reads_order_initials_and_parentheses():
    assert parse_name("Kashpul Aliaksandr").surname == "Kashpul"
    sheina = parse_name("Hanna Sheina (Abrazumava)")
    assert sheina.given == ["Hanna"] and sheina.surnames == ["Sheina", "Abrazumava"]
    ales = parse_name("Aliaksandr (Ales) Liubianchuk")
    assert ales.given == ["Aliaksandr", "Ales"] and ales.surname == "Liubianchuk"
    assert parse_name("Fedaseenka A.I.").initials == ["A", "I"]
    assert parse_name("Pavel A.").surname == ""


@pytest.mark.parametrize("text, lang", [
    ("Алесь Бяляцкі застаецца ў турме, яго прысуд не зменены.", "be"),
    ("Алесь Беляцкий остаётся в тюрьме, его приговор не изменили.", "ru"),
    ("Aleś Bialacki zastajecca ŭ turmie, jaho prysud nie źmianili.", "be-latn"),
    ("Ales Bialiatski remains in prison; his sentence was not changed.", "en"),
    ("Ales Bialiatski, known in Łacinka as Aleś Bialacki, remains in prison in Belarus.", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# ----------------------------------------------------------------------- patronymics, keys

@pytest.mark.parametrize("word", [
    "Aliaksandravich", "Сяргеевіч", "Игоревич", "Дмитриевна", "Mikalaeuna", "Іванаўна",
    "Юр'евіч", "Віктараўна", "Анатольевич",
])
def test_patronymics_are_a_given_name_and_its_link(word):
    assert is_patronymic(word)


@pytest.mark.parametrize("word", ["Markevich", "Маркевич", "Statkevich", "Gurevich",
                                  "Malevich", "Шалкевич", "Kasyanovich"])
def test_surnames_in_vich_are_not_patronymics(word):
    assert not is_patronymic(word)


def test_a_surname_in_vich_stays_the_surname_of_a_three_word_name():
    assert person_key("Siarhei Markevich Ivanavich") == person_key("Сяргей Маркевіч")


@pytest.mark.parametrize("a, b", [
    ("Алена Иванова", "Елена Иванова"), ("Alena Ivanova", "Elena Ivanova"),
    ("Ігар Карней", "Игорь Карней"), ("Юрый Іваноў", "Юрий Иванов"),
    ("Ягор Іваноў", "Егор Иванов"), ("Яўген Іваноў", "Евгений Иванов"),
    ("Eugene Ivanov", "Yauhen Ivanou"), ("Аляксей Іваноў", "Алексей Иванов"),
    ("Ryta Ivanova", "Рита Иванова"), ("Ефим Иванов", "Яфім Іваноў"),
])
def test_belarusian_and_russian_given_names_share_the_person_key(a, b):
    assert person_key(a) == person_key(b)


def test_every_spelling_of_a_table_name_has_one_canonical_root():
    for group in GROUPS.values():
        assert len({canonical_root(form) for form in group.formal}) == 1, group.root


def test_vowel_final_surnames_take_iotated_endings():
    assert tail_fits("vowel", "m", "ej") and tail_fits("vowel", "m", "eiu")   # Карней, Карнею
    assert tail_fits("vowel", "f", "aj")                                      # Кнігай
    assert not tail_fits("vowel", "m", "akh")


def test_plural_adjective_forms_fit_both_sexes():
    assert tail_fits("adj", "m", "ie") and tail_fits("adj", "f", "ia")        # Тихановские


def test_the_gazetteer_reads_the_one_table():
    from monitor.newnames.gazetteer import INDEX
    roots = {form.root for forms in INDEX.values() for form in forms}
    assert roots == set(GROUPS)
    assert "zianon" in GROUPS and sex_of("Jadviga") == "f"
