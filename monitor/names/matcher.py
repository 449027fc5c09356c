"""Finding listed persons in a text.

Per capitalised token: look its surname key candidates up, keep the persons whose paradigm
and sex fit the written ending, then read the neighbours:

* a compatible given name before or after (any script, case, diminutive)  -> high 'full-name'
  (or 'alias' when the surname came from an alias)
* a compatible initial before or after ("A. Kashpul", "Kashpul A.")        -> medium 'initial-surname'
* a *different* known given name or initial beside it                      -> rejected
* nothing                                                                  -> surname only

Given names joined by "and" share the surname that follows ("Aliaksandr and Iryna
Lebedz" names both). Then the whole text decides: a surname alone is promoted
('surname-promoted', at the person's best level) when the text holds a full-name or
initial hit for exactly one of its candidates; otherwise it is reported 'low' only when
the surname is distinctive (one listed person, not a common word or given name, not
shared with a known non-prisoner, in a text plausibly about Belarusian prisoners; see
``lone.py``). Namesakes (one full name, several listed persons) are each reported one step
lower ('namesake').

What is not a prisoner claims its span silently: known non-prisoners (officials, UN
experts, public figures; ``non_prisoners.csv``), any listed name right after a role of
the state ("Judge Dzmitry Bubenchyk", "судья ... Дмитрий Бубенчик"; its lone repeats in
the text too), a famous namesake where the sentence says why it is famous ("Alexander
Pushkin's fairy tales"), and streets, rivers and towns ("вуліца Бяляцкага", "праз
Бярэзіну"). See ``context.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .index import Index, Person
from .resolve import Resolver
from .stoplist import add_non_prisoners
from .tokens import capital_tokens, detect_language

CACHE_LIMIT = 300_000


@dataclass(frozen=True)
class Mention:
    prisoner_id: int
    name: str
    status: str | None
    surface: str
    start: int
    end: int
    confidence: str     # 'high' | 'medium' | 'low'
    rule: str           # full-name, alias, initial-surname, namesake, surname-promoted, surname-only

    def as_dict(self) -> dict:
        return asdict(self)


class Matcher:
    """Built once from the list; ``find`` is cheap. The index is read-only after building;
    a per-token candidate cache grows with use (bounded), so give each thread its own
    Matcher if you need threads."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.cache: dict = {}   # token text and reading -> candidates (see Resolver)

    @classmethod
    def from_records(cls, records: Iterable, non_prisoners: Iterable[dict] | None = None
                     ) -> Matcher:
        """Index every matchable record (PersonRecord or anything with the same fields)."""
        index = Index()
        for record in records:
            if not getattr(record, "matchable", True) or not record.name:
                continue
            forms = [f for f in (getattr(record, "name_be", None),
                                 getattr(record, "name_ru", None)) if f]
            index.add(id=record.id, name=record.name, status=record.status,
                      gender=record.gender, aliases=getattr(record, "aliases", ()) or (),
                      extra_forms=forms)
        add_non_prisoners(index, non_prisoners)
        return cls(index)

    def find(self, text: str, lang: str | None = None) -> list[Mention]:
        """Mentions of listed persons in ``text``, sorted by start offset."""
        if not text:
            return []
        lang = lang if lang in ("en", "ru", "be", "be-latn") else detect_language(text)
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        hits = Resolver(self.index, text, capital_tokens(text), lang, self.cache).run()
        mentions = [self._mention(h.person, text, h.start, h.end, h.level, h.rule)
                    for h in hits]
        return sorted(mentions, key=lambda m: (m.start, m.prisoner_id))

    def _mention(self, index: int, text: str, start: int, end: int, level: str,
                 rule: str) -> Mention:
        person: Person = self.index.persons[index]
        return Mention(person.id, person.name, person.status, text[start:end], start, end,
                       level, rule)

    def person(self, prisoner_id: int) -> Person | None:
        return next((p for p in self.index.persons if p.id == prisoner_id and not p.blocked),
                    None)
