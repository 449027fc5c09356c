"""Small downloader middlewares: robots.txt request limits, Retry-After, fetch log."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from scrapy import signals
from scrapy.exceptions import IgnoreRequest

import store
from store.sources import log_fetch

# Scrapy raises these with no message; a recorded error must still say what happened.
_UNEXPLAINED = {
    # the HTTP handler cancels a body without Content-Length once it passes DOWNLOAD_MAXSIZE
    "DownloadCancelledError": "download cancelled: the body passed the download size limit",
    "ResponseDataLossError": "the connection closed before the whole body arrived",
}


def describe_exception(exc: BaseException) -> str:
    """``Type: message`` for the fetch log and a source's last error, never a bare name."""
    name = type(exc).__name__
    text = str(exc) or _UNEXPLAINED.get(name, "")
    return f"{name}: {text}" if text else name


class RobotsRequestLimits:
    """A robots.txt that stalls must not hold a host for timeout × retries."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("VIGIL_ROBOTS_TIMEOUT", 10.0))

    def process_request(self, request):
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            request.meta.setdefault("download_timeout", self.timeout)
            request.meta.setdefault("max_retry_times", 0)
        return None


class RetryAfterMiddleware:
    """Wait as long as a 429/503 ``Retry-After`` asks (up to a cap) before the retry."""

    def __init__(self, max_wait: float) -> None:
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("VIGIL_RETRY_AFTER_MAX", 30.0))

    async def process_response(self, request, response):
        if response.status not in (429, 503):
            return response
        raw = response.headers.get(b"Retry-After", b"").decode("latin-1").strip()
        if not raw.isdigit():
            return response
        wait = float(raw)
        if wait > self.max_wait:
            raise IgnoreRequest(f"HTTP {response.status}: server asks to wait {wait:.0f} s; "
                                "trying again next poll")
        await asyncio.sleep(wait)
        return response


class FetchLogMiddleware:
    """Record every final response or failure in corpus.db's fetch_log."""

    def __init__(self, crawler) -> None:
        self.corpus_path = crawler.settings.get("VIGIL_CORPUS_PATH")
        self.db = None
        self.pending: list[dict] = []
        crawler.signals.connect(self.flush, signal=signals.spider_idle)
        crawler.signals.connect(self.flush, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        request.meta.setdefault("vigil_started", time.monotonic())
        return None

    def process_response(self, request, response):
        self._add(request, status=response.status, size=len(response.body),
                  outcome="not-modified" if response.status == 304 else
                  "ok" if response.status < 400 else "http-error")
        return response

    def process_exception(self, request, exception):
        outcome = "refused" if isinstance(exception, IgnoreRequest) else "error"
        self._add(request, outcome=outcome, error=describe_exception(exception))

    def _add(self, request, *, outcome, status=None, size=None, error=None):
        started = request.meta.get("vigil_started", time.monotonic())
        self.pending.append({
            "at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "source_id": request.meta.get("vigil_source"), "url": request.url,
            "status": status, "bytes": size, "outcome": outcome, "error": error,
            "ms": int((time.monotonic() - started) * 1000),
        })
        if len(self.pending) >= 200:
            self.flush()

    def flush(self, *args, **kwargs) -> None:
        if not self.pending or not self.corpus_path:
            return
        batch, self.pending = self.pending, []
        if self.db is None:
            self.db = store.connect(self.corpus_path)
        log_fetch(self.db, batch)
