"""Benchmark of the analysis beyond mentions: new names, UN documents, events (not a test).

    .venv/bin/python bench/bench_detectors.py [--pages N] [--repeat R]

Reports, per article: the matcher alone, the whole ``Analyser.analyse`` (matcher + new names +
UN document + events), and their difference, on real news pages when
../shared/data/pages/news-pages.tar.gz is present (as bench_matching.py reads them), else
on generated text. Then the Russian path: the one-time cost of loading natasha (seconds, RSS
growth) and the time per Russian article that holds repression cues (natasha runs only on
the sentences around the cues) and per Russian article without cues (natasha never runs).
The Russian articles are generated from sentences written for this benchmark. Prints one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from bench_matching import PAGES, generated_articles, real_articles  # noqa: E402

from monitor.analysis import Analyser  # noqa: E402
from monitor.prisoners import bundled_prisoners  # noqa: E402

RU_PLAIN = [
    "В городе прошла ярмарка ремёсел, на которую приехали мастера из разных районов.",
    "Погода была тёплой, и гости долго гуляли по набережной.",
    "Местная библиотека открыла новый читальный зал для школьников.",
    "Организаторы пообещали повторить праздник следующим летом.",
    "На площади играл духовой оркестр, а дети катались на каруселях.",
]
RU_CUES = [
    "В Гомеле задержали учителя Игоря Лапейко после обыска в его квартире.",
    "Суд приговорил Ольгу Петрову к трём годам колонии по статье 342.",
    "Журналист Павел Сидоров сказал, что процесс был закрытым.",
    "Политзаключённым признан Сергей Маркевич из Барановичей.",
]


def russian_articles(count: int, with_cues: bool, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        sentences = [rng.choice(RU_PLAIN) for _ in range(30)]
        if with_cues:
            for at in rng.sample(range(30), 3):
                sentences[at] = rng.choice(RU_CUES)
        texts.append(" ".join(sentences))
    return texts


def per_article_ms(run, texts: list[str], repeat: int) -> float:
    """Median over ``repeat`` passes of the mean time per article (ms)."""
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            run(text)
        passes.append((time.perf_counter() - started) * 1000 / len(texts))
    return round(statistics.median(passes), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = real_articles(args.pages) if PAGES.exists() else []
    source = "news-pages" if texts else "generated"
    texts = texts or generated_articles(200)
    analyser = Analyser.from_records(bundled_prisoners())
    analyser.analyse(texts[0])                      # fill the list's person keys once

    for text in texts:                              # warm the token caches, as a worker does
        analyser.analyse(text)
    matcher_ms = per_article_ms(analyser.matcher.find, texts, args.repeat)
    analyse_ms = per_article_ms(analyser.analyse, texts, args.repeat)

    process = psutil.Process()
    rss_before = process.memory_info().rss
    started = time.perf_counter()
    analyser.analyse(RU_CUES[0], lang="ru")         # loads natasha
    natasha_load_s = time.perf_counter() - started
    natasha_rss_mb = (process.memory_info().rss - rss_before) / 1e6
    ru_cues, ru_plain = russian_articles(50, True), russian_articles(50, False)
    result = {
        "source": source, "articles": len(texts),
        "mean_article_kb": round(sum(len(t.encode()) for t in texts) / len(texts) / 1024, 1),
        "matcher_ms_per_article": matcher_ms,
        "analyse_ms_per_article": analyse_ms,
        "detectors_ms_per_article": round(analyse_ms - matcher_ms, 3),
        "natasha_load_s": round(natasha_load_s, 2),
        "natasha_rss_mb": round(natasha_rss_mb, 1),
        "ru_with_cues_ms_per_article": per_article_ms(
            lambda t: analyser.analyse(t, lang="ru"), ru_cues, args.repeat),
        "ru_without_cues_ms_per_article": per_article_ms(
            lambda t: analyser.analyse(t, lang="ru"), ru_plain, args.repeat),
        "new_names_found": sum(len(analyser.analyse(t)["new_names"]) for t in texts),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
