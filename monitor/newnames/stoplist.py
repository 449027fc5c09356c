"""Capitalised words that are not people: places, organisations, courts, institutions,
and the officials and public figures the matcher already knows are not prisoners.

Words are compared by their light Latin form (``monitor.names.translit.light``), so one
entry covers Latin, Belarusian and Russian Cyrillic and Łacinka, and by stem, so the
inflected forms match too (Мінску, Гомеле, Шклове, Akrestsina, Акрэсціна). Several places
look like surnames (Shklou, Mahiliou, Ivatsevichy, Akrestsina): that is why a lone
capitalised word is checked here before it may become a candidate.
"""

from __future__ import annotations

from functools import lru_cache

from monitor.names.keys import name_key
from monitor.names.stoplist import read_non_prisoners
from monitor.names.translit import light
from monitor.names.variants import parse_name, person_key

PLACES = """
Minsk Мінск Минск Hrodna Grodno Гродна Гродно Brest Брэст Брест Homiel Homel Gomel Гомель
Mahiliou Mogilev Mahilyow Магілёў Могилёв Могилев Viciebsk Vitebsk Vitsebsk Віцебск Витебск
Babruisk Bobruisk Бабруйск Бобруйск Baranavichy Baranovichi Баранавічы Барановичи Pinsk Пінск
Пинск Barysau Borisov Барысаў Борисов Orsha Vorsha Орша Ворша Mazyr Mozyr Мазыр Мозырь
Salihorsk Soligorsk Салігорск Солигорск Navapolatsk Novopolotsk Наваполацк Новополоцк Polatsk
Polotsk Полацк Полоцк Lida Ліда Лида Maladzechna Molodechno Маладзечна Молодечно Zhodzina
Zhodino Жодзіна Жодино Slutsk Слуцк Zhlobin Жлобін Жлобин Svetlahorsk Svetlogorsk Светлагорск
Светлогорск Rechytsa Rechitsa Рэчыца Речица Shklou Shklov Шклоў Шклов Horki Gorki Горкі Горки
Kobryn Kobrin Кобрын Кобрин Vaukavysk Volkovysk Ваўкавыск Волковыск Ivatsevichy Ivatsevichi
Івацэвічы Ивацевичи Navahrudak Novogrudok Навагрудак Новогрудок Smarhon Smorgon Смаргонь
Сморгонь Hlybokaye Glubokoye Глыбокае Глубокое Asipovichy Osipovichi Асіповічы Осиповичи
Krychau Krichev Крычаў Кричев Ashmiany Oshmyany Ашмяны Ошмяны Vileika Вілейка Вилейка Slonim
Слонім Слоним Nesvizh Нясвіж Несвиж Stolin Столін Столин Kletsk Клецк Pruzhany Пружаны
Luninets Лунінец Лунинец Dzyarzhynsk Дзяржынск Дзержинск Stoubtsy Стоўбцы Столбцы Zaslauye
Заслаўе Заславль Kalinkavichy Калінкавічы Калинковичи Mikashevichy Мікашэвічы Микашевичи
Akrestsina Akrestsin Okrestina Акрэсціна Окрестина Valadarka Volodarka Валадарка Володарка
Amerykanka Amerikanka Амерыканка Американка Vitba Віцьба Витьба Belarus Byelorussia Беларусь
Беларусі Russia Rasiia Расія Россия Ukraine Украіна Украина Lithuania Літва Литва Poland
Польшча Польша Latvia Латвія Латвия Vilnius Вільнюс Вильнюс Warsaw Варшава Moscow Масква Москва
Kyiv Kiev Кіеў Киев Geneva Жэнева Женева Europe Еўропа Европа Riga Рыга Рига Berlin Берлін
Берлин Brussels Брусель Брюссель Strasbourg Washington Вашынгтон Вашингтон London Лондан Лондон
Paris Парыж Париж Oslo Осла Осло Stockholm Sweden Norway Germany Германія Германия
"""

