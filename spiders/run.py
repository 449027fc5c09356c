"""Run one crawl in this process (Twisted's reactor can start once per process).

The daemon calls this in a child process per poll; `vigil crawl` calls it directly.
"""

from __future__ import annotations

from collections.abc import Callable

from scrapy.crawler import CrawlerProcess

from .all_sources import SourcesSpider
from .sources import Source

Handler = Callable[..., object]


def crawl(settings, sources: list[Source], *, refresh: bool = False,
          handlers: dict[object, Handler] | None = None) -> list[dict]:
    """Poll ``sources`` once; return one summary dict per source.

    ``handlers`` maps Scrapy signals (or ``spiders.signals.article_stored``) to
    callables, e.g. for progress display or for analysing stored articles.
    """
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SourcesSpider)
    for signal, handler in (handlers or {}).items():
        crawler.signals.connect(handler, signal=signal)
    process.crawl(crawler, sources=sources, refresh=refresh)
    process.start()
    return getattr(crawler.spider, "summaries", [])
