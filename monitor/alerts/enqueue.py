"""Write an analysed article's alerts, and source-health alerts, to the staff outbox.

Called by ``monitor.ingest`` after the analysis is committed to corpus.db and the new-name
candidates to staff.db. Alerts and their deliveries are written in one staff.db
transaction under unique dedupe keys, so calling this again (a retry after a crash, a
re-analysis of an edited article) adds only what is really new.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.alerts import build
from monitor.alerts.health import enqueue_health
from monitor.alerts.routing import recipients_for
from monitor.config import Config
from store import analysis as analysis_store
from store import outbox
from store import prisoners as prisoner_store
from store import sources as source_store

__all__ = ["enqueue_for_article", "enqueue_health"]


def _un_persons(corpus_db, analysis: dict) -> dict[int, dict]:
    """Names of the persons a UN document concerns that the text itself did not name."""
    doc = analysis.get("un_document") or {}
    named = {m["prisoner_id"] for m in analysis["mentions"]}
    known = {}
    for pid in doc.get("persons") or []:
        if pid in named:
            continue
        row = prisoner_store.get_prisoner(corpus_db, pid)
        if row:
            known[pid] = {"id": pid, "name": row["name"], "status": row["status"]}
    return known


def is_past_news(corpus_db, cfg: Config, article: dict) -> bool:
    """Nothing found in a source's first poll (its back catalogue) or published more than
    ``urgent_max_age_days`` ago is urgent: staff get it in the digest instead of a flood
    of 'urgent' emails about old news when a source is added."""
    first = source_store.first_success(corpus_db, article["source_id"])
    if first is None or (article.get("fetched_at") or "") <= first:
        return True
    limit = cfg.alerts.urgent_max_age_days
    published = (article.get("published") or "")[:10]
    if not limit or not published:
        return False
    return published < (datetime.now(UTC) - timedelta(days=limit)).date().isoformat()


def enqueue_for_article(corpus_db, staff_db, cfg: Config, article_id: int) -> int:
    """Queue the alerts ``article_id`` gives rise to; return how many were new."""
    analysis = analysis_store.article_analysis(corpus_db, article_id)
    if analysis["article"] is None:
        return 0
    evidence = outbox.candidate_evidence_for_article(staff_db, article_id)
    alerts = build.article_alerts(
        analysis, evidence, urgent_events=list(cfg.alerts.urgent_events),
        candidate_urgent_score=cfg.alerts.candidate_urgent_score,
        known_persons=_un_persons(corpus_db, analysis))
    if is_past_news(corpus_db, cfg, analysis["article"]):
        for alert in alerts:
            alert["urgent"] = False
    return outbox.add_alerts(staff_db, alerts, recipients_for)
