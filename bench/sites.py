"""The benchmark mirror: N news sites on loopback, each on its own port and host name.

Every site serves ``/robots.txt``, an RSS feed ``/feed.xml`` of its M newest articles
(ETag and Last-Modified, so a conditional GET gets 304) and the article pages
``/news/<number>.html`` (from ``pages.PageSet``: real pages cycled with unique ids, or
generated ones). Each server counts every byte it writes (status line, headers and body),
per kind of resource, so a crawler's downloads are measured the same way for any client.

Built on the project's loopback plumbing (``mirror.server``: keep-alive, Nagle off).

    .venv/bin/python bench/sites.py [--sources 50] [--articles 40] [--names]

serves the mirror until Ctrl-C and prints a sources.toml for it (``--names`` adds the
/etc/hosts names described in hosts.py, which needs root).
"""

from __future__ import annotations

import argparse
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from mirror.server import Handler, LoopbackServer, Response, conditional, send

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
STARTED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class _CountingWriter:
    """Wraps a handler's wfile: every byte written is added to its server's tally."""

    def __init__(self, raw, server) -> None:
        self.raw, self.server = raw, server

    def write(self, data) -> int:
        written = self.raw.write(data)
        self.server.add_bytes(len(data))
        return written

    def __getattr__(self, name):
        return getattr(self.raw, name)


class CountingHandler(Handler):
    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.server)


class Site:
    """One site: its feed of ``numbers`` and the pages behind them."""

    def __init__(self, index: int, numbers: list[int], pages, host: str) -> None:
        self.index, self.numbers, self.pages, self.host = index, numbers, pages, host
        self.server = BenchServer(self)
        self.base_url = f"http://{host}:{self.server.server_address[1]}"
        self.feed = self._feed()

    @property
    def id(self) -> str:
        return f"bench-{self.index:02d}"

    @property
    def feed_url(self) -> str:
        return f"{self.base_url}/feed.xml"

    def article_url(self, number: int) -> str:
        return f"{self.base_url}/news/{number}.html"

    def _feed(self) -> bytes:
        items = []
        for position, number in enumerate(self.numbers):
            published = format_datetime(STARTED - timedelta(hours=position * 3), usegmt=True)
            items.append(
                f"<item><title>{escape(self.pages.title(number))}</title>"
                f"<link>{self.article_url(number)}</link>"
                f'<guid isPermaLink="true">{self.article_url(number)}</guid>'
                f"<pubDate>{published}</pubDate>"
                f"<description>Article {number} of bench site {self.index}.</description></item>")
        return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>Bench site {self.index}</title><link>{self.base_url}/</link>"
                f"<description>Benchmark feed</description>{''.join(items)}"
                "</channel></rss>").encode()

    def respond(self, path: str) -> tuple[str, Response]:
        path = path.split("?", 1)[0]
        if path == "/robots.txt":
            return "robots", Response(200, ROBOTS, "text/plain; charset=utf-8")
        if path == "/feed.xml":
            return "feed", Response(200, self.feed, "application/rss+xml; charset=utf-8",
                                    last_modified=STARTED)
        if path.startswith("/news/") and path.endswith(".html"):
            number = path[len("/news/"):-len(".html")]
            if number.isdigit() and int(number) in self.numbers:
                return "article", Response(200, self.pages.page(int(number)),
                                           last_modified=STARTED)
        return "other", Response(404, b"not found")

    def handle(self, handler) -> None:
        kind, response = self.respond(handler.path)
        self.server.count(kind)
        send(handler, conditional(response, handler.headers))


class BenchServer(LoopbackServer):
    def __init__(self, site: Site) -> None:
        super().__init__(site, CountingHandler)
        self.tally_lock = threading.Lock()
        self.bytes_sent = 0
        self.requests: dict[str, int] = {}

    def add_bytes(self, count: int) -> None:
        with self.tally_lock:
            self.bytes_sent += count

    def count(self, kind: str) -> None:
        with self.tally_lock:
            self.requests[kind] = self.requests.get(kind, 0) + 1

    def reset(self) -> None:
        with self.tally_lock:
            self.bytes_sent, self.requests = 0, {}

    def start(self) -> BenchServer:
        # A slower shutdown poll than the test mirror's: 50 idle servers cost no CPU.
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.5},
                                        name=f"bench-site-{self.server_address[1]}", daemon=True)
        self._thread.start()
        return self


class BenchMirror:
    """``sources`` sites × ``articles`` pages; page numbers are unique across sites."""

    def __init__(self, pages, sources: int, articles: int, hosts: list[str] | None = None,
                 first: int = 0) -> None:
        hosts = hosts or ["127.0.0.1"] * sources
        self.sites = [Site(i, list(range(first + i * articles, first + (i + 1) * articles)),
                           pages, hosts[i]) for i in range(sources)]

    def __enter__(self) -> BenchMirror:
        for site in self.sites:
            site.server.start()
        return self

    def __exit__(self, *exc) -> None:
        for site in self.sites:
            site.server.stop()

    def reset(self) -> None:
        for site in self.sites:
            site.server.reset()

    def bytes_sent(self) -> int:
        return sum(site.server.bytes_sent for site in self.sites)

    def requests(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for site in self.sites:
            for kind, count in site.server.requests.items():
                total[kind] = total.get(kind, 0) + count
        return total

    def feed_urls(self) -> list[str]:
        return [site.feed_url for site in self.sites]

    def sources_toml(self) -> str:
        entries = []
        for site in self.sites:
            entries.append(
                f'[[source]]\nid = "{site.id}"\nname = "Bench site {site.index}"\n'
                f'org = "media"\nlanguages = ["en"]\nkind = "feed"\nurl = "{site.feed_url}"\n'
                f'allowed_domains = ["{site.host}"]\ninterval_minutes = 60\n')
        return "\n".join(entries)


def host_names(count: int) -> list[str]:
    """One loopback host name per site (see hosts.py)."""
    return [f"s{index:02d}.vigil-bench.localhost" for index in range(count)]


def main() -> None:
    import time

    from hosts import loopback_names
    from pages import PageSet

    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--names", action="store_true", help="serve under host names")
    parser.add_argument("--generated", action="store_true", help="generated pages only")
    args = parser.parse_args()
    pages = PageSet.load(generated=args.generated)
    names = host_names(args.sources) if args.names else None
    with loopback_names(names or []), BenchMirror(pages, args.sources, args.articles,
                                                  names) as mirror:
        print(mirror.sources_toml(), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
