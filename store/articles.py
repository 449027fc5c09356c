"""Articles, their versions and URL aliases, and the crawl frontier (corpus.db).

The frontier makes discovery crash-safe: links found in a feed are committed
before the feed's validators, so a crawl killed halfway re-queues them next time
instead of losing them behind a 304.
"""

from __future__ import annotations

import sqlite_utils

from .clock import now
from .db import one, rows, scalar, transaction

ARTICLE_FIELDS = ("title", "published", "language", "author", "text", "text_hash",
                  "content_type", "extraction", "extraction_note", "entry_updated")


def record_discovery(db: sqlite_utils.Database, source_id: str, links: list[dict],
                     validator: dict | None = None) -> int:
    """Add discovered links to the frontier; then remember the listing's validators.

    ``links``: dicts with url, title, published, updated. Returns how many were new.
    """
    added = 0
    with transaction(db) as conn:
        for link in links:
            cursor = conn.execute(
                "INSERT INTO frontier (url, source_id, found_at, entry_title, entry_published, "
                "entry_updated) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                "entry_updated = excluded.entry_updated, "
                "state = CASE WHEN frontier.state = 'failed' THEN 'pending' ELSE frontier.state END, "
                "attempts = CASE WHEN frontier.state = 'failed' THEN 0 ELSE frontier.attempts END "
                "WHERE excluded.entry_updated IS NOT frontier.entry_updated",
                (link["url"], source_id, now(), link.get("title"), link.get("published"),
                 link.get("updated")),
            )
            added += cursor.rowcount
        if validator:
            conn.execute(
                "INSERT INTO http_validators (url, source_id, etag, last_modified, checked_at) "
                "VALUES (:url, :source_id, :etag, :last_modified, :at) ON CONFLICT(url) DO UPDATE "
                "SET etag = excluded.etag, last_modified = excluded.last_modified, "
                "checked_at = excluded.checked_at",
                {"source_id": source_id, "at": now(), **validator},
            )
    return added


def pending_links(db: sqlite_utils.Database, source_id: str, max_attempts: int) -> list[dict]:
    return rows(
        db,
        "SELECT url, entry_title AS title, entry_published AS published, "
        "entry_updated AS updated, attempts FROM frontier "
        "WHERE source_id = ? AND state = 'pending' AND attempts < ? ORDER BY found_at",
        (source_id, max_attempts),
    )


def mark_link_failed(db: sqlite_utils.Database, url: str, error: str, *, final: bool) -> None:
    with transaction(db) as conn:
        conn.execute(
            "UPDATE frontier SET attempts = attempts + 1, last_error = ?, "
            "state = CASE WHEN ? THEN 'failed' ELSE state END WHERE url = ?",
            (error[:500], int(final), url),
        )


def mark_link_skipped(db: sqlite_utils.Database, url: str, reason: str) -> None:
    with transaction(db) as conn:
        conn.execute("UPDATE frontier SET state = 'skipped', last_error = ? WHERE url = ?",
                     (reason[:500], url))


def known_urls(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str]]:
    """Every URL already stored (canonical and aliases) → (entry date seen, fetched at)."""
    found = db.conn.execute(
        "SELECT article_urls.url, articles.entry_updated, articles.fetched_at FROM article_urls "
        "JOIN articles ON articles.id = article_urls.article_id")
    return {url: (updated, fetched) for url, updated, fetched in found.fetchall()}


def _find_existing(conn, urls: list[str]) -> dict | None:
    for url in urls:
        row = conn.execute(
            "SELECT articles.id, articles.text_hash, articles.extraction, articles.version "
            "FROM article_urls JOIN articles ON articles.id = article_urls.article_id "
            "WHERE article_urls.url = ?", (url,)).fetchone()
        if row:
            return {"id": row[0], "text_hash": row[1], "extraction": row[2], "version": row[3]}
    return None


def _add_aliases(conn, article_id: int, urls: list[str]) -> None:
    for url in urls:
        conn.execute("INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?, ?)",
                     (url, article_id))
    for url in urls:
        conn.execute("UPDATE frontier SET state = 'done', article_id = ? WHERE url = ?",
                     (article_id, url))


