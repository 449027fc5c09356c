"""SMTP faults: server down, 4xx vs 5xx, timeout after DATA, a crash after the server's OK.

Every test ends by counting what the server received: each alert exactly once, or, when
the outcome was unknown, once and never again without an operator's word.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alerts_kit import (
    TEXT,
    add_article,
    analyse,
    make_config,
    mention,
    open_corpus,
    parts,
    smtp_server,  # noqa: F401  (fixture)
)
from conftest import ROOT

import store
from monitor import recipients
from monitor.alerts.enqueue import enqueue_for_article
from monitor.alerts.mailer import pending_summary, recover_after_crash, send_due
from store import batches as batch_store

T0 = datetime(2026, 11, 22, 8, 5, tzinfo=UTC)


@pytest.fixture
def env(tmp_path, smtp_server):  # noqa: F811
    corpus = open_corpus(tmp_path)
    staff = store.open_staff(tmp_path / "staff.db")
    cfg = make_config(tmp_path, port=smtp_server.port)
    yield cfg, corpus, staff, smtp_server
    corpus.close()
    staff.close()


def queue_articles(corpus, staff, cfg, count: int) -> None:
    for n in range(count):
        text = f"{TEXT} Report number {n}."
        article_id = add_article(corpus, url=f"https://spring96.org/en/news/{130000 + n}",
                                 text=text, title=f"Report {n}")
        analyse(corpus, article_id, mentions=[mention(text, 964, "Ales Bialiatski")])
        enqueue_for_article(corpus, staff, cfg, article_id)


def titles_received(server) -> list[str]:
    found = []
    for message in server.sink.messages():
        text, _ = parts(message)
        found += [line.strip() for line in text.splitlines() if line.strip().startswith("Report ")]
    return found


def test_server_down_then_back_delivers_everything_exactly_once(env):
    cfg, corpus, staff, server = env
    for n in range(3):
        recipients.add(staff, f"desk{n}@example.org")
    queue_articles(corpus, staff, cfg, 2)
    server.stop()

    down = send_due(staff, cfg, now=T0, include_digest=True)
    # one connection attempt for the whole run, not one per batch: no retry storm
    assert (down.formed, down.attempted, down.retry, down.deferred) == (3, 1, 1, 2)
    assert "cannot reach" in down.problems[0]
    again = send_due(staff, cfg, now=T0 + timedelta(seconds=5))
    assert again.attempted == 1  # the first batch waits for its backoff; the next one tries

    server.start()
    for minutes in (2, 4, 8):
        send_due(staff, cfg, now=T0 + timedelta(minutes=minutes))
    assert server.sink.count() == 3
    assert sorted(m["rcpt_tos"][0] for m in server.sink.received) == \
        ["desk0@example.org", "desk1@example.org", "desk2@example.org"]
    assert sorted(titles_received(server)) == sorted(["Report 0", "Report 1"] * 3)
    assert send_due(staff, cfg, now=T0 + timedelta(hours=1), include_digest=True).attempted == 0
    assert server.sink.count() == 3
    assert pending_summary(staff)["queued"] == 0


@pytest.mark.parametrize("stage, reply", [("mail", "421 4.3.2 Service shutting down"),
                                          ("rcpt", "451 4.3.0 Try again later"),
                                          ("data", "451 4.3.0 Queue full")])
def test_temporary_refusals_are_retried_with_doubling_backoff(env, stage, reply):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, cfg, 1)
    server.sink.answers[stage] = reply

    first = send_due(staff, cfg, now=T0, include_digest=True)
    assert first.retry == 1 and reply.split()[0] in first.problems[0]
    batch = batch_store.list_batches(staff)[0]
    assert (batch["state"], batch["attempts"]) == ("retry", 1)
    assert batch["next_attempt_at"] == "2026-11-22T08:06:00+00:00"  # retry_base 60 s

    assert send_due(staff, cfg, now=T0 + timedelta(seconds=30)).attempted == 0
    assert send_due(staff, cfg, now=T0 + timedelta(seconds=61)).retry == 1
    batch = batch_store.list_batches(staff)[0]
    assert batch["attempts"] == 2
    assert batch["next_attempt_at"] == "2026-11-22T08:08:01+00:00"  # doubled to 120 s

    del server.sink.answers[stage]
    assert send_due(staff, cfg, now=T0 + timedelta(minutes=4)).sent == 1
    assert server.sink.count() == 1
    assert server.sink.messages()[0]["Message-ID"] == batch["message_id"]


def test_permanent_refusal_is_failed_reported_and_not_retried(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, cfg, 1)
    server.sink.answers["data"] = "550 5.7.1 Message rejected"

    report = send_due(staff, cfg, now=T0, include_digest=True)
    assert report.failed == 1 and "550" in report.problems[0]
    assert send_due(staff, cfg, now=T0 + timedelta(days=1)).attempted == 0
    summary = pending_summary(staff)
    assert summary["failed"] == 1 and summary["queued"] == 0
    assert batch_store.list_batches(staff, "failed")[0]["last_error"].startswith(
        "after the message: 550")
    assert server.sink.count() == 0


@pytest.fixture
def one_refused_batch(tmp_path, smtp_server):  # noqa: F811
    """One queued alert for one recipient; the server refuses RCPT with ``answer``."""
    opened = []

    def make(answer: str, **settings):
        corpus, staff = open_corpus(tmp_path), store.open_staff(tmp_path / "staff.db")
        opened.extend((corpus, staff))
        cfg = make_config(tmp_path, port=smtp_server.port, **settings)
        recipients.add(staff, "desk@example.org")
        queue_articles(corpus, staff, cfg, 1)
        smtp_server.sink.answers["rcpt"] = answer
        return cfg, staff

    yield make
    for db in opened:
        db.close()


def test_temporary_failures_end_as_failed_only_after_the_queue_lifetime(
        one_refused_batch, smtp_server):  # noqa: F811
    cfg, staff = one_refused_batch("452 4.2.2 Mailbox full", vigil_alerts_retry_max=100,
                                   vigil_alerts_give_up_after_hours=1)
    states = []
    for minute in range(0, 100, 20):
        send_due(staff, cfg, now=T0 + timedelta(minutes=minute), include_digest=True)
        states.append(batch_store.list_batches(staff)[0]["state"])
    assert states == ["retry", "retry", "retry", "failed", "failed"]
    failed = batch_store.list_batches(staff)[0]
    assert failed["attempts"] == 4
    assert failed["last_error"].startswith("gave up after 1 h of temporary failures; last: ")
    assert "452" in failed["last_error"]
    assert smtp_server.sink.count() == 0


def test_many_temporary_failures_within_the_lifetime_lose_nothing(
        one_refused_batch, smtp_server):  # noqa: F811
    """The soak's finding: a relay that comes and goes for longer than a dozen retries
    must still get the alert, once."""
    cfg, staff = one_refused_batch("451 4.3.0 Try again later", vigil_alerts_retry_base=5,
                                   vigil_alerts_retry_max=60)
    for minute in range(0, 40):
        send_due(staff, cfg, now=T0 + timedelta(minutes=minute), include_digest=True)
    batch = batch_store.list_batches(staff)[0]
    assert batch["state"] == "retry" and batch["attempts"] >= 30
    del smtp_server.sink.answers["rcpt"]
    send_due(staff, cfg, now=T0 + timedelta(minutes=41))
    assert batch_store.list_batches(staff)[0]["state"] == "sent"
    assert smtp_server.sink.count() == 1


@pytest.mark.parametrize("fault", ["stall", "hang up"])
def test_no_answer_after_data_is_uncertain_and_never_resent(env, fault):
    cfg, corpus, staff, server = env
    cfg = make_config(cfg.home, port=server.port, vigil_smtp_timeout=1)
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, cfg, 1)
    # the server has the message but answers too late, or not at all
    if fault == "stall":
        server.sink.stall_after_data = 3
    else:
        server.sink.drop_after_data = True

    report = send_due(staff, cfg, now=T0, include_digest=True)
    assert report.uncertain == 1 and "no answer after the message" in report.problems[0]
    server.sink.stall_after_data, server.sink.drop_after_data = 0, False
    for hours in (1, 5, 48):
        assert send_due(staff, cfg, now=T0 + timedelta(hours=hours),
                        include_digest=True).attempted == 0
    assert server.sink.count() == 1
    assert pending_summary(staff)["uncertain"] == 1

    # the operator checked the mailbox: it never arrived, send it again (same Message-ID)
    held = batch_store.list_batches(staff, "uncertain")[0]
    batch_store.resolve_batch(staff, held["id"], "resend")
    assert send_due(staff, cfg, now=T0 + timedelta(days=3)).sent == 1
    ids = [m["Message-ID"] for m in server.sink.messages()]
    assert ids == [held["message_id"], held["message_id"]]


MAILER_CHILD = """
import store
from monitor.config import load
from monitor.alerts.mailer import send_due
cfg = load()
print(send_due(store.open_staff(cfg.staff_path), cfg, include_digest=True), flush=True)
"""


def test_crash_between_the_servers_ok_and_the_mark_is_held_not_resent(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, cfg, 1)
    env_vars = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env_vars.update({"VIGIL_HOME": str(cfg.home), "VIGIL_SMTP_HOST": "127.0.0.1",
                     "VIGIL_SMTP_PORT": str(server.port), "VIGIL_ALERTS_TIMEZONE": "UTC"})
    child = subprocess.Popen([sys.executable, "-c", MAILER_CHILD], cwd=ROOT, env=env_vars,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # the mailer dies the moment the server has stored the message, before any answer
    server.sink.on_message = lambda: os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert server.sink.count() == 1
    assert batch_store.list_batches(staff)[0]["state"] == "sending"

    assert recover_after_crash(staff) == 1  # the daemon's start-up step
    held = batch_store.list_batches(staff)[0]
    assert held["state"] == "uncertain"
    server.sink.on_message = None
    for hours in (0, 1, 24):
        assert send_due(staff, cfg, now=datetime.now(UTC) + timedelta(hours=hours),
                        include_digest=True).attempted == 0
    assert server.sink.count() == 1
    assert recover_after_crash(staff) == 0


def test_a_send_left_hanging_by_another_process_is_held_after_a_while(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, cfg, 1)
    batch_store.form_batches(staff, include_digest=True, new_message_id=lambda: "<x@example.org>",
                             at=T0.isoformat())
    assert batch_store.claim_batch(staff, 1, T0.isoformat())  # then that process vanished
    assert send_due(staff, cfg, now=T0 + timedelta(minutes=2)).attempted == 0
    assert batch_store.get_batch(staff, 1)["state"] == "sending"  # maybe still talking
    report = send_due(staff, cfg, now=T0 + timedelta(minutes=30))
    assert report.attempted == 0 and "stale" in report.problems[0]
    assert batch_store.get_batch(staff, 1)["state"] == "uncertain"
    assert server.sink.count() == 0


def test_the_password_never_leaves_the_smtp_conversation(tmp_path, smtp_server, caplog):  # noqa: F811
    from alerts_kit import PASSWORD_CANARY

    caplog.set_level("DEBUG")
    corpus, staff = open_corpus(tmp_path), store.open_staff(tmp_path / "staff.db")
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, make_config(tmp_path), 2)
    good = make_config(tmp_path, port=smtp_server.port, vigil_smtp_username="vigil",
                       vigil_smtp_password=PASSWORD_CANARY)
    wrong = make_config(tmp_path, port=smtp_server.port, vigil_smtp_username="vigil",
                        vigil_smtp_password=PASSWORD_CANARY + "-old")
    assert PASSWORD_CANARY not in repr(good) and PASSWORD_CANARY not in str(good.masked())

    refused = send_due(staff, wrong, now=T0, include_digest=True)
    assert refused.failed == 1 and "535" in refused.problems[0]
    batch_store.resolve_batch(staff, 1, "resend")
    accepted = send_due(staff, good, now=T0 + timedelta(minutes=1))
    assert accepted.sent == 1
    assert smtp_server.sink.logins[-1] == (b"vigil", PASSWORD_CANARY.encode())

    outputs = [str(refused), str(accepted), *refused.problems, caplog.text]
    assert not any(PASSWORD_CANARY in out for out in outputs)
    staff.close()
    corpus.close()
    for path in Path(tmp_path).rglob("*.db*"):
        assert PASSWORD_CANARY.encode() not in path.read_bytes(), path
    for message in smtp_server.sink.received:
        assert PASSWORD_CANARY.encode() not in message["content"]


def test_many_batches_when_the_server_refuses_each_are_tried_once_per_run(env):
    cfg, corpus, staff, server = env
    for n in range(5):
        recipients.add(staff, f"desk{n}@example.org")
    queue_articles(corpus, staff, cfg, 1)
    server.sink.answers["rcpt"] = "450 4.2.0 Greylisted"
    started = time.monotonic()
    first = send_due(staff, cfg, now=T0, include_digest=True)
    assert (first.attempted, first.retry) == (5, 5)
    # runs inside the backoff window try nothing at all
    assert send_due(staff, cfg, now=T0 + timedelta(seconds=10)).attempted == 0
    assert time.monotonic() - started < 30
    assert all(b["attempts"] == 1 for b in batch_store.list_batches(staff))


def test_refusals_quoting_the_address_are_recorded_without_it(env, caplog):
    cfg, corpus, staff, server = env
    recipients.add(staff, "Desk.Canary@example.org")
    queue_articles(corpus, staff, cfg, 1)
    server.sink.answers["rcpt"] = "550 5.1.1 <desk.canary@example.org>: Recipient address rejected"
    report = send_due(staff, cfg, now=T0, include_digest=True)
    assert report.failed == 1
    assert "recipient #1" in report.problems[0]
    stored = batch_store.list_batches(staff)[0]["last_error"]
    for where in (report.problems[0], stored, caplog.text,
                  str(batch_store.mail_log(staff))):
        assert "canary" not in where.lower()


def test_a_server_that_accepts_but_never_greets_is_retried(env):
    import socket

    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    queue_articles(corpus, staff, cfg, 1)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)  # connections complete, nobody ever speaks
        cfg = make_config(cfg.home, port=silent.getsockname()[1], vigil_smtp_timeout=1)
        started = time.monotonic()
        report = send_due(staff, cfg, now=T0, include_digest=True)
        assert time.monotonic() - started < 10
    assert (report.retry, report.uncertain) == (1, 0)
    assert "timed out" in report.problems[0]
    assert batch_store.list_batches(staff)[0]["state"] == "retry"
