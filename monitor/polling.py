"""Run polls in child processes: due sources are batched into one Scrapy crawl.

Sources fall due on their own schedules (APScheduler jobs); sources that fall due
together are polled by one child process, so they share Scrapy's per-host
politeness and one pool of extraction workers. The child is killed when it
outlives the poll timeout, and dies with the daemon if the daemon is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable

import store
from monitor.config import Config
from spiders.sources import Source
from store import sources as source_store

log = logging.getLogger("vigil.polling")
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class PollRunner:
    """A queue of due sources drained by one thread, one child process per batch."""

    def __init__(self, cfg: Config, config_path: str | None,
                 after_batch: Callable[[list[Source]], None]) -> None:
        self.cfg, self.config_path, self.after_batch = cfg, config_path, after_batch
        self.lock = threading.Lock()
        self.due: dict[str, Source] = {}
        self.worker: threading.Thread | None = None
        self.child: subprocess.Popen | None = None
        self.stopping = threading.Event()

    def request(self, source: Source) -> None:
        """Called by a source's scheduled job: poll it as soon as the runner is free."""
        with self.lock:
            if self.stopping.is_set():
                return
            self.due[source.id] = source
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(target=self._drain, name="polls", daemon=True)
                self.worker.start()

    def _drain(self) -> None:
        while not self.stopping.is_set():
            with self.lock:
                batch, self.due = list(self.due.values()), {}
                if not batch:
                    self.worker = None
                    return
            self.run_batch(batch)
            if not self.stopping.is_set():
                self.after_batch(batch)

    def run_batch(self, batch: list[Source]) -> dict | None:
        ids = [s.id for s in batch]
        timeout = self.cfg.crawl.poll_timeout + 60
        command = [sys.executable, "-m", "monitor.poll_child"]
        if self.config_path:
            command += ["--config", str(self.config_path)]
        log.info("polling %s", ", ".join(ids))
        # The child reads the same configuration: same file, same data folder.
        env = {**os.environ, "VIGIL_HOME": str(self.cfg.home)}
        self.child = subprocess.Popen(command + ids, stdout=subprocess.PIPE, text=True, env=env,
                                      start_new_session=True, preexec_fn=_die_with_parent)
        try:
            output, _ = self.child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            log.error("poll of %s exceeded %.0f s; killed", ", ".join(ids), timeout)
            self._kill(signal.SIGKILL)
            self._record_timeout(ids, timeout)
            return None
        finally:
            code, self.child = self.child.returncode, None
        if code != 0:
            log.error("poll of %s ended with exit code %s", ", ".join(ids), code)
            return None
        return _last_json_line(output)

    def _record_timeout(self, ids: list[str], timeout: float) -> None:
        corpus = store.open_corpus(self.cfg.corpus_path)
        try:
            source_store.abandon_open_polls(corpus, f"poll killed after {timeout:.0f} s")
            for source_id in ids:
                poll_id = source_store.start_poll(corpus, source_id)
                source_store.finish_poll(corpus, poll_id, source_id, outcome="failed",
                                         entries=None, counts={},
                                         error=f"poll killed after {timeout:.0f} s")
        finally:
            corpus.close()

    def _kill(self, sig: int) -> None:
        child = self.child
        if child is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        if sig == signal.SIGKILL:
            child.wait()

    def stop(self, grace: float) -> None:
        """Stop taking polls; let a running crawl close cleanly (SIGTERM), then kill it."""
        with self.lock:
            self.stopping.set()
            self.due.clear()
            worker = self.worker
        self._kill(signal.SIGTERM)  # Scrapy finishes what it holds and closes the spider
        if worker is not None:
            worker.join(grace)
        self._kill(signal.SIGKILL)


def _last_json_line(output: str) -> dict | None:
    for line in reversed((output or "").strip().splitlines()):
        with contextlib.suppress(ValueError):
            return json.loads(line)
    return None
