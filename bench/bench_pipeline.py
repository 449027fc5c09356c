"""Pipeline throughput: articles/s through download → extract → analyse → store, on one and
on two cores, next to extraction alone and the lxml parse floor on the same pages.

    .venv/bin/python bench/bench_pipeline.py [--sources 30] [--articles 40] [--cores 1,2]

The same ``sources × articles`` distinct pages (pages.py: real pages cycled with unique
ids, or generated) are measured three ways in one run:

* in memory, no I/O: lxml's parse alone (the floor), trafilatura's ``extract()`` with its
  defaults (what a researcher would call), Vigil's extraction (``spiders.extract``:
  trafilatura with metadata), and Vigil's worker task (extraction + analysis); on one core
  in this process and on N cores in a fork pool that already holds the pages;
* through Vigil: a poll of a local mirror of the pages (sites.py; no politeness delay),
  run as the daemon runs it (``python -m monitor.poll_child``) with ``[crawl] workers`` =
  N and its processes (crawl process and workers) pinned to N cores, timed from launch to
  exit; articles/s = articles stored / wall time.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pages import PageSet  # noqa: E402
from sites import BenchMirror  # noqa: E402
from vigil_home import corpus_counts, poll, vigil, write_home  # noqa: E402

_PAGES: list[bytes] = []        # inherited by the fork pool's workers


def _lxml(number: int) -> None:
    from trafilatura.utils import load_html

    load_html(_PAGES[number])


def _trafilatura(number: int) -> None:
    import trafilatura

    trafilatura.extract(_PAGES[number])


def _payload(number: int) -> dict:
    return {"body": _PAGES[number], "content_type": "html", "encoding": None,
            "url": f"http://bench.localhost/news/{number}.html",
            "link": {"title": f"Article {number}", "published": "2025-03-01T12:00:00+00:00"},
            "source_languages": ["en"], "source_org": "media"}


def _vigil_extract(number: int) -> None:
    from spiders.extract import extract_document

    extract_document(_payload(number))


def _vigil_task(number: int) -> None:
    from monitor.worker import extract_and_analyse

    extract_and_analyse(_payload(number))


def _analyser(corpus_path: str | None) -> None:
    if corpus_path:
        from monitor.worker import init_worker

        init_worker(corpus_path)


KINDS = {"lxml_parse": _lxml, "trafilatura_extract": _trafilatura,
         "vigil_extract": _vigil_extract, "vigil_extract_analyse": _vigil_task}


def in_memory_rate(kind: str, count: int, cores: int, corpus_path: str | None) -> float:
    """Pages per second; the pool's start-up and the analyser's set-up are not timed."""
    work = KINDS[kind]
    if cores == 1:
        _analyser(corpus_path if kind == "vigil_extract_analyse" else None)
        work(0)                                            # imports and first-call set-up
        started = time.perf_counter()
        for number in range(count):
            work(number)
        return count / (time.perf_counter() - started)
    context = multiprocessing.get_context("fork")
    init = (corpus_path if kind == "vigil_extract_analyse" else None,)
    with context.Pool(cores, initializer=_analyser, initargs=init) as pool:
        pool.map(work, range(cores), chunksize=1)          # warm every worker
        started = time.perf_counter()
        pool.map(work, range(count), chunksize=4)
        return count / (time.perf_counter() - started)


def vigil_poll(mirror: BenchMirror, home: Path, cores: int) -> dict:
    """A poll with ``[crawl] workers`` = cores, its processes pinned to that many cores
    (unpinned when that is every core); the mirror is not pinned."""
    write_home(home, mirror.sources_toml(),
               crawl={"download_delay": 0, "workers": cores, "max_articles": 1000})
    vigil(home, "init")
    mirror.reset()
    available = sorted(os.sched_getaffinity(0))
    cpus = set(available[:cores]) if cores < len(available) else None
    run = poll(home, cpus=cpus)
    counts = corpus_counts(home)
    return {"wall_s": round(run["wall_s"], 2), "cpu_s": round(run["cpu_s"], 2),
            "articles_per_s": round(counts["articles"] / run["wall_s"], 1),
            "cpu_ms_per_article": round(run["cpu_s"] * 1000 / max(counts["articles"], 1), 1),
            "bytes": mirror.bytes_sent(), "pinned_cpus": sorted(cpus) if cpus else None,
            **counts}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=30)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--cores", default="1,2", help="core counts to measure")
    parser.add_argument("--generated", action="store_true", help="generated pages only")
    args = parser.parse_args()
    cores = [int(c) for c in args.cores.split(",")]
    pages = PageSet.load(generated=args.generated)
    count = args.sources * args.articles
    _PAGES[:] = pages.pages(count)
    result = {"pages": pages.origin, "distinct_pages": count, "base_pages": len(pages.bases),
              "mean_page_kb": round(sum(map(len, _PAGES)) / count / 1024, 1),
              "in_memory_pages_per_s": {}, "vigil_poll": {}}
    folder = Path(tempfile.mkdtemp(prefix="vigil-bench-pipeline-"))
    try:
        corpus = str(_prisoner_corpus(folder / "reference"))
        for kind in KINDS:
            result["in_memory_pages_per_s"][kind] = {
                str(n): round(in_memory_rate(kind, count, n, corpus), 1) for n in cores}
        with BenchMirror(pages, args.sources, args.articles) as mirror:
            for n in cores:
                result["vigil_poll"][str(n)] = vigil_poll(mirror, folder / f"home-{n}", n)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for n in map(str, cores):
        alone = result["in_memory_pages_per_s"]["trafilatura_extract"][n]
        result["vigil_poll"][n]["share_of_trafilatura_extract"] = round(
            result["vigil_poll"][n]["articles_per_s"] / alone, 2)
    print(json.dumps(result))


def _prisoner_corpus(home: Path) -> Path:
    """A corpus.db holding only the bundled prisoner list (what a worker's analyser reads)."""
    import store
    from monitor.prisoners import load_bundled_into_store

    path = home / "corpus.db"
    db = store.open_corpus(path)
    try:
        load_bundled_into_store(db)
    finally:
        db.close()
    return path


if __name__ == "__main__":
    main()
