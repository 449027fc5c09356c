"""Given names: which spellings, scripts, case forms and diminutives are the same name.

Lookup goes through keys, so every inflected form of a listed spelling is found too
("Аляксандра", "Александром", "Сашу"). A key is the initial sound class plus the consonant
skeleton ("a:LKSNDR"), so Anna, Yana and Ina stay apart although their skeletons agree.
Names on the prisoner list that the table does not know get a group of their own, named
after their key, so two spellings of an unusual name still agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .given_table import TABLE
from .keys import fold, initial_class, initial_letter, light_stem, stems, symbols
from .translit import is_cyrillic, light


@dataclass(frozen=True)
class GivenName:
    root: str
    sex: str
    latin: tuple[str, ...]
    be: tuple[str, ...]
    ru: tuple[str, ...]
    diminutives: tuple[str, ...]

    @property
    def formal(self) -> tuple[str, ...]:
        return self.latin + self.be + self.ru


def _parse_table(text: str) -> dict[str, GivenName]:
    groups: dict[str, GivenName] = {}
    for line in text.strip().splitlines():
        head, latin, be, ru, dims = (part.strip() for part in line.split("|"))
        sex, root = head.split()
        groups[root] = GivenName(root, sex, tuple(latin.split()), tuple(be.split()),
                                 tuple(ru.split()), tuple(dims.split()))
    return groups


GROUPS: dict[str, GivenName] = _parse_table(TABLE)


def given_key(token: str) -> str:
    """Key of a given name as written (nominative assumed)."""
    form = light(token)
    return f"{initial_class(form)}:{''.join(s for s, _ in symbols(form))}"


def _token_keys(token: str) -> list[str]:
    """Keys of a given name as it may appear in text, case endings peeled."""
    form = light(token)
    cls = initial_class(form)
    return [f"{cls}:{stem}" for stem, _tail in stems(token)]


def _written_stems(token: str) -> list[tuple[str, str, str]]:
    """(key, folded stem, tail) for each reading of a token in running text."""
    form = light(token)
    cls = initial_class(form)
    return [(f"{cls}:{stem}", fold(form[: len(form) - len(tail)]), tail)
            for stem, tail in stems(token)]


def _form_entry(form: str) -> tuple[str, str, bool]:
    """(key, folded stem, soft) of a listed spelling; soft names end in -я/-ю (Женя)."""
    written = light(form)
    stem = light_stem(written)
    tail = written[len(stem):]
    return given_key(form), fold(stem), len(tail) >= 2 and tail[0] in "iy"


def _build_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in GROUPS.values():
        for form in group.formal + group.diminutives:
            index.setdefault(given_key(form), set()).add(group.root)
    return {key: frozenset(roots) for key, roots in index.items()}


TABLE_INDEX: dict[str, frozenset[str]] = _build_index()


class GivenIndex:
    """Text-side lookup: a token is a given name of a root only when its key *and* its
    vowel-folded stem agree with a listed spelling, and a soft name (Женя) is not read
    from a hard ending (Жена, "wife")."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, set[tuple[str, bool]]]] = {}
        self._cache: dict[str, frozenset[str]] = {}
        for group in GROUPS.values():
            for form in group.formal + group.diminutives:
                self.add(form, group.root)

    def add(self, form: str, root: str) -> None:
        key, stem, soft = _form_entry(form)
        self.entries.setdefault(key, {}).setdefault(stem, set()).add((root, soft))
        self._cache = {}

    def add_person_name(self, name: str) -> None:
        """Register a listed person's own spelling under its roots (its own root when the
        table does not know the name), so the text may repeat it exactly."""
        for root in roots_of(name):
            self.add(name, root)

    def roots(self, token: str) -> frozenset[str]:
        found = self._cache.get(token)
        if found is None:
            roots: set[str] = set()
            for key, stem, tail in _written_stems(token):
                for root, soft in self.entries.get(key, {}).get(stem, ()):
                    if not soft or tail[:1] in ("i", "e", "y", ""):
                        roots.add(root)
            found = self._cache[token] = frozenset(roots)
        return found


def table_roots(name: str) -> frozenset[str]:
    """Roots the table gives for a given name written in its nominative."""
    return TABLE_INDEX.get(given_key(name), frozenset())


def roots_of(name: str) -> frozenset[str]:
    """Roots for a person's given name: the groups that list this very spelling, else
    every group its key reaches, else a group of its own ("~a:LS")."""
    roots = table_roots(name)
    if len(roots) > 1:
        written = light(name)
        exact = frozenset(r for r in roots if any(
            light(f) == written for f in GROUPS[r].formal + GROUPS[r].diminutives))
        roots = exact or roots
    return roots or frozenset({"~" + given_key(name)})


_DEFAULT_INDEX: GivenIndex | None = None


def text_roots(token: str) -> frozenset[str]:
    """Table roots a token in running text may stand for (any case form); empty if none."""
    global _DEFAULT_INDEX
    if _DEFAULT_INDEX is None:
        _DEFAULT_INDEX = GivenIndex()
    return _DEFAULT_INDEX.roots(token)


def sex_of(name: str) -> str | None:
    """'m' or 'f' for a given name the table knows; spelling decides when keys collide
    (Viktar / Viktoryia, Yauhen / Yauheniya share a skeleton)."""
    groups = [GROUPS[root] for root in table_roots(name)]
    sexes = {g.sex for g in groups}
    if len(sexes) > 1:
        written = light(name)
        exact = {g.sex for g in groups
                 if any(light(f) == written for f in g.formal + g.diminutives)}
        sexes = exact or ({"f"} if written.endswith(("a", "ia", "ya")) else {"m"})
    return sexes.pop() if len(sexes) == 1 else None


def initials_of(roots: frozenset[str], written: tuple[str, ...] = ()) -> frozenset[str]:
    """Letters an initial may show for these roots, in any script ("A", "А", "О" for Volha)."""
    forms: list[str] = list(written)
    for root in roots:
        if root in GROUPS:
            forms.extend(GROUPS[root].formal)
    return frozenset(initial_letter(form) for form in forms if form)


def cyrillic_forms(root: str) -> tuple[str | None, str | None]:
    """(Belarusian, Russian) standard Cyrillic of a root, when the table has them."""
    group = GROUPS.get(root)
    if not group:
        return None, None
    be = next((f for f in group.be if is_cyrillic(f)), None)
    ru = next((f for f in group.ru if is_cyrillic(f)), None)
    return be, ru


def _spelled(roots: frozenset[str], written: str) -> frozenset[str]:
    """Of several roots, those listing this spelling as a formal name, else as a
    diminutive (Rita is Margarita's diminutive, but a name of its own first), else all."""
    if len(roots) < 2:
        return roots
    formal = frozenset(r for r in roots if any(light(f) == written for f in GROUPS[r].formal))
    short = frozenset(r for r in roots if any(
        light(f) == written for f in GROUPS[r].diminutives))
    return formal or short or roots


def canonical_root(name: str) -> str:
    """One stable root for grouping: the table's first root, else the name's own key.

    Men's and women's forms of one name (Aliaksandr / Aliaksandra) share it, because a
    Russian genitive "Александра" cannot be told from the woman's name. When the token
    reads as several roots, the ones that list this very spelling win, so Belarusian
    "Алена" and Russian "Елена" both give Elena's root (Алена also reads as Alyona).
    """
    roots = _spelled(text_roots(name), light(name))
    if roots:
        return sorted(r.removesuffix("a") if r + "a" not in GROUPS else r for r in roots)[0]
    return "~" + _token_keys(name)[-1] if _token_keys(name) else ""
