"""Deciding about surnames that stand alone (no given name, no initial beside them).

A lone surname is *promoted* when the same text names exactly one of its candidates in
full or by initial (rule 'surname-promoted', at that person's best level). Otherwise it is
reported 'low' ('surname-only') only when it is distinctive:

* exactly one listed person fits it (after sex agreement and spelling closeness), and no
  known non-prisoner shares it;
* the surname has at least three consonants, and is spelled closely (vowel-aware likeness
  >= 80, same number of syllables);
* it is not a common word (a built-in list, or the same word in lower case elsewhere in
  the text), not a place or its adjective (Kobryn, Гомельскі), not one half of a double
  surname, and not glued to another capitalised word (Rabochy Rukh).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from .keys import skeleton
from .stoplist import COMMON_WORDS, PLACES, _words
from .translit import LACINKA_MARKS, is_cyrillic, light

if TYPE_CHECKING:
    from .resolve import Pending, Resolver
    from .tokens import Token

MIN_CONSONANTS = 3
NAMED_RULES = ("full-name", "alias", "initial-surname")
LOWER_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_A-ZА-ЯЁІЎ][\w'’\-]*")
# A text about Belarus: then any listed surname may stand alone; elsewhere (world news in
# English or German) only surnames of a typically Belarusian/Slavic shape may. Word stems
# are searched in the lower-cased text with one Aho-Corasick pass (a regex alternation
# with IGNORECASE cost more than the whole match).
BELARUS_WORDS = _words("""belarus minsk lukashenk viasna spring96 palitviaz biełaru bielaru łukašenk
homiel hrodna палітвяз политзаключ беларус белорус мінск минск лукашэнк лукашенк вясн
гомел гродн political prisoner""")
REPRESSION_WORDS = _words("""sentenc prison jail detain arrest convict pardon verdict colony
incommunicado releas trial political charged custody court extremis суд приговор колони
задерж арест осужд помилов освобод тюрьм сизо голодовк прысуд калоні затрым арышт асудж
асудз памілав вызвал турм галадоўк prysud kałoni kaloni zatrym aryšt asudž asudz pamiłav
vyzval turm салідарн солидарн solidarity salidarn оон аан aan un""")


@lru_cache(maxsize=2)
def _automaton(kind: str):
    machine = ahocorasick.Automaton()
    for word in BELARUS_WORDS if kind == "belarus" else REPRESSION_WORDS:
        machine.add_word(word, word)
    machine.make_automaton()
    return machine


def mentions_any(kind: str, lowered: str) -> bool:
    """Does the lower-cased text hold any word stem of this context kind? Stems of three
    letters or fewer (UN, ААН) must stand as whole words."""
    for end, word in _automaton(kind).iter(lowered):
        if len(word) > 3:
            return True
        start = end - len(word) + 1
        before = lowered[start - 1] if start > 0 else " "
        after = lowered[end + 1] if end + 1 < len(lowered) else " "
        if not before.isalpha() and not after.isalpha():
            return True
    return False


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


@lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    keys = set()
    for place in PLACES:
        key = skeleton(place)
        keys |= {key, key + "SK", key.removesuffix("SK") + "SK"}
    return frozenset(keys)


class LoneJudge:
    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver
        self._contexts: dict[str, bool] = {}
        self._lower_words: set[str] | None = None
        self._lowered: str | None = None

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
                self.r.hits.append(Hit(known[0], tok.start, tok.end, level, "surname-promoted"))
            elif not known and self.distinctive(pending):
                self.r.hits.append(Hit(pending.persons[0], tok.start, tok.end, "low",
                                       "surname-only"))

    def distinctive(self, pending: Pending) -> bool:
        """Cheap checks first: this runs for every lone surname of every text."""
        if len(pending.persons) != 1:
            return False
        index = pending.persons[0]
        person, candidate = self.r.index.persons[index], pending.found[index]
        token = pending.token
        floor = MIN_LIKENESS if self._slavic_reading(token) else MIN_LIKENESS_LATIN
        if person.blocked or candidate.entry.part or candidate.likeness < floor:
            return False
        if len(candidate.key) < MIN_CONSONANTS or candidate.key in place_keys():
            return False
        if len(token.text) > 1 and token.text.isupper():
            return False        # acronyms and shouted headlines (NASCAR, FAST)
        if self._glued(pending.position) or not self._plausible_here(person, candidate, token):
            return False
        return not self._common_word(token)

    def _plausible_here(self, person, candidate, token: Token) -> bool:
        """Cyrillic and Łacinka texts: a Slavic-shaped surname, or a text about Belarus or
        about repression. Plain Latin (English, and world news in other languages): a text
        about Belarus, or about repression when the surname has a Slavic shape or is long
        and spelled exactly as listed (Poczobut)."""
        slavic = slavic_shape(person.surname_stems, candidate)
        if self._slavic_reading(token):
            return slavic or self._context("belarus") or self._context("repression")
        distinct = len(candidate.key) >= 4 and candidate.likeness >= 100
        return self._context("belarus") or ((slavic or distinct) and self._context("repression"))

    def _slavic_reading(self, token: Token) -> bool:
        """Cyrillic, or Latin read as Łacinka (the text's language, or its own marks)."""
        return is_cyrillic(token.text) or self.r.lang == "be-latn" or bool(
            LACINKA_MARKS & set(token.text.lower()))

    def _context(self, kind: str) -> bool:
        if any(h.rule in NAMED_RULES for h in self.r.hits):
            return True     # the text names listed prisoners in full: it is about them
        if kind not in self._contexts:
            if self._lowered is None:
                self._lowered = self.r.text.lower()
            self._contexts[kind] = mentions_any(kind, self._lowered)
        return self._contexts[kind]

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
