"""tsikhanouskaya.org (Office of Sviatlana Tsikhanouskaya): /<lang>/news/ listings linking
/<lang>/news/<15 hex chars>.html, plus WordPress shortlinks /?p=<id> that answer 301 with
the canonical page (source-structure.md §6). The English listing features one story by
its shortlink, so a crawler meets the same story under two URLs."""

from __future__ import annotations

import re

from ..render import html, redirect
from ..server import Response
from .base import Site, first

UI = {
    "en": {
        "office": "Office of Sviatlana Tsikhanouskaya", "news": "News", "last_news": "Last news",
        "menu": [("News", "/en/news/"), ("Office", "/en/office/"),
                 ("New Belarus", "/en/new-belarus/"), ("Partners", "/en/partners/"),
                 ("Support", "/en/support/"), ("Contacts", "/en/contacts/")],
        "cookies": "This site uses cookies.", "accept": "Got it", "share": "Share this news",
    },
    "ru": {
        "office": "Офис Светланы Тихановской", "news": "Новости",
        "last_news": "Последние новости",
        "menu": [("Новости", "/ru/news/"), ("Офис", "/ru/office/"),
                 ("Новая Беларусь", "/ru/new-belarus/"), ("Партнёры", "/ru/partners/"),
                 ("Поддержать", "/ru/support/"), ("Контакты", "/ru/contacts/")],
        "cookies": "Сайт использует файлы cookie.", "accept": "Понятно",
        "share": "Поделиться новостью",
    },
}

STORY = re.compile(r"^/(en|ru)/news/[0-9a-f]{15}\.html$")
LISTING = re.compile(r"^/(en|ru)/news/?$")


class Tsikhanouskaya(Site):
    id = "tsikhanouskaya"
    name = "Office of Sviatlana Tsikhanouskaya"
    robots_txt = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path == "/" and (post_id := first(query, "p")):
            return self.shortlink(post_id)
        if path == "/":
            return redirect(self.url("/en/news/"), 302)
        if match := LISTING.match(path):
            return self.listing(match[1])
        if STORY.match(path) and (article := self.find(path)):
            return self.article_page("tsikh_article.html.j2", article, ui=UI[article.lang])
        return None

    def shortlink(self, post_id: str) -> Response | None:
        for article in self.articles():
            if str(article.extra.get("shortlink")) == post_id:
                return redirect(self.url(article.path), 301)
        return None

    def listing(self, lang: str) -> Response:
        items = self.articles(lang=lang)
        featured = next((a for a in items if a.extra.get("shortlink")), None)
        return html("tsikh_listing.html.j2", last_modified=self.stamp, lang=lang, ui=UI[lang],
                    article=None, items=items, featured=featured)
