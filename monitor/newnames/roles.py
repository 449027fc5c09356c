"""Who a name belongs to: officials, judges and prosecutors, and people who are quoted.

A name next to one of these words is not a new political prisoner: it is the judge who
passed the sentence, the prosecutor who asked for it, the spokesman who announced it, or
the journalist or relative whose words the article reports. Roles are read in a short
window before the name ("judge Ivan Petrov", "судья Ивана Петрова") or in an apposition
after it ("Ivan Petrov, a judge of ..."); speech is read just after the name ("X said",
"X заявіў") or just before it ("said X", "по словам X", "па словах X").

Journalists, lawyers and activists are deliberately *not* roles: they are among the people
most often detained in Belarus. Only their speech disqualifies them.
"""

from __future__ import annotations

import re

_ROLES = [
    # English
    r"judges?", r"prosecutors?(?: general)?", r"investigators?", r"spokes(?:person|man|woman)",
    r"press secretary", r"ministers?", r"ombuds(?:man|person)", r"governor", r"president",
    r"dictator", r"ambassador", r"rapporteur", r"high commissioner", r"commissioner",
    r"officials?", r"officers?", r"colonel", r"general", r"major", r"lieutenant",
    r"commander", r"warden", r"experts?", r"secretary-general", r"secretary general",
    r"propagandists?", r"envoy", r"prison head", r"head of the (?:kgb|colony|prison)",
    r"representatives?", r"spokes(?:people|persons)", r"court (?:president|chair\w*)",
    r"chair\w* of the (?:[\w-]+ ){0,4}court",
    # Russian
    r"судь[яиеюё]\w*", r"прокурор\w*", r"следовател\w*", r"обвинител\w*", r"пресс-секретар\w*",
    r"министр\w*", r"губернатор\w*", r"президент\w*", r"диктатор\w*", r"посол\w*",
    r"посл[ау]", r"омбудсмен\w*", r"спецдокладчи\w*", r"докладчи\w*", r"комиссар\w*",
    r"эксперт\w*", r"милиционер\w*", r"полковни\w*", r"генерал\w*", r"майор\w*",
    r"чиновни\w*", r"пропагандист\w*", r"генсек\w*", r"начальни\w*", r"представител\w*",
    r"председател\w* (?:\w+ )?суд\w*",
    # Belarusian Cyrillic
    r"судздз\w*", r"суддз\w*", r"пракурор\w*", r"следч\w*", r"абвінаваўц\w*",
    r"прэс-сакратар\w*", r"міністр\w*", r"губернатар\w*", r"прэзідэнт\w*", r"дыктатар\w*",
    r"пасол", r"пасл[ау]", r"дакладчы\w*", r"камісар\w*", r"эксперт\w*", r"міліцыянт\w*",
    r"палкоўні\w*", r"генерал\w*", r"маёр\w*", r"чыноўні\w*", r"прапагандыст\w*",
    r"начальні\w*", r"прадстаўні\w*", r"старшын\w* (?:\w+ )?суд\w*",
    # Łacinka
    r"sudździ\w*", r"prakuror\w*", r"śledč\w*", r"ministr\w*", r"prezident\w*",
    r"dyktatar\w*",
]

_SPEECH_AFTER = [
    r"said", r"says", r"say", r"told", r"tells", r"stated", r"notes?", r"noted", r"adds",
    r"added", r"explain(?:s|ed)", r"commented", r"wrote", r"writes", r"stress(?:es|ed)",
    r"emphasi[sz](?:es|ed)", r"declared", r"announced", r"recall(?:s|ed)", r"believes",
    r"reported", r"tweeted", r"claimed", r"argued", r"points? out", r"pointed out",
    r"remarked", r"recounted", r"insist(?:s|ed)",
    r"сказал\w*", r"заявил\w*", r"отметил\w*", r"сообщил\w*", r"рассказал\w*",
    r"подчеркнул\w*", r"пояснил\w*", r"добавил\w*", r"написал\w*", r"считает",
    r"прокомментировал\w*", r"говорит", r"уточнил\w*", r"напомнил\w*", r"объявил\w*",
    r"сказаў", r"сказала", r"заявіў", r"заявіла", r"адзначыў", r"адзначыла", r"паведаміў",
    r"паведаміла", r"расказаў", r"расказала", r"распавёў", r"распавяла", r"падкрэсліў",
    r"падкрэсліла", r"растлумачыў", r"растлумачыла", r"дадаў", r"дадала", r"напісаў",
    r"напісала", r"лічыць", r"пракаментаваў", r"пракаментавала", r"кажа", r"гаворыць",
    r"нагадаў", r"нагадала", r"paviedamiŭ", r"paviedamiła", r"skazaŭ", r"skazała",
    r"zajaviŭ", r"zajaviła", r"adznačyŭ", r"adznačyła",
]

_SPEECH_BEFORE = [
    r"said", r"says", r"told", r"according to", r"quoted", r"quoting", r"asked", r"wrote",
    r"по словам", r"по мнению", r"сказал\w*", r"заявил\w*", r"отметил\w*", r"говорит",
    r"рассказал\w*", r"цитирует", r"па словах", r"на думку", r"сказаў", r"сказала",
    r"заявіў", r"заявіла", r"адзначыў", r"адзначыла", r"кажа", r"расказаў", r"расказала",
    r"pa słovach", r"skazaŭ", r"skazała",
]