def _new_version(conn, existing: dict, article: dict, at: str) -> None:
    conn.execute(
        "INSERT INTO article_versions (article_id, version, title, text, text_hash, fetched_at) "
        "SELECT id, version, title, text, text_hash, updated_at FROM articles WHERE id = ?",
        (existing["id"],))
    sets = ", ".join(f"{f} = :{f}" for f in ARTICLE_FIELDS)
    conn.execute(
        f"UPDATE articles SET {sets}, updated_at = :at, fetched_at = :at, "
        "version = version + 1 WHERE id = :id",
        {**{f: article.get(f) for f in ARTICLE_FIELDS}, "at": at, "id": existing["id"]})


def _insert(conn, article: dict, at: str) -> int:
    columns = ("url", "source_id", *ARTICLE_FIELDS)
    cursor = conn.execute(
        f"INSERT INTO articles ({', '.join(columns)}, fetched_at, updated_at) "
        f"VALUES ({', '.join(':' + c for c in columns)}, :at, :at)",
        {**{c: article.get(c) for c in columns}, "at": at})
    return cursor.lastrowid


def save_article(db: sqlite_utils.Database, article: dict) -> tuple[str, int]:
    """Store one fetched article; return (status, article id).

    status: 'new', 'updated' (text changed: the old text becomes a version),
    'unchanged', or 'duplicate' (same text already stored under another URL).
    """
    urls = list(dict.fromkeys(u for u in (article["url"], article.get("requested_url")) if u))
    at = now()
    with transaction(db) as conn:
        existing = _find_existing(conn, urls)
        if existing:
            status = _update_existing(conn, existing, article, at)
            article_id = existing["id"]
        else:
            twin = _same_text(conn, article)
            if twin is not None:
                status, article_id = "duplicate", twin
            else:
                status, article_id = "new", _insert(conn, article, at)
        _add_aliases(conn, article_id, urls)
        _remember_validators(conn, article, urls[0], at)
    return status, article_id


def _remember_validators(conn, article: dict, url: str, at: str) -> None:
    validators = article.get("validators") or {}
    if not (validators.get("etag") or validators.get("last_modified")):
        return
    conn.execute(
        "INSERT INTO http_validators (url, source_id, etag, last_modified, checked_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
        "last_modified = excluded.last_modified, checked_at = excluded.checked_at",
        (url, article["source_id"], validators.get("etag"), validators.get("last_modified"), at))


def _update_existing(conn, existing: dict, article: dict, at: str) -> str:
    if existing["text_hash"] == article.get("text_hash"):
        return "unchanged"
    if article.get("extraction") != "ok" and existing["extraction"] == "ok":
        return "unchanged"  # a failed re-extraction must not erase a good text
    _new_version(conn, existing, article, at)
    return "updated"


def _same_text(conn, article: dict) -> int | None:
    if article.get("extraction") != "ok" or not article.get("text_hash"):
        return None
    row = conn.execute("SELECT id FROM articles WHERE text_hash = ? LIMIT 1",
                       (article["text_hash"],)).fetchone()
    return row[0] if row else None


def get_article(db: sqlite_utils.Database, article_id: int) -> dict | None:
    return one(db, "SELECT * FROM articles WHERE id = ?", (article_id,))


def article_versions(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version",
                (article_id,))


def article_count(db: sqlite_utils.Database, source_id: str | None = None) -> int:
    if source_id:
        return scalar(db, "SELECT COUNT(*) FROM articles WHERE source_id = ?", (source_id,))
    return scalar(db, "SELECT COUNT(*) FROM articles")


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[dict]:
    """Full-text search: trigram index, so a stem finds inflected forms."""
    phrase = '"' + query.replace('"', '""') + '"'
    return rows(
        db,
        "SELECT articles.id, articles.url, articles.title, articles.published "
        "FROM articles_trigram JOIN articles ON articles.id = articles_trigram.rowid "
        "WHERE articles_trigram MATCH ? ORDER BY rank LIMIT ?", (phrase, limit))
