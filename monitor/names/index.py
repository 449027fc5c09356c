"""The matcher's index: listed persons (and known non-prisoners) by surname key.

Why a dict of keys rather than pyahocorasick over generated surface forms: a person's
surname has dozens of spellings x 6 cases x 2 orthographies, and the Russian vowels cannot
be generated reliably from Viasna's Belarusian romanisation (Калеснікава / Колесникова).
One key per surname covers all of them at once; the text side pays one cached key
computation per capitalised token, which keeps a 4 KB article well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .given_names import GivenIndex, initials_of, sex_of
from .keys import paradigm, skeleton, symbols
from .translit import light
from .variants import ParsedName, given_roots, parse_name, surname_parts


@dataclass
class Person:
    index: int
    id: int
    name: str
    status: str | None
    gender: str | None
    given: frozenset[str]           # given-name roots (table roots or "~key" groups)
    initials: frozenset[str]        # letters an initial of the given name may show
    has_given: bool                 # False when the list gives only an initial or nothing
    blocked: bool = False           # a known non-prisoner / public figure: never reported
    cues: tuple[str, ...] = ()      # a famous namesake: claims a name only beside these words
    surname_stems: list[str] = field(default_factory=list)   # light forms, final vowels cut


@dataclass(frozen=True, slots=True)
class SurnameEntry:
    person: int        # index into Index.persons
    kind: str          # paradigm: adj / poss / cons / vowel
    part: bool         # one half of a double surname, or a former surname
    alias: bool        # came from an alias rather than the listed name


@dataclass
class Index:
    persons: list[Person] = field(default_factory=list)
    surnames: dict[str, list[SurnameEntry]] = field(default_factory=dict)
    given: GivenIndex = field(default_factory=GivenIndex)
    famous: set[int] = field(default_factory=set)     # persons with cues (famous namesakes)

    def add(self, *, id: int, name: str, status: str | None, gender: str | None,
            aliases: Iterable[str] = (), extra_forms: Iterable[str] = (),
            blocked: bool = False, cues: tuple[str, ...] = ()) -> Person | None:
        parsed = parse_name(name)
        if not parsed.surname:
            return None
        person = self._person(id, name, status, gender, parsed, blocked)
        person.cues = cues
        if cues:
            self.famous.add(person.index)
        self._add_surnames(person, parsed, alias=False)
        for form in extra_forms:
            self._add_surnames(person, parse_name(form), alias=False, extend_given=True)
        for alias in aliases:
            self._add_surnames(person, parse_name(alias), alias=True, extend_given=True)
        return person

    def _person(self, id, name, status, gender, parsed: ParsedName, blocked) -> Person:
        roots = given_roots(parsed)
        for given in parsed.given:
            for part in given.split():
                self.given.add_person_name(part)
        gender = gender or infer_gender(parsed)
        written = tuple(parsed.given) + tuple(parsed.initials[:1])
        person = Person(len(self.persons), id, name, status, gender, roots,
                        initials_of(roots, written), bool(parsed.given), blocked)
        self.persons.append(person)
        return person

    def _add_surnames(self, person: Person, parsed: ParsedName, alias: bool,
                      extend_given: bool = False) -> None:
        if extend_given and parsed.given:
            extra = given_roots(parsed)
            person.given = person.given | extra
            person.initials = person.initials | initials_of(extra, tuple(parsed.given))
            for given in parsed.given:
                for part in given.split():
                    self.given.add_person_name(part)
        for n, surname in enumerate(parsed.surnames):
            self._put(person, surname, part=n > 0, alias=alias)
            for half in surname_parts(surname):
                self._put(person, half, part=True, alias=alias)

    def _put(self, person: Person, surname: str, part: bool, alias: bool) -> None:
        form = light(surname.replace(" ", ""))
        key = skeleton(surname.replace(" ", ""))
        if len(key) < 2:
            return
        entry = SurnameEntry(person.index, paradigm(form), part, alias)
        bucket = self.surnames.setdefault(key, [])
        if not any(e.person == person.index and e.kind == entry.kind for e in bucket):
            bucket.append(entry)
        for stem in _stems_of(form):
            if stem not in person.surname_stems:
                person.surname_stems.append(stem)


def _stems_of(form: str) -> list[str]:
    """Listed stem(s) of a surname; -ец/-ок lose their vowel when declined (Севярынца)."""
    syms = symbols(form)
    stem = form[: syms[-1][1]] if syms else form
    for full, short in (("iets", "ts"), ("ets", "ts"), ("ok", "k")):
        if stem.endswith(full) and len(stem) > len(full) + 2:
            return [stem, stem[: -len(full)] + short]
    return [stem]


FEMALE_SURNAME_ENDINGS = ("ava", "ova", "eva", "ina", "yna", "skaya", "skaja", "skaia",
                          "tskaya", "aya", "aja", "ska")
MALE_SURNAME_ENDINGS = ("ou", "au", "eu", "ov", "ev", "ski", "sky", "skiy", "skii", "in", "yn",
                        "oŭ", "aŭ")
MALE_NAMES_IN_A = {"illia", "mikita", "danila", "kuzma", "foma", "nikita", "ilya", "illya"}


def infer_gender(parsed: ParsedName) -> str | None:
    """'m' / 'f' from the given name (table), else the surname ending, else None."""
    for given in parsed.given:
        sex = sex_of(given.split()[0])
        if sex:
            return sex
    surname = light(parsed.surname.split("-")[0]) if parsed.surname else ""
    if surname.endswith(FEMALE_SURNAME_ENDINGS):
        return "f"
    if surname.endswith(MALE_SURNAME_ENDINGS):
        return "m"
    if parsed.given:
        first = light(parsed.given[0].split()[0])
        if first.endswith("a") and first not in MALE_NAMES_IN_A:
            return "f"
    return None
