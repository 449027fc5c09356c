"""The words of each case event, in English, Russian, Belarusian Cyrillic and Łacinka.

Patterns are stems with ``\\w*`` so one entry covers the inflected and gendered forms
("задержан", "задержана", "задержали"; "асуджаны", "асуджаная", "асудзілі"). Nouns are left
out where they mostly name a category rather than an act ("arbitrary detention",
"освобождение" in a call for release); the verb and participle forms carry the news.
"""

from __future__ import annotations

import re

EVENT_TYPES = ("detained", "charged", "sentenced", "released", "transferred", "hunger_strike",
               "health", "died", "recognised_political_prisoner", "un_opinion")

PATTERNS: dict[str, list[str]] = {
    "un_opinion": [
        r"working group on arbitrary detention", r"wgad", r"a/hrc/wgad/\d{4}/\d+",
        r"opinion no\.? ?\d+/\d{4}", r"human rights committee", r"ccpr/c/\d+/d/\d+/\d{4}",
        r"рабоч\w+ групп\w+ (?:оон )?по произвольн\w+ задержани\w*",
        r"комитет\w* (?:оон )?по правам человека",
        r"працоўн\w+ груп\w+ (?:аан )?па адвольн\w+ затрыман\w*",
        r"камітэт\w* (?:аан )?па правах чалавека",
        r"pracoŭn\w+ grup\w+ (?:aan )?pa advoln\w+ zatryman\w*",
    ],
    "recognised_political_prisoner": [
        r"recogni[sz]ed (?:\w+ ){0,2}as (?:a |the )?political prisoners?",
        r"declared (?:\w+ ){0,2}(?:a )?political prisoners?", r"political prisoner status",
        r"признан\w* (?:\w+ ){0,2}политзаключ\w*", r"признал\w* (?:\w+ ){0,2}политзаключ\w*",
        r"признан\w* (?:\w+ ){0,2}политическ\w+ заключ\w*", r"статус\w* политзаключ\w*",
        r"прызнан\w* (?:\w+ ){0,2}палітвязн\w*", r"прызнал\w* (?:\w+ ){0,2}палітвязн\w*",
        r"прызнан\w* (?:\w+ ){0,2}палітычн\w+ вязн\w*", r"статус\w* палітвязн\w*",
        r"pryznan\w* (?:\w+ ){0,2}palitviaz\w*", r"pryznal\w* (?:\w+ ){0,2}palitviaz\w*",
    ],
    "hunger_strike": [
        r"hunger[- ]strik\w*", r"refus\w+ (?:to eat|food)", r"голодовк\w*", r"голода(?:ет|л\w*)",
        r"галадоўк\w*", r"галада(?:е|ў|ла)\w*", r"haładoŭk\w*", r"haladouk\w*",
    ],
    "died": [
        r"died", r"dies", r"passed away", r"found dead", r"(?<!sentenced to )death(?! penalty)",
        r"was killed", r"умер\w*", r"скончал\w*", r"погиб\w*", r"смерт[ьи](?! казн)",
        r"памёр", r"памерла", r"памерлі", r"загінуў", r"загінула", r"смерць", r"смерці",
        r"pamior", r"pamierła", r"zahinuŭ",
    ],
    "sentenced": [
        r"sentenced", r"sentencing", r"convicted", r"found guilty", r"jailed for",
        r"приговор\w*", r"осужд\w*", r"осудил\w*", r"асуджан\w*", r"асудзіл\w*",
        r"прысуджан\w*", r"прысудзіл\w*", r"прысуд\w*", r"asudžan\w*", r"asudzi\w*",
        r"prysud\w*", "TERM_GIVEN", r"лишил\w* свобод\w*", r"пазбавіл\w* волі",
        r"(?:term|sentence)s? (?:was |were |has been )?(?:given|handed(?: down)?|imposed) "
        r"(?:to|on)", r"handed down",
    ],
    "charged": [
        r"charged", r"indicted", r"accused of", r"new charges?", r"faces? (?:\w+ )?charges?",
        r"criminal case (?:was |has been )?(?:opened|initiated|brought)",
        r"обвинен\w*", r"обвинён\w*", r"обвиняе\w*", r"предъявил\w* обвинени\w*",
        r"возбу(?:дил|жден|ждён)\w* уголовн\w+ дел\w*", r"абвінавачан\w*",
        r"абвінавачв\w*", r"прад'?яві\w* абвінавачан\w*", r"узбудзі\w* крымінальн\w+ справ\w*",
        r"узбуджан\w* крымінальн\w+ справ\w*", r"abvinavačan\w*", r"abvinavačv\w*",
    ],
    "detained": [
        r"detained", r"arrested", r"re-arrested", r"taken into custody", r"apprehended",
        r"abducted", r"(?:after|following|since|upon|before) (?:his|her|their) "
        r"(?:arrest|detention|re-arrest)", "NOUN_DETENTION", r"задержан(?!и[еяюй])\w*", r"задержал\w*", r"арестован\w*", r"арестовал\w*",
        r"взят\w* под страж\w*", r"затрыман(?!н)\w*", r"затрымал\w*", r"арыштаван\w*",
        r"арыштавал\w*", r"узят\w* пад варт\w*", r"zatryman(?!n)\w*", r"zatrymal\w*",
        r"aryštavan\w*",
    ],
    "released": [
        r"released", r"freed", r"set free", r"pardoned", r"walked free",
        r"left (?:the )?(?:penal )?(?:colony|prison)", r"(?:after|upon|since) (?:his|her) release",
        # verbs and participles only: the nouns (освобождение, вызваленне) mostly ask for it
        r"освобожд(?!ени[еяюй])\w*", r"освободил\w*", r"выш(?:ел|ла|ли) на свобод\w*",
        r"помилова\w*", r"вызвален(?!н)\w*", r"вызваліл\w*", r"вый(?:шаў|шла|шлі) на (?:волю|свабоду)",
        r"памілава\w*", r"vyzvalen(?!n)\w*", r"vyzvalil\w*", r"pamiłava\w*",
    ],
    "transferred": [
        r"transferred", r"(?:moved|sent|taken) to (?:[\w'’]+ ){0,3}(?:colony|prison|jail|"
        r"detention centre|pre-trial)", r"этапирова\w*",
        r"переведен\w*", r"переведён\w*", r"перевели", r"этапава\w*", r"пераведзен\w*",
        r"перавял\w*", r"etapava\w*", r"pieraviedzien\w*",
    ],
    "health": [
        r"health", r"hospitali[sz]ed", r"hospital", r"illness", r"ill", r"disease",
        r"больниц\w*", r"госпитал\w*", r"бальніц\w*", r"шпітал\w*", r"прооперир\w*",
        r"аперыр\w*", r"operated on",
        r"cancer", r"stroke", r"heart attack", r"surgery", r"diabetes", r"medical (?:care|help|aid)",
        r"lost (?:\d+ ?kg|weight)", r"здоровь\w*", r"госпитализ\w*", r"болезн\w*",
        r"болеет", r"заболел\w*", r"онколог\w*", r"инсульт\w*", r"инфаркт\w*",
        r"медицинск\w+ помощ\w*", r"похудел\w*", r"здароўе\w*", r"здароў[яі]\w*",
        r"шпіталізава\w*", r"хвароб\w*", r"хварэ\w*", r"захварэ\w*", r"анкалог\w*",
        r"інсульт\w*", r"інфаркт\w*", r"медыцынск\w+ дапамог\w*", r"схуднe\w*", r"схудне\w*",
        r"zdaroŭ\w*", r"chvarob\w*",
    ],
}

