"""Alert rows for one analysed article: what happened, to whom, and what an email needs.

Every alert carries a payload that is complete on its own (names, titles, the sentence
and where the name sits in it), so an email can be written long after the article was
edited or re-analysed. Dedupe keys name the article and the person, never the text, so
re-analysing an edited article repeats nothing; a new event type is a new key.
"""

from __future__ import annotations

import re

from monitor.alerts.snippets import mark_in_sentence, sentence_around

CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
FULL_NAME_RULES = ("full-name", "alias")


def article_fields(article: dict) -> dict:
    return {"id": article["id"], "title": article.get("title"), "url": article.get("url"),
            "published": article.get("published"), "language": article.get("language"),
            "source_id": article.get("source_id"), "source_name": article.get("source_name")}


def _person(mention: dict) -> dict:
    return {"id": mention["prisoner_id"], "name": mention["name"], "status": mention["status"]}


def _strength(mention: dict) -> tuple[int, int]:
    # a full name makes the most telling quote; a promoted surname the least
    return (CONFIDENCE_RANK.get(mention["confidence"], 0),
            int(mention.get("rule") in FULL_NAME_RULES))


def _best_mentions(mentions: list[dict]) -> dict[int, dict]:
    """Per person, the strongest mention (earliest on ties); persons only seen 'low' drop out.

    The matcher already promotes a lone surname when the same text names the person in
    full, so a mention still 'low' is a surname that nothing else confirms.
    """
    best: dict[int, dict] = {}
    for mention in mentions:
        current = best.get(mention["prisoner_id"])
        if current is None or _strength(mention) > _strength(current):
            best[mention["prisoner_id"]] = mention
    return {pid: m for pid, m in best.items() if CONFIDENCE_RANK.get(m["confidence"], 0) > 0}


def _quote(text: str | None, mention: dict) -> dict:
    """The sentence holding ``mention`` and the span of the name inside it."""
    sentence = mention.get("sentence")
    if not sentence:
        sentence = sentence_around(text or "", mention["start"], mention["end"])
    span = mark_in_sentence(text or "", sentence, mention["surface"], mention["start"])
    return {"sentence": sentence, "mark": span}


def mention_alerts(analysis: dict, article: dict) -> list[dict]:
    text = analysis["article"].get("text")
    alerts = []
    for pid, mention in _best_mentions(analysis["mentions"]).items():
        payload = {"person": _person(mention), "article": article, "surface": mention["surface"],
                   "confidence": mention["confidence"], "rule": mention.get("rule"),
                   **_quote(text, mention)}
        alerts.append({"dedupe_key": f"mention:{article['id']}:{pid}", "kind": "mention",
                       "urgent": False, "prisoner_id": pid, "payload": payload})
    return alerts


def _event_quote(event: dict, mentions: list[dict], text: str | None) -> dict:
    own = [m for m in mentions if m["prisoner_id"] == event["prisoner_id"]]
    evidence = event.get("evidence")
    if evidence:
        for mention in own:
            span = mark_in_sentence(text or "", evidence, mention["surface"], mention["start"])
            if span:
                return {"sentence": evidence, "mark": span}
        return {"sentence": evidence, "mark": None}
    return _quote(text, own[0]) if own else {"sentence": None, "mark": None}


def _names(analysis: dict, known: dict[int, dict] | None) -> dict[int, dict]:
    names = dict(known or {})
    for mention in analysis["mentions"]:
        names.setdefault(mention["prisoner_id"], _person(mention))
    return names


def event_alerts(analysis: dict, article: dict, urgent_types: list[str],
                 names: dict[int, dict]) -> list[dict]:
    text = analysis["article"].get("text")
    alerts = []
    for event in analysis["events"]:
        pid = event["prisoner_id"]
        person = names.get(pid) or {"id": pid, "name": f"person #{pid}", "status": None}
        payload = {"person": person, "article": article,
                   "event": {"type": event["type"], "term": event.get("term")},
                   **_event_quote(event, analysis["mentions"], text)}
        urgent = event["type"] in urgent_types and not is_recap(
            event.get("evidence") or "", article.get("published"))
        alerts.append({"dedupe_key": f"event:{article['id']}:{pid}:{event['type']}",
                       "kind": "event", "urgent": urgent, "prisoner_id": pid,
                       "payload": payload})
    return alerts


# "Recall that …", "Напомним …", "Нагадаем …": background, not news.
_RECAP = re.compile(r"^\W*(?:recall that|as a reminder|earlier|previously|напомним|напомню|"
                    r"ранее|нагадаем|нагадаю|раней|napomnim|nahadajem)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def is_recap(evidence: str, published: str | None) -> bool:
    """An event told as background — introduced as a reminder, or dated in a year before
    the article's — is digest material: it is not news of a new sentence or release."""
    if _RECAP.search(evidence):
        return True
    years = [int(y) for y in _YEAR.findall(evidence)]
    return bool(published and years and max(years) < int(published[:4]))


def un_document_alert(analysis: dict, article: dict, names: dict[int, dict]) -> list[dict]:
    doc = analysis.get("un_document")
    if not doc:
        return []
    persons = [names.get(pid) or {"id": pid, "name": f"person #{pid}", "status": None}
               for pid in doc.get("persons") or []]
    fields = ("kind", "symbol", "number", "year", "country", "concerning", "finding")
    payload = {"article": article, "persons": persons,
               "un_document": {key: doc.get(key) for key in fields}}
    return [{"dedupe_key": f"un_document:{article['id']}", "kind": "un_document",
             "urgent": bool(persons), "prisoner_id": persons[0]["id"] if persons else None,
             "payload": payload}]


def candidate_alerts(evidence: list[dict], article: dict, threshold: float) -> list[dict]:
    best: dict[int, dict] = {}
    for row in evidence:
        current = best.get(row["candidate_id"])
        if current is None or (row["score"] or 0) > (current["score"] or 0):
            best[row["candidate_id"]] = row
    alerts = []
    for cid, row in best.items():
        score = max(row["score"] or 0, row["candidate_score"] or 0)
        sentence = row.get("sentence")
        payload = {"candidate": {"id": cid, "name": row["name"], "score": round(score, 3),
                                 "articles": row.get("article_count")},
                   "article": article, "surface": row["surface"], "sentence": sentence,
                   "mark": mark_in_sentence("", sentence, row["surface"], None)}
        alerts.append({"dedupe_key": f"candidate:{article['id']}:{cid}", "kind": "candidate",
                       "urgent": score >= threshold, "prisoner_id": None, "payload": payload})
    return alerts


def article_alerts(analysis: dict, evidence: list[dict], *, urgent_events: list[str],
                   candidate_urgent_score: float,
                   known_persons: dict[int, dict] | None = None) -> list[dict]:
    """All alerts one article gives rise to, each with its source and article id set."""
    article = article_fields(analysis["article"])
    names = _names(analysis, known_persons)
    alerts = (mention_alerts(analysis, article)
              + event_alerts(analysis, article, urgent_events, names)
              + un_document_alert(analysis, article, names)
              + candidate_alerts(evidence, article, candidate_urgent_score))
    for alert in alerts:
        alert["article_id"] = article["id"]
        alert["source_id"] = article["source_id"]
    return alerts
