"""The analysis beyond known-name mentions: new names, the UN document, case events.

``Analyser.analyse`` calls ``Detectors.run`` with the title and text joined as it matched
them, so a title such as "Kashpul sentenced to 15 years" yields an event, and a new name in
a title is found too. New names carry ``field`` and offsets like mentions do.
"""

from __future__ import annotations

from monitor.events import classify_events
from monitor.names.variants import parse_name, person_key
from monitor.newnames import find_new_names
from monitor.undocs import detect_un_document


class Detectors:
    """Holds what the detectors need from the list, computed once per analyser."""

    def __init__(self, matcher) -> None:
        self.matcher = matcher
        self._listed_keys: frozenset[str] | None = None

    @property
    def listed_keys(self) -> frozenset[str]:
        """``person_key`` of every listed person, under each of their surnames ("Katsiaryna
        Andreyeva (Bakhvalava)" is both); about 0.3 s for 8,500 names, once."""
        if self._listed_keys is None:
            persons = getattr(self.matcher.index, "persons", [])
            keys = {key for p in persons if not p.blocked for key in _keys_of(p.name)}
            self._listed_keys = frozenset(k for k in keys if k)
        return self._listed_keys

    def run(self, whole: str, offset: int, title: str, text: str, language: str,
            mentions: list[dict], source_org: str | None = None) -> dict:
        """new_names, un_document and events for one analysed text.

        ``whole`` is title + separator + text (or the text alone, ``offset`` 0); mention
        offsets are into the title or the text as their ``field`` says.
        """
        in_whole = [{**m, "start": _whole(m, offset, "start"), "end": _whole(m, offset, "end")}
                    for m in mentions]
        in_text = [m for m in mentions if m.get("field", "text") == "text"]
        names = find_new_names(whole, language, in_whole, listed_keys=self.listed_keys)
        return {"new_names": [_locate(n, offset) for n in names],
                "un_document": detect_un_document(text, title or None, source_org, in_text),
                "events": classify_events(whole, in_whole, language)}


def _keys_of(name: str) -> set[str]:
    parsed = parse_name(name)
    given = parsed.given[0] if parsed.given else ""
    return {person_key(name)} | {person_key(f"{given} {surname}".strip())
                                 for surname in parsed.surnames}


def _whole(mention: dict, offset: int, key: str) -> int:
    return mention[key] + (offset if mention.get("field", "text") == "text" else 0)


def _locate(name: dict, offset: int) -> dict:
    if offset and name["start"] < offset:
        return {**name, "field": "title"}
    return {**name, "start": name["start"] - offset, "end": name["end"] - offset,
            "field": "text"}
