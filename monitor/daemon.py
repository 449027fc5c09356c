"""`vigil run`: the long-running monitor.

APScheduler runs one job per enabled source at its interval (with jitter) and a
mail job that sends urgent alerts at once and the digest at [alerts] digest_times.
Polls run in child processes (``monitor.polling``) with a hard timeout, so a hung
crawl is killed and never blocks later runs, and the daemon's memory stays flat.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

import store
from monitor import health
from monitor.config import Config
from monitor.crawl import select_sources
from monitor.ingest import Ingest
from monitor.polling import PollRunner
from spiders.base import source_row
from spiders.sources import Source
from store import sources as source_store

log = logging.getLogger("vigil.daemon")
STAGGER_SECONDS = 2
STOP_GRACE_SECONDS = 60


def first_run(last_poll: str | None, interval: timedelta, now: datetime, index: int) -> datetime:
    """When a source is next due, from the store: overdue sources run once, soon, staggered."""
    soon = now + timedelta(seconds=1 + index * STAGGER_SECONDS)
    if not last_poll:
        return soon
    return max(soon, datetime.fromisoformat(last_poll) + interval)


class Daemon:
    def __init__(self, cfg: Config, config_path: str | None = None) -> None:
        self.cfg = cfg
        self.polls = PollRunner(cfg, config_path, self.after_polls)
        self.stopping = threading.Event()
        self.scheduler = BlockingScheduler(
            executors={"default": ThreadPoolExecutor(4), "mail": ThreadPoolExecutor(1)},
            job_defaults={"max_instances": 1, "coalesce": True,
                          "misfire_grace_time": cfg.daemon.misfire_grace})

    def recover(self) -> None:
        """Repair what a crash may have left: open polls, half-sent mail, unalerted articles."""
        from monitor.alerts.mailer import recover_after_crash

        corpus, staff = store.open_corpus(self.cfg.corpus_path), store.open_staff(self.cfg.staff_path)
        try:
            source_store.abandon_open_polls(corpus, "the previous daemon stopped during this poll")
            held = recover_after_crash(staff)
            if held:
                log.warning("%d email batch(es) held as uncertain after a crash", held)
        finally:
            corpus.close()
            staff.close()
        ingest = Ingest.open(self.cfg)
        try:
            ingest.catch_up()
        finally:
            ingest.close()

    def interval(self, source: Source) -> timedelta:
        if self.cfg.daemon.poll_every > 0:
            return timedelta(seconds=self.cfg.daemon.poll_every)
        return timedelta(minutes=source.interval_minutes)

    def schedule(self, sources: list[Source]) -> None:
        corpus = store.open_corpus(self.cfg.corpus_path)
        try:
            source_store.upsert_sources(corpus, [source_row(s) for s in sources])
            last = {row["id"]: row["last_poll_at"] for row in source_store.list_sources(corpus)}
        finally:
            corpus.close()
        now = datetime.now(UTC)
        jitter = self.cfg.daemon.jitter if self.cfg.daemon.poll_every <= 0 else 0
        for index, source in enumerate(sources):
            interval = self.interval(source)
            start = first_run(last.get(source.id), interval, now, index)
            self.scheduler.add_job(
                self.polls.request, IntervalTrigger(seconds=interval.total_seconds(),
                                                    start_date=start, jitter=jitter or None),
                args=[source], id=f"poll:{source.id}", name=f"poll {source.id}",
                next_run_time=start)
        # The mail job also forms the digest when one of [alerts] digest_times has come
        # (in [alerts] timezone); a slot missed while the daemon was down is sent once.
        self.scheduler.add_job(self.send_mail, IntervalTrigger(seconds=self.cfg.daemon.mail_interval),
                               id="mail", executor="mail", next_run_time=now)

    def after_polls(self, sources: list[Source]) -> None:
        """Health of each polled source, confirmed candidates, then urgent mail at once."""
        from monitor.candidates import sync_confirmed

        corpus, staff = store.open_corpus(self.cfg.corpus_path), store.open_staff(self.cfg.staff_path)
        try:
            for source in sources:
                health.check_source(corpus, staff, self.cfg, source.id)
            sync_confirmed(staff, corpus)
            store.checkpoint(corpus)
        finally:
            corpus.close()
            staff.close()
        self.send_mail()

    def send_mail(self) -> None:
        from monitor.alerts.mailer import digest_due, send_due

        staff = store.open_staff(self.cfg.staff_path)
        try:
            include_digest = digest_due(staff, self.cfg, datetime.now(UTC)) is not None
            report = send_due(staff, self.cfg, include_digest=include_digest)
            if getattr(report, "attempted", 0):
                log.info("mail: %s", report)
            store.checkpoint(staff)
        finally:
            staff.close()

    def stop(self, *args) -> None:
        """SIGTERM/SIGINT: stop scheduling, let a running poll close cleanly, then exit."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        log.info("stopping: letting the running poll finish")

        def shut_down() -> None:
            self.polls.stop(STOP_GRACE_SECONDS)
            self.scheduler.shutdown(wait=True)

        threading.Thread(target=shut_down, daemon=True).start()

    def run(self, source_ids: list[str] | None = None) -> None:
        sources = select_sources(self.cfg, source_ids)
        self.recover()
        self.schedule(sources)
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.write_heartbeat(len(sources))
        log.info("vigil daemon: %d sources scheduled", len(sources))
        self.scheduler.start()
        log.info("vigil daemon stopped")

    def write_heartbeat(self, sources: int) -> None:
        state = {"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(),
                 "sources": sources}
        (self.cfg.home / "daemon.json").write_text(json.dumps(state))
