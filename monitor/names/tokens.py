"""Splitting text into word tokens with offsets, and telling its language by its letters."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .given_names import GROUPS, given_key
from .translit import is_cyrillic, light

# Letters, combining marks, and apostrophes/hyphens *inside* a word (Дар'я, Sharenda-Panasiuk).
# Hyphens: ASCII, and the Unicode hyphen and non-breaking hyphen (Sharenda‑Panasiuk).
WORD_RE = re.compile(
    r"[^\W\d_][\w\u0300-\u036f]*(?:['’ʼ\-\u2010\u2011][^\W\d_][\w\u0300-\u036f]*)*")
POSSESSIVE_RE = re.compile(r"['’ʼ]s$")
SENTENCE_GAP = re.compile(r"[.!?…][\'\"»”’)]*\s|\n")
PATRONYMIC_RE = re.compile(
    r"(?:(?P<hard>ov|av|aw|ow|au|ou)|(?P<soft>iev|yev|ev|ew|iew|eu))"
    r"(?:ich|ichu|icha|iche|ichem|ichom|na|ny|nu|nai|noi|nie|ne|naj|noj|nam|nah|nikh)$")
# Two-letter romanised initials: Ya. Yu. Zh. Ts. Sh. Ch. Kh. Dz.
DIGRAPH_INITIALS = {"ya", "yu", "ye", "yo", "zh", "ts", "sh", "ch", "kh", "dz", "ja", "ju"}


class Token(NamedTuple):   # a tuple: a text makes hundreds, and tuples are cheap to build
    text: str
    start: int
    end: int
    capital: bool       # starts with an upper-case letter
    initial: bool       # "A." / "Ya." / "А."
    sentence_start: bool


def _is_initial(word: str, text: str, end: int) -> bool:
    if end >= len(text) or text[end] != "." or not word[0].isupper():
        return False
    return len(word) == 1 or (len(word) == 2 and word.lower() in DIGRAPH_INITIALS)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    last_end = 0
    for match in WORD_RE.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        possessive = POSSESSIVE_RE.search(word)
        if possessive and not is_cyrillic(word):
            word, end = word[: possessive.start()], start + possessive.start()
        gap = text[last_end:start]
        after_initial = bool(tokens) and tokens[-1].initial
        sentence_start = not tokens or (bool(SENTENCE_GAP.search(gap)) and not after_initial)
        tokens.append(Token(word, start, end, word[0].isupper(), _is_initial(word, text, end),
                            sentence_start))
        last_end = end
    return tokens


def _upper_class() -> str:
    """Every upper-case Latin and Cyrillic letter, as a regex character class body."""
    chars = [chr(c) for c in list(range(0x41, 0x250)) + list(range(0x400, 0x530))
             if chr(c).isupper()]
    return "".join(re.escape(c) for c in chars)


# A capital after a letter and an apostrophe is inside a word (O'Brien, д'Артаньян); after
# a space or line start an apostrophe is an opening quote ('KUBLITSKI Maksim').
# The lookahead first: most positions fail on it at once, before the lookbehinds run.
CAPITAL_RE = re.compile(
    rf"(?=[{_upper_class()}])(?<![\w\-\u2010\u2011\u0300-\u036f])(?<!\w['’ʼ])[{_upper_class()}][\w\u0300-\u036f]*"
    r"(?:['’ʼ\-\u2010\u2011][^\W\d_][\w\u0300-\u036f]*)*")


_new_token = tuple.__new__     # NamedTuple's own constructor costs a Python call per token


def capital_tokens(text: str) -> list[Token]:
    """Only the capitalised words (and initials) of ``text``: all the matcher needs, since
    a lower-case word between two tokens already breaks adjacency. Much cheaper than
    ``tokenize`` on long texts; it runs once per capital letter, hence the inlined checks."""
    tokens: list[Token] = []
    append = tokens.append
    initial_end = -10       # where the previous token ended, when it was an initial
    for match in CAPITAL_RE.finditer(text):
        word = match.group(0)
        start, end = match.span()
        if "'" in word or "’" in word or "ʼ" in word:
            possessive = POSSESSIVE_RE.search(word)
            if possessive and not is_cyrillic(word):
                word, end = word[: possessive.start()], start + possessive.start()
        if initial_end + 3 >= start:
            sentence_start = False      # "A. Kashpul": the dot ends no sentence
        elif start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
            sentence_start = False      # the common case: "... the Kashpul"
        else:
            sentence_start = _starts_sentence(text, start)
        initial = len(word) <= 2 and _is_initial(word, text, end)
        initial_end = end if initial else -10
        append(_new_token(Token, (word, start, end, True, initial, sentence_start)))
    return tokens


_OPENERS = " \t«\"“„'(-–—\u00a0"


def _starts_sentence(text: str, start: int) -> bool:
    """Is the word at ``start`` the first of its sentence (or of a line)?"""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if i == start - 1:
        return False            # glued to the previous character
    while i >= 0 and text[i] in "'\"»”’)":
        i -= 1
    return i >= 0 and text[i] in ".!?…"


def adjacent(text: str, left: Token, right: Token) -> bool:
    """Only a space or two (and an initial's dot) between two tokens: parts of one name."""
    gap = text[left.end:right.start]
    if left.initial and gap.startswith("."):
        gap = gap[1:]
        if gap == "":
            return True
    return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap


def _patronymic_bases() -> dict[str, set[str]]:
    """Key of every man's given name (initial sound and consonants) -> the links its patronymic may take:
    'hard' (Ivan -> Ivanavich, Иванович) and/or 'soft' (Siarhei -> Siarheevich, Игорь ->
    Игоревич; ь and й are soft)."""
    bases: dict[str, set[str]] = {}
    for group in GROUPS.values():
        if group.sex != "m":
            continue
        for spelling in group.formal:
            form = light(spelling)
            soft = spelling[-1].lower() in "ьй" or form[-1:] in ("i", "j", "y")
            bases.setdefault(given_key(spelling), set()).add("soft" if soft else "hard")
    return bases


_BASES = _patronymic_bases()


@lru_cache(maxsize=100_000)
def is_patronymic(token: str) -> bool:
    """A patronymic is a man's given name plus its link and ending (Aliaksandravich,
    Сяргееўна, Игоревич). A surname with the same ending but no given name before it
    (Statkevich), or with the wrong link for that name (Markevich: Mark is hard, so its
    patronymic is Markavich), is not one."""
    form = light(token)
    match = PATRONYMIC_RE.search(form)
    if not match:
        return False
    links = _BASES.get(given_key(form[: match.start()]), ())
    return ("soft" if match.group("soft") else "hard") in links


# ----------------------------------------------------------------------- language

_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_MARKED_WORD = re.compile(r"\w*[łčšžŭćśźńŁČŠŽŬĆŚŹŃ]\w*")
_LACINKA_WORDS = re.compile(
    r"(?<!\w)(?:ŭ|nie|jaho|jana|jany|jon|što|heta|hetaha|dla|kali|ale|jak|ci|pry|da|pa|"
    r"taksama|z|u|i|na|ad|pra|bo|byŭ|była)(?!\w)")
_ENGLISH_WORDS = re.compile(
    r"(?<!\w)(?:the|and|of|to|in|is|was|were|for|on|with|that|by|from|as|at|his|her|has|"
    r"have|said|after|who|which|an|a)(?!\w)", re.IGNORECASE)
LANGUAGE_SAMPLE = 3000   # letters enough to tell the language; keeps long texts cheap
_LATIN = re.compile(r"[A-Za-z]+")


def detect_language(text: str) -> str:
    """'be', 'ru', 'be-latn' or 'en', from letter statistics.

    Cyrillic: і and ў are Belarusian only; и, щ and ъ Russian only. Latin: words with
    Łacinka's marked letters (ł č š ž ŭ ć ś ź ń) and its small words (ŭ, nie, jaho, što ...)
    must outnumber English small words (the, and, of ...) two to one, so an English text
    quoting "Aleś Bialacki" stays English.
    """
    text = text[:LANGUAGE_SAMPLE]
    cyrillic = sum(map(len, _CYRILLIC.findall(text)))   # runs, not letters: fewer objects
    latin_marked = sum(text.count(c) for c in "łčšžŭćśźńŁČŠŽŬĆŚŹŃ")
    latin = sum(map(len, _LATIN.findall(text))) + latin_marked
    if cyrillic > latin:
        be = sum(text.count(c) for c in "іўІЎ")
        ru = sum(text.count(c) for c in "ищъИЩЪ")
        return "be" if be > ru else "ru"
    if latin_marked:
        belarusian = len(_MARKED_WORD.findall(text)) + len(_LACINKA_WORDS.findall(text))
        if belarusian > 2 * len(_ENGLISH_WORDS.findall(text)):
            return "be-latn"
    return "en"
