"""Two WordPress-like sites.

* baj.media (Belarusian Association of Journalists): posts at /en/<slug>/, discovered
  through /sitemap.xml (<urlset> with <lastmod>), which also lists two plain pages.
* penbelarus.org (PEN Belarus): posts at /en/YYYY/MM/DD/<slug>.html, discovered through
  the listing /en/category/news/. robots.txt disallows /en/drafts/, and the listing links
  one page there on purpose.
"""

from __future__ import annotations

import zlib

from ..feeds import XML_TYPE, sitemap
from ..render import html, redirect
from ..server import Response
from .base import Site

BAJ_PAGES = {
    "/en/about/": ("About us", "The Belarusian Association of Journalists is an independent "
                   "organisation of media workers that defends freedom of expression and "
                   "supports journalists who face persecution."),
    "/en/contacts/": ("Contacts", "Write to us through the contact form or the secure "
                      "channels listed on this page."),
}


def _post_id(key: str) -> int:
    return 20000 + zlib.crc32(key.encode()) % 60000


class WordPressSite(Site):
    chrome: dict

    def wp_page(self, template: str, **context) -> Response:
        items = [a for a in self.articles() if not a.robots_excluded]
        return html(template, last_modified=self.stamp, lang="en", chrome=self.chrome,
                    latest=items[:5], article=None, **context)

    def post(self, article) -> Response:
        items = self.articles()
        older = [a for a in items if a.published_at < article.published_at
                 and not a.robots_excluded]
        return self.article_page("wp_article.html.j2", article, chrome=self.chrome,
                                 post_id=_post_id(article.key),
                                 previous=older[0] if older else None)


class Baj(WordPressSite):
    id = "baj"
    name = "Belarusian Association of Journalists"
    robots_txt = ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                  "Sitemap: {base}/sitemap.xml\n")
    chrome = {
        "title": "Belarusian Association of Journalists",
        "tagline": "Defending freedom of speech since 1995",
        "menu": [("News", "/en/category/news/"), ("Monitoring", "/en/category/monitoring/"),
                 ("Journalists in prison", "/en/category/prisoners/"), ("About us", "/en/about/"),
                 ("Contacts", "/en/contacts/")],
        "cookies": "This website uses cookies to improve your experience.",
        "recent": "Recent posts", "donate_title": "Support BAJ",
        "donate": "Help us support journalists behind bars and their families.",
        "footer": "© Belarusian Association of Journalists. Materials may be reused with a link.",
        "category": "/en/category/news/", "category_label": "News",
    }

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path == "/":
            return redirect(self.url("/en/"), 302)
        if path == "/sitemap.xml":
            return self.sitemap()
        if path in ("/en/", "/en/category/news/"):
            return self.wp_page("wp_listing.html.j2", items=self.articles())
        if path in BAJ_PAGES:
            title, body = BAJ_PAGES[path]
            return self.wp_page("wp_page.html.j2", page_title=title, page_text=body)
        if article := self.find(path):
            return self.post(article)
        return None

    def sitemap(self) -> Response:
        entries = [(self.url(a.path), a.changed_at(self.view.is_edited(a.key)))
                   for a in self.articles()]
        oldest = min((moment for _, moment in entries), default=self.stamp)
        entries += [(self.url(path), oldest) for path in BAJ_PAGES]
        return Response(200, sitemap(entries), XML_TYPE, last_modified=self.stamp)


class PenBelarus(WordPressSite):
    id = "pen-belarus"
    name = "PEN Belarus"
    robots_txt = "User-agent: *\nDisallow: /wp-admin/\nDisallow: /en/drafts/\n"
    chrome = {
        "title": "PEN Belarus", "tagline": "Writers for freedom of expression",
        "menu": [("News", "/en/category/news/"), ("Writers in prison", "/en/category/prison/"),
                 ("Monitoring", "/en/category/monitoring/"), ("About PEN", "/en/about/")],
        "cookies": "We use cookies to keep this site running.",
        "recent": "Latest", "donate_title": "Write a letter",
        "donate": "A letter to a prisoner is a sign that they are not forgotten.",
        "footer": "© PEN Belarus. All rights reserved.",
        "category": "/en/category/news/", "category_label": "News",
    }

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path in ("/", "/en/"):
            return redirect(self.url("/en/category/news/"), 302)
        if path == "/en/category/news/":
            return self.wp_page("wp_listing.html.j2", items=self.articles())
        if path.endswith(".html") and (article := self.find(path)):
            return self.post(article)
        return None