def _words(patterns: list[str]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)


ROLE_RE = _words(_ROLES)
SPEECH_AFTER_RE = _words(_SPEECH_AFTER)
SPEECH_BEFORE_RE = _words(_SPEECH_BEFORE)
_WORD = re.compile(r"\w[\w'’\-]*")
# What ends the window before a name: a clause break or a conjunction joining two people.
_BREAK = re.compile(r"[.;:!?()\[\]«»\"“”]|\s(?:and|or|и|і|або|или|а|but|while)\s")

# The one who passes sentence is a judge: "X sentenced Y", "X приговорила", "X вынес прысуд"
# (the passive "X was sentenced", "X sentenced to", "X приговорён" is the defendant, and so
# is a name in an oblique case: "Дениса Л. приговорила судья ...").
SENTENCER_AFTER = re.compile(
    r"\s*(?:sentenced|convicted)(?!\s+(?:to|for|in|on|under|at)\b)\s+\w|"
    r"\s*(?:приговорила?|осудила?|вынесла?|асудзіў|асудзіла|прысудзіў|прысудзіла|"
    r"вынесла|вынес|asudziŭ|asudziła)(?!\w)", re.IGNORECASE)

# "Aliaksandr Sakalau: “Currently ...": a name introducing a quotation.
QUOTE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\))?\s*:")

BEFORE_WORDS = 5


def _window_before(text: str, start: int, floor: int) -> str:
    window = text[floor:start][-80:]
    breaks = list(_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    return " ".join(_WORD.findall(window)[-BEFORE_WORDS:])


# Words that show someone else is the speaker: "..., his lawyer told Viasna".
_OTHER_SPEAKER_WORDS = """
his her their its police relatives relative lawyer lawyers source sources officials witnesses
friends colleagues family wife husband mother father son daughter brother sister spokesman
human rights activists organisation group centre center website media journalists
его её ее их яго яе іх жена муж мать отец сын дочь адвокат родственники источник
жонка маці бацька дачка адвакат сваякі крыніца
"""
OTHER_SPEAKERS = frozenset(_OTHER_SPEAKER_WORDS.split())


def _speaks_later(text: str, end: int, ceiling: int) -> bool:
    """A speech verb after the name (before any cue) whose subject is the name: nothing but
    an apposition stands between them, no "his lawyer" or other named speaker."""
    if re.match(r"['’]s\b", text[end:end + 3]):
        return False                     # "Petrov's wife said": the wife speaks
    tail = text[end:ceiling]
    verb = SPEECH_AFTER_RE.search(tail)
    if not verb:
        return False
    before = _WORD.findall(tail[:verb.start()])[-2:]
    return not any(w.lower() in OTHER_SPEAKERS or (w[0].isupper() and len(w) > 1)
                   for w in before)


def _apposition(text: str, end: int, ceiling: int) -> str:
    """The words after ", " that follow a name: "Ivan Petrov, a judge of ..."."""
    tail = text[end:ceiling][:60]
    if not tail.startswith(","):
        return ""
    return " ".join(_WORD.findall(tail[1:])[:3])


# A former official who is now persecuted is exactly who staff look for.
FORMER = re.compile(r"(?<!\w)(?:former|ex-|retired|былы|былая|бывш\w+|отставн\w+|у адстаўцы|"
                    r"в отставке|pierśjaŭ|byly|byłaja)\W*(?:\w+\W+){0,2}$", re.IGNORECASE)


def _current_role(window: str) -> bool:
    """A role word in ``window`` that is not qualified as former ("retired officer")."""
    return any(not FORMER.search(window[:match.start()]) for match in ROLE_RE.finditer(window))


def _speaks_after_apposition(text: str, end: int, ceiling: int) -> bool:
    """"Veranika Plisko, a reporter who covered the trial, said ...": the verb after the
    comma-enclosed apposition is the name's."""
    if not text.startswith(",", end):
        return False
    close = text.find(",", end + 1, min(ceiling, end + 140))
    if close < 0:
        return False
    return bool(SPEECH_AFTER_RE.search(" ".join(_WORD.findall(text[close + 1:ceiling])[:2])))


def disqualifying_role(text: str, start: int, end: int, floor: int, ceiling: int,
                       cue_spans: list[tuple[int, int]] = (), declined: bool = False
                       ) -> str | None:
    """Why the name at ``text[start:end]`` is not a candidate ('role', 'speech'), or None.

    ``floor``/``ceiling`` bound the sentence, so a window never reads the next sentence.
    A repression cue between a role word and the name ends the window: in "judge A
    sentenced B", the judge is A, not B; in "B was detained, his wife said", B did not speak.
    """
    floor_here = max([floor] + [e for s, e in cue_spans if e <= start])
    ceiling_here = min([ceiling] + [s for s, e in cue_spans if s >= end])
    before = _window_before(text, start, floor_here)
    if _current_role(before) or _current_role(_apposition(text, end, ceiling)) or (
            not declined and SENTENCER_AFTER.match(text, end)):
        return "role"
    if QUOTE_AFTER.match(text, end) or _speaks_later(text, end, ceiling_here) or (
            _speaks_after_apposition(text, end, ceiling)):
        return "speech"
    if SPEECH_BEFORE_RE.search(" ".join(_WORD.findall(before)[-3:])):
        return "speech"
    return None

