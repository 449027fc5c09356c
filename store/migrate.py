"""Schema versions kept in ``PRAGMA user_version``; each step runs once, in order."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

import sqlite_utils

from .db import transaction
from .errors import SchemaTooNew

Step = Callable[[sqlite_utils.Database], None]


def apply(db: sqlite_utils.Database, steps: Sequence[Step]) -> int:
    """Bring ``db`` up to ``len(steps)``; return the version reached."""
    current = db.conn.execute("PRAGMA user_version").fetchone()[0]
    if current > len(steps):
        raise SchemaTooNew(
            f"database schema version {current} is newer than this Vigil knows ({len(steps)})"
        )
    for version, step in enumerate(steps[current:], start=current + 1):
        with transaction(db):
            step(db)
            db.conn.execute(f"PRAGMA user_version = {version}")
    return len(steps)


def run_script(db: sqlite_utils.Database, sql: str) -> None:
    """Execute several statements inside the caller's transaction.

    ``executescript`` would commit first, so statements are split here, using
    SQLite's own notion of a complete statement (trigger bodies hold semicolons).
    """
    sql = sql.strip()
    if not sql.endswith(";"):
        sql += ";"
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" ;\n"):
                db.conn.execute(buffer)
            buffer = ""
