"""XML documents of the mirror: RSS 2.0 feeds and sitemaps (escaping by ElementTree)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from .render import rfc822

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
ET.register_namespace("atom", ATOM)

RSS_TYPE = "application/rss+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    description: str
    published: datetime
    guid: str
    author: str = ""


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def rss(title: str, link: str, self_url: str, description: str, language: str,
        items: list[FeedItem], built: datetime) -> bytes:
    """An RSS 2.0 document; ``description`` of items is HTML, escaped as text."""
    root = ET.Element("rss", {"version": "2.0"})
    channel = _child(root, "channel")
    _child(channel, "title", title)
    _child(channel, "link", link)
    _child(channel, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/rss+xml")
    _child(channel, "description", description)
    _child(channel, "language", language)
    _child(channel, "lastBuildDate", rfc822(built))
    for item in items:
        node = _child(channel, "item")
        _child(node, "title", item.title)
        _child(node, "link", item.link)
        _child(node, "description", item.description)
        _child(node, "pubDate", rfc822(item.published))
        _child(node, "guid", item.guid, isPermaLink="false")
        if item.author:
            _child(node, "author", item.author)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap(entries: list[tuple[str, datetime]]) -> bytes:
    """A <urlset> with <loc> and <lastmod> (W3C datetime) for each URL."""
    root = ET.Element("urlset", {"xmlns": SITEMAP})
    for loc, lastmod in entries:
        url = _child(root, "url")
        _child(url, "loc", loc)
        _child(url, "lastmod", lastmod.isoformat())
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
