"""store.articles on a real SQLite file: new, unchanged, edited (versions), duplicates."""

from __future__ import annotations

import store
from spiders.extract import text_hash
from store import articles, sources


def _article(url, text, **extra):
    return {"url": url, "source_id": "viasna-en", "title": "A title", "text": text,
            "text_hash": text_hash(text), "content_type": "html", "extraction": "ok", **extra}


def _corpus(tmp_path):
    db = store.open_corpus(tmp_path / "corpus.db")
    sources.upsert_sources(db, [{
        "id": "viasna-en", "name": "Viasna", "org": "ngo", "languages": ["en"], "kind": "feed",
        "url": "https://spring96.org/en/rss", "homepage": "", "allowed_domains": ["spring96.org"],
        "interval_minutes": 30, "enabled": True, "note": ""}])
    return db


def test_new_unchanged_and_new_version(tmp_path):
    db = _corpus(tmp_path)
    status, first = articles.save_article(db, _article("https://spring96.org/en/news/1", "Old text."))
    assert status == "new"
    again = articles.save_article(db, _article("https://spring96.org/en/news/1", "Old   text."))
    assert again == ("unchanged", first), "whitespace differences are not an edit"
    status, same = articles.save_article(db, _article("https://spring96.org/en/news/1", "New text."))
    assert (status, same) == ("updated", first)
    row = articles.get_article(db, first)
    assert row["text"] == "New text." and row["version"] == 2
    (old,) = articles.article_versions(db, first)
    assert old["version"] == 1 and old["text"] == "Old text."
    assert articles.article_count(db) == 1


def test_same_text_under_another_url_is_a_duplicate_alias(tmp_path):
    db = _corpus(tmp_path)
    _, first = articles.save_article(db, _article("https://spring96.org/en/news/1", "Same body."))
    status, same = articles.save_article(db, _article("https://spring96.org/en/news/9", "Same body."))
    assert (status, same) == ("duplicate", first)
    assert "https://spring96.org/en/news/9" in articles.known_urls(db)
    assert articles.article_count(db) == 1


def test_failed_reextraction_never_erases_good_text(tmp_path):
    db = _corpus(tmp_path)
    _, first = articles.save_article(db, _article("https://spring96.org/en/news/1", "Good text."))
    failed = _article("https://spring96.org/en/news/1", "", extraction="failed")
    failed["text_hash"] = None
    assert articles.save_article(db, failed) == ("unchanged", first)
    assert articles.get_article(db, first)["text"] == "Good text."


def test_trigram_search_finds_inflected_forms(tmp_path):
    db = _corpus(tmp_path)
    articles.save_article(db, _article("https://spring96.org/ru/news/5",
                                       "Суд приговорил Александра Кашпуля к 15 годам."))
    found = articles.search(db, "Кашпул")
    assert [r["url"] for r in found] == ["https://spring96.org/ru/news/5"]


def test_frontier_keeps_links_until_stored(tmp_path):
    db = _corpus(tmp_path)
    links = [{"url": f"https://spring96.org/en/news/{i}", "title": None, "published": None,
              "updated": None} for i in (1, 2)]
    articles.record_discovery(db, "viasna-en", links,
                              validator={"url": "https://spring96.org/en/rss", "etag": '"v1"',
                                         "last_modified": None})
    assert len(articles.pending_links(db, "viasna-en", 3)) == 2
    articles.save_article(db, _article("https://spring96.org/en/news/1", "Body one."))
    pending = articles.pending_links(db, "viasna-en", 3)
    assert [p["url"] for p in pending] == ["https://spring96.org/en/news/2"]
    assert sources.validators(db, "https://spring96.org/en/rss")["etag"] == '"v1"'
