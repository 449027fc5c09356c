"""Check and complete an extracted article before it is stored."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from ..dates import normalise_date

KNOWN_LANGUAGES = {"en", "ru", "be", "be-latn"}
MAX_TEXT = 2_000_000


def _language(declared: str | None, source_languages) -> str | None:
    if declared:
        declared = declared.lower()
        if declared in KNOWN_LANGUAGES:
            return declared
        base = declared.split("-")[0]
        if base in KNOWN_LANGUAGES:
            return "be-latn" if declared in ("be-latn", "be-latin") else base
    return source_languages[0] if len(source_languages) == 1 else None


class ValidatePipeline:
    def process_item(self, page):
        if not page.url or not page.source_id:
            raise DropItem("page without URL or source")
        article = page.article
        article.setdefault("title", None)
        article["language"] = _language(article.get("language"), page.source_languages)
        article["published"] = normalise_date(article.get("published"))
        text = article.get("text") or ""
        if len(text) > MAX_TEXT:
            article["text"] = text[:MAX_TEXT]
            article["extraction_note"] = f"text cut at {MAX_TEXT} characters"
        if article.get("extraction") not in ("ok", "empty", "failed", "timeout"):
            article["extraction"] = "failed"
        return page
