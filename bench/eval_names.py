"""Precision and recall of the name matcher on a labelled JSON-lines file (not a test).

    .venv/bin/python bench/eval_names.py [FILE ...] [--min-confidence low|medium|high] [-v]

Each line: {"id", "lang", "text", "persons": [ids], "title"?}. Scores are at (text, person)
level with the language detected from the text, as in the pipeline; -v prints every miss.
Defaults to the team's gate set and the matcher's own dev set.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from monitor.names import Matcher
from monitor.prisoners import bundled_prisoners

TESTS = Path(__file__).resolve().parents[1] / "tests" / "data"
DEFAULT_FILES = [TESTS / "labelled" / "names.jsonl", TESTS / "names_dev.jsonl"]
LEVEL = {"low": 1, "medium": 2, "high": 3}


def score(matcher: Matcher, path: Path, floor: str, verbose: bool) -> dict[str, Counter]:
    tallies: dict[str, Counter] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        example = json.loads(line)
        text = f"{example['title']}\n\n{example['text']}" if example.get("title") else \
            example["text"]
        got = {m.prisoner_id for m in matcher.find(text)
               if LEVEL[m.confidence] >= LEVEL[floor]}
        want = set(example.get("persons", []))
        for lang in (example.get("lang", "?"), "all"):
            tally = tallies.setdefault(lang, Counter())
            tally.update(tp=len(got & want), fp=len(got - want), fn=len(want - got))
        if verbose and got != want:
            print(f"  {example['id']}: extra {sorted(got - want)} missing {sorted(want - got)}"
                  f" | {example['text'][:120]}")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--min-confidence", choices=list(LEVEL), default="low")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    matcher = Matcher.from_records(bundled_prisoners())
    for path in args.files:
        print(path.name)
        for lang, t in sorted(score(matcher, path, args.min_confidence, args.verbose).items()):
            precision = t["tp"] / ((t["tp"] + t["fp"]) or 1)
            recall = t["tp"] / ((t["tp"] + t["fn"]) or 1)
            print(f"  {lang:8} precision {precision:.3f} recall {recall:.3f} "
                  f"(tp {t['tp']}, fp {t['fp']}, fn {t['fn']})")


if __name__ == "__main__":
    main()
