"""Crawl cycle: Vigil's full poll and second poll of a local mirror, next to `trafilatura --feed`.

    .venv/bin/python bench/bench_crawl.py [--sources 50] [--articles 40] [--delays 1.0,0.25]
                                          [--workers 0] [--no-peer]

The mirror (sites.py) serves ``sources`` feeds of ``articles`` pages each, every site on
its own port under its own host name (hosts.py). Vigil polls it the way the daemon does
(``python -m monitor.poll_child``, timed from launch to exit: imports, worker start-up,
extraction, analysis, storage, alerts), then polls again with nothing new. The peer,
trafilatura's own feed crawler, reads the same feed URLs with a config file that turns its
SSRF protection off (the mirror is on loopback) and sets its per-host SLEEP_TIME to the
same delay as Vigil's ``[crawl] download_delay``; it writes one text file per article. It
remembers nothing between runs, so its second run downloads everything again (measured
once, at the first delay). Each delay gets a fresh Vigil home.

Bytes are everything the mirror's servers wrote (status lines, headers, bodies). Prints
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).parent))
from hosts import loopback_names  # noqa: E402
from pages import PageSet  # noqa: E402
from sites import BenchMirror, host_names  # noqa: E402
from vigil_home import corpus_counts, poll, timed, vigil, write_home  # noqa: E402


def vigil_polls(mirror: BenchMirror, home: Path, delay: float, workers: int) -> dict:
    write_home(home, mirror.sources_toml(),
               crawl={"download_delay": delay, "workers": workers, "max_articles": 1000})
    vigil(home, "init")
    result = {}
    for name in ("full", "second"):
        mirror.reset()
        run = poll(home)
        counts = corpus_counts(home)
        result[name] = {"wall_s": round(run["wall_s"], 2), "cpu_s": round(run["cpu_s"], 2),
                        "bytes": mirror.bytes_sent(), "requests": mirror.requests(), **counts}
    full = result["full"]
    full["items_per_s"] = round(full["articles"] / full["wall_s"], 1)
    result["second"]["bytes_share_of_full"] = round(
        result["second"]["bytes"] / full["bytes"], 5)
    return result


def peer_config(folder: Path, delay: float) -> Path:
    """trafilatura's own settings.cfg with loopback allowed and our politeness delay."""
    default = Path(trafilatura.__file__).with_name("settings.cfg").read_text()
    lines = []
    for line in default.splitlines():
        key = line.split("=", 1)[0].strip()
        if key == "SSRF_PROTECTION":
            line = "SSRF_PROTECTION = off"
        elif key == "SLEEP_TIME":
            line = f"SLEEP_TIME = {delay}"
        lines.append(line)
    path = folder / "trafilatura.cfg"
    path.write_text("\n".join(lines) + "\n")
    return path


def peer_runs(mirror: BenchMirror, folder: Path, delay: float, second: bool = True) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    config = peer_config(folder, delay)
    feeds = folder / "feeds.txt"
    feeds.write_text("\n".join(mirror.feed_urls()) + "\n")
    command = [str(Path(sys.executable).with_name("trafilatura")), "--feed", "-i", str(feeds),
               "--config-file", str(config)]
    result = {}
    for name in ("full", "second") if second else ("full",):
        out = folder / f"out-{name}"
        mirror.reset()
        run = timed(command + ["-o", str(out)], cwd=folder)
        written = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
        result[name] = {"wall_s": round(run["wall_s"], 2), "cpu_s": round(run["cpu_s"], 2),
                        "bytes": mirror.bytes_sent(), "requests": mirror.requests(),
                        "articles": written}
        result[name]["items_per_s"] = round(written / run["wall_s"], 1)
    if second:
        result["second"]["bytes_share_of_full"] = round(
            result["second"]["bytes"] / result["full"]["bytes"], 5)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--delays", default="1.0,0.25",
                        help="per-host politeness delays (s), each the same for both crawlers")
    parser.add_argument("--workers", type=int, default=0, help="[crawl] workers (0: per core)")
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--generated", action="store_true", help="generated pages only")
    args = parser.parse_args()
    delays = [float(d) for d in args.delays.split(",")]
    pages = PageSet.load(generated=args.generated)
    names = host_names(args.sources)
    result = {"pages": pages.origin, "sources": args.sources, "articles_per_source": args.articles,
              "workers": args.workers, "runs": []}
    folder = Path(tempfile.mkdtemp(prefix="vigil-bench-crawl-"))
    try:
        with loopback_names(names) as named:
            result["host_names"] = "sNN.vigil-bench.localhost" if named else "127.0.0.1"
            if not named:
                result["peer_note"] = "skipped: needs host names resolving to 127.0.0.1 (root)"
            with BenchMirror(pages, args.sources, args.articles, names if named else None) as mirror:
                for index, delay in enumerate(delays):
                    run = {"delay_s": delay, "vigil": vigil_polls(
                        mirror, folder / f"home-{index}", delay, args.workers)}
                    if named and not args.no_peer:
                        run["peer"] = peer_runs(mirror, folder / f"peer-{index}", delay,
                                                second=index == 0)
                        run["vigil_vs_peer"] = round(run["vigil"]["full"]["items_per_s"]
                                                     / run["peer"]["full"]["items_per_s"], 2)
                    result["runs"].append(run)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
