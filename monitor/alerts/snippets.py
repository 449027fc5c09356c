"""The sentence around a name, and where the name sits inside it (for highlighting)."""

from __future__ import annotations

SENTENCE_ENDS = ".!?\n"
MAX_REACH = 200  # characters either side of the name when no sentence end is near


def sentence_around(text: str, start: int, end: int, reach: int = MAX_REACH) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, at most ``reach`` either side."""
    if not text:
        return ""
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    left = max(left, start - reach, 0)
    ends = [found for mark in SENTENCE_ENDS if (found := text.find(mark, end)) != -1]
    right = min(ends) + 1 if ends else len(text)
    right = min(right, end + reach)
    return text[left:right].strip()


def _located(text: str, sentence: str, surface: str, start: int) -> list[int] | None:
    """The span when ``sentence`` can be found in ``text`` around ``start``."""
    pos = text.find(sentence)
    while pos != -1 and pos <= start:
        offset = start - pos
        if sentence[offset:offset + len(surface)] == surface:
            return [offset, offset + len(surface)]
        pos = text.find(sentence, pos + 1)
    return None


def mark_in_sentence(text: str, sentence: str | None, surface: str | None,
                     start: int | None) -> list[int] | None:
    """[start, end] of ``surface`` inside ``sentence``, or None when it is not there.

    The article offset is used first (the same surface may occur twice in a sentence);
    failing that, the first occurrence, compared without case when that keeps lengths.
    """
    if not sentence or not surface:
        return None
    if text and start is not None:
        span = _located(text, sentence, surface, start)
        if span:
            return span
    found = sentence.find(surface)
    if found == -1 and len(sentence.lower()) == len(sentence):
        found = sentence.lower().find(surface.lower())
    return [found, found + len(surface)] if found != -1 else None


def split_marked(sentence: str | None, mark: list[int] | None) -> tuple[str, str, str] | None:
    """(before, name, after) for templates; no highlight when the span does not fit."""
    if not sentence:
        return None
    if not mark or not (0 <= mark[0] < mark[1] <= len(sentence)):
        return sentence, "", ""
    return sentence[:mark[0]], sentence[mark[0]:mark[1]], sentence[mark[1]:]
