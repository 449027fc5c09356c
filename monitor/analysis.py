"""The article analyser: one place that turns a text into Vigil's analysis result.

    {"language": "ru",
     "mentions": [{"prisoner_id", "name", "status", "surface", "start", "end",
                   "confidence", "rule", "field", "sentence"}],
     "new_names": [], "un_document": null, "events": []}

The title is matched together with the text (so a surname in the text is promoted by a
full name in the title and vice versa). Each mention says where it was found in
``field``: ``"text"`` mentions have offsets into the text; ``"title"`` mentions have
offsets into the title. ``sentence`` is the sentence around the mention (at most 300
characters), for alerts and review. ``new_names``, ``un_document`` and ``events`` are
filled by their own modules later; the keys are always present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from monitor.detectors import Detectors
from monitor.names import Matcher, detect_language
from monitor.prisoners import bundled_prisoners, records_from_store

SEPARATOR = "\n\n"
SENTENCE_EDGE = re.compile(r"(?<=[.!?…])\s+|\n+")
MAX_SENTENCE = 300
LANGUAGES = ("en", "ru", "be", "be-latn")


class Analyser:
    """Built once (the index costs a few hundred ms); ``analyse`` is cheap."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.detectors = Detectors(matcher)

    @classmethod
    def from_records(cls, records: Iterable) -> Analyser:
        return cls(Matcher.from_records(records))

    @classmethod
    def from_store(cls, corpus_db) -> Analyser:
        """From the list in corpus.db; the bundled list when the store holds none yet."""
        records = records_from_store(corpus_db)
        return cls.from_records(records or bundled_prisoners())

    def analyse(self, text: str, title: str | None = None, lang: str | None = "auto",
                source_org: str | None = None) -> dict:
        text, title = text or "", title or ""
        whole = f"{title}{SEPARATOR}{text}" if title else text
        language = lang if lang in LANGUAGES else detect_language(whole)
        offset = len(title) + len(SEPARATOR) if title else 0
        mentions = []
        for mention in self.matcher.find(whole, language):
            item = mention.as_dict()
            if mention.start >= offset:
                item.update(start=mention.start - offset, end=mention.end - offset,
                            field="text")
                item["sentence"] = sentence_around(text, item["start"], item["end"])
            else:
                item.update(field="title", sentence=sentence_around(title, mention.start,
                                                                   mention.end))
            mentions.append(item)
        return {"language": language, "mentions": mentions,
                **self.detectors.run(whole, offset, title, text, language, mentions, source_org)}


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], trimmed to MAX_SENTENCE characters."""
    left = max((m.end() for m in SENTENCE_EDGE.finditer(text, 0, start)), default=0)
    right_match = SENTENCE_EDGE.search(text, end)
    right = right_match.start() if right_match else len(text)
    sentence = text[left:right].strip()
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    middle = (start + end) // 2 - left
    lo = max(0, min(middle - MAX_SENTENCE // 2, len(sentence) - MAX_SENTENCE))
    return sentence[lo:lo + MAX_SENTENCE].strip()
