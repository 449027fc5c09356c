"""Opening SQLite files the way every Vigil writer and reader needs them.

All connections run in autocommit mode (``isolation_level=None``) so that the
store decides where transactions begin and end. Writers use ``transaction()``,
which starts with ``BEGIN IMMEDIATE``: a deferred transaction that later tries
to write fails at once with "database is locked", whatever busy_timeout says.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 30_000



def connect(path: str | Path, *, synchronous: str = "NORMAL", readonly: bool = False) -> sqlite_utils.Database:
    """Open ``path`` in WAL mode with a busy timeout; create parent folders."""
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
    conn.execute("PRAGMA foreign_keys = ON")
    return sqlite_utils.Database(conn)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """One write transaction, begun IMMEDIATE; nested calls join the outer one."""
    conn = db.conn
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def rows(db: sqlite_utils.Database, sql: str, params: tuple | dict = ()) -> list[dict]:
    """Run a read query and return plain dicts."""
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def one(db: sqlite_utils.Database, sql: str, params: tuple | dict = ()) -> dict | None:
    found = rows(db, sql, params)
    return found[0] if found else None


def scalar(db: sqlite_utils.Database, sql: str, params: tuple | dict = ()):
    row = db.conn.execute(sql, params).fetchone()
    return row[0] if row else None


def checkpoint(db: sqlite_utils.Database) -> None:
    """Fold the WAL back into the main file so it does not grow without bound."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def integrity_ok(db: sqlite_utils.Database) -> bool:
    return scalar(db, "PRAGMA integrity_check") == "ok"


def table_count(db: sqlite_utils.Database, table: str) -> int:
    """Rows in ``table`` (a name checked against the schema, never raw input in SQL)."""
    if table not in db.table_names():
        raise ValueError(f"no table {table!r}")
    return scalar(db, f'SELECT COUNT(*) FROM "{table}"')
