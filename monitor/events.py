"""Case events of known prisoners: what the sentence holding a mention says happened.

For every sentence that mentions a listed person, the event words of ``event_patterns`` are
found, and each is given to the person it is about:

* the sentence is cut into clauses (";", brackets, ", and", ", while", ", including", ", а",
  ", і" ...); an event word belongs to the persons mentioned in its own clause, or, when
  its clause names nobody ("... and he was later sentenced") or it follows "who"/"які"/
  "который", to the person mentioned last before it, unless someone else (a name not on
  the list) is named in between;
* a mention next to a relative or lawyer ("Kashpul's wife", "жонка Кашпуля") or a role
  ("judge X") does not receive the event;
* negated acts ("was not released"), calls for release ("demand the release of X") and
  continuing states ("remains detained") are not events;
* words inside the name of a UN body (the Working Group on Arbitrary *Detention*) count
  only for ``un_opinion``.

The evidence is the sentence. One event per (person, type) per text; a sentence stating the
term is preferred for ``sentenced``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.event_patterns import (
    ARBITRARY,
    EVENT_TYPES,
    NEGATION,
    NOT_AN_ACT,
    NOUN_DETENTION,
    NUMBERS,
    PATTERNS,
    RELATIVES,
    TERM_UNITS,
)
from monitor.newnames.extract import extract_names
from monitor.newnames.roles import ROLE_RE
from monitor.newnames.sentences import Sentence, SentenceIndex

__all__ = ["EVENT_TYPES", "classify_events", "sentence_term"]

_TYPE_RE = {kind: re.compile(r"(?<![\w-])(?:" + "|".join(p) + r")(?![\w-])", re.IGNORECASE)
            for kind, p in PATTERNS.items()}
_NOUN_DETENTION = re.compile(NOUN_DETENTION, re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r";|[()\[\]]|,\s+(?:including|among them|в том числе|среди них|у тым ліку|сярод іх)\s|"
    r",\s+(?:and|but|while|whereas|а|но|и|і|але|тады як|в то время как|a|i|ale)\s|"
    r"\s(?:while|whereas|тады як|в то время как)\s", re.IGNORECASE)


_RELATIVE_PRONOUN = re.compile(
    r"(?<!\w)(?:who|whom|whose|котор\w+|які|якая|якое|якія|якога|якой|якую|jaki|jakaja)(?!\w)",
    re.IGNORECASE)


@dataclass(frozen=True)
class _Hit:
    type: str
    start: int
    end: int


def classify_events(text: str, mentions: list[dict], lang: str | None = None) -> list[dict]:
    """Events for the mentioned persons: dicts prisoner_id, type, term, evidence."""
    if not text or not mentions:
        return []
    index = SentenceIndex(text)
    by_sentence: dict[int, list[dict]] = {}
    for mention in mentions:
        by_sentence.setdefault(index.index_at(mention["start"]), []).append(mention)
    events: dict[tuple[int, str], dict] = {}
    for at, found in sorted(by_sentence.items()):
        for event in _sentence_events(text, index.sentences[at], found):
            key = (event["prisoner_id"], event["type"])
            kept = events.get(key)
            if kept is None or (event["term"] and not kept["term"]):
                events[key] = event
    return list(events.values())


def _sentence_events(text: str, sentence: Sentence, mentions: list[dict]) -> list[dict]:
    hits = _hits(text, sentence)
    if not hits:
        return []
    clauses = _clauses(text, sentence)
    eligible = [m for m in mentions if not _bystander(text, sentence, m)]
    out = []
    for hit in hits:
        for mention in _owners(text, hit, clauses, eligible):
            term = _term(text, sentence, hit) if hit.type == "sentenced" else None
            out.append({"prisoner_id": mention["prisoner_id"], "type": hit.type, "term": term,
                        "evidence": sentence.text})
    return out


def _term(text: str, sentence: Sentence, hit: _Hit) -> str | None:
    """The term after the event word, else just before it ("the ten-year term given to")."""
    return sentence_term(text[hit.start:sentence.end]) or sentence_term(
        text[max(sentence.start, hit.start - 40):hit.end])


def _hits(text: str, sentence: Sentence) -> list[_Hit]:
    """Event words of the sentence that report an act (not a call, a negation, a state)."""
    hits: list[_Hit] = []
    un_spans: list[tuple[int, int]] = []
    for kind in ("un_opinion",) + tuple(k for k in EVENT_TYPES if k != "un_opinion"):
        for match in _TYPE_RE[kind].finditer(text, sentence.start, sentence.end):
            if kind != "un_opinion" and any(a <= match.start() < b for a, b in un_spans):
                continue
            before = text[sentence.start:match.start()]
            if NEGATION.search(before[-30:]):
                continue
            guard = NOT_AN_ACT.get(kind)
            if guard and guard.search(before[-60:]):
                continue
            if kind == "un_opinion":
                un_spans.append((match.start(), match.end()))
            elif kind == "detained" and _NOUN_DETENTION.fullmatch(match.group(0)) and (
                    un_spans or ARBITRARY.search(sentence.text)):
                continue        # "the detention of X is arbitrary": a UN finding, not news
            hits.append(_Hit(kind, match.start(), match.end()))
    return hits


def _clauses(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    bounds = [sentence.start, *cuts, sentence.end]
    return list(zip(bounds, bounds[1:], strict=False))


def _owners(text: str, hit: _Hit, clauses: list[tuple[int, int]], mentions: list[dict]
            ) -> list[dict]:
    """The mentions an event word belongs to (one person counted once)."""
    clause = next((c for c in clauses if c[0] <= hit.start < c[1]), clauses[-1])
    inside = [m for m in mentions if clause[0] <= m["start"] < clause[1]]
    if _RELATIVE_PRONOUN.search(text[max(clause[0], hit.start - 30):hit.start]):
        inside = []         # "X, who was sentenced": the event is the nearest person's
    if not inside:
        earlier = [m for m in mentions if m["end"] <= hit.start]
        last = max(earlier, key=lambda m: m["start"]) if earlier else None
        # "..., including Aleh Kutsko, who was sentenced": someone else named in between.
        inside = [last] if last and not extract_names(text, True, last["end"], hit.start) else []
    unique: dict[int, dict] = {}
    for mention in inside:
        unique.setdefault(mention["prisoner_id"], mention)
    return list(unique.values())


def _bystander(text: str, sentence: Sentence, mention: dict) -> bool:
    """Is the mention a relative's anchor ("Kashpul's wife", "жонка Кашпуля") or an
    official ("judge X")? Then events of the sentence are not his."""
    before = re.findall(r"\w[\w'’-]*", text[max(sentence.start, mention["start"] - 40):
                                              mention["start"]])
    if before and before[-1].lower() in ("of", "the", "his", "her"):
        before = before[:-1]
    if before and (RELATIVES.fullmatch(before[-1]) or ROLE_RE.fullmatch(before[-1])):
        return True
    after = re.match(r"['’]s?\s+([\w-]+)(?:\s+([\w-]+))?", text[mention["end"]:sentence.end])
    return bool(after) and any(RELATIVES.fullmatch(w or "") for w in after.groups())


# ----------------------------------------------------------------------- terms

_NUMBER = r"((?<!\d)\d{1,3}(?:[.,]5)?(?!\d)|" + "|".join(sorted(map(re.escape, NUMBERS), key=len, reverse=True)) + r")"
_TERM_RE = re.compile(
    rf"(?<!\w){_NUMBER}[\s-]+(?:and a half\s+)?({TERM_UNITS['years']}|{TERM_UNITS['months']}|"
    rf"{TERM_UNITS['days']})(?!\w)(?:\s+(?:and|и|і)\s+{_NUMBER}\s+({TERM_UNITS['months']}))?",
    re.IGNORECASE)
_SPECIAL = [(re.compile(r"life (?:imprisonment|sentence)|пожизненн\w+|пажыццёв\w+", re.I),
             "life"), (re.compile(r"to death|к смертной казни|да смяротнага|"
                                  r"смяротнае пакаранне", re.I), "death")]


def _number(word: str) -> float:
    word = word.lower().replace(",", ".")
    return float(word) if word[0].isdigit() else float(NUMBERS[word])


def _unit(word: str) -> str:
    for unit, pattern in TERM_UNITS.items():
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return unit
    return "years"


def _fmt(value: float, unit: str) -> str:
    number = int(value) if value == int(value) else value
    return f"{number} {unit[:-1] if number == 1 else unit}"


def sentence_term(text: str) -> str | None:
    """The first prison term stated in ``text``: "15 years", "3 years 6 months", "life"."""
    for pattern, term in _SPECIAL:
        if pattern.search(text[:80]):
            return term
    match = _TERM_RE.search(text)
    if not match or match.start() > 120:
        return None
    term = _fmt(_number(match.group(1)), _unit(match.group(2)))
    if "half" in match.group(0).lower():
        term = _fmt(_number(match.group(1)) + 0.5, "years")
    if match.group(3):
        term += " " + _fmt(_number(match.group(3)), "months")
    return term
