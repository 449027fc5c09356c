"""Helpers for crawl tests: run Scrapy's own `scrapy crawl` against the mirror."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import store
from store import articles as article_store
from store import sources as source_store

ROOT = Path(__file__).resolve().parent.parent


def scrapy_crawl(home: Path, sources_file: Path, *args: str, timeout: float = 120) -> str:
    """`scrapy crawl sources` with loopback allowed and no delays; returns the log."""
    command = [sys.executable, "-m", "scrapy", "crawl", "sources",
               "-a", f"sources_file={sources_file}",
               "-s", f"VIGIL_CORPUS_PATH={home / 'corpus.db'}",
               "-s", "VIGIL_ALLOW_PRIVATE_NETWORKS=1", "-s", "DOWNLOAD_DELAY=0",
               "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "VIGIL_WORKERS=1",
               "-s", "DOWNLOAD_TIMEOUT=30", "-s", "RETRY_TIMES=1", "-s", "LOG_LEVEL=INFO",
               *args]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stderr


def corpus(home: Path):
    return store.open_corpus(home / "corpus.db")


def stored_articles(home: Path) -> dict[str, dict]:
    db = corpus(home)
    try:
        return {row["url"]: row for row in store.rows(db, "SELECT * FROM articles")}
    finally:
        db.close()


def source_rows(home: Path) -> dict[str, dict]:
    db = corpus(home)
    try:
        return {row["id"]: row for row in source_store.list_sources(db)}
    finally:
        db.close()


def versions(home: Path, article_id: int) -> list[dict]:
    db = corpus(home)
    try:
        return article_store.article_versions(db, article_id)
    finally:
        db.close()
