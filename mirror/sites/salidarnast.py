"""Salidarnast: a blog-style site. SYNTHETIC STRUCTURE — nothing about the real
salidarnast.info is documented (source-structure.md §3), so the listing (/news, ?page=N,
<a rel="next">) and the post URLs (/post/<slug>) are invented for the mirror."""

from __future__ import annotations

import math

from ..render import html
from ..server import Response
from .base import Site, first

PAGE_SIZE = 3


class Salidarnast(Site):
    id = "salidarnast"
    name = "Salidarnast"
    robots_txt = "User-agent: *\nAllow: /\n"

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path in ("/", "/news"):
            page = first(query, "page", "1")
            return self.listing(int(page)) if page.isdigit() else None
        if path.startswith("/post/") and (article := self.find(path)):
            words = sum(len(p.split()) for p in article.body)
            return self.article_page("salidarnast_post.html.j2", article,
                                     read_minutes=max(1, math.ceil(words / 200)),
                                     views=20 + len(article.title) * 7)
        return None

    def listing(self, page: int) -> Response | None:
        items = self.articles()
        pages = max(1, math.ceil(len(items) / PAGE_SIZE))
        if not 1 <= page <= pages:
            return None
        shown = items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        return html("salidarnast_listing.html.j2", last_modified=self.stamp, lang="en",
                    article=None, items=shown, page=page, pages=pages)
