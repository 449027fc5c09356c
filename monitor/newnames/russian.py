"""Russian person names with natasha (its own NER model and name normaliser).

The models load once per process, lazily, on the first Russian text that needs them
(about 1.3 s and ~150 MB RSS here); a crawl worker that never sees Russian never pays. Only
the sentences holding a repression cue (and a capitalised word that may be a name) are
tagged: a name far from any cue cannot become a candidate, and tagging whole articles
would cost several times more (measured: bench/bench_detectors.py).

pymorphy2 (natasha's dependency) crashes on Python 3.11 when called directly; going
through ``Doc.tag_morph`` and ``span.normalize`` as below avoids the broken path.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from threadpoolctl import threadpool_limits

from .extract import NameSpan, capital_words, looks_like_surname
from .gazetteer import given_name
from .stoplist import is_not_a_person

_lock = threading.Lock()
_models: _Models | None = None


@dataclass
class _Models:
    segmenter: object
    ner: object
    morph: object
    vocab: object


def _load() -> _Models:
    global _models
    with _lock:
        if _models is None:
            from natasha import (
                MorphVocab,
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                Segmenter,
            )

            # natasha's networks run on numpy; a multi-threaded BLAS on a busy machine (the
            # crawl runs one worker per core) made tagging 10-30x slower than one thread.
            threadpool_limits(limits=1, user_api="blas")
            embedding = NewsEmbedding()
            _models = _Models(Segmenter(), NewsNERTagger(embedding), NewsMorphTagger(embedding),
                              MorphVocab())
    return _models


def _form(tokens: list[str]) -> tuple[str, str]:
    """('full'|'initial'|'single', surname) for a natasha PER span."""
    words = [w for w in tokens if w.strip(".")]
    if any(len(w.rstrip(".")) == 1 for w in words) and len(words) > 1:
        return "initial", words[-1]
    if len(words) == 1:
        return "single", words[0]
    given_first = given_name(words[0]) is not None
    return "full", words[-1] if given_first or not given_name(words[-1]) else words[0]


_FEMININE_ENDINGS = [("ской", "ская"), ("цкой", "цкая"), ("скую", "ская"), ("цкую", "цкая"),
                     ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"),
                     ("еву", "ева"), ("ину", "ина")]


def _feminine_fix(name: str) -> str:
    """natasha sometimes leaves a woman's surname declined ("Ольга Петрову"): the given
    name's sex decides."""
    words = name.split()
    given = given_name(words[0]) if len(words) > 1 else None
    if given is None or given.sex != "f":
        return name
    for ending, nominative in _FEMININE_ENDINGS:
        if words[-1].endswith(ending):
            words[-1] = words[-1][: -len(ending)] + nominative
            break
    return " ".join(words)


def _may_hold_names(text: str, start: int, end: int) -> bool:
    """Is there a capitalised word that is not just a sentence opener, or a given name?
    Without one the model cannot find a person, so it is not run."""
    return any(not w.sentence_start or given_name(w.text)
               for w in capital_words(text, start, end) if not is_not_a_person(w.text))


def russian_names(text: str, start: int, end: int) -> list[NameSpan]:
    """PER spans natasha finds in ``text[start:end]``, normalised to the nominative."""
    from natasha import Doc

    if not _may_hold_names(text, start, end):
        return []
    models = _load()
    doc = Doc(text[start:end])
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner)
    people = [s for s in doc.spans if s.type == "PER"]
    if not people:
        return []
    doc.tag_morph(models.morph)
    found = []
    for span in people:
        span.normalize(models.vocab)
        words = [t.text for t in span.tokens]
        form, surname = _form(words)
        if form == "single" and (given_name(surname) or not looks_like_surname(surname)):
            continue
        name = _feminine_fix(" ".join((span.normal or span.text).split()))
        declined = [w.lower() for w in words] != [w.lower() for w in name.split()]
        found.append(NameSpan(start + span.start, start + span.stop, span.text, name, form,
                              surname, declined))
    return found
