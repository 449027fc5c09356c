"""Sentence spans for the detectors (new names, events, UN documents).

A small rule splitter rather than razdel: razdel is tuned to Russian and cuts English and
legal text at "Art." and "No.", which are exactly the places our detectors read. Offsets
are kept so a finding can point back into the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A boundary: terminal punctuation (with closing quotes/brackets) then space, or a blank
# line / a line break (extracted pages put headings and list items on their own lines).
_BOUNDARY = re.compile(r"[.!?…]+[\"'”»)\]]*\s+|\n\s*")

# Words after which a full stop does not end the sentence (lower case, no dot).
_ABBREVIATION_WORDS = """
art arts no nos para paras p pp vol ch cf e.g i.e etc mr mrs ms dr prof st jr sr vs approx
jan feb mar apr jun jul aug sep sept oct nov dec gen col lt sgt inc ltd co
ст ч п пп г гг им ул вул в д т тыс млн млрд руб бел рус нар арт см мин сп пр
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_false_stop(text: str, stop: int) -> bool:
    """Is the full stop at ``stop`` part of an abbreviation or an initial?"""
    if text[stop] != ".":
        return False
    begin = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop), text.rfind("\t", 0, stop))
    token = text[begin + 1:stop].lstrip("([«\"“")
    if not token:
        return False
    if token.lower().rstrip(".") in ABBREVIATIONS:
        return True
    # An initial ("A. Kashpul", "А.А. Іваноў") is one capital letter.
    return len(token.split(".")[-1]) == 1 and token[-1].isupper()


def _continues(text: str, after: int) -> bool:
    """A lower-case word (or a dash then one) after the stop: the sentence goes on."""
    following = _NEXT_WORD.match(text, after)
    return bool(following) and following.group(1).islower()


_NEXT_WORD = re.compile(r"[—–-]?\s*(\w)")


@lru_cache(maxsize=16)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with their offsets; whitespace is trimmed.

    Cached: the new-name, event and UN detectors all read the same text."""
    out: list[Sentence] = []
    begin = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group(0) and (
                _continues(text, match.end())
                or (match.group(0)[0] == "." and _is_false_stop(text, match.start()))):
            continue
        _push(out, text, begin, match.end())
        begin = match.end()
    _push(out, text, begin, len(text))
    return tuple(out)


def _push(out: list[Sentence], text: str, begin: int, end: int) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start = begin + (len(chunk) - len(chunk.lstrip()))
    out.append(Sentence(start, start + len(stripped), stripped))


class SentenceIndex:
    """The sentences of one text, with lookup of the sentence holding an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text)
        self._starts = [s.start for s in self.sentences]

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the nearest one before it if between)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def at(self, offset: int) -> Sentence | None:
        if not self.sentences:
            return None
        return self.sentences[self.index_at(offset)]
