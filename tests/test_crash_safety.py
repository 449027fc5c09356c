"""The daemon killed with SIGKILL at random moments, again and again.

The real daemon (`vigil run`) polls a small mirror (BAJ's sitemap and the three Viasna
feeds, every 2 s, one extraction worker) and mails a real SMTP server that takes a moment
to answer after each message. It is started and SIGKILLed fifty times: most kills come
after a random one to two and a half seconds (start-up, recovery from the last kill, the
mail job, a poll child starting and reading feeds); six runs are left alive until the SMTP
server has received a message and are killed that instant, before the server's OK; three
live eight to eleven seconds (extraction, articles being stored and analysed).
Meanwhile BAJ fails and heals now and then (urgent health alerts to mail) and the mirror
publishes new articles.

After every kill: both databases pass `PRAGMA integrity_check`, and the poll child and
its workers died with the daemon. At the end, after one clean run and a digest: every
expected article is stored exactly once and analysed, no row is duplicated, no email was
sent twice, and every alert was delivered or is held as uncertain and reported.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import threading
import time
from collections import Counter
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import psutil
import pytest
from alerts_kit import SmtpServer
from conftest import run_vigil
from daemon_kit import start_daemon, stop, wait_for

import store
from mirror import Mirror

pytestmark = pytest.mark.slow

KILLS = 50
PUBLISH_AT = 12  # kill number after which the mirror publishes phase 2
BAJ_FAILING = set(range(5, 12)) | set(range(22, 30)) | set(range(38, 45))
# runs right after BAJ fails or heals: kept alive until a message reaches the server
AT_MAIL = {6, 13, 23, 31, 39, 46}
LONG = {9, 27, 42}  # left alive long enough for articles to be extracted and stored
SITES = ["baj", "spring96"]
SEED = int(os.environ.get("CRASH_SEED") or 20261122)
RECIPIENTS = ["desk@vigil.example", "duty@vigil.example"]
SMTP_STALL = 0.8  # seconds the server takes to answer after a message


def write_config(home: Path, mirror: Mirror, smtp_port: int, rng: random.Random) -> None:
    """Config plus a sources file: BAJ first (polled first in every run, so its failures
    turn into health alerts early), then the Viasna feeds in a new order each time (the
    daemon staggers first polls in file order)."""
    blocks = mirror.sources_toml(sites=SITES).split("[[source]]")[1:]
    baj = [b for b in blocks if 'id = "baj"' in b]
    rest = [b for b in blocks if b not in baj]
    rng.shuffle(rest)
    sources = home / "sources.toml"
    sources.write_text("".join("[[source]]" + block for block in baj + rest))
    (home / "vigil.toml").write_text("\n".join([
        "[crawl]", f'sources = "{sources}"', "download_delay = 0",
        "allow_private_networks = true", "workers = 1", "timeout = 3", "retries = 0",
        "poll_timeout = 60",
        "[smtp]", 'host = "127.0.0.1"', f"port = {smtp_port}", 'from = "vigil@vigil.example"',
        "timeout = 5",
        "[alerts]", "digest_times = []", 'datasette_url = "http://127.0.0.1:8001"',
        "urgent_max_age_days = 0", 'timezone = "UTC"', "health_failures = 1",
        "health_urgent = true",
        "[daemon]", "poll_every = 2", "mail_interval = 1", "jitter = 0", ""]))


def integrity(path: Path) -> str:
    db = store.connect(path)
    try:
        return store.scalar(db, "PRAGMA integrity_check")
    finally:
        db.close()


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def commands(family: list[psutil.Process]) -> list[str]:
    found = []
    for process in family:
        try:
            found.append(" ".join(process.cmdline()))
        except psutil.Error:
            continue
    return found


def _dead(process: psutil.Process) -> bool:
    try:  # a zombie is dead; only its reaping by init is left
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def reap(family: list[psutil.Process], grace: float = 5) -> list[str]:
    """Wait for the daemon's former children to die; kill and report any that do not."""
    deadline = time.monotonic() + grace
    while not all(_dead(p) for p in family) and time.monotonic() < deadline:
        time.sleep(0.02)
    survivors = []
    for process in family:
        if _dead(process):
            continue
        with contextlib.suppress(psutil.Error):
            survivors.append(" ".join(process.cmdline()[:4]))
            process.kill()
    return survivors


def staff_rows(home: Path, sql: str) -> list[dict]:
    db = store.connect(home / "staff.db")
    try:
        return store.rows(db, sql)
    finally:
        db.close()


def corpus_rows(home: Path, sql: str) -> list[dict]:
    db = store.connect(home / "corpus.db")
    try:
        return store.rows(db, sql)
    finally:
        db.close()


