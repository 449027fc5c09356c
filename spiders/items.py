"""What spiders hand to the item pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Link:
    """An article link found in a feed, listing or sitemap."""

    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    summary: str | None = None
    author: str | None = None

    def as_row(self) -> dict:
        return {"url": self.url, "title": self.title, "published": self.published,
                "updated": self.updated}


@dataclass
class Page:
    """A downloaded article page or document, before and after extraction."""

    source_id: str
    url: str                      # canonical URL of the final response
    requested_url: str            # canonical URL that was requested (may redirect)
    body: bytes
    content_type: str             # 'html' | 'pdf'
    encoding: str | None          # declared encoding (headers or meta), if any
    link: Link
    source_languages: tuple[str, ...] = ()
    source_org: str | None = None
    fetched_at: str = ""
    validators: dict = field(default_factory=dict)  # ETag / Last-Modified of the response
    article: dict = field(default_factory=dict)    # filled by extraction
    analysis: dict | None = None                    # filled by an analysing worker task
    status: str = ""                                # filled by the store pipeline
    article_id: int | None = None
