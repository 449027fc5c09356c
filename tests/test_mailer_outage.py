"""The SMTP server down for a while, then back, under the running daemon (`vigil run`).

A source that fails raises an urgent health alert for two recipients while nothing
listens on the SMTP port. Expected: the daemon keeps trying with a doubling backoff (at
most one attempt per mail run, never one per second per batch: no retry storm), every
alert is delivered exactly once when the server is back, and nothing is tried again
after that. (4xx vs 5xx, a timeout after DATA and a crash between the server's OK and
the database mark are covered in test_mailer_faults.py.)
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime

import pytest
from alerts_kit import SmtpServer
from conftest import run_vigil
from daemon_kit import start_daemon, stop, wait_for

import store
from mirror import FaultServer

pytestmark = pytest.mark.slow

RECIPIENTS = ["desk@vigil.example", "duty@vigil.example"]
RETRY_BASE, RETRY_MAX = 2, 6  # seconds
OUTAGE = 7  # seconds the server stays down after the first failed attempt


def _config(sources, smtp_port: int) -> str:
    return "\n".join([
        "[crawl]", f'sources = "{sources}"', "download_delay = 0",
        "allow_private_networks = true", "workers = 1", "timeout = 3", "retries = 0",
        "[smtp]", 'host = "127.0.0.1"', f"port = {smtp_port}", 'from = "vigil@vigil.example"',
        "timeout = 3",
        "[alerts]", "digest_times = []", 'timezone = "UTC"', "health_failures = 1",
        "health_urgent = true", f"retry_base = {RETRY_BASE}", f"retry_max = {RETRY_MAX}",
        "[daemon]", "poll_every = 3600", "mail_interval = 1", "jitter = 0", ""])


def staff(home, sql: str) -> list[dict]:
    db = store.connect(home / "staff.db")
    try:
        return store.rows(db, sql)
    finally:
        db.close()


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


@pytest.fixture(scope="module")
def outage(tmp_path_factory):
    home = tmp_path_factory.mktemp("smtp-outage")
    smtp = SmtpServer()  # not started: nothing listens on its port yet
    with FaultServer() as faults:
        sources = home / "sources.toml"
        sources.write_text(
            '[[source]]\nid = "broken"\nname = "Broken feed"\norg = "ngo"\n'
            f'languages = ["en"]\nkind = "feed"\nurl = "{faults.url("/feed/empty")}"\n'
            'allowed_domains = ["127.0.0.1"]\ninterval_minutes = 30\n')
        (home / "vigil.toml").write_text(_config(sources, smtp.port))
        run_vigil(home, "init")
        for address in RECIPIENTS:
            run_vigil(home, "recipients", "add", address)
        daemon = start_daemon(home, home / "daemon.log")
        try:
            wait_for(lambda: staff(home, "SELECT 1 FROM batches WHERE state = 'retry'"), 60,
                     "a first failed attempt")
            time.sleep(OUTAGE)
            down = staff(home, "SELECT * FROM mail_log ORDER BY id")
            smtp.start()
            back = time.monotonic()
            wait_for(lambda: len(staff(home, "SELECT 1 FROM batches WHERE state = 'sent'"))
                     == len(RECIPIENTS), 30, "every batch to be sent")
            delivered_after = time.monotonic() - back
            time.sleep(3)  # mail runs keep going: nothing more may be tried
        finally:
            stop(daemon)
            smtp.stop()
    yield home, smtp, down, delivered_after


def test_attempts_back_off_while_the_server_is_down(outage):
    home, _, down, _ = outage
    attempts = [row for row in down if row["event"] == "attempt"]
    by_batch: dict[int, list[float]] = {}
    for row in attempts:
        by_batch.setdefault(row["batch_id"], []).append(_seconds(row["at"]))
    assert set(by_batch) and len(by_batch) == len(RECIPIENTS)
    for batch_id, times in by_batch.items():
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        wanted = [min(RETRY_BASE * 2 ** n, RETRY_MAX) for n in range(len(gaps))]
        # a mail run every second: a retry comes at most a second after it is due
        assert all(g >= w - 1 for g, w in zip(gaps, wanted, strict=True)), (batch_id, gaps)
    # with no backoff every mail run (one a second) would try again: OUTAGE or more;
    # with it, each batch is tried at 0, 2 and 6 s
    assert len(attempts) <= len(RECIPIENTS) * 3 < OUTAGE, len(attempts)
    assert all(row["event"] in ("formed", "attempt", "retry") for row in down)


def test_everything_is_delivered_once_when_the_server_is_back(outage):
    home, smtp, _, delivered_after = outage
    received = smtp.sink.received
    assert sorted(m["rcpt_tos"][0] for m in received) == sorted(RECIPIENTS)
    batches = staff(home, "SELECT * FROM batches")
    assert len(batches) == len(RECIPIENTS) and {b["state"] for b in batches} == {"sent"}
    ids = Counter(m["Message-ID"] for m in smtp.sink.messages())
    assert set(ids) == {b["message_id"] for b in batches} and set(ids.values()) == {1}
    assert delivered_after < RETRY_MAX + 5
    deliveries = staff(home, "SELECT state FROM deliveries")
    assert deliveries and {d["state"] for d in deliveries} == {"sent"}
    last_sent = max(_seconds(b["sent_at"]) for b in batches)
    later = [r for r in staff(home, "SELECT * FROM mail_log WHERE event = 'attempt'")
             if _seconds(r["at"]) > last_sent]
    assert later == []
