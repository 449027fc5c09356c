"""`vigil alerts preview|send|list|uncertain|resolve`, run as the real command."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from alerts_kit import (
    PASSWORD_CANARY,
    TEXT,
    add_article,
    analyse,
    make_config,
    mention,
    open_corpus,
    smtp_server,  # noqa: F401  (fixture)
)

import store
from monitor import recipients
from monitor.alerts.enqueue import enqueue_for_article
from monitor.alerts.mailer import recover_after_crash
from store import batches as batch_store
from store import outbox


@pytest.fixture
def queued(vigil_home):
    corpus, staff = open_corpus(vigil_home), store.open_staff(vigil_home / "staff.db")
    recipients.add(staff, "desk@example.org")
    recipients.add(staff, "legal@example.org", kinds=["event"])
    article_id = add_article(corpus, title="Founder <b>moved</b> again")
    analyse(corpus, article_id, mentions=[mention(TEXT, 964, "Ales Bialiatski")])
    enqueue_for_article(corpus, staff, make_config(vigil_home), article_id)
    corpus.close()
    yield staff
    staff.close()


def test_preview_renders_without_sending_or_marking(vigil, vigil_home, queued):
    staff = queued
    text = vigil("alerts", "preview").stdout
    assert "Vigil digest" in text and "[[Ales Bialiatski]]" in text
    assert "Founder <b>moved</b> again" in text  # plain text: shown as written

    vigil("alerts", "preview", "--output", str(vigil_home / "next.html"))
    html = (vigil_home / "next.html").read_text()
    assert "<mark>Ales Bialiatski</mark>" in html and "Founder &lt;b&gt;moved&lt;/b&gt;" in html

    vigil("alerts", "preview", "--recipient", "desk@example.org",
          "--output", str(vigil_home / "next.eml"))
    message = message_from_bytes((vigil_home / "next.eml").read_bytes(), policy=default_policy)
    assert message["To"].addresses[0].addr_spec == "desk@example.org"
    assert message.get_content_type() == "multipart/alternative"

    nothing = vigil("alerts", "preview", "--recipient", "legal@example.org")
    assert nothing.stdout == "" and "nothing pending" in nothing.stderr

    assert batch_store.list_batches(staff) == []
    assert outbox.delivery_counts(staff)["pending"] == 1


def test_send_prints_a_summary_and_delivers(vigil, queued, smtp_server):  # noqa: F811
    result = vigil("alerts", "send", VIGIL_SMTP_HOST="127.0.0.1",
                   VIGIL_SMTP_PORT=str(smtp_server.port), VIGIL_SMTP_PASSWORD=PASSWORD_CANARY)
    assert "1 batch(es) formed" in result.stdout and "1 sent" in result.stdout
    assert smtp_server.sink.count() == 1
    assert smtp_server.sink.received[0]["rcpt_tos"] == ["desk@example.org"]
    listed = vigil("alerts", "list").stdout
    assert "mention" in listed and "Ales Bialiatski" in listed and "sent 1" in listed
    assert "queued 0, uncertain 0, failed 0" in listed
    assert PASSWORD_CANARY not in result.stdout + result.stderr + listed


def test_send_with_the_server_down_exits_1(vigil, queued):
    from conftest import free_port

    result = vigil("alerts", "send", check=False, VIGIL_SMTP_HOST="127.0.0.1",
                   VIGIL_SMTP_PORT=str(free_port()))
    assert result.returncode == 1
    assert "1 to retry" in result.stdout and "cannot reach 127.0.0.1" in result.stdout
    assert "batched 1" in vigil("alerts", "list", "--state", "batched").stdout


def test_uncertain_batches_are_listed_and_resolved(vigil, queued):
    staff = queued
    batch_store.form_batches(staff, include_digest=True, new_message_id=lambda: "<m1@example.org>")
    assert batch_store.claim_batch(staff, 1, "2026-11-22T08:00:00+00:00")
    assert recover_after_crash(staff) == 1

    listed = vigil("alerts", "uncertain").stdout
    assert "<m1@example.org>" in listed and "desk@example.org" in listed
    assert "uncertain 1" in vigil("alerts", "list", "--state", "uncertain").stdout

    assert vigil("alerts", "resolve", "1", "--sent").stdout.strip() == "batch 1: marked sent"
    assert batch_store.get_batch(staff, 1)["state"] == "sent"
    assert outbox.delivery_counts(staff)["sent"] == 1
    assert vigil("alerts", "uncertain").stdout.strip() == "no uncertain batches"

    again = vigil("alerts", "resolve", "1", "--resend", check=False)
    assert again.returncode == 1
    assert again.stderr.strip() == ("vigil: error: batch 1 is sent; only uncertain or failed "
                                    "batches can be marked resend")
    missing = vigil("alerts", "resolve", "99", "--sent", check=False)
    assert missing.returncode == 1 and "no batch 99" in missing.stderr
