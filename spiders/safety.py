"""Refuse requests that could reach the crawler's own network.

A source (or a redirect it sends) must never make Vigil connect to loopback,
private, link-local (cloud metadata) or otherwise reserved addresses. The check
runs before every download, redirects included, so no connection is ever made.
Tests and the demo serve fixture sites on 127.0.0.1 and opt in with
``VIGIL_ALLOW_PRIVATE_NETWORKS``.

``VIGIL_ALLOWED_TEST_HOSTS`` is for tests only: a list of exact ``host:port`` pairs (the
test's own fixture servers) exempt from the address check, so that a test can run with
production settings and still prove that every *other* private address is refused.
It is never set from vigil.toml.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

ALLOWED_SCHEMES = ("http", "https")


class UnsafeRequest(IgnoreRequest):
    """The request's scheme or destination address is not allowed."""


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def resolve(host: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


class NetworkSafetyMiddleware:
    """Downloader middleware: only http(s), and only public addresses unless allowed."""

    def __init__(self, allow_private: bool, test_hosts: list[str] | tuple = ()) -> None:
        self.allow_private = allow_private
        self.test_hosts = frozenset(h.strip().lower() for h in test_hosts if h.strip())

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("VIGIL_SAFETY_ENABLED", True):
            raise NotConfigured
        return cls(crawler.settings.getbool("VIGIL_ALLOW_PRIVATE_NETWORKS"),
                   crawler.settings.getlist("VIGIL_ALLOWED_TEST_HOSTS"))

    def _test_host(self, parts) -> bool:
        if not self.test_hosts:
            return False
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return f"{(parts.hostname or '').lower()}:{port}" in self.test_hosts

    async def process_request(self, request):
        parts = urlparse_cached(request)
        if parts.scheme not in ALLOWED_SCHEMES:
            raise UnsafeRequest(f"scheme {parts.scheme!r} is not allowed: {request.url}")
        if self.allow_private or self._test_host(parts):
            return None
        host = parts.hostname or ""
        try:
            addresses = await resolve(host)
        except OSError as exc:
            raise UnsafeRequest(f"cannot resolve {host}: {exc}") from exc
        blocked = [a for a in addresses if not is_public_address(a)]
        if blocked or not addresses:
            raise UnsafeRequest(
                f"refused {request.url}: {host} resolves to a non-public address "
                f"({', '.join(blocked) or 'none'})")
        return None
