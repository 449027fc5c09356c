"""spring96.org (Human Rights Center "Viasna"): /<lang>/news/<id> pages and /<lang>/rss feeds.

Article pages carry the schema.org-style metadata the real site exposes (datePublished,
dateModified, inLanguage, author, publisher). Feed links come in several spellings of one
URL (tracking parameters, https instead of the server's http) so that canonicalisation
is exercised.
"""

from __future__ import annotations

import re
from html import escape

from ..feeds import RSS_TYPE, FeedItem, rss
from ..render import html, redirect
from ..server import Response
from .base import Site

UI = {
    "en": {
        "org": "The Human Rights Center “Viasna”", "home": "Home", "news": "News",
        "nav": ["News", "Political prisoners", "Monitoring", "Campaigns", "Publications",
                "About us"],
        "latest": "Latest news", "footer": ["Partnership", "Membership", "Contacts"],
        "cookies": "We use cookies to make this site work better.", "share": "Share",
        "updated": "Updated", "feed_title": "Viasna — news",
        "reprint": "Reprinting is allowed with a link to spring96.org.",
    },
    "ru": {
        "org": "Правозащитный центр «Весна»", "home": "Главная", "news": "Новости",
        "nav": ["Новости", "Политзаключённые", "Мониторинг", "Кампании", "Публикации",
                "О нас"],
        "latest": "Последние новости", "footer": ["Партнёрство", "Членство", "Контакты"],
        "cookies": "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "share": "Поделиться", "updated": "Дополнено", "feed_title": "Весна — новости",
        "reprint": "Перепечатка разрешается со ссылкой на spring96.org.",
    },
    "be": {
        "org": "Праваабарончы цэнтр «Вясна»", "home": "Галоўная", "news": "Навіны",
        "nav": ["Навіны", "Палітвязні", "Маніторынг", "Кампаніі", "Публікацыі", "Пра нас"],
        "latest": "Апошнія навіны", "footer": ["Партнёрства", "Сяброўства", "Кантакты"],
        "cookies": "Мы выкарыстоўваем файлы cookie, каб сайт працаваў лепш.",
        "share": "Падзяліцца", "updated": "Дапоўнена", "feed_title": "Вясна — навіны",
        "reprint": "Перадрук дазваляецца са спасылкай на spring96.org.",
    },
}

NEWS = re.compile(r"^/(en|ru|be)/news/\d+$")
FEED = re.compile(r"^/(en|ru|be)/rss$")
HOME = re.compile(r"^/(en|ru|be)/?$")
TRACKING = {"utm": "?utm_source=rss&utm_medium=feed",
            "utm-campaign": "?utm_source=rss&utm_medium=feed&utm_campaign=news"}


class Spring96(Site):
    id = "spring96"
    name = "Viasna"
    robots_txt = "User-agent: *\nDisallow: /admin/\nDisallow: /search\nDisallow: /files/tmp/\n"

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path == "/":
            return redirect(self.url("/be/"), 302)
        if match := FEED.match(path):
            return self.feed(match[1])
        if match := HOME.match(path):
            return self.home(match[1])
        if NEWS.match(path) and (article := self.find(path)):
            return self.article_page("spring96_article.html.j2", article,
                                     ui=UI[article.lang])
        return None

    def feed_link(self, article) -> str:
        """The item link as the feed spells it (see the article's ``feed_link``)."""
        style = article.extra.get("feed_link", "plain")
        url = self.url(article.path)
        if style == "https":
            return "https" + url.removeprefix("http")
        return url + TRACKING.get(style, "")

    def feed(self, lang: str) -> Response:
        items = [FeedItem(title=a.title, link=self.feed_link(a),
                          description=f"<p>{escape(a.summary())}</p>",
                          published=a.published_at, guid=f"spring96-{a.path.rsplit('/', 1)[1]}")
                 for a in self.articles(lang=lang)]
        body = rss(UI[lang]["feed_title"], self.url(f"/{lang}/"), self.url(f"/{lang}/rss"),
                   UI[lang]["org"], lang, items, built=self.stamp)
        return Response(200, body, RSS_TYPE, last_modified=self.stamp)

    def home(self, lang: str) -> Response:
        items = self.articles(lang=lang)
        return html("spring96_home.html.j2", last_modified=self.stamp, lang=lang, ui=UI[lang],
                    items=items, latest=items[:5], article=None)
