"""The mirror serves what its manifest says, and the fault server misbehaves as specified.

Real servers on 127.0.0.1 (port 0), real HTTP clients (urllib, http.client), real parsers
(feedparser, lxml, pypdfium2). No network beyond loopback.
"""

from __future__ import annotations

import html
import http.client
import re
import socket
import struct
import threading
import tomllib
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import defusedxml.ElementTree
import feedparser
import lxml.html
import pypdfium2
import pytest

from mirror import FaultServer, Mirror, MirrorError
from mirror.catalog import load_catalog
from spiders.sources import parse_sources

PRISONER_IDS = {964, 215, 184, 179, 425, 110, 176, 151, 76, 4140,
                100001, 100002, 100003, 100004}
SOURCE_IDS = {"viasna-en", "viasna-ru", "viasna-be", "salidarnast", "tsikhanouskaya",
              "ohchr-press", "ohchr-wgad", "un-news-en", "baj", "pen-belarus"}
HTML_LANG = {"en": "en", "ru": "ru", "be": "be", "be-latn": "be-Latn"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_PLAIN = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict | None = None, follow: bool = True, timeout: float = 10):
    """(status, headers, body) of a GET; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener() if follow else _PLAIN
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def canonical(url: str) -> str:
    """What Vigil stores: http (the mirror's scheme), no query, no fragment."""
    parts = urlsplit(url)
    return urlunsplit(("http", parts.netloc.lower(), parts.path, "", ""))


def pdf_text(body: bytes) -> str:
    document = pypdfium2.PdfDocument(body)
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    return " ".join(text.split())


def links_of(body: bytes, base: str) -> list[str]:
    return [urljoin(base, href) for href in lxml.html.fromstring(body).xpath("//a/@href")]


@pytest.fixture(scope="module")
def mirror():
    with Mirror() as running:
        yield running


@pytest.fixture
def fresh():
    """A mirror of one's own, for tests that change phase, edits or failures."""
    with Mirror() as running:
        yield running


@pytest.fixture(scope="module")
def sources(mirror):
    return {s.id: s for s in parse_sources(tomllib.loads(mirror.sources_toml()), "mirror")}


# ----------------------------------------------------------------- content


def test_content_covers_the_required_mix():
    articles = [a for a in load_catalog() if not a.robots_excluded]
    phase1 = [a for a in articles if a.phase == 1]
    phase2 = [a for a in articles if a.phase == 2]
    assert len(phase1) >= 30 and len(phase2) == 4
    assert {a.lang for a in phase1} == {"en", "ru", "be", "be-latn"}
    assert {a.source for a in phase1} == SOURCE_IDS
    assert any(a.content_type == "pdf" for a in phase1)
    assert {lang for a in phase1 if a.source.startswith("viasna") for lang in [a.lang]} \
        == {"en", "ru", "be"}
    assert any(not a.persons and not a.new_names for a in phase1)  # a page naming nobody
    for article in articles:
        assert set(article.persons) <= PRISONER_IDS, article.key
        if article.content_type == "html":
            size = len("\n\n".join(article.body).encode())
            assert 3 <= len(article.body) <= 8 and 1500 <= size <= 5000, article.key
    assert sum(a.edit is not None for a in articles) >= 1


def test_phase_two_brings_the_four_promised_articles():
    phase2 = {a.key: a for a in load_catalog() if a.phase == 2}
    inflected = [a for a in phase2.values() if a.lang == "ru" and 100001 in a.persons]
    assert len(inflected) == 1
    text = " ".join(inflected[0].body) + inflected[0].title
    assert "Кашпул" in text and not re.search(r"Кашпуль\b", text)  # no nominative form
    newcomer = [a for a in phase2.values() if a.new_names]
    assert len(newcomer) == 1 and not newcomer[0].persons
    assert "Article 342" in " ".join(newcomer[0].body) and "invented" in newcomer[0].note
    opinions = [a for a in phase2.values() if a.content_type == "pdf"]
    assert len(opinions) == 1 and opinions[0].persons == (964,)
    assert opinions[0].extra["opinion"]["symbol"] == "A/HRC/WGAD/2024/3"


# ----------------------------------------------------------------- pages


def test_every_expected_article_is_served_as_declared(mirror):
    expected = mirror.expected_articles()
    assert len(expected) >= 30
    for article in expected:
        status, headers, body = fetch(article.url)
        assert status == 200, article.url
        if article.content_type == "pdf":
            assert headers["Content-Type"] == "application/pdf"
            assert article.phrase in pdf_text(body)
            continue
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        page = lxml.html.fromstring(body)
        assert page.get("lang") == HTML_LANG[article.language]
        assert page.findtext(".//h1").strip() == article.title
        assert page.xpath("//meta[@property='article:published_time']/@content")[0] \
            .startswith(article.published)
        assert article.phrase in html.unescape(body.decode("utf-8"))


def test_pages_carry_chrome_for_extraction_to_cut(mirror):
    article = next(a for a in mirror.expected_articles() if a.key == "viasna-en-homiel-verdict")
    page = fetch(article.url)[2].decode()
    for chrome in ("viasna on patreon", "Latest news", "cookies", "Partnership"):
        assert chrome in page


def test_spring96_pages_expose_schema_org_metadata(mirror):
    url = mirror.base_urls["spring96"] + "/be/news/105991"
    page = lxml.html.fromstring(fetch(url)[2])
    meta = {m.get("itemprop"): m.get("content") for m in page.xpath("//meta[@itemprop]")}
    assert meta["datePublished"] == "2021-12-14T19:10:45+0300"
    assert meta["dateModified"] == "2021-12-14T19:10:45+0300"
    assert meta["inLanguage"] == "be"
    assert meta["name"] == "Праваабарончы цэнтр «Вясна»"  # author and publisher


def test_unknown_paths_and_future_articles_are_404(mirror):
    assert fetch(mirror.base_urls["spring96"] + "/en/news/1")[0] == 404
    assert fetch(mirror.base_urls["spring96"] + "/ru/news/118905")[0] == 404  # phase 2


def test_wgad_opinion_pdf_has_the_un_layout(mirror):
    url = mirror.base_urls["ohchr"] + ("/sites/default/files/documents/issues/detention-wg/"
                                       "opinions/session64/a-hrc-wgad-39-2012-belarus-aev.pdf")
    status, _, body = fetch(url)
    text = pdf_text(body)
    assert status == 200 and body.startswith(b"%PDF-")
    for line in ("A/HRC/WGAD/2012/39", "Distr.: General",
                 "Opinions adopted by the Working Group on Arbitrary Detention at its "
                 "sixty-fourth session", "No. 39/2012 (Belarus)",
                 "Communication addressed to the Government on", "Concerning: Ales Bialiatski",
                 "is arbitrary", "falls within category II"):
        assert line in text
    with Mirror() as other:  # deterministic bytes: same document from another instance
        assert fetch(other.base_urls["ohchr"] + urlsplit(url).path)[2] == body


# ----------------------------------------------------------------- indexes


def test_feeds_parse_and_their_links_canonicalise_to_expected_urls(mirror):
    expected = mirror.expected_articles()
    spellings = []
    for source, path in (("viasna-en", "/en/rss"), ("viasna-ru", "/ru/rss"),
                         ("viasna-be", "/be/rss")):
        status, headers, body = fetch(mirror.base_urls["spring96"] + path)
        feed = feedparser.parse(body)
        assert status == 200 and not feed.bozo and feed.version == "rss20"
        assert all(e.title and e.summary and e.published_parsed for e in feed.entries)
        links = [e.link for e in feed.entries]
        spellings += links
        assert {canonical(link) for link in links} == \
            {a.url for a in expected if a.source == source}
    assert any("utm_source=rss" in link for link in spellings)
    assert any(link.startswith("https://") for link in spellings)


def test_un_news_feed_links_redirect_to_canonical_stories(mirror):
    base = mirror.base_urls["un-news"]
    feed = feedparser.parse(fetch(base + "/feed/subscribe/en/news/all/rss.xml")[2])
    stories = {a.url for a in mirror.expected_articles() if a.source == "un-news-en"}
    assert len(feed.entries) == len(stories) == 2
    for entry in feed.entries:
        assert "/feed/view/en/story/" in entry.link
        status, headers, _ = fetch(entry.link, follow=False)
        assert status == 301 and headers["Location"] in stories


def _index_links(source, max_pages: int = 5) -> list[str]:
    """Links of every index page of a listing/sitemap source, following a[rel=next]."""
    found = []
    for url in source.urls:
        for _ in range(max_pages):
            body = fetch(url)[2]
            if source.kind == "sitemap":
                found += re.findall(rb"<loc>(.*?)</loc>", body)
                break
            found += links_of(body, url)
            nxt = lxml.html.fromstring(body).cssselect(source.next_page) \
                if source.next_page else []
            if not nxt:
                break
            url = urljoin(url, nxt[0].get("href"))
    return [x.decode() if isinstance(x, bytes) else x for x in found]


def _resolve(url: str) -> str:
    status, headers, _ = fetch(url, follow=False)
    return headers["Location"] if status in (301, 302) else url


def test_listing_and_sitemap_links_match_the_declared_patterns(mirror, sources):
    expected = mirror.expected_articles()
    for source_id in ("salidarnast", "tsikhanouskaya", "ohchr-press", "ohchr-wgad", "baj",
                      "pen-belarus"):
        source = sources[source_id]
        wanted = {_resolve(u) for u in _index_links(source) if source.link_wanted(u)}
        robots = urllib.robotparser.RobotFileParser(mirror.base_urls[
            {"ohchr-press": "ohchr", "ohchr-wgad": "ohchr"}.get(source_id, source_id)]
            + "/robots.txt")
        robots.read()
        allowed = {u for u in wanted if robots.can_fetch("Vigil", u)}
        assert allowed == {a.url for a in expected if a.source == source_id}, source_id
        if source_id == "pen-belarus":  # the listing links a page robots.txt forbids
            assert [u for u in wanted - allowed if "/en/drafts/" in u]
        if source_id == "baj":  # the sitemap also lists pages the deny patterns drop
            assert any("/en/about/" in u for u in _index_links(source))


def test_salidarnast_paginates_with_rel_next(mirror):
    base = mirror.base_urls["salidarnast"]
    first = lxml.html.fromstring(fetch(base + "/news")[2])
    assert first.cssselect("a[rel=next]")[0].get("href") == "/news?page=2"
    second = lxml.html.fromstring(fetch(base + "/news?page=2")[2])
    assert not second.cssselect("a[rel=next]") and second.cssselect("a[rel=prev]")
    assert fetch(base + "/news?page=9")[0] == 404


def test_tsikhanouskaya_shortlink_redirects_permanently(mirror):
    base = mirror.base_urls["tsikhanouskaya"]
    listing = fetch(base + "/en/news/")[2].decode()
    assert 'href="/?p=108412"' in listing
    status, headers, _ = fetch(base + "/?p=108412", follow=False)
    assert status == 301 and headers["Location"] == base + "/en/news/9f3c2a1b7d4e8f0.html"
    assert fetch(base + "/?p=1", follow=False)[0] == 404


# ----------------------------------------------------------------- HTTP behaviour


@pytest.mark.parametrize("site,path", [
    ("spring96", "/en/rss"), ("salidarnast", "/news"), ("baj", "/sitemap.xml"),
    ("ohchr", "/en/special-procedures/wg-arbitrary-detention/opinions"),
    ("spring96", "/en/news/104811"),
])
def test_conditional_get_answers_304(mirror, site, path):
    url = mirror.base_urls[site] + path
    status, headers, body = fetch(url)
    assert status == 200 and body and "charset=utf-8" in headers["Content-Type"]
    etag, modified = headers["ETag"], headers["Last-Modified"]
    for validator in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        status, again, body = fetch(url, validator)
        assert status == 304 and body == b"" and again["ETag"] == etag
    assert fetch(url, {"If-None-Match": '"stale"'})[0] == 200
    assert fetch(url, {"If-None-Match": '"stale"', "If-Modified-Since": modified})[0] == 200


def test_publishing_phase_two_changes_indexes_and_validators(fresh):
    urls = [fresh.base_urls["spring96"] + "/ru/rss", fresh.base_urls["spring96"] + "/en/rss",
            fresh.base_urls["salidarnast"] + "/news",
            fresh.base_urls["ohchr"] + "/en/special-procedures/wg-arbitrary-detention/opinions"]
    before = {url: fetch(url)[1] for url in urls}
    new = [a for a in fresh.expected_articles(phase=2) if a.phase == 2]
    assert all(fetch(a.url)[0] == 404 for a in new)
    fresh.publish_phase(2)
    for url, old in before.items():
        status, now, body = fetch(url, {"If-None-Match": old["ETag"],
                                        "If-Modified-Since": old["Last-Modified"]})
        assert status == 200 and now["ETag"] != old["ETag"]
        assert parsedate_to_datetime(now["Last-Modified"]) > \
            parsedate_to_datetime(old["Last-Modified"])
        assert fetch(url, {"If-Modified-Since": old["Last-Modified"]})[0] == 200
    assert all(fetch(a.url)[0] == 200 for a in new)
    assert len(fresh.expected_articles()) == len(fresh.expected_articles(phase=1)) + 4


def test_an_edit_serves_a_new_version_with_new_validators(fresh):
    key = "viasna-en-bialiatski-verdict"
    article = next(a for a in fresh.expected_articles() if a.key == key)
    _, old, old_body = fetch(article.url)
    fresh.apply_edit(key)
    edited = next(a for a in fresh.expected_articles() if a.key == key)
    status, new, body = fetch(edited.url, {"If-None-Match": old["ETag"]})
    page = html.unescape(body.decode())
    assert status == 200 and new["ETag"] != old["ETag"]
    assert edited.edit_phrase in page and article.edit_phrase is None
    assert edited.phrase in page and "The defence intends to appeal" not in page
    assert new["Last-Modified"] == "Fri, 21 Apr 2023 11:05:37 GMT"
    assert 'itemprop="dateModified" content="2023-04-21T14:05:37+0300"' in page
    assert edited.modified == "2023-04-21T14:05:37+03:00"
    feed_before = fetch(fresh.base_urls["spring96"] + "/en/rss")[1]["Last-Modified"]
    assert parsedate_to_datetime(feed_before) >= parsedate_to_datetime(new["Last-Modified"])
    with pytest.raises(MirrorError):
        fresh.apply_edit("viasna-ru-nobel")  # has no edited version
    with pytest.raises(MirrorError):
        fresh.apply_edit("no-such-article")


def test_failure_modes(fresh):
    ohchr, baj = fresh.base_urls["ohchr"], fresh.base_urls["baj"]
    fresh.set_failure("ohchr-press", "forbidden")  # a source id names its site
    status, headers, body = fetch(ohchr + "/en/press-releases")
    assert status == 403 and b"<title>Just a moment...</title>" in body
    assert headers["cf-mitigated"] == "challenge" and headers["Server"] == "cloudflare"
    assert fetch(ohchr + "/robots.txt")[0] == 200
    fresh.set_failure("baj", "forbidden")
    assert fetch(baj + "/sitemap.xml")[0] == 403
    fresh.set_failure("baj", "error")
    assert fetch(baj + "/sitemap.xml")[0] == 500
    fresh.set_failure("baj", "robots-error")
    assert fetch(baj + "/robots.txt")[0] == 503 and fetch(baj + "/sitemap.xml")[0] == 200
    fresh.set_failure("baj", None)
    fresh.set_failure("ohchr", None)
    assert fetch(baj + "/robots.txt")[0] == 200 and fetch(ohchr + "/en/press-releases")[0] == 200
    with pytest.raises(MirrorError):
        fresh.set_failure("baj", "explode")
    with pytest.raises(MirrorError):
        fresh.set_failure("example.org", "error")


def _stalled_client(base_url: str, path: str) -> socket.socket:
    """A connection that has sent its request and now waits for an answer."""
    host, port = urlsplit(base_url).hostname, urlsplit(base_url).port
    sock = socket.create_connection((host, port), timeout=10)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    return sock


def _stops_promptly(server) -> bool:
    stopper = threading.Thread(target=server.stop, daemon=True)
    stopper.start()
    stopper.join(timeout=10)
    return not stopper.is_alive()


def test_a_hanging_site_blocks_neither_other_sites_nor_stop():
    mirror = Mirror().start()
    mirror.set_failure("spring96", "hang")
    waiting = _stalled_client(mirror.base_urls["spring96"], "/en/rss")
    with pytest.raises(TimeoutError):
        fetch(mirror.base_urls["spring96"] + "/en/rss", timeout=0.5)
    assert fetch(mirror.base_urls["pen-belarus"] + "/en/category/news/")[0] == 200
    assert [r.status for r in mirror.requests if r.site == "spring96"] == [0, 0]
    assert _stops_promptly(mirror)
    assert waiting.recv(100) == b""  # the server closed the stalled connection
    waiting.close()


def test_request_log_records_every_request(fresh):
    fresh.clear_log()
    url = fresh.base_urls["baj"] + "/sitemap.xml"
    fetch(url, {"User-Agent": "VigilTest/1.0"})
    fetch(fresh.base_urls["baj"] + "/missing")
    first, second = fresh.requests
    assert (first.site, first.method, first.path, first.status) == \
        ("baj", "GET", "/sitemap.xml", 200)
    assert first.headers["User-Agent"] == "VigilTest/1.0" and first.bytes > 100
    assert second.status == 404
    fresh.clear_log()
    assert fresh.requests == []


def test_keep_alive_connection_is_reused(mirror):
    port = urlsplit(mirror.base_urls["spring96"]).port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.connect()
    first_socket = connection.sock
    for _ in range(20):
        connection.request("GET", "/en/rss")
        response = connection.getresponse()
        assert response.status == 200 and response.read()
    assert connection.sock is first_socket
    connection.close()


# ----------------------------------------------------------------- sources file


def test_sources_toml_is_a_valid_vigil_sources_file(mirror, sources):
    assert set(sources) == SOURCE_IDS
    for source in sources.values():
        assert source.allowed_domains == ("127.0.0.1",) and source.interval_minutes == 30
        assert all(url.startswith("http://127.0.0.1:") for url in source.urls)
    assert sources["salidarnast"].next_page == "a[rel=next]"
    assert sources["ohchr-wgad"].follow_pdfs and sources["baj"].kind == "sitemap"
    only = parse_sources(tomllib.loads(mirror.sources_toml(5, sites=["spring96", "baj"])), "m")
    assert {s.id for s in only} == {"viasna-en", "viasna-ru", "viasna-be", "baj"}
    assert {s.interval_minutes for s in only} == {5}


# ----------------------------------------------------------------- fault server


@pytest.fixture(scope="module")
def faults():
    with FaultServer() as server:
        yield server


def test_a_fresh_fault_server_has_seen_nobody():
    with FaultServer() as server:
        assert server.connections == 0 and server.hit_count() == 0
        fetch(server.url("/robots.txt"))
        assert server.connections == 1 and server.hit_count("/robots.txt") == 1


def test_stalls_time_out_and_never_block_stop():
    server = FaultServer().start()
    with pytest.raises(TimeoutError):
        fetch(server.url("/stall"), timeout=0.3)
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(server.base_url).port,
                                            timeout=0.5)
    connection.request("GET", "/headers-then-stall")
    response = connection.getresponse()  # the headers arrive...
    assert response.status == 200 and response.headers["Content-Length"] == "100000"
    with pytest.raises(TimeoutError):
        response.read()  # ...the body never does
    waiting = _stalled_client(server.base_url, "/stall")
    assert _stops_promptly(server)
    waiting.close()


