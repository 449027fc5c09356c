"""Schema of staff.db, the private database: never served publicly."""

from __future__ import annotations

import sqlite_utils

from .migrate import run_script

V1 = """
CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    name_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    score REAL NOT NULL DEFAULT 0,
    languages TEXT NOT NULL DEFAULT '[]',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    article_count INTEGER NOT NULL DEFAULT 0,
    decided_at TEXT,
    decided_by TEXT,
    note TEXT,
    prisoner_id INTEGER
);
CREATE TABLE candidate_evidence (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
    article_id INTEGER NOT NULL,
    article_url TEXT,
    article_title TEXT,
    surface TEXT NOT NULL,
    sentence TEXT,
    score REAL NOT NULL DEFAULT 0,
    language TEXT,
    found_at TEXT NOT NULL,
    UNIQUE (candidate_id, article_id, surface)
);
CREATE TABLE recipients (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT '',
    UNIQUE (recipient_id, scope, value)
);
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    urgent INTEGER NOT NULL DEFAULT 0,
    prisoner_id INTEGER,
    article_id INTEGER,
    source_id TEXT,
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    recipient_id INTEGER NOT NULL REFERENCES recipients(id),
    kind TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    sent_at TEXT
);
CREATE INDEX batches_state ON batches(state, next_attempt_at);
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    recipient_id INTEGER NOT NULL REFERENCES recipients(id),
    batch_id INTEGER REFERENCES batches(id),
    state TEXT NOT NULL DEFAULT 'pending',
    UNIQUE (alert_id, recipient_id)
);
CREATE INDEX deliveries_state ON deliveries(state, recipient_id);
CREATE TABLE mail_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    batch_id INTEGER,
    event TEXT NOT NULL,
    detail TEXT
);
CREATE TABLE digest_runs (
    slot TEXT PRIMARY KEY,
    ran_at TEXT NOT NULL
);
CREATE TABLE watchlist (
    prisoner_id INTEGER PRIMARY KEY,
    candidate_id INTEGER REFERENCES candidates(id),
    added_at TEXT NOT NULL
);
"""


def _v1(db: sqlite_utils.Database) -> None:
    run_script(db, V1)


STEPS = [_v1]
