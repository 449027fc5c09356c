"""Results of analysing an article: mentions, events, UN documents (corpus.db)."""

from __future__ import annotations

import json

import sqlite_utils

from .db import one, rows, transaction


def _clear(conn, article_id: int) -> None:
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
    conn.execute(
        "DELETE FROM un_document_persons WHERE un_document_id IN "
        "(SELECT id FROM un_documents WHERE article_id = ?)", (article_id,))
    conn.execute("DELETE FROM un_documents WHERE article_id = ?", (article_id,))


def _insert_mentions(conn, article_id: int, mentions: list[dict]) -> None:
    conn.executemany(
        'INSERT OR IGNORE INTO mentions (article_id, prisoner_id, surface, start, "end", '
        "confidence, rule, sentence, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, m["prisoner_id"], m["surface"], m["start"], m["end"], m["confidence"],
          m.get("rule"), m.get("sentence"), m.get("field") or "text") for m in mentions])


def _insert_events(conn, article_id: int, events: list[dict]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO events (article_id, prisoner_id, type, term, evidence) "
        "VALUES (?, ?, ?, ?, ?)",
        [(article_id, e["prisoner_id"], e["type"], e.get("term"), e.get("evidence"))
         for e in events])


def _insert_un_document(conn, article_id: int, doc: dict) -> None:
    cursor = conn.execute(
        "INSERT INTO un_documents (article_id, kind, symbol, number, year, country, concerning, "
        "finding, categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, doc["kind"], doc.get("symbol"), doc.get("number"), doc.get("year"),
         doc.get("country"), doc.get("concerning"), doc.get("finding"),
         json.dumps(doc.get("categories") or [])))
    conn.executemany(
        "INSERT OR IGNORE INTO un_document_persons (un_document_id, prisoner_id) VALUES (?, ?)",
        [(cursor.lastrowid, pid) for pid in doc.get("persons") or []])


def save_analysis(db: sqlite_utils.Database, article_id: int, text_hash: str | None,
                  result: dict) -> None:
    """Replace the article's analysis with ``result`` and mark it analysed at ``text_hash``."""
    with transaction(db) as conn:
        _clear(conn, article_id)
        _insert_mentions(conn, article_id, result.get("mentions") or [])
        _insert_events(conn, article_id, result.get("events") or [])
        if result.get("un_document"):
            _insert_un_document(conn, article_id, result["un_document"])
        conn.execute("UPDATE articles SET analysed_hash = ? WHERE id = ?",
                     (text_hash or "", article_id))


def articles_needing_analysis(db: sqlite_utils.Database, limit: int = 500) -> list[dict]:
    """Articles whose current text has not been analysed (new, changed, or a crash)."""
    return rows(
        db,
        "SELECT id, url, source_id, title, text, text_hash, language FROM articles "
        "WHERE analysed_hash IS NOT COALESCE(text_hash, '') ORDER BY id LIMIT ?", (limit,))


def articles_needing_alerts(db: sqlite_utils.Database, limit: int = 500) -> list[int]:
    """Analysed articles whose alerts have not been written to the outbox yet."""
    found = db.conn.execute(
        "SELECT id FROM articles WHERE analysed_hash IS NOT NULL "
        "AND alerted_hash IS NOT analysed_hash ORDER BY id LIMIT ?", (limit,))
    return [row[0] for row in found.fetchall()]


def mark_alerted(db: sqlite_utils.Database, article_id: int) -> None:
    with transaction(db) as conn:
        conn.execute("UPDATE articles SET alerted_hash = analysed_hash WHERE id = ?",
                     (article_id,))


def article_analysis(db: sqlite_utils.Database, article_id: int) -> dict:
    """Everything stored about one article, joined with names, for alerts and display."""
    article = one(
        db,
        "SELECT articles.id, articles.url, articles.title, articles.published, "
        "articles.fetched_at, articles.language, articles.text, articles.source_id, "
        "sources.name AS source_name "
        "FROM articles JOIN sources ON sources.id = articles.source_id WHERE articles.id = ?",
        (article_id,))
    mentions = rows(
        db,
        'SELECT mentions.prisoner_id, prisoners.name, prisoners.status, surface, start, "end", '
        "confidence, rule, sentence, field FROM mentions JOIN prisoners ON prisoners.id = "
        "mentions.prisoner_id WHERE article_id = ? ORDER BY start", (article_id,))
    events = rows(db, "SELECT prisoner_id, type, term, evidence FROM events "
                      "WHERE article_id = ? ORDER BY id", (article_id,))
    un_document = one(db, "SELECT * FROM un_documents WHERE article_id = ?", (article_id,))
    if un_document:
        un_document["persons"] = [r["prisoner_id"] for r in rows(
            db, "SELECT prisoner_id FROM un_document_persons WHERE un_document_id = ?",
            (un_document["id"],))]
    return {"article": article, "mentions": mentions, "events": events,
            "un_document": un_document}