def test_reset_mid_body(faults):
    with pytest.raises((ConnectionResetError, http.client.IncompleteRead)):
        fetch(faults.url("/reset-mid-body"))


def test_flaky_rate_limited_and_redirect_routes(faults):
    assert [fetch(faults.url("/flaky?id=t1&fail=2"))[0] for _ in range(3)] == [503, 500, 200]
    status, headers, _ = fetch(faults.url("/rate-limited?id=t1"))
    assert status == 429 and headers["Retry-After"] == "1"
    assert fetch(faults.url("/rate-limited?id=t1"))[0] == 200
    status, headers, _ = fetch(faults.url("/redirect-loop"), follow=False)
    assert status == 302 and fetch(headers["Location"], follow=False)[1]["Location"] == \
        faults.url("/redirect-loop")
    target = "http://169.254.169.254/latest/meta-data/"
    status, headers, _ = fetch(faults.url("/redirect?to=" + target), follow=False)
    assert status == 302 and headers["Location"] == target


@pytest.mark.parametrize("length", ["1", "0"])
def test_big_bodies_stream_with_or_without_length(faults, length):
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(faults.base_url).port)
    connection.request("GET", f"/big?mb=3&length={length}")
    response = connection.getresponse()
    assert response.getheader("Content-Length") == ("3000000" if length == "1" else None)
    total = 0
    while chunk := response.read(65536):
        total += len(chunk)
    assert total == 3_000_000
    connection.close()


