"""Sitemaps (urlset and sitemap index), newest entries first."""

from __future__ import annotations

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from .base import VigilSpider
from .dates import normalise_date
from .items import Link


class NotASitemap(ValueError):
    """The response is not a sitemap."""


def read_sitemap(body: bytes, max_size: int) -> Sitemap:
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_size=max_size)
    try:
        sitemap = Sitemap(body)
    except Exception as exc:  # lxml raises several types on garbage
        raise NotASitemap(f"not a readable sitemap: {exc}") from exc
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise NotASitemap(f"not a sitemap (root element {sitemap.type!r})")
    return sitemap


def newest_first(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: e.get("lastmod") or "", reverse=True)


class SitemapReader:
    def parse_sitemap(self, response):
        source = self.sources[response.meta["vigil_source"]]
        if self.not_modified(response):
            return
        try:
            sitemap = read_sitemap(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except NotASitemap as exc:
            self.tracker.fail(source.id, f"{exc} ({response.url})")
            return
        entries = newest_first([e for e in sitemap if e.get("loc")])
        if sitemap.type == "sitemapindex":
            depth = response.meta.get("vigil_page", 1)
            limit = source.max_pages or self.settings.getint("VIGIL_MAX_PAGES", 3)
            for entry in entries[: max(0, limit - depth + 1)]:
                yield self.index_request(source, response.urljoin(entry["loc"]),
                                         self.parse_sitemap, vigil_page=depth + 1)
            return
        links = [Link(url=response.urljoin(e["loc"]), updated=_lastmod(e.get("lastmod")))
                 for e in entries]
        yield from self.discovered(response, source, links)


def _lastmod(value: str | None) -> str | None:
    return normalise_date(value)


class SitemapSpider(SitemapReader, VigilSpider):
    """Polls sitemap sources: `scrapy crawl sitemap -a sources=baj`."""

    name = "sitemap"
    kinds = ("sitemap",)

    def first_callback(self, source):
        return self.parse_sitemap