# A release that is only asked for, or a detention that merely continues, is not news.
NOT_AN_ACT = {
    "released": re.compile(
        r"(?:call\w*|demand\w*|urg\w*|appeal\w*|should|must|to be|will be|be|ask\w*|would|"
        r"could|remedy|бы|б|было б\w*|сродк\w*|средств\w*|"
        r"патрабу\w*|заклік\w*|трэба|павінн\w*|требу\w*|призыва\w*|долж\w*|нужно|"
        r"заклікаю\w*|патрабуем)(?:\W+\w+){0,4}\W*$", re.IGNORECASE),
    "detained": re.compile(r"(?:remain\w*|still|остаётся|остается|застаецца)\W*$",
                           re.IGNORECASE),
    # "died in a prison hospital": the hospital is where he died, not news of his health.
    "health": re.compile(r"(?:died|умер\w*|скончал\w*|памёр|памерла|pamior)(?:\W+\w+){0,3}\W*$",
                         re.IGNORECASE),
}
# "has not been released", "не объявлял новую голодовку": up to two words between.
NEGATION = re.compile(r"(?<!\w)(?:not|never|no longer|не|ня|nie)\W+(?:\w+\W+){0,2}$",
                      re.IGNORECASE)

# People around a prisoner whose fate an article may tell beside his: "Kashpul's wife was
# detained" is not Kashpul's detention.
RELATIVES = re.compile(
    r"(?<!\w)(?:wife|husband|son|daughter|mother|father|brother|sister|lawyer|attorney|"
    r"colleague|relatives?|friend|cellmate|co-defendants?|подельни\w*|падельні\w*|"
    r"жен(?:а|ы|е|у|ой)|муж(?:а|у|ем|ам)?|сын\w*|доч\w*|мат(?:ь|ери)|отец|отц\w*|брат\w*|"
    r"сестр\w*|адвокат\w*|коллег\w*|родственни\w*|друг(?:а|у|ом)?|жонк\w*|дачк\w*|"
    r"маці|бацьк\w*|сястр\w*|адвакат\w*|калег\w*|сваяк\w*|сябр\w*|žonk\w*|"
    r"adviakat\w*)(?!\w)", re.IGNORECASE)

