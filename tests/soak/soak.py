"""Soak: the real daemon for a long time against the mirror and the fault server, with
random faults and random SIGKILLs; then a clean run and a report.

    .venv/bin/python tests/soak/soak.py --minutes 60          # default: one hour

Not part of `make test` (pytest collects only test_*.py). What it does:

* the mirror's ten sources plus fault-server sources (5xx then 200, 429, a redirect loop,
  a gzip bomb, a 50 MB body, a feed that goes empty) are polled every ``--poll-every``
  seconds by `vigil run`, mailing a real SMTP server (aiosmtpd) with two recipients and
  a digest every ten minutes;
* every ``--fault-every`` seconds (on average) a fault is injected or healed: a mirror
  site fails (403 challenge, 500, robots.txt 503, hang), the SMTP server goes down or
  answers 421 / 451 / slowly, new articles are published, an article is edited;
* during the storm part (all but the last ``--calm`` share of the time) the daemon is
  SIGKILLed every ``--kill-every`` seconds on average (sometimes the instant the SMTP
  server holds a message) and restarted; `PRAGMA integrity_check` runs after each kill;
* the calm part has faults but no kills: the daemon's memory (RSS) is sampled there;
* at the end every fault is healed, the daemon runs until everything is stored and sent,
  a digest flushes the rest, and the store is checked.

Prints one JSON line and a Markdown table. Exit status 1 when a must-be-zero figure
(articles lost, duplicate alerts or emails, lost alerts, integrity failures, orphaned
processes) is not zero.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import psutil

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from alerts_kit import SmtpServer  # noqa: E402
from conftest import run_vigil  # noqa: E402
from daemon_kit import start_daemon, wait_for  # noqa: E402

import store  # noqa: E402
from mirror import FaultServer, Mirror  # noqa: E402
from mirror.catalog import load_catalog  # noqa: E402

SITE_FAULTS = ("forbidden", "error", "robots-error", "hang")
RECIPIENTS = ("desk@vigil.example", "duty@vigil.example")
FAULT_FEEDS = {  # source id -> path on the fault server
    "f-flaky": "/flaky?id=soak&fail=2",
    "f-rate-limited": "/rate-limited?id=soak",
    "f-redirect-loop": "/redirect-loop",
    "f-gzip-bomb": "/gzip-bomb",
    "f-big": "/big?mb=50&length=0",
    "f-switching": "/feed/switching?after=6",
}


# ---------------------------------------------------------------------- setup

def sources_file(home: Path, mirror: Mirror, faults: FaultServer) -> Path:
    text = mirror.sources_toml()
    for source_id, path in FAULT_FEEDS.items():
        text += (f'\n[[source]]\nid = "{source_id}"\nname = "Fault {source_id}"\norg = "ngo"\n'
                 f'languages = ["en"]\nkind = "feed"\nurl = "{faults.url(path)}"\n'
                 f'allowed_domains = ["127.0.0.1"]\ninterval_minutes = 30\n')
    path = home / "sources.toml"
    path.write_text(text)
    return path


def write_config(home: Path, sources: Path, smtp_port: int, poll_every: int) -> None:
    digests = ", ".join(f'"{h:02d}:{m:02d}"' for h in range(24) for m in range(0, 60, 10))
    (home / "vigil.toml").write_text("\n".join([
        "[crawl]", f'sources = "{sources}"', "download_delay = 0",
        "allow_private_networks = true", "workers = 1", "timeout = 5", "retries = 1",
        "poll_timeout = 120", "extract_timeout = 10",
        "[smtp]", 'host = "127.0.0.1"', f"port = {smtp_port}", 'from = "vigil@vigil.example"',
        "timeout = 5",
        "[alerts]", f"digest_times = [{digests}]", 'timezone = "UTC"',
        'datasette_url = "http://127.0.0.1:8001"', "urgent_max_age_days = 0",
        "health_failures = 2", "health_urgent = true", "retry_base = 5", "retry_max = 60",
        "[daemon]", f"poll_every = {poll_every}", "mail_interval = 3", "jitter = 0",
        "empty_feed_after = 5", ""]))


# ---------------------------------------------------------------------- faults

class Faults:
    """Random faults, each healed after a while; counts what was injected."""

    def __init__(self, rng: random.Random, mirror: Mirror, smtp: SmtpServer) -> None:
        self.rng, self.mirror, self.smtp = rng, mirror, smtp
        self.injected: Counter = Counter()
        self.heal_at: dict[str, float] = {}  # what -> when to heal it
        self.smtp_up = True
        self.edits = [a.key for a in load_catalog() if a.edit is not None]

    def step(self, now: float) -> None:
        for what, when in list(self.heal_at.items()):
            if now >= when:
                self.heal(what)
        choice = self.rng.random()
        if choice < 0.45:
            site = self.rng.choice(sorted(self.mirror.sites))
            if f"site:{site}" not in self.heal_at:
                mode = self.rng.choice(SITE_FAULTS)
                self.mirror.set_failure(site, mode)
                self.heal_at[f"site:{site}"] = now + self.rng.uniform(20, 150)
                self.injected[f"site {mode}"] += 1
        elif choice < 0.6 and self.smtp_up:
            self.smtp.stop()
            self.smtp_up = False
            self.heal_at["smtp:down"] = now + self.rng.uniform(10, 90)
            self.injected["smtp down"] += 1
        elif choice < 0.75 and "smtp:answer" not in self.heal_at:
            stage, reply = self.rng.choice([("mail", "421 4.3.2 Service shutting down"),
                                            ("rcpt", "451 4.3.0 Try again later"),
                                            ("data", "451 4.3.0 Queue full")])
            self.smtp.sink.answers[stage] = reply
            self.heal_at["smtp:answer"] = now + self.rng.uniform(10, 60)
            self.injected[f"smtp {reply[:3]}"] += 1
        elif choice < 0.85 and "smtp:slow" not in self.heal_at:
            self.smtp.sink.stall_after_data = self.rng.uniform(0.5, 3)
            self.heal_at["smtp:slow"] = now + self.rng.uniform(10, 60)
            self.injected["smtp slow answer"] += 1
        elif choice < 0.93 and self.mirror.phase == 1:
            self.mirror.publish_phase(2)
            self.injected["new articles published"] += 1
        elif self.edits:
            key = self.edits.pop()
            self.mirror.apply_edit(key)
            self.injected["article edited"] += 1

    def heal(self, what: str) -> None:
        self.heal_at.pop(what, None)
        if what.startswith("site:"):
            self.mirror.set_failure(what[5:], None)
        elif what == "smtp:down":
            self.smtp.start()
            self.smtp_up = True
        elif what == "smtp:answer":
            self.smtp.sink.answers.clear()
        elif what == "smtp:slow":
            self.smtp.sink.stall_after_data = 0

    def heal_all(self) -> None:
        for what in list(self.heal_at):
            self.heal(what)


# ---------------------------------------------------------------------- daemon lives

def descendants(pid: int) -> list[psutil.Process]:
    with contextlib.suppress(psutil.Error):
        return psutil.Process(pid).children(recursive=True)
    return []


def _dead(process: psutil.Process) -> bool:
    try:  # a zombie is dead; only its reaping by init is left
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def integrity(path: Path) -> str:
    db = store.connect(path)
    try:
        return store.scalar(db, "PRAGMA integrity_check")
    finally:
        db.close()


def rss(pid: int) -> int:
    with contextlib.suppress(psutil.Error):
        return psutil.Process(pid).memory_info().rss
    return 0


class Lives:
    def __init__(self, home: Path, smtp: SmtpServer) -> None:
        self.home, self.smtp = home, smtp
        self.log = home / "daemon.log"
        self.daemon = None
        self.kills = self.kills_at_mail = 0
        self.unexpected_exits: list[int] = []
        self.integrity_failures: list[str] = []
        self.orphans: list[str] = []
        self.killed = threading.Event()

    def ensure_running(self) -> None:
        if self.daemon is not None and self.daemon.poll() is not None:
            self.unexpected_exits.append(self.daemon.returncode)  # it died on its own
            self.daemon = None
        if self.daemon is None:
            self.daemon = start_daemon(self.home, self.log)

    def kill(self, family: list[psutil.Process] | None = None) -> None:
        daemon = self.daemon
        if daemon is None:
            return
        if family is None:
            family = descendants(daemon.pid)
        with contextlib.suppress(ProcessLookupError):
            daemon.send_signal(signal.SIGKILL)
        daemon.wait(timeout=60)
        self.daemon = None
        self.kills += 1
        deadline = time.monotonic() + 10
        while not all(_dead(p) for p in family) and time.monotonic() < deadline:
            time.sleep(0.05)
        for process in family:
            if not _dead(process):
                with contextlib.suppress(psutil.Error):
                    self.orphans.append(" ".join(process.cmdline()[:4]))
                    process.kill()
        for name in ("corpus.db", "staff.db"):
            result = integrity(self.home / name)
            if result != "ok":
                self.integrity_failures.append(f"kill {self.kills}: {name}: {result}")

    def kill_at_next_mail(self, timeout: float) -> None:
        """SIGKILL the instant the SMTP server holds a message (or after ``timeout``)."""
        if self.daemon is None:
            return
        self.killed.clear()
        pid, family = self.daemon.pid, []

        def on_message() -> None:
            family.extend(descendants(pid))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self.killed.set()

        self.smtp.sink.on_message = on_message
        hit = self.killed.wait(timeout)
        self.smtp.sink.on_message = None
        self.kills_at_mail += hit
        self.kill(family if hit else None)

    def stop(self) -> None:
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGTERM)
            self.daemon.wait(timeout=180)


# ---------------------------------------------------------------------- checks

def rows(home: Path, name: str, sql: str) -> list[dict]:
    db = store.connect(home / name)
    try:
        return store.rows(db, sql)
    finally:
        db.close()


def expected_urls(mirror: Mirror, faults: FaultServer) -> set[str]:
    urls = {a.url for a in mirror.expected_articles()}
    urls |= {faults.url(f"/article/{n}") for n in range(1, 41)}  # the switching feed's
    return urls


def settled(home: Path, expected: set[str]) -> bool:
    """Everything stored, every healed mirror source polled fine again, no mail waiting."""
    stored = {r["url"] for r in rows(home, "corpus.db", "SELECT url FROM articles")}
    if not expected <= stored:
        return False
    if rows(home, "corpus.db", "SELECT 1 FROM sources WHERE id NOT LIKE 'f-%' "
                               "AND health != 'ok'"):
        return False
    return not rows(home, "staff.db",
                    "SELECT 1 FROM deliveries JOIN alerts ON alerts.id = deliveries.alert_id "
                    "WHERE alerts.urgent = 1 AND deliveries.state IN ('pending', 'batched') "
                    "UNION ALL SELECT 1 FROM batches WHERE state IN ('ready', 'retry', "
                    "'sending')")


def check(home: Path, expected: set[str], smtp: SmtpServer) -> dict:
    stored = Counter(r["url"] for r in rows(home, "corpus.db", "SELECT url FROM articles"))
    duplicate_alerts = rows(home, "staff.db",
                            "SELECT kind, article_id, prisoner_id, COUNT(*) AS n FROM alerts "
                            "WHERE kind IN ('mention', 'un_document') GROUP BY 1, 2, 3 "
                            "HAVING n > 1")
    duplicate_keys = rows(home, "staff.db", "SELECT dedupe_key FROM alerts GROUP BY 1 "
                                            "HAVING COUNT(*) > 1")
    messages = [message_from_bytes(m["content"], policy=default_policy)
                for m in smtp.sink.received]
    ids = Counter(m["Message-ID"] for m in messages)
    states = rows(home, "staff.db", "SELECT alerts.id, deliveries.state FROM alerts "
                                    "LEFT JOIN deliveries ON deliveries.alert_id = alerts.id")
    sources = rows(home, "corpus.db", "SELECT id, health FROM sources")
    return {
        "articles_expected": len(expected),
        "articles_lost": len(expected - set(stored)),
        "duplicate_article_rows": sum(n - 1 for n in stored.values()),
        "duplicate_alerts": len(duplicate_alerts) + len(duplicate_keys),
        "emails": len(messages),
        "duplicate_emails": sum(n - 1 for n in ids.values()),
        "alerts": len({s["id"] for s in states}),
        "alerts_lost": sum(1 for s in states if s["state"] not in ("sent", "uncertain")),
        "alerts_held_uncertain": sum(1 for s in states if s["state"] == "uncertain"),
        "mirror_sources_healthy_at_end": sum(
            1 for s in sources if not s["id"].startswith("f-") and s["health"] == "ok"),
        "mirror_sources": sum(1 for s in sources if not s["id"].startswith("f-")),
    }


# ---------------------------------------------------------------------- main

def soak(args) -> dict:
    rng = random.Random(args.seed)
    home = Path(args.home or tempfile.mkdtemp(prefix="vigil-soak-"))
    home.mkdir(parents=True, exist_ok=True)
    smtp = SmtpServer().start()
    report: dict = {"minutes": args.minutes, "seed": args.seed, "home": str(home)}
    try:
        with Mirror() as mirror, FaultServer() as faults:
            write_config(home, sources_file(home, mirror, faults), smtp.port, args.poll_every)
            run_vigil(home, "init")
            for address in RECIPIENTS:
                run_vigil(home, "recipients", "add", address)
            report.update(run_phases(args, rng, home, mirror, faults, smtp))
            expected = expected_urls(mirror, faults)
            lives = report.pop("_lives")
            try:
                wait_for(lambda: settled(home, expected), args.settle,
                         "the final run to settle", interval=2)
                report["settled"] = True
            except AssertionError:
                report["settled"] = False
            lives.stop()
            smtp.sink.stall_after_data = 0
            run_vigil(home, "alerts", "send", check=False)
            report.update(check(home, expected, smtp))
            report["integrity_failures"] = len(lives.integrity_failures)
            report["orphaned_processes"] = len(lives.orphans)
            report["unexpected_daemon_exits"] = len(lives.unexpected_exits)
            report["integrity_detail"] = lives.integrity_failures[:5]
    finally:
        smtp.stop()
    return report


def run_phases(args, rng, home, mirror, faults_server, smtp) -> dict:
    faults = Faults(rng, mirror, smtp)
    lives = Lives(home, smtp)
    started = time.monotonic()
    total = args.minutes * 60
    calm_from = total * (1 - args.calm)
    next_fault = next_kill = 0.0
    samples: list[tuple[float, int]] = []
    lives.ensure_running()
    while (now := time.monotonic() - started) < total:
        if now >= next_fault:
            faults.step(now)
            next_fault = now + rng.expovariate(1 / args.fault_every)
        if now < calm_from and now >= next_kill and now > 5:
            if rng.random() < 0.2:
                lives.kill_at_next_mail(timeout=rng.uniform(5, 30))
            else:
                lives.kill()
            next_kill = now + rng.expovariate(1 / args.kill_every)
        lives.ensure_running()
        if now >= calm_from:
            samples.append((now, rss(lives.daemon.pid)))
        time.sleep(0.5)
    faults.heal_all()
    if not faults.smtp_up:
        smtp.start()
    warm = [r for t, r in samples if t >= calm_from + 60 and r] or [r for _, r in samples if r]
    start_rss, end_rss = (warm[0], warm[-1]) if warm else (0, 0)
    return {
        "_lives": lives, "kills": lives.kills, "kills_at_mail": lives.kills_at_mail,
        "faults_injected": sum(faults.injected.values()), "faults": dict(faults.injected),
        "calm_minutes": round(args.calm * args.minutes, 1),
        "daemon_rss_start_mb": round(start_rss / 1e6, 1),
        "daemon_rss_end_mb": round(end_rss / 1e6, 1),
        "daemon_rss_growth_pct": round(100 * (end_rss - start_rss) / start_rss, 1)
        if start_rss else None,
    }


MUST_BE_ZERO = ("articles_lost", "duplicate_article_rows", "duplicate_alerts",
                "duplicate_emails", "alerts_lost", "integrity_failures", "orphaned_processes",
                "unexpected_daemon_exits")


def markdown(report: dict) -> str:
    survived = report["faults_injected"] if all(report[k] == 0 for k in MUST_BE_ZERO) \
        and report["settled"] else "see JSON"
    lines = [
        f"Soak: {report['minutes']} min (last {report['calm_minutes']} min without kills), "
        f"seed {report['seed']}",
        "",
        "| figure | value |", "| --- | --- |",
        f"| faults injected / survived | {report['faults_injected']} / {survived} |",
        f"| SIGKILLs (at an SMTP message) | {report['kills']} ({report['kills_at_mail']}) |",
        f"| integrity_check failures | {report['integrity_failures']} |",
        f"| articles expected / lost | {report['articles_expected']} / "
        f"{report['articles_lost']} |",
        f"| duplicate article rows | {report['duplicate_article_rows']} |",
        f"| alerts / duplicate / lost / held uncertain | {report['alerts']} / "
        f"{report['duplicate_alerts']} / {report['alerts_lost']} / "
        f"{report['alerts_held_uncertain']} |",
        f"| emails / duplicate | {report['emails']} / {report['duplicate_emails']} |",
        f"| orphaned processes after kills | {report['orphaned_processes']} |",
        f"| daemon exits not caused by the soak | {report['unexpected_daemon_exits']} |",
        f"| mirror sources healthy at the end | {report['mirror_sources_healthy_at_end']} / "
        f"{report['mirror_sources']} |",
        f"| daemon RSS start → end (calm part) | {report['daemon_rss_start_mb']} MB → "
        f"{report['daemon_rss_end_mb']} MB ({report['daemon_rss_growth_pct']} %) |",
    ]
    faults = ", ".join(f"{k} {v}" for k, v in sorted(report["faults"].items()))
    return "\n".join(lines + ["", f"Faults: {faults}."])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--home", help="data folder (default: a new temporary folder)")
    parser.add_argument("--poll-every", type=int, default=20, help="seconds between polls")
    parser.add_argument("--kill-every", type=float, default=45,
                        help="mean seconds between SIGKILLs in the storm part")
    parser.add_argument("--fault-every", type=float, default=20,
                        help="mean seconds between fault injections")
    parser.add_argument("--calm", type=float, default=0.25,
                        help="share of the time at the end without kills (memory is measured)")
    parser.add_argument("--settle", type=float, default=600,
                        help="seconds the final run may take to store and send everything")
    args = parser.parse_args(argv)
    report = soak(args)
    print(json.dumps(report, sort_keys=True))
    print(markdown(report))
    return 1 if any(report[k] for k in MUST_BE_ZERO) or not report["settled"] else 0


if __name__ == "__main__":
    sys.exit(main())
