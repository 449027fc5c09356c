"""robots.txt that fails means "stay away this round" (RFC 9309 §2.3.1.3-4).

Scrapy's own middleware treats an unreachable robots.txt as "allow everything".
Here a 5xx answer or a network failure disallows the whole host until the next
poll, while 4xx (no robots.txt) allows everything, as the RFC says.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest


class RobotsUnavailable(IgnoreRequest):
    """robots.txt could not be read; the host is skipped this round."""


class _StayAway:
    def __init__(self, reason: str) -> None:
        self.reason = reason

    def allowed(self, url, user_agent) -> bool:
        return False


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def _parse_robots(self, response, netloc, request) -> None:
        if response.status >= 500:
            self._stats.inc_value("robotstxt/unavailable")
            self._settle(netloc, _StayAway(f"robots.txt answered HTTP {response.status}"))
            return
        if 400 <= response.status < 500:
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc, netloc) -> None:
        self._stats.inc_value("robotstxt/unavailable")
        self._settle(netloc, _StayAway(f"robots.txt unreachable: {exc.__class__.__name__}: {exc}"))

    def _settle(self, netloc: str, parser: _StayAway) -> None:
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)

    def process_request_2(self, rp, request) -> None:
        if isinstance(rp, _StayAway):
            raise RobotsUnavailable(f"{rp.reason}; staying away from this host this round")
        super().process_request_2(rp, request)
