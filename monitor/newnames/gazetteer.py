"""Given names in running text: which capitalised words are first names, of which sex,
and what their nominative is.

The table of names is the matcher's own (``monitor.names.given_table``, parsed by
``monitor.names.given_names``): there is one table, so a name added there is known to both
the matcher and the new-name detector. The matcher's own lookup drops vowels,
which is right for finding a *known* person but too loose for deciding that an unknown
capitalised word is a first name ("Ольгу" would read as Олег too, "In" as Ina). So here a
reading is kept only when a spelling of the name, without its final vowel, begins the word
and at most a case ending follows (Сергея = Серг|ея, Ігара = Ігар|а, Mikałaja = Mikał|aja).
Letters that romanisations disagree on (y / j / i) are folded first. English text does not
decline names, so there a word must equal a listed spelling or diminutive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.names.given_names import GROUPS
from monitor.names.translit import is_cyrillic, light

# Words that read as a given name but are far more often something else at a sentence start.
# ("яна" is Belarusian "she"; "але" is "but").
NOT_GIVEN = frozenset({"але", "ale", "in", "an", "on", "will", "may", "bella", "яна", "jana"})
MIN_STEM = 3      # a shorter diminutive stem (Оля -> "ol") would read Олега as Оля
MAX_ENDING = 3
_ENDING = re.compile(r"^[aeiou]{0,3}(?:m[aeiou]?)?$")


@dataclass(frozen=True)
class GivenName:
    roots: frozenset[str]
    sex: str | None
    nominative: str       # the listed spelling in the word's script
    inflected: bool       # the word carries a case ending (the neighbours likely do too)


def fold(word: str) -> str:
    """Light Latin with y/j read as i (Maryjana = Maryana = Марьяна), doubles collapsed."""
    return re.sub(r"(.)\1+", r"\1", light(word).replace("y", "i").replace("j", "i"))


def _stem(form: str) -> str:
    """The spelling without its final vowel: case endings replace exactly that vowel
    (Ольг|а -> Ольг|у; Яўгені|я -> Яўгені|і, so Яўген|а stays a man's name)."""
    return form[:-1] if len(form) > 2 and form[-1] in "aeiou" else form


@dataclass(frozen=True)
class _Form:
    spelling: str
    root: str
    sex: str
    cyrillic: bool
    folded: str
    stem: str
    diminutive: bool


def _index() -> dict[str, list[_Form]]:
    """Every spelling of every name, by its first two folded letters."""
    index: dict[str, list[_Form]] = {}
    for root, group in GROUPS.items():
        for spelling in group.formal + group.diminutives:
            folded = fold(spelling)
            form = _Form(spelling, root, group.sex, is_cyrillic(spelling), folded, _stem(folded),
                         spelling in group.diminutives)
            index.setdefault(folded[:2], []).append(form)
    return index


INDEX = _index()


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _case_ending(ending: str) -> bool:
    """Case endings of given names are vowels with at most an -m (-а, -у, -ом, -ея, -ію);
    anything else (-ова, -ін, -кау) makes a surname of the name (Piatrova, Ivanou)."""
    return len(ending) <= MAX_ENDING and bool(_ENDING.match(ending))


def _readings(token: str, inflecting: bool) -> list[_Form]:
    folded, cyrillic = fold(token), is_cyrillic(token)
    found = []
    for form in INDEX.get(folded[:2], ()):
        if form.cyrillic != cyrillic:
            continue
        if folded == form.folded or (
                inflecting and (len(form.stem) >= MIN_STEM or not form.diminutive)
                and folded.startswith(form.stem)
                and _case_ending(folded[len(form.stem):])):
            found.append(form)
    return found


@lru_cache(maxsize=50_000)
def given_name(token: str, inflecting: bool = True) -> GivenName | None:
    """The given name ``token`` is, if any. ``inflecting`` is False for English text."""
    if len(token) < 2 or not token[0].isupper() or (token.isupper() and len(token) > 2):
        return None
    if token.lower() in NOT_GIVEN:
        return None
    readings = _readings(token, inflecting)
    if not readings:
        return None
    folded = fold(token)
    best_by_root: dict[str, _Form] = {}
    for form in readings:
        kept = best_by_root.get(form.root)
        if kept is None or _common_prefix(form.folded, folded) > _common_prefix(kept.folded,
                                                                                  folded):
            best_by_root[form.root] = form
    sexes = {form.sex for form in best_by_root.values()}
    nominative = max(best_by_root.values(), key=lambda f: _common_prefix(f.folded, folded))
    inflected = all(form.folded != folded for form in best_by_root.values())
    return GivenName(frozenset(best_by_root), sexes.pop() if len(sexes) == 1 else None,
                     nominative.spelling, inflected)
