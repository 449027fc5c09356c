"""Schema of corpus.db, the public database Datasette publishes."""

from __future__ import annotations

import sqlite_utils

from .migrate import run_script

V1 = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    org TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    homepage TEXT,
    allowed_domains TEXT NOT NULL DEFAULT '[]',
    interval_minutes INTEGER NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    note TEXT,
    last_poll_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_entry_count INTEGER,
    peak_entry_count INTEGER,
    health TEXT NOT NULL DEFAULT 'unknown'
);
CREATE TABLE http_validators (
    url TEXT PRIMARY KEY,
    source_id TEXT REFERENCES sources(id),
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT
);
CREATE TABLE frontier (
    url TEXT PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id),
    found_at TEXT NOT NULL,
    entry_title TEXT,
    entry_published TEXT,
    entry_updated TEXT,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    article_id INTEGER
);
CREATE INDEX frontier_pending ON frontier(source_id, state);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    title TEXT,
    published TEXT,
    fetched_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    language TEXT,
    author TEXT,
    text TEXT,
    text_hash TEXT,
    content_type TEXT NOT NULL DEFAULT 'html',
    extraction TEXT NOT NULL DEFAULT 'ok',
    extraction_note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    entry_updated TEXT,
    analysed_hash TEXT,
    alerted_hash TEXT
);
CREATE INDEX articles_source_published ON articles(source_id, published);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_pending_analysis ON articles(analysed_hash, text_hash);
CREATE TABLE article_urls (
    url TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id)
);
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    title TEXT,
    text TEXT,
    text_hash TEXT,
    fetched_at TEXT NOT NULL,
    UNIQUE (article_id, version)
);
CREATE TABLE fetch_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    source_id TEXT,
    url TEXT NOT NULL,
    status INTEGER,
    bytes INTEGER,
    ms INTEGER,
    outcome TEXT NOT NULL,
    error TEXT
);
CREATE INDEX fetch_log_source_at ON fetch_log(source_id, at);
CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    entries INTEGER,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX polls_source_started ON polls(source_id, started_at);
CREATE TABLE prisoners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    name_be TEXT,
    name_ru TEXT,
    status TEXT,
    gender TEXT,
    origin TEXT NOT NULL DEFAULT 'viasna',
    note TEXT,
    matchable INTEGER NOT NULL DEFAULT 1,
    aliases TEXT NOT NULL DEFAULT '[]',
    url TEXT,
    imported_at TEXT,
    updated_at TEXT
);
CREATE TABLE prisoner_status_changes (
    id INTEGER PRIMARY KEY,
    prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
    old_status TEXT,
    new_status TEXT,
    changed_at TEXT NOT NULL
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
    surface TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence TEXT NOT NULL,
    rule TEXT,
    sentence TEXT,
    field TEXT NOT NULL DEFAULT 'text',
    UNIQUE (article_id, prisoner_id, field, start)
);
CREATE INDEX mentions_prisoner ON mentions(prisoner_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
    type TEXT NOT NULL,
    term TEXT,
    evidence TEXT,
    UNIQUE (article_id, prisoner_id, type)
);
CREATE INDEX events_prisoner ON events(prisoner_id);
CREATE TABLE un_documents (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id),
    kind TEXT NOT NULL,
    symbol TEXT,
    number TEXT,
    year INTEGER,
    country TEXT,
    concerning TEXT,
    finding TEXT,
    categories TEXT
);
CREATE TABLE un_document_persons (
    un_document_id INTEGER NOT NULL REFERENCES un_documents(id),
    prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
    PRIMARY KEY (un_document_id, prisoner_id)
);
"""

# The word index ranks whole words; the trigram index finds inflected forms from a
# stem (a search for Кашпул finds Кашпуля and Кашпулю).
FTS_INDEXES = {
    "articles_fts": "unicode61 remove_diacritics 2",
    "articles_trigram": "trigram",
}


def _fts_sql(name: str, tokenizer: str) -> str:
    return f"""
CREATE VIRTUAL TABLE {name} USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='{tokenizer}'
);
CREATE TRIGGER {name}_ai AFTER INSERT ON articles BEGIN
    INSERT INTO {name}(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER {name}_ad AFTER DELETE ON articles BEGIN
    INSERT INTO {name}({name}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER {name}_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO {name}({name}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO {name}(rowid, title, text) VALUES (new.id, new.title, new.text);
END
"""


def _v1(db: sqlite_utils.Database) -> None:
    run_script(db, V1)
    for name, tokenizer in FTS_INDEXES.items():
        run_script(db, _fts_sql(name, tokenizer))


def _v2_articles_by_date(db: sqlite_utils.Database) -> None:
    # Datasette lists articles newest first; without this every page sorts the whole table.
    db.conn.execute("CREATE INDEX IF NOT EXISTS articles_published ON articles(published)")


STEPS = [_v1, _v2_articles_by_date]
