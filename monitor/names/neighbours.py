"""Reading the tokens around a surname: given names, initials, titles and roles.

A mixin of ``Resolver``: it needs ``self.tokens`` (capitalised tokens only), ``self.text``
and ``self.index``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Surroundings, place_noun_before
from .stoplist import OFFICIAL_TITLES
from .tokens import Token, adjacent, is_patronymic

# "Aliaksandr and Iryna Lebedz", "Аляксандр і Ірына Лебедзь", "Siarhei, Ihar and Pavel X".
CONJUNCTION = re.compile(r",?\s+(?:and|&|і|и|i|ды|ta|a\s+taksama|а\s+также)\s+$", re.IGNORECASE)
COMMA = re.compile(r",\s+$")
MAX_COORDINATED = 3


@dataclass
class Context:
    given_before: tuple[Token, frozenset[str]] | None = None
    given_after: tuple[Token, frozenset[str]] | None = None
    initial_before: Token | None = None
    initial_after: Token | None = None
    after_continues: bool = False   # a capitalised word follows the given name after us
    first: int = -1                 # index of the first token of the name
    coordinated: tuple[Token, ...] = ()     # given names joined to given_before by "and"


class Neighbours:
    @property
    def surroundings(self) -> Surroundings:
        if self._surroundings is None:
            self._surroundings = Surroundings(self.text)
        return self._surroundings

    def _near(self, a: int, b: int) -> bool:
        return 0 <= a < len(self.tokens) and 0 <= b < len(self.tokens) and adjacent(
            self.text, self.tokens[a], self.tokens[b])

    def _context(self, i: int) -> Context:
        ctx = Context()
        ctx.first = self._left(i, ctx)
        self._right(i, ctx)
        if ctx.given_before is not None:
            ctx.coordinated = self._coordinated(ctx.first)
        return ctx

    def _titled(self, first: int) -> bool:
        """Does an official's title stand right before the name starting at token ``first``?"""
        return any(self.tokens[j].text.lower().startswith(OFFICIAL_TITLES)
                   for j in range(max(0, first - 3), first))

    def _not_a_prisoner(self, start: int, end: int) -> str | None:
        """'official' when a role of the state names the span, 'place' when a street,
        square or river word stands before it; else None. Read only for named spans."""
        if self.surroundings.official(start, end):
            return "official"
        return "place" if place_noun_before(self.text, start) else None

    def _left(self, i: int, ctx: Context) -> int:
        """Read the given name or initials before token i; return the first index used."""
        toks, j = self.tokens, i - 1
        if not self._near(j, i):
            return i
        if toks[j].initial:
            while self._near(j - 1, j) and toks[j - 1].initial:
                j -= 1
            ctx.initial_before = toks[j]
            return j
        if not toks[j].capital:
            return i
        if is_patronymic(toks[j].text) and self._near(j - 1, j) and toks[j - 1].capital \
                and not toks[j - 1].initial:
            j -= 1
        ctx.given_before = (toks[j], self.index.given.roots(toks[j].text))
        return j

    def _right(self, i: int, ctx: Context) -> None:
        toks, k = self.tokens, i + 1
        if not (self._near(i, k) or self._listed_order(i, k)) or not toks[k].capital:
            return
        if toks[k].initial:
            # "Kashpul A." but not "Gregor J. Mendel": the initial must end the name.
            if not (self._near(k, k + 1) and not toks[k + 1].initial):
                ctx.initial_after = toks[k]
            return
        ctx.given_after = (toks[k], self.index.given.roots(toks[k].text))
        nxt = k + 1
        if self._near(k, nxt) and is_patronymic(toks[nxt].text):
            return
        ctx.after_continues = self._near(k, nxt) and toks[nxt].capital

    def _coordinated(self, j: int) -> tuple[Token, ...]:
        """Given names joined by "and" (or commas) to the given name at token j, each
        standing alone: in "Ales Bialiatski and Iryna Lebedz" Bialiatski is a surname."""
        found: list[Token] = []
        while j > 0 and len(found) < MAX_COORDINATED:
            prev, here = self.tokens[j - 1], self.tokens[j]
            link = CONJUNCTION if not found else COMMA      # "A, B and C Surname"
            if prev.initial or not link.fullmatch(self.text[prev.end:here.start]):
                break
            if not self.index.given.roots(prev.text) or self._named_before(j - 1):
                break
            found.append(prev)
            j -= 1
        return tuple(found)

    def _named_before(self, j: int) -> bool:
        """Is token j the second word of a name (a given name or any mid-sentence capital
        word right before it)? A sentence's first word may be just a capitalised word."""
        if not self._near(j - 1, j) or not self.tokens[j - 1].capital:
            return False
        prev = self.tokens[j - 1]
        return not prev.sentence_start or bool(self.index.given.roots(prev.text))

    def _listed_order(self, i: int, k: int) -> bool:
        """"KUBLITSKI, Maksim": a surname in capitals, a comma, then the given name, as in
        court schedules and lists of defendants."""
        if k >= len(self.tokens) or len(self.tokens[i].text) < 3:
            return False
        return self.tokens[i].text.isupper() and not self.tokens[k].text.isupper() and \
            self.text[self.tokens[i].end:self.tokens[k].start] == ", "
