"""One pass of the matcher over one text: token evidence first, then text-wide decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from .context import has_cues
from .index import Index, Person, SurnameEntry
from .keys import fold, initial_letter, stems, syllables, tail_fits
from .lone import LoneJudge
from .neighbours import Context, Neighbours
from .tokens import Token
from .translit import light

LEVELS = {"high": 3, "medium": 2, "low": 1}
MAX_NAMESAKES = 3   # an ambiguous initial is reported for at most this many persons
CLOSE_ENOUGH = 8    # candidates this close to the best-spelled one stay namesakes
MIN_NAMED_LIKENESS = 70    # surname likeness a full-name hit needs (Kate York != Aryka)
MIN_INITIAL_LIKENESS = 85  # ... and an initial hit, with less to corroborate it


@dataclass
class Hit:
    person: int
    start: int
    end: int
    level: str
    rule: str


@dataclass
class Candidate:
    entry: SurnameEntry
    stem: str           # the written stem (light form, ending cut), folded
    likeness: float     # 0-100, how closely it spells the person's listed surname
    key: str = ""       # the surname key it was found under


@dataclass
class Pending:
    persons: list[int]
    found: dict[int, Candidate]
    token: Token
    start: int
    end: int
    position: int = -1      # index of the surname token in Resolver.tokens


@dataclass
class Resolver(Neighbours):
    index: Index
    text: str
    tokens: list[Token]
    lang: str
    cache: dict = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)
    initials: list[Pending] = field(default_factory=list)
    lone: list[Pending] = field(default_factory=list)
    officials: set[int] = field(default_factory=set)    # persons whose name an official bears here
    _surroundings: object = None                            # context.Surroundings, made lazily

    def run(self) -> list[Hit]:
        for i, token in enumerate(self.tokens):
            if not token.capital or token.initial:
                continue
            # Most capitalised words are nobody's surname: check the cache before anything.
            found = self.candidates(token)
            if found and i not in self.claimed:
                self._token(i, token, found)
        best = self._best_levels()
        self._settle_initials(best)
        LoneJudge(self).settle(best)
        return self.hits

    # ------------------------------------------------------------------ candidates

    def candidates(self, token: Token) -> dict[int, Candidate]:
        """Persons whose surname key, paradigm and sex fit the token; when several fit,
        only those spelled nearly as closely as the closest one (Bialiatski, not Builitski).
        Depends only on the token's text and reading, so it is cached across texts."""
        key = (token.text, self.lang == "be-latn",
               self.lang == "en" and token.text.isascii())   # see _reading
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._candidates(*key)
        return found

    def _reading(self, token: Token) -> tuple[bool, bool]:
        """(read as Łacinka, read as English: no case endings)."""
        return self.lang == "be-latn", self.lang == "en" and token.text.isascii()

    def _candidates(self, word: str, lacinka: bool, english: bool, any_sex: bool = False
                    ) -> dict[int, Candidate]:
        form = light(word, lacinka)
        found: dict[int, Candidate] = {}
        # English (and other Latin world news) does not decline names: no case ending is
        # peeled there, so "Grisham" is not an instrumental of Hrysha.
        readings = stems(word, lacinka)
        for stem, tail in readings[:1] if english else readings:
            written = fold(form[: len(form) - len(tail)])
            for entry in self.index.surnames.get(stem, ()):
                person = self.index.persons[entry.person]
                sex = None if any_sex else person.gender
                if entry.person in found or not tail_fits(entry.kind, sex, tail, english):
                    continue
                found[entry.person] = Candidate(entry, written, likeness(written, person), stem)
        if len(found) > 1:
            top = max(c.likeness for c in found.values())
            found = {p: c for p, c in found.items() if c.likeness >= top - CLOSE_ENOUGH}
        return found

    def _token(self, i: int, token: Token, found: dict[int, Candidate]) -> None:
        found = self._famous_in_context(found, token)
        if not found:
            return
        ctx = self._context(i)
        if ctx.coordinated:     # one surname for a man and a woman ("Siarhei and Sviatlana
            found = self._famous_in_context(    # Tsikhanouski"): no sex agreement
                self._candidates(token.text, *self._reading(token), any_sex=True), token)
        verdicts: dict[str, list[int]] = {"full": [], "initial": [], "lone": [], "reject": []}
        for index, candidate in found.items():
            verdict = self._verdict(self.index.persons[index], ctx)
            verdicts[self._checked(verdict, index, candidate, token)].append(index)
        if verdicts["full"]:
            self._named(verdicts["full"], found, token, ctx, full=True)
        elif verdicts["initial"]:
            self._named(verdicts["initial"], found, token, ctx, full=False)
        elif verdicts["lone"]:
            self.lone.append(Pending(verdicts["lone"], found, token, token.start, token.end, i))
        for given in ctx.coordinated:
            self._coordinated_hit(given, found, token, verdicts["full"])

    def _famous_in_context(self, found: dict[int, Candidate], token: Token
                           ) -> dict[int, Candidate]:
        """A famous namesake (kind 'famous' in non_prisoners.csv) takes part only when
        the sentence speaks of what made them famous ("Pushkin's fairy tales")."""
        if self.index.famous.isdisjoint(found):
            return found
        famous = [p for p in found if p in self.index.famous]
        keep = {p for p in famous if has_cues(self.text, token.start, token.end,
                                              self.index.persons[p].cues)}
        return {p: c for p, c in found.items() if p not in famous or p in keep}

    def _coordinated_hit(self, given: Token, found: dict[int, Candidate], token: Token,
                         taken: list[int]) -> None:
        """"Aliaksandr and Iryna Lebedz": the surname belongs to the first given name too."""
        ctx = Context(given_before=(given, self.index.given.roots(given.text)))
        persons = [p for p, c in found.items() if p not in taken and self._checked(
            self._verdict(self.index.persons[p], ctx), p, c, token) == "full"]
        listed = [p for p in persons if not self.index.persons[p].blocked]
        if len(listed) == 1 and len(persons) == 1 and not self._not_a_prisoner(
                given.start, token.end):
            self.hits.append(Hit(listed[0], given.start, token.end, "high", "full-name"))

    def _checked(self, verdict: str, index: int, candidate: Candidate, token: Token) -> str:
        """A given name or initial that fits is not enough when the surname fits only by
        its key: "Kate York" is not Katsiaryna Aryka, "D. Curr" not Dzmitry Tur."""
        floor = {"full": MIN_NAMED_LIKENESS, "initial": MIN_INITIAL_LIKENESS}.get(verdict)
        if floor is None:
            return verdict
        if candidate.likeness < floor:
            return "reject"
        if verdict == "initial" and len(candidate.key) < 3:
            written = light(token.text, self.lang == "be-latn")
            if not any(written.startswith(s) for s in self.index.persons[index].surname_stems):
                return "reject"
        return verdict

    # ------------------------------------------------------------------ verdicts

    def _verdict(self, person: Person, ctx: Context) -> str:
        before = self._given_state(person, ctx.given_before)
        after = "none" if ctx.after_continues else self._given_state(person, ctx.given_after)
        if before == "match" or (after == "match" and before == "none"):
            return "full" if person.has_given else "initial"
        init_before = self._initial_state(person, ctx.initial_before)
        init_after = self._initial_state(person, ctx.initial_after)
        if "conflict" in (before, init_before) or (after == "conflict" and before == "none"):
            return "reject"
        if "match" in (init_before, init_after):
            return "initial"
        if init_after == "conflict" and init_before == "none":
            return "reject"
        return "lone"

    def _given_state(self, person: Person, given: tuple[Token, frozenset[str]] | None) -> str:
        if given is None or not given[1]:
            return "none"
        if not person.has_given:
            return "match" if initial_letter(given[0].text) in person.initials else "conflict"
        return "match" if given[1] & person.given else "conflict"

    def _initial_state(self, person: Person, token: Token | None) -> str:
        if token is None:
            return "none"
        return "match" if initial_letter(token.text) in person.initials else "conflict"

    # ------------------------------------------------------------------ named hits

    def _span(self, token: Token, ctx: Context, persons: list[int]) -> tuple[int, int]:
        before = ctx.initial_before or (ctx.given_before[0] if ctx.given_before and any(
            self._given_state(self.index.persons[p], ctx.given_before) == "match"
            for p in persons) else None)
        if before:
            return before.start, token.end
        after = ctx.given_after[0] if ctx.given_after else ctx.initial_after
        return token.start, (after.end if after else token.end)

    def _named(self, persons: list[int], found: dict[int, Candidate], token: Token,
               ctx: Context, full: bool) -> None:
        start, end = self._span(token, ctx, persons)
        for n in range(max(0, ctx.first), min(len(self.tokens), ctx.first + 8)):
            if self.tokens[n].start >= start and self.tokens[n].end <= end:
                self.claimed.add(n)
        blocked = [p for p in persons if self.index.persons[p].blocked]
        listed = [p for p in persons if p not in blocked]
        famous = any(self.index.persons[p].cues for p in blocked)   # its cues stand near
        if blocked and (famous or not listed or self._titled(ctx.first)):
            return      # an official, judge, UN expert or famous namesake: the span is theirs
        why = self._not_a_prisoner(start, end)
        if why == "official":
            self.officials.update(listed)   # "Judge Dzmitry Bubenchyk": any listed namesake
        if why:
            return
        if len(listed) == 1 and not blocked:
            rule = ("alias" if found[listed[0]].entry.alias else "full-name") if full \
                else "initial-surname"
            self.hits.append(Hit(listed[0], start, end, "high" if full else "medium", rule))
        elif full:      # namesakes (maybe of an official): each one step lower
            self.hits.extend(Hit(p, start, end, "medium", "namesake") for p in listed)
        else:
            self.initials.append(Pending(listed, found, token, start, end))

    # ------------------------------------------------------------------ text-wide decisions

    def _best_levels(self) -> dict[int, str]:
        best: dict[int, str] = {}
        for hit in self.hits:
            if LEVELS[hit.level] > LEVELS.get(best.get(hit.person, ""), 0):
                best[hit.person] = hit.level
        return best

    def _settle_initials(self, best: dict[int, str]) -> None:
        for pending in self.initials:
            known = [p for p in pending.persons if p in best]
            if len(known) == 1:
                self.hits.append(Hit(known[0], pending.start, pending.end, "medium",
                                     "initial-surname"))
            elif len(pending.persons) <= MAX_NAMESAKES:
                self.hits.extend(Hit(p, pending.start, pending.end, "low", "namesake")
                                 for p in pending.persons)


def likeness(written_folded: str, person: Person) -> float:
    """Vowel-aware likeness (0-100) of a written stem to the person's listed surname stems;
    e and a count as one (Bialacki / Bialiatski), u does not (Human is not Homan), and a
    different number of syllables costs a quarter (Захаду is not Zahdai)."""
    best = 0.0
    written_folded = written_folded.replace("e", "a")
    for stem in person.surname_stems:
        listed = fold(stem).replace("e", "a")
        score = ratio(written_folded, listed)
        if syllables(written_folded) != syllables(listed):
            score *= 0.75
        best = max(best, score)
    return best
