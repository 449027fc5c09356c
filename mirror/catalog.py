"""The mirror's articles: loaded from the TOML files in ``mirror/content``.

Content (what the sites say) lives in data files; rendering lives in the site modules.
An article knows its site, its URL path, its phase (1 = online from the start, 2 = appears
on ``publish_phase(2)``) and optionally an edited version of one paragraph.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

CONTENT_DIR = Path(__file__).with_name("content")
LANGUAGES = ("en", "ru", "be", "be-latn")
PHASES = (1, 2)


class CatalogError(ValueError):
    """A content file is malformed; the message names the file and the article."""


@dataclass(frozen=True)
class Edit:
    modified: str
    paragraph: int
    text: str
    phrase: str


@dataclass(frozen=True)
class Article:
    key: str
    site: str
    source: str
    lang: str
    path: str
    title: str
    published: str
    author: str
    persons: tuple[int, ...]
    phase: int
    phrase: str
    body: tuple[str, ...]
    content_type: str = "html"
    edit: Edit | None = None
    robots_excluded: bool = False
    new_names: tuple[str, ...] = ()
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def published_at(self) -> datetime:
        return datetime.fromisoformat(self.published)

    def paragraphs(self, edited: bool = False) -> tuple[str, ...]:
        if not (edited and self.edit):
            return self.body
        body = list(self.body)
        body[self.edit.paragraph] = self.edit.text
        return tuple(body)

    def modified_at(self, edited: bool = False) -> datetime | None:
        return datetime.fromisoformat(self.edit.modified) if edited and self.edit else None

    def changed_at(self, edited: bool = False) -> datetime:
        """When this version of the article last changed (its Last-Modified)."""
        return self.modified_at(edited) or self.published_at

    def summary(self, limit: int = 220) -> str:
        first = self.body[0]
        if len(first) <= limit:
            return first
        return first[:limit].rsplit(" ", 1)[0] + "…"


_REQUIRED = ("key", "site", "source", "lang", "path", "title", "published", "author",
             "persons", "phase", "phrase", "body")
_KNOWN = set(_REQUIRED) | {"content_type", "edit", "robots_excluded", "new_names", "note"}


def _edit(raw: dict | None, body: list[str], where: str) -> Edit | None:
    if raw is None:
        return None
    edit = Edit(modified=raw["modified"], paragraph=int(raw["paragraph"]), text=raw["text"],
                phrase=raw["phrase"])
    if not 0 <= edit.paragraph < len(body):
        raise CatalogError(f"{where}: edit paragraph {edit.paragraph} out of range")
    if edit.phrase not in edit.text:
        raise CatalogError(f"{where}: edit phrase not in the edited paragraph")
    return edit


def _article(raw: dict, where: str) -> Article:
    missing = [name for name in _REQUIRED if name not in raw]
    if missing:
        raise CatalogError(f"{where}: missing {', '.join(missing)}")
    if raw["lang"] not in LANGUAGES or raw["phase"] not in PHASES:
        raise CatalogError(f"{where}: bad lang or phase")
    if not any(raw["phrase"] in paragraph for paragraph in raw["body"]):
        raise CatalogError(f"{where}: phrase {raw['phrase']!r} is not in the body")
    datetime.fromisoformat(raw["published"])  # raises on a malformed date
    return Article(
        key=raw["key"], site=raw["site"], source=raw["source"], lang=raw["lang"],
        path=raw["path"], title=raw["title"], published=raw["published"],
        author=raw["author"], persons=tuple(raw["persons"]), phase=raw["phase"],
        phrase=raw["phrase"], body=tuple(raw["body"]),
        content_type=raw.get("content_type", "html"),
        edit=_edit(raw.get("edit"), raw["body"], where),
        robots_excluded=raw.get("robots_excluded", False),
        new_names=tuple(raw.get("new_names", ())), note=raw.get("note", ""),
        extra={k: v for k, v in raw.items() if k not in _KNOWN},
    )


def _load_file(path: Path) -> list[Article]:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return [_article(raw, f"{path.name}: {raw.get('key', index)}")
            for index, raw in enumerate(data.get("article", []), start=1)]


@functools.cache
def load_catalog() -> tuple[Article, ...]:
    """Every article of every content file, newest first; keys and URLs are unique."""
    articles = [a for path in sorted(CONTENT_DIR.glob("*.toml")) for a in _load_file(path)]
    for ident in (lambda a: a.key, lambda a: (a.site, a.path)):
        seen = set()
        for article in articles:
            if ident(article) in seen:
                raise CatalogError(f"duplicate article: {ident(article)}")
            seen.add(ident(article))
    return tuple(sorted(articles, key=lambda a: a.published_at, reverse=True))


def by_key(key: str) -> Article:
    for article in load_catalog():
        if article.key == key:
            return article
    raise KeyError(key)
