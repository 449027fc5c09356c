"""Phonetic skeleton keys: one spelling-, script- and case-insensitive key per name token.

A key keeps only consonants, in one alphabet where the letters romanisations and the two
Cyrillic orthographies disagree on are merged (DESIGN.md §4):

    kh = h = g = х = г -> G      ts = c = t = ц = т -> T      dz = d = дз = д -> D
    zh = ž = ż = ж -> J          sh = š = ш -> X             ch = č = cz = ч -> Q
    w = v = ў, and a u after a/o/e before a consonant (Kalesnikau, Tsikhanouski) -> V

Vowels are dropped (akanne: Калеснікава / Колесникова) and doubled letters collapse
(Natallia / Наталья). Case endings that add a consonant (-ом/-ем/-ым, -ого/-ага, -ых) are
peeled off as *candidates*: the matcher looks each candidate up, and then checks the
remaining tail against the person's paradigm and sex (``tail_fits``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .translit import light

_DIGRAPHS = (
    ("shch", "XQ"), ("dzh", "DJ"), ("dz", "D"), ("zh", "J"), ("kh", "G"), ("ts", "T"),
    ("ch", "Q"), ("sh", "X"), ("th", "T"), ("ph", "F"),
)
_SINGLE = {
    "b": "B", "c": "T", "d": "D", "f": "F", "g": "G", "h": "G", "k": "K", "l": "L", "m": "M",
    "n": "N", "p": "P", "r": "R", "s": "S", "t": "T", "v": "V", "w": "V", "z": "Z",
    "x": "KS", "q": "K",
}
_VOWELS = set("aeiouyj")

M_TAIL = re.compile(r"^[aeiouyj]{1,4}m[ui]?$")
G_TAIL = re.compile(r"^(?:[aoe][gh][oa]|[yi]kh)$")


_PIECES = re.compile(r"shch|dzh|dz|zh|kh|ts|ch|sh|th|ph|[a-z]")
_PIECE_SYMBOLS = {**dict(_DIGRAPHS), **_SINGLE}


@lru_cache(maxsize=200_000)
def symbols(lightform: str) -> tuple[tuple[str, int], ...]:
    """(symbol, end offset in ``lightform``) for every consonant symbol, doubles collapsed."""
    out: list[tuple[str, int]] = []
    n = len(lightform)
    for match in _PIECES.finditer(lightform):
        piece, end = match.group(), match.end()
        sym = _PIECE_SYMBOLS.get(piece)
        if sym is None:
            if piece != "u" or end < 2 or lightform[end - 2] not in "aoe" or (
                    end < n and lightform[end] in _VOWELS):
                continue
            sym = "V"       # ou/au/eu before a consonant: Belarusian ў, Russian в
        _push(out, sym, end)
    return tuple(out)


def _push(out: list[tuple[str, int]], sym: str, end: int) -> None:
    for part in sym:
        if out and out[-1][0] == part:
            out[-1] = (part, end)
        else:
            out.append((part, end))


def skeleton(token: str, lacinka: bool = False) -> str:
    """The consonant skeleton of one token as written (no ending is removed)."""
    return "".join(s for s, _ in symbols(light(token, lacinka)))


@lru_cache(maxsize=200_000)
def stems(token: str, lacinka: bool = False) -> tuple[tuple[str, str], ...]:
    """Candidate (stem key, tail) pairs for a surface token: as written, and with a
    consonant case ending (-ом, -ого, -ых ...) peeled off. ``tail`` is the light-form
    text after the stem's last consonant, read later against the person's paradigm."""
    form = light(token, lacinka)
    syms = symbols(form)
    if not syms:
        return ()
    key = "".join(s for s, _ in syms)
    found = [(key, form[syms[-1][1]:])]
    if len(syms) >= 3:
        tail = form[syms[-2][1]:]
        if (syms[-1][0] == "M" and M_TAIL.match(tail)) or (
                syms[-1][0] == "G" and G_TAIL.match(tail)):
            found.append((key[:-1], tail))
    return tuple(found)


def name_key(token: str) -> str:
    """Inflection- and script-insensitive skeleton of one name token.

    "Kashpul", "Кашпуль", "Кашпуля", "Кашпулем", "Kašpuł" -> "KXPL". A consonant case
    ending is always peeled, so a nominative that happens to end in -om/-aha collides with
    its shorter neighbour; use it to group, not to identify.
    """
    found = stems(token, False)
    if not found:
        return ""
    return found[-1][0]


# ----------------------------------------------------------------------- paradigms and sex

_ADJ = re.compile(r"sk(?:i|y|ii|iy|ij|yi|yj|aia|aya|aja|ia|ai|oi|oj)$")
_POSS_M = re.compile(r"(?:[aoe]|io|yo|ie|ia)[uvw]$|[iy]n$")
_POSS_F = re.compile(r"(?:[aoe]|io|yo|ie|ia)[vw]a$|[iy]na$")

# Plural forms (Тихановские, Ціханоўскія: "Siarhei and Sviatlana Tsikhanouski") fit both.
_ADJ_PLURAL = {"ie", "ia", "iia", "yia", "ye", "yie", "iie", "ikh", "ykh"}
ADJ_TAILS = {
    "m": {"i", "y", "ii", "iy", "ij", "yi", "yj", "ogo", "ego", "aha", "aga", "oga", "oho",
          "omu", "amu", "emu", "im", "ym", "om"} | _ADJ_PLURAL,
    "f": {"aia", "aya", "aja", "oi", "oj", "ai", "aj", "ei", "ej", "uiu", "uyu", "uju", "ui",
          "oiu", "aiu", "oju", "aju", "a"} | _ADJ_PLURAL,
}
POSS_TAILS = {
    "m": {"", "a", "u", "ym", "im", "om", "e", "ie", "ykh", "ikh", "y", "i", "ymi"},
    "f": {"a", "oi", "oj", "ai", "aj", "u", "oiu", "oju", "aiu", "aju", "ei", "ykh", "ikh",
          "y", "i", "ymi"},
}
_VOWEL_TAIL = re.compile(r"^[aeiouy]{0,2}$")
# Vowel-final surnames take й-endings too: Карней / Карнея / Карнею, Кніга / Кнігай / Кнігаю.
_IOTATED_TAIL = re.compile(r"^[aeiouyj]{0,3}$")


def paradigm(surname_light: str) -> str:
    """'adj' (-ski/-skaya), 'poss' (-ou/-ava/-in/-ina), 'cons' (Kashpul) or 'vowel' (Kniha)."""
    if _ADJ.search(surname_light):
        return "adj"
    if _POSS_M.search(surname_light) or _POSS_F.search(surname_light):
        return "poss"
    if surname_light and surname_light[-1] in "aeiouy":
        return "vowel"
    return "cons"


def tail_fits(kind: str, gender: str | None, tail: str, english: bool = False) -> bool:
    """May ``tail`` follow the stem of a surname of paradigm ``kind`` for a person of
    ``gender``? This is where sex agreement happens: Калеснікаў is not Maryia Kalesnikava."""
    sexes = (gender,) if gender in ("m", "f") else ("m", "f")
    if kind == "adj":
        return any(tail in ADJ_TAILS[s] for s in sexes)
    if kind == "poss":
        if english and tail == "a":
            return "f" in sexes
        return any(tail in POSS_TAILS[s] for s in sexes)
    if kind == "cons":
        if tail == "":
            return True
        # Women's consonant-final surnames do not decline (Кашпуль, not Кашпуля, for her).
        return "m" in sexes and bool(_VOWEL_TAIL.match(tail) or M_TAIL.match(tail))
    return bool(_IOTATED_TAIL.match(tail) or M_TAIL.match(tail))


# ----------------------------------------------------------------------- initials and classes

def initial_class(form: str) -> str:
    """First sound class of a given name, used to tell Anna from Yana and Ina."""
    if not form:
        return ""
    if form[0] in "yji" and len(form) > 1 and form[1] in "aeou":
        return "j" + form[1]
    if form[0] in "iy":
        return "i"
    if form[0] in "aeou":
        return form[0]
    return ""


def initial_letter(token: str) -> str:
    """The letter an initial stands for, in light Latin: "А." -> "a", "Я." -> "i"."""
    form = light(token)
    if not form:
        return ""
    first = form[0]
    return "i" if first in "yj" else first


# ----------------------------------------------------------------------- vowel-aware folding

_FOLD_STEPS = (
    (re.compile(r"(?<=[aoe])u(?![aeiouy])"), "v"), (re.compile(r"kh|g"), "h"),
    (re.compile(r"dz"), "d"), (re.compile(r"ts"), "t"), (re.compile(r"j"), "i"),
    (re.compile(r"[iy](?:u)"), "u"), (re.compile(r"[iy][aeo]|e"), "e"), (re.compile(r"o"), "a"),
    (re.compile(r"y"), "i"), (re.compile(r"(.)\1+"), r"\1"),
)
_VOWEL_GROUPS = re.compile(r"[aeiu]+")


@lru_cache(maxsize=200_000)
def fold(lightform: str) -> str:
    """A light form with the vowel and consonant differences of be/ru/romanisations folded
    (o/a, e/ia/io, y/i, iu/u, kh/g/h, ts/t, dz/d, ў/v) but vowels kept, so that
    Bialiatski ~ Беляцкий while Разам (together) stays apart from Rozum."""
    form = lightform.replace("w", "v")
    for pattern, replacement in _FOLD_STEPS:
        form = pattern.sub(replacement, form)
    return form


def syllables(folded: str) -> int:
    return len(_VOWEL_GROUPS.findall(folded))


def light_stem(lightform: str) -> str:
    """The light form up to its last consonant (the nominative or written stem)."""
    syms = symbols(lightform)
    return lightform[: syms[-1][1]] if syms else lightform
