"""Scraped text is data, never markup: escaped in pages, intact and inert in JSON and CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
from datasette_fixtures import IMG, JS_LINK, SCRIPT, Client, build, datasette_for

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
LIVE_IMG = re.compile(r"<img[^>]*onerror", re.IGNORECASE)
JS_HREF = re.compile(r"""(href|src)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    return build(tmp_path_factory.mktemp("escaping") / "home", with_staff=False)


@pytest.fixture
def client(fixture):
    client = Client(datasette_for(fixture.home, staff=False))
    yield client
    client.close()


def html_pages(fixture) -> list[str]:
    evil = fixture.ids["evil"]
    return [
        f"/corpus/articles/{evil}", "/corpus/articles", "/corpus/articles?_search=Bialiatski",
        "/corpus/articles_this_week", "/corpus/person?id=964", "/corpus/mentions",
        "/corpus/source_health", "/corpus/polls", "/corpus/sources",
        f"/corpus/mentions?article_id={evil}",
    ]


def assert_inert(page: str, where: str) -> None:
    assert SCRIPT not in page, f"raw <script> in {where}"
    assert not LIVE_IMG.search(page), f"live <img onerror> in {where}"
    assert not JS_HREF.search(page), f"javascript: link in {where}"


def test_scraped_markup_is_escaped_in_html_pages(client, fixture):
    for path in html_pages(fixture):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert_inert(response.text, path)
    article = client.get(f"/corpus/articles/{fixture.ids['evil']}").text
    assert ESCAPED_SCRIPT in article and ESCAPED_IMG in article
    assert JS_LINK in article  # shown as text, not as a link


def test_reflected_parameters_are_escaped(client):
    for path in (f"/corpus/articles?_search={SCRIPT}", f"/corpus/person?id={SCRIPT}",
                 f"/corpus/never_mentioned?status={IMG}"):
        response = client.get(path)
        assert response.status_code in (200, 400), path
        assert_inert(response.text, path)


def test_json_keeps_the_text_exact_and_is_served_as_json(client, fixture):
    response = client.get(f"/corpus/articles/{fixture.ids['evil']}.json?_shape=array")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    row = response.json()[0]
    assert row["title"] == f"{SCRIPT} Bialiatski {IMG}"
    assert row["url"] == JS_LINK


def test_csv_export_keeps_the_text_exact_and_is_never_html(client, fixture):
    for path in ("/corpus/articles.csv", "/corpus/articles_this_week.csv",
                 "/corpus/articles.csv?_dl=1"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "html" not in response.headers["content-type"], path
        assert response.headers["x-content-type-options"] == "nosniff"
        titles = {row["title"] for row in csv.DictReader(io.StringIO(response.text))}
        assert f"{SCRIPT} Bialiatski {IMG}" in titles, path


def test_pages_refuse_framing(client):
    response = client.get("/")
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
