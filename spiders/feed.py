"""Feeds: Scrapy downloads, feedparser parses the bytes (never a URL)."""

from __future__ import annotations

import time

import feedparser

from .base import VigilSpider
from .items import Link


class NotAFeed(ValueError):
    """The response could not be read as RSS or Atom."""


def _iso(parsed: time.struct_time | None) -> str | None:
    # feedparser's *_parsed values are already in UTC
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)


def feed_links(body: bytes, content_type: str, base_url: str) -> list[Link]:
    """Entries of a feed as links; raises NotAFeed when nothing parseable came back."""
    if not body.strip():
        raise NotAFeed("empty response where a feed was expected")
    parsed = feedparser.parse(body, response_headers={"content-type": content_type,
                                                      "content-location": base_url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS/Atom elements"
        raise NotAFeed(f"not a readable feed: {reason}")
    links = []
    for entry in parsed.entries:
        url = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http")
                                    else None)
        if not url:
            continue
        links.append(Link(
            url=url, title=entry.get("title"), summary=entry.get("summary"),
            published=_iso(_entry_value(entry, "published_parsed")),
            updated=_iso(_entry_value(entry, "updated_parsed")
                         or _entry_value(entry, "published_parsed")),
            author=entry.get("author")))
    return links


def _entry_value(entry, key: str):
    # Only keys really present: feedparser's legacy fallbacks warn and blur updated/published.
    return entry[key] if key in entry.keys() else None  # noqa: SIM118 (`in entry` maps keys)


class FeedReader:
    def parse_feed(self, response):
        source = self.sources[response.meta["vigil_source"]]
        if self.not_modified(response):
            return
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        try:
            links = feed_links(response.body, content_type, response.url)
        except NotAFeed as exc:
            self.tracker.fail(source.id, f"{exc} ({response.url})")
            return
        yield from self.discovered(response, source, links)


class FeedSpider(FeedReader, VigilSpider):
    """Polls feed sources: `scrapy crawl feed -a sources=viasna-en`."""

    name = "feed"
    kinds = ("feed",)

    def first_callback(self, source):
        return self.parse_feed
