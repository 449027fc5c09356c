"""Reading a listed name into its parts, and generating the forms staff may want to see.

Viasna writes "Given Surname"; a few rows are "Surname Given" or "Surname A.I.";
parentheses hold a second given name ("Aliaksandr (Ales) Liubianchuk") or a former
surname ("Hanna Sheina (Abrazumava)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .given_names import (
    GROUPS,
    canonical_root,
    given_key,
    roots_of,
    table_roots,
    text_roots,
)
from .keys import name_key
from .tokens import WORD_RE, is_patronymic
from .translit import be_cyrillic, is_cyrillic, lacinka, light, ru_cyrillic, ru_latin

INITIAL_RE = re.compile(r"^(?:[A-ZА-ЯЁІЎ][a-zа-яёіў]?\.)+$")


@dataclass
class ParsedName:
    given: list[str] = field(default_factory=list)       # first is the main one
    surnames: list[str] = field(default_factory=list)    # first is the main one
    initials: list[str] = field(default_factory=list)    # when the list gives only initials

    @property
    def surname(self) -> str:
        return self.surnames[0] if self.surnames else ""


def _is_initials(token: str) -> bool:
    return bool(INITIAL_RE.match(token))


def _split_parens(name: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Plain tokens, and (index of the token before, text) for each parenthesised part."""
    plain: list[str] = []
    extra: list[tuple[int, str]] = []
    for chunk in re.split(r"(\([^)]*\))", name):
        if chunk.startswith("("):
            extra.append((len(plain) - 1, chunk.strip("() ")))
        else:
            plain.extend(chunk.split())
    return plain, extra


def parse_name(name: str) -> ParsedName:
    plain, extra = _split_parens(name.strip())
    parsed = ParsedName()
    if not plain:
        return parsed
    initials = [t for t in plain if _is_initials(t)]
    words = [t for t in plain if not _is_initials(t)]
    parsed.initials = [i.rstrip(".") for part in initials for i in part.split(".") if i]
    if not words:
        return parsed
    if len(words) == 1 and initials and table_roots(words[0]) and plain[0] == words[0]:
        parsed.given = words      # "Pavel A.": the surname is known only by its initial
    elif len(words) == 1:
        parsed.surnames = words
    elif not table_roots(words[0]) and table_roots(words[-1]):
        parsed.given, parsed.surnames = [words[-1]], [" ".join(words[:-1])]
    else:
        parsed.given, parsed.surnames = words[:-1], [words[-1]]
    for before, text in extra:
        if before >= 0 and plain[before] in parsed.given:
            parsed.given.append(text)
        else:
            parsed.surnames.append(text)
    return parsed


def surname_parts(surname: str) -> list[str]:
    """A double surname's halves ("Sharenda-Panasiuk"), for matching one of them."""
    return [p for p in re.split(r"[-\s]+", surname) if len(p) > 1] if "-" in surname else []


def given_roots(parsed: ParsedName) -> frozenset[str]:
    roots: set[str] = set()
    for given in parsed.given:
        for part in given.split():
            roots |= roots_of(part)
    return frozenset(roots)


def _given_cyrillic(given: str, russian: bool) -> str:
    """The table's Cyrillic spelling of a given name, preferring the one that sounds like
    the written name (Ales -> Алесь, not Аляксандр); else the reverse romanisation."""
    roots = sorted(table_roots(given))
    if roots:
        group = GROUPS[roots[0]]
        forms = [f for f in (group.ru if russian else group.be) if is_cyrillic(f)]
        key = given_key(given)
        for form in forms:
            if given_key(form) == key:
                return form
        if forms:
            return forms[0]
    form = be_cyrillic(given)
    return ru_cyrillic(form) if russian else form


def _cyrillic_name(parsed: ParsedName, russian: bool) -> str:
    parts = [_given_cyrillic(given, russian) for given in parsed.given[:1]]
    surname = parsed.surname
    if surname:
        form = surname if is_cyrillic(surname) else be_cyrillic(surname)
        parts.append(ru_cyrillic(form) if russian else form)
    return " ".join(parts)


def generated_forms(name: str) -> dict[str, str]:
    """be / ru Cyrillic, Łacinka and Russian-style Latin spellings of a passport-Latin name."""
    parsed = parse_name(name)
    if not parsed.surname or is_cyrillic(name):
        return {}
    be = _cyrillic_name(parsed, russian=False)
    ru = _cyrillic_name(parsed, russian=True)
    return {"be": be, "ru": ru, "be-latn": lacinka(be), "ru-latn": ru_latin(ru)}


def diminutives(parsed: ParsedName) -> list[str]:
    found: list[str] = []
    for given in parsed.given:
        for root in table_roots(given):
            found.extend(GROUPS[root].diminutives)
    return list(dict.fromkeys(found))


def person_key(full_name: str) -> str:
    """Order-, script- and case-insensitive key of a full name (given name + surname).

    "Аляксандр Кашпул", "Kashpul Aliaksandr" and "Александра Кашпуля" share one key. The
    surname is the token that is not a known given name (the last one when both or
    neither are); the given name is folded to its table root, so Sasha = Aliaksandr.
    """
    words = [m.group(0) for m in WORD_RE.finditer(full_name)]
    words = [w for w in words if len(light(w)) > 1 or not w.isupper()]
    if not words:
        return ""
    if len(words) == 1:
        return "|" + name_key(words[0])
    if len(words) > 2:
        words = [w for w in words if not is_patronymic(w)] or words
    known = [bool(text_roots(w)) for w in words]
    surname_at = len(words) - 1
    if known[-1] and not known[0]:
        surname_at = 0
    given = [w for i, w in enumerate(words) if i != surname_at]
    return f"{canonical_root(given[0])}|{name_key(words[surname_at])}"
