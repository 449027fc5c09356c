"""`vigil run`: the long-running monitor.

APScheduler runs one job per enabled source at its interval (with jitter), a mail
job that sends urgent alerts, and digest jobs at the configured times. Each poll
runs in a child process (``monitor.poll_child``) with a hard timeout, so a hung
crawl is killed and never blocks later runs, and the daemon's memory stays flat.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
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
from spiders.base import source_row
from spiders.sources import Source
from store import sources as source_store

log = logging.getLogger("vigil.daemon")
STAGGER_SECONDS = 5


def _parse(ts: str | None) -> datetime | None:
    return datetime.fromisoformat(ts) if ts else None


def first_run(last_poll: str | None, interval: timedelta, now: datetime, index: int) -> datetime:
    """When a source is next due, from the store: overdue sources run once, soon, staggered."""
    soon = now + timedelta(seconds=1 + index * STAGGER_SECONDS)
    last = _parse(last_poll)
    if last is None:
        return soon
    return max(soon, last + interval)


class Daemon:
    def __init__(self, cfg: Config, config_path: str | None = None) -> None:
        self.cfg = cfg
        self.config_path = config_path
        self.children: set[subprocess.Popen] = set()
        self.domain_locks: dict[str, threading.Lock] = {}
        self.stopping = threading.Event()
        self.scheduler = BlockingScheduler(
            executors={"default": ThreadPoolExecutor(cfg.daemon.max_parallel_polls),
                       "mail": ThreadPoolExecutor(1)},
            job_defaults={"max_instances": 1, "coalesce": True,
                          "misfire_grace_time": cfg.daemon.misfire_grace})

    # ---- start-up -----------------------------------------------------------------
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
                self.poll, IntervalTrigger(seconds=interval.total_seconds(), start_date=start,
                                           jitter=jitter or None),
                args=[source], id=f"poll:{source.id}", name=f"poll {source.id}",
                next_run_time=start)
        # The mail job also forms the digest when one of [alerts] digest_times has come
        # (in [alerts] timezone); a slot missed while the daemon was down is sent once.
        self.scheduler.add_job(self.send_mail, IntervalTrigger(seconds=self.cfg.daemon.mail_interval),
                               id="mail", executor="mail", next_run_time=now)

    # ---- jobs -----------------------------------------------------------------------
    def poll(self, source: Source) -> dict | None:
        """Run one poll of ``source`` in a child process, then check health and send urgent mail."""
        if self.stopping.is_set():
            return None
        lock = self.domain_locks.setdefault(source.allowed_domains[0], threading.Lock())
        with lock:  # one request at a time per site, even across parallel polls
            result = self._run_child(source)
        self._after_poll(source)
        self.send_mail()
        return result

    def _child_command(self, source: Source) -> list[str]:
        command = [sys.executable, "-m", "monitor.poll_child"]
        if self.config_path:
            command += ["--config", str(self.config_path)]
        return command + [source.id]

    def _run_child(self, source: Source) -> dict | None:
        timeout = self.cfg.crawl.poll_timeout + 60
        child = subprocess.Popen(self._child_command(source), stdout=subprocess.PIPE,
                                 text=True, start_new_session=True)
        self.children.add(child)
        try:
            output, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            log.error("poll of %s exceeded %.0f s; killed", source.id, timeout)
            self._kill(child)
            self._record_timeout(source, timeout)
            return None
        finally:
            self.children.discard(child)
        if child.returncode != 0:
            log.error("poll of %s ended with exit code %s", source.id, child.returncode)
            return None
        return _last_json_line(output)

    def _record_timeout(self, source: Source, timeout: float) -> None:
        corpus = store.open_corpus(self.cfg.corpus_path)
        try:
            source_store.abandon_open_polls(corpus, f"poll killed after {timeout:.0f} s")
            poll_id = source_store.start_poll(corpus, source.id)
            source_store.finish_poll(corpus, poll_id, source.id, outcome="failed", entries=None,
                                     counts={}, error=f"poll killed after {timeout:.0f} s")
        finally:
            corpus.close()

    def _after_poll(self, source: Source) -> None:
        corpus, staff = store.open_corpus(self.cfg.corpus_path), store.open_staff(self.cfg.staff_path)
        try:
            health.check_source(corpus, staff, self.cfg, source.id)
            from monitor.candidates import sync_confirmed

            sync_confirmed(staff, corpus)
        finally:
            corpus.close()
            staff.close()

    def send_mail(self) -> None:
        from monitor.alerts.mailer import digest_due, send_due

        staff = store.open_staff(self.cfg.staff_path)
        try:
            include_digest = digest_due(staff, self.cfg, datetime.now(UTC)) is not None
            report = send_due(staff, self.cfg, include_digest=include_digest)
            if report and getattr(report, "attempted", 0):
                log.info("mail: %s", report)
            store.checkpoint(staff)
        finally:
            staff.close()

    # ---- running and stopping -------------------------------------------------------
    def _kill(self, child: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()

    def stop(self, *args) -> None:
        """SIGTERM/SIGINT: stop scheduling, let running polls end cleanly, then exit."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        log.info("stopping: waiting for running polls to finish")
        for child in list(self.children):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)  # Scrapy closes its spider gracefully
        threading.Thread(target=self.scheduler.shutdown, kwargs={"wait": True},
                         daemon=True).start()

    def run(self, source_ids: list[str] | None = None) -> None:
        sources = select_sources(self.cfg, source_ids)
        self.recover()
        self.schedule(sources)
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.write_heartbeat(len(sources))
        log.info("vigil daemon: %d sources scheduled", len(sources))
        self.scheduler.start()

    def write_heartbeat(self, sources: int) -> None:
        state = {"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(),
                 "sources": sources}
        (self.cfg.home / "daemon.json").write_text(json.dumps(state))


def _last_json_line(output: str) -> dict | None:
    for line in reversed(output.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None

