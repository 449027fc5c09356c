"""SQL for the known-prisoner list (``prisoners``) and its status history.

Records come in as PersonRecord-like objects or dicts (the store imports nothing of
monitor/); they go out as plain dicts with ``aliases`` decoded from its JSON list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from .db import one, rows, scalar, transaction

FIELDS = ("name", "name_be", "name_ru", "status", "gender", "origin", "note", "matchable",
          "aliases", "url")


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    status_changes: list[tuple[int, str | None, str | None]] = field(default_factory=list)
    unmatchable: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        return (f"{self.total} persons: {self.added} added, {self.updated} updated, "
                f"{self.unchanged} unchanged, {len(self.status_changes)} status changes, "
                f"{self.unmatchable} unmatchable (kept, never matched)")


def _get(record: Any, key: str, default: Any = None) -> Any:
    if isinstance(record, dict):
        return record.get(key, default)
    return getattr(record, key, default)


def _row(record: Any) -> dict:
    aliases = _get(record, "aliases") or []
    return {
        "id": int(_get(record, "id")),
        "name": _get(record, "name") or "",
        "name_be": _get(record, "name_be"),
        "name_ru": _get(record, "name_ru"),
        "status": _get(record, "status"),
        "gender": _get(record, "gender"),
        "origin": _get(record, "origin") or "viasna",
        "note": _get(record, "note"),
        "matchable": 1 if _get(record, "matchable", True) else 0,
        "aliases": json.dumps(list(aliases), ensure_ascii=False),
        "url": _get(record, "url"),
    }


def upsert_prisoners(db: sqlite_utils.Database, records: Iterable[Any], now: str
                     ) -> ImportReport:
    """Insert new persons, update changed ones in place, log status changes; one transaction."""
    report = ImportReport()
    with transaction(db) as conn:
        existing = {r["id"]: r for r in rows(db, "SELECT * FROM prisoners")}
        for record in records:
            row = _row(record)
            report.unmatchable += 0 if row["matchable"] else 1
            old = existing.get(row["id"])
            if old is None:
                conn.execute(
                    "INSERT INTO prisoners (id, name, name_be, name_ru, status, gender, origin,"
                    " note, matchable, aliases, url, imported_at, updated_at) VALUES (:id,"
                    " :name, :name_be, :name_ru, :status, :gender, :origin, :note, :matchable,"
                    " :aliases, :url, :now, :now)", {**row, "now": now})
                report.added += 1
                existing[row["id"]] = row
                continue
            if all(old[f] == row[f] for f in FIELDS):
                report.unchanged += 1
                continue
            conn.execute(
                "UPDATE prisoners SET name = :name, name_be = :name_be, name_ru = :name_ru,"
                " status = :status, gender = :gender, origin = :origin, note = :note,"
                " matchable = :matchable, aliases = :aliases, url = :url, updated_at = :now"
                " WHERE id = :id", {**row, "now": now})
            report.updated += 1
            if old["status"] != row["status"]:
                conn.execute(
                    "INSERT INTO prisoner_status_changes (prisoner_id, old_status, new_status,"
                    " changed_at) VALUES (?, ?, ?, ?)",
                    (row["id"], old["status"], row["status"], now))
                report.status_changes.append((row["id"], old["status"], row["status"]))
            existing[row["id"]] = row
    return report


def _decode(row: dict) -> dict:
    row["aliases"] = json.loads(row.get("aliases") or "[]")
    row["matchable"] = bool(row["matchable"])
    return row


def load_prisoner_records(db: sqlite_utils.Database) -> list[dict]:
    """Every stored person as a dict with the PersonRecord fields (plus timestamps)."""
    return [_decode(r) for r in rows(db, "SELECT * FROM prisoners ORDER BY id")]


def get_prisoner(db: sqlite_utils.Database, prisoner_id: int) -> dict | None:
    row = one(db, "SELECT * FROM prisoners WHERE id = ?", (prisoner_id,))
    return _decode(row) if row else None


def search_prisoners(db: sqlite_utils.Database, status: str | None = None,
                     search: str | None = None, limit: int = 100) -> list[dict]:
    """Persons filtered by status and by a substring of any stored name form."""
    sql = "SELECT * FROM prisoners WHERE 1 = 1"
    params: list[Any] = []
    if status:
        sql += " AND status = ?"
        params.append(status)
    if search:
        sql += (" AND (name LIKE ? OR name_be LIKE ? OR name_ru LIKE ? OR aliases LIKE ?"
                " OR CAST(id AS TEXT) = ?)")
        like = f"%{search}%"
        params += [like, like, like, like, search]
    sql += " ORDER BY name, id LIMIT ?"
    params.append(limit)
    return [_decode(r) for r in rows(db, sql, tuple(params))]


def status_history(db: sqlite_utils.Database, prisoner_id: int | None = None) -> list[dict]:
    sql = "SELECT * FROM prisoner_status_changes"
    params: tuple = ()
    if prisoner_id is not None:
        sql += " WHERE prisoner_id = ?"
        params = (prisoner_id,)
    return rows(db, sql + " ORDER BY id", params)


def prisoner_count(db: sqlite_utils.Database, matchable_only: bool = False) -> int:
    sql = "SELECT count(*) FROM prisoners" + (" WHERE matchable = 1" if matchable_only else "")
    return scalar(db, sql)
