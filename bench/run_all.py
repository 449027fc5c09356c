"""Run every benchmark once and write the results table (``make bench``).

    .venv/bin/python bench/run_all.py [--quick] [--only NAME ...] [--skip NAME ...]
                                      [--quiet-wait 300] [--merge]
                                      [--render results/latest.json]

Each benchmark runs as its own process (a fresh interpreter, as a user would run it) and
prints one JSON line; this script collects them with a description of the machine, checks
the issue's targets and writes ``bench/results/latest.json`` (everything measured) and
``bench/results/latest.md`` (the tables). ``--quick`` shrinks every size for a smoke run
(its results are not comparable and are written to ``quick.md``/``quick.json``).
``--merge --only NAME`` re-runs some benches and keeps the others' earlier results; the
"Runs" table names the commit each row was measured on.

Benchmarks share the machine with whatever else runs on it, so before each one this
script waits (up to ``--quiet-wait`` seconds) until the other processes use less than 15%
of the CPU, and records how much CPU other processes used while it ran.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from report import markdown  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
LIBRARIES = ("trafilatura", "htmldate", "lxml", "scrapy", "twisted", "feedparser",
             "sqlite-utils", "datasette", "apscheduler", "pyahocorasick", "natasha", "psutil")

# name → (script, full-size arguments, --quick arguments)
BENCHES = {
    "matching": ("bench_matching.py", [], ["--pages", "60"]),
    "detectors": ("bench_detectors.py", [], ["--pages", "40", "--repeat", "1"]),
    "names_quality": ("eval_names.py", [], []),
    "pipeline": ("bench_pipeline.py", ["--sources", "30", "--articles", "40"],
                 ["--sources", "5", "--articles", "20"]),
    "crawl": ("bench_crawl.py", ["--sources", "50", "--articles", "40", "--delays", "1.0,0.25"],
              ["--sources", "5", "--articles", "10", "--delays", "0.25"]),
    "datasette": ("bench_datasette.py", ["--articles", "100000", "--repeat", "40"],
                  ["--articles", "2000", "--repeat", "5"]),
    "daemon": ("bench_daemon.py", ["--cycles", "500", "--idle-seconds", "300"],
               ["--cycles", "12", "--idle-seconds", "20"]),
}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu, "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
        "libraries": versions, "commit": _git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain")),
    }


def _git(*args: str) -> str:
    """Read-only git queries, for the record of what was measured."""
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except OSError:
        return ""
    return done.stdout.strip()


class CpuClock:
    """System-wide busy CPU seconds (all cores), from /proc/stat."""

    @staticmethod
    def busy() -> float:
        times = psutil.cpu_times()
        return times.user + times.system + times.nice + getattr(times, "irq", 0) + \
            getattr(times, "softirq", 0) + getattr(times, "steal", 0)


def foreign_busy_share(seconds: float = 5.0) -> float:
    """Share of the machine's CPU used by other processes over ``seconds``."""
    before, started = CpuClock.busy(), time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - started
    return (CpuClock.busy() - before) / (elapsed * (os.cpu_count() or 1))


def wait_for_quiet(limit: float, threshold: float = 0.15) -> float:
    deadline = time.monotonic() + limit
    while True:
        share = foreign_busy_share()
        if share < threshold or time.monotonic() > deadline:
            return round(share * 100, 1)
        print(f"   waiting: other processes use {share:.0%} of the CPU", flush=True)
        time.sleep(10)


def tree_cpu(process: psutil.Process, seen: dict) -> None:
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return
    for member in members:
        try:
            times = member.cpu_times()
            seen[(member.pid, member.create_time())] = times.user + times.system
        except psutil.Error:
            pass


def run_bench(name: str, script: str, args: list[str]) -> dict:
    """Run one benchmark; its JSON, wall time, and the CPU other processes used meanwhile.

    Our CPU is the larger of the sampled process tree and the rusage of waited-for
    children (each misses some short-lived or unwaited processes), so the other
    processes' share is approximate, and errs high."""
    command = [sys.executable, str(HERE / script), *args]
    busy_before, started = CpuClock.busy(), time.monotonic()
    children_before, self_before = _rusage_children(), _self_cpu()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    watched, seen = psutil.Process(process.pid), {}
    while process.poll() is None:
        tree_cpu(watched, seen)
        time.sleep(0.5)
    stdout, stderr = process.communicate()
    wall = time.monotonic() - started
    busy = CpuClock.busy() - busy_before
    own = max(sum(seen.values()), _rusage_children() - children_before) \
        + _self_cpu() - self_before
    record = {"command": " ".join(["python", f"bench/{script}", *args]),
              "wall_s": round(wall, 1), "exit_code": process.returncode,
              "foreign_cpu_share_pct": round(max(busy - own, 0) / (wall * (os.cpu_count() or 1))
                                             * 100, 1)}
    if process.returncode != 0:
        record["error"] = stderr[-3000:]
        return record
    if name == "names_quality":
        record["result"] = parse_eval(stdout)
    else:
        lines = [line for line in stdout.splitlines() if line.startswith("{")]
        record["result"] = json.loads(lines[-1]) if lines else None
    return record


