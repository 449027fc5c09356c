"""`python -m monitor.poll_child SOURCE...`: one poll in a child process.

The daemon runs every poll here, so a hung or leaking crawl is killed with its
process and the daemon's own memory never grows. Prints one JSON line with the
per-source summaries.
"""

from __future__ import annotations

import json
import sys

from monitor.config import load
from monitor.crawl import run_crawl, select_sources


def main(argv: list[str]) -> int:
    config_path = None
    if argv[:1] == ["--config"]:
        config_path, argv = argv[1], argv[2:]
    cfg = load(config_path)
    summaries = run_crawl(cfg, select_sources(cfg, argv))
    print(json.dumps({"summaries": summaries}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
