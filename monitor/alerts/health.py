"""Source-health alerts: one when a source starts failing or goes empty, one when it recovers.

An episode opens with a problem alert whose dedupe key holds the time it began
(``health:<source>:<state>:<start>``) and closes with ``<that key>:recovered``. While an
episode is open the same problem is not raised again, however often the daemon asks;
a recovery closes every open episode of the source, once.
"""

from __future__ import annotations

import store
from monitor.alerts.routing import recipients_for
from monitor.config import Config
from store import outbox
from store.clock import now

PROBLEMS = ("failing", "empty")
RECOVERED = "recovered"
DETAIL_LIMIT = 500


def _source_fields(source: dict) -> dict:
    return {"id": source["id"], "name": source.get("name") or source["id"],
            "url": source.get("url"), "consecutive_failures": source.get("consecutive_failures"),
            "last_success_at": source.get("last_success_at")}


def _alert(source: dict, key: str, payload: dict, urgent: bool) -> dict:
    return {"dedupe_key": key, "kind": "health", "urgent": urgent, "prisoner_id": None,
            "article_id": None, "source_id": source["id"], "payload": payload}


def enqueue_health(staff_db, cfg: Config, source: dict, state: str, detail: str) -> bool:
    """Raise a health alert for ``source`` unless this episode was already reported.

    ``state``: 'failing', 'empty' or 'recovered'. Returns True when an alert was queued.
    """
    if state not in (*PROBLEMS, RECOVERED):
        raise ValueError(f"unknown health state {state!r}")
    detail = (detail or "")[:DETAIL_LIMIT]
    urgent = bool(cfg.alerts.health_urgent)
    fields = _source_fields(source)
    with store.transaction(staff_db):
        episodes = outbox.open_health_episodes(staff_db, source["id"])
        if state == RECOVERED:
            alerts = [_alert(source, f"{ep['dedupe_key']}:{RECOVERED}",
                             {"state": RECOVERED, "problem": ep["payload"]["state"],
                              "since": ep["payload"]["since"], "until": now(),
                              "detail": detail, "source": fields}, urgent)
                      for ep in episodes]
        elif any(ep["payload"]["state"] == state for ep in episodes):
            alerts = []
        else:
            started = now()
            alerts = [_alert(source, f"health:{source['id']}:{state}:{started}",
                             {"state": state, "since": started, "detail": detail,
                              "source": fields}, urgent)]
        return outbox.add_alerts(staff_db, alerts, recipients_for) > 0
