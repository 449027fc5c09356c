"""The public Datasette answers researchers' questions: canned queries, search, labels, charts."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from datasette_fixtures import Client, _article, _mention, build, datasette_for

import store
from monitor.serve import load_metadata
from store import analysis, articles

KASHPUL_STEM = "Кашпул"


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    return build(tmp_path_factory.mktemp("queries") / "home", with_staff=False)


@pytest.fixture
def client(fixture):
    client = Client(datasette_for(fixture.home, staff=False))
    yield client
    client.close()


def month_of(published: str) -> str:
    return published[:7] + "-01"


def test_person_query_gathers_list_entry_mentions_events_and_un_documents(client, fixture):
    rows = client.rows("/corpus/person?id=964")
    assert rows[0]["what"] == "on the list"
    assert "Ales Bialiatski" in rows[0]["detail"] and "Алесь Бяляцкі" in rows[0]["detail"]
    assert rows[0]["url"] == "https://prisoners.spring96.org/en/person/ales-bialiatski"
    mentioned = {r["article_id"] for r in rows if r["what"] == "mention"}
    ids = fixture.ids
    assert mentioned == {ids["en"], ids["ru"], ids["wgad"], ids["evil"]}
    events = [r for r in rows if r["what"].startswith("event")]
    assert [(e["what"], e["article_id"]) for e in events] == [("event: sentenced", ids["ru"])]
    assert events[0]["detail"].startswith("10 years")
    un = [r for r in rows if r["what"].startswith("UN document")]
    assert [u["article_id"] for u in un] == [ids["wgad"]]
    assert "A/HRC/WGAD/2023/99" in un[0]["detail"]
    changes = [r["detail"] for r in rows if r["what"] == "status change"]
    assert changes == ["active -> former", "former -> active"]  # newest first
    dated = [r["date"] for r in rows[1:]]
    assert dated == sorted(dated, reverse=True)


def test_person_query_links_to_the_articles(client, fixture):
    page = client.get("/corpus/person?id=964")
    assert page.status_code == 200
    assert f'<a href="/corpus/articles/{fixture.ids["en"]}">{fixture.ids["en"]}</a>' in page.text
    assert 'href="https://spring96.org/en/news/900001"' in page.text
    article = client.get(f"/corpus/articles/{fixture.ids['en']}")
    assert article.status_code == 200 and "Lawyer visits Ales Bialiatski" in article.text


def test_find_person_by_part_of_a_name_in_any_script(client):
    for part in ("bialiat", "Бяляц", "Беляц"):
        rows = client.rows(f"/corpus/find_person?name={part}")
        assert [(r["prisoner_id"], r["articles"]) for r in rows] == [(964, 4)], part
    assert client.rows("/corpus/find_person?name=") == []
    page = client.get("/corpus/find_person?name=Kashpul")
    assert '<a href="/corpus/person?id=100001">100001</a>' in page.text


def test_person_query_for_an_unknown_id_is_empty(client):
    assert client.rows("/corpus/person?id=424242") == []


def test_mentions_by_month_counts_articles_per_month(client, fixture):
    rows = client.rows("/corpus/person_mentions_by_month?id=964")
    expected: dict[str, int] = {}
    for name in ("en", "ru", "wgad", "evil"):
        month = month_of(fixture.published[name])
        expected[month] = expected.get(month, 0) + 1
    assert {r["month"]: r["articles"] for r in rows} == expected
    assert [r["month"] for r in rows] == sorted(expected)


def test_articles_this_week_name_listed_persons_with_confidence(client, fixture):
    rows = client.rows("/corpus/articles_this_week")
    ids = fixture.ids
    # ru is ten days old; 'low' only has a surname-alone mention; 'old' is 40 days old.
    assert {r["article_id"] for r in rows} == {ids["en"], ids["be"], ids["evil"]}
    be = next(r for r in rows if r["article_id"] == ids["be"])
    assert be["persons"] == 2
    assert set(be["names"].split(",")) == {"Lidziya Kashpul", "Maryia Kalesnikava"}
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)


def test_most_mentioned_in_30_days(client):
    rows = client.rows("/corpus/most_mentioned_30_days")
    assert [(r["prisoner_id"], r["articles"]) for r in rows] == [
        (964, 3), (100001, 1), (215, 1)]
    assert rows[0]["sources"] == 2  # English and Russian Viasna
    page = client.get("/corpus/most_mentioned_30_days")
    assert '<a href="/corpus/person?id=964">964</a>' in page.text


def test_never_mentioned_lists_matchable_persons_without_mentions(client):
    rows = client.rows("/corpus/never_mentioned")
    assert [r["prisoner_id"] for r in rows] == [519, 110]  # active first
    active = client.rows("/corpus/never_mentioned?status=active")
    assert [r["prisoner_id"] for r in active] == [519]


def test_un_opinions_by_year_and_country(client):
    rows = client.rows("/corpus/un_opinions_by_year")
    assert rows == [{"year": 2023, "country": "Belarus", "kind": "wgad-opinion",
                     "documents": 1, "symbols": "A/HRC/WGAD/2023/99", "persons": 1}]
    listed = client.rows("/corpus/un_documents_with_persons")
    assert [(r["symbol"], r["persons"]) for r in listed] == [
        ("A/HRC/WGAD/2023/99", "Ales Bialiatski")]


def test_source_health_puts_failing_sources_first(client):
    rows = client.rows("/corpus/source_health")
    assert rows[0]["id"] == "ohchr-wgad"
    assert rows[0]["health"] == "failing" and rows[0]["consecutive_failures"] == 2
    by_id = {r["id"]: r for r in rows}
    assert by_id["viasna-en"]["health"] == "ok"
    assert by_id["viasna-en"]["articles"] == 4
    assert by_id["viasna-en"]["fetched_last_7_days"] == 4


def test_articles_per_source_per_week_covers_the_last_26_weeks(client, fixture):
    rows = client.rows("/corpus/articles_per_source_per_week")
    weeks = sorted({r["week"] for r in rows})
    assert len(weeks) == 26
    assert all(date.fromisoformat(w).weekday() == 0 for w in weeks)  # Mondays
    assert (date.fromisoformat(weeks[-1]) - date.fromisoformat(weeks[0])).days == 25 * 7
    assert sum(r["articles"] for r in rows) == len(fixture.ids) - 1  # the 200-day-old one is out
    sources = {"Viasna (English)", "Viasna (Russian)", "Viasna (Belarusian)"}
    assert {r["source"] for r in rows} == sources
    assert len(rows) == 26 * len(sources)  # empty weeks are there, as zeros
    newest = date.fromisoformat(fixture.published["evil"][:10])
    assert 0 <= (newest - date.fromisoformat(weeks[-1])).days <= 6


def test_every_canned_query_runs(client):
    params = {"id": "964", "status": "", "name": "Znak"}
    for name, query in load_metadata()["databases"]["corpus"]["queries"].items():
        args = "&".join(f"{p}={params[p]}" for p in query.get("params", []))
        response = client.get(f"/corpus/{name}.json?{args}")
        assert response.status_code == 200, (name, response.text[:300])
        assert response.json()["ok"] is True, name


def test_search_for_a_cyrillic_stem_finds_the_inflected_form(client, fixture):
    rows = client.rows(f"/corpus/articles?_search={KASHPUL_STEM}")
    assert [r["id"] for r in rows] == [fixture.ids["be"]]
    assert "Кашпуля" in rows[0]["text"]
    page = client.get(f"/corpus/articles?_search={KASHPUL_STEM}")
    assert page.status_code == 200 and "Праваабаронцы нагадалі" in page.text


def test_search_finds_a_latin_name_part(client, fixture):
    rows = client.rows("/corpus/articles?_search=Bialiat")
    ids = fixture.ids
    assert {r["id"] for r in rows} == {ids["en"], ids["wgad"], ids["evil"]}


def test_foreign_keys_show_names_not_numbers(client):
    data = client.get("/corpus/mentions.json?_labels=on&_shape=array&prisoner_id=964").json()
    assert {row["prisoner_id"]["label"] for row in data} == {"Ales Bialiatski"}
    assert "Lawyer visits Ales Bialiatski" in {row["article_id"]["label"] for row in data}
    articles = client.get("/corpus/articles.json?_labels=on&_shape=array").json()
    assert {row["source_id"]["label"] for row in articles} >= {"Viasna (English)"}


def test_tables_have_default_facets(client):
    data = client.get("/corpus/articles.json").json()
    assert {"source_id", "language"} <= set(data["facet_results"])
    prisoners = client.get("/corpus/prisoners.json").json()
    assert {"status", "origin"} <= set(prisoners["facet_results"])
    events = client.get("/corpus/events.json").json()
    assert "type" in events["facet_results"]


def test_articles_are_sorted_newest_first(client):
    rows = client.rows("/corpus/articles")
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)


def test_plumbing_tables_are_hidden_from_lists_but_not_secret(client):
    tables = {t["name"]: t for t in client.get("/corpus.json").json()["tables"]}
    for name in ("http_validators", "frontier", "articles_fts", "articles_trigram",
                 "articles_trigram_data", "articles_fts_idx"):
        assert tables[name]["hidden"] is True, name
    assert tables["articles"]["hidden"] is False
    assert client.get("/corpus/frontier").status_code == 200


def test_metadata_describes_every_public_table_and_column(fixture):
    described = load_metadata()["databases"]["corpus"]["tables"]
    conn = sqlite3.connect(fixture.corpus_path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'articles_trigram%'")]
    for table in tables:
        assert described.get(table, {}).get("description"), f"{table} has no description"
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        missing = set(columns) - set(described[table].get("columns", {}))
        assert not missing, f"{table}: columns without description: {sorted(missing)}"
    conn.close()


def test_licence_and_sources_are_stated(client):
    home = client.get("/")
    assert "Viasna" in home.text and "publisher" in home.text
    meta = client.get("/-/metadata.json").json()
    assert meta["license"] and meta["source_url"].startswith("https://prisoners.spring96.org")
    prisoners = meta["databases"]["corpus"]["tables"]["prisoners"]
    assert "Viasna" in prisoners["description"] and "Vigil" in prisoners["description"]


def test_no_scraped_column_is_rendered_as_markdown(client):
    ds = client.ds
    for table in [*load_metadata()["databases"]["corpus"]["tables"], None]:
        config = ds.plugin_config("datasette-render-markdown", database="corpus", table=table)
        assert config == {"patterns": [], "columns": []}, table


def test_person_page_carries_the_mentions_chart(client):
    page = client.get("/corpus/person?id=964")
    assert "/-/static-plugins/datasette_dashboards/vega-embed.min.js" in page.text
    assert "/corpus/person_mentions_by_month.json" in page.text
    assert client.get("/-/static-plugins/datasette_dashboards/vega-lite.min.js").status_code == 200
    weekly = client.get("/corpus/articles_per_source_per_week")
    assert "/corpus/articles_per_source_per_week.json" in weekly.text
    plain = client.get("/corpus/articles")
    assert "vega-embed" not in plain.text


def test_chart_settings_are_valid_vega_lite_shapes():
    charts = load_metadata()["plugins"]["vigil"]["charts"]
    queries = load_metadata()["databases"]["corpus"]["queries"]
    for slug, chart in charts.items():
        assert chart["data"] in queries, slug
        assert set(chart["params"]) <= set(queries[chart["data"]].get("params", [])), slug
        assert {"mark", "encoding"} <= set(chart["spec"]), slug
        json.dumps(chart["spec"])



def test_public_dashboards_page_guides_to_the_charts(client):
    listing = client.get("/-/dashboards")
    assert listing.status_code == 200
    assert "Charts" in listing.text and "Staff review" not in listing.text
    guide = client.get("/-/dashboards/charts")
    assert guide.status_code == 200
    assert 'href="/corpus/person?id=964"' in guide.text
    assert client.get("/-/dashboards/staff-review").status_code == 404


def test_person_query_describes_a_un_document_known_without_its_symbol(tmp_path):
    """An NGO article reporting an opinion often gives neither symbol nor number."""
    fixture = build(tmp_path / "home", with_staff=False)
    text = "The Working Group found the detention of Maryia Kalesnikava arbitrary."
    article = _article("https://spring96.org/en/news/900099", "viasna-en",
                       "UN experts on Kalesnikava", text, "2026-01-10T08:00:00+00:00", "en")
    db = store.open_corpus(fixture.corpus_path)
    _, article_id = articles.save_article(db, article)
    analysis.save_analysis(db, article_id, article["text_hash"], {
        "mentions": [_mention(215, "Maryia Kalesnikava", text)],
        "un_document": {"kind": "wgad-opinion", "symbol": None, "number": None, "year": None,
                        "country": "Belarus", "finding": "arbitrary", "persons": [215]}})
    db.conn.close()
    client = Client(datasette_for(fixture.home, staff=False))
    try:
        un = [r for r in client.rows("/corpus/person?id=215")
              if r["what"].startswith("UN document")]
    finally:
        client.close()
    assert [r["detail"] for r in un] == ["Belarus, finding: arbitrary"]
