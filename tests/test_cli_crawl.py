"""`vigil init` and `vigil crawl` as a user runs them: the real CLI in a subprocess,
crawling the mirror, analysing what it stores."""

from __future__ import annotations

import pytest
from conftest import run_vigil

import store
from mirror import Mirror


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    # One crawl shared by the tests below; the last one moves the mirror on to phase 2.
    vigil_home = tmp_path_factory.mktemp("home")
    with Mirror() as mirror:
        sources = vigil_home / "sources.toml"
        sources.write_text(mirror.sources_toml())
        (vigil_home / "vigil.toml").write_text(
            f'[crawl]\nsources = "{sources}"\ndownload_delay = 0\n'
            "allow_private_networks = true\nworkers = 1\n")
        run_vigil(vigil_home, "init")
        first = run_vigil(vigil_home, "crawl")
        yield mirror, vigil_home, first


def test_crawl_prints_progress_and_a_summary_per_source(crawled):
    mirror, home, result = crawled
    for source in ("viasna-en", "salidarnast", "ohchr-wgad", "baj", "pen-belarus"):
        assert source in result.stdout
    assert "new" in result.stdout and "unchanged" in result.stdout
    assert "200" in result.stderr, "progress lines show each response"


def test_crawl_analyses_every_stored_article(crawled):
    mirror, home, _ = crawled
    db = store.open_corpus(home / "corpus.db")
    try:
        expected = {a.url: set(a.persons) for a in mirror.expected_articles()}
        found: dict[str, set[int]] = {url: set() for url in expected}
        for row in store.rows(db, "SELECT articles.url, mentions.prisoner_id FROM mentions "
                                  "JOIN articles ON articles.id = mentions.article_id"):
            found[row["url"]].add(row["prisoner_id"])
        pending = store.scalar(db, "SELECT COUNT(*) FROM articles WHERE analysed_hash IS NOT "
                                   "COALESCE(text_hash, '') OR alerted_hash IS NOT analysed_hash")
    finally:
        db.close()
    assert pending == 0
    missed = {url: expected[url] - found[url] for url in expected if expected[url] - found[url]}
    assert not missed, f"listed persons not found: {missed}"


def test_second_crawl_adds_nothing_and_phase_two_is_picked_up(crawled):
    mirror, home, _ = crawled
    run_vigil(home, "crawl", "--quiet")
    db = store.open_corpus(home / "corpus.db")
    before = store.scalar(db, "SELECT COUNT(*) FROM articles")
    db.close()
    assert before == len(mirror.expected_articles(1))
    mirror.publish_phase(2)
    run_vigil(home, "crawl", "--quiet")
    db = store.open_corpus(home / "corpus.db")
    urls = {r["url"] for r in store.rows(db, "SELECT url FROM articles")}
    db.close()
    assert urls == {a.url for a in mirror.expected_articles(2)}


def test_errors_are_one_clear_line(vigil_home):
    bad = vigil_home / "bad.toml"
    bad.write_text('[[source]]\nid = "x"\nname = "X"\norg = "ngo"\nlanguages = ["en"]\n'
                   'kind = "rss"\nurl = "https://example.org/rss"\n'
                   'allowed_domains = ["example.org"]\ninterval_minutes = 5\n')
    result = run_vigil(vigil_home, "crawl", "--sources", str(bad), check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"vigil: error: {bad}: source x: field 'kind' must be one of feed, listing, sitemap"]
    result = run_vigil(vigil_home, "crawl", "no-such-source", check=False)
    assert result.returncode == 1 and "unknown source id: no-such-source" in result.stderr
