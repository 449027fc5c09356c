"""Benchmark of the name matcher with the full default list (plain Python, not a test).

    .venv/bin/python bench/bench_matching.py [--pages N]

Reports the index build time, the memory the index takes (RSS delta, psutil), the time
per article and the throughput in MB/s, and prints one JSON line. Article texts come from
real news pages (../shared/data/pages/news-pages.tar.gz, extracted with trafilatura) when
that file is present; otherwise from generated text of the same size, so the benchmark
runs from a fresh clone too. Also reports how many mentions the pages produced, by rule
(these pages are mostly world news not about Belarus, so every mention there is very
probably spurious); ``--show`` prints each one with its surroundings.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import tarfile
import time
from collections import Counter
from pathlib import Path

import psutil

from monitor.names import Matcher
from monitor.prisoners import bundled_prisoners

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages" / "news-pages.tar.gz"
_PHRASE = ("the court said political prisoner was sentenced to years in a colony after "
           "the protests of August human rights defenders reported that Minsk and Homiel "
           "police detained several people on Monday Aliaksandr Kashpul Maryia Kalesnikava "
           "Ales Bialiatski Беляцкого Калеснікавай Кашпуля суд приговорил задержали")
WORDS = tuple(_PHRASE.split(" "))


def real_articles(limit: int) -> list[str]:
    import trafilatura

    texts = []
    with tarfile.open(PAGES) as archive:
        for member in archive.getmembers():
            if not member.isfile() or len(texts) >= limit:
                continue
            html = archive.extractfile(member).read().decode("utf-8", "replace")
            text = trafilatura.extract(html)
            if text and len(text) > 500:
                texts.append(text)
    return texts


def generated_articles(count: int, size: int = 4000) -> list[str]:
    rng = random.Random(7)
    texts = []
    for _ in range(count):
        words, length = [], 0
        while length < size:
            word = rng.choice(WORDS)
            words.append(word.capitalize() if rng.random() < 0.15 else word)
            length += len(word) + 1
        texts.append(" ".join(words))
    return texts


def timed(matcher: Matcher, texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        matcher.find(text)
        out.append((time.perf_counter() - started) * 1000)
    return out


def per_4kb(ms: list[float], total_bytes: int) -> float:
    return round(sum(ms) / (total_bytes / 4096), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--show", action="store_true", help="print every mention found")
    args = parser.parse_args()
    texts = real_articles(args.pages) if PAGES.exists() else []
    source = "news-pages" if texts else "generated"
    texts = texts or generated_articles(200)

    process = psutil.Process()
    gc.collect()
    rss_before = process.memory_info().rss
    started = time.perf_counter()
    matcher = Matcher.from_records(bundled_prisoners())
    build_s = time.perf_counter() - started
    gc.collect()
    rss_mb = (process.memory_info().rss - rss_before) / 1e6

    cold_ms = timed(matcher, texts)     # first sight of every token: caches empty
    warm_ms = timed(matcher, texts)     # a long-running worker: token caches filled
    found = [(text, m) for text in texts for m in matcher.find(text)]
    if args.show:
        for text, m in found:
            around = text[max(0, m.start - 60):m.end + 40].replace("\n", " ")
            print(f"{m.prisoner_id} {m.name!r} {m.surface!r} {m.confidence} {m.rule} | {around}")
    total_bytes = sum(len(t.encode("utf-8")) for t in texts)
    result = {
        "source": source, "articles": len(texts), "persons": len(matcher.index.persons),
        "mean_article_kb": round(total_bytes / len(texts) / 1024, 1),
        "index_build_s": round(build_s, 3), "index_rss_mb": round(rss_mb, 1),
        "cold_ms_per_4kb": per_4kb(cold_ms, total_bytes),
        "warm_ms_per_4kb": per_4kb(warm_ms, total_bytes),
        "warm_ms_per_article_median": round(statistics.median(warm_ms), 3),
        "cold_mb_per_s": round(total_bytes / 1e6 / (sum(cold_ms) / 1000), 2),
        "warm_mb_per_s": round(total_bytes / 1e6 / (sum(warm_ms) / 1000), 2),
        "mentions": len(found),
        "mentions_by_rule": dict(Counter(m.rule for _, m in found)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