ORGANISATIONS = """
Viasna Вясна Весна KGB КГБ КДБ GUBOPiK ГУБАЗіК ГУБОПиК OMON АМАП ОМОН MVD МУС МВД Naftan
Нафтан Belaruskali Беларуськалій Беларуськалий Azot Азот BKDP БКДП Salidarnast Салідарнасць
Солидарность Rabochy Рабочы Рабочий Rukh Рух PEN ПЭН BAJ БАЖ Amnesty Nasha Наша Niva Ніва Нива
Svaboda Свабода Свобода Belsat Белсат Zerkalo Зеркало Люстэрка Euroradio Еўрарадыё Еврорадио
TUT Nexta Telegram Тэлеграм Телеграм Facebook Instagram YouTube Viber OSCE АБСЕ ОБСЕ ООН ААН
UN EU ЕС ЕЗ Nobel Нобель Interpol Інтэрпол Интерпол NATO Polymer Палімір Полимир Respect
Fulfill Protect Dissidentby Politzek
"""

# Words that make a capitalised sequence an institution, an address or a date, not a person.
STOP_WORDS = """
court district regional city supreme office ministry committee council union party centre
center republic penal colony prison detention street avenue square university school plant
factory department service house national state human rights international news radio group
working nations united federation charter commission parliament assembly government army
police militia foundation fund association initiative movement congress bureau agency
county jail capitol unit station hall church cathedral museum theatre theater park bridge
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter
суд суда суде судом раён раёна района раен обласной абласны гарадскі городской вярхоўны
верховный міністэрства министерство камітэт комитет рада совет партыя партия калонія колония
турма тюрьма вуліца вулица улица праспект проспект плошча площадь універсітэт университет завод
фабрыка фабрика рэспубліка республика управление упраўленне аддзел отдел
"""


def _stem(word: str) -> str:
    form = light(word)
    while len(form) > 3 and form[-1] in "aeiouyjw":
        form = form[:-1]
    return form


def _stems(words: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in words.split())


PLACE_STEMS = _stems(PLACES)
ORGANISATION_STEMS = _stems(ORGANISATIONS)
STOP_FORMS = frozenset(light(w) for w in STOP_WORDS.split())


def _stem_hit(token: str, stems: frozenset[str]) -> bool:
    """Does ``token`` read as an inflected form of one of ``stems``?"""
    form = light(token)
    for cut in range(len(form), 2, -1):
        if form[:cut] in stems:
            return len(form) - cut <= (4 if cut >= 5 else 2)
    return False


@lru_cache(maxsize=50_000)
def is_place(token: str) -> bool:
    return _stem_hit(token, PLACE_STEMS)


@lru_cache(maxsize=50_000)
def is_organisation(token: str) -> bool:
    return _stem_hit(token, ORGANISATION_STEMS) or (token.isupper() and len(token) > 1)


@lru_cache(maxsize=50_000)
def is_stop_word(token: str) -> bool:
    return light(token) in STOP_FORMS


def is_not_a_person(token: str) -> bool:
    """A place, an organisation (or an acronym), or an institution word."""
    return is_stop_word(token) or is_place(token) or is_organisation(token)


class Officials:
    """Known non-prisoners (officials, judges, UN experts, public figures) by name key."""

    def __init__(self, rows=None) -> None:
        names = [row["name"] for row in read_non_prisoners(rows)]
        self.full_keys = frozenset(person_key(n) for n in names)
        self.surname_keys = frozenset(
            name_key(parse_name(n).surname) for n in names if parse_name(n).surname)

    def is_official(self, name: str, tokens: int) -> bool:
        """A full name of a known official, or a lone surname of one ("Лукашэнка")."""
        key = person_key(name)
        if key in self.full_keys:
            return True
        return tokens == 1 and key.lstrip("|") in self.surname_keys


@lru_cache(maxsize=1)
def officials() -> Officials:
    return Officials()