def _rusage_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def parse_eval(text: str) -> dict:
    """eval_names.py prints per file: '  <lang> precision P recall R (tp, fp, fn)'."""
    result, current = {}, None
    for line in text.splitlines():
        if not line.startswith(" "):
            current = line.strip()
            result[current] = {}
            continue
        parts = line.split()
        if current and len(parts) >= 5 and parts[1] == "precision":
            result[current][parts[0]] = {"precision": float(parts[2]), "recall": float(parts[4])}
    return result


def targets(results: dict) -> list[dict]:
    """The issue's targets, checked against what was measured (None: not measured)."""
    out = []
    crawl = (results.get("crawl") or {}).get("result") or {}
    for run in crawl.get("runs", []):
        if run.get("peer"):
            out.append({"target": f"full poll items/s vs trafilatura --feed "
                                  f"(delay {run['delay_s']:g} s)",
                        "goal": "≥ 2.5×", "value": run["vigil_vs_peer"],
                        "shown": f"{run['vigil_vs_peer']:.2f}× ({run['vigil']['full']['items_per_s']}"
                                 f" vs {run['peer']['full']['items_per_s']} items/s)",
                        "met": run["vigil_vs_peer"] >= 2.5})
    if crawl.get("runs"):
        share = max(r["vigil"]["second"]["bytes_share_of_full"] for r in crawl["runs"])
        out.append({"target": "second poll bytes / first poll bytes", "goal": "< 2%",
                    "value": share, "shown": f"{share * 100:.3f}%", "met": share < 0.02})
    share = matching_share(results)
    if share is not None:
        out.append({"target": "name matching time / extraction time", "goal": "≤ 5%",
                    "value": share, "shown": f"{share * 100:.1f}%", "met": share <= 0.05})
    memory = (((results.get("daemon") or {}).get("result") or {}).get("memory")) or {}
    if memory:
        change = memory["rss_change_pct"]
        out.append({"target": f"daemon RSS change, cycle 10 → {memory['cycles']}",
                    "goal": "within ±10%", "value": change, "shown": f"{change:+.1f}%",
                    "met": abs(change) <= 10})
    return out


def matching_share(results: dict) -> float | None:
    """Warm matcher ms per article over Vigil's extraction ms per page (one core)."""
    matching = (results.get("matching") or {}).get("result")
    pipeline = (results.get("pipeline") or {}).get("result")
    if not matching or not pipeline:
        return None
    matcher_ms = matching["warm_ms_per_4kb"] * matching["mean_article_kb"] * 1024 / 4096
    extract_ms = 1000 / pipeline["in_memory_pages_per_s"]["vigil_extract"]["1"]
    return round(matcher_ms / extract_ms, 4)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", nargs="*", choices=list(BENCHES), default=None)
    parser.add_argument("--skip", nargs="*", choices=list(BENCHES), default=[])
    parser.add_argument("--quiet-wait", type=float, default=300,
                        help="longest wait (s) for the machine to be quiet before each bench")
    parser.add_argument("--merge", action="store_true",
                        help="re-run only the chosen benches, keeping the others' results")
    parser.add_argument("--render", type=Path, metavar="JSON",
                        help="only write the markdown of an earlier run's JSON next to it")
    args = parser.parse_args()
    if args.render:
        args.render.with_suffix(".md").write_text(markdown(json.loads(args.render.read_text())))
        return
    chosen = [n for n in (args.only or BENCHES) if n not in args.skip]
    started = datetime.now(UTC)
    report = {"started_at": started.replace(microsecond=0).isoformat(), "quick": args.quick,
              "machine": machine(), "benches": {}}
    stem = "quick" if args.quick else "latest"
    if args.merge and (RESULTS / f"{stem}.json").exists():
        earlier = json.loads((RESULTS / f"{stem}.json").read_text())
        report["started_at"] = earlier["started_at"]
        report["benches"] = earlier["benches"]
    for name in chosen:
        script, full, quick = BENCHES[name]
        print(f"== {name}", flush=True)
        quiet = wait_for_quiet(args.quiet_wait)
        record = run_bench(name, script, quick if args.quick else full)
        record["foreign_cpu_share_before_pct"] = quiet
        record["commit"] = report["machine"]["commit"]
        report["benches"][name] = record
        print(f"   {record['wall_s']} s" + (f"  ERROR {record['error'][-500:]}"
                                              if "error" in record else ""), flush=True)
    report["targets"] = targets(report["benches"])
    report["finished_at"] = datetime.now(UTC).replace(microsecond=0).isoformat()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    (RESULTS / f"{stem}.md").write_text(markdown(report))
    print(f"wrote {RESULTS / (stem + '.md')} and {stem}.json")


if __name__ == "__main__":
    main()
