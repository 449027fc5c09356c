"""Test kit for alerts and mail: a real SMTP server (aiosmtpd) and a real corpus.

The SMTP server runs on a free loopback port (aiosmtpd's Controller cannot bind port
0) and can be told to refuse with a code at MAIL, RCPT or after the content, to stall
after receiving the content, or be stopped and started again on the same port.
Article texts below are written for these tests.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from conftest import free_port

import store
from monitor.config import load
from store import analysis as analysis_store
from store import articles as article_store
from store import prisoners as prisoner_store
from store import sources as source_store

PASSWORD_CANARY = "canary-pw-7Qx93LmZ"
SOURCE = {"id": "viasna-en", "name": "Viasna (English)", "org": "ngo", "languages": ["en"],
          "kind": "feed", "url": "https://spring96.org/en/rss", "homepage": "https://spring96.org/en/",
          "allowed_domains": ["spring96.org"], "interval_minutes": 30, "enabled": True,
          "note": None}
OTHER_SOURCE = {**SOURCE, "id": "salidarnast", "name": "Salidarnast",
                "url": "https://gazetaby.com/rss", "allowed_domains": ["gazetaby.com"]}
PRISONERS = [
    {"id": 964, "name": "Ales Bialiatski", "status": "former"},
    {"id": 215, "name": "Maryia Kalesnikava", "status": "former"},
    {"id": 425, "name": "Andrzej Poczobut", "status": "former"},
]

TEXT = ("The human rights centre reported on Monday that its founder was moved again. "
        "According to relatives, Ales Bialiatski has not been allowed to write letters since spring. "
        "Lawyers say the conditions breach the minimum rules.")


# ---------------------------------------------------------------- SMTP server

class MailSink:
    """aiosmtpd handler that keeps what it receives and answers as the test says."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[dict] = []
        self.answers: dict[str, str] = {}   # 'mail' | 'rcpt' | 'data' -> reply line
        self.stall_after_data = 0.0
        self.drop_after_data = False        # hang up after storing, before answering
        self.on_message = None              # called after a message has been stored
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if "mail" in self.answers:
            return self.answers["mail"]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "rcpt" in self.answers:
            return self.answers["rcpt"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if "data" in self.answers:
            return self.answers["data"]
        with self.lock:
            self.received.append({"mail_from": envelope.mail_from,
                                  "rcpt_tos": list(envelope.rcpt_tos),
                                  "content": bytes(envelope.original_content)})
        if self.on_message:
            self.on_message()
        if self.drop_after_data:
            server.transport.close()
        if self.stall_after_data:
            await asyncio.sleep(self.stall_after_data)
        return "250 2.0.0 queued"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login, auth_data.password))
            ok = auth_data.login == b"vigil" and auth_data.password == PASSWORD_CANARY.encode()
            return AuthResult(success=ok, handled=False)
        return AuthResult(success=False, handled=False)

    def messages(self):
        with self.lock:
            return [message_from_bytes(m["content"], policy=default_policy)
                    for m in self.received]

    def count(self) -> int:
        with self.lock:
            return len(self.received)


class SmtpServer:
    def __init__(self, **controller_options) -> None:
        self.port = free_port()
        self.sink = MailSink()
        self.options = controller_options
        self.controller = None

    def start(self) -> SmtpServer:
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port,
                                     authenticator=self.sink.authenticate,
                                     auth_require_tls=False, **self.options)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


# ---------------------------------------------------------------- config and databases

def make_config(home: Path, port: int = 25, **settings):
    """A Config for tests: loopback SMTP, short timeout, fixed time zone, no outer env."""
    env = {"VIGIL_HOME": str(home), "VIGIL_SMTP_HOST": "127.0.0.1",
           "VIGIL_SMTP_PORT": str(port), "VIGIL_SMTP_TIMEOUT": "2",
           "VIGIL_ALERTS_DATASETTE_URL": "https://vigil.example.net",
           "VIGIL_ALERTS_TIMEZONE": "UTC", "VIGIL_SMTP_FROM": "vigil@example.org"}
    env.update({k.upper(): str(v) for k, v in settings.items()})
    return load(env=env)


def open_corpus(home: Path, *, polled_before: bool = True):
    """A corpus with two sources; ``polled_before``: each source already had a complete
    poll, so articles stored now are new (not the back catalogue of a first poll)."""
    corpus = store.open_corpus(home / "corpus.db")
    source_store.upsert_sources(corpus, [SOURCE, OTHER_SOURCE])
    prisoner_store.upsert_prisoners(corpus, PRISONERS, "2026-11-01T00:00:00+00:00")
    if polled_before:
        for source in (SOURCE, OTHER_SOURCE):
            poll = source_store.start_poll(corpus, source["id"])
            source_store.finish_poll(corpus, poll, source["id"], outcome="ok", entries=5,
                                     counts={}, error=None)
        with store.transaction(corpus) as conn:
            conn.execute("UPDATE polls SET started_at = '2026-11-01T00:00:00+00:00', "
                         "finished_at = '2026-11-01T00:01:00+00:00'")
    return corpus


def add_article(corpus, *, url="https://spring96.org/en/news/120001", title="Founder moved again",
                text=TEXT, source_id="viasna-en", published=None) -> int:
    # Published yesterday by default, whenever the suite runs: today's news is urgent-eligible.
    published = published or (datetime.now(UTC) - timedelta(days=1)).replace(microsecond=0).isoformat()
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = {"url": url, "source_id": source_id, "title": title, "published": published,
               "language": "en", "text": text, "text_hash": digest, "extraction": "ok",
               "content_type": "html"}
    return article_store.save_article(corpus, article)[1]


def mention(text: str, prisoner_id: int, surface: str, *, confidence="high", rule="full-name",
            sentence=None, occurrence=0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"prisoner_id": prisoner_id, "surface": surface, "start": start,
            "end": start + len(surface), "confidence": confidence, "rule": rule,
            "sentence": sentence}


def analyse(corpus, article_id: int, *, mentions=(), events=(), un_document=None) -> None:
    row = article_store.get_article(corpus, article_id)
    analysis_store.save_analysis(corpus, article_id, row["text_hash"],
                                 {"mentions": list(mentions), "events": list(events),
                                  "un_document": un_document})


def add_candidate(staff, *, name: str, article_id: int, score: float, sentence: str,
                  surface: str | None = None, status: str = "new") -> int:
    """A new-name candidate with one piece of evidence (as the candidates code writes them)."""
    candidate_id = staff["candidates"].insert(
        {"name_key": name.lower(), "name": name, "status": status, "score": score,
         "first_seen": "2026-11-20T10:00:00+00:00", "last_seen": "2026-11-20T10:00:00+00:00",
         "article_count": 1}).last_pk
    staff["candidate_evidence"].insert(
        {"candidate_id": candidate_id, "article_id": article_id, "surface": surface or name,
         "sentence": sentence, "score": score, "found_at": "2026-11-20T10:00:00+00:00"})
    return candidate_id


def parts(message) -> tuple[str, str]:
    """(plain text, html) of a received multipart/alternative message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (PEM files), for STARTTLS and SSL tests."""
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vigil test relay")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "relay.pem", folder / "relay.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path
