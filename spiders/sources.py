"""Declarative source definitions (sources.toml), validated on load."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_SOURCES = Path(__file__).with_name("sources.toml")

ORG_KINDS = ("ngo", "union", "exile-office", "un", "media")
SOURCE_KINDS = ("feed", "listing", "sitemap")
LANGUAGES = ("en", "ru", "be", "be-latn")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class SourceError(ValueError):
    """A source entry is invalid; the message names the file, the source and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    org: str
    languages: tuple[str, ...]
    kind: str
    urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    interval_minutes: int
    enabled: bool = True
    link_patterns: tuple[str, ...] = ()
    deny_patterns: tuple[str, ...] = ()
    next_page: str = ""
    max_pages: int | None = None
    follow_pdfs: bool = False
    homepage: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def url(self) -> str:
        return self.urls[0]

    def allows(self, url: str) -> bool:
        """True when ``url`` is http(s) on one of the source's allowed domains."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        host = parts.hostname.rstrip(".").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def link_wanted(self, url: str) -> bool:
        if not self.allows(url):
            return False
        if any(re.search(p, url) for p in self.deny_patterns):
            return False
        return not self.link_patterns or any(re.search(p, url) for p in self.link_patterns)


_FIELDS = {
    "id": str, "name": str, "org": str, "languages": list, "kind": str, "url": str,
    "urls": list, "allowed_domains": list, "interval_minutes": int, "enabled": bool,
    "link_patterns": list, "deny_patterns": list, "next_page": str, "max_pages": int,
    "follow_pdfs": bool, "homepage": str, "note": str,
}


def _check_types(entry: dict, where: str) -> None:
    for key, value in entry.items():
        expected = _FIELDS.get(key)
        if expected is None:
            raise SourceError(f"{where}: unknown field {key!r}")
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            raise SourceError(f"{where}: field {key!r} must be {expected.__name__}, got {value!r}")
        if expected is list and not all(isinstance(v, str) for v in value):
            raise SourceError(f"{where}: field {key!r} must be a list of strings")


def _check_values(entry: dict, where: str) -> None:
    for key in ("id", "name", "org", "languages", "kind", "allowed_domains", "interval_minutes"):
        if key not in entry:
            raise SourceError(f"{where}: missing field {key!r}")
    if not _ID.match(entry["id"]):
        raise SourceError(f"{where}: field 'id' must be lower-case letters, digits and dashes")
    if entry["org"] not in ORG_KINDS:
        raise SourceError(f"{where}: field 'org' must be one of {', '.join(ORG_KINDS)}")
    if entry["kind"] not in SOURCE_KINDS:
        raise SourceError(f"{where}: field 'kind' must be one of {', '.join(SOURCE_KINDS)}")
    bad_lang = [lang for lang in entry["languages"] if lang not in LANGUAGES]
    if bad_lang or not entry["languages"]:
        raise SourceError(f"{where}: field 'languages' must list some of {', '.join(LANGUAGES)}")
    if entry["interval_minutes"] < 1:
        raise SourceError(f"{where}: field 'interval_minutes' must be at least 1")
    for pattern in entry.get("link_patterns", []) + entry.get("deny_patterns", []):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourceError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _urls(entry: dict, where: str) -> tuple[str, ...]:
    urls = ([entry["url"]] if "url" in entry else []) + entry.get("urls", [])
    if not urls:
        raise SourceError(f"{where}: missing field 'url'")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"{where}: field 'url' must be an http(s) URL, got {url!r}")
    return tuple(urls)


def parse_source(entry: dict, where: str) -> Source:
    _check_types(entry, where)
    _check_values(entry, where)
    urls = _urls(entry, where)
    source = Source(
        id=entry["id"], name=entry["name"], org=entry["org"],
        languages=tuple(entry["languages"]), kind=entry["kind"], urls=urls,
        allowed_domains=tuple(d.lower().rstrip(".") for d in entry["allowed_domains"]),
        interval_minutes=entry["interval_minutes"], enabled=entry.get("enabled", True),
        link_patterns=tuple(entry.get("link_patterns", ())),
        deny_patterns=tuple(entry.get("deny_patterns", ())),
        next_page=entry.get("next_page", ""), max_pages=entry.get("max_pages"),
        follow_pdfs=entry.get("follow_pdfs", False), homepage=entry.get("homepage", ""),
        note=entry.get("note", ""),
    )
    outside = [u for u in urls if not source.allows(u)]
    if outside:
        raise SourceError(f"{where}: url {outside[0]!r} is not on an allowed domain")
    return source


def parse_sources(data: dict, origin: str) -> list[Source]:
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{origin}: no [[source]] entries")
    sources, seen = [], set()
    for index, entry in enumerate(entries, start=1):
        label = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        where = f"{origin}: source {label}"
        if not isinstance(entry, dict):
            raise SourceError(f"{where}: must be a table")
        source = parse_source(entry, where)
        if source.id in seen:
            raise SourceError(f"{where}: duplicate id")
        seen.add(source.id)
        sources.append(source)
    return sources


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read and validate a sources file (the bundled one when ``path`` is empty)."""
    path = Path(path) if path else DEFAULT_SOURCES
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise SourceError(f"sources file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML: {exc}") from None
    return parse_sources(data, str(path))