def settled(home: Path, expected: set[str]) -> bool:
    """Every expected article stored and analysed; no mail waiting or being sent."""
    stored = {r["url"] for r in corpus_rows(
        home, "SELECT url FROM articles WHERE analysed_hash = COALESCE(text_hash, '') "
              "AND alerted_hash IS analysed_hash")}
    if not expected <= stored:
        return False
    return not staff_rows(
        home, "SELECT 1 FROM deliveries JOIN alerts ON alerts.id = deliveries.alert_id "
              "WHERE alerts.urgent = 1 AND deliveries.state IN ('pending', 'batched') "
              "UNION ALL SELECT 1 FROM batches WHERE state IN ('ready', 'retry', 'sending')")


def kill_delay(kill: int, rng: random.Random) -> float:
    if kill in AT_MAIL:
        return rng.uniform(7.0, 9.5)  # at most: the kill comes with the first message
    if kill in LONG:
        return rng.uniform(8.5, 11.5)
    return rng.uniform(1.0, 2.6)


def article_count(home: Path) -> int:
    return corpus_rows(home, "SELECT COUNT(*) AS n FROM articles")[0]["n"]


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    home = tmp_path_factory.mktemp("crash") / "home"
    home.mkdir()
    rng = random.Random(SEED)
    report = {"seed": SEED, "integrity": [], "survivors": [], "delays": [],
              "during_poll": 0, "during_extraction": 0, "while_storing": 0,
              "at_mail": 0, "mid_send": 0, "mails_under_fire": 0}
    smtp = SmtpServer().start()
    smtp.sink.stall_after_data = SMTP_STALL
    mailed = threading.Event()
    started = time.monotonic()
    try:
        with Mirror() as mirror:
            write_config(home, mirror, smtp.port, rng)
            run_vigil(home, "init")
            for address in RECIPIENTS:
                run_vigil(home, "recipients", "add", address)
            log = home / "daemon.log"
            report["setup_s"] = round(time.monotonic() - started)
            for kill in range(1, KILLS + 1):
                if kill == PUBLISH_AT:
                    mirror.publish_phase(2)
                mirror.set_failure("baj", "error" if kill in BAJ_FAILING else None)
                write_config(home, mirror, smtp.port, rng)
                articles, mails = article_count(home), smtp.sink.count()
                delay, family, running = kill_delay(kill, rng), [], []
                mailed.clear()
                born = time.monotonic()
                daemon = start_daemon(home, log)

                def kill_now(pid=daemon.pid, family=family, running=running) -> None:
                    family += descendants(pid)
                    running += commands(family)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                    mailed.set()

                if kill in AT_MAIL:
                    # killed the instant the server holds a message, before it answers
                    smtp.sink.on_message = kill_now
                    report["at_mail"] += mailed.wait(delay)
                else:
                    time.sleep(delay)
                smtp.sink.on_message = None
                if not mailed.is_set():
                    kill_now()
                daemon.wait(timeout=30)
                report["survivors"] += reap(family)
                report["delays"].append(round(time.monotonic() - born, 2))
                report["during_poll"] += any("poll_child" in c for c in running)
                report["during_extraction"] += sum("forkserver" in c for c in running) >= 2
                report["while_storing"] += article_count(home) > articles
                report["mails_under_fire"] += smtp.sink.count() - mails
                report["mid_send"] += bool(staff_rows(
                    home, "SELECT 1 FROM batches WHERE state = 'sending'"))
                for name in ("corpus.db", "staff.db"):
                    result = integrity(home / name)
                    if result != "ok":
                        report["integrity"].append((kill, name, result))
            report["storm_s"] = round(time.monotonic() - started) - report["setup_s"]
            mirror.set_failure("baj", None)
            expected = {a.url for a in mirror.expected_articles(2) if a.site in SITES}
            daemon = start_daemon(home, log)
            try:
                wait_for(lambda: settled(home, expected), 120, "a clean run to settle")
            finally:
                assert stop(daemon) == 0
            smtp.sink.stall_after_data = 0
            report["digest"] = run_vigil(home, "alerts", "send", check=False)
            report["uncertain"] = run_vigil(home, "alerts", "uncertain").stdout
            report["final_s"] = round(time.monotonic() - started) - report["setup_s"] - \
                report["storm_s"]
            received = [message_from_bytes(m["content"], policy=default_policy)
                        for m in smtp.sink.received]
            yield home, mirror, smtp, received, expected, report
    finally:
        smtp.stop()


def test_fifty_kills_left_both_databases_intact(storm):
    home, _, _, _, _, report = storm
    print({k: v for k, v in report.items() if k not in ("digest", "uncertain")})
    assert len(report["delays"]) >= 50
    assert report["integrity"] == [], f"seed {report['seed']}"
    assert integrity(home / "corpus.db") == integrity(home / "staff.db") == "ok"


