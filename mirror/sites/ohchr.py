"""ohchr.org: Special Procedures press releases (/en/press-releases/YYYY/MM/<slug>) and WGAD
opinion PDFs (/sites/default/files/documents/issues/detention-wg/opinions/session<NN>/
a-hrc-wgad-<no>-<year>-belarus-aev.pdf). The WGAD listing page is SYNTHETIC: no real listing
URL is documented. A blocked crawler gets Cloudflare's "Just a moment..." challenge, as
scripts reportedly do on the real site (source-structure.md §4)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from ..pdfs import opinion_pdf
from ..render import html, redirect
from ..server import Response
from .base import Site

PRESS_LISTING = "/en/press-releases"
WGAD_LISTING = "/en/special-procedures/wg-arbitrary-detention/opinions"


class Ohchr(Site):
    id = "ohchr"
    name = "OHCHR"
    robots_txt = ("User-agent: *\nDisallow: /core/\nDisallow: /profiles/\nDisallow: /admin/\n"
                  "Disallow: /search/\nDisallow: /user/\n")

    def route(self, path: str, query: dict[str, list[str]]) -> Response | None:
        if path in ("/", "/en"):
            return redirect(self.url(PRESS_LISTING), 302)
        if path.rstrip("/") == PRESS_LISTING:
            return self.listing("ohchr-press", "ohchr_press_list.html.j2")
        if path.rstrip("/") == WGAD_LISTING:
            return self.listing("ohchr-wgad", "ohchr_wgad_list.html.j2")
        article = self.find(path)
        if article is None:
            return None
        if article.content_type == "pdf":
            return Response(200, opinion_pdf(article), "application/pdf",
                            last_modified=article.published_at)
        return self.article_page("ohchr_press.html.j2", article)

    def listing(self, source: str, template: str) -> Response:
        return html(template, last_modified=self.stamp, lang="en", article=None,
                    items=self.articles(source=source))

    def forbidden(self) -> Response:
        host = urlsplit(self.base).netloc
        ray = hashlib.sha1(host.encode()).hexdigest()[:16] + "-VIE"
        response = html("cloudflare_challenge.html.j2", status=403, host=host, ray=ray)
        response.headers.update({
            "Server": "cloudflare", "cf-mitigated": "challenge", "cf-ray": ray,
            "Cache-Control": "private, max-age=0, no-store, no-cache, must-revalidate",
        })
        return response
