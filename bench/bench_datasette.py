"""Benchmark of the public Datasette's canned queries and search (plain Python, not a test).

    .venv/bin/python bench/bench_datasette.py [--articles N] [--repeat R]

Builds a corpus of N generated articles (default 20,000) over the full bundled prisoner
list with the store API, three mentions per article spread over the last two years, then
times every canned query, the articles page and full-text searches through the articles
table's search box (``?_search=``, the trigram index; a rare name, a word in every
article, a two-word phrase, a word in no article) through Datasette in-process: median of
R runs for every path, and the 95th percentile too for the searches (milliseconds).
Prints one JSON line. Every query must finish well inside the default
``[serve] sql_time_limit_ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import store
from monitor.config import load
from monitor.prisoners import load_bundled_into_store
from monitor.serve import build_datasette, load_metadata
from store import analysis, articles, prisoners, sources

SOURCES = [{"id": f"source-{n}", "name": f"Source {n}", "org": "ngo", "languages": ["en"],
            "kind": "feed", "url": f"https://example.org/{n}/rss", "allowed_domains": [],
            "interval_minutes": 60, "enabled": True} for n in range(10)]
WORDS = ["court", "hearing", "detained", "sentenced", "colony", "political", "prisoner",
         "Minsk", "Homiel", "letter", "lawyer", "appeal", "release", "суд", "затрыманы"]
NAME_SHARE = 0.01  # one article in a hundred names the person searched for
SEARCHES = {
    "search: a name in 1% of articles": "Кашпул",
    "search: a word in every article": "суд",
    "search: two words (phrase)": "political prisoner",
    "search: a word in no article": "Tsikhanouskaya",
}


def build(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = store.open_corpus(path)
    sources.upsert_sources(db, SOURCES)
    load_bundled_into_store(db)
    people = [p["id"] for p in prisoners.load_prisoner_records(db) if p["matchable"]]
    start = datetime.now(UTC)
    for number in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        if rng.random() < NAME_SHARE:
            text += " Лідзіі Кашпуля"
        published = (start - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))).replace(
            microsecond=0).isoformat()
        article = {"url": f"https://example.org/news/{number}", "title": f"Report {number}",
                   "source_id": rng.choice(SOURCES)["id"], "text": text, "language": "en",
                   "published": published, "extraction": "ok", "content_type": "html",
                   "text_hash": hashlib.sha256(text.encode()).hexdigest()}
        _, article_id = articles.save_article(db, article)
        mentions = [{"prisoner_id": pid, "surface": "Court", "start": n, "end": n + 5,
                     "confidence": rng.choice(("high", "medium", "low"))}
                    for n, pid in enumerate(rng.sample(people, 3))]
        analysis.save_analysis(db, article_id, article["text_hash"], {"mentions": mentions})
    store.checkpoint(db)
    db.conn.close()


async def time_paths(ds, paths: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Every run's milliseconds per path (one untimed request first warms the path)."""
    timings = {}
    for name, path in paths.items():
        runs = []
        for attempt in range(repeat + 1):
            began = time.perf_counter()
            response = await ds.client.get(path)
            if attempt:
                runs.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{name}: HTTP {response.status_code} {response.text[:300]}")
        timings[name] = runs
    return timings


def p95(runs: list[float]) -> float:
    return statistics.quantiles(runs, n=20, method="inclusive")[18] if len(runs) > 1 else runs[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        began = time.perf_counter()
        build(Path(home) / "corpus.db", args.articles)
        built = time.perf_counter() - began
        ds = build_datasette(load(env={"VIGIL_HOME": home}), staff=False)
        values = {"id": "964", "status": "", "name": "Bialiat"}
        paths = {name: f"/corpus/{name}.json?" + "&".join(
                     f"{p}={values[p]}" for p in query.get("params", []))
                 for name, query in load_metadata()["databases"]["corpus"]["queries"].items()}
        searches = {name: "/corpus/articles.json?_search=" + quote(term)
                    for name, term in SEARCHES.items()}
        paths["articles page"] = "/corpus/articles.json"
        timings = asyncio.run(time_paths(ds, {**paths, **searches}, args.repeat))
    print(json.dumps({
        "articles": args.articles, "build_seconds": round(built, 1), "repeat": args.repeat,
        "median_ms": {name: round(statistics.median(runs), 1) for name, runs in timings.items()},
        "search_p95_ms": {name: round(p95(timings[name]), 1) for name in searches},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
