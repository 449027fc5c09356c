"""From a stored article to the email, with the real analyser, ingest and SMTP server.

The article (written for this test) is in Russian and names the person in an inflected
form; the email must still say who it is, quote the sentence with the name marked, and
arrive once however often the pipeline is re-run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alerts_kit import (
    add_article,
    make_config,
    open_corpus,
    parts,
    smtp_server,  # noqa: F401  (fixture)
)

import store
from monitor import recipients
from monitor.alerts.mailer import send_due
from monitor.analysis import Analyser
from monitor.ingest import Ingest
from monitor.prisoners import PersonRecord

T0 = datetime(2026, 11, 22, 8, 5, tzinfo=UTC)
TITLE = "Беляцкий на свободе"
TEXT = ("В пятницу Алеся Беляцкого освободили из колонии. По словам адвоката, Беляцкий уже "
        "дома. Вместе с ним был задержан активист Игорь Новиков, его осудили на три года.")


@pytest.fixture
def pipeline(tmp_path, smtp_server):  # noqa: F811
    corpus, staff = open_corpus(tmp_path), store.open_staff(tmp_path / "staff.db")
    cfg = make_config(tmp_path, port=smtp_server.port)
    ingest = Ingest(cfg, corpus, staff)
    ingest._analyser = Analyser.from_records(
        [PersonRecord(964, "Ales Bialiatski", "former", "m"),
         PersonRecord(215, "Maryia Kalesnikava", "former", "f")])
    yield cfg, ingest, smtp_server
    ingest.close()


def test_russian_article_to_one_urgent_email_and_one_digest(pipeline):
    cfg, ingest, server = pipeline
    recipients.add(ingest.staff, "desk@example.org")
    article_id = add_article(ingest.corpus, title=TITLE, text=TEXT,
                             url="https://spring96.org/ru/news/130001")
    assert ingest.catch_up() == 1
    assert ingest.catch_up() == 0  # everything analysed and alerted

    urgent = send_due(ingest.staff, cfg, now=T0)
    assert urgent.sent == 1
    message = server.sink.messages()[0]
    # the release and the new name with a perfect score are both urgent
    assert message["Subject"] == "[Vigil] Urgent: Ales Bialiatski"
    text, html = parts(message)
    assert "Reported: released" in text
    assert "> В пятницу [[Алеся Беляцкого]] освободили из колонии." in text
    assert "<mark>Алеся Беляцкого</mark>" in html
    assert "Игорь Новиков" in text
    assert f"https://vigil.example.net/corpus/articles/{article_id}" in text

    digest = send_due(ingest.staff, cfg, now=T0 + timedelta(hours=9), include_digest=True)
    assert digest.sent == 1
    text, _ = parts(server.sink.messages()[1])
    assert "[[Алеся Беляцкого]]" in text and "Reported: released" not in text

    # the whole pipeline again, as after a crash: nothing new is queued or sent
    ingest.notify(article_id)
    assert send_due(ingest.staff, cfg, now=T0 + timedelta(days=1), include_digest=True).formed == 0
    assert server.sink.count() == 2
