"""SQLite storage for Vigil: every SQL statement in the project lives in this package.

corpus.db is public (Datasette publishes it); staff.db is private (candidates,
alerts, recipients). See DESIGN.md §2 for why they are two files.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from . import corpus_schema, staff_schema
from .db import checkpoint, connect, integrity_ok, one, rows, scalar, table_count, transaction
from .errors import InvalidValue, NotFound, SchemaTooNew, StoreError
from .migrate import apply

__all__ = [
    "InvalidValue", "NotFound", "SchemaTooNew", "StoreError", "checkpoint", "connect",
    "integrity_ok", "one", "open_corpus", "open_staff", "rows", "scalar", "table_count",
    "transaction",
]


def open_corpus(path: str | Path) -> sqlite_utils.Database:
    """Open (creating or migrating) the public corpus database."""
    db = connect(path, synchronous="NORMAL")
    apply(db, corpus_schema.STEPS)
    return db


def open_staff(path: str | Path) -> sqlite_utils.Database:
    """Open the private staff database; FULL sync so a 'sent' mark survives power loss."""
    db = connect(path, synchronous="FULL")
    apply(db, staff_schema.STEPS)
    return db
