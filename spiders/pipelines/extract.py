"""Send each page to the worker pool; attach the article (and any analysis)."""

from __future__ import annotations

from dataclasses import asdict

from scrapy.exceptions import DropItem

from store import articles as article_store

from ..workers import WorkerPool


class ExtractPipeline:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.pool = WorkerPool(
            settings.get("VIGIL_WORKER_TASK", "spiders.extract.extract_task"),
            workers=settings.getint("VIGIL_WORKERS", 0),
            timeout=settings.getfloat("VIGIL_EXTRACT_TIMEOUT", 20.0),
            init_path=settings.get("VIGIL_WORKER_INIT"),
            init_args=tuple(settings.getlist("VIGIL_WORKER_INIT_ARGS")),
        )

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, page):
        payload = {"body": page.body, "content_type": page.content_type,
                   "encoding": page.encoding, "url": page.url, "link": asdict(page.link),
                   "source_languages": list(page.source_languages),
                   "source_org": page.source_org}
        result = await self.pool.run(payload)
        if result.get("error") == "worker-lost":
            # Not the page's fault: leave it in the frontier for the next poll.
            spider = self.crawler.spider
            article_store.mark_link_failed(spider.corpus, page.requested_url, result["note"],
                                           final=False)
            spider.tracker.count(page.source_id, "failed")
            raise DropItem(f"{page.url}: {result['note']}")
        if "error" in result:
            page.article = {"content_type": page.content_type, "text": "",
                            "extraction": result["error"], "extraction_note": result["note"]}
        else:
            page.article = result["article"]
            page.analysis = result.get("analysis")
        return page

    def close_spider(self) -> None:
        self.pool.close()
