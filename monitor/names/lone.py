"""Deciding about surnames that stand alone (no given name, no initial beside them).

A lone surname is never a mention when the words around it make it something else: an
official's role ("судья Бубенчик"), a street, river or town word ("вуліца Купалы",
"Biarezina river"), or a preposition of place before a known toponym ("праз Бярэзіну");
nor when the text gave the same person's name to an official ("Judge Dzmitry Bubenchyk
... Bubenchyk said").

Otherwise it is *promoted* when the same text names exactly one of its candidates in full
or by initial (rule 'surname-promoted', at that person's best level), and else reported
'low' ('surname-only') only when it is distinctive:

* exactly one listed person fits it (after sex agreement and spelling closeness), and no
  known non-prisoner shares it;
* the surname has at least three consonants, and is spelled closely (vowel-aware likeness
  >= 80, same number of syllables);
* it is not a common word (a built-in list, or the same word in lower case elsewhere in
  the text), not a place or its adjective (Kobryn, Гомельскі), not a given name (Herman),
  not one half of a double surname, and not glued to another capitalised word (Rabochy Rukh);
* the text is plausibly about Belarusian prisoners (see ``_plausible_here``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .context import place_noun_after, place_noun_before, preposition_before
from .keys import skeleton
from .stoplist import COMMON_WORDS, PLACES, TOPONYMS
from .topic import foreign_latin, mentions_any, near, positions
from .translit import LACINKA_MARKS, is_cyrillic, light

if TYPE_CHECKING:
    from .resolve import Pending, Resolver
    from .tokens import Token

MIN_CONSONANTS = 3
NAMED_RULES = ("full-name", "alias", "initial-surname")
LOWER_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_A-ZА-ЯЁІЎ][\w'’\-]*")
SLAVIC_ENDING = re.compile(
    r"(?:sk[iy]j?|skii|skiy|ska(?:ya|ja|ia)?|[aoei][uvw]|[aoe]va|[iy]n|[iy]na|[iy]ch|"
    r"enk[ao]|[iy]?uk|ets|[aeioy]k|ka|ko|ok|ionak|onak)$")


def slavic_shape(stems: list[str], candidate) -> bool:
    """Does the listed surname end the way Belarusian/Slavic surnames do (-ski, -ou, -ava,
    -ich, -enka, -uk, -ets, -ak/-ik, -ka ...)? Checked on the listed nominative."""
    return any(SLAVIC_ENDING.search(stem + tail) for stem in stems
               for tail in ("", "a", "i", "y", "o"))


MIN_LIKENESS = 85
MIN_LIKENESS_LATIN = 95   # plain Latin (English or world news): romanisations fold to 100
HONORIFICS = {"mr", "ms", "mrs", "dr", "pan", "pani", "spadar", "spadarynia", "пан", "пані",
              "пани", "спадар", "спадарыня", "господин", "госпожа", "гражданин", "гражданка"}


def _keys_of(places: list[str], adjectives: bool) -> frozenset[str]:
    keys = set()
    for place in places:
        key = skeleton(place)
        keys |= {key, key + "SK", key.removesuffix("SK") + "SK"} if adjectives else {key}
    return frozenset(keys)


@lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    return _keys_of(PLACES, adjectives=True)


@lru_cache(maxsize=1)
def toponym_keys() -> frozenset[str]:
    return _keys_of(TOPONYMS + PLACES, adjectives=False)


class LoneJudge:
    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver
        self._contexts: dict[str, bool] = {}
        self._positions: dict[str, list[int]] = {}
        self._lower_words: set[str] | None = None
        self._lowered: str | None = None
        self._foreign: bool | None = None

    def settle(self, best: dict[int, str]) -> None:
        from .resolve import Hit

        taken = {h.start for h in self.r.hits}
        for pending in self.r.lone:
            tok = pending.token
            if tok.start in taken:
                continue
            known = [p for p in pending.persons if p in best]
            if len(known) == 1:
                level = "high" if best[known[0]] == "high" else "medium"
                hit = Hit(known[0], tok.start, tok.end, level, "surname-promoted")
            elif not known and self.distinctive(pending):
                hit = Hit(pending.persons[0], tok.start, tok.end, "low", "surname-only")
            else:
                continue
            if not self._something_else(pending, best):     # read last: it is the dearest
                self.r.hits.append(hit)

    def _something_else(self, pending: Pending, best: dict[int, str]) -> bool:
        """An official's name, a street, river or town: not a mention of anyone listed."""
        if any(p in self.r.officials and p not in best for p in pending.persons):
            return True
        text, tok = self.r.text, pending.token
        if self.r.surroundings.official(tok.start, tok.end) or place_noun_after(text, tok.end) \
                or place_noun_before(text, tok.start, geographic=True):
            return True
        return preposition_before(text, tok.start) and any(
            c.key in toponym_keys() for c in pending.found.values())

    def distinctive(self, pending: Pending) -> bool:
        """Cheap checks first: this runs for every lone surname of every text."""
        if len(pending.persons) != 1:
            return False
        index = pending.persons[0]
        person, candidate = self.r.index.persons[index], pending.found[index]
        token = pending.token
        floor = MIN_LIKENESS if self._slavic_reading(token) else MIN_LIKENESS_LATIN
        if person.blocked or candidate.entry.part or candidate.entry.alias or (
                candidate.likeness < floor):
            return False
        if len(candidate.key) < MIN_CONSONANTS or candidate.key in place_keys():
            return False
        if len(token.text) > 1 and token.text.isupper():
            return False        # acronyms and shouted headlines (NASCAR, FAST)
        if self._glued(pending.position) or not self._plausible_here(person, candidate, token):
            return False
        return not self._common_word(token) and not self.r.index.given.roots(token.text)

    def _plausible_here(self, person, candidate, token: Token) -> bool:
        """Cyrillic and Łacinka: a Slavic-shaped surname, or a text about Belarus or about
        repression. Plain Latin: an English text about Belarus, or one that speaks of
        repression near the surname when it has a Slavic shape or is long and spelled
        exactly as listed (Poczobut). Latin text in another language (German, French ...
        world news) must be about Belarus."""
        slavic = slavic_shape(person.surname_stems, candidate)
        if self._slavic_reading(token):
            return slavic or self._context("belarus") or self._context("repression")
        if self._context("belarus"):
            return True
        if self._foreign_text():
            return False
        distinct = len(candidate.key) >= 4 and candidate.likeness >= 100
        return (slavic or distinct) and near(self._offsets("repression-en"), token.start)

    def _slavic_reading(self, token: Token) -> bool:
        """Cyrillic, or Latin read as Łacinka (the text's language, or its own marks)."""
        return is_cyrillic(token.text) or self.r.lang == "be-latn" or bool(
            LACINKA_MARKS & set(token.text.lower()))

    def _lower(self) -> str:
        if self._lowered is None:
            self._lowered = self.r.text.lower()
        return self._lowered

    def _context(self, kind: str) -> bool:
        if any(h.rule in NAMED_RULES for h in self.r.hits):
            return True     # the text names listed prisoners in full: it is about them
        if kind not in self._contexts:
            self._contexts[kind] = mentions_any(kind, self._lower())
        return self._contexts[kind]

    def _offsets(self, kind: str) -> list[int]:
        if kind not in self._positions:
            self._positions[kind] = positions(kind, self._lower())
        return self._positions[kind]

    def _foreign_text(self) -> bool:
        if self._foreign is None:
            self._foreign = foreign_latin(self.r.text)
        return self._foreign

    def _common_word(self, token: Token) -> bool:
        lower = token.text.lower()
        if lower in COMMON_WORDS or light(token.text) in COMMON_WORDS:
            return True
        # The same word written in lower case elsewhere in the text is a word, not a name.
        if self._lower_words is None:
            self._lower_words = set(LOWER_WORD.findall(self.r.text))
        return lower in self._lower_words

    def _glued(self, i: int) -> bool:
        """Part of a longer capitalised name that is not a person's (Rabochy Rukh); a
        given name beside it (the next person's, "Бяляцкага Натальля Пінчук") is fine."""
        toks = self.r.tokens
        nxt = toks[i + 1] if i + 1 < len(toks) and self.r._near(i, i + 1) else None
        if nxt and nxt.capital and not nxt.initial and not self.r.index.given.roots(nxt.text):
            return True
        prev = toks[i - 1] if i >= 1 and self.r._near(i - 1, i) else None
        if prev and prev.capital and not prev.sentence_start:
            return prev.text.lower().rstrip(".") not in HONORIFICS and not (
                self.r.index.given.roots(prev.text))
        return False
