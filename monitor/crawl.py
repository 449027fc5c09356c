"""One poll of some sources, with analysis plugged into the crawl.

Extraction and analysis run together in the crawl's worker processes
(``monitor.worker``); each stored article's results are then written by
``monitor.ingest`` in this process. Whatever a crash leaves unanalysed or
unalerted is caught up from the store at the end of every crawl.
"""

from __future__ import annotations

from monitor.config import Config
from monitor.ingest import Ingest
from spiders.run import crawl
from spiders.settings import build_settings
from spiders.signals import article_stored
from spiders.sources import Source, load_sources

ANALYSING_TASK = "monitor.worker.extract_and_analyse"
WORKER_INIT = "monitor.worker.init_worker"


def crawl_settings(cfg: Config, *, sources_file: str = "", log_level: str = "WARNING", **extra):
    c = cfg.crawl
    return build_settings(
        corpus_path=str(cfg.corpus_path), sources_file=sources_file or c.sources,
        user_agent=c.user_agent, download_delay=c.download_delay, timeout=c.timeout,
        max_bytes=c.max_bytes, retries=c.retries,
        allow_private_networks=c.allow_private_networks, max_pages=c.max_pages,
        max_articles=c.max_articles, workers=c.workers, extract_timeout=c.extract_timeout,
        poll_timeout=c.poll_timeout, LOG_LEVEL=log_level, LOG_INSTALL_ROOT_HANDLER=False,
        VIGIL_WORKER_TASK=ANALYSING_TASK, VIGIL_WORKER_INIT=WORKER_INIT,
        VIGIL_WORKER_INIT_ARGS=[str(cfg.corpus_path)],
        **extra)


def select_sources(cfg: Config, ids: list[str] | None = None,
                   sources_file: str | None = None) -> list[Source]:
    """Enabled sources, or exactly the named ones (an unknown id is an error)."""
    everything = load_sources(sources_file or cfg.crawl.sources)
    if not ids:
        return [s for s in everything if s.enabled]
    by_id = {s.id: s for s in everything}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"unknown source id: {', '.join(unknown)}")
    return [by_id[i] for i in ids]


def run_crawl(cfg: Config, sources: list[Source], *, refresh: bool = False,
              sources_file: str = "", handlers: dict | None = None,
              log_level: str = "WARNING") -> list[dict]:
    """Poll ``sources`` once in this process; return per-source summaries."""
    ingest = Ingest.open(cfg)
    all_handlers = {article_stored: ingest.on_article_stored, **(handlers or {})}
    settings = crawl_settings(cfg, sources_file=sources_file, log_level=log_level)
    try:
        summaries = crawl(settings, sources, refresh=refresh, handlers=all_handlers)
        ingest.catch_up()
    finally:
        ingest.close()
    return summaries

