"""What a crawl of the mirror should find, and the sources file that points a crawl at it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .catalog import load_catalog
from .sites.ohchr import PRESS_LISTING, WGAD_LISTING
from .sites.unnews import FEED as UN_FEED


@dataclass(frozen=True)
class ExpectedArticle:
    key: str
    source: str
    site: str
    url: str  # canonical: http://127.0.0.1:PORT/path, no tracking parameters
    title: str
    language: str  # en | ru | be | be-latn
    published: str  # YYYY-MM-DD (in the article's own time zone)
    published_at: str  # full ISO timestamp with offset
    modified: str | None  # ISO timestamp of the edited version, when served
    author: str
    content_type: str  # html | pdf
    persons: tuple[int, ...]  # Vigil prisoner ids named in the text
    phase: int
    phrase: str  # a fragment of the body, present in every version
    edit_phrase: str | None  # a fragment only the edited version has (when served)
    new_names: tuple[str, ...]  # people named in a repression context who are not listed


_D = r"\d"
SOURCES = (
    {"id": "viasna-en", "name": "Viasna (English)", "org": "ngo", "languages": ["en"],
     "kind": "feed", "site": "spring96", "paths": ["/en/rss"], "homepage": "/en/",
     "link_patterns": [rf"/en/news/{_D}+$"]},
    {"id": "viasna-ru", "name": "Viasna (Russian)", "org": "ngo", "languages": ["ru"],
     "kind": "feed", "site": "spring96", "paths": ["/ru/rss"], "homepage": "/ru/",
     "link_patterns": [rf"/ru/news/{_D}+$"]},
    {"id": "viasna-be", "name": "Viasna (Belarusian)", "org": "ngo", "languages": ["be"],
     "kind": "feed", "site": "spring96", "paths": ["/be/rss"], "homepage": "/be/",
     "link_patterns": [rf"/be/news/{_D}+$"]},
    {"id": "salidarnast", "name": "Salidarnast (trade-union news)", "org": "union",
     "languages": ["en", "ru", "be-latn"], "kind": "listing", "site": "salidarnast",
     "paths": ["/news"], "homepage": "/", "link_patterns": ["/post/[^/?#]+$"],
     "next_page": "a[rel=next]", "max_pages": 3,
     "note": "Synthetic structure: nothing is documented about the real site's listing."},
    {"id": "tsikhanouskaya", "name": "Office of Sviatlana Tsikhanouskaya",
     "org": "exile-office", "languages": ["en", "ru"], "kind": "listing",
     "site": "tsikhanouskaya", "paths": ["/en/news/", "/ru/news/"], "homepage": "/en/news/",
     "link_patterns": [r"/(?:en|ru)/news/[0-9a-f]{15}\.html$", rf"/\?p={_D}+$"]},
    {"id": "ohchr-press", "name": "OHCHR press releases", "org": "un", "languages": ["en"],
     "kind": "listing", "site": "ohchr", "paths": [PRESS_LISTING], "homepage": "/en",
     "link_patterns": [rf"/en/press-releases/{_D}{{4}}/{_D}{{2}}/[a-z0-9-]+$"]},
    {"id": "ohchr-wgad", "name": "UN Working Group on Arbitrary Detention (opinions)",
     "org": "un", "languages": ["en"], "kind": "listing", "site": "ohchr",
     "paths": [WGAD_LISTING], "homepage": WGAD_LISTING, "follow_pdfs": True,
     "link_patterns": [rf"/detention-wg/opinions/session{_D}+/a-hrc-wgad-{_D}+-{_D}{{4}}"
                       r"-belarus-aev\.pdf$"],
     "note": "Synthetic listing page: no real WGAD opinions listing URL is documented."},
    {"id": "un-news-en", "name": "UN News (English)", "org": "un", "languages": ["en"],
     "kind": "feed", "site": "un-news", "paths": [UN_FEED], "homepage": "/en/",
     "link_patterns": [rf"/(?:feed/view/)?en/story/{_D}{{4}}/{_D}{{2}}/{_D}+$"]},
    {"id": "baj", "name": "Belarusian Association of Journalists", "org": "ngo",
     "languages": ["en"], "kind": "sitemap", "site": "baj", "paths": ["/sitemap.xml"],
     "homepage": "/en/", "link_patterns": ["/en/[a-z0-9-]+/$"],
     "deny_patterns": ["/en/(?:about|contacts)/$"]},
    {"id": "pen-belarus", "name": "PEN Belarus", "org": "ngo", "languages": ["en"],
     "kind": "listing", "site": "pen-belarus", "paths": ["/en/category/news/"],
     "homepage": "/en/category/news/",
     "link_patterns": [rf"/en/(?:drafts/|{_D}{{4}}/{_D}{{2}}/{_D}{{2}}/)[^/]+\.html$"],
     "note": "Drafts match the link pattern on purpose: robots.txt must keep the crawler out."},
)


def expected_articles(mirror, phase: int | None = None) -> list[ExpectedArticle]:
    """Articles a complete crawl finds at ``phase`` (default: the mirror's current one),
    newest first. Pages that robots.txt excludes are not expected."""
    phase = mirror.phase if phase is None else phase
    expected = []
    for article in load_catalog():
        if article.phase > phase or article.robots_excluded:
            continue
        edited = mirror.is_edited(article.key)
        modified = article.modified_at(edited)
        expected.append(ExpectedArticle(
            key=article.key, source=article.source, site=article.site,
            url=mirror.base_url(article.site) + article.path, title=article.title,
            language=article.lang, published=article.published[:10],
            published_at=article.published,
            modified=modified.isoformat() if modified else None, author=article.author,
            content_type=article.content_type, persons=article.persons, phase=article.phase,
            phrase=article.phrase, edit_phrase=article.edit.phrase if modified else None,
            new_names=article.new_names))
    return expected


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _entry(spec: dict, base: str, interval_minutes: int) -> dict:
    entry = {key: value for key, value in spec.items() if key not in ("site", "paths")}
    entry["name"] = f"{spec['name']} — mirror"
    entry["urls"] = [base + path for path in spec["paths"]]
    entry["homepage"] = base + spec["homepage"]
    entry["allowed_domains"] = ["127.0.0.1"]
    entry["interval_minutes"] = interval_minutes
    return entry


def sources_toml(mirror, interval_minutes: int = 30, sites: list[str] | None = None) -> str:
    """A Vigil sources file for the running mirror (``sites``: site or source ids)."""
    lines = ["# Vigil sources for the loopback mirror (mirror.Mirror.sources_toml()).",
             "# For tests and the demo only: every URL is on 127.0.0.1.", ""]
    for spec in SOURCES:
        if sites is not None and spec["site"] not in sites and spec["id"] not in sites:
            continue
        lines.append("[[source]]")
        entry = _entry(spec, mirror.base_url(spec["site"]), interval_minutes)
        lines += [f"{key} = {_toml(value)}" for key, value in entry.items()]
        lines.append("")
    return "\n".join(lines)
