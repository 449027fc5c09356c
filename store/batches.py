"""Email batches (one email to one recipient) and their delivery state (staff.db).

States: ready → sending → sent | retry | failed | uncertain. 'sending' is committed
before the SMTP conversation starts; staff.db runs with synchronous=FULL, so after a
crash a batch still in 'sending' may or may not have reached the server: it becomes
'uncertain' and waits for an operator instead of being sent twice.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from .clock import now
from .db import one, rows, scalar, transaction
from .errors import InvalidValue, NotFound

BATCH_STATES = ("ready", "sending", "sent", "retry", "failed", "uncertain")
# what a batch's end state means for the deliveries inside it
_DELIVERY_STATE = {"sent": "sent", "failed": "failed", "uncertain": "uncertain",
                   "retry": "batched", "ready": "batched"}


def log(conn, batch_id: int | None, event: str, detail: str | None = None,
        at: str | None = None) -> None:
    conn.execute("INSERT INTO mail_log (at, batch_id, event, detail) VALUES (?, ?, ?, ?)",
                 (at or now(), batch_id, event, detail))


def _group_pending(conn, include_digest: bool,
                   max_per_batch: int) -> list[tuple[int, str, list[int]]]:
    """(recipient, kind, delivery ids) per email to form; long queues are split."""
    cursor = conn.execute(
        "SELECT deliveries.id, deliveries.recipient_id, alerts.urgent FROM deliveries "
        "JOIN alerts ON alerts.id = deliveries.alert_id "
        "JOIN recipients ON recipients.id = deliveries.recipient_id "
        "WHERE deliveries.state = 'pending' AND recipients.active = 1 ORDER BY deliveries.id")
    groups: dict[tuple[int, str], list[int]] = {}
    for delivery_id, recipient_id, urgent in cursor.fetchall():
        # An urgent item still pending when a digest forms goes out as urgent mail all
        # the same: folded into a digest it would lose its "Urgent" subject.
        if urgent:
            groups.setdefault((recipient_id, "urgent"), []).append(delivery_id)
        elif include_digest:
            groups.setdefault((recipient_id, "digest"), []).append(delivery_id)
    return [(recipient_id, kind, ids[start:start + max_per_batch])
            for (recipient_id, kind), ids in groups.items()
            for start in range(0, len(ids), max_per_batch)]


def form_batches(db: sqlite_utils.Database, *, include_digest: bool,
                 new_message_id: Callable[[], str], digest_slot: str | None = None,
                 at: str | None = None, max_per_batch: int = 200) -> list[int]:
    """Gather pending deliveries into one batch per recipient; return the new batch ids.

    Urgent deliveries always form urgent batches; ``include_digest`` gathers the rest
    into digests too. More than
    ``max_per_batch`` (a first crawl of a busy source) are spread over several emails.
    ``digest_slot`` is recorded in the same transaction, so a slot is never formed twice.
    """
    at = at or now()
    formed = []
    with transaction(db) as conn:
        groups = _group_pending(conn, include_digest, max_per_batch)
        for recipient_id, kind, delivery_ids in groups:
            batch_id = conn.execute(
                "INSERT INTO batches (recipient_id, kind, message_id, created_at, state) "
                "VALUES (?, ?, ?, ?, 'ready')",
                (recipient_id, kind, new_message_id(), at)).lastrowid
            conn.executemany(
                "UPDATE deliveries SET batch_id = ?, state = 'batched' WHERE id = ?",
                [(batch_id, delivery_id) for delivery_id in delivery_ids])
            log(conn, batch_id, "formed", f"{kind}, {len(delivery_ids)} alert(s)", at)
            formed.append(batch_id)
        if digest_slot:
            conn.execute("INSERT OR IGNORE INTO digest_runs (slot, ran_at) VALUES (?, ?)",
                         (digest_slot, at))
    return formed


def due_batches(db: sqlite_utils.Database, at: str) -> list[dict]:
    """Batches that may be attempted now, oldest first, with their recipient."""
    return rows(
        db,
        "SELECT batches.*, recipients.email, recipients.name FROM batches "
        "JOIN recipients ON recipients.id = batches.recipient_id "
        "WHERE batches.state IN ('ready', 'retry') AND recipients.active = 1 "
        "AND (batches.next_attempt_at IS NULL OR batches.next_attempt_at <= ?) "
        "ORDER BY batches.id", (at,))


def get_batch(db: sqlite_utils.Database, batch_id: int) -> dict | None:
    return one(
        db,
        "SELECT batches.*, recipients.email, recipients.name FROM batches "
        "JOIN recipients ON recipients.id = batches.recipient_id WHERE batches.id = ?",
        (batch_id,))


def batch_alert_ids(db: sqlite_utils.Database, batch_id: int) -> list[int]:
    found = db.conn.execute(
        "SELECT alert_id FROM deliveries WHERE batch_id = ? ORDER BY alert_id", (batch_id,))
    return [row[0] for row in found.fetchall()]


def claim_batch(db: sqlite_utils.Database, batch_id: int, at: str) -> bool:
    """Mark a due batch 'sending' (committed before any byte goes out); False if taken."""
    with transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE batches SET state = 'sending', attempts = attempts + 1 "
            "WHERE id = ? AND state IN ('ready', 'retry')", (batch_id,))
        if cursor.rowcount != 1:
            return False
        log(conn, batch_id, "attempt", None, at)
    return True


def finish_batch(db: sqlite_utils.Database, batch_id: int, state: str, at: str, *,
                 error: str | None = None, next_attempt_at: str | None = None) -> None:
    """Record the outcome of an attempt on the batch, its deliveries and the mail log."""
    if state not in _DELIVERY_STATE:
        raise InvalidValue(f"a batch cannot end an attempt as {state!r}")
    with transaction(db) as conn:
        conn.execute(
            "UPDATE batches SET state = ?, last_error = ?, next_attempt_at = ?, "
            "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
            (state, error, next_attempt_at, state, at, batch_id))
        conn.execute("UPDATE deliveries SET state = ? WHERE batch_id = ?",
                     (_DELIVERY_STATE[state], batch_id))
        log(conn, batch_id, state, error, at)


def hold_sending(db: sqlite_utils.Database, reason: str, *, started_before: str | None = None,
                 at: str | None = None) -> int:
    """Turn batches left in 'sending' into 'uncertain' (all, or those begun before a time)."""
    at = at or now()
    with transaction(db) as conn:
        found = conn.execute(
            "SELECT id FROM batches WHERE state = 'sending' AND (? IS NULL OR "
            "(SELECT MAX(at) FROM mail_log WHERE batch_id = batches.id AND event = 'attempt')"
            " < ?)", (started_before, started_before)).fetchall()
        for (batch_id,) in found:
            finish_batch(db, batch_id, "uncertain", at, error=reason)
    return len(found)


def resolve_batch(db: sqlite_utils.Database, batch_id: int, decision: str) -> None:
    """An operator's word on a held batch: 'sent' (it arrived) or 'resend' (send it again)."""
    batch = get_batch(db, batch_id)
    if batch is None:
        raise NotFound(f"no batch {batch_id}")
    allowed = ("uncertain",) if decision == "sent" else ("uncertain", "failed")
    if batch["state"] not in allowed:
        raise InvalidValue(f"batch {batch_id} is {batch['state']}; "
                           f"only {' or '.join(allowed)} batches can be marked {decision}")
    with transaction(db) as conn:
        if decision == "sent":
            finish_batch(db, batch_id, "sent", now(), error=batch["last_error"])
        else:  # same Message-ID, so a copy that did arrive can be recognised as the same
            conn.execute("UPDATE batches SET attempts = 0 WHERE id = ?", (batch_id,))
            finish_batch(db, batch_id, "ready", now(), error=batch["last_error"])
        log(conn, batch_id, f"resolved {decision}", "operator decision")


