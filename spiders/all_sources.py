"""One spider for every kind, so one crawl shares politeness slots across sources."""

from __future__ import annotations

from .base import VigilSpider
from .feed import FeedReader
from .listing import ListingReader
from .sitemap import SitemapReader


class SourcesSpider(FeedReader, ListingReader, SitemapReader, VigilSpider):
    """Polls every enabled source: `scrapy crawl sources` (or `-a sources=id1,id2`)."""

    name = "sources"

    def first_callback(self, source):
        return {"feed": self.parse_feed, "listing": self.parse_listing,
                "sitemap": self.parse_sitemap}[source.kind]
