"""Scrapy settings for Vigil's spiders (the spider side's one configuration module).

`vigil crawl` and the daemon build their settings from vigil.toml through
``build_settings``; running `scrapy crawl` in the repository uses the defaults
below, with VIGIL_HOME deciding where corpus.db lives.
"""

from __future__ import annotations

import os
from pathlib import Path

BOT_NAME = "vigil"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "Vigil/0.1 (+https://github.com/vigil-monitor/vigil; contact: vigil@example.org)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# A response yields one article or a feed's links; Scrapy's default (100) starts that
# many asyncio tasks for every response, a measurable share of the crawl process's CPU.
CONCURRENT_ITEMS = 8
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5_000_000
DOWNLOAD_WARNSIZE = 2_000_000
DNS_TIMEOUT = 15
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control would open an HTTP server that runs Python code (inside a
# process holding the databases and the environment's secrets) and write its token to a
# file outside VIGIL_HOME, left behind whenever a poll is killed.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
# Only HTTP(S): local files, S3, FTP and data: URLs are never fetched.
DOWNLOAD_HANDLERS = {"file": None, "s3": None, "ftp": None, "data": None}

DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.FetchLogMiddleware": 10,
    "spiders.safety.NetworkSafetyMiddleware": 40,
    "spiders.middlewares.RobotsRequestLimits": 45,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.robots.StrictRobotsTxtMiddleware": 100,
    "spiders.middlewares.RetryAfterMiddleware": 560,
}
ITEM_PIPELINES = {
    "spiders.pipelines.extract.ExtractPipeline": 100,
    "spiders.pipelines.validate.ValidatePipeline": 200,
    "spiders.pipelines.store.StorePipeline": 300,
}

VIGIL_CORPUS_PATH = str(Path(os.environ.get("VIGIL_HOME") or "var").resolve() / "corpus.db")
VIGIL_SOURCES_FILE = ""
VIGIL_ALLOW_PRIVATE_NETWORKS = False
# Tests only: exact "host:port" pairs exempt from the private-address check (see safety.py).
VIGIL_ALLOWED_TEST_HOSTS: list[str] = []
VIGIL_WORKER_TASK = "spiders.extract.extract_task"
VIGIL_WORKERS = 0
VIGIL_EXTRACT_TIMEOUT = 20.0
VIGIL_MAX_PAGES = 3
VIGIL_MAX_ARTICLES = 200
VIGIL_MAX_ATTEMPTS = 3
VIGIL_ROBOTS_TIMEOUT = 10.0
VIGIL_RETRY_AFTER_MAX = 30.0


def build_settings(*, corpus_path: str, sources_file: str = "", user_agent: str = USER_AGENT,
                   download_delay: float = DOWNLOAD_DELAY, timeout: float = DOWNLOAD_TIMEOUT,
                   max_bytes: int = DOWNLOAD_MAXSIZE, retries: int = RETRY_TIMES,
                   allow_private_networks: bool = False, max_pages: int = VIGIL_MAX_PAGES,
                   max_articles: int = VIGIL_MAX_ARTICLES, workers: int = 0,
                   extract_timeout: float = VIGIL_EXTRACT_TIMEOUT, poll_timeout: float = 0,
                   **extra) -> dict:
    """Every setting a crawl needs, from explicit values (no environment reads)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(__name__, priority="project")
    settings.setdict({
        "VIGIL_CORPUS_PATH": corpus_path, "VIGIL_SOURCES_FILE": sources_file,
        "USER_AGENT": user_agent, "DOWNLOAD_DELAY": download_delay,
        # AutoThrottle never goes below DOWNLOAD_DELAY; with no delay it only slows tests.
        "AUTOTHROTTLE_ENABLED": download_delay > 0,
        "AUTOTHROTTLE_START_DELAY": max(download_delay, 0.1),
        "DOWNLOAD_TIMEOUT": timeout, "DOWNLOAD_MAXSIZE": max_bytes,
        "DOWNLOAD_WARNSIZE": max(1, max_bytes // 2), "RETRY_TIMES": retries,
        "VIGIL_ALLOW_PRIVATE_NETWORKS": allow_private_networks, "VIGIL_MAX_PAGES": max_pages,
        "VIGIL_MAX_ARTICLES": max_articles, "VIGIL_WORKERS": workers,
        "VIGIL_EXTRACT_TIMEOUT": extract_timeout, "CLOSESPIDER_TIMEOUT": poll_timeout,
        **extra,
    }, priority="cmdline")
    return settings
