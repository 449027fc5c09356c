"""Email composition: grouping, highlighting, links, escaping, header hygiene."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from alerts_kit import make_config

from monitor.alerts.compose import compose, header_safe, render
from monitor.alerts.view import safe_url


def person_alert(kind="mention", pid=964, name="Ales Bialiatski", article_id=7, urgent=False,
                 title="Founder moved again", url="https://spring96.org/en/news/120001",
                 sentence="Relatives say Ales Bialiatski has no letters.", mark="find",
                 event=None, published="2026-11-20T09:30:00+00:00"):
    if mark == "find":  # where the person's name stands in the sentence
        start = sentence.index(name)
        mark = (start, start + len(name))
    payload = {"person": {"id": pid, "name": name, "status": "former"},
               "article": {"id": article_id, "title": title, "url": url, "published": published,
                           "source_id": "viasna-en", "source_name": "Viasna (English)"},
               "sentence": sentence, "mark": list(mark) if mark else None}
    if event:
        payload["event"] = event
    return {"id": article_id * 10 + pid, "kind": kind, "urgent": int(urgent), "prisoner_id": pid,
            "article_id": article_id, "source_id": "viasna-en", "payload": payload}


@pytest.fixture
def cfg(tmp_path):
    return make_config(tmp_path)


def test_items_are_grouped_by_person_with_highlight_and_links(cfg):
    alerts = [
        person_alert(),
        person_alert(pid=215, name="Maryia Kalesnikava", article_id=8, title="Visit refused",
                     sentence="A visit to Maryia Kalesnikava was refused."),
        person_alert(pid=964, article_id=9, title="Second report",
                     sentence="Ales Bialiatski was mentioned at a hearing."),
    ]
    subject, text, html = render(cfg, alerts)
    assert subject == "[Vigil] Digest: 3 alerts about 2 people"
    # persons in name order, each with its articles under it
    assert text.index("* Ales Bialiatski (former)") < text.index("Founder moved again") \
        < text.index("* Maryia Kalesnikava") < text.index("Visit refused")
    assert text.index("Second report") < text.index("* Maryia Kalesnikava")
    assert "> Relatives say [[Ales Bialiatski]] has no letters." in text
    assert "Relatives say <mark>Ales Bialiatski</mark> has no letters." in html
    assert '<a href="https://spring96.org/en/news/120001">Founder moved again</a>' in html
    assert '<a href="https://vigil.example.net/corpus/articles/7">' in html
    assert '<a href="https://vigil.example.net/corpus/person?id=964">Ales Bialiatski</a>' in html
    assert "https://vigil.example.net/corpus/person?id=215" in text
    assert "Viasna (English), 2026-11-20" in text


def test_mention_and_event_of_one_article_are_one_item(cfg):
    alerts = [person_alert(),
              person_alert(kind="event", urgent=True, event={"type": "released", "term": None},
                           sentence="Ales Bialiatski was released.")]
    subject, text, html = render(cfg, alerts, kind="urgent")
    assert subject == "[Vigil] Urgent: Ales Bialiatski"
    assert text.count("Founder moved again") == 1
    assert "Reported: released" in text
    assert "[[Ales Bialiatski]] has no letters" in text  # the mention's quote is kept


INJECTED_TITLE = 'Report <script>alert(1)</script><img src=x onerror="steal()">\r\nBcc: victim@example.org'


def test_scraped_markup_is_escaped_and_bad_links_are_not_links(cfg):
    alerts = [person_alert(title=INJECTED_TITLE, url="javascript:alert(document.cookie)",
                           sentence='He said <b onmouseover="x()">hello</b> to Ales Bialiatski.'),
              person_alert(pid=215, name="Maryia Kalesnikava", article_id=8,
                           url="data:text/html;base64,PHNjcmlwdD4=", mark=None)]
    _, text, html = render(cfg, alerts)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and 'onerror="' not in html
    assert "<b onmouseover" not in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "<code>javascript:alert(document.cookie)</code>" in html
    assert "Original address (not a web link): data:text/html;base64,PHNjcmlwdD4=" in text
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;hello&lt;/b&gt; to <mark>Ales Bialiatski</mark>" in html


def test_headers_are_single_lines_and_recipient_comes_from_the_batch(cfg):
    alerts = [person_alert(name="Ales\r\nBcc: victim@example.org", title=INJECTED_TITLE,
                           mark=None)]
    batch = {"id": 3, "kind": "urgent", "email": "desk@example.org",
             "name": "Desk\r\nCc: other@example.org", "message_id": "<vigil.abc@example.org>",
             "created_at": "2026-11-20T10:00:00+00:00"}
    raw = compose(cfg, batch, alerts).as_bytes()
    message = message_from_bytes(raw, policy=default_policy)
    assert message["Bcc"] is None and message["Cc"] is None
    assert message["To"].addresses[0].addr_spec == "desk@example.org"
    assert len(message["To"].addresses) == 1
    assert message["Subject"] == "[Vigil] Urgent: Ales Bcc: victim@example.org"
    assert message["Message-ID"] == "<vigil.abc@example.org>"
    assert message["From"].addresses[0].addr_spec == "vigil@example.org"
    assert message["Date"].datetime.isoformat() == "2026-11-20T10:00:00+00:00"
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in header_block and b"\r\nCc:" not in header_block


def test_other_sections(cfg):
    article = {"id": 5, "title": "Opinion adopted", "url": "https://www.ohchr.org/x",
               "published": "2026-11-19", "source_name": "OHCHR", "source_id": "ohchr"}
    alerts = [
        {"id": 1, "kind": "un_document", "urgent": 1, "payload": {
            "article": article, "persons": [{"id": 425, "name": "Andrzej Poczobut"}],
            "un_document": {"kind": "wgad_opinion", "symbol": "A/HRC/WGAD/2026/9",
                            "number": "9/2026", "concerning": "Andrzej Poczobut"}}},
        {"id": 2, "kind": "candidate", "urgent": 0, "payload": {
            "candidate": {"id": 4, "name": "Ihar Novik", "score": 0.61}, "article": article,
            "sentence": "Ihar Novik was detained.", "mark": [0, 10]}},
        {"id": 3, "kind": "health", "urgent": 0, "payload": {
            "state": "failing", "since": "2026-11-20T08:00:00+00:00", "detail": "HTTP 503",
            "source": {"id": "ohchr", "name": "OHCHR"}}},
    ]
    subject, text, html = render(cfg, alerts, kind="urgent")
    assert subject == "[Vigil] Urgent: UN document A/HRC/WGAD/2026/9"
    assert text.index("== Possible new names") < text.index("== UN documents") \
        < text.index("== Sources")
    assert "[[Ihar Novik]] was detained." in text
    assert "Listed person: Andrzej Poczobut https://vigil.example.net/corpus/person?id=425" in text
    assert "OHCHR: failing since 2026-11-20T08:00:00+00:00" in text
    assert "<mark>Ihar Novik</mark>" in html


def test_a_un_document_without_its_symbol_is_named_by_its_kind(cfg):
    article = {"id": 6, "title": "UN experts on Kashpul", "url": "https://spring96.org/ru/n",
               "published": "2026-11-19", "source_name": "Viasna", "source_id": "viasna-ru"}
    alerts = [{"id": 1, "kind": "un_document", "urgent": 1, "payload": {
        "article": article, "persons": [{"id": 100001, "name": "Aliaksandr Kashpul"}],
        "un_document": {"kind": "wgad_opinion", "symbol": None, "finding": "arbitrary"}}}]
    subject, text, html = render(cfg, alerts, kind="urgent")
    assert subject == "[Vigil] Urgent: UN document WGAD opinion"
    assert "* URGENT: WGAD opinion, arbitrary" in text
    assert "1 alert(s), 1 urgent, about 1 listed person(s)." in text
    assert "<strong>WGAD opinion</strong>" in html
    assert "wgad_opinion" not in text + html


@pytest.mark.parametrize("url, linked", [
    ("https://spring96.org/en/news/1", True), ("http://example.org/a?b=1", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False),
    ("//evil.example/x", False), ("https://exa mple.org", False), ("ftp://example.org/", False),
    ('https://example.org/"onmouseover=x', False), ("https:///nohost", False), ("", False),
])
def test_safe_url(url, linked):
    assert (safe_url(url) == url) is linked


def test_header_safe():
    assert header_safe("a\r\nBcc: x\u2028y\tz") == "a Bcc: x y z"
    assert len(header_safe("x" * 500)) == 180
