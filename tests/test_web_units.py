"""Small web-side pieces: canonical URLs, charsets, dates, feeds, PDFs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fpdf import FPDF

from spiders.dates import normalise_date
from spiders.encoding import decode_html
from spiders.extract import extract_document
from spiders.feed import NotAFeed, feed_links
from spiders.pdf import UnreadablePdf, pdf_text
from spiders.safety import is_public_address
from spiders.urls import canonical_url


@pytest.mark.parametrize("raw, scheme, expected", [
    ("http://Spring96.org./en/news/115881?utm_source=rss&utm_medium=feed#top", "https",
     "https://spring96.org/en/news/115881"),
    ("https://spring96.org:443/en/news/1", None, "https://spring96.org/en/news/1"),
    ("http://127.0.0.1:8080/a?b=2&a=1&fbclid=x", "http", "http://127.0.0.1:8080/a?a=1&b=2"),
    ("https://tsikhanouskaya.org/?p=97666", "https", "https://tsikhanouskaya.org/?p=97666"),
])
def test_canonical_url(raw, scheme, expected):
    assert canonical_url(raw, scheme) == expected


def test_charset_declared_wrongly_or_not_at_all():
    russian = "<html><body><p>Суд над Александром Кашпулем прошёл в закрытом режиме.</p></body></html>"
    cp1251 = russian.encode("cp1251")
    text, used = decode_html(cp1251, None)
    assert "Кашпулем" in text and used.replace("_", "-").lower() in ("cp1251", "windows-1251")
    text, _ = decode_html(cp1251, "utf-8")  # a lying header
    assert "Кашпулем" in text
    text, _ = decode_html(b"<p>caf\xc3\xa9 \xff\xfe broken</p>", "utf-8")
    text.encode("utf-8")  # always valid text, even from invalid bytes


@pytest.mark.parametrize("raw, expected", [
    ("Mon, 01 Jul 2024 10:00:00 +0300", "2024-07-01T07:00:00+00:00"),
    ("2024-07-31T15:04:13+0300", "2024-07-31T12:04:13+00:00"),
    ("2024-03-22", "2024-03-22"),
    ("not a date", None),
    (None, None),
])
def test_normalise_date(raw, expected):
    assert normalise_date(raw) == expected


def test_feed_links_and_feed_errors():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           b"<item><title>One</title><link>https://spring96.org/en/news/1</link>"
           b"<pubDate>Tue, 02 Jul 2024 10:00:00 +0000</pubDate></item></channel></rss>")
    (link,) = feed_links(rss, "application/rss+xml", "https://spring96.org/en/rss")
    assert link.url == "https://spring96.org/en/news/1"
    assert link.published == "2024-07-02T10:00:00+00:00"
    for bad in (b"", b"<html><body>Just a moment...</body></html>", rss[:60]):
        with pytest.raises(NotAFeed):
            feed_links(bad, "text/html", "https://spring96.org/en/rss")


def test_pdf_text_and_corrupt_pdf():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_title("Opinion No. 39/2012")
    pdf.set_creation_date(datetime(2012, 11, 23, 11, 0, tzinfo=UTC))
    pdf.multi_cell(0, 6, "A/HRC/WGAD/2012/39\nConcerning: Ales Bialiatski")
    text, info = pdf_text(bytes(pdf.output()))
    assert "Concerning: Ales Bialiatski" in text
    assert info.title == "Opinion No. 39/2012"
    assert info.created.startswith("2012-11-23T11:00:00")
    with pytest.raises(UnreadablePdf):
        pdf_text(b"%PDF-1.4 this is not really a pdf")
    result = extract_document({"body": b"%PDF-1.4 garbage", "content_type": "pdf", "link": {}})
    assert result["extraction"] == "failed" and "unreadable PDF" in result["extraction_note"]


def test_empty_html_is_recorded_as_empty_not_dropped():
    result = extract_document({"body": b"<html><body><nav>Home</nav></body></html>",
                               "content_type": "html", "encoding": "utf-8", "url": "http://x/",
                               "link": {"title": "From the feed"}})
    assert result["extraction"] == "empty"
    assert result["title"] == "From the feed"


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("169.254.169.254", False),
    ("::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("93.184.216.34", True),
])
def test_public_address_check(address, public):
    assert is_public_address(address) is public
