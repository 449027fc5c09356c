"""Write what analysis found: mentions, events and UN documents into corpus.db, new-name
candidates and alerts into staff.db.

Two files cannot share one atomic transaction in WAL mode, so the order makes it
safe instead: the analysis is committed first (``analysed_hash``), then candidates
and alerts are written idempotently (unique keys), then the article is marked
alerted. A crash anywhere in between is repaired by ``catch_up``, which redoes the
missing steps without duplicating anything.
"""

from __future__ import annotations

import store
from monitor.config import Config
from store import analysis as analysis_store
from store import articles as article_store
from store import sources as source_store


class Ingest:
    def __init__(self, cfg: Config, corpus, staff) -> None:
        self.cfg, self.corpus, self.staff = cfg, corpus, staff
        self._analyser = None

    @classmethod
    def open(cls, cfg: Config) -> Ingest:
        return cls(cfg, store.open_corpus(cfg.corpus_path), store.open_staff(cfg.staff_path))

    def close(self) -> None:
        self.corpus.close()
        self.staff.close()

    @property
    def analyser(self):
        if self._analyser is None:
            from monitor.analysis import Analyser

            self._analyser = Analyser.from_store(self.corpus)
        return self._analyser

    def on_article_stored(self, page) -> None:
        """Scrapy signal handler: the crawl stored (or re-stored) an article."""
        if page.status in ("new", "updated") and page.analysis is not None:
            self.record(page.article_id, page.article.get("text_hash"), page.analysis)

    def record(self, article_id: int, text_hash: str | None, analysis: dict) -> None:
        analysis_store.save_analysis(self.corpus, article_id, text_hash, analysis)
        self.notify(article_id, analysis)

    def notify(self, article_id: int, analysis: dict | None = None) -> None:
        """Candidates and alerts for an analysed article, then mark it alerted."""
        from monitor.alerts.enqueue import enqueue_for_article
        from monitor.candidates import record_from_analysis

        article = article_store.get_article(self.corpus, article_id)
        if analysis is None:
            analysis = self.analyse(article)
        record_from_analysis(self.staff, self.cfg, article, analysis.get("new_names") or [])
        enqueue_for_article(self.corpus, self.staff, self.cfg, article_id)
        analysis_store.mark_alerted(self.corpus, article_id)

    def analyse(self, article: dict) -> dict:
        source = source_store.get_source(self.corpus, article["source_id"]) or {}
        return self.analyser.analyse(article.get("text") or "", title=article.get("title"),
                                     lang=article.get("language") or "auto",
                                     source_org=source.get("org"))

    def catch_up(self, batch: int = 500) -> int:
        """Analyse and alert whatever the store says is still pending; return how many."""
        done = 0
        while pending := analysis_store.articles_needing_analysis(self.corpus, batch):
            for article in pending:
                self.record(article["id"], article["text_hash"], self.analyse(article))
                done += 1
        while waiting := analysis_store.articles_needing_alerts(self.corpus, batch):
            for article_id in waiting:
                self.notify(article_id)
                done += 1
        return done
