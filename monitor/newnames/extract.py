"""Vigil's own person-name extractor for English, Belarusian Cyrillic and Łacinka.

No NER model covers Belarusian offline, so names are read from their shape:

* a given name from the table (any case form) with a capitalised word beside it:
  "Ihar Ivanou", "Ігара Іванова", "Іваноў Ігар" (surname first only when the word looks
  like a surname), with a patronymic allowed between ("Ігар Пятровіч Іваноў");
* one or two initials before a capitalised word: "I. Ivanou", "А.А. Іваноў";
* a lone capitalised word shaped like a Belarusian or Russian surname (-ski, -ou, -ava,
  -enka, -ovich ...) that does not open a sentence nor follow "in"/"у"/"з" (a place);
* a lone word repeating the surname of a full name of the same passage (any shape).

Places, organisations and institution words are never part of a name (``stoplist``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from monitor.names.keys import name_key
from monitor.names.tokens import DIGRAPH_INITIALS, WORD_RE, is_patronymic
from monitor.names.translit import light

from .gazetteer import GivenName, given_name
from .stoplist import is_not_a_person, is_stop_word

# Surname shapes (light Latin, any case ending): adjectival, possessive, patronymic-derived,
# Ukrainian/Belarusian -enka/-uk, with the case endings they take in running text.
SURNAME_SHAPE = re.compile(
    r"(?:[sc]k(?:i|y|ii|iy|ij|aia|aya|aja|oi|oj|ai|aj|ogo|aha|aga|omu|amu|im|ym|uiu|uju)"
    r"|(?:o|a|e|io|ie)(?:v|w|u)(?:a|u|y|i|ym|im|oi|oj|ai|aj|aiu|oiu)?"
    r"|[iy]n(?:a|u|y|oi|oj|ai|aj|ym|im)?"
    r"|(?:ov|ev|av|ev|iav)i(?:ch|ts)(?:a|u|am|om|em|e)?"
    r"|enk[aoiu]|enk(?:am|om)|[iy]?u[kh](?:a|u|om|am|e)?|chyk(?:a|u|am)?|chuk(?:a|u|om)?)$")


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    surface: str
    name: str          # best nominative reading, for display
    form: str          # 'full' (given + surname), 'initial' (initial + surname), 'single'
    surname: str       # the surname as written
    declined: bool = False   # written in an oblique case (an object, not the subject)


@dataclass(frozen=True, slots=True)
class Word:
    """A capitalised word; ``joined`` when only a space (or an initial's dot and a space)
    separates it from the capitalised word before it."""
    text: str
    start: int
    end: int
    initial: bool
    sentence_start: bool
    joined: bool


POSSESSIVE = re.compile(r"['’ʼ]s$")
_SENTENCE_END = ".!?…\n"


def capital_words(text: str, start: int, end: int) -> list[Word]:
    """The capitalised words of ``text[start:end]``; lower-case words only break chains.

    Cheaper than a full tokenisation: most words are lower case and cost one check."""
    words: list[Word] = []
    previous_end, previous_capital = None, False
    for match in WORD_RE.finditer(text, start, end):
        word, w_start, w_end = match.group(0), match.start(), match.end()
        if not word[0].isupper():
            previous_capital = False
            previous_end = w_end
            continue
        possessive = POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            word, w_end = word[:possessive.start()], w_start + possessive.start()
        initial = w_end < len(text) and text[w_end] == "." and (
            len(word) == 1 or (len(word) == 2 and word.lower() in DIGRAPH_INITIALS))
        gap = text[previous_end:w_start] if previous_end is not None else ""
        joined = previous_capital and _joins(gap, words[-1].initial if words else False)
        before = text[max(start, w_start - 4):w_start].rstrip(" \t\"«“„'(")
        sentence_start = previous_end is None or not before or before[-1] in _SENTENCE_END
        if words and words[-1].initial and gap.startswith("."):
            sentence_start = False
        words.append(Word(word, w_start, w_end, initial, sentence_start, joined))
        previous_end, previous_capital = match.end(), True
    return words


def _joins(gap: str, after_initial: bool) -> bool:
    if after_initial and gap.startswith("."):
        gap = gap[1:]
        if gap == "":
            return True
    return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap


def looks_like_surname(word: str) -> bool:
    return len(word) > 4 and bool(SURNAME_SHAPE.search(light(word)))


# A lone capitalised word after these is a place ("in Britain", "у Шклове", "z Lidy").
PLACE_PREPOSITION = re.compile(
    r"(?<!\w)(?:in|at|from|near|into|в|во|у|ў|з|із|из|под|пад|каля|ля|возле|около|u|z|la|"
    r"kala|pad)\s+$", re.IGNORECASE)
# "Кастрычніцкага раёна", "Frunzenski district": an adjective of a district, not a surname.
DISTRICT_AFTER = re.compile(
    r"\s+(?:district|region|раён\w*|район\w*|вобласц\w*|област\w*|rajon\w*|voblasc\w*)",
    re.IGNORECASE)
# Initials that are a country or an organisation, not a person's: U.S., U.K., U.N., E.U.
ACRONYM_INITIALS = {("U", "S"), ("U", "K"), ("U", "N"), ("E", "U"), ("U", "A")}


def _name_word(word: Word) -> bool:
    """May this word be a surname inside a name?"""
    return (not word.initial and len(word.text) > 1 and not word.text.isupper()
            and not given_name(word.text) and not is_not_a_person(word.text))


def _after_given(words: list[Word], i: int) -> int | None:
    """Index of the surname after the given name at ``i`` (a patronymic may come first)."""
    j = i + 1
    if j + 1 < len(words) and words[j].joined and is_patronymic(words[j].text) and (
            words[j + 1].joined and _name_word(words[j + 1])):
        return j + 1        # "Ігар Пятровіч Іваноў"; a lone -ovich word is a surname (Markevich)
    if j < len(words) and words[j].joined and _name_word(words[j]):
        return j
    return None


def _before_given(words: list[Word], i: int) -> int | None:
    """Index of a surname written before the given name ("Іваноў Ігар")."""
    j = i - 1
    if j >= 0 and words[i].joined and _name_word(words[j]) and looks_like_surname(words[j].text):
        return j
    return None


def _initials_before(words: list[Word], i: int) -> int | None:
    """Index of the first initial of "I. Ivanou" / "А.А. Іваноў" ending before ``i``."""
    j = i
    while j > 0 and words[j].joined and words[j - 1].initial:
        j -= 1
    return j if j < i else None


_FEMININE = [("авай", "ава"), ("овай", "ова"), ("евай", "ева"), ("інай", "іна"),
             ("ынай", "ына"), ("скай", "ская"), ("цкай", "цкая"), ("avaj", "ava"),
             ("ovaj", "ova"), ("skaj", "skaja"), ("ckaj", "ckaja"), ("ову", "ова"),
             ("аву", "ава"), ("скую", "ская"), ("цкую", "цкая"), ("ovu", "ova"), ("avu", "ava"),
             ("skuju", "skaja"), ("ckuju", "ckaja"), ("ой", "а"), ("ую", "ая")]
_MASCULINE = [("скага", "скі"), ("цкага", "цкі"), ("скаму", "скі"), ("цкаму", "цкі"),
              ("скім", "скі"), ("цкім", "цкі"), ("skaha", "ski"), ("ckaha", "cki"),
              ("авым", "аў"), ("овым", "оў"), ("ава", "аў"), ("ова", "оў"), ("еву", "еў"),
              ("ева", "еў"), ("аву", "аў"), ("ову", "оў"), ("avym", "aŭ"), ("ava", "aŭ"),
              ("ova", "oŭ"), ("іна", "ін"), ("ына", "ын"), ("скі", "скі"), ("цкі", "цкі"),
              ("ski", "ski"), ("cki", "cki"), ("ку", "ка"), ("кі", "ка"), ("кам", "ка"),
              ("ku", "ka"), ("ki", "ka"), ("kam", "ka"), ("ым", ""), ("ам", ""), ("ом", ""),
              ("а", ""), ("у", ""), ("a", ""), ("u", "")]


_RUSSIAN_FEMININE = [("ской", "ская"), ("цкой", "цкая"), ("скую", "ская"), ("цкую", "цкая"),
                     ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"),
                     ("еву", "ева"), ("ину", "ина")]
_RUSSIAN_MASCULINE = [("ского", "ский"), ("цкого", "цкий"), ("скому", "ский"),
                      ("цкому", "цкий"), ("ским", "ский"), ("цким", "цкий"), ("овым", "ов"),
                      ("евым", "ев"), ("иным", "ин"), ("ова", "ов"), ("ева", "ев"),
                      ("ову", "ов"), ("еву", "ев"), ("ина", "ин"), ("ину", "ин"),
                      ("ым", ""), ("ом", ""), ("ем", ""), ("а", ""), ("у", ""), ("ю", "ь"),
                      ("я", "ь")]


def nominative_surname(surname: str, given: GivenName | None, lang: str = "be") -> str:
    """Undo the case ending of a surname when the given name beside it is declined too."""
    if given is None or not given.inflected:
        return surname
    if lang == "ru":
        rules = (_RUSSIAN_FEMININE if given.sex == "f" else
                 _RUSSIAN_MASCULINE if given.sex == "m" else [])
    else:
        rules = _FEMININE if given.sex == "f" else _MASCULINE if given.sex == "m" else []
    for ending, nominative in rules:
        if surname.endswith(ending) and len(surname) > len(ending) + 2:
            return surname[: -len(ending)] + nominative
    return surname


def _span(text: str, words: list[Word], first: int, last: int, name: str, form: str,
          surname: str) -> NameSpan:
    start, end = words[first].start, words[last].end
    return NameSpan(start, end, text[start:end], name, form, surname)


def _full_name(text: str, words: list[Word], i: int, given: GivenName,
               lang: str) -> NameSpan | None:
    after, before = _after_given(words, i), _before_given(words, i)
    if after is not None and is_patronymic(words[after].text) and i > 0 and words[i].joined \
            and _name_word(words[i - 1]):
        before = i - 1      # "Лапейка Ігар Пятровіч": surname first, then the patronymic
    if before is not None and (after is None or is_patronymic(words[after].text)):
        first, last, surname = before, after if after is not None else i, words[before].text
    elif after is not None:
        first, last, surname = i, after, words[after].text
    else:
        return None
    name = f"{given.nominative} {nominative_surname(surname, given, lang)}"
    return replace(_span(text, words, first, last, name, "full", surname),
                   declined=given.inflected)


def extract_names(text: str, inflecting: bool, start: int = 0, end: int | None = None,
                  lang: str = "be") -> list[NameSpan]:
    """Person names in ``text[start:end]`` (offsets are into ``text``)."""
    words = capital_words(text, start, len(text) if end is None else end)
    found: list[NameSpan] = []
    used_until = -1
    for i, word in enumerate(words):
        if word.start < used_until or word.initial:
            continue
        given = given_name(word.text, inflecting)
        span = _full_name(text, words, i, given, lang) if given else None
        if span is None and not given and _name_word(word) and not _given_follows(words, i):
            span = _initial_or_single(text, words, i)
        if span is not None:
            used_until = span.end
            if not _institution_follows(words, span):
                found.append(span)
    return found + _follow_ups(text, words, found)


def _institution_follows(words: list[Word], span: NameSpan) -> bool:
    """"Bartholomew County Jail", "Ivan Petrov Street": the name is part of an institution."""
    after = next((w for w in words if w.start >= span.end), None)
    return after is not None and after.joined and is_stop_word(after.text)


def _follow_ups(text: str, words: list[Word], found: list[NameSpan]) -> list[NameSpan]:
    """Lone surnames repeating a full name of the same passage ("... Lapeika was detained"),
    whatever their shape: the full name already showed they are a person's."""
    surnames = {name_key(s.surname) for s in found if s.form == "full"}
    taken = [(s.start, s.end) for s in found]
    extra = []
    for i, word in enumerate(words):
        if any(a <= word.start < b for a, b in taken) or name_key(word.text) not in surnames:
            continue
        if not word.initial and not given_name(word.text):
            extra.append(_span(text, words, i, i, word.text, "single", word.text))
    return extra


def _given_follows(words: list[Word], i: int) -> bool:
    """A given name right after: the word is its surname ("Іваноў Ігар"), read there."""
    return i + 1 < len(words) and words[i + 1].joined and given_name(words[i + 1].text) is not None


def _initial_or_single(text: str, words: list[Word], i: int) -> NameSpan | None:
    word = words[i]
    first = _initials_before(words, i)
    if first is not None:
        if tuple(w.text for w in words[first:i]) in ACRONYM_INITIALS:
            return None
        initials = " ".join(w.text + "." for w in words[first:i])
        return _span(text, words, first, i, f"{initials} {word.text}", "initial", word.text)
    if word.sentence_start or not looks_like_surname(word.text) or PLACE_PREPOSITION.search(
            text[max(0, word.start - 8):word.start]) or DISTRICT_AFTER.match(text, word.end):
        return None
    return _span(text, words, i, i, word.text, "single", word.text)