def test_kills_landed_in_the_middle_of_polls_and_of_mail(storm):
    _, _, _, _, _, report = storm
    assert report["during_poll"] >= 10, report  # not only at start-up
    assert report["at_mail"] >= 1, report  # a message at the server, no answer yet


def test_polls_die_with_the_daemon(storm):
    _, _, _, _, _, report = storm
    assert report["survivors"] == [], f"seed {report['seed']}: {report['survivors']}"


def test_every_expected_article_is_stored_once_and_analysed(storm):
    home, _, _, _, expected, report = storm
    rows = corpus_rows(home, "SELECT url, extraction, text_hash, analysed_hash, alerted_hash "
                             "FROM articles")
    urls = Counter(r["url"] for r in rows)
    assert set(urls) == expected, f"seed {report['seed']}"
    assert max(urls.values()) == 1
    for row in rows:
        assert row["extraction"] == "ok", row
        assert row["analysed_hash"] == row["text_hash"] == row["alerted_hash"], row
    assert not corpus_rows(home, "SELECT 1 FROM frontier WHERE state != 'done'")


def test_no_duplicate_rows(storm):
    home, _, _, _, _, report = storm
    duplicates = {
        "mentions": corpus_rows(home, "SELECT article_id, prisoner_id, field, start, "
                                      "COUNT(*) AS n FROM mentions GROUP BY 1, 2, 3, 4 "
                                      "HAVING n > 1"),
        "events": corpus_rows(home, "SELECT article_id, prisoner_id, type, COUNT(*) AS n "
                                    "FROM events GROUP BY 1, 2, 3 HAVING n > 1"),
        # nothing was edited: a version would mean a text stored twice, differently
        "article_versions": corpus_rows(home, "SELECT article_id FROM article_versions"),
        "alerts": staff_rows(home, "SELECT dedupe_key, COUNT(*) AS n FROM alerts GROUP BY 1 "
                                   "HAVING n > 1"),
        "article alerts": staff_rows(
            home, "SELECT kind, article_id, prisoner_id, COUNT(*) AS n FROM alerts "
                  "WHERE kind IN ('mention', 'un_document') GROUP BY 1, 2, 3 HAVING n > 1"),
        "deliveries": staff_rows(home, "SELECT alert_id, recipient_id, COUNT(*) AS n FROM "
                                       "deliveries GROUP BY 1, 2 HAVING n > 1"),
        "candidates": staff_rows(home, "SELECT name_key, COUNT(*) AS n FROM candidates "
                                       "GROUP BY 1 HAVING n > 1"),
    }
    assert all(not found for found in duplicates.values()), (report["seed"], duplicates)
    assert corpus_rows(home, "SELECT COUNT(*) AS n FROM mentions")[0]["n"] > 0


def test_no_email_was_sent_twice(storm):
    home, _, smtp, received, _, report = storm
    ids = Counter(m["Message-ID"] for m in received)
    assert received and max(ids.values()) == 1, f"seed {report['seed']}: {ids.most_common(3)}"
    batches = {b["message_id"]: b for b in staff_rows(home, "SELECT * FROM batches")}
    assert set(ids) <= set(batches), "every email the sink got is a batch of the outbox"
    for message_id, batch in batches.items():
        if batch["state"] == "sent":
            assert ids[message_id] == 1, batch
    assert {m["To"].addresses[0].addr_spec for m in received} <= set(RECIPIENTS)
    assert all(len(m["rcpt_tos"]) == 1 for m in smtp.sink.received)


def test_no_alert_was_lost(storm):
    home, _, _, _, _, report = storm
    alerts = staff_rows(home, "SELECT * FROM alerts")
    assert alerts
    states = staff_rows(home, "SELECT alerts.id, deliveries.state, deliveries.batch_id "
                              "FROM alerts LEFT JOIN deliveries ON deliveries.alert_id = alerts.id")
    assert {s["id"] for s in states} == {a["id"] for a in alerts}
    assert all(s["state"] in ("sent", "uncertain") for s in states), \
        (report["seed"], [s for s in states if s["state"] not in ("sent", "uncertain")],
         report["digest"].stdout)
    held = {s["batch_id"] for s in states if s["state"] == "uncertain"}
    for batch in staff_rows(home, "SELECT id FROM batches WHERE state = 'uncertain'"):
        assert batch["id"] in held
        assert re.search(rf"│\s*{batch['id']}\s*│", report["uncertain"]), report["uncertain"]
    if not held:
        assert "no uncertain batches" in report["uncertain"]
