"""`vigil demo`: the whole job, offline.

A loopback mirror of the real sources, a mail sink that keeps every message as an
.eml file, the real daemon (`vigil run`) polling the mirror on short intervals, and
Datasette on the demo corpus. Partway through, the mirror publishes new articles:
a listed prisoner named only in Russian inflected forms, a new name in a sentencing
context, and a new UN opinion — the daemon picks them up and mails staff.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import store
from mirror import Mirror
from monitor import recipients
from monitor.config import Config, load
from monitor.demo import setup as demo_setup
from monitor.demo.sink import MailSink
from monitor.demo.summary import counts
from monitor.setup import initialise
from store import sources as source_store

PHASE_TWO_AFTER_SECONDS = 20


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Demo:
    def __init__(self, home: Path, port: int, say: Callable[[str], None] = print) -> None:
        self.home, self.say = home, say
        self.port = port if _port_free(port) else 0
        self.mirror: Mirror | None = None
        self.sink: MailSink | None = None
        self.processes: list[subprocess.Popen] = []

    # ---- set-up ---------------------------------------------------------------------
    def prepare(self) -> Config:
        demo_setup.reset(self.home)
        self.mirror = Mirror(phase=1).start()
        self.sink = MailSink(self.home / "mail").__enter__()
        url = f"http://127.0.0.1:{self.port or 8001}"
        self.config_path = demo_setup.write_config(
            self.home, self.mirror.sources_toml(interval_minutes=1), self.sink.port, url)
        cfg = load(self.config_path, env=demo_setup.child_environment(self.home))
        initialise(cfg)
        staff = store.open_staff(cfg.staff_path)
        try:
            recipients.add(staff, demo_setup.DEMO_RECIPIENT, name="Demo staff")
        finally:
            staff.close()
        return cfg

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.sink:
            self.sink.__exit__(None, None, None)
        if self.mirror:
            self.mirror.stop()

    # ---- one cycle (scripts and tests) ----------------------------------------------
    def once(self) -> dict[str, int]:
        """Poll everything, publish the new articles, poll again, send all mail, exit."""
        from monitor.crawl import select_sources
        from monitor.daemon import Daemon

        cfg = self.prepare()
        daemon = Daemon(cfg, str(self.config_path))
        sources = select_sources(cfg)
        for phase in (1, 2):
            self.mirror.publish_phase(phase)
            self.say(f"polling {len(sources)} mirrored sources (phase {phase}) ...")
            daemon.polls.run_batch(sources)
            daemon.after_polls(sources)
        self._send_everything(cfg)
        return counts(self.home)

    def _send_everything(self, cfg: Config) -> None:
        from monitor.alerts.mailer import send_due

        staff = store.open_staff(cfg.staff_path)
        try:
            send_due(staff, cfg, include_digest=True)
        finally:
            staff.close()

    # ---- the live demo ----------------------------------------------------------------
    def _spawn(self, args: list[str], log_name: str) -> subprocess.Popen:
        with open(self.home / log_name, "ab") as log:
            process = subprocess.Popen([sys.executable, "-m", "monitor.cli", *args],
                                       env=demo_setup.child_environment(self.home),
                                       stdout=log, stderr=log)
        self.processes.append(process)
        return process

    def live(self) -> None:
        cfg = self.prepare()
        self._spawn(["run"], "daemon.log")
        self._spawn(["serve", "--port", str(self.port)], "serve.log")
        self.say(self._banner(cfg))
        self._watch(cfg)

    def _banner(self, cfg: Config) -> str:
        return "\n".join([
            "Vigil demo: the real daemon is polling a local mirror of 10 sources.",
            f"  Datasette:   http://127.0.0.1:{self.port or '(free port, see serve.log)'}/",
            f"  Mail folder: {self.home / 'mail'}  (every alert email as a .eml file)",
            f"  Logs:        {self.home / 'daemon.log'}",
            f"  Try:         export VIGIL_HOME={self.home}, then: vigil status; "
            "vigil candidates list; vigil alerts list",
            f"In about {PHASE_TWO_AFTER_SECONDS + demo_setup.POLL_EVERY_SECONDS} s the mirror"
            " publishes new articles. Ctrl-C stops everything.",
        ])

    def _watch(self, cfg: Config) -> None:
        started, published, seen = time.monotonic(), False, 0
        while all(p.poll() is None for p in self.processes):
            time.sleep(1)
            if not published and self._first_poll_done(cfg) and \
                    time.monotonic() - started > PHASE_TWO_AFTER_SECONDS:
                self.mirror.publish_phase(2)
                published = True
                self.say("The mirror just published 4 new articles; watch the next polls.")
            mails = sorted((self.home / "mail").glob("*.eml"))
            for path in mails[seen:]:
                self.say(f"  mail: {_subject(path)}  ({path.name})")
            seen = len(mails)
        self.say("a demo process stopped unexpectedly; see the logs in " + str(self.home))

    def _first_poll_done(self, cfg: Config) -> bool:
        corpus = store.open_corpus(cfg.corpus_path)
        try:
            return all(s["last_success_at"] or s["last_error"]
                       for s in source_store.list_sources(corpus))
        finally:
            corpus.close()


def _subject(path: Path) -> str:
    for line in path.read_text(errors="replace").splitlines():
        if line.lower().startswith("subject:"):
            return line.split(":", 1)[1].strip()
    return "(no subject)"
