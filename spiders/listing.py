"""Listing pages: article links by pattern, pagination up to a limit."""

from __future__ import annotations

from .base import VigilSpider
from .items import Link


def listing_links(response) -> list[Link]:
    links = []
    for anchor in response.css("a[href]"):
        href = anchor.attrib.get("href", "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        title = " ".join(anchor.css("::text").getall()).strip() or None
        links.append(Link(url=response.urljoin(href), title=title))
    return links


class ListingReader:
    def parse_listing(self, response):
        source = self.sources[response.meta["vigil_source"]]
        page = response.meta.get("vigil_page", 1)
        if self.not_modified(response):
            return
        yield from self.discovered(response, source, listing_links(response))
        limit = source.max_pages or self.settings.getint("VIGIL_MAX_PAGES", 3)
        if source.next_page and page < limit:
            href = response.css(source.next_page).attrib.get("href")
            if href:
                next_url = response.urljoin(href)
                if source.allows(next_url):
                    yield self.index_request(source, next_url, self.parse_listing,
                                             vigil_page=page + 1)


class ListingSpider(ListingReader, VigilSpider):
    """Polls listing sources: `scrapy crawl listing -a sources=salidarnast`."""

    name = "listing"
    kinds = ("listing",)

    def first_callback(self, source):
        return self.parse_listing
