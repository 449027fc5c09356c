"""Known non-prisoners and common words that must not become mentions.

The non-prisoner list lives in ``monitor/data/non_prisoners.csv`` (officials, judges,
UN experts, public figures). Each enters the index as a *blocked* person: a span that
resolves to one is consumed silently, and a lone surname shared with one is never reported
unless the same text names a listed person with it. Rows with ``listed_id`` suppress that
listed person too (the same human being, e.g. Sviatlana Tsikhanouskaya, listed as
persecuted but a public figure named in nearly every article).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from importlib import resources

from .context import FAMOUS_CUES
from .index import Index


def _words(text: str) -> list[str]:
    return text.split()


# Lower-case words (native script) that collide with listed surnames or their keys and are
# far more often words or places than people. A lone surname equal to one is not reported.
COMMON_WORDS = frozenset(_words("""
знак жук казак мароз мороз воўк волк сокал сокол лось бабарыка весна вясна праўда правда
воля свобода мир беларусь минск мінск гомель гомель брест брэст гродно гродна могилев
магілёў витебск віцебск сила сіла голас голос дом хата рух закон суд суды бог кола коло
вера надзея надежда любоў любовь слава мая май зима лета лето бела белая белы белый
новы новы новая новое новый старая стары старый малы малый вялікі великий
minsk homiel hrodna brest viasna belarus poland russia europe ukraine court union
may june july march april august justice council union freedom peace spring
знаком знака знаку жука жуку казака морозу мароза волка воўка
germany german germans france french britain british england english america american
americans europe european poland polish lithuania lithuanian latvia ukrainian russian
italy italian spain spanish china chinese sweden swedish norway norwegian finland finnish
monday tuesday wednesday thursday friday saturday sunday january february october
november december maske masku bank stock rock path care host maker long drake bravo
"""))


# Towns and regions of Belarus and cities that recur in the news, in one Latin spelling
# each; they are compared by key, so Кобрын / Kobrynie / Кобрине are all caught. A lone
# surname with a place's key (or its adjective, Homelski / Гомельский) is not reported.
PLACES = _words("""
Minsk Homiel Gomel Hrodna Grodno Brest Viciebsk Vitebsk Mahilou Mogilev Babrujsk Bobruisk
Baranavichy Barysau Pinsk Orsha Mazyr Salihorsk Navapolatsk Lida Maladziechna Polatsk Zhlobin
Svietlahorsk Rechytsa Zhodzina Slutsk Kobryn Vaukavysk Kalinkavichy Smarhon Rahachou
Asipovichy Horki Navahrudak Vileika Dziarzhynsk Mir Niasvizh Turau Kapyl Stolin Luninets
Ivatsevichy Pruzhany Hlybokaje Pastavy Lepel Shklou Bykhau Dobrush Chachersk Biaroza
Drahichyn Masty Sianno Vietka Lahoisk Fanipal Shumilina Navasady Zhodino Kurapaty Ivianiec
Vilnius Vilnia Warsaw Varshava Moscow Maskva Kyiv Kiev Geneva Zheneva Brussels Berlin Oslo
Riga Strasbourg Lithuania Litva Latvia Poland Polshcha Ukraine Ukraina Russia Rasiya Europe
Belarus Bielarus Naftan Polymir Hrodzenski Belaruskali Azot Viasna Vesna Okrestina
""")
# Rivers, lakes and smaller towns of Belarus, read only after a preposition of place or
# motion or beside a river/town word ("праз Бярэзіну", "on the Sozh"): alone their keys are
# listed surnames too often (Biarezin, Sozh) to stop every lone mention as PLACES do.
TOPONYMS = _words("""
Biarezina Berezina Dniapro Dnieper Dnepr Dzvina Dvina Nioman Neman Prypiats Pripyat Sozh
Ptsich Sluch Haryn Yaselda Mukhavets Shchara Svislach Vilija Viliya Drut Bug Isloch Besiadz
Iput Dzisna Luchosa Ushacha Servach Zelvianka Kotra Lan Tsna Pina Narach Naroch Asvieja
Drysviaty Svitsiaz Lukoml Chyrvonaje Volma Berazino Horka Uzda Stoubtsy
Liakhavichy Hantsavichy Bialynichy Krupki Chervien Smaliavichy Rudzensk Dokshytsy Braslau
Miory Sharkaushchyna Verkhniadzvinsk Rasony Haradok Dubrouna Talachyn Hlusk Kirausk
Klichau Krasnapolle Kastsiukovichy Klimavichy Chavusy Cherykau Slauharad Khotsimsk
Mstsislau Drybin Liozna Beshankovichy Ushachy Chashniki Kalinkavichy Yelsk Zhytkavichy
Karma Lelchytsy Loeu Naroulia Petrykau Khoiniki Brahin Astravets Ivye Karelichy Voranava
Dziatlava Biarostavitsa Zelva Shchuchyn Zhabinka Kamianets Malaryta Ivanava Valozhyn
Liuban Miadzel Puchavichy Smilavichy Darohi Bierazino Pruzhany Zaslauje Rakau
Ivianets Kreva Halshany Lahoisk Zhdanovichy Ratomka Tarasava Siomkava Mazyr Naroulia
""")
OFFICIAL_TITLES = tuple(_words("""
minister president prosecutor judge chairman chairwoman chair head secretary spokesman
spokeswoman ambassador governor investigator rapporteur general colonel officer deputy
министр президент прокурор судья судьи председател глава секретар посол следовател
генерал губернатор докладчик спецдокладчик заместител
міністр прэзідэнт прэзыдэнт пракурор суддзя судзьдзя старшын кіраўнік сакратар пасол следчы
генэрал дакладчык спецдакладчык спэцдакладчы намесьнік намеснік
prakuror suddzia sudździa staršyn kiraŭnik sakratar dakładčyk spiecdakładčyk namieśnik
"""))


def read_non_prisoners(rows: Iterable[dict] | None = None) -> list[dict]:
    """The bundled list (or ``rows`` given by the caller) as dicts name/kind/listed_id/note."""
    if rows is not None:
        return list(rows)
    text = resources.files("monitor").joinpath("data/non_prisoners.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def famous_cues(row: dict) -> tuple[str, ...]:
    """The words that must stand near a famous namesake's name (kind ``famous``): the
    general ones (poet, fairy tale, памятник ...) and the row's own ``context``, separated
    by ";" (stems, lower case). Other kinds need no cue: empty."""
    if (row.get("kind") or "").strip() != "famous":
        return ()
    own = [c.strip().lower() for c in (row.get("context") or "").split(";") if c.strip()]
    return FAMOUS_CUES + tuple(own)


def add_non_prisoners(index: Index, rows: Iterable[dict] | None = None) -> None:
    """Index each non-prisoner as blocked and suppress listed ids named by the list.
    Famous namesakes (kind ``famous``) are blocked only where their cues stand near."""
    suppressed: set[int] = set()
    for n, row in enumerate(read_non_prisoners(rows), start=1):
        if row.get("listed_id"):
            suppressed.add(int(row["listed_id"]))
        index.add(id=-n, name=row["name"], status=None, gender=row.get("gender") or None,
                  blocked=True, cues=famous_cues(row))
    for person in index.persons:
        if person.id in suppressed:
            person.blocked = True