def test_gzip_bomb_is_small_but_inflates_past_a_gigabyte(faults):
    status, headers, body = fetch(faults.url("/gzip-bomb"))
    assert status == 200 and headers["Content-Encoding"] == "gzip" and len(body) < 2_000_000
    declared_size = struct.unpack("<I", body[-4:])[0]
    assert declared_size == (1100 << 20) & 0xFFFFFFFF  # 1100 MiB, modulo 2**32
    inflater = zlib.decompressobj(31)
    first = inflater.decompress(body, 64 << 20)
    assert len(first) == 64 << 20 and not first.strip(b"\0")


def test_encoding_faults(faults):
    _, headers, body = fetch(faults.url("/invalid-utf8"))
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    _, headers, body = fetch(faults.url("/wrong-charset"))
    assert "charset=utf-8" in headers["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "Марии Колесниковой" in body.decode("cp1251")
    _, headers, body = fetch(faults.url("/cp1251-undeclared"))
    assert headers["Content-Type"] == "text/html" and b"charset" not in body.lower()
    assert "Александра Кашпуля" in body.decode("cp1251")


def test_feed_faults(faults):
    assert feedparser.parse(fetch(faults.url("/feed/truncated"))[2]).bozo
    assert not feedparser.parse(fetch(faults.url("/feed/html-instead"))[2]).entries
    assert fetch(faults.url("/feed/empty"))[:3:2] == (200, b"")
    for hostile, error in (("/feed/xxe", "ExternalReferenceForbidden"),
                           ("/feed/billion-laughs", "EntitiesForbidden")):
        with pytest.raises(defusedxml.DefusedXmlException) as raised:
            defusedxml.ElementTree.fromstring(fetch(faults.url(hostile))[2])
        assert type(raised.value).__name__ in (error, "EntitiesForbidden")
    assert b"file:///etc/passwd" in fetch(faults.url("/feed/xxe"))[2]
    assert len(feedparser.parse(fetch(faults.url("/feed/many"))[2]).entries) == 40
    assert len(feedparser.parse(fetch(faults.url("/feed/none"))[2]).entries) == 0
    counts = [len(feedparser.parse(fetch(faults.url("/feed/switching?after=2"))[2]).entries)
              for _ in range(3)]
    assert counts == [40, 40, 0]
    links = feedparser.parse(fetch(faults.url("/feed/links?path=/stall&path=/big%3Fmb%3D50"))[2])
    assert [e.link for e in links.entries] == [faults.url("/stall"), faults.url("/big?mb=50")]


def test_switching_feed_can_be_emptied_by_hand():
    with FaultServer() as server:
        assert len(feedparser.parse(fetch(server.url("/feed/switching"))[2]).entries) == 40
        server.empty_switching_feed()
        assert len(feedparser.parse(fetch(server.url("/feed/switching"))[2]).entries) == 0


def test_pathological_pages_and_corrupt_pdf(faults):
    assert len(fetch(faults.url("/page/huge"))[2]) >= 5_000_000
    assert fetch(faults.url("/page/nested"))[2].count(b"<div>") == 50_000
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(fetch(faults.url("/pdf/corrupt"))[2])
    assert fetch(faults.url("/article/7"))[0] == 200


def test_injection_page_carries_every_payload(faults):
    body = fetch(faults.url("/inject/article"))[2]
    page = lxml.html.fromstring(body)
    title = page.findtext(".//title")
    assert "<script>alert(1)</script>" in title and "\r\nBcc: victim@example.org" in title
    text = page.text_content()
    assert "<img src=x onerror=alert(1)>" in text and "Ales Bialiatski" in text
    assert b"<script>alert(1)</script>" in body  # a real tag, too
    assert any(h.lower().startswith("javascript:") for h in page.xpath("//a/@href"))
    entry = feedparser.parse(fetch(faults.url("/feed/inject"))[2]).entries[0]
    assert "Bcc: victim@example.org" in entry.title and entry.link.endswith("/inject/article")


@pytest.mark.parametrize("mode,expect", [("ok", 200), ("503", 503)])
def test_robots_modes(mode, expect):
    with FaultServer(robots=mode) as server:
        assert fetch(server.url("/robots.txt"))[0] == expect


def test_stalling_robots():
    server = FaultServer(robots="stall").start()
    with pytest.raises(TimeoutError):
        fetch(server.url("/robots.txt"), timeout=0.3)
    assert server.hit_count("/robots.txt") == 1
    assert _stops_promptly(server)
    with pytest.raises(ValueError):
        FaultServer(robots="sometimes")
