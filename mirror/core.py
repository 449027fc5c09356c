"""The Mirror: every fake site on its own loopback port, plus the controls tests use."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from .catalog import Article, by_key, load_catalog
from .render import not_found, text
from .server import (
    Handler,
    LoopbackServer,
    RequestLog,
    RequestRecord,
    Response,
    body_size,
    conditional,
    send,
)
from .sites import SITE_CLASSES, Site

SITES = tuple(cls.id for cls in SITE_CLASSES)
SOURCE_SITE = {
    "viasna-en": "spring96", "viasna-ru": "spring96", "viasna-be": "spring96",
    "salidarnast": "salidarnast", "tsikhanouskaya": "tsikhanouskaya",
    "ohchr-press": "ohchr", "ohchr-wgad": "ohchr", "un-news-en": "un-news",
    "baj": "baj", "pen-belarus": "pen-belarus",
}
FAILURE_MODES = (None, "forbidden", "error", "robots-error", "hang")


class MirrorError(ValueError):
    """A control was called with something the mirror does not know."""


class SiteApp:
    """Answers one site's requests: failure modes first, then robots.txt, then routes."""

    def __init__(self, site: Site, mirror: Mirror) -> None:
        self.site = site
        self.mirror = mirror

    def handle(self, handler: Handler) -> None:
        parts = urlsplit(handler.path)
        mode = self.mirror.failure(self.site.id)
        if mode == "hang":
            self._log(handler, 0, 0)
            # Never answer; let go (closing the connection) on stop() or once healed.
            while (not handler.server.stopping.wait(0.1)
                   and self.mirror.failure(self.site.id) == "hang"):
                pass
            handler.close_connection = True
            return
        response = conditional(self.respond(parts.path, parse_qs(parts.query), mode),
                               handler.headers)
        # Logged before the answer goes out, so the log is complete once a client has it.
        self._log(handler, response.status, body_size(handler, response))
        send(handler, response)

    def respond(self, path: str, query: dict[str, list[str]], mode: str | None) -> Response:
        if path == "/robots.txt":
            if mode == "robots-error":
                return text("Service Unavailable", status=503)
            return text(self.site.robots())
        if mode == "forbidden":
            return self.site.forbidden()
        if mode == "error":
            return text("<h1>500 Internal Server Error</h1>", "text/html; charset=utf-8", 500)
        return self.site.route(path, query) or not_found()

    def _log(self, handler: Handler, status: int, sent: int) -> None:
        self.mirror.requests.record(RequestRecord(
            site=self.site.id, method=handler.command, path=handler.path,
            headers=dict(handler.headers.items()), status=status, bytes=sent))


class Mirror:
    """Fake copies of Vigil's real sources on 127.0.0.1, one port per site.

    Use as a context manager, or call start()/stop(). ``base_urls`` maps site ids to
    "http://127.0.0.1:PORT"; ``requests`` logs every request any site received."""

    def __init__(self, phase: int = 1) -> None:
        self._check_phase(phase)
        self._lock = threading.RLock()
        self._phase = phase
        self._edited: set[str] = set()
        self._failures: dict[str, str] = {}
        self._stamps: dict[str, tuple[tuple, datetime]] = {}
        self._servers: dict[str, LoopbackServer] = {}
        self.base_urls: dict[str, str] = {}
        self.requests: RequestLog = RequestLog()
        self.sites: dict[str, Site] = {cls.id: cls(self) for cls in SITE_CLASSES}
        self._restamp()

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> Mirror:
        for site_id, site in self.sites.items():
            server = LoopbackServer(SiteApp(site, self)).start()
            self._servers[site_id] = server
            self.base_urls[site_id] = server.base_url
        return self

    def stop(self) -> None:
        servers, self._servers = list(self._servers.values()), {}
        for server in servers:
            server.stop()

    def __enter__(self) -> Mirror:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- state the sites read (the View protocol) -----------------------------------
    @property
    def phase(self) -> int:
        return self._phase

    def base_url(self, site: str) -> str:
        try:
            return self.base_urls[site]
        except KeyError:
            raise MirrorError(f"site {site!r} is not running; call start() first") from None

    def visible(self, site: str, *, lang: str | None = None,
                source: str | None = None) -> list[Article]:
        return [a for a in load_catalog()
                if a.site == site and a.phase <= self._phase
                and (lang is None or a.lang == lang) and (source is None or a.source == source)]

    def is_edited(self, key: str) -> bool:
        return key in self._edited

    def stamp(self, site: str) -> datetime:
        return self._stamps[site][1]

    def failure(self, site: str) -> str | None:
        return self._failures.get(site)

    # -- controls --------------------------------------------------------------------
    def publish_phase(self, phase: int) -> None:
        """Phase 2 articles appear in (or, back at 1, disappear from) feeds and listings."""
        self._check_phase(phase)
        with self._lock:
            self._phase = phase
            self._restamp()

    def apply_edit(self, key: str) -> None:
        """Serve the edited version of article ``key`` (a changed paragraph, later date)."""
        try:
            article = by_key(key)
        except KeyError:
            raise MirrorError(f"unknown article {key!r}") from None
        if article.edit is None:
            raise MirrorError(f"article {key!r} has no edited version")
        with self._lock:
            self._edited.add(key)
            self._restamp()

    def set_failure(self, site: str, mode: str | None) -> None:
        """Make a site (or the site of a source id) fail; ``None`` heals it."""
        site = SOURCE_SITE.get(site, site)
        if site not in self.sites:
            raise MirrorError(f"unknown site {site!r}; sites: {', '.join(SITES)}")
        if mode not in FAILURE_MODES:
            raise MirrorError(f"unknown failure mode {mode!r}")
        with self._lock:
            if mode is None:
                self._failures.pop(site, None)
            else:
                self._failures[site] = mode

    def clear_log(self) -> None:
        self.requests.clear()

    def sources_toml(self, interval_minutes: int = 30, sites: list[str] | None = None) -> str:
        from .manifest import sources_toml
        return sources_toml(self, interval_minutes, sites)

    def expected_articles(self, phase: int | None = None) -> list:
        from .manifest import expected_articles
        return expected_articles(self, phase)

    # -- internals -------------------------------------------------------------------
    @staticmethod
    def _check_phase(phase: int) -> None:
        if phase not in (1, 2):
            raise MirrorError(f"phase must be 1 or 2, got {phase!r}")

    def _restamp(self) -> None:
        """Move each changed site's Last-Modified forward (never backward)."""
        for site in self.sites:
            shown = self.visible(site)
            signature = tuple((a.key, self.is_edited(a.key)) for a in shown)
            previous = self._stamps.get(site)
            if previous and previous[0] == signature:
                continue
            newest = max(a.changed_at(self.is_edited(a.key)) for a in shown)
            if previous and newest <= previous[1]:
                newest = previous[1] + timedelta(seconds=1)
            self._stamps[site] = (signature, newest)
