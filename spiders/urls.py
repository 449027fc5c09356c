"""Canonical URLs: one spelling per article, whatever the feed or link said."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

# Parameters that only say where a reader came from; they never change the page.
TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|yclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|"
    r"ref_src|spm|cmpid|from_rss|rss|feed)$",
    re.IGNORECASE,
)


def _strip_tracking(url: str) -> str:
    query = urlsplit(url).query
    if not query:
        return url
    names = {pair.split("=", 1)[0] for pair in query.split("&") if pair}
    tracking = [name for name in names if TRACKING.match(name)]
    return url_query_cleaner(url, tracking, remove=True, keep_fragments=False) if tracking else url


def canonical_url(url: str, scheme: str | None = None) -> str:
    """Normalise ``url``: lower-case host without trailing dot or default port, no
    fragment, no tracking parameters, sorted query; ``scheme`` (the source's own)
    replaces http/https so that http:// and https:// links to one page agree."""
    url = _strip_tracking(url.strip())
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    host = (parts.hostname or "").rstrip(".").lower()
    port = parts.port
    use_scheme = scheme if scheme and parts.scheme in ("http", "https") else parts.scheme
    if port and not ((use_scheme == "http" and port == 80) or (use_scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    return urlunsplit((use_scheme, host, path, parts.query, ""))
