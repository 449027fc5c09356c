"""Store the article (new, new version, unchanged or duplicate) and announce it."""

from __future__ import annotations

from store import articles as article_store

from ..signals import article_stored


class StorePipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, page):
        spider = self.crawler.spider
        row = {**page.article, "url": page.url, "requested_url": page.requested_url,
               "source_id": page.source_id, "validators": page.validators}
        page.status, page.article_id = article_store.save_article(spider.corpus, row)
        spider.tracker.count(page.source_id, page.status)
        spider.known[page.url] = (row.get("entry_updated"), page.fetched_at)
        await self.crawler.signals.send_catch_log_async(article_stored, page=page)
        return page
