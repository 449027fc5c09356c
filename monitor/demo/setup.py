"""The demo's data folder: a fresh vigil.toml pointing at the mirror and the mail sink."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

DEMO_RECIPIENT = "demo-staff@vigil.example"
POLL_EVERY_SECONDS = 15
DIGEST_EVERY_MINUTES = 2
DIGEST_HOURS = 3


def reset(home: Path) -> None:
    """Start from nothing: the demo's databases, mail and logs are disposable."""
    for name in ("corpus.db", "staff.db", "daemon.json", "daemon.log", "serve.log"):
        for suffix in ("", "-wal", "-shm"):
            (home / f"{name}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(home / "mail", ignore_errors=True)
    home.mkdir(parents=True, exist_ok=True)


def digest_slots(now: datetime) -> list[str]:
    """A digest every few minutes for a few hours, so the demo shows one soon."""
    first = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    count = DIGEST_HOURS * 60 // DIGEST_EVERY_MINUTES
    times = {(first + timedelta(minutes=i * DIGEST_EVERY_MINUTES)).strftime("%H:%M")
             for i in range(count)}
    return sorted(times)


def write_config(home: Path, sources_toml: str, smtp_port: int, datasette_url: str) -> Path:
    sources = home / "sources.toml"
    sources.write_text(sources_toml)
    slots = ", ".join(f'"{slot}"' for slot in digest_slots(datetime.now()))
    text = f"""# Written by `vigil demo`: the real daemon against a loopback mirror of the sources.
[crawl]
sources = "{sources}"
download_delay = 0.2
allow_private_networks = true   # the mirror runs on 127.0.0.1
timeout = 10
poll_timeout = 300

[smtp]
host = "127.0.0.1"
port = {smtp_port}
from = "vigil-demo@vigil.example"

[alerts]
datasette_url = "{datasette_url}"
digest_times = [{slots}]
urgent_max_age_days = 0         # the mirror's articles carry their real, past dates

[daemon]
poll_every = {POLL_EVERY_SECONDS}
mail_interval = 2
jitter = 0
"""
    path = home / "vigil.toml"
    path.write_text(text)
    return path


def child_environment(home: Path) -> dict[str, str]:
    """The environment for the demo's own processes: only the demo's data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env.update({"VIGIL_HOME": str(home), "PYTHONUNBUFFERED": "1"})
    return env
