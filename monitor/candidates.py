"""New-name candidates: recording them from analysed articles, and staff decisions.

Grouping: one candidate per ``monitor.names.person_key`` of the name, so "Ihar Ivanou"
(en), "Ігар Іваноў" (be, any case) and "Игорь Иванов" (ru) gather into one row with the
articles and sentences that support it. Its score combines the best score in each article
by noisy-or (1 - Π(1 - s)): two independent articles at 0.55 make 0.8.

Decisions:

* **confirm** puts the person on the watch list: a row in corpus.db ``prisoners`` with
  ``origin='staff'``, ``status='watch'`` and the id ``200000 + candidate id`` (fixed by the
  candidate, so a confirmation interrupted halfway and redone never makes a second person),
  and a ``watchlist`` row in staff.db. Analysers built from the store afterwards match the
  person like anyone on the list, in every script. The public row's note says only that
  staff added the person; who decided stays in staff.db.
* **dismiss** suppresses the candidate: it is never alerted again, though evidence is still
  kept. A confirmed candidate cannot be dismissed (it is on the public list already).
* ``sync_confirmed`` completes confirmations made by setting ``status='confirmed'`` through
  Datasette's writable canned query; the daemon calls it every cycle.

Recording is idempotent: evidence is unique per (candidate, article, surface) and the
summary is recomputed from the evidence, so re-running an article changes nothing.
"""

from __future__ import annotations

import math

import store
from monitor.config import Config
from monitor.names.tokens import detect_language
from monitor.names.translit import is_cyrillic
from monitor.names.variants import person_key
from store import candidates as candidate_store
from store import prisoners as prisoner_store
from store.clock import now as utc_now

WATCH_ID_BASE = 200000
WATCH_STATUS = "watch"
STATUSES = ("new", "confirmed", "dismissed")


class CandidateError(ValueError):
    """A candidate decision cannot be carried out; the message says why."""


class CandidateNotFound(CandidateError):
    pass


def record_from_analysis(staff_db, cfg: Config | None, article: dict,
                         new_names: list[dict]) -> list[int]:
    """Store the article's new names as candidates with evidence; return candidate ids."""
    min_score = cfg.candidates.min_score if cfg is not None else 0.0
    at = utc_now()
    ids: list[int] = []
    for found in new_names:
        if (found.get("score") or 0) < min_score:
            continue
        key = found.get("key") or person_key(found["name"])
        if not key:
            continue
        with store.transaction(staff_db):
            candidate_id = candidate_store.ensure_candidate(staff_db, key, found["name"], at)
            candidate_store.add_evidence(staff_db, candidate_id, [_evidence(article, found)], at)
            _refresh(staff_db, candidate_id, found["name"], at)
        ids.append(candidate_id)
    return list(dict.fromkeys(ids))


def _evidence(article: dict, found: dict) -> dict:
    sentence = found.get("context") or ""
    language = article.get("language") or detect_language(sentence or found["name"])
    return {"article_id": article["id"], "article_url": article.get("url"),
            "article_title": article.get("title"), "surface": found.get("surface") or found["name"],
            "sentence": sentence, "score": float(found.get("score") or 0), "language": language}


def _refresh(staff_db, candidate_id: int, name: str, at: str) -> None:
    """Recompute score, languages and article count from all the evidence."""
    rows = candidate_store.evidence(staff_db, candidate_id)
    best: dict[int, float] = {}
    for row in rows:
        best[row["article_id"]] = max(best.get(row["article_id"], 0.0), row["score"] or 0.0)
    score = 1 - math.prod(1 - s for s in best.values())
    languages = sorted({r["language"] for r in rows if r["language"]})
    current = candidate_store.get_candidate(staff_db, candidate_id)
    candidate_store.update_summary(
        staff_db, candidate_id, name=_better_name(current["name"], name),
        score=round(min(score, 1.0), 3), languages=languages, article_count=len(best),
        last_seen=at)


