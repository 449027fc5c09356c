"""The spider every source kind shares: discovery → article requests → pages.

Feed, listing and sitemap readers only turn an index response into ``Link``s;
everything else (known-URL checks, the frontier, politeness meta, failures, the
per-source poll record) lives here once.
"""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from w3lib.encoding import http_content_type_encoding

import store
from store import articles as article_store
from store import sources as source_store

from .items import Link, Page
from .middlewares import describe_exception
from .polls import PollTracker
from .robots import RobotsUnavailable
from .sources import Source, load_sources
from .urls import canonical_url

PDF_TYPES = (b"application/pdf", b"application/x-pdf")


def _scheme(source: Source) -> str:
    return source.url.split(":", 1)[0]


def describe_failure(failure) -> str:
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status} from {exc.response.url}"
    return describe_exception(exc)


class VigilSpider(scrapy.Spider):
    """Polls every given source once. Subclasses restrict the kinds they accept."""

    name = None  # abstract: the concrete spiders below name themselves
    kinds: tuple[str, ...] = ("feed", "listing", "sitemap")

    def __init__(self, sources: list[Source] | str | None = None, sources_file: str | None = None,
                 refresh: bool | str = False, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._requested = sources
        self._sources_file = sources_file
        self.refresh = str(refresh).lower() in ("1", "true", "yes")
        self.sources: dict[str, Source] = {}

    # ---- set-up -----------------------------------------------------------------
    def _select_sources(self) -> list[Source]:
        if self._requested and not isinstance(self._requested, str):
            chosen = list(self._requested)
        else:
            path = self._sources_file or self.settings.get("VIGIL_SOURCES_FILE") or None
            everything = load_sources(path)
            wanted = set(self._requested.split(",")) if self._requested else None
            chosen = [s for s in everything if (s.id in wanted if wanted else s.enabled)]
        return [s for s in chosen if s.kind in self.kinds]

    def _open_store(self) -> None:
        self.corpus = store.open_corpus(self.settings.get("VIGIL_CORPUS_PATH"))
        self.tracker = PollTracker(self.corpus)
        self.known = article_store.known_urls(self.corpus)
        self.max_articles = self.settings.getint("VIGIL_MAX_ARTICLES", 200)
        self.max_attempts = self.settings.getint("VIGIL_MAX_ATTEMPTS", 3)
        self.article_budget: dict[str, int] = {}
        self.answered: set[str] = set()  # sources whose index page answered this crawl
        self.requested: set[str] = set()  # article URLs already requested in this crawl

    async def start(self):
        self._open_store()
        chosen = self._select_sources()
        source_store.upsert_sources(self.corpus, [source_row(s) for s in chosen])
        for source in chosen:
            self.sources[source.id] = source
            self.tracker.open(source.id)
            pending = article_store.pending_links(self.corpus, source.id, self.max_attempts)
            for row in pending:
                for request in self.article_requests(source, [Link(**_link_fields(row))]):
                    yield request
            for url in source.urls:
                yield self.index_request(source, url, self.first_callback(source))

    def first_callback(self, source: Source):
        raise NotImplementedError  # set by the reader mixins

    # ---- index pages (feeds, listings, sitemaps) ---------------------------------
    def index_request(self, source: Source, url: str, callback, **meta) -> scrapy.Request:
        validators = source_store.validators(self.corpus, url)
        if self.refresh:  # read every index in full so each known article is revisited
            validators = {"etag": None, "last_modified": None}
        headers = {}
        if validators["etag"]:
            headers["If-None-Match"] = validators["etag"]
        if validators["last_modified"]:
            headers["If-Modified-Since"] = validators["last_modified"]
        return scrapy.Request(
            url, callback=callback, errback=self.index_failed, headers=headers, priority=10,
            dont_filter=True,
            meta={"vigil_source": source.id, "vigil_index_url": url,
                  "handle_httpstatus_list": [304], "download_slot": _slot(url), **meta})

    def index_failed(self, failure):
        source_id = failure.request.meta["vigil_source"]
        error = describe_failure(failure)
        self.logger.warning("source %s: %s", source_id, error)
        self.tracker.fail(source_id, error)

    def not_modified(self, response) -> bool:
        self.answered.add(response.meta["vigil_source"])
        return response.status == 304

    def discovered(self, response, source: Source, links: list[Link]):
        """Record links in the frontier (with the index's validators) and request new ones."""
        wanted = {}
        for link in links:
            link.url = canonical_url(link.url, _scheme(source))
            if source.link_wanted(link.url) or (source.follow_pdfs and _is_pdf_url(link.url)
                                                 and source.allows(link.url)):
                wanted.setdefault(link.url, link)
        fresh = [link for link in wanted.values() if self._needs_fetch(link)]
        self.tracker.add_entries(source.id, len(wanted))
        self.tracker.count(source.id, "unchanged", len(wanted) - len(fresh))
        article_store.record_discovery(
            self.corpus, source.id, [link.as_row() for link in fresh],
            validator=_validator(response))
        yield from self.article_requests(source, fresh)

    def _needs_fetch(self, link: Link) -> bool:
        if link.url not in self.known:
            return True
        seen, _ = self.known[link.url]
        return self.refresh or bool(link.updated and (seen is None or link.updated > seen))

    # ---- article pages -----------------------------------------------------------
    def article_requests(self, source: Source, links: list[Link]):
        for link in links:
            if link.url in self.requested:
                continue
            self.requested.add(link.url)
            used = self.article_budget.get(source.id, 0)
            if used >= self.max_articles:
                return
            self.article_budget[source.id] = used + 1
            yield scrapy.Request(
                link.url, callback=self.parse_article, errback=self.article_failed,
                headers=self._revalidation(link.url),
                # Our own bookkeeping dedupes; Scrapy's filter would silently drop a
                # redirect to a page fetched under another URL, leaving its link pending.
                dont_filter=True,
                meta={"vigil_source": source.id, "vigil_link": link,
                      "handle_httpstatus_list": [304], "download_slot": _slot(link.url)})

    def _revalidation(self, url: str) -> dict:
        """A known article fetched again (edited, or --refresh) is asked for conditionally,
        with the validators its server gave last time."""
        if url not in self.known:
            return {}
        validators = source_store.validators(self.corpus, url)
        headers = {}
        if validators["etag"]:
            headers["If-None-Match"] = validators["etag"]
        if validators["last_modified"]:
            headers["If-Modified-Since"] = validators["last_modified"]
        return headers

    def parse_article(self, response):
        source = self.sources[response.meta["vigil_source"]]
        link: Link = response.meta["vigil_link"]
        if response.status == 304:
            self.tracker.count(source.id, "unchanged")
            return
        yield Page(
            source_id=source.id,
            url=canonical_url(response.url, _scheme(source)),
            requested_url=link.url,
            body=response.body,
            content_type="pdf" if _is_pdf(response) else "html",
            encoding=http_content_type_encoding(
                _header(response, b"Content-Type") or ""),
            link=link,
            source_languages=source.languages,
            source_org=source.org,
            fetched_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
            validators={"etag": _header(response, b"ETag"),
                        "last_modified": _header(response, b"Last-Modified")},
        )

    def article_failed(self, failure):
        request = failure.request
        source_id = request.meta["vigil_source"]
        link: Link = request.meta["vigil_link"]
        error = describe_failure(failure)
        exc = failure.value
        if isinstance(exc, IgnoreRequest) and not isinstance(exc, RobotsUnavailable) \
                and "robots.txt" in str(exc):
            # The site asked crawlers to stay out of this page: respected, not a failure.
            article_store.mark_link_skipped(self.corpus, link.url, "disallowed by robots.txt")
            return
        final = isinstance(exc, HttpError) and exc.response.status in (404, 410)
        article_store.mark_link_failed(self.corpus, link.url, error, final=final)
        self.tracker.count(source_id, "failed")
        self.logger.info("article failed (%s): %s", source_id, error)

    # ---- closing -----------------------------------------------------------------
    def closed(self, reason: str) -> None:
        if not hasattr(self, "tracker"):
            return
        if reason != "finished":
            # Sources that answered keep their outcome: links not fetched yet wait
            # in the frontier for the next poll.
            for source_id in set(self.sources) - self.answered:
                self.tracker.fail(source_id, f"crawl stopped before the source answered ({reason})")
        self.summaries = self.tracker.close_all()


def source_row(source: Source) -> dict:
    return {"id": source.id, "name": source.name, "org": source.org,
            "languages": list(source.languages), "kind": source.kind, "url": source.url,
            "homepage": source.homepage, "allowed_domains": list(source.allowed_domains),
            "interval_minutes": source.interval_minutes, "enabled": source.enabled,
            "note": source.note}


def _link_fields(row: dict) -> dict:
    return {k: row.get(k) for k in ("url", "title", "published", "updated")}


def _slot(url: str) -> str:
    # One politeness slot per host:port, so fixture sites on one loopback address
    # behave like the separate hosts they stand for.
    return url.split("/", 3)[2].lower()


def _is_pdf_url(url: str) -> bool:
    return url.lower().split("?", 1)[0].endswith(".pdf")


def _is_pdf(response) -> bool:
    content_type = response.headers.get(b"Content-Type", b"").split(b";")[0].strip().lower()
    return content_type in PDF_TYPES or response.body[:5] == b"%PDF-"


def _validator(response) -> dict:
    return {
        "url": response.meta["vigil_index_url"],
        "etag": _header(response, b"ETag"),
        "last_modified": _header(response, b"Last-Modified"),
    }


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
