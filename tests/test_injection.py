"""Hostile scraped text through the whole chain: a real crawl of the fault server's
injection feed (titles and texts carrying <script>, onerror=, javascript: links and CR/LF
header payloads), then Datasette (HTML, JSON, CSV; public and staff) and the alert email
as a real SMTP server receives it. Scraped text must stay text everywhere, and nothing
in it may add a header or a recipient.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from alerts_kit import SmtpServer, parts
from conftest import run_vigil
from datasette_auth_passwords.utils import hash_password
from datasette_fixtures import Client, datasette_for

import store
from mirror import FaultServer

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
DESK = "desk@vigil.example"
VICTIM = "victim@example.org"
LIVE_SCRIPT = re.compile(r"<script>alert", re.IGNORECASE)
LIVE_IMG = re.compile(r"<img[^>]*onerror", re.IGNORECASE)
JS_HREF = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@dataclass
class World:
    home: Path
    article: dict
    mentions: list[dict]
    smtp: SmtpServer
    send_output: str


def _config(home: Path, sources: Path, smtp_port: int) -> str:
    return "\n".join([
        "[crawl]", f'sources = "{sources}"', "download_delay = 0",
        "allow_private_networks = true", "workers = 1",
        "[smtp]", 'host = "127.0.0.1"', f"port = {smtp_port}", 'from = "vigil@vigil.example"',
        "timeout = 5",
        "[alerts]", "digest_times = []", 'datasette_url = "http://127.0.0.1:8001"',
        'timezone = "UTC"', ""])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    home = tmp_path_factory.mktemp("injection")
    smtp = SmtpServer().start()
    try:
        with FaultServer() as server:
            sources = home / "sources.toml"
            sources.write_text(
                '[[source]]\nid = "inject"\nname = "Injection feed"\norg = "ngo"\n'
                f'languages = ["en"]\nkind = "feed"\nurl = "{server.url("/feed/inject")}"\n'
                'allowed_domains = ["127.0.0.1"]\ninterval_minutes = 30\n')
            (home / "vigil.toml").write_text(_config(home, sources, smtp.port))
            run_vigil(home, "init")
            run_vigil(home, "recipients", "add", DESK, "--name", "Desk")
            run_vigil(home, "crawl", "--quiet")
            sent = run_vigil(home, "alerts", "send")
        db = store.open_corpus(home / "corpus.db")
        try:
            (article,) = store.rows(db, "SELECT * FROM articles")
            mentions = store.rows(db, "SELECT * FROM mentions")
        finally:
            db.close()
        yield World(home, article, mentions, smtp, sent.stdout)
    finally:
        smtp.stop()


def assert_inert(page: str, where: str) -> None:
    assert not LIVE_SCRIPT.search(page), f"live <script> in {where}"
    assert not LIVE_IMG.search(page), f"live <img onerror> in {where}"
    assert not JS_HREF.search(page), f"javascript: link in {where}"


def test_the_payloads_reach_the_store_as_plain_text(world):
    # Without this the other tests would prove nothing: the hostile text really is stored.
    article = world.article
    assert article["url"].endswith("/inject/article") and article["extraction"] == "ok"
    assert SCRIPT in article["title"]
    assert SCRIPT in article["text"] and IMG in article["text"]
    assert any(m["prisoner_id"] == 964 for m in world.mentions)
    assert any(SCRIPT in (m["sentence"] or "") for m in world.mentions)


@pytest.fixture(scope="module")
def public(world):
    client = Client(datasette_for(world.home, staff=False))
    yield client
    client.close()


def test_public_pages_show_the_payloads_escaped(world, public):
    article_id = world.article["id"]
    pages = [f"/corpus/articles/{article_id}", "/corpus/articles",
             "/corpus/articles?_search=Bialiatski", "/corpus/mentions",
             f"/corpus/mentions?article_id={article_id}", "/corpus/person?id=964",
             "/corpus/articles_this_week", "/corpus/frontier", "/corpus/fetch_log"]
    for path in pages:
        response = public.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert_inert(response.text, path)
    page = public.get(f"/corpus/articles/{article_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_json_and_csv_keep_the_text_exact_and_are_never_html(world, public):
    article_id = world.article["id"]
    response = public.get(f"/corpus/articles/{article_id}.json?_shape=array")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    (row,) = response.json()
    assert row["title"] == world.article["title"] and row["text"] == world.article["text"]
    for path in ("/corpus/articles.csv", "/corpus/mentions.csv?_dl=1",
                 "/corpus/articles_this_week.csv"):
        response = public.get(path)
        assert response.status_code == 200, path
        assert "html" not in response.headers["content-type"], path
        assert response.headers["x-content-type-options"] == "nosniff"
    rows = list(csv.DictReader(io.StringIO(public.get("/corpus/articles.csv").text)))
    assert [r["title"] for r in rows] == [world.article["title"]]


def test_staff_pages_show_alert_payloads_escaped(world):
    password_hash = hash_password("an injection test password")
    client = Client(datasette_for(world.home, staff=True, VIGIL_STAFF_PASSWORD_HASH=password_hash),
                    actor={"id": "staff"})
    try:
        for path in ("/staff/alerts", "/staff/batches", "/staff/candidate_evidence",
                     "/corpus/articles"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert_inert(response.text, path)
        alerts = client.rows("/staff/alerts")
        assert alerts and any(SCRIPT in a["payload"] for a in alerts)
    finally:
        client.close()


def test_email_escapes_the_payloads_and_adds_no_recipient(world):
    received = world.smtp.sink.received
    assert len(received) == 1, world.send_output
    envelope = received[0]
    assert envelope["rcpt_tos"] == [DESK]
    assert envelope["mail_from"] == "vigil@vigil.example"
    raw = envelope["content"]
    headers = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    assert VICTIM not in headers
    assert not re.search(r"(?im)^(bcc|cc|content-type: text/html)\s*:", headers)
    (message,) = world.smtp.sink.messages()
    assert [a.addr_spec for a in message["To"].addresses] == [DESK]
    assert message.get_all("Bcc") is None and message.get_all("Cc") is None
    assert "\n" not in str(message["Subject"]) and "\r" not in str(message["Subject"])
    text, html = parts(message)
    assert_inert(html, "the HTML part")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Bialiatski" in text
