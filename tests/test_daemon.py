"""The daemon as a real subprocess: schedules, alerts, kills and restarts."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta

import pytest
from daemon_kit import mails, prepare, query, staff_query, start_daemon, stop, wait_for

import store
from mirror import Mirror
from monitor.daemon import first_run
from monitor.demo.sink import MailSink


@pytest.fixture
def world(vigil_home):
    with Mirror() as mirror, MailSink(vigil_home / "mail") as sink:
        yield mirror, sink, vigil_home


def _articles(home):
    return {r["url"] for r in query(home, "SELECT url FROM articles")}


def _polled_all(home, n=1):
    rows = query(home, "SELECT source_id, COUNT(*) AS n FROM polls WHERE finished_at IS NOT NULL "
                       "GROUP BY source_id")
    return len(rows) == 10 and all(r["n"] >= n for r in rows)


def test_first_run_is_decided_from_the_store():
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert first_run(None, hour, now, 0) == now + timedelta(seconds=1)
    recent = (now - timedelta(minutes=10)).isoformat()
    assert first_run(recent, hour, now, 0) == now + timedelta(minutes=50)
    overdue = (now - timedelta(days=3)).isoformat()
    assert first_run(overdue, hour, now, 3) == now + timedelta(seconds=7), \
        "an overdue source runs once, soon (staggered), not once per missed interval"


def test_new_articles_give_urgent_email_once(world):
    mirror, sink, home = world
    prepare(home, mirror, sink.port)
    daemon = start_daemon(home, home / "daemon.log")
    try:
        wait_for(lambda: _polled_all(home), 60, "a first poll of every source")
        assert sink.received == 0, "a source's back catalogue is digest material, not urgent"
        mirror.publish_phase(2)
        wait_for(lambda: len(_articles(home)) == len(mirror.expected_articles(2)), 60,
                 "the phase-two articles")
        wait_for(lambda: staff_query(home, "SELECT 1 FROM batches") and not staff_query(
            home, "SELECT 1 FROM deliveries JOIN alerts ON alerts.id = deliveries.alert_id "
                  "WHERE alerts.urgent = 1 AND deliveries.state != 'sent'"), 30,
                 "every urgent alert to be sent")
    finally:
        assert stop(daemon) == 0
    sent = mails(home / "mail")
    bodies = [m.get_body(("plain",)).get_content() for m in sent]
    assert sum("Kashpul" in b for b in bodies) == 1, "the Russian Kashpul article, once"
    assert sum("3/2024" in b for b in bodies) == 1, "the new WGAD opinion, once"
    assert all(m["To"].addresses[0].addr_spec == "staff@vigil.example" for m in sent)
    ids = [m["Message-ID"] for m in sent]
    assert len(ids) == len(set(ids)), "no message was sent twice"
    urgent = staff_query(home, "SELECT COUNT(*) AS n FROM alerts WHERE urgent = 1")[0]["n"]
    delivered = staff_query(home, "SELECT COUNT(*) AS n FROM deliveries WHERE state = 'sent'")
    assert delivered[0]["n"] == urgent


def test_sigterm_stops_cleanly_mid_poll(world):
    mirror, sink, home = world
    prepare(home, mirror, sink.port)
    mirror.set_failure("ohchr", "hang")  # keeps the first poll busy
    daemon = start_daemon(home, home / "daemon.log")
    wait_for(lambda: query(home, "SELECT 1 FROM polls"), 30, "a poll to start")
    assert stop(daemon, signal.SIGTERM, timeout=90) == 0
    assert query(home, "SELECT COUNT(*) AS n FROM polls WHERE finished_at IS NULL")[0]["n"] == 0
    db = store.connect(home / "corpus.db")
    assert store.integrity_ok(db)
    db.close()


def test_a_hanging_source_does_not_stop_the_others(world):
    mirror, sink, home = world
    prepare(home, mirror, sink.port)
    mirror.set_failure("ohchr", "hang")
    daemon = start_daemon(home, home / "daemon.log")
    try:
        expected = {a.url for a in mirror.expected_articles() if a.site != "ohchr"}
        wait_for(lambda: expected <= _articles(home), 90, "every other source's articles")
        wait_for(lambda: query(home, "SELECT 1 FROM sources WHERE id = 'ohchr-press' "
                                     "AND consecutive_failures >= 1"), 60, "ohchr failing")
    finally:
        stop(daemon)
    error = query(home, "SELECT last_error FROM sources WHERE id = 'ohchr-press'")[0]["last_error"]
    assert "Timeout" in error or "timed out" in error.lower() or "took longer" in error


def test_overdue_sources_are_polled_once_after_a_restart(world):
    mirror, sink, home = world
    prepare(home, mirror, sink.port, poll_every=3600)
    daemon = start_daemon(home, home / "daemon.log")
    wait_for(lambda: _polled_all(home), 60, "the first poll of every source")
    stop(daemon)
    db = store.connect(home / "corpus.db")
    with store.transaction(db) as conn:  # as if the daemon had been down for a day
        conn.execute("UPDATE sources SET last_poll_at = ?",
                     ((datetime.now(UTC) - timedelta(days=1)).isoformat(),))
    db.close()
    daemon = start_daemon(home, home / "daemon.log")
    try:
        wait_for(lambda: _polled_all(home, 2), 60, "one catch-up poll of every source")
        import time
        time.sleep(6)
    finally:
        stop(daemon)
    counts = query(home, "SELECT source_id, COUNT(*) AS n FROM polls GROUP BY source_id")
    assert {r["n"] for r in counts} == {2}, counts
