"""Transport security: STARTTLS and implicit TLS against a relay with a private certificate."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime

import pytest
from alerts_kit import (
    TEXT,
    SmtpServer,
    add_article,
    analyse,
    make_certificate,
    make_config,
    mention,
    open_corpus,
)

import store
from monitor import recipients
from monitor.alerts.enqueue import enqueue_for_article
from monitor.alerts.mailer import send_due

T0 = datetime(2026, 11, 22, 8, 5, tzinfo=UTC)


def server_context(cert, key) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture
def queued(tmp_path):
    corpus, staff = open_corpus(tmp_path), store.open_staff(tmp_path / "staff.db")
    recipients.add(staff, "desk@example.org")
    article_id = add_article(corpus)
    analyse(corpus, article_id, mentions=[mention(TEXT, 964, "Ales Bialiatski")])
    enqueue_for_article(corpus, staff, make_config(tmp_path), article_id)
    yield tmp_path, staff
    corpus.close()
    staff.close()


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_secure_transport_delivers(queued, security):
    home, staff = queued
    cert, key = make_certificate(home)
    options = ({"tls_context": server_context(cert, key), "require_starttls": True}
               if security == "starttls" else {"ssl_context": server_context(cert, key)})
    server = SmtpServer(**options).start()
    try:
        cfg = make_config(home, port=server.port, vigil_smtp_security=security,
                          vigil_smtp_ca_file=str(cert))
        report = send_due(staff, cfg, now=T0, include_digest=True)
        assert report.sent == 1, report.problems
        assert server.sink.count() == 1
    finally:
        server.stop()


def test_an_untrusted_certificate_is_not_accepted(queued):
    home, staff = queued
    cert, key = make_certificate(home)
    server = SmtpServer(tls_context=server_context(cert, key), require_starttls=True).start()
    try:
        cfg = make_config(home, port=server.port, vigil_smtp_security="starttls")
        report = send_due(staff, cfg, now=T0, include_digest=True)
        assert report.sent == 0 and report.retry == 1
        assert "CERTIFICATE_VERIFY_FAILED" in report.problems[0]
        assert server.sink.count() == 0
    finally:
        server.stop()


def test_a_relay_that_demands_starttls_refuses_plain_mail(queued):
    home, staff = queued
    cert, key = make_certificate(home)
    server = SmtpServer(tls_context=server_context(cert, key), require_starttls=True).start()
    try:
        cfg = make_config(home, port=server.port, vigil_smtp_security="none")
        report = send_due(staff, cfg, now=T0, include_digest=True)
        assert report.sent == 0 and "530" in report.problems[0]
        assert server.sink.count() == 0
    finally:
        server.stop()
