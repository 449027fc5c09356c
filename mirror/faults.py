"""A loopback server of HTTP faults, for the reliability and security tests.

Every request is logged (``hits``) and every accepted TCP connection counted
(``connections``), so a test can prove that nothing was fetched. robots.txt is per host, so
its behaviour is chosen per instance: ``FaultServer(robots="ok" | "503" | "stall")``.
Stalled handlers wait on the server's stop event: ``stop()`` never hangs on them.
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from . import fault_payloads as payload
from .server import (
    Handler,
    LoopbackServer,
    RequestLog,
    RequestRecord,
    Response,
    body_size,
    send,
)

ROBOTS_MODES = ("ok", "503", "stall")
RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
FILLER = (b"<p>" + b"Filler text of a very large page. " * 30 + b"</p>\n") * 60


@dataclass(frozen=True)
class Sent:
    """A response the route wrote itself (status, body bytes actually sent)."""

    status: int
    bytes: int


def _arg(query: dict[str, list[str]], name: str, default: str = "") -> str:
    return query.get(name, [default])[0]


class FaultServer:
    """Fault routes on 127.0.0.1:<port>; see the module docstring and ``ROUTES``."""

    def __init__(self, robots: str = "ok") -> None:
        if robots not in ROBOTS_MODES:
            raise ValueError(f"robots must be one of {ROBOTS_MODES}, got {robots!r}")
        self.robots = robots
        self.hits: RequestLog = RequestLog()
        self.switching_empty = False
        self._counts: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        self._server: LoopbackServer | None = None

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> FaultServer:
        self._server = LoopbackServer(self).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return self._server.base_url

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def connections(self) -> int:
        """TCP connections accepted so far (0 proves nobody connected)."""
        return self._server.connections if self._server else 0

    def hit_count(self, prefix: str = "") -> int:
        return sum(1 for hit in self.hits.snapshot() if hit.path.startswith(prefix))

    def clear_log(self) -> None:
        self.hits.clear()

    def empty_switching_feed(self, empty: bool = True) -> None:
        """From now on /feed/switching serves zero entries (or 40 again)."""
        self.switching_empty = empty

    # -- request handling ----------------------------------------------------------
    def handle(self, handler: Handler) -> None:
        parts = urlsplit(handler.path)
        query = parse_qs(parts.query)
        name = "article" if parts.path.startswith("/article/") else ROUTES.get(parts.path)
        route = getattr(self, name or "not_found")
        # A hit is logged on arrival (status 0) and completed later, so that a test
        # which has its answer (or gave up waiting) always finds the request logged.
        handler.fault_hit = self.hits.record(self._record(handler, 0, 0))
        try:
            result = route(handler, query)
            if isinstance(result, Response):
                self.log(handler, result.status, body_size(handler, result))
                send(handler, result)
            elif result is not None:
                self.log(handler, result.status, result.bytes)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up first: that is its right

    @staticmethod
    def _record(handler: Handler, status: int, sent: int) -> RequestRecord:
        return RequestRecord(site="faults", method=handler.command, path=handler.path,
                             headers=dict(handler.headers.items()), status=status, bytes=sent)

    def log(self, handler: Handler, status: int, sent: int) -> None:
        """Complete this request's hit with its status and body bytes."""
        self.hits.replace(handler.fault_hit, self._record(handler, status, sent))

    def _count(self, route: str, ident: str) -> int:
        """How many times (before this one) ``route`` was called with this id."""
        with self._lock:
            seen = self._counts.get((route, ident), 0)
            self._counts[(route, ident)] = seen + 1
        return seen

    def _stall(self, handler: Handler, status: int) -> None:
        if status:
            self.log(handler, status, 0)
        handler.server.stopping.wait()
        handler.close_connection = True

    # -- routes: connection-level faults ---------------------------------------------
    def not_found(self, handler, query):
        return Response(404, b"<h1>Not found</h1>", HTML)

    def article(self, handler, query):
        number = urlsplit(handler.path).path.rsplit("/", 1)[1]
        if not number.isdigit():
            return self.not_found(handler, query)
        return Response(200, payload.article_page(int(number)), HTML)

    def robots_txt(self, handler, query):
        if self.robots == "stall":
            return self._stall(handler, 0)
        if self.robots == "503":
            return Response(503, b"Service Unavailable", "text/plain; charset=utf-8")
        return Response(200, b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8")

    def stall(self, handler, query):
        return self._stall(handler, 0)

    def headers_then_stall(self, handler, query):
        handler.send_response_only(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        return self._stall(handler, 200)

    def reset_mid_body(self, handler, query):
        body = FILLER[:20_000]
        handler.send_response_only(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        handler.wfile.write(body)
        self.log(handler, 200, len(body))
        sock = handler.connection
        # Linger 0: close() sends RST instead of FIN, an abrupt reset mid-body.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.rfile.close()  # the socket closes only once its file objects are closed
        sock.close()
        handler.close_connection = True

    def big(self, handler, query):
        total = int(_arg(query, "mb", "50")) * 1_000_000
        handler.send_response_only(200)
        handler.send_header("Content-Type", HTML)
        if _arg(query, "length", "1") == "1":
            handler.send_header("Content-Length", str(total))
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        sent = 0
        try:
            while sent < total:  # generated as it goes: never the whole body in memory
                chunk = FILLER[: min(len(FILLER), total - sent)]
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True
        return Sent(200, sent)

    # -- routes: status codes and redirects ------------------------------------------
    def flaky(self, handler, query):
        failures = int(_arg(query, "fail", "2"))
        seen = self._count("flaky", _arg(query, "id"))
        if seen < failures:
            status = 503 if seen % 2 == 0 else 500
            return Response(status, b"<h1>Temporarily unavailable</h1>", HTML)
        return self._ok_body(query)

    def rate_limited(self, handler, query):
        if self._count("rate-limited", _arg(query, "id")) == 0:
            return Response(429, b"<h1>Too Many Requests</h1>", HTML, {"Retry-After": "1"})
        return self._ok_body(query)

    def _ok_body(self, query) -> Response:
        if _arg(query, "as", "rss") == "html":
            return Response(200, payload.article_page(1), HTML)
        return Response(200, payload.rss(self.base_url, [("Article 1", self.url("/article/1"))]),
                        RSS)

    def redirect_loop(self, handler, query):
        target = "/redirect-loop" if _arg(query, "hop") else "/redirect-loop?hop=1"
        return Response(302, b"", HTML, {"Location": self.url(target)})

    def redirect(self, handler, query):
        return Response(302, b"", HTML, {"Location": _arg(query, "to", "/")})

    # -- routes: fixed bodies (see STATIC) and feeds ----------------------------------
    def static(self, handler, query):
        build, content_type, headers = STATIC[urlsplit(handler.path).path]
        return Response(200, build(self.base_url), content_type, dict(headers))

    def feed_many(self, handler, query, count: int = 40):
        items = [(f"Article {n}", self.url(f"/article/{n}")) for n in range(1, count + 1)]
        return Response(200, payload.rss(self.base_url, items), RSS)

    def feed_none(self, handler, query):
        return self.feed_many(handler, query, count=0)

    def feed_switching(self, handler, query):
        """40 entries, then none: after ``?after=N`` requests, or once switched by hand."""
        after = _arg(query, "after")
        seen = self._count("switching", "")
        empty = self.switching_empty or (after.isdigit() and seen >= int(after))
        return self.feed_many(handler, query, count=0 if empty else 40)

    def feed_links(self, handler, query):
        """A feed linking to the given paths: /feed/links?path=/stall&path=/big%3Fmb%3D50."""
        paths = query.get("path", [])
        items = [(f"Link to {path}", self.url(path if path.startswith("/") else "/" + path))
                 for path in paths]
        return Response(200, payload.rss(self.base_url, items), RSS)


ROUTES = {
    "/robots.txt": "robots_txt", "/stall": "stall", "/headers-then-stall": "headers_then_stall",
    "/reset-mid-body": "reset_mid_body", "/flaky": "flaky", "/rate-limited": "rate_limited",
    "/redirect-loop": "redirect_loop", "/redirect": "redirect", "/big": "big",
    "/feed/many": "feed_many", "/feed/none": "feed_none", "/feed/switching": "feed_switching",
    "/feed/links": "feed_links",
}
# path -> (body builder taking the base URL, Content-Type, extra headers)
STATIC = {
    "/gzip-bomb": (lambda base: payload.gzip_bomb(), HTML, {"Content-Encoding": "gzip"}),
    "/invalid-utf8": (lambda base: payload.invalid_utf8(), HTML, {}),
    "/wrong-charset": (lambda base: payload.wrong_charset(), HTML, {}),
    "/cp1251-undeclared": (lambda base: payload.cp1251_undeclared(), "text/html", {}),
    "/page/huge": (lambda base: payload.huge_page(), HTML, {}),
    "/page/nested": (lambda base: payload.nested_page(), HTML, {}),
    "/page/slow": (lambda base: payload.slow_page(), HTML, {}),
    "/pdf/corrupt": (lambda base: payload.corrupt_pdf(), "application/pdf", {}),
    "/inject/article": (lambda base: payload.injection_article(), HTML, {}),
    "/feed/truncated": (payload.truncated_feed, RSS, {}),
    "/feed/html-instead": (lambda base: payload.html_instead_of_feed(), HTML, {}),
    "/feed/empty": (lambda base: b"", RSS, {}),
    "/feed/xxe": (payload.xxe_feed, RSS, {}),
    "/feed/billion-laughs": (payload.billion_laughs_feed, RSS, {}),
    "/feed/inject": (payload.injection_feed, RSS, {}),
}
ROUTES.update(dict.fromkeys(STATIC, "static"))
