"""New names: people in a text who are not on the list but appear to be repressed.

Only the sentences with a repression cue and their neighbours are read at all, which keeps
the cost near zero for the many articles that hold none; in Russian, natasha's NER reads
only the sentences with a cue (the neighbours get Vigil's own extractor). A name becomes a
candidate when:

* it is not a listed person (no matcher mention overlaps it, and its ``person_key`` is no
  listed person's key; a lone surname or initial-and-surname is also dropped when a
  listed person carries that surname, because the matcher has already judged it);
* it is not a known official or public figure, a place, an organisation, a judge,
  prosecutor or spokesman, nor someone whose words are quoted (``roles``);
* a cue stands in its sentence or the next/previous one.

Score (0..1) = cue strength (1.0 / 0.7) x distance (same sentence 1.0, or 0.85 when the cue
is more than 80 characters away; adjacent sentence 0.55) x form of the name (full name 1.0,
initial and surname 0.75, lone surname 0.5). A lone surname that repeats a full name found in
the same text counts as that person (its sentence becomes the evidence when its context is
stronger). A line holding nothing but the name (a byline, a caption) is not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from monitor.names.keys import name_key
from monitor.names.variants import person_key

from .context import Cue, find_cues
from .extract import NameSpan, extract_names
from .gazetteer import given_name
from .roles import disqualifying_role
from .sentences import SentenceIndex
from .stoplist import Officials, is_not_a_person, officials

# The next sentence continuing with "he/she" is about the person just named.
PRONOUN_START = re.compile(
    r"^\W*(?:he|she|him|her|ён|яна|яго|яе|он|она|его|её|ее|jon|jana|jaho|jaje)(?!\w)",
    re.IGNORECASE)
PRONOUN_NEXT = 0.9
FORM_FACTOR = {"full": 1.0, "initial": 0.75, "single": 0.5}
ADJACENT = 0.55
FAR = 0.85
NEAR_CHARS = 80
MIN_SCORE = 0.25


@dataclass
class _Found:
    span: NameSpan
    key: str
    context: float        # strength of the repression context around this occurrence
    sentence: str

    @property
    def score(self) -> float:
        return round(min(1.0, self.context * FORM_FACTOR[self.span.form]), 2)


def find_new_names(text: str, lang: str, mentions: list[dict], *,
                   listed_keys: frozenset[str] = frozenset(),
                   known_officials: Officials | None = None,
                   russian_ner: bool = True) -> list[dict]:
    """Candidates in ``text``: dicts name, surface, score, context, start, end, key.

    ``lang`` is 'en', 'ru', 'be' or 'be-latn'. ``mentions`` are the matcher's (dicts with
    start/end). ``listed_keys`` holds ``person_key`` of every listed person.
    """
    if not text:
        return []
    index = SentenceIndex(text)
    cues: list[list[Cue]] = [[] for _ in index.sentences]
    for cue in find_cues(text):
        if index.sentences:
            cues[index.index_at(cue.start)].append(cue)
    with_cue = {i for i, found in enumerate(cues) if found}
    if not with_cue:
        return []
    neighbours = {j for i in with_cue for j in (i - 1, i + 1) if 0 <= j < len(cues)} - with_cue
    natasha = lang == "ru" and russian_ner
    passes = ((with_cue, True), (neighbours, False)) if natasha else (
        (with_cue | neighbours, False),)
    spans: list[NameSpan] = []
    for indices, use_natasha in passes:
        for first, last in _runs(indices):
            start, end = index.sentences[first].start, index.sentences[last].end
            spans += _names(text, lang, start, end, use_natasha)
    judge = _Judge(text, index, cues, mentions, listed_keys, known_officials or officials())
    found = [f for f in (judge.assess(span) for span in spans) if f is not None]
    return [_as_dict(f) for f in _merge(found) if f.score >= MIN_SCORE]


def _runs(indices: set[int]) -> list[tuple[int, int]]:
    """Consecutive sentence indices as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _names(text: str, lang: str, start: int, end: int, russian_ner: bool) -> list[NameSpan]:
    """Names in a run of sentences. The Russian model reads the sentences holding a cue;
    their neighbours (worth only an adjacent-sentence score) get the cheap extractor."""
    if russian_ner:
        from .russian import russian_names

        return russian_names(text, start, end)
    return extract_names(text, inflecting=lang != "en", start=start, end=end, lang=lang)


