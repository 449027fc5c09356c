"""Daemon footprint: resident memory over many poll cycles, and CPU when idle.

    .venv/bin/python bench/bench_daemon.py [--cycles 500] [--idle-seconds 300]

Memory: the real daemon (``vigil run``) against a small local mirror (2 sources × 5
articles, sites.py) with ``[daemon] poll_every = 1``, so polls run back to back, each in
its child process as always. The daemon's own RSS (not its poll children's) is read after
poll cycle 10 and after cycle ``--cycles`` (a cycle: one finished poll of the first source),
with samples in between.

Idle CPU: a second daemon with the same sources on their normal 60-minute interval; once
the start-up poll is over, the daemon's CPU time (user + system, its own and any child's)
is measured over ``--idle-seconds`` and scaled to one hour. The mail job still runs every
``[daemon] mail_interval`` (60 s) in that window, as it would in an idle hour.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from pages import PageSet  # noqa: E402
from sites import BenchMirror  # noqa: E402
from vigil_home import ROOT, env, vigil, write_home  # noqa: E402

import store  # noqa: E402

CHECKPOINTS = (1, 10, 50, 100, 200, 300, 400, 500, 750, 1000)


def start_daemon(home: Path) -> subprocess.Popen:
    log = open(home / "daemon.log", "ab")  # noqa: SIM115 - the child keeps its copy
    return subprocess.Popen([sys.executable, "-m", "monitor.cli", "run", "--log-level", "WARNING"],
                            cwd=ROOT, env=env(home), stdout=log, stderr=log)


def stop_daemon(daemon: subprocess.Popen) -> None:
    if daemon.poll() is None:
        daemon.terminate()
        try:
            daemon.wait(90)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


def finished_polls(home: Path, source_id: str = "bench-00") -> int:
    db = store.connect(home / "corpus.db", readonly=True)
    try:
        return store.scalar(db, "SELECT COUNT(*) FROM polls WHERE source_id = ? "
                                "AND finished_at IS NOT NULL", (source_id,))
    finally:
        db.conn.close()


def prepare(home: Path, mirror: BenchMirror, **daemon) -> None:
    write_home(home, mirror.sources_toml(),
               crawl={"download_delay": 0, "workers": 1, "poll_timeout": 120},
               alerts={"digest_times": []},
               daemon={"jitter": 0, **daemon})
    vigil(home, "init")


def memory_run(mirror: BenchMirror, home: Path, cycles: int) -> dict:
    prepare(home, mirror, poll_every=1)
    daemon = start_daemon(home)
    process = psutil.Process(daemon.pid)
    samples, started = {}, time.monotonic()
    wanted = [c for c in CHECKPOINTS if c < cycles] + [cycles]
    try:
        for target in wanted:
            while (done := finished_polls(home)) < target:
                if daemon.poll() is not None:
                    raise RuntimeError(f"daemon exited: {(home / 'daemon.log').read_text()[-2000:]}")
                time.sleep(0.2)
            samples[str(target)] = {"rss_mb": round(process.memory_info().rss / 1e6, 1),
                                    "cycle_seen": done,
                                    "elapsed_s": round(time.monotonic() - started, 1)}
    finally:
        stop_daemon(daemon)
    at10, last = samples["10"]["rss_mb"], samples[str(cycles)]["rss_mb"]
    return {"cycles": cycles, "rss_mb_at_10": at10, f"rss_mb_at_{cycles}": last,
            "rss_change_pct": round((last - at10) / at10 * 100, 1),
            "seconds_per_cycle": round(samples[str(cycles)]["elapsed_s"] / cycles, 2),
            "samples": samples}


def idle_run(mirror: BenchMirror, home: Path, seconds: float) -> dict:
    prepare(home, mirror)
    daemon = start_daemon(home)
    process = psutil.Process(daemon.pid)
    try:
        while finished_polls(home, mirror.sites[-1].id) < 1:     # the start-up poll
            if daemon.poll() is not None:
                raise RuntimeError(f"daemon exited: {(home / 'daemon.log').read_text()[-2000:]}")
            time.sleep(0.2)
        time.sleep(5)
        polls_before = finished_polls(home)
        before = _cpu(process)
        time.sleep(seconds)
        used = _cpu(process) - before
        polls_after = finished_polls(home)
        rss = process.memory_info().rss / 1e6
    finally:
        stop_daemon(daemon)
    return {"measured_s": seconds, "cpu_s": round(used, 3),
            "cpu_s_per_idle_hour": round(used * 3600 / seconds, 1),
            "cpu_share_of_one_core_pct": round(used / seconds * 100, 3),
            "rss_mb": round(rss, 1), "polls_during_window": polls_after - polls_before}


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=500)
    parser.add_argument("--idle-seconds", type=float, default=300)
    parser.add_argument("--generated", action="store_true", help="generated pages only")
    args = parser.parse_args()
    if args.cycles < 10:
        parser.error("--cycles must be at least 10")
    pages = PageSet.load(generated=args.generated, limit=10)
    folder = Path(tempfile.mkdtemp(prefix="vigil-bench-daemon-"))
    try:
        with BenchMirror(pages, 2, 5) as mirror:
            result = {"pages": pages.origin, "sources": 2, "articles_per_source": 5,
                      "memory": memory_run(mirror, folder / "memory", args.cycles),
                      "idle": idle_run(mirror, folder / "idle", args.idle_seconds)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