def _better_name(kept: str, offered: str) -> str:
    """Keep the fuller name; between equals keep a Latin spelling (staff read English)."""
    if len(offered.split()) != len(kept.split()):
        return offered if len(offered.split()) > len(kept.split()) else kept
    return offered if is_cyrillic(kept) and not is_cyrillic(offered) else kept


# ----------------------------------------------------------------------- decisions

def _candidate(staff_db, candidate_id: int) -> dict:
    candidate = candidate_store.get_candidate(staff_db, candidate_id)
    if candidate is None:
        raise CandidateNotFound(f"no candidate with id {candidate_id}")
    return candidate


def confirm(staff_db, corpus_db, candidate_id: int, by: str | None = None) -> int:
    """Put the candidate on the watch list; return the prisoner id it now has."""
    candidate = _candidate(staff_db, candidate_id)
    if candidate["status"] == "dismissed":
        raise CandidateError(f"candidate {candidate_id} was dismissed; it cannot be confirmed")
    prisoner_id = WATCH_ID_BASE + candidate_id
    candidate_store.set_decision(staff_db, candidate_id, status="confirmed", by=by,
                                 now=utc_now(), prisoner_id=prisoner_id)
    _watch(staff_db, corpus_db, candidate_store.get_candidate(staff_db, candidate_id))
    return prisoner_id


def dismiss(staff_db, candidate_id: int, by: str | None = None, note: str | None = None) -> None:
    candidate = _candidate(staff_db, candidate_id)
    if candidate["status"] == "confirmed":
        raise CandidateError(
            f"candidate {candidate_id} is confirmed and on the watch list as prisoner "
            f"{candidate['prisoner_id']}; it cannot be dismissed")
    candidate_store.set_decision(staff_db, candidate_id, status="dismissed", by=by,
                                 now=utc_now(), note=note)


def sync_confirmed(staff_db, corpus_db) -> int:
    """Add every confirmed candidate that has no watch-list row yet; return how many."""
    pending = candidate_store.confirmed_without_watch(staff_db)
    for candidate in pending:
        _watch(staff_db, corpus_db, candidate)
    return len(pending)


def _watch(staff_db, corpus_db, candidate: dict) -> None:
    """Write the person into corpus.db, then the watch-list row (the order makes a crash
    in between harmless: the next sync redoes both, and both writes are idempotent)."""
    prisoner_id = WATCH_ID_BASE + candidate["id"]
    holder = candidate_store.corpus_prisoner_origin(corpus_db, prisoner_id)
    if holder is not None and holder["origin"] != "staff":
        raise CandidateError(f"prisoner id {prisoner_id} is already used by {holder['name']!r}")
    prisoner_store.upsert_prisoners(corpus_db, [_watch_record(staff_db, candidate)], utc_now())
    candidate_store.add_to_watchlist(staff_db, prisoner_id, candidate["id"], utc_now())


def _watch_record(staff_db, candidate: dict) -> dict:
    name = candidate["name"]
    surfaces = {e["surface"] for e in candidate_store.evidence(staff_db, candidate["id"])}
    cyrillic = is_cyrillic(name)
    russian = cyrillic and detect_language(name) == "ru"
    return {"id": WATCH_ID_BASE + candidate["id"], "name": name,
            "name_ru": name if russian else None,
            "name_be": name if cyrillic and not russian else None,
            "status": WATCH_STATUS, "gender": None, "origin": "staff",
            "note": "added to the watch list by Vigil staff from a new-name candidate",
            "matchable": True, "aliases": sorted(s for s in surfaces if s != name)}


# ----------------------------------------------------------------------- reading

def list_candidates(staff_db, status: str | None = None, min_score: float | None = None,
                    limit: int = 200) -> list[dict]:
    if status is not None and status not in STATUSES:
        raise CandidateError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    return candidate_store.list_candidates(staff_db, status, min_score, limit)


def show(staff_db, candidate_id: int) -> dict:
    """The candidate with its evidence (articles, surfaces, sentences)."""
    candidate = _candidate(staff_db, candidate_id)
    candidate["evidence"] = candidate_store.evidence(staff_db, candidate_id)
    return candidate
