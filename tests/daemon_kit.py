"""Run the real daemon (`vigil run`) as a subprocess against the mirror and a mail sink."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from email.policy import default as default_policy
from pathlib import Path

from conftest import ROOT, run_vigil, vigil_env

import store


def write_config(home: Path, mirror, sink_port: int, **daemon) -> None:
    sources = home / "sources.toml"
    sources.write_text(mirror.sources_toml())
    settings = {"poll_every": 4, "mail_interval": 1, "jitter": 0, **daemon}
    lines = [
        "[crawl]", f'sources = "{sources}"', "download_delay = 0",
        "allow_private_networks = true", "workers = 1", "timeout = 3", "retries = 0",
        "poll_timeout = 60",
        "[smtp]", 'host = "127.0.0.1"', f"port = {sink_port}", 'from = "vigil@vigil.example"',
        # The mirror's articles carry their real (past) dates: no age limit on urgency.
        "[alerts]", "digest_times = []", 'datasette_url = "http://127.0.0.1:8001"',
        "urgent_max_age_days = 0",
        "[daemon]", *(f"{k} = {v}" for k, v in settings.items()),
    ]
    (home / "vigil.toml").write_text("\n".join(lines) + "\n")


def prepare(home: Path, mirror, sink_port: int, **daemon) -> None:
    write_config(home, mirror, sink_port, **daemon)
    run_vigil(home, "init")
    run_vigil(home, "recipients", "add", "staff@vigil.example", "--name", "Staff")


def start_daemon(home: Path, log: Path) -> subprocess.Popen:
    with open(log, "ab") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "monitor.cli", "run", "--log-level", "INFO"],
            cwd=ROOT, env=vigil_env(home), stdout=handle, stderr=handle)


def wait_for(condition, timeout: float, what: str, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def stop(daemon: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
    if daemon.poll() is None:
        daemon.send_signal(sig)
    return daemon.wait(timeout)


def query(home: Path, sql: str, params=()) -> list[dict]:
    db = store.connect(home / "corpus.db")
    try:
        return store.rows(db, sql, params)
    finally:
        db.close()


def staff_query(home: Path, sql: str, params=()) -> list[dict]:
    db = store.connect(home / "staff.db")
    try:
        return store.rows(db, sql, params)
    finally:
        db.close()


def mails(folder: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=default_policy)
            for p in sorted(folder.glob("*.eml"))]


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found
