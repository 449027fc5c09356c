"""news.un.org: RSS /feed/subscribe/en/news/all/rss.xml whose item links point at
/feed/view/en/story/YYYY/MM/<id>; those answer 301 with the canonical
/en/story/YYYY/MM/<id> (source-structure.md §7)."""

from __future__ import annotations

import re

from ..feeds import RSS_TYPE, FeedItem, rss
from ..render import redirect
from ..server import Response
from .base import Site

FEED = "/feed/subscribe/en/news/all/rss.xml"
VIEW = re.compile(r"^/feed/view(/en/story/\d{4}/\d{2}/\d+)$")
STORY = re.compile(r"^/en/story/\d{4}/\d{2}/\d+$")


class UnNews(Site):
    id = "un-news"
    name = "UN News"
    robots_txt = "User-agent: *\nDisallow: /search\nDisallow: /user/\n"

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path == FEED:
            return self.feed()
        if match := VIEW.match(path):
            return redirect(self.url(match[1]), 301) if self.find(match[1]) else None
        if STORY.match(path) and (article := self.find(path)):
            return self.article_page("unnews_story.html.j2", article)
        return None

    def feed(self) -> Response:
        items = [FeedItem(title=a.title, link=self.url("/feed/view" + a.path),
                          description=a.summary(), published=a.published_at,
                          guid=a.path.rsplit("/", 1)[1] + " at https://news.un.org")
                 for a in self.articles(lang="en")]
        body = rss("UN News - Global perspective Human stories", self.url("/en/"),
                   self.url(FEED), "UN News produces daily news content in Arabic, Chinese, "
                   "English, French, Kiswahili, Portuguese, Russian and Spanish.", "en",
                   items, built=self.stamp)
        return Response(200, body, RSS_TYPE, last_modified=self.stamp)
