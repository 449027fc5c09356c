"""Broken and hostile documents: feeds that are cut, not feeds at all, empty, or carry XML
attacks; pages too big or too deep to extract; a corrupt PDF. Each is recorded for its
own source, nothing from outside the document reaches the store, and the other sources
complete in the same crawl.

One crawl (Scrapy's own `scrapy crawl sources`) polls every source; each fault source has
a fault server of its own. The extraction timeout is short (0.5 s) so that the guard
really fires on a page of distinct paragraphs that takes an extractor seconds. The "feed suddenly
empty" source is then polled again and assessed by the daemon's own health check.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from crawl_kit import scrapy_crawl

import store
from mirror import FaultServer, Mirror
from mirror import fault_payloads as payload
from monitor import recipients
from monitor.config import load
from monitor.health import EMPTY, check_source
from spiders.feed import NotAFeed, feed_links

pytestmark = pytest.mark.slow

# An ordinary page takes an extractor 2-20 ms, the slow page about three seconds.
EXTRACT_TIMEOUT = 0.5
PAGES = ("/page/huge", "/page/nested", "/page/slow", "/pdf/corrupt")
FEEDS = {  # source id -> path of its feed on its own fault server
    "d-truncated": "/feed/truncated",
    "d-html": "/feed/html-instead",
    "d-empty": "/feed/empty",
    "d-xxe": "/feed/xxe",
    "d-laughs": "/feed/billion-laughs",
    "d-switching": "/feed/switching?after=1",
    "d-pages": "/feed/links?" + "&".join(f"path={quote(p, safe='')}" for p in PAGES),
}
OTHER_SITES = ["baj"]


def _entry(source_id: str, url: str) -> str:
    return (f'[[source]]\nid = "{source_id}"\nname = "Fault {source_id}"\norg = "ngo"\n'
            f'languages = ["en"]\nkind = "feed"\nurl = "{url}"\n'
            f'allowed_domains = ["127.0.0.1"]\ninterval_minutes = 30\n\n')


def _passwd_lines() -> list[str]:
    """Lines of /etc/passwd long enough not to occur by chance in a news corpus."""
    with contextlib.suppress(OSError):
        return [line for line in Path("/etc/passwd").read_text().splitlines() if len(line) > 12]
    return []


class World:
    def __init__(self, home: Path, mirror: Mirror, servers: dict[str, FaultServer],
                 sources_file: Path) -> None:
        self.home, self.mirror, self.servers, self.sources_file = home, mirror, servers, sources_file
        self.logs: list[str] = []
        self.seconds: list[float] = []

    def crawl(self, *args: str) -> None:
        started = time.monotonic()
        self.logs.append(scrapy_crawl(
            self.home, self.sources_file, "-s", f"VIGIL_EXTRACT_TIMEOUT={EXTRACT_TIMEOUT}",
            "-s", "DOWNLOAD_MAXSIZE=6000000", "-s", "DOWNLOAD_TIMEOUT=10", *args))
        self.seconds.append(time.monotonic() - started)

    def query(self, sql: str, params=()) -> list[dict]:
        db = store.connect(self.home / "corpus.db")
        try:
            return store.rows(db, sql, params)
        finally:
            db.close()

    def source(self, source_id: str) -> dict:
        return self.query("SELECT * FROM sources WHERE id = ?", (source_id,))[0]

    def article(self, source_id: str, path: str) -> dict | None:
        """The article stored for this URL (fault servers serve identical pages, so it may
        be an alias of the same text fetched from another server first)."""
        found = self.query("SELECT articles.* FROM article_urls JOIN articles ON articles.id "
                           "= article_urls.article_id WHERE article_urls.url = ?",
                           (self.servers[source_id].url(path),))
        return found[0] if found else None

    def requested(self, source_id: str) -> list[str]:
        return [hit.path for hit in self.servers[source_id].hits.snapshot()]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    home = tmp_path_factory.mktemp("document-faults")
    with contextlib.ExitStack() as stack:
        mirror = stack.enter_context(Mirror())
        servers = {sid: stack.enter_context(FaultServer()) for sid in FEEDS}
        sources_file = home / "sources.toml"
        sources_file.write_text(mirror.sources_toml(sites=OTHER_SITES) + "\n" + "".join(
            _entry(sid, servers[sid].url(path)) for sid, path in FEEDS.items()))
        world = World(home, mirror, servers, sources_file)
        world.crawl()
        yield world


# ---------------------------------------------------------------------- feeds

def test_a_truncated_feed_yields_its_complete_entries_only(world):
    source = world.source("d-truncated")
    assert (source["health"], source["last_entry_count"]) == ("ok", 3)
    for number in (1, 2, 3):
        assert world.article("d-truncated", f"/article/{number}")["extraction"] == "ok"
    assert not {"/article/4", "/article/5"} & set(world.requested("d-truncated"))


@pytest.mark.parametrize("source_id, error", [
    ("d-html", "not a readable feed"),
    ("d-empty", "empty response where a feed was expected"),
])
def test_html_or_nothing_where_a_feed_should_be_is_a_recorded_failure(world, source_id, error):
    source = world.source(source_id)
    assert source["health"] == "failing" and error in source["last_error"]
    assert world.servers[source_id].url(FEEDS[source_id]) in source["last_error"]
    assert world.requested(source_id) == ["/robots.txt", FEEDS[source_id]]


def test_no_external_entity_is_ever_resolved(world):
    source = world.source("d-xxe")
    assert source["health"] == "ok"
    (link,) = world.query("SELECT * FROM frontier WHERE source_id = 'd-xxe'")
    assert link["entry_title"] == "Leak: &xxe;"  # the reference stays a reference
    secrets = _passwd_lines()
    assert secrets, "this test needs a readable /etc/passwd"
    for path in world.home.glob("corpus.db*"):
        data = path.read_bytes()
        assert not [line for line in secrets if line.encode() in data], path
    for log in world.logs:
        assert not [line for line in secrets if line in log]


def test_billion_laughs_parses_fast_and_expands_nothing(world):
    body = payload.billion_laughs_feed("http://127.0.0.1:1")
    started = time.perf_counter()
    try:
        links = feed_links(body, "application/rss+xml; charset=utf-8", "http://127.0.0.1:1/")
    except NotAFeed:
        links = []
    assert time.perf_counter() - started < 1.0
    assert all(len(link.title or "") < 100 for link in links)
    assert world.source("d-laughs")["health"] == "ok"
    (link,) = world.query("SELECT * FROM frontier WHERE source_id = 'd-laughs'")
    assert link["entry_title"] == "&lol9;"  # never expanded
    for path in world.home.glob("corpus.db*"):
        assert b"lollollollol" not in path.read_bytes(), path


def test_a_feed_that_suddenly_empties_raises_one_health_alert(world):
    home = world.home
    cfg = load(env={"VIGIL_HOME": str(home)})
    corpus, staff = store.open_corpus(home / "corpus.db"), store.open_staff(home / "staff.db")
    try:
        recipients.add(staff, "desk@example.org")
        assert world.source("d-switching")["last_entry_count"] == 40
        assert check_source(corpus, staff, cfg, "d-switching") is None
        world.crawl("-a", "sources=d-switching")  # the next poll: the feed has no entries
        source = world.source("d-switching")
        assert (source["health"], source["last_entry_count"], source["peak_entry_count"]) == \
            ("ok", 0, 40)
        for _ in range(3):  # the daemon asks after every poll; one episode, one alert
            assert check_source(corpus, staff, cfg, "d-switching") == EMPTY
        alerts = store.rows(staff, "SELECT * FROM alerts WHERE kind = 'health'")
        assert len(alerts) == 1 and alerts[0]["source_id"] == "d-switching"
        assert '"state": "empty"' in alerts[0]["payload"]
        assert store.scalar(staff, "SELECT COUNT(*) FROM deliveries") == 1
    finally:
        corpus.close()
        staff.close()


# ---------------------------------------------------------------------- pages

def test_a_page_too_big_to_extract_is_recorded_as_failed(world):
    row = world.article("d-pages", "/page/huge")
    assert row["extraction"] == "failed" and "too large" in row["extraction_note"]
    assert row["text"] == ""


def test_extraction_that_runs_long_is_cut_by_the_timeout(world):
    row = world.article("d-pages", "/page/slow")
    assert row["extraction"] == "timeout", row["extraction_note"]
    assert "extraction took longer than" in row["extraction_note"]
    assert row["text"] == ""


def test_a_deeply_nested_page_is_recorded_not_hung_on(world):
    row = world.article("d-pages", "/page/nested")
    assert row is not None and row["extraction"] in ("empty", "failed", "timeout")
    assert row["extraction_note"]


def test_a_corrupt_pdf_is_recorded_as_unreadable(world):
    row = world.article("d-pages", "/pdf/corrupt")
    assert (row["content_type"], row["extraction"]) == ("pdf", "failed")
    assert "unreadable PDF" in row["extraction_note"]


def test_the_source_with_bad_pages_and_the_others_complete(world):
    source = world.source("d-pages")
    assert source["health"] == "ok" and source["last_entry_count"] == len(PAGES)
    (poll,) = world.query("SELECT * FROM polls WHERE source_id = 'd-pages'")
    assert poll["outcome"] == "ok" and poll["new"] == len(PAGES)
    stored = {r["url"]: r for r in world.query("SELECT url, extraction FROM articles")}
    expected = [a.url for a in world.mirror.expected_articles() if a.site in OTHER_SITES]
    assert all(stored.get(url, {}).get("extraction") == "ok" for url in expected)
    assert world.source("baj")["health"] == "ok"
    assert world.seconds[0] < 60, world.seconds