TERM_UNITS = {
    "years": r"years?|лет|год(?:а|ам|ами|у)?|гад(?:оў|ы|а|ам|амі)?|hadoŭ|hady",
    "months": r"months?|месяц\w*|месяц(?:аў|ы)|miesiac\w*",
    "days": r"days?|сут(?:ок|ки|кам)|сутак|sutak",
}

NUMBER_WORDS = {
    1: "one один одному одного адзін аднаму аднаго",
    1.5: "полтора полутора паўтара",
    2: "two два двум двух дзвюм двух",
    3: "three три трём трем трёх трех тры тром трох",
    4: "four четыре четырём четырем четырёх чатыры чатыром чатырох",
    5: "five пять пяти пяць",
    6: "six шесть шести шэсць шасці",
    7: "seven семь семи сем сямі",
    8: "eight восемь восьми восем васьмі",
    9: "nine девять девяти дзевяць дзевяці",
    10: "ten десять десяти дзесяць дзесяці",
    11: "eleven одиннадцать одиннадцати адзінаццаць адзінаццаці",
    12: "twelve двенадцать двенадцати дванаццаць дванаццаці",
    13: "thirteen тринадцать тринадцати трынаццаць трынаццаці",
    14: "fourteen четырнадцать четырнадцати чатырнаццаць чатырнаццаці",
    15: "fifteen пятнадцать пятнадцати пятнаццаць пятнаццаці",
    16: "sixteen шестнадцать шестнадцати шаснаццаць шаснаццаці",
    18: "eighteen восемнадцать восемнадцати васямнаццаць васямнаццаці",
    20: "twenty двадцать двадцати дваццаць дваццаці",
    25: "twenty-five двадцать пять",
}
NUMBERS = {word: n for n, words in NUMBER_WORDS.items() for word in words.split()}

_NUMBER_WORD = "|".join(sorted(map(re.escape, NUMBERS), key=len, reverse=True))
# "дали 15 лет", "атрымаў пяць гадоў", "прызначылі 11 гадоў", "given eleven years".
TERM_GIVEN = (
    r"(?:дали|дал|получил\w*|назначил\w*|присудил\w*|далі|атрыма\w*|прызначыл\w*|"
    r"given|got|received|handed|gets|receives)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:\d+|{_NUMBER_WORD})[\s-]+(?:years?|year-|лет|год\w*|гад\w*|месяц\w*|months?)"
)
PATTERNS["sentenced"] = [TERM_GIVEN if p == "TERM_GIVEN" else p for p in PATTERNS["sentenced"]]

# "Задержание Алексея Ковалёва подтвердил ...", "the arrest of X": the noun before a person is
# news of a detention, except where a UN body calls a detention arbitrary (a state).
NOUN_DETENTION = r"(?:the )?(?:arrest|detention) of|задержани[ея]|затрыманн[ея]|арест(?:а|у)?"
PATTERNS["detained"] = [NOUN_DETENTION if p == "NOUN_DETENTION" else p
                        for p in PATTERNS["detained"]]
ARBITRARY = re.compile(r"arbitrar|произвольн|адвольн|advoln", re.IGNORECASE)
