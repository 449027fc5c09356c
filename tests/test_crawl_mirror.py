"""The crawl pipeline end to end against the loopback mirror of the real sources,
run with Scrapy's own `scrapy crawl` (spiders → pipelines → corpus.db, no analysis)."""

from __future__ import annotations

import pytest
from crawl_kit import corpus, scrapy_crawl, source_rows, stored_articles, versions

import store
from mirror import Mirror
from mirror.catalog import load_catalog


@pytest.fixture
def site(tmp_path):
    with Mirror() as mirror:
        path = tmp_path / "sources.toml"
        path.write_text(mirror.sources_toml())
        yield mirror, path


def _index_requests(mirror):
    return [r for r in mirror.requests if r.path.split("?")[0].endswith(
        ("/rss", "/rss.xml", "/sitemap.xml", "/news", "/news/", "/press-releases",
         "/wg-arbitrary-detention", "/category/news/"))]


def test_first_crawl_stores_exactly_the_expected_articles(site, tmp_path):
    mirror, sources = site
    scrapy_crawl(tmp_path, sources)
    stored = stored_articles(tmp_path)
    expected = {a.url: a for a in mirror.expected_articles()}
    assert set(stored) == set(expected)
    for url, article in expected.items():
        row = stored[url]
        assert row["source_id"] == article.source, url
        assert row["extraction"] == "ok", (url, row["extraction_note"])
        assert row["content_type"] == article.content_type, url
        assert row["language"] == article.language, url
        assert (row["published"] or "")[:10] == article.published, url
        assert article.phrase in row["text"], url
        assert row["author"] == article.author, url
        if article.content_type == "html":
            assert row["title"] == article.title, url
        assert row["text_hash"] and row["version"] == 1


def test_second_crawl_is_conditional_and_adds_nothing(site, tmp_path):
    mirror, sources = site
    scrapy_crawl(tmp_path, sources)
    first = stored_articles(tmp_path)
    mirror.clear_log()
    scrapy_crawl(tmp_path, sources)
    assert stored_articles(tmp_path).keys() == first.keys()
    article_paths = {url.split("/", 3)[3] for url in first}
    fetched_again = [r for r in mirror.requests if r.path.lstrip("/") in article_paths]
    assert fetched_again == [], "known articles are never downloaded again"
    index = _index_requests(mirror)
    assert index, "feeds and listings were polled"
    for request in index:
        headers = {k.lower(): v for k, v in request.headers.items()}
        assert "if-none-match" in headers or "if-modified-since" in headers, request.path
    assert {r.status for r in index} == {304}


def test_edited_article_becomes_a_new_version(site, tmp_path):
    mirror, sources = site
    scrapy_crawl(tmp_path, sources)
    key = next(a.key for a in load_catalog() if a.edit and a.phase == 1)
    mirror.apply_edit(key)
    edited = next(a for a in mirror.expected_articles() if a.key == key)
    scrapy_crawl(tmp_path, sources, "-a", "refresh=1")
    row = stored_articles(tmp_path)[edited.url]
    assert row["version"] == 2
    assert edited.edit_phrase in row["text"]
    (old,) = versions(tmp_path, row["id"])
    assert old["version"] == 1 and edited.edit_phrase not in old["text"]
    others = [r for r in stored_articles(tmp_path).values() if r["url"] != edited.url]
    assert all(r["version"] == 1 for r in others), "unchanged pages stay at version 1"


@pytest.mark.parametrize("mode, expected_error", [("forbidden", "HTTP 403"),
                                                  ("error", "HTTP 500")])
def test_failing_source_is_recorded_while_others_complete(site, tmp_path, mode, expected_error):
    mirror, sources = site
    mirror.set_failure("ohchr", mode)
    scrapy_crawl(tmp_path, sources)
    rows = source_rows(tmp_path)
    for failing in ("ohchr-press", "ohchr-wgad"):
        assert rows[failing]["health"] == "failing"
        assert rows[failing]["consecutive_failures"] == 1
        assert expected_error in rows[failing]["last_error"]
    stored = stored_articles(tmp_path)
    others = [a for a in mirror.expected_articles() if a.site != "ohchr"]
    assert {a.url for a in others} <= set(stored)
    assert all(rows[s]["health"] == "ok" for s in rows if not s.startswith("ohchr"))


def test_robots_txt_disallow_is_respected(site, tmp_path):
    mirror, sources = site
    scrapy_crawl(tmp_path, sources)
    drafts = [r for r in mirror.requests if "/drafts/" in r.path]
    assert drafts == [], "PEN Belarus disallows /en/drafts/ in robots.txt"
    assert not any("/drafts/" in url for url in stored_articles(tmp_path))
    db = corpus(tmp_path)
    (skipped,) = store.rows(db, "SELECT state, last_error FROM frontier WHERE url LIKE '%/drafts/%'")
    (poll,) = store.rows(db, "SELECT outcome, failed FROM polls WHERE source_id = 'pen-belarus'")
    db.close()
    assert skipped == {"state": "skipped", "last_error": "disallowed by robots.txt"}
    assert poll == {"outcome": "ok", "failed": 0}, "a page robots.txt excludes is not a failure"


def test_robots_txt_failure_keeps_the_crawler_away_from_that_host(site, tmp_path):
    mirror, sources = site
    mirror.set_failure("baj", "robots-error")
    scrapy_crawl(tmp_path, sources)
    baj_hits = [r for r in mirror.requests if r.site == "baj" and r.path != "/robots.txt"]
    assert baj_hits == []
    assert "robots.txt answered HTTP 503" in source_rows(tmp_path)["baj"]["last_error"]
    assert source_rows(tmp_path)["viasna-en"]["health"] == "ok"