@lru_cache(maxsize=4)
def listed_surnames(listed_keys: frozenset[str]) -> frozenset[str]:
    """Surname keys of the listed persons (computed once per list)."""
    return frozenset(k.split("|", 1)[-1] for k in listed_keys)


class _Judge:
    """Decides, for one text, whether a found name is a candidate and how strong."""

    def __init__(self, text, index, cues, mentions, listed_keys, known_officials) -> None:
        self.text, self.index, self.cues = text, index, cues
        self.mention_spans = [(m["start"], m["end"]) for m in mentions]
        self.listed_keys = listed_keys
        self.listed_surnames = listed_surnames(listed_keys)
        self.officials = known_officials

    def assess(self, span: NameSpan) -> _Found | None:
        if any(a < span.end and span.start < b for a, b in self.mention_spans):
            return None
        key = person_key(span.name)
        if not key or self._listed(span, key) or self._not_a_person(span):
            return None
        at = self.index.index_at(span.start)
        sentence = self.index.sentences[at]
        if _alone(sentence.text, span.surface):
            return None     # a byline or a caption: the name is all the line holds
        cue_spans = [(c.start, c.end) for c in self.cues[at] if c.act]
        if disqualifying_role(self.text, span.start, span.end, sentence.start, sentence.end,
                              cue_spans, span.declined):
            return None
        context = self._context(span, at)
        if context == 0:
            return None
        return _Found(span, key, context, sentence.text)

    def _listed(self, span: NameSpan, key: str) -> bool:
        if key in self.listed_keys:
            return True
        return span.form != "full" and name_key(span.surname) in self.listed_surnames

    def _not_a_person(self, span: NameSpan) -> bool:
        words = span.name.split()
        if self.officials.is_official(span.name, len(words)):
            return True
        return any(is_not_a_person(w) and not given_name(w) for w in words
                   if len(w.rstrip(".")) > 1)

    def _context(self, span: NameSpan, at: int) -> float:
        best = 0.0
        for cue in self.cues[at]:
            gap = max(cue.start - span.end, span.start - cue.end, 0)
            best = max(best, cue.strength * (1.0 if gap <= NEAR_CHARS else FAR))
        for near in (at - 1, at + 1):
            if 0 <= near < len(self.cues) and self.cues[near]:
                factor = ADJACENT
                if near == at + 1 and PRONOUN_START.match(self.index.sentences[near].text):
                    factor = PRONOUN_NEXT
                best = max(best, max(c.strength for c in self.cues[near]) * factor)
        return best


def _alone(sentence: str, surface: str) -> bool:
    return len(sentence.strip(" .,:;-—–*•\"«»“”")) <= len(surface) + 2


def _merge(found: list[_Found]) -> list[_Found]:
    """One entry per person. A lone surname or initial that repeats a full name of the text
    lends its context to that name (the full name stays the one shown)."""
    by_key: dict[str, _Found] = {}
    full_by_surname = {name_key(f.span.surname): f.key for f in found if f.span.form == "full"}
    for item in sorted(found, key=lambda f: (f.span.form != "full", f.span.start)):
        key = item.key
        if item.span.form != "full":
            key = full_by_surname.get(name_key(item.span.surname), key)
        kept = by_key.get(key)
        if kept is None:
            by_key[key] = item
        elif kept.span.form == "full" and item.span.form != "full":
            if item.context > kept.context:     # the follow-up is the better evidence
                span = replace(item.span, name=kept.span.name, form="full")
                by_key[key] = _Found(span, key, item.context, item.sentence)
        elif item.score > kept.score:
            by_key[key] = item
    return sorted(by_key.values(), key=lambda f: f.span.start)


def _as_dict(found: _Found) -> dict:
    span = found.span
    return {"name": span.name, "surface": span.surface, "score": found.score,
            "context": found.sentence, "start": span.start, "end": span.end, "key": found.key}
