"""Alert recipients and their subscriptions (staff.db, private).

A subscription row is one filter: scope 'all' (no filter), 'person' (a prisoner id),
'source' (a source id), 'kind' (an alert kind) or 'urgent' (urgent alerts only).
How the filters combine is decided in ``monitor.alerts.routing``; this module only
stores them.
"""

from __future__ import annotations

import sqlite_utils

from .clock import now
from .db import one, rows, transaction
from .errors import InvalidValue, NotFound

SCOPES = ("all", "person", "source", "kind", "urgent")


def add_recipient(db: sqlite_utils.Database, email: str, name: str | None,
                  filters: list[tuple[str, str]]) -> int:
    """Create a recipient with its filters; raise InvalidValue if the address exists."""
    for scope, _ in filters:
        if scope not in SCOPES:
            raise InvalidValue(f"unknown subscription scope {scope!r}")
    with transaction(db) as conn:
        if _find_id(conn, email) is not None:
            raise InvalidValue(f"recipient {email} already exists")
        cursor = conn.execute(
            "INSERT INTO recipients (email, name, active, created_at) VALUES (?, ?, 1, ?)",
            (email, name, now()))
        recipient_id = cursor.lastrowid
        conn.executemany(
            "INSERT OR IGNORE INTO subscriptions (recipient_id, scope, value) VALUES (?, ?, ?)",
            [(recipient_id, scope, value) for scope, value in filters])
    return recipient_id


def _find_id(conn, email: str) -> int | None:
    row = conn.execute("SELECT id FROM recipients WHERE lower(email) = lower(?)",
                       (email,)).fetchone()
    return row[0] if row else None


def remove_recipient(db: sqlite_utils.Database, email: str) -> int:
    """Delete a recipient, its subscriptions and its mail queue; return its former id.

    The address is personal data: nothing that names it is kept. Batches already sent
    go too (the mail log keeps only batch numbers).
    """
    with transaction(db) as conn:
        recipient_id = _find_id(conn, email)
        if recipient_id is None:
            raise NotFound(f"no recipient {email}")
        conn.execute("DELETE FROM deliveries WHERE recipient_id = ?", (recipient_id,))
        conn.execute("DELETE FROM batches WHERE recipient_id = ?", (recipient_id,))
        conn.execute("DELETE FROM subscriptions WHERE recipient_id = ?", (recipient_id,))
        conn.execute("DELETE FROM recipients WHERE id = ?", (recipient_id,))
    return recipient_id


def get_recipient(db: sqlite_utils.Database, email: str) -> dict | None:
    return one(db, "SELECT * FROM recipients WHERE lower(email) = lower(?)", (email,))


def recipient_by_id(db: sqlite_utils.Database, recipient_id: int) -> dict | None:
    return one(db, "SELECT * FROM recipients WHERE id = ?", (recipient_id,))


def list_recipients(db: sqlite_utils.Database) -> list[dict]:
    """Every recipient with its filters as a list of (scope, value) pairs."""
    found = rows(db, "SELECT * FROM recipients ORDER BY email")
    filters = subscriptions_by_recipient(db.conn, active_only=False)
    for recipient in found:
        recipient["filters"] = filters.get(recipient["id"], [])
    return found


def subscriptions_by_recipient(conn, *, active_only: bool = True) -> dict[int, list[tuple]]:
    """recipient id → its (scope, value) filters; usable inside a caller's transaction.

    Active recipients without any row are included with an empty list (they get all).
    """
    where = "WHERE recipients.active = 1" if active_only else ""
    cursor = conn.execute(
        "SELECT recipients.id, subscriptions.scope, subscriptions.value FROM recipients "
        f"LEFT JOIN subscriptions ON subscriptions.recipient_id = recipients.id {where} "
        "ORDER BY recipients.id, subscriptions.scope, subscriptions.value")
    result: dict[int, list[tuple]] = {}
    for recipient_id, scope, value in cursor.fetchall():
        filters = result.setdefault(recipient_id, [])
        if scope is not None:
            filters.append((scope, value))
    return result
