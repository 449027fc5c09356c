"""A throw-away Vigil home pointed at a benchmark mirror, and timed runs of Vigil in it.

Polls run exactly as the daemon runs them: ``python -m monitor.poll_child`` in a child
process (imports, worker start-up and all), timed from launch to exit.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

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


class TreeWatch:
    """CPU seconds of a process and all its descendants, sampled while it runs.

    ``resource.RUSAGE_CHILDREN`` misses processes nobody waits for (forkserver workers);
    here each process's last sampled cpu_times count, so at most one sampling interval
    of a process that exits between samples is lost."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.root, self.interval = psutil.Process(pid), interval
        self.root_key = (pid, self.root.create_time())
        self.seen: dict[tuple[int, float], dict] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        for process in processes:
            with contextlib.suppress(psutil.Error):
                with process.oneshot():
                    times, name = process.cpu_times(), process.name()
                    cmd = " ".join(process.cmdline()[1:4])
                    key = (process.pid, process.create_time())
                self.seen[key] = {"cpu": times.user + times.system, "name": name, "cmd": cmd}

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self._sample()

    def finish(self) -> dict:
        self.stop.set()
        self.thread.join()
        total = sum(p["cpu"] for p in self.seen.values())
        root = self.seen.get(self.root_key, {}).get("cpu", 0.0)
        return {"cpu_s": total, "root_cpu_s": root, "processes": len(self.seen)}


def timed(command: list[str], *, environment: dict | None = None, timeout: float = 1800,
          cwd: Path = ROOT, cpus: set[int] | None = None) -> dict:
    """Run ``command`` (on the ``cpus`` given, if any): wall seconds, CPU seconds of it and
    its descendants (sampled), and of the processes it waited for (rusage, exact)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, preexec_fn=pin)
    watch = TreeWatch(process.pid)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        tree = watch.finish()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed ({process.returncode}): {stderr[-3000:]}")
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": max(tree["cpu_s"], waited), "stdout": stdout,
            "stderr": stderr, "tree": watch.seen}


def poll(home: Path, timeout: float = 1800, cpus: set[int] | None = None) -> dict:
    """One poll of every enabled source, as the daemon runs it (on ``cpus``, if given:
    the poll's processes inherit the affinity)."""
    return timed([sys.executable, "-m", "monitor.poll_child"], environment=env(home),
                 timeout=timeout, cpus=cpus)


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
