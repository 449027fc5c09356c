"""A throw-away Vigil home pointed at a benchmark mirror, and timed runs of Vigil in it.

Polls run exactly as the daemon runs them: ``python -m monitor.poll_child`` in a child
process (imports, worker start-up and all), timed from launch to exit.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parents[1]


def write_home(home: Path, sources_toml: str, **sections: dict) -> Path:
    """Write sources.toml and vigil.toml into ``home``; ``sections`` add/override keys."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "sources.toml").write_text(sources_toml)
    settings = {"crawl": {"sources": str(home / "sources.toml"), "allow_private_networks": True,
                          "retries": 0, "timeout": 30}}
    for name, values in sections.items():
        settings.setdefault(name, {}).update(values)
    lines = []
    for name, values in settings.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {_toml(value)}" for key, value in values.items()]
    config = home / "vigil.toml"
    config.write_text("\n".join(lines) + "\n")
    return config


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "VIGIL_HOME": str(home), "VIGIL_CONFIG": str(home / "vigil.toml")}


def vigil(home: Path, *args: str, timeout: float = 600) -> str:
    done = subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=ROOT, env=env(home),
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"vigil {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def timed(command: list[str], *, environment: dict | None = None, timeout: float = 1800,
          cwd: Path = ROOT) -> dict:
    """Run ``command``; wall seconds and CPU seconds of it and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=timeout)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed ({done.returncode}): {done.stderr[-3000:]}")
    return {"wall_s": wall, "cpu_s": (after.ru_utime - before.ru_utime)
            + (after.ru_stime - before.ru_stime), "stdout": done.stdout, "stderr": done.stderr}


def poll(home: Path, timeout: float = 1800) -> dict:
    """One poll of every enabled source, as the daemon runs it."""
    return timed([sys.executable, "-m", "monitor.poll_child"], environment=env(home),
                 timeout=timeout)


def corpus_counts(home: Path) -> dict:
    db = store.connect(home / "corpus.db", readonly=True)
    try:
        return {
            "articles": store.scalar(db, "SELECT COUNT(*) FROM articles"),
            "extracted": store.scalar(db, "SELECT COUNT(*) FROM articles WHERE extraction = 'ok'"),
            "analysed": store.scalar(db, "SELECT COUNT(*) FROM articles "
                                         "WHERE analysed_hash IS NOT NULL"),
            "mentions": store.scalar(db, "SELECT COUNT(*) FROM mentions"),
        }
    finally:
        db.conn.close()
