"""The alert outbox in staff.db: alerts, their deliveries to recipients, health episodes.

An alert is written once (its ``dedupe_key`` is unique) together with one delivery
per recipient it concerns, in one transaction: a crash leaves either both or neither.
Batches (the emails) are in ``store.batches``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlite_utils

from .clock import now
from .db import rows, scalar, transaction
from .recipients import subscriptions_by_recipient

# (alert, {recipient id: [(scope, value), ...]}) -> recipient ids that should get it
Router = Callable[[dict, dict[int, list[tuple]]], list[int]]

DELIVERY_STATES = ("pending", "batched", "sent", "failed", "uncertain")


def add_alerts(db: sqlite_utils.Database, alerts: list[dict], route: Router) -> int:
    """Insert alerts not seen before and their deliveries; return how many were new.

    ``alerts``: dicts with dedupe_key, kind, urgent, prisoner_id, article_id, source_id
    and payload (a dict). Joins the caller's transaction when there is one.
    """
    added = 0
    with transaction(db) as conn:
        subscriptions = subscriptions_by_recipient(conn)
        at = now()
        for alert in alerts:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO alerts (dedupe_key, kind, urgent, prisoner_id, "
                "article_id, source_id, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (alert["dedupe_key"], alert["kind"], int(bool(alert["urgent"])),
                 alert.get("prisoner_id"), alert.get("article_id"), alert.get("source_id"), at,
                 json.dumps(alert["payload"], ensure_ascii=False, sort_keys=True)))
            if cursor.rowcount != 1:
                continue  # seen before: its deliveries were written with it
            added += 1
            conn.executemany(
                "INSERT OR IGNORE INTO deliveries (alert_id, recipient_id, state) "
                "VALUES (?, ?, 'pending')",
                [(cursor.lastrowid, rid) for rid in route(alert, subscriptions)])
    return added


def candidate_evidence_for_article(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """Evidence rows of still-undecided ('new') candidates found in one article."""
    return rows(
        db,
        "SELECT candidate_evidence.candidate_id, candidates.name, candidates.score AS "
        "candidate_score, candidates.article_count, candidate_evidence.surface, "
        "candidate_evidence.sentence, candidate_evidence.score, candidate_evidence.language "
        "FROM candidate_evidence JOIN candidates ON candidates.id = "
        "candidate_evidence.candidate_id WHERE candidate_evidence.article_id = ? "
        "AND candidates.status = 'new' ORDER BY candidate_evidence.id", (article_id,))


def open_health_episodes(db: sqlite_utils.Database, source_id: str) -> list[dict]:
    """Problem alerts of a source that no recovery notice has closed yet."""
    return _decode(rows(
        db,
        "SELECT dedupe_key, created_at, payload FROM alerts AS problem WHERE kind = 'health' "
        "AND source_id = ? AND json_extract(payload, '$.state') != 'recovered' "
        "AND NOT EXISTS (SELECT 1 FROM alerts AS closing "
        "WHERE closing.dedupe_key = problem.dedupe_key || ':recovered') ORDER BY id",
        (source_id,)))


def _decode(found: list[dict]) -> list[dict]:
    for row in found:
        row["payload"] = json.loads(row["payload"])
    return found


def alerts_by_id(db: sqlite_utils.Database, alert_ids: list[int]) -> list[dict]:
    marks = ", ".join("?" for _ in alert_ids)
    return _decode(rows(db, f"SELECT * FROM alerts WHERE id IN ({marks}) ORDER BY id",
                        tuple(alert_ids))) if alert_ids else []


def pending_alerts(db: sqlite_utils.Database, recipient_id: int | None = None) -> list[dict]:
    """Alerts still waiting for a batch (for everyone, or for one recipient)."""
    where, params = "", ()
    if recipient_id is not None:
        where, params = "AND deliveries.recipient_id = ?", (recipient_id,)
    return _decode(rows(
        db,
        "SELECT * FROM alerts WHERE id IN (SELECT alert_id FROM deliveries "
        f"WHERE state = 'pending' {where}) ORDER BY id", params))


def list_alerts(db: sqlite_utils.Database, state: str | None = None,
                limit: int = 200) -> list[dict]:
    """Newest alerts first, each with counts of its deliveries by state."""
    where, params = "", ()
    if state == "none":
        where = "WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE alert_id = alerts.id)"
    elif state:
        where = ("WHERE EXISTS (SELECT 1 FROM deliveries WHERE alert_id = alerts.id "
                 "AND deliveries.state = ?)")
        params = (state,)
    found = _decode(rows(db, f"SELECT * FROM alerts {where} ORDER BY id DESC LIMIT ?",
                         (*params, limit)))
    for alert in found:
        alert["deliveries"] = dict(db.conn.execute(
            "SELECT state, COUNT(*) FROM deliveries WHERE alert_id = ? GROUP BY state",
            (alert["id"],)).fetchall())
    return found


def delivery_counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = dict(db.conn.execute(
        "SELECT state, COUNT(*) FROM deliveries GROUP BY state").fetchall())
    return {state: counts.get(state, 0) for state in DELIVERY_STATES}


def alert_count(db: sqlite_utils.Database) -> int:
    return scalar(db, "SELECT COUNT(*) FROM alerts")
