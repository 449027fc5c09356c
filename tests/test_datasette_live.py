"""Live data: the real `vigil serve` reads corpus.db while another process keeps writing.

Expected: no "database is locked" on either side, every page answers, the WAL stays
bounded while both run and folds back to nothing at a checkpoint.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from datasette_fixtures import build, start_server

import store

TESTS = Path(__file__).resolve().parent
ARTICLES_WRITTEN = 3000
CHECKPOINT_EVERY = 100  # articles; readers starve SQLite's own autocheckpoint
READER_THREADS = 4
WAL_LIMIT = 32 * 1024 * 1024  # bytes; with no checkpoint it passed 90 MB here
READS = [
    "/corpus/articles.json?_search=Bialiatski&_size=50",
    "/corpus/person.json?id=964",
    "/corpus/person_mentions_by_month.json?id=964",
    "/corpus/articles_per_source_per_week.json",
    "/corpus/most_mentioned_30_days.json",
    "/corpus/articles.json?_facet=language&_facet=source_id&_size=100",
    "/corpus/mentions.json?_labels=on&_size=100",
    "/corpus/source_health.json",
]
WRITER = (
    "import json, sys; sys.path.insert(0, {tests!r});"
    "from datasette_fixtures import write_many;"
    "print(json.dumps(write_many({corpus!r}, {count}, {every})))"
)

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:  # refused, reset, timed out
        return 0, repr(error).encode()


class Readers:
    """Threads that keep reading until told to stop; they keep every failure."""

    def __init__(self, base: str) -> None:
        self.base, self.done = base, threading.Event()
        self.count, self.failures = 0, []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True)
                        for n in range(READER_THREADS)]

    def _run(self, offset: int) -> None:
        step = offset
        while not self.done.is_set():
            path = READS[step % len(READS)]
            status, body = fetch(self.base + path)
            with self.lock:
                self.count += 1
                if status != 200 or b"locked" in body:
                    self.failures.append((path, status, body[:300]))
            step += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        for thread in self.threads:
            thread.join(timeout=120)


def test_datasette_reads_while_another_process_writes(tmp_path):
    fixture = build(tmp_path / "home", with_staff=False)
    corpus, wal = str(fixture.corpus_path), Path(f"{fixture.corpus_path}-wal")
    server = start_server(fixture.home)
    base, largest_seen = server.base, 0
    try:
        with Readers(base) as readers:
            writer = subprocess.Popen(
                [sys.executable, "-c", WRITER.format(tests=str(TESTS), corpus=corpus,
                                                     count=ARTICLES_WRITTEN,
                                                     every=CHECKPOINT_EVERY)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            while writer.poll() is None:
                largest_seen = max(largest_seen, wal.stat().st_size if wal.exists() else 0)
                time.sleep(0.05)
            out, err = writer.communicate()
        assert writer.returncode == 0, err
        written = json.loads(out.strip().splitlines()[-1])
        print(f"reads: {readers.count}, largest WAL: {max(written['largest_wal'], largest_seen)}")
        assert readers.failures == []
        assert readers.count >= 50, readers.count  # readers really overlapped the writes
        assert max(written["largest_wal"], largest_seen) < WAL_LIMIT
        status, body = fetch(f"{base}/corpus/articles.json?_size=1")
        assert status == 200
        assert json.loads(body)["filtered_table_rows_count"] == len(fixture.ids) + ARTICLES_WRITTEN
        db = store.open_corpus(corpus)
        store.checkpoint(db)  # with the server still up and idle
        db.conn.close()
        assert wal.stat().st_size == 0
    finally:
        output = server.stop()
    assert "locked" not in output and "Traceback" not in output, output[-2000:]