def list_batches(db: sqlite_utils.Database, state: str | None = None,
                 limit: int = 200) -> list[dict]:
    where, params = ("WHERE batches.state = ?", (state,)) if state else ("", ())
    return rows(
        db,
        "SELECT batches.*, recipients.email, (SELECT COUNT(*) FROM deliveries WHERE "
        "deliveries.batch_id = batches.id) AS alerts FROM batches JOIN recipients ON "
        f"recipients.id = batches.recipient_id {where} ORDER BY batches.id DESC LIMIT ?",
        (*params, limit))


def batch_counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = dict(db.conn.execute(
        "SELECT state, COUNT(*) FROM batches GROUP BY state").fetchall())
    return {state: counts.get(state, 0) for state in BATCH_STATES}


def digest_recorded(db: sqlite_utils.Database, slot: str) -> bool:
    return scalar(db, "SELECT COUNT(*) FROM digest_runs WHERE slot = ?", (slot,)) > 0


def last_digest(db: sqlite_utils.Database) -> dict | None:
    return one(db, "SELECT slot, ran_at FROM digest_runs ORDER BY ran_at DESC, slot DESC LIMIT 1")


def mail_log(db: sqlite_utils.Database, batch_id: int | None = None) -> list[dict]:
    where, params = ("WHERE batch_id = ?", (batch_id,)) if batch_id is not None else ("", ())
    return rows(db, f"SELECT * FROM mail_log {where} ORDER BY id", params)
