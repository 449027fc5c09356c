"""What every mirror site shares: access to the mirror's state and article pages."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Protocol

from ..catalog import Article
from ..render import html, text
from ..server import Response


class View(Protocol):
    """The part of the Mirror a site reads (phase, edits, addresses, validators)."""

    def base_url(self, site: str) -> str: ...
    def visible(self, site: str, *, lang: str | None = None,
                source: str | None = None) -> list[Article]: ...
    def is_edited(self, key: str) -> bool: ...
    def stamp(self, site: str) -> datetime: ...


class Site:
    """One fake "domain": routes paths to pages, feeds, listings and files."""

    id: ClassVar[str]
    name: ClassVar[str]
    robots_txt: ClassVar[str] = "User-agent: *\nDisallow:\n"

    def __init__(self, view: View) -> None:
        self.view = view

    @property
    def base(self) -> str:
        return self.view.base_url(self.id)

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def stamp(self) -> datetime:
        """Last-Modified of the site's indexes (feeds, listings, sitemaps)."""
        return self.view.stamp(self.id)

    def articles(self, **filters) -> list[Article]:
        return self.view.visible(self.id, **filters)

    def find(self, path: str) -> Article | None:
        return next((a for a in self.articles() if a.path == path), None)

    def robots(self) -> str:
        return self.robots_txt.format(base=self.base)

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        raise NotImplementedError

    def forbidden(self) -> Response:
        """What a blocked crawler sees (an nginx-style 403 page by default)."""
        page = ("<html><head><title>403 Forbidden</title></head><body><center>"
                "<h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>")
        return text(page, "text/html; charset=utf-8", status=403)

    def page_context(self, article: Article, latest: int = 5) -> dict:
        edited = self.view.is_edited(article.key)
        siblings = [a for a in self.articles(lang=article.lang)
                    if a.key != article.key and not a.robots_excluded]
        return {
            "article": article, "lang": article.lang, "site_name": self.name,
            "canonical": self.url(article.path), "paragraphs": article.paragraphs(edited),
            "published": article.published_at, "modified": article.modified_at(edited),
            "edited": edited, "description": article.summary(160),
            "image": article.extra.get("image", ""), "caption": article.extra.get("caption", ""),
            "latest": siblings[:latest],
        }

    def article_page(self, template: str, article: Article, **extra) -> Response:
        context = self.page_context(article) | extra
        edited = self.view.is_edited(article.key)
        return html(template, last_modified=article.changed_at(edited), **context)


def first(query: dict[str, list[str]], name: str, default: str = "") -> str:
    values = query.get(name)
    return values[0] if values else default
