"""SQL for new-name candidates, their evidence and the watch list (staff.db, private).

Candidate names never leave staff.db until staff confirm one; then ``monitor.candidates``
writes the person into corpus.db's ``prisoners`` through ``store.prisoners``.
"""

from __future__ import annotations

import json

import sqlite_utils

from .db import one, rows, scalar, transaction

CANDIDATE_COLUMNS = ("id, name_key, name, status, score, languages, first_seen, last_seen, "
                     "article_count, decided_at, decided_by, note, prisoner_id")


def _decode(row: dict | None) -> dict | None:
    if row is not None:
        row["languages"] = json.loads(row.get("languages") or "[]")
    return row


def ensure_candidate(db: sqlite_utils.Database, name_key: str, name: str, now: str) -> int:
    """The id of the candidate with ``name_key``, created (status 'new') if missing."""
    with transaction(db) as conn:
        conn.execute(
            "INSERT INTO candidates (name_key, name, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name_key) DO NOTHING", (name_key, name, now, now))
        return scalar(db, "SELECT id FROM candidates WHERE name_key = ?", (name_key,))


def add_evidence(db: sqlite_utils.Database, candidate_id: int, evidence: list[dict],
                 now: str) -> int:
    """Insert evidence rows; ones already present (candidate, article, surface) are kept."""
    with transaction(db) as conn:
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO candidate_evidence (candidate_id, article_id, article_url, "
            "article_title, surface, sentence, score, language, found_at) VALUES "
            "(:candidate_id, :article_id, :article_url, :article_title, :surface, :sentence, "
            ":score, :language, :now)",
            [{**e, "candidate_id": candidate_id, "now": now} for e in evidence])
        return conn.total_changes - before


def evidence(db: sqlite_utils.Database, candidate_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM candidate_evidence WHERE candidate_id = ? ORDER BY id",
                (candidate_id,))


def update_summary(db: sqlite_utils.Database, candidate_id: int, *, name: str, score: float,
                   languages: list[str], article_count: int, last_seen: str) -> None:
    with transaction(db) as conn:
        conn.execute(
            "UPDATE candidates SET name = ?, score = ?, languages = ?, article_count = ?, "
            "last_seen = MAX(last_seen, ?) WHERE id = ?",
            (name, score, json.dumps(languages, ensure_ascii=False), article_count, last_seen,
             candidate_id))


def get_candidate(db: sqlite_utils.Database, candidate_id: int) -> dict | None:
    return _decode(one(db, f"SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id = ?",
                       (candidate_id,)))


def list_candidates(db: sqlite_utils.Database, status: str | None = None,
                    min_score: float | None = None, limit: int = 200) -> list[dict]:
    """Candidates, best first; optionally of one status and at least ``min_score``."""
    found = rows(
        db,
        f"SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE (:status IS NULL OR status = :status)"
        " AND score >= COALESCE(:min_score, 0) ORDER BY score DESC, last_seen DESC LIMIT :limit",
        {"status": status, "min_score": min_score, "limit": limit})
    return [_decode(r) for r in found]


def set_decision(db: sqlite_utils.Database, candidate_id: int, *, status: str, by: str | None,
                 now: str, note: str | None = None, prisoner_id: int | None = None) -> None:
    with transaction(db) as conn:
        conn.execute(
            "UPDATE candidates SET status = ?, decided_by = COALESCE(?, decided_by), "
            "decided_at = ?, note = COALESCE(?, note), prisoner_id = COALESCE(?, prisoner_id) "
            "WHERE id = ?", (status, by, now, note, prisoner_id, candidate_id))


def confirmed_without_watch(db: sqlite_utils.Database) -> list[dict]:
    """Confirmed candidates with no watch-list row yet (e.g. confirmed through Datasette)."""
    found = rows(
        db,
        f"SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE status = 'confirmed' AND NOT EXISTS "
        "(SELECT 1 FROM watchlist WHERE watchlist.candidate_id = candidates.id) ORDER BY id")
    return [_decode(r) for r in found]


def add_to_watchlist(db: sqlite_utils.Database, prisoner_id: int, candidate_id: int,
                     now: str) -> None:
    with transaction(db) as conn:
        conn.execute(
            "INSERT INTO watchlist (prisoner_id, candidate_id, added_at) VALUES (?, ?, ?) "
            "ON CONFLICT(prisoner_id) DO NOTHING", (prisoner_id, candidate_id, now))
        conn.execute(
            "UPDATE candidates SET prisoner_id = ?, decided_at = COALESCE(decided_at, ?) "
            "WHERE id = ?", (prisoner_id, now, candidate_id))


def watchlist(db: sqlite_utils.Database) -> list[dict]:
    return rows(db, "SELECT prisoner_id, candidate_id, added_at FROM watchlist ORDER BY added_at")


def corpus_prisoner_origin(corpus_db: sqlite_utils.Database, prisoner_id: int) -> dict | None:
    """Who holds a prisoner id in corpus.db (to refuse overwriting a listed person)."""
    return one(corpus_db, "SELECT id, name, origin FROM prisoners WHERE id = ?", (prisoner_id,))
