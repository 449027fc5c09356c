"""`vigil init`: create both databases, load the sources and the bundled prisoner list."""

from __future__ import annotations

import store
from monitor.config import Config
from spiders.base import source_row
from spiders.sources import load_sources
from store import sources as source_store


def initialise(cfg: Config, *, load_prisoners: bool = True) -> list[str]:
    """Idempotent: safe to run again; returns human-readable report lines."""
    from monitor.prisoners import load_bundled_into_store

    cfg.home.mkdir(parents=True, exist_ok=True)
    corpus = store.open_corpus(cfg.corpus_path)
    staff = store.open_staff(cfg.staff_path)
    try:
        sources = load_sources(cfg.crawl.sources)
        source_store.upsert_sources(corpus, [source_row(s) for s in sources])
        lines = [f"corpus database: {cfg.corpus_path}",
                 f"staff database:  {cfg.staff_path} (private)",
                 f"sources loaded:  {len(sources)}"]
        if load_prisoners:
            report = load_bundled_into_store(corpus)
            lines.append(f"prisoner list:   {report.added} added, {report.updated} updated, "
                         f"{report.unchanged} unchanged")
        return lines
    finally:
        corpus.close()
        staff.close()
