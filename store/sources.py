"""Sources, their HTTP validators, polls and health (corpus.db)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from .clock import now
from .db import one, rows, transaction

_SOURCE_COLUMNS = ("id", "name", "org", "languages", "kind", "url", "homepage",
                   "allowed_domains", "interval_minutes", "enabled", "note")


def upsert_sources(db: sqlite_utils.Database, sources: Iterable[dict]) -> int:
    """Insert or update source definitions; health columns are kept as they are."""
    count = 0
    placeholders = ", ".join(f":{c}" for c in _SOURCE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _SOURCE_COLUMNS if c != "id")
    with transaction(db) as conn:
        for source in sources:
            values = dict(source)
            for key in ("languages", "allowed_domains"):
                values[key] = json.dumps(list(values[key]))
            values["enabled"] = int(bool(values["enabled"]))
            conn.execute(
                f"INSERT INTO sources ({', '.join(_SOURCE_COLUMNS)}) VALUES ({placeholders}) "
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                {c: values.get(c) for c in _SOURCE_COLUMNS},
            )
            count += 1
    return count


def list_sources(db: sqlite_utils.Database) -> list[dict]:
    return rows(db, "SELECT * FROM sources ORDER BY id")


def get_source(db: sqlite_utils.Database, source_id: str) -> dict | None:
    return one(db, "SELECT * FROM sources WHERE id = ?", (source_id,))


def validators(db: sqlite_utils.Database, url: str) -> dict:
    """ETag / Last-Modified remembered for a feed or listing URL."""
    row = one(db, "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,))
    return row or {"etag": None, "last_modified": None}


def save_validators(db: sqlite_utils.Database, url: str, source_id: str,
                    etag: str | None, last_modified: str | None) -> None:
    with transaction(db) as conn:
        conn.execute(
            "INSERT INTO http_validators (url, source_id, etag, last_modified, checked_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, checked_at = excluded.checked_at",
            (url, source_id, etag, last_modified, now()),
        )


def start_poll(db: sqlite_utils.Database, source_id: str) -> int:
    with transaction(db) as conn:
        cursor = conn.execute(
            "INSERT INTO polls (source_id, started_at) VALUES (?, ?)", (source_id, now()))
        conn.execute("UPDATE sources SET last_poll_at = ? WHERE id = ?", (now(), source_id))
        return cursor.lastrowid


def finish_poll(db: sqlite_utils.Database, poll_id: int, source_id: str, *, outcome: str,
                entries: int | None, counts: dict, error: str | None) -> None:
    """Close a poll and update the source's health columns in one transaction."""
    finished = now()
    with transaction(db) as conn:
        conn.execute(
            "UPDATE polls SET finished_at = ?, outcome = ?, entries = ?, new = ?, updated = ?, "
            "unchanged = ?, failed = ?, error = ? WHERE id = ?",
            (finished, outcome, entries, counts.get("new", 0), counts.get("updated", 0),
             counts.get("unchanged", 0), counts.get("failed", 0), error, poll_id),
        )
        if outcome == "failed":
            conn.execute(
                "UPDATE sources SET last_error = ?, last_error_at = ?, "
                "consecutive_failures = consecutive_failures + 1, health = 'failing' "
                "WHERE id = ?", (error, finished, source_id))
        else:
            conn.execute(
                "UPDATE sources SET last_success_at = ?, consecutive_failures = 0, health = 'ok', "
                "last_entry_count = COALESCE(?, last_entry_count), "
                "peak_entry_count = MAX(COALESCE(peak_entry_count, 0), COALESCE(?, 0)) "
                "WHERE id = ?", (finished, entries, entries, source_id))


def recent_polls(db: sqlite_utils.Database, source_id: str, limit: int = 10) -> list[dict]:
    return rows(db, "SELECT * FROM polls WHERE source_id = ? ORDER BY id DESC LIMIT ?",
                (source_id, limit))


def abandon_open_polls(db: sqlite_utils.Database, reason: str) -> int:
    """Mark polls left open by a killed crawl as failed (they never finished)."""
    with transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE polls SET finished_at = ?, outcome = 'abandoned', error = ? "
            "WHERE finished_at IS NULL", (now(), reason))
        return cursor.rowcount


def log_fetch(db: sqlite_utils.Database, entries: list[dict]) -> None:
    """Append rows to the fetch log (one transaction for a batch)."""
    if not entries:
        return
    with transaction(db) as conn:
        conn.executemany(
            "INSERT INTO fetch_log (at, source_id, url, status, bytes, ms, outcome, error) "
            "VALUES (:at, :source_id, :url, :status, :bytes, :ms, :outcome, :error)",
            [{"error": None, "status": None, "bytes": None, "ms": None, **e} for e in entries],
        )


def first_success(db: sqlite_utils.Database, source_id: str) -> str | None:
    """When a poll of the source first completed, or None if none has yet."""
    return db.conn.execute(
        "SELECT MIN(finished_at) FROM polls WHERE source_id = ? AND outcome = 'ok'",
        (source_id,)).fetchone()[0]
