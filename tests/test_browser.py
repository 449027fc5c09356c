"""A person's view of the public site: real `vigil serve` + Debian's headless Chromium.

Opens the home page, searches the articles for a prisoner's name in Cyrillic, opens a
person's canned query with its chart and the weekly chart, and keeps screenshots in
tests/artifacts/. The home page and a person's page from the demo corpus (`vigil demo
--once`: the articles a newcomer sees, not this file's hostile fixtures) are copied to
docs/screenshots/ for the README when missing there, or always with VIGIL_UPDATE_SCREENSHOTS=1 (the dates in them change on
every run; committing them each time would only grow the repository).
Playwright only drives the system Chromium; it never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_vigil
from datasette_fixtures import build, start_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHART_TIMEOUT_MS = 20_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="no Chromium binary (install Debian's chromium; .ci/run does)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    fixture = build(tmp_path_factory.mktemp("browser") / "home", with_staff=False)
    server = start_server(fixture.home)
    yield fixture, server.base
    server.stop()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser-demo")
    run_vigil(home, "demo", "--once", timeout=300)
    server = start_server(home / "demo")
    yield server.base
    server.stop()


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=ARGS, headless=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.dialogs, page.errors = [], []  # an alert() here would be an XSS
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page
        context.close()


def shoot(page, name: str, *, publish: bool = False) -> None:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    published = SCREENSHOTS / f"{name}.png"
    if publish and (not published.exists() or os.environ.get("VIGIL_UPDATE_SCREENSHOTS")):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, published)


def wait_for_chart(page, slug: str):
    box = page.locator(f"#vigil-chart-{slug}")
    box.wait_for(state="attached", timeout=CHART_TIMEOUT_MS)
    page.wait_for_selector(f"#vigil-chart-{slug}[data-rendered='true'] svg.marks",
                           timeout=CHART_TIMEOUT_MS)
    return box


def test_home_page(site, browser_page):
    _, base = site
    browser_page.goto(base + "/")
    assert "Vigil" in browser_page.title()
    assert browser_page.get_by_text("Viasna", exact=False).first.is_visible()
    shoot(browser_page, "home", publish=True)


def test_search_for_a_cyrillic_name_finds_the_article(site, browser_page):
    fixture, base = site
    browser_page.goto(base + "/corpus/articles")
    browser_page.fill("input[name=_search]", "Кашпул")
    browser_page.press("input[name=_search]", "Enter")
    browser_page.wait_for_url("**_search=*")
    table = browser_page.locator("table.rows-and-columns")
    assert table.locator("tbody tr").count() == 1
    assert "Праваабаронцы нагадалі пра палітвязняў" in table.inner_text()
    shoot(browser_page, "search")
    browser_page.click(f"table.rows-and-columns a[href$='/articles/{fixture.ids['be']}']")
    assert "Кашпуля" in browser_page.locator("body").inner_text()


def test_person_query_with_its_chart(site, browser_page):
    fixture, base = site
    browser_page.goto(base + "/corpus/person?id=964")
    box = wait_for_chart(browser_page, "person-mentions")
    bars = box.locator("svg path[aria-roledescription='bar']")
    months = {p[:7] for name, p in fixture.published.items()
              if name in ("en", "ru", "wgad", "evil")}
    assert bars.count() == len(months)
    rows = browser_page.locator("table.rows-and-columns tbody tr")
    assert rows.count() >= 8
    assert "Lawyer visits Ales Bialiatski" in browser_page.locator("table").inner_text()
    shoot(browser_page, "person-fixture")


def test_demo_person_page_shows_one_person_across_scripts(demo_site, browser_page):
    browser_page.goto(demo_site + "/corpus/person?id=100001")   # Aliaksandr Kashpul
    wait_for_chart(browser_page, "person-mentions")
    table = browser_page.locator("table.rows-and-columns").inner_text()
    for surface in ("Александра Кашпуля", "Kašpula", "Aliaksandr Kashpul"):
        assert surface in table, surface
    assert "UN document: wgad_opinion" in table and "event: sentenced" in table
    shoot(browser_page, "person", publish=True)


def test_articles_per_source_per_week_chart(site, browser_page):
    _, base = site
    browser_page.goto(base + "/corpus/articles_per_source_per_week")
    box = wait_for_chart(browser_page, "articles-per-source-week")
    legend = box.locator("svg.marks").text_content()
    assert "Viasna (English)" in legend
    shoot(browser_page, "articles-per-source-week")


def test_scraped_script_never_runs(site, browser_page):
    fixture, base = site
    for path in (f"/corpus/articles/{fixture.ids['evil']}", "/corpus/articles_this_week",
                 "/corpus/person?id=964", "/corpus/source_health"):
        browser_page.goto(base + path)
        browser_page.wait_for_load_state("networkidle")
    assert browser_page.dialogs == []
    assert browser_page.errors == []
    shoot(browser_page, "hostile-text")
