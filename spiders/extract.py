"""Article text and metadata from a downloaded page (HTML via trafilatura, or PDF).

Runs in worker processes: it takes and returns plain dicts. Extraction yielding
nothing is a result ('empty'), not an error; a page that cannot be read is
'failed' with a note; both are stored so that nothing disappears silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import re

import trafilatura
from htmldate import find_date
from trafilatura import metadata as page_meta
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from .dates import normalise_date
from .encoding import decode_html
from .pdf import UnreadablePdf, pdf_text

MAX_HTML_CHARS = 3_000_000
# Less than this is a menu label or a caption, not an article.
MIN_TEXT_CHARS = 40
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normalise_text(text: str) -> str:
    text = text.replace("\x00", "").replace("\r\n", "\n")
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _result(page: dict, *, text: str = "", title=None, published=None, language=None,
            author=None, extraction="ok", note=None) -> dict:
    link = page.get("link") or {}
    text = normalise_text(text)
    if extraction == "ok" and len(text) < MIN_TEXT_CHARS:
        extraction, note = "empty", note or "extraction found no article text"
    return {
        "title": (title or link.get("title") or "").strip()[:500] or None,
        "published": normalise_date(link.get("published")) or normalise_date(published),
        "language": language,
        "author": (author or link.get("author") or None),
        "text": text,
        "text_hash": text_hash(text) if text else None,
        "content_type": page["content_type"],
        "extraction": extraction,
        "extraction_note": note,
        "entry_updated": normalise_date(link.get("updated")),
    }


def _date_params() -> dict:
    # A date in the page's own metadata beats one read from the URL: PEN Belarus URLs
    # carry a date that can differ from the article's.
    params = set_date_params(extensive=True)
    params["deferred_url_extractor"] = True
    return params


_AUTHOR_PATHS = ('//meta[@name="author"]/@content', '//meta[@property="article:author"]/@content',
                 '//*[@itemprop="author"]//*[@itemprop="name"]/@content',
                 '//*[@itemprop="author"]/@content')


def _page_author(tree) -> str | None:
    # The page's own byline metadata: trafilatura's author clean-up cuts organisation
    # names ("Office of Sviatlana Tsikhanouskaya" becomes "Office").
    for path in _AUTHOR_PATHS:
        found = [v.strip() for v in tree.xpath(path) if v.strip() and not v.startswith("http")]
        if found:
            return found[0][:200]
    return None


def _page_language(tree) -> str | None:
    lang = (tree.get("lang") or "").strip().lower()
    if not lang:
        found = tree.xpath('//meta[@http-equiv="content-language"]/@content')
        lang = found[0].strip().lower() if found else ""
    return lang.replace("_", "-") or None


def _page_metadata(tree, url: str | None, want_date: bool):
    """Title, author and date exactly as trafilatura's metadata pass finds them, minus
    what Vigil never uses (site name, categories, tags, licence: about a sixth of the
    extraction time) and minus the date search when the feed's date, which wins anyway,
    is known."""
    meta = page_meta.examine_meta(tree)
    if meta.author and " " not in meta.author:  # trafilatura's rule: one word is no byline
        meta.author = None
    with contextlib.suppress(Exception):  # guarded in trafilatura too (JSON-LD reader bugs)
        meta = page_meta.extract_meta_json(tree, meta)
    meta.title = meta.title or page_meta.extract_title(tree)
    meta.author = meta.author or page_meta.extract_author(tree)
    meta.date = None
    if want_date:
        meta.url = meta.url or page_meta.extract_url(tree, url)
        meta.date = find_date(tree, **{**_date_params(), "url": meta.url})
    meta.clean_and_trim()
    return meta


def extract_html(page: dict) -> dict:
    html, _ = decode_html(page["body"], page.get("encoding"))
    if len(html) > MAX_HTML_CHARS:
        return _result(page, extraction="failed",
                       note=f"page too large to extract ({len(html)} characters)")
    tree = load_html(html)
    if tree is None:
        return _result(page, extraction="failed", note="not parseable as HTML")
    language, author = _page_language(tree), _page_author(tree)
    document = trafilatura.bare_extraction(  # works on a copy of the tree
        tree, url=page.get("url"), with_metadata=False, include_comments=False,
        include_tables=True, fast=True, deduplicate=False)
    if document is None:
        return _result(page, language=language, extraction="empty",
                       note="trafilatura found no main text")
    feed_date = normalise_date((page.get("link") or {}).get("published"))
    meta = _page_metadata(tree, page.get("url"), want_date=not feed_date)
    return _result(page, text=document.text or "", title=meta.title,
                   published=meta.date, language=language,
                   author=author or meta.author)


def extract_document(page: dict) -> dict:
    """Worker task: extract one page. ``page`` holds body, content_type, encoding, url, link."""
    if page["content_type"] == "pdf":
        try:
            text, info = pdf_text(page["body"])
        except UnreadablePdf as exc:
            return _result(page, extraction="failed", note=str(exc))
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
        link_title = (page.get("link") or {}).get("title")
        return _result(page, text=text, title=info.title or link_title or first_line,
                       published=info.created, author=info.author)
    return extract_html(page)


def extract_task(page: dict) -> dict:
    """The default worker task: extraction only (analysis is plugged in by monitor/)."""
    return {"article": extract_document(page)}
