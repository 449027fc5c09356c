"""Loopback HTTP plumbing shared by the mirror sites and the fault server.

Threaded (daemon threads), keep-alive safe (HTTP/1.1, Nagle off) and stoppable even while
handlers are stalled on purpose: ``stop()`` sets an event stalled handlers wait on and
closes every open client socket.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it (status 0: the server never answered)."""

    site: str
    method: str
    path: str
    headers: dict[str, str]
    status: int
    bytes: int


class RequestLog(list):
    """A list of RequestRecord that many handler threads append to."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def record(self, record: RequestRecord) -> RequestRecord:
        with self._lock:
            self.append(record)
        return record

    def replace(self, old: RequestRecord, new: RequestRecord) -> None:
        """Swap a provisional record for the final one (no-op if it was cleared)."""
        with self._lock:
            for index, record in enumerate(self):
                if record is old:
                    self[index] = new
                    return

    def clear(self) -> None:
        with self._lock:
            super().clear()

    def snapshot(self) -> list[RequestRecord]:
        with self._lock:
            return list(self)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Set for resources that support conditional GET (ETag from the body).
    last_modified: datetime | None = None


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:24] + '"'


def _etag_matches(header: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since is None or since.tzinfo is None:
        return False
    return last_modified.replace(microsecond=0) <= since


def conditional(response: Response, request_headers) -> Response:
    """Add validators to a 200 response; answer 304 when the client's copy is current.

    If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)."""
    if response.status != 200 or response.last_modified is None:
        return response
    etag = etag_of(response.body)
    validators = {"ETag": etag, "Last-Modified": http_date(response.last_modified)}
    response.headers.update(validators)
    if_none_match = request_headers.get("If-None-Match")
    if_modified_since = request_headers.get("If-Modified-Since")
    if if_none_match is not None:
        fresh = _etag_matches(if_none_match, etag)
    else:
        fresh = bool(if_modified_since) and _not_modified_since(
            if_modified_since, response.last_modified)
    if fresh:
        return Response(304, b"", None, dict(response.headers))
    return response


def body_size(handler: BaseHTTPRequestHandler, response: Response) -> int:
    """How many body bytes ``send`` will write for this request."""
    if handler.command == "HEAD" or response.status == 304:
        return 0
    return len(response.body)


def send(handler: BaseHTTPRequestHandler, response: Response) -> int:
    """Write ``response``; returns the number of body bytes sent."""
    handler.send_response_only(response.status)
    handler.send_header("Server", response.headers.get("Server", "nginx"))
    handler.send_header("Date", handler.date_time_string())
    if response.content_type:
        handler.send_header("Content-Type", response.content_type)
    for name, value in response.headers.items():
        if name != "Server":
            handler.send_header(name, value)
    if response.status != 304:
        handler.send_header("Content-Length", str(len(response.body)))
    handler.end_headers()
    size = body_size(handler, response)
    if size:
        handler.wfile.write(response.body)
    return size


class App(Protocol):
    def handle(self, handler: BaseHTTPRequestHandler) -> None: ...


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without this, keep-alive clients stall ~40 ms per request (Nagle + delayed ACK).
    disable_nagle_algorithm = True
    # An idle keep-alive connection gives its thread back after this many seconds.
    timeout = 30

    def do_GET(self) -> None:
        self.server.app.handle(self)

    do_HEAD = do_GET

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature is http.server's
        pass  # the app keeps its own request log


class LoopbackServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 with an OS-chosen port."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, app: App, handler_class: type[Handler] = Handler) -> None:
        super().__init__(("127.0.0.1", 0), handler_class)
        self.app = app
        self.stopping = threading.Event()
        self.connections = 0
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def process_request(self, request, client_address) -> None:
        with self._lock:
            self._open.add(request)
            self.connections += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up mid-response are expected here

    def start(self) -> LoopbackServer:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"loopback-{self.server_address[1]}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        with self._lock:
            still_open, self._open = list(self._open), set()
        for sock in still_open:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
        self.server_close()
